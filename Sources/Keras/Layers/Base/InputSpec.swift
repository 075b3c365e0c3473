/// What a layer accepts as one input: its rank (exact, minimum or maximum), the size of given
/// axes, or a full shape. Checked on every call, symbolic or concrete, before any data flows
/// (Keras's `InputSpec`).
///
/// ```swift
/// // Dense after build: any rank >= 2 whose last axis is 64.
/// InputSpec(minRank: 2, axes: [-1: 64])
/// ```
public struct InputSpec: Sendable, Equatable {
    /// The exact rank, if fixed.
    public var rank: Int?
    /// The smallest rank accepted.
    public var minRank: Int?
    /// The largest rank accepted.
    public var maxRank: Int?
    /// Required sizes of given axes (negative axes count from the end).
    public var axes: [Int: Int]
    /// A full shape to match (`nil` entries match anything).
    public var shape: TensorShape?

    /// Makes a spec; every constraint is optional.
    public init(rank: Int? = nil, minRank: Int? = nil, maxRank: Int? = nil, axes: [Int: Int] = [:],
                shape: TensorShape? = nil) {
        self.rank = rank
        self.minRank = minRank
        self.maxRank = maxRank
        self.axes = axes
        self.shape = shape
    }

    /// Throws a ``KerasError`` naming `layer` when `shape` (input number `index`) does not fit.
    public func check(_ shape: TensorShape, input index: Int, layer: Layer) throws {
        let r = shape.count
        func fail(_ expected: String) -> KerasError {
            KerasError(.incompatibleShape,
                       "Input \(index) of layer \"\(layer.name)\" (\(layer.className)) is incompatible with the layer: expected \(expected), found ndim=\(r). Full shape received: \(shape.kerasDescription).")
        }
        if let rank, r != rank { throw fail("ndim=\(rank)") }
        if let minRank, r < minRank { throw fail("min_ndim=\(minRank)") }
        if let maxRank, r > maxRank { throw fail("max_ndim=\(maxRank)") }
        for (axis, size) in axes.sorted(by: { $0.key < $1.key }) {
            let a = axis < 0 ? axis + r : axis
            guard a >= 0 && a < r else { throw fail("an axis \(axis) of size \(size)") }
            if let actual = shape[a], actual != size {
                throw KerasError(.incompatibleShape,
                                 "Input \(index) of layer \"\(layer.name)\" (\(layer.className)) is incompatible with the layer: expected axis \(axis) of input shape to have value \(size), but received input with shape \(shape.kerasDescription).")
            }
        }
        if let expected = self.shape {
            let matches = expected.count == r && zip(expected, shape).allSatisfy { e, s in e == nil || s == nil || e == s }
            if !matches {
                throw KerasError(.incompatibleShape,
                                 "Input \(index) of layer \"\(layer.name)\" (\(layer.className)) is incompatible with the layer: expected shape=\(expected.kerasDescription), found shape=\(shape.kerasDescription).")
            }
        }
    }
}
