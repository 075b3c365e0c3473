/// One step of a fully connected recurrent network: `h = activation(x · kernel + bias +
/// h₋₁ · recurrentKernel)` (Keras's `SimpleRNNCell`).
///
/// Weights: `kernel` `[features, units]`, `recurrent_kernel` `[units, units]`, then `bias`
/// `[units]`. One state, `[batch, units]`, which is also the output. Run it over a sequence with
/// ``RNN``, or use ``SimpleRNN``.
///
/// ```swift
/// let rnn = try RNN(SimpleRNNCell(4))
/// let y = try rnn(Tensor.ones([32, 10, 8]))   // [32, 4]
/// ```
public final class SimpleRNNCell: Layer, RNNCell, InputProjectingCell {
    /// The size of the state and of the output.
    public let units: Int
    /// Applied to the pre-activation; `tanh` by default.
    public let activation: Activation
    /// Whether a bias is added.
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
    /// The fraction of input units dropped while training, clamped to `[0, 1]`.
    public let dropout: Double
    /// The fraction of state units dropped while training, clamped to `[0, 1]`.
    public let recurrentDropout: Double
    /// The seed of the dropout masks (`nil`: random).
    public let seed: UInt64?

    /// The kernel, `[features, units]` (after build).
    public private(set) var kernel: Variable?
    /// The recurrent kernel, `[units, units]` (after build).
    public private(set) var recurrentKernel: Variable?
    /// The bias, `[units]` (after build, when ``useBias``).
    public private(set) var bias: Variable?

    let inputMasks: RNNDropoutMasks
    let stateMasks: RNNDropoutMasks

    /// Makes the cell.
    ///
    /// - Parameters:
    ///   - units: the size of the state and output.
    ///   - activation: applied to `x·kernel + h·recurrentKernel + bias`; `tanh` by default.
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
    ///   - seed: the seed of the dropout masks (`nil`: random).
    ///   - name: the layer's name (the snake-case class name, numbered, by default).
    ///   - dtype: the dtype of the weights and the computation.
    ///   - trainable: whether the weights are trained.
    /// - Throws: ``KerasError`` when `units` is not positive.
    public init(_ units: Int, activation: Activation = .tanh, useBias: Bool = true,
                kernelInitializer: Initializer = .glorotUniform, recurrentInitializer: Initializer = .orthogonal,
                biasInitializer: Initializer = .zeros, kernelRegularizer: Regularizer? = nil,
                recurrentRegularizer: Regularizer? = nil, biasRegularizer: Regularizer? = nil,
                kernelConstraint: Constraint? = nil, recurrentConstraint: Constraint? = nil,
                biasConstraint: Constraint? = nil, dropout: Double = 0, recurrentDropout: Double = 0,
                seed: UInt64? = nil, name: String? = nil, dtype: DType = .float32, trainable: Bool = true) throws {
        try checkUnits(units, layer: "SimpleRNNCell")
        self.units = units
        self.activation = activation
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
        self.dropout = try clampedRate(dropout, "dropout", layer: "SimpleRNNCell")
        self.recurrentDropout = try clampedRate(recurrentDropout, "recurrentDropout", layer: "SimpleRNNCell")
        self.seed = seed
        let seeds = SeedGenerator(seed: seed)
        inputMasks = RNNDropoutMasks(rate: self.dropout, count: 1, seeds: seeds)
        stateMasks = RNNDropoutMasks(rate: self.recurrentDropout, count: 1, seeds: seeds)
        super.init(name: name, dtype: dtype, trainable: trainable)
    }

    /// `[units]`.
    public var stateSize: [Int] { [units] }

    override public func build(inputShape: TensorShape) throws {
        let features = try stepFeatures(inputShape, layer: self)
        kernel = try addWeight(name: "kernel", shape: [features, units], initializer: kernelInitializer,
                               regularizer: kernelRegularizer, constraint: kernelConstraint)
        recurrentKernel = try addWeight(name: "recurrent_kernel", shape: [units, units], initializer: recurrentInitializer,
                                        regularizer: recurrentRegularizer, constraint: recurrentConstraint)
        if useBias {
            bias = try addWeight(name: "bias", shape: [units], initializer: biasInitializer,
                                 regularizer: biasRegularizer, constraint: biasConstraint)
        }
    }

