/// A densely connected layer: `activation(x · kernel + bias)` (Keras's `Dense`).
///
/// Weights: `kernel` of shape `[inputDim, units]`, then `bias` of shape `[units]`. Inputs of
/// rank above 2 are multiplied along their last axis.
///
/// ```swift
/// let layer = try Dense(64, activation: .relu)
/// let y = try layer(Tensor.ones([8, 32]))   // [8, 64]
/// ```
public final class Dense: Layer {
    /// The size of the last output axis.
    public let units: Int
    /// Applied to the output.
    public let activation: Activation
    /// Whether a bias is added.
    public let useBias: Bool
    /// How the kernel starts.
    public let kernelInitializer: Initializer
    /// How the bias starts.
    public let biasInitializer: Initializer
    /// A penalty on the kernel, added to ``Layer/losses``.
    public let kernelRegularizer: Regularizer?
    /// A penalty on the bias.
    public let biasRegularizer: Regularizer?
    /// A projection of the kernel after each update.
    public let kernelConstraint: Constraint?
    /// A projection of the bias after each update.
    public let biasConstraint: Constraint?

    /// The kernel, `[inputDim, units]` (after build).
    public private(set) var kernel: Variable?
    /// The bias, `[units]` (after build, when `useBias`).
    public private(set) var bias: Variable?

    /// Makes a Dense layer; `activityRegularizer` penalizes its output (see
    /// ``Layer/activityRegularizer``).
    ///
    /// - Throws: ``KerasError`` when `units` is not positive.
    public init(_ units: Int, activation: Activation = .linear, useBias: Bool = true,
                kernelInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros,
                kernelRegularizer: Regularizer? = nil, biasRegularizer: Regularizer? = nil,
                activityRegularizer: Regularizer? = nil,
                kernelConstraint: Constraint? = nil, biasConstraint: Constraint? = nil,
                name: String? = nil, dtype: DType = .float32, trainable: Bool = true) throws {
        guard units > 0 else {
            throw KerasError(.invalidArgument, "Dense expects a positive number of units, but received units=\(units). Use units >= 1.")
        }
        self.units = units
        self.activation = activation
        self.useBias = useBias
        self.kernelInitializer = kernelInitializer
        self.biasInitializer = biasInitializer
        self.kernelRegularizer = kernelRegularizer
        self.biasRegularizer = biasRegularizer
        self.kernelConstraint = kernelConstraint
        self.biasConstraint = biasConstraint
        super.init(name: name, dtype: dtype, trainable: trainable, activityRegularizer: activityRegularizer)
        inputSpec = [InputSpec(minRank: 2)]
        supportsMasking = true
    }

    override public func build(inputShape: TensorShape) throws {
        guard let last = inputShape.last, let inputDim = last else {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (Dense) needs the last axis of its input to be known, but received shape \(inputShape.kerasDescription).")
        }
        kernel = try addWeight(name: "kernel", shape: [inputDim, units], initializer: kernelInitializer,
                           regularizer: kernelRegularizer, constraint: kernelConstraint)
        if useBias {
            bias = try addWeight(name: "bias", shape: [units], initializer: biasInitializer,
                             regularizer: biasRegularizer, constraint: biasConstraint)
        }
        inputSpec = [InputSpec(minRank: 2, axes: [-1: inputDim])]
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        guard let kernel else { throw notBuilt(self) }
        var y = matmul(input, kernel.value)
        if let bias { y = y + bias.value }
        return activation(y)
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape {
        Array(inputShape.dropLast()) + [units]
    }

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["units"] = .int(units)
        config["activation"] = activation.kerasConfig
        config["use_bias"] = .bool(useBias)
        config["kernel_initializer"] = kernelInitializer.kerasConfig
        config["bias_initializer"] = biasInitializer.kerasConfig
        config["kernel_regularizer"] = kernelRegularizer?.kerasConfig ?? .null
        config["bias_regularizer"] = biasRegularizer?.kerasConfig ?? .null
        config["kernel_constraint"] = kernelConstraint?.kerasConfig ?? .null
        config["bias_constraint"] = biasConstraint?.kerasConfig ?? .null
        config["quantization_config"] = .null
        return config
    }
}

extension Dense: KerasSerializable {
    /// Dense's config keys (Keras 3.15).
    public static let kerasConfigKeys = [
        "units", "activation", "use_bias", "kernel_initializer", "bias_initializer", "kernel_regularizer",
        "bias_regularizer", "activity_regularizer", "kernel_constraint", "bias_constraint", "lora_rank",
        "lora_alpha", "quantization_config"]

    /// Rebuilds a Dense layer from its Keras config.
    public convenience init(config: LayerConfig) throws {
        try LayerConfig.refuse(config, ["lora_rank", "quantization_config"])
        try self.init(try config.int("units"), activation: config.activation("activation"),
                      useBias: config.bool("use_bias", default: true),
                      kernelInitializer: config.initializer("kernel_initializer", default: .glorotUniform),
                      biasInitializer: config.initializer("bias_initializer", default: .zeros),
                      kernelRegularizer: config.regularizer("kernel_regularizer"),
                      biasRegularizer: config.regularizer("bias_regularizer"),
                      kernelConstraint: config.constraint("kernel_constraint"),
                      biasConstraint: config.constraint("bias_constraint"),
                      name: config.name, dtype: config.dtype, trainable: config.trainable)
    }
}
