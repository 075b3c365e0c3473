/// One step of a convolutional LSTM (Keras's `ConvLSTMCell`): the LSTM's gates computed by
/// convolutions instead of matrix products, so the states keep the input's spatial layout.
///
/// Weights: `kernel` `[*kernelSize, channels, 4·filters]`, `recurrent_kernel`
/// `[*kernelSize, filters, 4·filters]`, `bias` `[4·filters]`, gates i, f, c, o. Two states, `h`
/// and `c`, each shaped as the input convolution's output, `[batch, *spatial', filters]`
/// (channels last). The input convolution uses the cell's strides, padding and dilation; the
/// recurrent one `same` padding and stride 1. ``ConvLSTM1D``, ``ConvLSTM2D`` and ``ConvLSTM3D``
/// run it over sequences.
///
/// ```swift
/// let cell = try ConvLSTMCell(rank: 2, filters: 4, kernelSize: 3, padding: .same)
/// let (h, _) = try cell(Tensor.ones([2, 8, 8, 3]), states: [Tensor.zeros([2, 8, 8, 4]), Tensor.zeros([2, 8, 8, 4])])
/// // h: [2, 8, 8, 4]
/// ```
public final class ConvLSTMCell: Layer, RNNCell, InputProjectingCell {
    /// The number of spatial axes: 1, 2 or 3.
    public let rank: Int
    /// The number of channels of each state and of the output.
    public let filters: Int
    /// The window size along each spatial axis.
    public let kernelSize: [Int]
    /// The step of the input convolution along each spatial axis.
    public let strides: [Int]
    /// The padding of the input convolution: `valid` or `same`.
    public let padding: Padding
    /// Where the channel axis sits.
    public let dataFormat: DataFormat
    /// The spacing of the input convolution's kernel taps.
    public let dilationRate: [Int]
    /// Applied to the candidate and new cell states; `tanh` by default.
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
    /// Whether the forget gate's bias starts at 1.
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
    /// The fraction of input units dropped while training (one mask per gate), clamped to `[0, 1]`.
    public let dropout: Double
    /// The fraction of state units dropped while training (one mask per gate), clamped to `[0, 1]`.
    public let recurrentDropout: Double
    /// The seed of the dropout masks (`nil`: random).
    public let seed: UInt64?

    /// The kernel, `[*kernelSize, channels, 4·filters]` (after build).
    public private(set) var kernel: Variable?
    /// The recurrent kernel, `[*kernelSize, filters, 4·filters]` (after build).
    public private(set) var recurrentKernel: Variable?
    /// The bias, `[4·filters]` (after build, when ``useBias``).
    public private(set) var bias: Variable?

    /// The spatial sizes of the states, known after build.
    private(set) var stateSpatial: [Int]?
    let inputMasks: RNNDropoutMasks
    let stateMasks: RNNDropoutMasks

