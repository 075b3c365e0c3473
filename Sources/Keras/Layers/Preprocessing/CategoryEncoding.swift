/// Encodes integer category indices in `0..<numTokens` as one-hot, multi-hot or count vectors
/// (Keras's `CategoryEncoding`). Outputs are in the layer's dtype (float32 by default).
///
/// Shapes follow Keras's JAX backend: `oneHot` appends a `numTokens` axis (after dropping a last
/// axis of size 1); `multiHot` and `count` fold axis 1 of the input (`[batch, n]` becomes
/// `[batch, numTokens]`, a vector `[n]` becomes `[numTokens]`). Indices outside `0..<numTokens`
/// contribute nothing.
///
/// ```swift
/// let encode = try CategoryEncoding(numTokens: 4, outputMode: .oneHot)
/// let y = try encode(Tensor([3, 2, 0, 1]))   // [4, 4], one 1 per row
/// ```
public final class CategoryEncoding: Layer {
    /// The number of categories, the size of the output's last axis.
    public let numTokens: Int
    /// `.oneHot`, `.multiHot` (the default) or `.count`.
    public let outputMode: OutputMode

    /// Makes the layer.
    ///
    /// - Parameters:
    ///   - numTokens: the number of categories; indices are expected in `0..<numTokens`.
    ///   - outputMode: `.multiHot` (the default), `.oneHot` or `.count`.
    ///   - name: the layer's name (`category_encoding`, ... by default).
    ///   - dtype: the dtype of the output.
    /// - Throws: ``KerasError`` when `numTokens` is below 1 or the mode is not one of those.
    public init(numTokens: Int, outputMode: OutputMode = .multiHot, name: String? = nil, dtype: DType = .float32) throws {
        try checkOutputMode(outputMode, allowed: [.count, .oneHot, .multiHot], layer: "CategoryEncoding")
        guard numTokens >= 1 else {
            throw KerasError(.invalidArgument, "CategoryEncoding: `num_tokens` must be >= 1. Received: num_tokens=\(numTokens).")
        }
        self.numTokens = numTokens
        self.outputMode = outputMode
        super.init(name: name, dtype: dtype)
    }

    /// Encodes `input` in `count` mode with each occurrence weighted by `countWeights` (the same
    /// shape as `input`); the output takes the weights' dtype (Keras's `count_weights`).
    ///
    /// - Throws: ``KerasError`` when the mode is not `.count` or the shapes differ.
    public func callAsFunction(_ input: Tensor, countWeights: Tensor) throws -> Tensor {
        guard outputMode == .count else {
            throw KerasError(.invalidArgument, "Layer \"\(name)\" (CategoryEncoding): `count_weights` is not used when `output_mode` is not `'count'`. Received output_mode=\"\(outputMode.rawValue)\".")
        }
        guard countWeights.shape == input.shape else {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (CategoryEncoding): `count_weights` must have the shape of the input \(input.shape.asTensorShape.kerasDescription), but received \(countWeights.shape.asTensorShape.kerasDescription).")
        }
        try checkInputs([input.shape.asTensorShape])
        let weights = countWeights.dtype.isFloatingPoint ? countWeights : cast(countWeights, to: dtype)
        return encodeCategorical(try indices(input), mode: .count, depth: numTokens, dtype: dtype, countWeights: weights)
    }

    private func indices(_ input: Tensor) throws -> Tensor {
        if input.dtype.isInteger { return input }
        return cast(input, to: .int64)
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        encodeCategorical(try indices(input), mode: outputMode, depth: numTokens, dtype: dtype)
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape {
        encodedShape(inputShape, mode: outputMode, depth: numTokens)
    }

    /// Keras's keys: `num_tokens` and `output_mode`.
    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["num_tokens"] = .int(numTokens)
        config["output_mode"] = .string(outputMode.rawValue)
        return config
    }
}

extension CategoryEncoding: KerasSerializable {
    /// CategoryEncoding's config keys (Keras 3.15).
    public static let kerasConfigKeys = ["num_tokens", "output_mode", "sparse"]

    /// Rebuilds the layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.unsupported` for `sparse=true`, `.invalidConfig` when
    ///   `num_tokens` is missing, and the errors of ``init(numTokens:outputMode:name:dtype:)``.
    public convenience init(config: LayerConfig) throws {
        try config.refuse("sparse", unless: false)
        try self.init(numTokens: config.int("num_tokens"),
                      outputMode: config.enumeration("output_mode", default: OutputMode.multiHot), name: config.name,
                      dtype: config.dtype)
        trainable = config.trainable
    }
}