    /// One step: `input` `[batch, features]`, `states` `[h]`.
    public func call(_ input: Tensor, states: [Tensor], training: Bool) throws -> (output: Tensor, states: [Tensor]) {
        try step(projected: projectInputs(input, training: training), states: states, training: training)
    }

    func projectInputs(_ x: Tensor, training: Bool) throws -> Tensor {
        guard let kernel else { throw notBuilt(self) }
        var x = x
        // Keras applies the mask whenever it exists (dropout > 0), so dropout 1 zeroes the input.
        if training && dropout > 0 { x = applyingStepMask(x, inputMasks.masks(for: x, sequence: x.rank == 3)[0]) }
        var h = matmul(x, kernel.value)
        if let bias { h = h + bias.value }
        return h
    }

    func step(projected: Tensor, states: [Tensor], training: Bool) throws -> (output: Tensor, states: [Tensor]) {
        guard let recurrentKernel else { throw notBuilt(self) }
        var previous = states[0]
        if training && recurrentDropout > 0 { previous = previous * stateMasks.masks(for: previous, sequence: false)[0] }
        let output = activation(projected + matmul(previous, recurrentKernel.value))
        return (output, [output])
    }

    /// Forgets the dropout masks of the current sequence.
    public func resetDropoutMasks() {
        inputMasks.reset()
        stateMasks.reset()
    }

    /// A fresh cell with the same configuration.
    public func makeCopy() throws -> any RNNCell {
        try SimpleRNNCell(units, activation: activation, useBias: useBias, kernelInitializer: kernelInitializer,
                          recurrentInitializer: recurrentInitializer, biasInitializer: biasInitializer,
                          kernelRegularizer: kernelRegularizer, recurrentRegularizer: recurrentRegularizer,
                          biasRegularizer: biasRegularizer, kernelConstraint: kernelConstraint,
                          recurrentConstraint: recurrentConstraint, biasConstraint: biasConstraint, dropout: dropout,
                          recurrentDropout: recurrentDropout, seed: seed, name: name, dtype: dtype, trainable: trainable)
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape {
        Array(inputShape.dropLast()) + [units]
    }
    /// The keys Keras's `SimpleRNNCell.get_config()` adds to the base keys (``SimpleRNN``
    /// writes them too, without `seed`).
    var cellKerasConfig: JSONObject {
        JSONObject([("units", .int(units)), ("activation", activation.kerasConfig)] + weightOptionsKerasConfig)
    }

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        for (key, value) in cellKerasConfig.pairs { config[key] = value }
        return config
    }
}

extension SimpleRNNCell: KerasSerializable {
    /// SimpleRNNCell's config keys (Keras 3.15, and `activity_regularizer`, which every Keras
    /// layer takes).
    public static let kerasConfigKeys = [
        "units", "activation", "use_bias", "kernel_initializer", "recurrent_initializer", "bias_initializer",
        "kernel_regularizer", "recurrent_regularizer", "bias_regularizer", "kernel_constraint", "recurrent_constraint",
        "bias_constraint", "dropout", "recurrent_dropout", "seed", "activity_regularizer"]

    /// Rebuilds a SimpleRNNCell from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.unsupported` for an `activity_regularizer`, and the errors of
    ///   ``init(_:activation:useBias:kernelInitializer:recurrentInitializer:biasInitializer:kernelRegularizer:recurrentRegularizer:biasRegularizer:kernelConstraint:recurrentConstraint:biasConstraint:dropout:recurrentDropout:seed:name:dtype:trainable:)``.
    public convenience init(config: LayerConfig) throws {
        try LayerConfig.refuse(config, ["activity_regularizer"])
        try self.init(config.int("units"), activation: config.activation("activation", absent: .tanh),
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
                      seed: config.uint64Seed("seed"), name: config.name, dtype: config.dtype, trainable: config.trainable)
    }
}
