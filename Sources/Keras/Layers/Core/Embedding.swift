/// Turns integer indices into dense vectors of a fixed size (Keras's `Embedding` layer).
///
/// Weights: `embeddings`, `[inputDim, outputDim]`, uniform in `[-0.05, 0.05]` by default. An
/// input `[batch, ...]` of indices in `0..<inputDim` gives `[batch, ..., outputDim]`. With
/// `maskZero`, index 0 is padding: the layer produces the mask `x != 0` for the layers after it
/// (so index 0 cannot be a real token, and `inputDim` should be the vocabulary size + 1).
///
/// ```swift
/// let embedding = try Embedding(inputDim: 1000, outputDim: 64, maskZero: true)
/// let y = try embedding(Tensor([3, 17, 0], shape: [1, 3]))   // [1, 3, 64]
/// ```
public final class Embedding: Layer {
    /// The vocabulary size: indices run over `0..<inputDim`.
    public let inputDim: Int
    /// The size of each vector.
    public let outputDim: Int
    /// How the table starts.
    public let embeddingsInitializer: Initializer
    /// A penalty on the table, added to ``Layer/losses``.
    public let embeddingsRegularizer: Regularizer?
    /// A projection of the table after each update.
    public let embeddingsConstraint: Constraint?
    /// Whether index 0 is padding, masked for the layers that follow.
    public let maskZero: Bool

    /// The table, `[inputDim, outputDim]` (after build).
    public private(set) var embeddings: Variable?

    /// Makes the layer.
    ///
    /// - Parameters:
    ///   - inputDim: the vocabulary size: indices run over `0..<inputDim`.
    ///   - outputDim: the size of each vector.
    ///   - embeddingsInitializer: how the table starts; `nil` for Keras's default,
    ///     uniform in `[-0.05, 0.05]`.
    ///   - embeddingsRegularizer: a penalty on the table, added to ``Layer/losses``.
    ///   - activityRegularizer: a penalty on the output vectors, added to ``Layer/losses`` after every
    ///     call (see ``Layer/activityRegularizer``).
    ///   - embeddingsConstraint: a projection of the table after each update.
    ///   - maskZero: whether index 0 is padding, masked for the layers that follow.
    ///   - name: the layer's name; the class's snake-case name, numbered, by default.
    ///   - dtype: the dtype of the table.
    ///   - trainable: whether the table is updated by training.
    /// - Throws: ``KerasError`` when `inputDim` or `outputDim` is not positive.
    public init(inputDim: Int, outputDim: Int, embeddingsInitializer: Initializer? = nil,
                embeddingsRegularizer: Regularizer? = nil, activityRegularizer: Regularizer? = nil,
                embeddingsConstraint: Constraint? = nil,
                maskZero: Bool = false, name: String? = nil, dtype: DType = .float32, trainable: Bool = true) throws {
        guard inputDim > 0 else {
            throw KerasError(.invalidArgument, "Embedding expects a positive inputDim, but received inputDim=\(inputDim). Use the vocabulary size (plus 1 with maskZero).")
        }
        guard outputDim > 0 else {
            throw KerasError(.invalidArgument, "Embedding expects a positive outputDim, but received outputDim=\(outputDim). Use the size of each embedding vector, such as 64.")
        }
        self.inputDim = inputDim
        self.outputDim = outputDim
        self.embeddingsInitializer = embeddingsInitializer ?? .randomUniform(min: -0.05, max: 0.05)
        self.embeddingsRegularizer = embeddingsRegularizer
        self.embeddingsConstraint = embeddingsConstraint
        self.maskZero = maskZero
        super.init(name: name, dtype: dtype, trainable: trainable, activityRegularizer: activityRegularizer)
        supportsMasking = maskZero
    }

    override public var producesMasks: Bool { maskZero }

    override public func build(inputShape: TensorShape) throws {
        embeddings = try addWeight(name: "embeddings", shape: [inputDim, outputDim], initializer: embeddingsInitializer,
                               regularizer: embeddingsRegularizer, constraint: embeddingsConstraint)
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        guard let embeddings else { throw notBuilt(self) }
        // Keras casts any index dtype other than int32/int64 to int32 (floats truncate).
        let indices = input.dtype == .int32 || input.dtype == .int64 ? input : cast(input, to: .int32)
        if indices.count > 0 {
            let low = indices.min().item(), high = indices.max().item()
            guard low >= 0, high < Double(inputDim) else {
                let bad = low < 0 ? low : high
                throw KerasError(.invalidArgument, "Layer \"\(name)\" (Embedding) received index \(Int(bad)), but its table has inputDim=\(inputDim) rows, so indices must lie in 0..<\(inputDim). Increase inputDim to the vocabulary size, or check the tokenizer.")
            }
        }
        return embeddings.value.take(indices, axis: 0)
    }

    override public func computeMask(_ inputs: [Tensor], masks: [Tensor?]) throws -> [Tensor?] {
        guard maskZero else { return [nil] }
        return [notEqual(inputs[0], Tensor.zeros([], dtype: inputs[0].dtype))]
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape {
        inputShape + [outputDim]
    }

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["input_dim"] = .int(inputDim)
        config["output_dim"] = .int(outputDim)
        config["embeddings_initializer"] = embeddingsInitializer.kerasConfig
        config["embeddings_regularizer"] = embeddingsRegularizer?.kerasConfig ?? .null
        config["activity_regularizer"] = activityRegularizer?.kerasConfig ?? .null
        config["embeddings_constraint"] = embeddingsConstraint?.kerasConfig ?? .null
        config["mask_zero"] = .bool(maskZero)
        config["quantization_config"] = .null
        return config
    }
}

extension Embedding: KerasSerializable {
    /// Embedding's config keys (Keras 3.15), with `input_length`, which Keras 2 wrote and
    /// Keras 3 ignores.
    public static let kerasConfigKeys = [
        "input_dim", "output_dim", "embeddings_initializer", "embeddings_regularizer", "embeddings_constraint",
        "mask_zero", "weights", "lora_rank", "lora_alpha", "quantization_config", "activity_regularizer",
        "input_length"]

    /// Rebuilds an Embedding layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.unsupported` for `weights`, `lora_rank`
    ///   or `quantization_config`; `.invalidConfig` when `input_dim` or `output_dim` is missing.
    public convenience init(config: LayerConfig) throws {
        try LayerConfig.refuse(config, ["weights", "lora_rank", "quantization_config"])
        try self.init(inputDim: config.int("input_dim"), outputDim: config.int("output_dim"),
                      embeddingsInitializer: config.initializer("embeddings_initializer", default: .randomUniform()),
                      embeddingsRegularizer: config.regularizer("embeddings_regularizer"),
                      embeddingsConstraint: config.constraint("embeddings_constraint"),
                      maskZero: config.bool("mask_zero", default: false),
                      name: config.name, dtype: config.dtype, trainable: config.trainable)
    }
}
