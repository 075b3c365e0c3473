/// Permutes the axes after the batch axis (Keras's `Permute` layer).
///
/// `dims` is 1-based, as in Keras: the batch axis 0 stays in place.
///
/// ```swift
/// let layer = try Permute([2, 1])
/// let y = try layer(Tensor.ones([8, 10, 64]))   // [8, 64, 10]
/// ```
public final class Permute: Layer {
    /// The new order of the non-batch axes, 1-based.
    public let dims: [Int]

    /// Makes the layer.
    ///
    /// - Throws: ``KerasError`` unless `dims` is a permutation of `1...dims.count`.
    public init(_ dims: [Int], name: String? = nil, dtype: DType = .float32) throws {
        guard dims.sorted() == Array(1..<(dims.count + 1)) else {
            throw KerasError(.invalidArgument, "Permute expects dims to be a permutation of 1...\(dims.count) (1-based, the batch axis excluded), but received dims=\(dims). For [batch, a, b], use [2, 1] to swap a and b.")
        }
        self.dims = dims
        super.init(name: name, dtype: dtype)
        inputSpec = [InputSpec(rank: dims.count + 1)]
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        input.transposed(axes: [0] + dims)
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape {
        [inputShape[0]] + dims.map { inputShape[$0] }
    }

    override public func computeOutputDType(_ inputDTypes: [DType]) -> DType { inputDTypes.first ?? dtype }

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["dims"] = LayerConfig.intsValue(dims)
        return config
    }
}

extension Permute: KerasSerializable {
    /// Permute's config keys (Keras 3.15).
    public static let kerasConfigKeys = ["dims", "activity_regularizer"]

    /// Rebuilds a Permute layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` when `dims` is missing, `.invalidArgument` when it is
    ///   not a permutation.
    public convenience init(config: LayerConfig) throws {
        guard let value = try config.optionalInts("dims") else {
            throw KerasError(.invalidConfig, "Permute \"\(config.name ?? "?")\" needs the config key \"dims\" (a list of 1-based axes), but the config has none.")
        }
        try self.init(value, name: config.name, dtype: config.dtype)
        trainable = config.trainable
    }
}
