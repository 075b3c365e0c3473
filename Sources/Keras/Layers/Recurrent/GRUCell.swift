/// One step of a gated recurrent unit (Keras's `GRUCell`), in both of Keras's forms.
///
/// Weights: `kernel` `[features, 3·units]`, `recurrent_kernel` `[units, 3·units]`, gates in
/// Keras's order z (update), r (reset), h (candidate); then `bias`, `[2, 3·units]` (input bias,
/// recurrent bias) when `resetAfter` (the default, cuDNN-compatible form) or `[3·units]` otherwise.
/// One state, `[batch, units]`, which is also the output:
///
/// ```text
/// resetAfter:  h̃ = tanh(x·Wₕ + bₕ + r ⊙ (h₋₁·Uₕ + b'ₕ))
/// otherwise:   h̃ = tanh(x·Wₕ + bₕ + (r ⊙ h₋₁)·Uₕ)
/// h = z ⊙ h₋₁ + (1 - z) ⊙ h̃
/// ```
///
/// ```swift
/// let rnn = try RNN(GRUCell(4, resetAfter: false))
/// let y = try rnn(Tensor.ones([32, 10, 8]))   // [32, 4]
/// ```
public final class GRUCell: Layer, RNNCell, InputProjectingCell {
    /// The size of the state and of the output.
    public let units: Int
    /// Applied to the candidate state; `tanh` by default.
    public let activation: Activation
    /// Applied to the update and reset gates; `sigmoid` by default.
    public let recurrentActivation: Activation
    /// Whether biases are added.
    public let useBias: Bool
    /// How the kernel starts (Glorot uniform).
    public let kernelInitializer: Initializer
    /// How the recurrent kernel starts (orthogonal).
    public let recurrentInitializer: Initializer
    /// How the bias starts (zeros).
    public let biasInitializer: Initializer
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
    /// Whether the reset gate multiplies the recurrent product (`true`, Keras's default) or the
    /// previous state before it.
    public let resetAfter: Bool
    /// The seed of the dropout masks (`nil`: random).
    public let seed: UInt64?

    /// The kernel, `[features, 3·units]` (after build).
    public private(set) var kernel: Variable?
    /// The recurrent kernel, `[units, 3·units]` (after build).
    public private(set) var recurrentKernel: Variable?
    /// The bias: `[2, 3·units]` with ``resetAfter``, else `[3·units]` (after build, when ``useBias``).
    public private(set) var bias: Variable?

    var perGateMasks: Bool { recurrentDropout != 0 }
    let inputMasks: RNNDropoutMasks
    let stateMasks: RNNDropoutMasks

    /// Makes the cell.
    ///
    /// - Parameters:
    ///   - units: the size of the state and output.
    ///   - activation: applied to the candidate state; `tanh` by default.
    ///   - recurrentActivation: applied to the gates; `sigmoid` by default.
    ///   - useBias: whether a bias is added.
    ///   - kernelInitializer: how the kernel starts (Glorot uniform).
    ///   - recurrentInitializer: how the recurrent kernel starts (orthogonal).
    ///   - biasInitializer: how the bias starts (zeros).
    ///   - kernelRegularizer: a penalty on the kernel, added to ``Layer/losses``.
    ///   - recurrentRegularizer: a penalty on the recurrent kernel, added to ``Layer/losses``.
    ///   - biasRegularizer: a penalty on the bias, added to ``Layer/losses``.
    ///   - kernelConstraint: a projection of the kernel after each optimizer update.
    ///   - recurrentConstraint: a projection of the recurrent kernel after each optimizer update.
    ///   - biasConstraint: a projection of the bias after each optimizer update.
    ///   - dropout: the fraction of input units to drop while training (one mask per sequence).
    ///   - recurrentDropout: the fraction of state units to drop while training.
    ///   - resetAfter: apply the reset gate after the recurrent product (Keras's default).
    ///   - seed: the seed of the dropout masks (`nil`: random).
    ///   - name: the layer's name (the snake-case class name, numbered, by default).
    ///   - dtype: the dtype of the weights and the computation.
    ///   - trainable: whether the weights are trained.
    /// - Throws: ``KerasError`` when `units` is not positive.
    public init(_ units: Int, activation: Activation = .tanh, recurrentActivation: Activation = .sigmoid,
                useBias: Bool = true, kernelInitializer: Initializer = .glorotUniform,
                recurrentInitializer: Initializer = .orthogonal, biasInitializer: Initializer = .zeros,
                kernelRegularizer: Regularizer? = nil, recurrentRegularizer: Regularizer? = nil,
                biasRegularizer: Regularizer? = nil, kernelConstraint: Constraint? = nil,
                recurrentConstraint: Constraint? = nil, biasConstraint: Constraint? = nil,
                dropout: Double = 0, recurrentDropout: Double = 0, resetAfter: Bool = true,
                seed: UInt64? = nil, name: String? = nil, dtype: DType = .float32, trainable: Bool = true) throws {
        try checkUnits(units, layer: "GRUCell")
        self.units = units
        self.activation = activation
        self.recurrentActivation = recurrentActivation
        self.useBias = useBias
        self.kernelInitializer = kernelInitializer
        self.recurrentInitializer = recurrentInitializer
        self.biasInitializer = biasInitializer
        self.kernelRegularizer = kernelRegularizer
        self.recurrentRegularizer = recurrentRegularizer
        self.biasRegularizer = biasRegularizer
        self.kernelConstraint = kernelConstraint
        self.recurrentConstraint = recurrentConstraint
        self.biasConstraint = biasConstraint
        self.dropout = try clampedRate(dropout, "dropout", layer: "GRUCell")
        self.recurrentDropout = try clampedRate(recurrentDropout, "recurrentDropout", layer: "GRUCell")
        self.resetAfter = resetAfter
        self.seed = seed
        let seeds = SeedGenerator(seed: seed)
        let count = self.recurrentDropout != 0 ? 3 : 1
        inputMasks = RNNDropoutMasks(rate: self.dropout, count: count, seeds: seeds)
        stateMasks = RNNDropoutMasks(rate: self.recurrentDropout, count: count, seeds: seeds)
        super.init(name: name, dtype: dtype, trainable: trainable)
    }

