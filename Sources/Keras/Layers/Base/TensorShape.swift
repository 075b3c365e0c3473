/// A shape whose axes may be unknown until data flows: Keras's shape tuples with `None`.
///
/// `[nil, 28, 28, 1]` is a batch of 28×28 single-channel images of any batch size; Keras prints
/// it `(None, 28, 28, 1)`.
public typealias TensorShape = [Int?]

extension Array where Element == Int? {
    /// Keras's text for a shape: `(None, 32)`, `(5,)`, `()`.
    public var kerasDescription: String {
        let parts = map { $0.map(String.init) ?? "None" }
        if parts.count == 1 { return "(\(parts[0]),)" }
        return "(" + parts.joined(separator: ", ") + ")"
    }

    /// The shape with every unknown axis replaced by `fill` (used to probe a layer with data).
    func filled(with fill: Int) -> [Int] { map { $0 ?? fill } }
}

extension Array where Element == Int {
    /// The same shape with every axis known.
    public var asTensorShape: TensorShape { map { Optional($0) } }
}
