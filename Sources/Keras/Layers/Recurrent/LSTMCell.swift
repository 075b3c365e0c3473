/// One step of a long short-term memory network (Keras's `LSTMCell`).
///
/// Weights: `kernel` `[features, 4·units]`, `recurrent_kernel` `[units, 4·units]` and `bias`
/// `[4·units]`, each with the gates in Keras's order i, f, c, o. Two states, `h` and `c`
/// (`[batch, units]` each); the output is `h`:
///
/// ```text
/// z = x · kernel + h₋₁ · recurrentKernel + bias     split into i, f, c̃, o
/// c = σ(f) ⊙ c₋₁ + σ(i) ⊙ tanh(c̃)       h = σ(o) ⊙ tanh(c)
/// ```
///
/// With `unitForgetBias` (the default) the bias starts at 1 for the forget gate.
///
/// ```swift
/// let rnn = try RNN(LSTMCell(4), returnSequences: true)
/// let y = try rnn(Tensor.ones([32, 10, 8]))   // [32, 10, 4]
/// ```
public final class LSTMCell: Layer, RNNCell, InputProjectingCell {
    /// The size of each state and of the output.
    public let units: Int
    /// Applied to the candidate cell state and to the new cell state; `tanh` by default.
    public let activation: Activation
    /// Applied to the gates; `sigmoid` by default.
    public let recurrentActivation: Activation
    /// Whether a bias is added.
    public let useBias: Bool
    /// How the kernel starts (Glorot uniform).
    public let kernelInitializer: Initializer
    /// How the recurrent kernel starts (orthogonal).
    public let recurrentInitializer: Initializer
    /// How the bias starts (zeros), before the forget gate's ones when ``unitForgetBias``.
    public let biasInitializer: Initializer
    /// Whether the forget gate's bias starts at 1 (Jozefowicz et al. 2015).
    public let unitForgetBias: Bool
    /// A penalty on the kernel.
    public let kernelRegularizer: Regularizer?
    /// A penalty on the recurrent kernel.
    public let recurrentRegularizer: Regularizer?
    /// A penalty on the bias.
    public let biasRegularizer: Regularizer?
    /// A projection of the kernel after each update.
    public let kernelConstraint: Constraint?
    /// A projection of the recurrent kernel after each update.
    public let recurrentConstraint: Constraint?
    /// A projection of the bias after each update.
    public let biasConstraint: Constraint?
    /// The fraction of input units dropped while training, clamped to `[0, 1]` (active below 1).
    public let dropout: Double
    /// The fraction of state units dropped while training, clamped to `[0, 1]` (active below 1).
    public let recurrentDropout: Double
    /// The seed of the dropout masks (`nil`: random).
    public let seed: UInt64?

    /// The kernel, `[features, 4·units]` (after build).
    public private(set) var kernel: Variable?
    /// The recurrent kernel, `[units, 4·units]` (after build).
    public private(set) var recurrentKernel: Variable?
    /// The bias, `[4·units]` (after build, when ``useBias``).
    public private(set) var bias: Variable?

    /// Keras's `implementation=1` (one dropout mask per gate) when recurrent dropout is set.
    var perGateMasks: Bool { recurrentDropout != 0 }
    let inputMasks: RNNDropoutMasks
    let stateMasks: RNNDropoutMasks