    /// `[units]`.
    public var stateSize: [Int] { [units] }

    override public func build(inputShape: TensorShape) throws {
        let features = try stepFeatures(inputShape, layer: self)
        kernel = try addWeight(name: "kernel", shape: [features, 3 * units], initializer: kernelInitializer,
                               regularizer: kernelRegularizer, constraint: kernelConstraint)
        recurrentKernel = try addWeight(name: "recurrent_kernel", shape: [units, 3 * units], initializer: recurrentInitializer,
                                        regularizer: recurrentRegularizer, constraint: recurrentConstraint)
        if useBias {
            bias = try addWeight(name: "bias", shape: resetAfter ? [2, 3 * units] : [3 * units], initializer: biasInitializer,
                                 regularizer: biasRegularizer, constraint: biasConstraint)
        }
    }

    /// One step: `input` `[batch, features]`, `states` `[h]`.
    public func call(_ input: Tensor, states: [Tensor], training: Bool) throws -> (output: Tensor, states: [Tensor]) {
        try step(projected: projectInputs(input, training: training), states: states, training: training)
    }

    /// The input and recurrent biases (`[3·units]` each; no recurrent one without ``resetAfter``).
    private var biases: (input: Tensor, recurrent: Tensor?)? {
        guard let bias else { return nil }
        if !resetAfter { return (bias.value, nil) }
        let b = bias.value
        return (b[0], b[1])
    }

    func projectInputs(_ x: Tensor, training: Bool) throws -> Tensor {
        guard let kernel else { throw notBuilt(self) }
        var projected: Tensor
        if training && dropout > 0 && dropout < 1 {
            let masks = inputMasks.masks(for: x, sequence: x.rank == 3)
            if perGateMasks {
                let kernels = split(kernel.value, sections: 3, axis: 1)
                projected = concatenate((0..<3).map { matmul(applyingStepMask(x, masks[$0]), kernels[$0]) }, axis: -1)
            } else {
                projected = matmul(applyingStepMask(x, masks[0]), kernel.value)
            }
        } else {
            projected = matmul(x, kernel.value)
        }
        if let biases { projected = projected + biases.input }
        return projected
    }

