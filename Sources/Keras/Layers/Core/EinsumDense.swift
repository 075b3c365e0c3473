/// A dense layer written as an Einstein summation of the input and a kernel (Keras's
/// `EinsumDense`): `activation(einsum(equation, x, kernel) + bias)`.
///
/// The equation has the form `"ab,bc->ac"` (input, kernel, output), optionally with `...` leading
/// the input and output (`"...b,bc->...c"`) or trailing them (`"ab...,bc->ac..."`). The kernel's
/// shape comes from the labels it shares with the input and the output; `outputShape` gives the
/// output's sizes after the batch axis (`nil` where they follow the input). `biasAxes` names the
/// output labels that get a bias.
///
/// Weights: `kernel`, then `bias` (when `biasAxes` is given), shaped as in Keras.
///
/// ```swift
/// // Multi-head projection: [batch, seq, 64] -> [batch, seq, 8 heads, 16]
/// let proj = try EinsumDense("abc,cde->abde", outputShape: [nil, 8, 16], biasAxes: "de")
/// let y = try proj(Tensor.ones([2, 10, 64]))   // kernel [64, 8, 16], bias [8, 16]
/// ```
public final class EinsumDense: Layer {
    /// The Einstein-summation equation, `"input,kernel->output"`.
    public let equation: String
    /// The output's sizes after the batch axis (`nil`: taken from the input).
    public let partialOutputShape: TensorShape
    /// Applied to the output.
    public let activation: Activation
    /// The output labels that get a bias (`nil`: no bias).
    public let biasAxes: String?
    /// How the kernel starts (`nil`: Glorot uniform with fans from the equation's axes, as Keras).
    public let kernelInitializer: Initializer?
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

    /// The kernel (after build).
    public private(set) var kernel: Variable?
    /// The bias (after build, when `biasAxes` is given).
    public private(set) var bias: Variable?

    private let parsed: EinsumDenseEquation

    /// Makes the layer.
    ///
    /// - Parameters:
    ///   - equation: `"ab,bc->ac"`, `"...b,bc->...c"` or `"ab...,bc->ac..."` forms.
    ///   - outputShape: the output sizes after the batch axis; `nil` entries follow the input.
    ///   - activation: applied to the output (linear by default).
    ///   - biasAxes: output labels to add a bias along, such as `"de"`.
    ///   - kernelInitializer: `nil` for Keras's default, Glorot uniform whose fans are the products
    ///     of the kernel sizes shared with the input and with the output.
    ///   - biasInitializer: how the bias starts (zeros by default).
    ///   - kernelRegularizer: a penalty on the kernel, added to ``Layer/losses``.
    ///   - biasRegularizer: a penalty on the bias.
    ///   - activityRegularizer: a penalty on the output, added to ``Layer/losses`` after every
    ///     call (see ``Layer/activityRegularizer``).
    ///   - kernelConstraint: a projection of the kernel after each update.
    ///   - biasConstraint: a projection of the bias after each update.
    ///   - name: the layer's name; the class's snake-case name, numbered, by default.
    ///   - dtype: the dtype of the weights and computation.
    ///   - trainable: whether the weights are updated by training.
    /// - Throws: ``KerasError`` when the equation has none of the accepted forms, or `biasAxes`
    ///   names a label that is not in the output.
    public init(_ equation: String, outputShape: TensorShape, activation: Activation = .linear,
                biasAxes: String? = nil, kernelInitializer: Initializer? = nil,
                biasInitializer: Initializer = .zeros, kernelRegularizer: Regularizer? = nil,
                biasRegularizer: Regularizer? = nil, activityRegularizer: Regularizer? = nil,
                kernelConstraint: Constraint? = nil, biasConstraint: Constraint? = nil,
                name: String? = nil, dtype: DType = .float32, trainable: Bool = true) throws {
        guard let parsed = EinsumDenseEquation(equation) else {
            throw KerasError(.invalidArgument, "Invalid einsum equation \"\(equation)\" for EinsumDense. Equations must be in the form [X],[Y]->[Z], ...[X],[Y]->...[Z], or [X]...,[Y]->[Z]... with letters as labels, such as \"abc,cd->abd\".")
        }
        if let biasAxes, let bad = biasAxes.first(where: { !parsed.output.contains($0) }) {
            throw KerasError(.invalidArgument, "EinsumDense: bias dimension '\(bad)' was requested, but is not part of the output spec \"\(String(parsed.output))\" of \"\(equation)\". Use letters of the output term in biasAxes.")
        }
        self.equation = equation
        self.parsed = parsed
        self.partialOutputShape = outputShape
        self.activation = activation
        self.biasAxes = biasAxes
        self.kernelInitializer = kernelInitializer
        self.biasInitializer = biasInitializer
        self.kernelRegularizer = kernelRegularizer
        self.biasRegularizer = biasRegularizer
        self.kernelConstraint = kernelConstraint
        self.biasConstraint = biasConstraint
        super.init(name: name, dtype: dtype, trainable: trainable, activityRegularizer: activityRegularizer)
    }