    /// Makes the cell.
    ///
    /// - Parameters:
    ///   - rank: the number of spatial axes (1, 2 or 3).
    ///   - filters: the channels of the states and output.
    ///   - kernelSize: the window, one size for every axis or one per axis.
    ///   - strides: the step of the input convolution (1 by default).
    ///   - padding: `.valid` or `.same`, for the input convolution.
    ///   - dataFormat: `.channelsLast` (`[batch, *spatial, channels]` steps) or `.channelsFirst`.
    ///   - dilationRate: the spacing of the input kernel's taps; not with strides above 1.
    ///   - activation: applied to the candidate cell state and to the new cell state; `tanh` by default.
    ///   - recurrentActivation: applied to the gates; `sigmoid` by default.
    ///   - useBias: whether a bias is added.
    ///   - kernelInitializer: how the kernel starts (Glorot uniform).
    ///   - recurrentInitializer: how the recurrent kernel starts (orthogonal).
    ///   - biasInitializer: how the bias starts (zeros).
    ///   - unitForgetBias: start the forget gate's bias at 1 (the other gates use `biasInitializer`).
    ///   - kernelRegularizer: a penalty on the kernel, added to ``Layer/losses``.
    ///   - recurrentRegularizer: a penalty on the recurrent kernel, added to ``Layer/losses``.
    ///   - biasRegularizer: a penalty on the bias, added to ``Layer/losses``.
    ///   - kernelConstraint: a projection of the kernel after each optimizer update.
    ///   - recurrentConstraint: a projection of the recurrent kernel after each optimizer update.
    ///   - biasConstraint: a projection of the bias after each optimizer update.
    ///   - dropout: the fraction of input units to drop while training, clamped to `[0, 1]` (one mask per
    ///     sequence).
    ///   - recurrentDropout: the fraction of state units to drop while training, clamped to `[0, 1]`.
    ///   - seed: the seed of the dropout masks (`nil`: random).
    ///   - name: the layer's name (the snake-case class name, numbered, by default).
    ///   - dtype: the dtype of the weights and the computation.
    ///   - trainable: whether the weights are trained.
    /// - Throws: ``KerasError`` for a rank outside 1...3, `filters` below 1, sizes or strides
    ///   that are not positive or have the wrong count, `causal` padding, or strides and dilation
    ///   both above 1.
    public init(rank: Int, filters: Int, kernelSize: PerAxis, strides: PerAxis = 1, padding: Padding = .valid,
                dataFormat: DataFormat = .channelsLast, dilationRate: PerAxis = 1, activation: Activation = .tanh,
                recurrentActivation: Activation = .sigmoid, useBias: Bool = true,
                kernelInitializer: Initializer = .glorotUniform, recurrentInitializer: Initializer = .orthogonal,
                biasInitializer: Initializer = .zeros, unitForgetBias: Bool = true,
                kernelRegularizer: Regularizer? = nil, recurrentRegularizer: Regularizer? = nil,
                biasRegularizer: Regularizer? = nil, kernelConstraint: Constraint? = nil,
                recurrentConstraint: Constraint? = nil, biasConstraint: Constraint? = nil,
                dropout: Double = 0, recurrentDropout: Double = 0, seed: UInt64? = nil,
                name: String? = nil, dtype: DType = .float32, trainable: Bool = true) throws {
        guard (1...3).contains(rank) else {
            throw KerasError(.invalidArgument, "ConvLSTMCell: rank \(rank) convolutions are not implemented. Received: rank=\(rank); use 1, 2 or 3.")
        }
        guard filters > 0 else {
            throw KerasError(.invalidArgument, "ConvLSTMCell: invalid value for argument `filters`. Expected a strictly positive value. Received filters=\(filters).")
        }
        guard padding != .causal else {
            throw KerasError(.invalidArgument, "ConvLSTMCell: the `padding` argument must be one of \"valid\", \"same\". Received: causal.")
        }
        self.rank = rank
        self.filters = filters
        self.kernelSize = try kernelSize.resolved(rank: rank, argument: "kernel_size", layer: "ConvLSTMCell")
        self.strides = try strides.resolved(rank: rank, argument: "strides", layer: "ConvLSTMCell")
        self.dilationRate = try dilationRate.resolved(rank: rank, argument: "dilation_rate", layer: "ConvLSTMCell")
        if self.strides.contains(where: { $0 > 1 }) && self.dilationRate.contains(where: { $0 > 1 }) {
            throw KerasError(.invalidArgument, "ConvLSTMCell: specifying `strides > 1` is not compatible with `dilation_rate > 1`. Please provide `strides=1` or `dilation_rate=1`. Received: strides=\(strides) and dilation_rate=\(dilationRate).")
        }
        self.padding = padding
        self.dataFormat = dataFormat
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
        self.dropout = try clampedRate(dropout, "dropout", layer: "ConvLSTMCell")
        self.recurrentDropout = try clampedRate(recurrentDropout, "recurrentDropout", layer: "ConvLSTMCell")
        self.seed = seed
        let seeds = SeedGenerator(seed: seed)
        inputMasks = RNNDropoutMasks(rate: self.dropout, count: 4, seeds: seeds)
        stateMasks = RNNDropoutMasks(rate: self.recurrentDropout, count: 4, seeds: seeds)
        super.init(name: name, dtype: dtype, trainable: trainable)
    }

    /// `[filters, filters]`: the channels of `h` and `c` (each state is
    /// `[batch, *spatial', filters]`).
    public var stateSize: [Int] { [filters, filters] }

    /// The channel axis of a step `[batch, ...]`.
    private var channelAxis: Int { dataFormat == .channelsLast ? rank + 1 : 1 }

    /// The output shape of the input convolution for a step of `shape`.
    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape {
        guard inputShape.count == rank + 2 else {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (ConvLSTMCell) expects steps of rank \(rank + 2), but received shape \(inputShape.kerasDescription).")
        }
        let first = dataFormat == .channelsLast ? 1 : 2
        var spatial: TensorShape = []
        for axis in 0..<rank {
            guard let size = inputShape[first + axis] else { spatial.append(nil); continue }
            let effective = (kernelSize[axis] - 1) * dilationRate[axis] + 1
            let out = padding == .same ? (size - 1) / strides[axis] + 1 : (size < effective ? 0 : (size - effective) / strides[axis] + 1)
            guard out >= 1 else {
                throw KerasError(.incompatibleShape, "Layer \"\(name)\" (ConvLSTMCell): the kernel \(PerAxis(kernelSize)) does not fit spatial axis \(axis) (size \(size)) of the step shape \(inputShape.kerasDescription) under \(padding.rawValue) padding. Use padding: .same, a smaller kernel or a larger input.")
            }
            spatial.append(out)
        }
        return dataFormat == .channelsLast ? [inputShape[0]] + spatial + [filters] : [inputShape[0], filters] + spatial
    }