    func step(projected: Tensor, states: [Tensor], training: Bool) throws -> (output: Tensor, states: [Tensor]) {
        guard let recurrentKernel else { throw notBuilt(self) }
        let h = states[0]
        let xParts = split(projected, sections: 3, axis: -1)
        let masked = training && recurrentDropout > 0 && recurrentDropout < 1
        if !masked && resetAfter {
            // One product for all three gates (Keras's implementation 2).
            var inner = matmul(h, recurrentKernel.value)
            if let b = biases?.recurrent { inner = inner + b }
            let parts = split(inner, sections: 3, axis: -1)
            return finish(xParts, parts[0], parts[1], candidate: parts[2], h: h)
        }
        let kernels = split(recurrentKernel.value, sections: 3, axis: 1)
        let recurrentBias = biases?.recurrent.map { split($0, sections: 3, axis: 0) }
        // The state as each gate sees it: one mask per gate with recurrent dropout.
        var hz = h, hr = h, hh = h
        if masked {
            let masks = stateMasks.masks(for: h, sequence: false)
            hz = h * masks[0]; hr = h * masks[1]; hh = h * masks[2]
        }
        var recurrentZ = matmul(hz, kernels[0])
        var recurrentR = matmul(hr, kernels[1])
        if resetAfter, let b = recurrentBias {
            recurrentZ = recurrentZ + b[0]
            recurrentR = recurrentR + b[1]
        }
        if resetAfter {
            var candidate = matmul(hh, kernels[2])
            if let b = recurrentBias { candidate = candidate + b[2] }
            return finish(xParts, recurrentZ, recurrentR, candidate: candidate, h: h)
        }
        let z = recurrentActivation(xParts[0] + recurrentZ)
        let r = recurrentActivation(xParts[1] + recurrentR)
        let candidate = activation(xParts[2] + matmul(r * hh, kernels[2]))
        let newH = z * h + (1 - z) * candidate
        return (newH, [newH])
    }

    /// The reset-after update from the input parts and the recurrent products of each gate.
    private func finish(_ x: [Tensor], _ recurrentZ: Tensor, _ recurrentR: Tensor, candidate recurrentH: Tensor,
                        h: Tensor) -> (output: Tensor, states: [Tensor]) {
        let z = recurrentActivation(x[0] + recurrentZ)
        let r = recurrentActivation(x[1] + recurrentR)
        let candidate = activation(x[2] + r * recurrentH)
        let newH = z * h + (1 - z) * candidate
        return (newH, [newH])
    }

    /// Forgets the dropout masks of the current sequence.
    public func resetDropoutMasks() {
        inputMasks.reset()
        stateMasks.reset()
    }

    /// A fresh cell with the same configuration.
    public func makeCopy() throws -> any RNNCell {
        try GRUCell(units, activation: activation, recurrentActivation: recurrentActivation, useBias: useBias,
                    kernelInitializer: kernelInitializer, recurrentInitializer: recurrentInitializer,
                    biasInitializer: biasInitializer, kernelRegularizer: kernelRegularizer,
                    recurrentRegularizer: recurrentRegularizer, biasRegularizer: biasRegularizer,
                    kernelConstraint: kernelConstraint, recurrentConstraint: recurrentConstraint,
                    biasConstraint: biasConstraint, dropout: dropout, recurrentDropout: recurrentDropout,
                    resetAfter: resetAfter, seed: seed, name: name, dtype: dtype, trainable: trainable)
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape {
        Array(inputShape.dropLast()) + [units]
    }

    /// The keys Keras's `GRUCell.get_config()` adds to the base keys (``GRU`` writes them too).
    var cellKerasConfig: JSONObject {
        JSONObject([("units", .int(units)), ("activation", activation.kerasConfig),
                    ("recurrent_activation", recurrentActivation.kerasConfig), ("reset_after", .bool(resetAfter))]
                   + weightOptionsKerasConfig)
    }

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        for (key, value) in cellKerasConfig.pairs { config[key] = value }
        return config
    }
}

extension GRUCell: KerasSerializable {
    /// GRUCell's config keys (Keras 3.15; `implementation`, which selects Keras's kernels and
    /// not the math, and `activity_regularizer`, which every Keras layer takes).
    public static let kerasConfigKeys = [
        "units", "activation", "recurrent_activation", "use_bias", "kernel_initializer", "recurrent_initializer",
        "bias_initializer", "kernel_regularizer", "recurrent_regularizer", "bias_regularizer", "kernel_constraint",
        "recurrent_constraint", "bias_constraint", "dropout", "recurrent_dropout", "reset_after", "seed",
        "implementation", "activity_regularizer"]

    /// Rebuilds a GRUCell from its Keras config; an absent `reset_after` is Keras 3's `true`.
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
                      kernelRegularizer: config.regularizer("kernel_regularizer"),
                      recurrentRegularizer: config.regularizer("recurrent_regularizer"),
                      biasRegularizer: config.regularizer("bias_regularizer"),
                      kernelConstraint: config.constraint("kernel_constraint"),
                      recurrentConstraint: config.constraint("recurrent_constraint"),
                      biasConstraint: config.constraint("bias_constraint"),
                      dropout: config.double("dropout", default: 0), recurrentDropout: config.double("recurrent_dropout", default: 0),
                      resetAfter: config.bool("reset_after", default: true),
                      seed: config.uint64Seed("seed"), name: config.name, dtype: config.dtype, trainable: config.trainable)
    }
}