    /// Makes the layer with a single output size after the batch axis.
    ///
    /// ```swift
    /// let dense = try EinsumDense("ab,bc->ac", outputShape: 64, biasAxes: "c")
    /// ```
    public convenience init(_ equation: String, outputShape: Int, activation: Activation = .linear,
                            biasAxes: String? = nil, kernelInitializer: Initializer? = nil,
                            biasInitializer: Initializer = .zeros, name: String? = nil,
                            dtype: DType = .float32, trainable: Bool = true) throws {
        try self.init(equation, outputShape: [outputShape], activation: activation, biasAxes: biasAxes,
                      kernelInitializer: kernelInitializer, biasInitializer: biasInitializer,
                      name: name, dtype: dtype, trainable: trainable)
    }

    func shapes(_ inputShape: TensorShape) throws -> EinsumDenseShapes {
        try parsed.shapes(inputShape: inputShape, partialOutput: partialOutputShape, biasAxes: biasAxes, layer: name)
    }

    override public func build(inputShape: TensorShape) throws {
        let s = try shapes(inputShape)
        // As Keras: a variance-scaling initializer without fan axes (the default Glorot uniform
        // among them) takes its fans from the equation's input and output axes.
        let initializer = try withFanAxes(kernelInitializer ?? .glorotUniform, input: s.inputAxes, output: s.outputAxes)
        kernel = try addWeight(name: "kernel", shape: s.kernel, initializer: initializer,
                           regularizer: kernelRegularizer, constraint: kernelConstraint)
        if let biasShape = s.bias {
            bias = try addWeight(name: "bias", shape: biasShape, initializer: biasInitializer,
                             regularizer: biasRegularizer, constraint: biasConstraint)
        }
        inputSpec = [InputSpec(rank: inputShape.count)]
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        guard let kernel else { throw notBuilt(self) }
        try checkKernel(fits: input.shape.asTensorShape)
        var y = einsum(equation, input, kernel.value)
        if let bias { y = y + bias.value }
        return activation(y)
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape {
        try checkKernel(fits: inputShape)
        return try shapes(inputShape).output
    }

    /// Throws when the built kernel does not fit inputs of `inputShape` (a layer built, from a
    /// config's build shapes, for other inputs than it is called with).
    private func checkKernel(fits inputShape: TensorShape) throws {
        guard let kernel, let needed = try? shapes(inputShape).kernel, needed != kernel.shape else { return }
        throw KerasError(.incompatibleShape, "Layer \"\(name)\" (EinsumDense \"\(equation)\") has a kernel of shape \(Shape.describe(kernel.shape)), built for inputs of shape \(buildShapes?.first?.kerasDescription ?? "?"), but received an input of shape \(inputShape.kerasDescription), which needs a kernel of shape \(Shape.describe(needed)).")
    }

    /// `initializer` with `input_axes` and `output_axes` set when it is one of Keras's
    /// variance-scaling initializers with either left `null` (Keras's `_update_kernel_initializer`).
    private func withFanAxes(_ initializer: Initializer, input: [Int], output: [Int]) throws -> Initializer {
        guard initializer.isBuiltin, let i = initializer.config["input_axes"], let o = initializer.config["output_axes"],
              i.isNull || o.isNull else { return initializer }
        var config = initializer.config
        config["input_axes"] = LayerConfig.intsValue(input)
        config["output_axes"] = LayerConfig.intsValue(output)
        return try Initializer(keras: ["class_name": .string(initializer.className), "config": .object(config)])
    }

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["output_shape"] = ShapeConfig.value(partialOutputShape)
        config["equation"] = .string(equation)
        config["activation"] = activation.kerasConfig
        config["bias_axes"] = biasAxes.map { .string($0) } ?? .null
        config["kernel_initializer"] = (kernelInitializer ?? .glorotUniform).kerasConfig
        config["bias_initializer"] = biasInitializer.kerasConfig
        config["kernel_regularizer"] = kernelRegularizer?.kerasConfig ?? .null
        config["bias_regularizer"] = biasRegularizer?.kerasConfig ?? .null
        config["activity_regularizer"] = activityRegularizer?.kerasConfig ?? .null
        config["kernel_constraint"] = kernelConstraint?.kerasConfig ?? .null
        config["bias_constraint"] = biasConstraint?.kerasConfig ?? .null
        config["quantization_config"] = .null
        return config
    }
}