    override public func build(inputShape: TensorShape) throws {
        let output = try computeOutputShape(inputShape)
        let first = dataFormat == .channelsLast ? 1 : 2
        let spatial = output[first..<(first + rank)].compactMap { $0 }
        guard spatial.count == rank else {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (ConvLSTMCell): ConvLSTM layers only support static input shapes for the spatial dimensions. Received invalid input shape: \(inputShape.kerasDescription).")
        }
        guard let channels = inputShape[channelAxis] else {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (ConvLSTMCell): the channel dimension of the inputs should be defined. Found None. Full input shape received: \(inputShape.kerasDescription).")
        }
        stateSpatial = spatial
        kernel = try addWeight(name: "kernel", shape: kernelSize + [channels, 4 * filters], initializer: kernelInitializer,
                               regularizer: kernelRegularizer, constraint: kernelConstraint)
        recurrentKernel = try addWeight(name: "recurrent_kernel", shape: kernelSize + [filters, 4 * filters],
                                        initializer: recurrentInitializer, regularizer: recurrentRegularizer,
                                        constraint: recurrentConstraint)
        if useBias {
            bias = try addWeight(name: "bias", shape: [4 * filters], initializer: unitForgetBias ? forgetGateBias(biasInitializer, filters) : biasInitializer,
                                 regularizer: biasRegularizer, constraint: biasConstraint)
        }
    }

    /// Zeros shaped as the states, `[batchSize, *spatial', filters]` (after build).
    public func initialStates(batchSize: Int) -> [Tensor] {
        let spatial = stateSpatial ?? [Int](repeating: 1, count: rank)
        let shape = dataFormat == .channelsLast ? [batchSize] + spatial + [filters] : [batchSize, filters] + spatial
        return [Tensor.zeros(shape, dtype: dtype), Tensor.zeros(shape, dtype: dtype)]
    }

    /// One step: `input` `[batch, *spatial, channels]`, `states` `[h, c]`.
    public func call(_ input: Tensor, states: [Tensor], training: Bool) throws -> (output: Tensor, states: [Tensor]) {
        try step(projected: projectInputs(input, training: training), states: states, training: training)
    }

    /// The input convolutions of the four gates for a step or (time folded into the batch) a
    /// sequence, bias included, joined along the channel axis.
    func projectInputs(_ x: Tensor, training: Bool) throws -> Tensor {
        guard let kernel else { throw notBuilt(self) }
        let sequence = x.rank == rank + 3
        // Convolve a sequence as one batch of batch·time steps.
        func convolved(_ x: Tensor, _ k: Tensor) -> Tensor {
            guard sequence else { return conv(x, k, strides: strides, padding: padding, dataFormat: dataFormat, dilationRate: dilationRate) }
            let (b, t) = (x.shape[0], x.shape[1])
            let y = conv(x.reshaped(to: [b * t] + x.shape.dropFirst(2)), k, strides: strides, padding: padding,
                         dataFormat: dataFormat, dilationRate: dilationRate)
            return y.reshaped(to: [b, t] + y.shape.dropFirst())
        }
        let axis = sequence ? (dataFormat == .channelsLast ? -1 : 2) : (dataFormat == .channelsLast ? -1 : 1)
        var z: Tensor
        if training && dropout > 0 && dropout < 1 {
            let masks = inputMasks.masks(for: x, sequence: sequence)
            let kernels = split(kernel.value, sections: 4, axis: rank + 1)
            z = concatenate((0..<4).map { convolved(applyingStepMask(x, masks[$0]), kernels[$0]) }, axis: axis)
        } else {
            z = convolved(x, kernel.value)
        }
        if let bias {
            var shape = [Int](repeating: 1, count: z.rank)
            shape[axis < 0 ? z.rank + axis : axis] = 4 * filters
            z = z + bias.value.reshaped(to: shape)
        }
        return z
    }