    /// Makes the cell.
    ///
    /// - Parameters:
    ///   - units: the size of `h`, `c` and the output.
    ///   - activation: applied to the candidate cell state and to the new cell state; `tanh` by default.
    ///   - recurrentActivation: applied to the gates; `sigmoid` by default.
    ///   - useBias: whether a bias is added.
    ///   - kernelInitializer: how the kernel starts (Glorot uniform).
    ///   - recurrentInitializer: how the recurrent kernel starts (orthogonal).
    ///   - biasInitializer: how the bias starts (zeros).
    ///   - unitForgetBias: start the forget gate's bias at 1.
    ///   - kernelRegularizer: a penalty on the kernel, added to ``Layer/losses``.
    ///   - recurrentRegularizer: a penalty on the recurrent kernel, added to ``Layer/losses``.
    ///   - biasRegularizer: a penalty on the bias, added to ``Layer/losses``.
    ///   - kernelConstraint: a projection of the kernel after each optimizer update.
    ///   - recurrentConstraint: a projection of the recurrent kernel after each optimizer update.
    ///   - biasConstraint: a projection of the bias after each optimizer update.
    ///   - dropout: the fraction of input units to drop while training (one mask per sequence).
    ///   - recurrentDropout: the fraction of `h` units to drop while training.
    ///   - seed: the seed of the dropout masks (`nil`: random).
    ///   - name: the layer's name (the snake-case class name, numbered, by default).
    ///   - dtype: the dtype of the weights and the computation.
    ///   - trainable: whether the weights are trained.
    /// - Throws: ``KerasError`` when `units` is not positive.
    public init(_ units: Int, activation: Activation = .tanh, recurrentActivation: Activation = .sigmoid,
                useBias: Bool = true, kernelInitializer: Initializer = .glorotUniform,
                recurrentInitializer: Initializer = .orthogonal, biasInitializer: Initializer = .zeros,
                unitForgetBias: Bool = true, kernelRegularizer: Regularizer? = nil,
                recurrentRegularizer: Regularizer? = nil, biasRegularizer: Regularizer? = nil,
                kernelConstraint: Constraint? = nil, recurrentConstraint: Constraint? = nil,
                biasConstraint: Constraint? = nil, dropout: Double = 0, recurrentDropout: Double = 0,
                seed: UInt64? = nil, name: String? = nil, dtype: DType = .float32, trainable: Bool = true) throws {
        try checkUnits(units, layer: "LSTMCell")
        self.units = units
        self.activation = activation
        self.recurrentActivation = recurrentActivation
        self.useBias = useBias
        self.kernelInitializer = kernelInitializer
        self.recurrentInitializer = recurrentInitializer
        self.biasInitializer = biasInitializer
        self.unitForgetBias = unitForgetBias
        self.kernelRegularizer = kernelRegularizer
        self.recurrentRegularizer = recurrentRegularizer
        self.biasRegularizer = biasRegularizer
        self.kernelConstraint = kernelConstraint
        self.recurrentConstraint = recurrentConstraint
        self.biasConstraint = biasConstraint
        self.dropout = try clampedRate(dropout, "dropout", layer: "LSTMCell")
        self.recurrentDropout = try clampedRate(recurrentDropout, "recurrentDropout", layer: "LSTMCell")
        self.seed = seed
        let seeds = SeedGenerator(seed: seed)
        let count = self.recurrentDropout != 0 ? 4 : 1
        inputMasks = RNNDropoutMasks(rate: self.dropout, count: count, seeds: seeds)
        stateMasks = RNNDropoutMasks(rate: self.recurrentDropout, count: count, seeds: seeds)
        super.init(name: name, dtype: dtype, trainable: trainable)
    }

    /// `[units, units]`: `h` then `c`.
    public var stateSize: [Int] { [units, units] }

    override public func build(inputShape: TensorShape) throws {
        let features = try stepFeatures(inputShape, layer: self)
        kernel = try addWeight(name: "kernel", shape: [features, 4 * units], initializer: kernelInitializer,
                               regularizer: kernelRegularizer, constraint: kernelConstraint)
        recurrentKernel = try addWeight(name: "recurrent_kernel", shape: [units, 4 * units], initializer: recurrentInitializer,
                                        regularizer: recurrentRegularizer, constraint: recurrentConstraint)
        if useBias {
            bias = try addWeight(name: "bias", shape: [4 * units], initializer: unitForgetBias ? forgetGateBias(biasInitializer, units) : biasInitializer,
                                 regularizer: biasRegularizer, constraint: biasConstraint)
        }
    }

    /// One step: `input` `[batch, features]`, `states` `[h, c]`.
    public func call(_ input: Tensor, states: [Tensor], training: Bool) throws -> (output: Tensor, states: [Tensor]) {
        try step(projected: projectInputs(input, training: training), states: states, training: training)
    }

    func projectInputs(_ x: Tensor, training: Bool) throws -> Tensor {
        guard let kernel else { throw notBuilt(self) }
        var z: Tensor
        if training && dropout > 0 && dropout < 1 {
            let masks = inputMasks.masks(for: x, sequence: x.rank == 3)
            if perGateMasks {
                // implementation 1: each gate sees the input under its own mask.
                let kernels = split(kernel.value, sections: 4, axis: 1)
                z = concatenate((0..<4).map { matmul(applyingStepMask(x, masks[$0]), kernels[$0]) }, axis: -1)
            } else {
                z = matmul(applyingStepMask(x, masks[0]), kernel.value)
            }
        } else {
            z = matmul(x, kernel.value)
        }
        if let bias { z = z + bias.value }
        return z
    }

