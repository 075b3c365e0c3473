/// Joins its inputs along one axis (Keras's `Concatenate`, default the last axis); every other
/// axis must match.
///
/// ```swift
/// let merged = try Concatenate()([branchA, branchB])   // (None, 8) and (None, 4) -> (None, 12)
/// ```
public final class Concatenate: Layer {
    /// The axis to join along.
    public let axis: Int

    /// Makes a concatenation along `axis`.
    public init(axis: Int = -1, name: String? = nil, dtype: DType = .float32) {
        self.axis = axis
        super.init(name: name, dtype: dtype)
        supportsMasking = true
    }

    override public func build(inputShapes: [TensorShape]) throws {
        _ = try outputShape(inputShapes)
    }

    override public func call(_ inputs: [Tensor], training: Bool, masks: [Tensor?]) throws -> [Tensor] {
        _ = try outputShape(inputs.map(\.shape.asTensorShape))
        return [KerasCore.concatenate(inputs, axis: axis)]
    }

    override public func computeOutputShapes(_ inputShapes: [TensorShape]) throws -> [TensorShape] {
        [try outputShape(inputShapes)]
    }

    override public func computeMask(_ inputs: [Tensor], masks: [Tensor?]) throws -> [Tensor?] {
        guard masks.contains(where: { $0 != nil }) else { return [nil] }
        // Each input's mask over all but its last axis (ones where it has none), joined along
        // the axis, then reduced over the last axis as Keras does.
        let full = zip(inputs, masks).map { x, m -> Tensor in
            let shape = Array(x.shape.dropLast())
            let base = m ?? Tensor.ones(shape, dtype: .bool)
            return cast(base, to: .bool).expandingDimensions(axis: -1).broadcasted(to: shape + [x.shape.last ?? 1])
        }
        return [KerasCore.concatenate(full, axis: axis).all(axes: [-1])]
    }

    private func outputShape(_ shapes: [TensorShape]) throws -> TensorShape {
        guard shapes.count >= 1 else {
            throw KerasError(.invalidArgument, "Layer \"\(name)\" (Concatenate) needs at least one input.")
        }
        let rank = shapes[0].count
        guard let a = Shape.normalizedAxis(axis, rank: rank) else {
            throw KerasError(.invalidArgument, "Layer \"\(name)\" (Concatenate) has axis=\(axis), out of range for inputs of rank \(rank).")
        }
        var result = shapes[0]
        for shape in shapes.dropFirst() {
            let compatible = shape.count == rank && (0..<rank).allSatisfy { i in
                i == a || result[i] == nil || shape[i] == nil || result[i] == shape[i]
            }
            guard compatible else {
                throw KerasError(.incompatibleShape, "Layer \"\(name)\" (Concatenate) requires inputs with matching shapes except for the concatenation axis \(axis). Received shapes \(shapes.map(\.kerasDescription).joined(separator: ", ")).")
            }
            for i in 0..<rank where i != a && result[i] == nil { result[i] = shape[i] }
            if let x = result[a], let y = shape[a] { result[a] = x + y } else { result[a] = nil }
        }
        return result
    }

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["axis"] = .int(axis)
        return config
    }
}

extension Concatenate: KerasSerializable {
    /// Concatenate's config keys (Keras 3.15).
    public static let kerasConfigKeys = ["axis", "activity_regularizer"]

    /// Rebuilds a Concatenate layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for an `axis` that is not an integer.
    public convenience init(config: LayerConfig) throws {
        self.init(axis: try config.int("axis", default: -1), name: config.name, dtype: config.dtype)
        trainable = config.trainable
    }
}