    func step(projected z: Tensor, states: [Tensor], training: Bool) throws -> (output: Tensor, states: [Tensor]) {
        guard let recurrentKernel else { throw notBuilt(self) }
        let h = states[0], c = states[1]
        func recurrentConv(_ h: Tensor, _ k: Tensor) -> Tensor {
            conv(h, k, strides: [1], padding: .same, dataFormat: dataFormat)
        }
        let recurrent: Tensor
        if training && recurrentDropout > 0 && recurrentDropout < 1 {
            let masks = stateMasks.masks(for: h, sequence: false)
            let kernels = split(recurrentKernel.value, sections: 4, axis: rank + 1)
            recurrent = concatenate((0..<4).map { recurrentConv(h * masks[$0], kernels[$0]) }, axis: channelAxis)
        } else {
            recurrent = recurrentConv(h, recurrentKernel.value)
        }
        let gates = split(z + recurrent, sections: 4, axis: channelAxis)
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
        try ConvLSTMCell(rank: rank, filters: filters, kernelSize: PerAxis(kernelSize), strides: PerAxis(strides),
                         padding: padding, dataFormat: dataFormat, dilationRate: PerAxis(dilationRate),
                         activation: activation, recurrentActivation: recurrentActivation, useBias: useBias,
                         kernelInitializer: kernelInitializer, recurrentInitializer: recurrentInitializer,
                         biasInitializer: biasInitializer, unitForgetBias: unitForgetBias,
                         kernelRegularizer: kernelRegularizer, recurrentRegularizer: recurrentRegularizer,
                         biasRegularizer: biasRegularizer, kernelConstraint: kernelConstraint,
                         recurrentConstraint: recurrentConstraint, biasConstraint: biasConstraint, dropout: dropout,
                         recurrentDropout: recurrentDropout, seed: seed, name: name, dtype: dtype, trainable: trainable)
    }

    // MARK: Keras configuration

    /// Keras defines `ConvLSTMCell` in `keras.src.layers.rnn.conv_lstm` without exporting it.
    override public class var kerasModule: String { "keras.src.layers.rnn.conv_lstm" }

    /// The keys Keras's `ConvLSTMCell.get_config()` adds to the base keys (``ConvLSTM1D``,
    /// ``ConvLSTM2D`` and ``ConvLSTM3D`` write them too). Keras writes no `rank`: it is the
    /// length of `kernel_size`.
    var cellKerasConfig: JSONObject {
        JSONObject([("filters", .int(filters)), ("kernel_size", .array(kernelSize.map { .int($0) })),
                    ("strides", .array(strides.map { .int($0) })), ("padding", .string(padding.rawValue)),
                    ("data_format", .string(dataFormat.rawValue)), ("dilation_rate", .array(dilationRate.map { .int($0) })),
                    ("activation", activation.kerasConfig), ("recurrent_activation", recurrentActivation.kerasConfig),
                    ("unit_forget_bias", .bool(unitForgetBias))] + weightOptionsKerasConfig)
    }

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        for (key, value) in cellKerasConfig.pairs { config[key] = value }
        return config
    }
}

extension ConvLSTMCell: KerasSerializable {
    /// ConvLSTMCell's config keys (Keras 3.15's constructor arguments, and the
    /// `activity_regularizer` every Keras layer takes).
    public static let kerasConfigKeys = [
        "rank", "filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "activation",
        "recurrent_activation", "use_bias", "kernel_initializer", "recurrent_initializer", "bias_initializer",
        "unit_forget_bias", "kernel_regularizer", "recurrent_regularizer", "bias_regularizer", "kernel_constraint",
        "recurrent_constraint", "bias_constraint", "dropout", "recurrent_dropout", "seed", "activity_regularizer"]

    /// Rebuilds a ConvLSTMCell from its Keras config; the rank is `rank` when given, else the
    /// length of `kernel_size` (Keras itself cannot read back the config it writes, which has
    /// no `rank`).
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` when the rank cannot be told, `.unsupported`
    ///   for an `activity_regularizer`, and the initializer's errors.
    public convenience init(config: LayerConfig) throws {
        try LayerConfig.refuse(config, ["activity_regularizer"])
        let kernelSize = try config.ints("kernel_size", default: [])
        guard let rank = try config.optionalInt("rank") ?? (config["kernel_size"]?.arrayValue != nil ? kernelSize.count : nil) else {
            throw KerasError(.invalidConfig, "ConvLSTMCell \"\(config.name ?? "?")\" needs a `rank` or a list `kernel_size` to tell its number of spatial axes, but received kernel_size=\(config["kernel_size"]?.serialized() ?? "none").")
        }
        try self.init(rank: rank, filters: config.int("filters"), kernelSize: PerAxis(kernelSize),
                      strides: PerAxis(config.ints("strides", default: [1])),
                      padding: config.enumeration("padding", default: Padding.valid),
                      dataFormat: config.enumeration("data_format", default: DataFormat.channelsLast),
                      dilationRate: PerAxis(config.ints("dilation_rate", default: [1])),
                      activation: config.activation("activation", absent: .tanh),
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