    func step(projected z: Tensor, states: [Tensor], training: Bool) throws -> (output: Tensor, states: [Tensor]) {
        guard let recurrentKernel else { throw notBuilt(self) }
        let h = states[0], c = states[1]
        let recurrent: Tensor
        if training && recurrentDropout > 0 && recurrentDropout < 1 {
            let masks = stateMasks.masks(for: h, sequence: false)
            let kernels = split(recurrentKernel.value, sections: 4, axis: 1)
            recurrent = concatenate((0..<4).map { matmul(h * masks[$0], kernels[$0]) }, axis: -1)
        } else {
            recurrent = matmul(h, recurrentKernel.value)
        }
        let gates = split(z + recurrent, sections: 4, axis: -1)
        let i = recurrentActivation(gates[0]), f = recurrentActivation(gates[1])
        let newC = f * c + i * activation(gates[2])
        let o = recurrentActivation(gates[3])
        let newH = o * activation(newC)
        return (newH, [newH, newC])
    }

    /// Forgets the dropout masks of the current sequence.
    public func resetDropoutMasks() {
        inputMasks.reset()
        stateMasks.reset()
    }

    /// A fresh cell with the same configuration.
    public func makeCopy() throws -> any RNNCell {
        try LSTMCell(units, activation: activation, recurrentActivation: recurrentActivation, useBias: useBias,
                     kernelInitializer: kernelInitializer, recurrentInitializer: recurrentInitializer,
                     biasInitializer: biasInitializer, unitForgetBias: unitForgetBias,
                     kernelRegularizer: kernelRegularizer, recurrentRegularizer: recurrentRegularizer,
                     biasRegularizer: biasRegularizer, kernelConstraint: kernelConstraint,
                     recurrentConstraint: recurrentConstraint, biasConstraint: biasConstraint, dropout: dropout,
                     recurrentDropout: recurrentDropout, seed: seed, name: name, dtype: dtype, trainable: trainable)
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape {
        Array(inputShape.dropLast()) + [units]
    }

    /// The keys Keras's `LSTMCell.get_config()` adds to the base keys (``LSTM`` writes them too).
    var cellKerasConfig: JSONObject {
        JSONObject([("units", .int(units)), ("activation", activation.kerasConfig),
                    ("recurrent_activation", recurrentActivation.kerasConfig), ("unit_forget_bias", .bool(unitForgetBias))]
                   + weightOptionsKerasConfig)
    }

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        for (key, value) in cellKerasConfig.pairs { config[key] = value }
        return config
    }
}

extension LSTMCell: KerasSerializable {
    /// LSTMCell's config keys (Keras 3.15; `implementation`, which selects Keras's kernels and
    /// not the math, and `activity_regularizer`, which every Keras layer takes).
    public static let kerasConfigKeys = [
        "units", "activation", "recurrent_activation", "use_bias", "unit_forget_bias", "kernel_initializer",
        "recurrent_initializer", "bias_initializer", "kernel_regularizer", "recurrent_regularizer", "bias_regularizer",
        "kernel_constraint", "recurrent_constraint", "bias_constraint", "dropout", "recurrent_dropout", "seed",
        "implementation", "activity_regularizer"]

    /// Rebuilds an LSTMCell from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.unsupported` for an `activity_regularizer`, `.invalidConfig`
    ///   for malformed values, and the initializer's errors.
    public convenience init(config: LayerConfig) throws {
        try LayerConfig.refuse(config, ["activity_regularizer"])
        try self.init(config.int("units"), activation: config.activation("activation", absent: .tanh),
                      recurrentActivation: config.activation("recurrent_activation", absent: .sigmoid),
                      useBias: config.bool("use_bias", default: true),
                      kernelInitializer: config.initializer("kernel_initializer", default: .glorotUniform),
                      recurrentInitializer: config.initializer("recurrent_initializer", default: .orthogonal),
                      biasInitializer: config.initializer("bias_initializer", default: .zeros),
                      unitForgetBias: config.bool("unit_forget_bias", default: true),
                      kernelRegularizer: config.regularizer("kernel_regularizer"),
                      recurrentRegularizer: config.regularizer("recurrent_regularizer"),
                      biasRegularizer: config.regularizer("bias_regularizer"),
                      kernelConstraint: config.constraint("kernel_constraint"),
                      recurrentConstraint: config.constraint("recurrent_constraint"),
                      biasConstraint: config.constraint("bias_constraint"),
                      dropout: config.double("dropout", default: 0), recurrentDropout: config.double("recurrent_dropout", default: 0),
                      seed: config.uint64Seed("seed"), name: config.name, dtype: config.dtype, trainable: config.trainable)
    }
}

/// Keras's LSTM bias with `unit_forget_bias`: `initializer` for the input gate, ones for the
/// forget gate, `initializer` for the candidate and output gates, each drawn separately.
func forgetGateBias(_ initializer: Initializer, _ units: Int) -> Initializer {
    .custom(name: initializer.className, config: initializer.config) { _, dtype in
        concatenate([try initializer([units], dtype: dtype), Tensor.ones([units], dtype: dtype),
                     try initializer([2 * units], dtype: dtype)])
    }
}
