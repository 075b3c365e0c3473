/// Repeats a `[batch, features]` input `n` times along a new axis 1, giving
/// `[batch, n, features]` (Keras's `RepeatVector` layer).
///
/// ```swift
/// let layer = try RepeatVector(3)
/// let y = try layer(Tensor.ones([8, 32]))   // [8, 3, 32]
/// ```
public final class RepeatVector: Layer {
    /// The number of repetitions.
    public let n: Int

    /// Makes the layer.
    ///
    /// - Throws: ``KerasError`` when `n` is not positive.
    public init(_ n: Int, name: String? = nil, dtype: DType = .float32) throws {
        guard n > 0 else {
            throw KerasError(.invalidArgument, "RepeatVector expects a positive number of repetitions, but received n=\(n). Use n >= 1.")
        }
        self.n = n
        super.init(name: name, dtype: dtype)
        inputSpec = [InputSpec(rank: 2)]
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        input.expandingDimensions(axis: 1).repeated(n, axis: 1)
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape {
        [inputShape[0], n, inputShape[1]]
    }

    override public func computeOutputDType(_ inputDTypes: [DType]) -> DType { inputDTypes.first ?? dtype }

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["n"] = .int(n)
        return config
    }
}

extension RepeatVector: KerasSerializable {
    /// RepeatVector's config keys (Keras 3.15).
    public static let kerasConfigKeys = ["n", "activity_regularizer"]

    /// Rebuilds a RepeatVector layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` when `n` is missing, `.invalidArgument` when it is not
    ///   positive.
    public convenience init(config: LayerConfig) throws {
        try self.init(config.int("n"), name: config.name, dtype: config.dtype)
        trainable = config.trainable
    }
}
