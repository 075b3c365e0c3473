/// Applies a layer to every time step of a sequence, with the same weights at every step
/// (Keras's `TimeDistributed`).
///
/// Input `[batch, timesteps, ...]`: the wrapped layer sees `[batch, ...]` once per step, and the
/// outputs are stacked back along axis 1. Weights: the wrapped layer's. A `[batch, timesteps]`
/// mask passes through, and each step's slice of it reaches the wrapped layer.
///
/// ```swift
/// let td = try TimeDistributed(Dense(3))
/// let y = try td(Tensor.ones([4, 10, 8]))   // [4, 10, 3]
/// ```
public final class TimeDistributed: Layer {
    /// The layer applied at each step.
    public let layer: Layer

    /// Wraps `layer`.
    public init(_ layer: Layer, name: String? = nil, dtype: DType? = nil, trainable: Bool = true) {
        self.layer = layer
        super.init(name: name, dtype: dtype ?? layer.dtype, trainable: trainable)
        supportsMasking = true
    }

    override public var sublayers: [Layer] { [layer] }

    /// Keras's `TimeDistributed.call` takes a `mask`, so saved graphs record `"mask": null` for it.
    override public class var kerasCallTakesMask: Bool { true }

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["layer"] = layer.kerasObject
        return config
    }

    /// The shape the wrapped layer sees: the input shape without its time axis.
    private func childShape(_ inputShape: TensorShape) throws -> TensorShape {
        guard inputShape.count >= 3 else {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (TimeDistributed) should be passed an input with at least 3 dimensions [batch, timesteps, ...], but received shape \(inputShape.kerasDescription).")
        }
        return [inputShape[0]] + Array(inputShape.dropFirst(2))
    }

    override public func build(inputShape: TensorShape) throws {
        try layer.buildIfNeeded([childShape(inputShape)])
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape {
        let child = try childShape(inputShape)
        try layer.checkInputs([child])
        let output = try LayerNaming.withScope(of: layer) { try layer.computeOutputShape(child) }
        return [output.first ?? nil, inputShape[1]] + Array(output.dropFirst())
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        let child = try childShape(input.shape.asTensorShape)
        try layer.checkInputs([child])
        if let mask {
            guard mask.rank >= 2, mask.shape[0] == input.shape[0], mask.shape[1] == input.shape[1] else {
                throw KerasError(.incompatibleShape, "Layer \"\(name)\" (TimeDistributed) received a mask of shape \(mask.shape.asTensorShape.kerasDescription) that is incompatible with the input shape \(input.shape.asTensorShape.kerasDescription). The first two dimensions of the mask (batch size and timesteps) must match the input's: (\(input.shape[0]), \(input.shape[1]), ...).")
            }
        }
        let rest = [TensorIndex](repeating: .all, count: input.rank - 2)
        let outputs = try (0..<input.shape[1]).map { t in
            let step = input.indexed([.all, .index(t)] + rest)
            let stepMask = mask.map { $0.indexed([.all, .index(t)] + [TensorIndex](repeating: .all, count: $0.rank - 2)) }
            return try LayerNaming.withScope(of: layer) {
                try layer.call([step], training: training, masks: [stepMask])[0]
            }
        }
        guard !outputs.isEmpty else {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (TimeDistributed) needs at least one time step, but received shape \(input.shape.asTensorShape.kerasDescription).")
        }
        return stack(outputs, axis: 1)
    }
}

extension TimeDistributed: KerasSerializable {
    /// TimeDistributed's config keys (Keras 3.15): `layer`, the serialized wrapped layer.
    public static let kerasConfigKeys = ["layer"]

    /// Rebuilds the wrapper from its Keras config, the wrapped layer through the registry.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` when `layer` is missing, and the registry's
    ///   errors for the wrapped layer.
    public convenience init(config: LayerConfig) throws {
        self.init(try config.layer("layer"), name: config.name, dtype: config.dtype, trainable: config.trainable)
    }
}