extension EinsumDense: KerasSerializable {
    /// EinsumDense's config keys (Keras 3.15).
    public static let kerasConfigKeys = [
        "equation", "output_shape", "activation", "bias_axes", "kernel_initializer", "bias_initializer",
        "kernel_regularizer", "bias_regularizer", "kernel_constraint", "bias_constraint", "lora_rank", "lora_alpha",
        "gptq_unpacked_column_size", "quantization_config", "activity_regularizer"]

    /// Rebuilds an EinsumDense layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.unsupported` for `lora_rank`,
    ///   `gptq_unpacked_column_size` or `quantization_config`; `.invalidConfig` when `equation`
    ///   or `output_shape` is missing.
    public convenience init(config: LayerConfig) throws {
        try LayerConfig.refuse(config, ["lora_rank", "gptq_unpacked_column_size", "quantization_config"])
        guard let equation = try config.optionalString("equation") else {
            throw KerasError(.invalidConfig, "EinsumDense \"\(config.name ?? "?")\" needs the config key \"equation\" (such as \"ab,bc->ac\"), but the config has none.")
        }
        let outputShape: TensorShape
        if let size = config["output_shape"]?.intValue {
            try config.checkMagnitude("output_shape", size)
            outputShape = [size]
        } else if let shape = try config.optionalShape("output_shape") {
            outputShape = shape
        } else {
            throw KerasError(.invalidConfig, "EinsumDense \"\(config.name ?? "?")\" needs the config key \"output_shape\" (an integer or a list), but the config has none.")
        }
        try self.init(equation, outputShape: outputShape, activation: config.activation("activation"),
                      biasAxes: config.optionalString("bias_axes"),
                      kernelInitializer: config.initializer("kernel_initializer", default: .glorotUniform),
                      biasInitializer: config.initializer("bias_initializer", default: .zeros),
                      kernelRegularizer: config.regularizer("kernel_regularizer"),
                      biasRegularizer: config.regularizer("bias_regularizer"),
                      kernelConstraint: config.constraint("kernel_constraint"),
                      biasConstraint: config.constraint("bias_constraint"),
                      name: config.name, dtype: config.dtype, trainable: config.trainable)
    }
}
