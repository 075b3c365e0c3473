/// The shared base of ``ConvLSTM1D``, ``ConvLSTM2D`` and ``ConvLSTM3D``: an ``RNN`` over a
/// ``ConvLSTMCell`` (Keras's `ConvLSTM`).
///
/// Input `[batch, timesteps, *spatial, channels]` (channels last) or `[batch, timesteps,
/// channels, *spatial]`; output `[batch, *spatial', filters]`, or every step's with
/// `returnSequences`; with `returnState` the final `h` and `c` follow. Weights: `kernel`
/// `[*kernelSize, channels, 4·filters]`, `recurrent_kernel` `[*kernelSize, filters, 4·filters]`,
/// `bias` `[4·filters]`. The spatial sizes must be known when the layer is built.
///
/// ```swift
/// let layer = try ConvLSTM2D(8, kernelSize: 3, padding: .same, returnSequences: true)
/// let y = try layer(Tensor.ones([2, 5, 16, 16, 3]))   // [2, 5, 16, 16, 8]
/// ```
public class ConvLSTM: RNN {
    /// The number of spatial axes of the concrete layer (`ConvLSTM2D`: 2); 0 for the base.
    class var spatialRank: Int { 0 }

    /// The cell, named `"conv_lstm_cell"` as in Keras.
    public var typedCell: ConvLSTMCell { cell as! ConvLSTMCell }
    /// The number of channels of the states and output.
    public var filters: Int { typedCell.filters }
    /// The window size along each spatial axis.
    public var kernelSize: [Int] { typedCell.kernelSize }
    /// The step of the input convolution.
    public var strides: [Int] { typedCell.strides }
    /// The padding of the input convolution.
    public var padding: Padding { typedCell.padding }
    /// Where the channel axis sits.
    public var dataFormat: DataFormat { typedCell.dataFormat }
    /// The spacing of the input kernel's taps.
    public var dilationRate: [Int] { typedCell.dilationRate }
    /// The fraction of input units dropped while training.
    public var dropout: Double { typedCell.dropout }
    /// The fraction of state units dropped while training.
    public var recurrentDropout: Double { typedCell.recurrentDropout }

    /// Makes a convolutional LSTM of the rank of the class.
    ///
    /// - Parameters:
    ///   - filters: the channels of the states and output.
    ///   - kernelSize: the window, one size for every spatial axis or one per axis.
    ///   - strides: the step of the input convolution.
    ///   - padding: `.valid` or `.same`, for the input convolution (the recurrent one is `same`).
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
    ///   - activityRegularizer: a penalty on each output (the sequence or last output, and the
    ///     states with `returnState`), added to ``Layer/losses`` after every call (see
    ///     ``Layer/activityRegularizer``).
    ///   - kernelConstraint: a projection of the kernel after each optimizer update.
    ///   - recurrentConstraint: a projection of the recurrent kernel after each optimizer update.
    ///   - biasConstraint: a projection of the bias after each optimizer update.
    ///   - dropout: the fraction of input units dropped while training (a mask per gate).
    ///   - recurrentDropout: the fraction of state units dropped while training.
    ///   - seed: the seed of the dropout masks (`nil`: random).
    ///   - returnSequences: return every step's output instead of the last.
    ///   - returnState: return the final `h` and `c` after the output.
    ///   - goBackwards: process the sequence from its end.
    ///   - stateful: keep the final states for the next call.
    ///   - unroll: Keras's `unroll`: selects Keras's unrolled masking rule (the loop always runs in Swift).
    ///   - name: the layer's name (the snake-case class name, numbered, by default).
    ///   - dtype: the dtype of the weights and the computation.
    ///   - trainable: whether the weights are trained.
    /// - Throws: ``KerasError`` for the base class, `filters` below 1, invalid sizes, `causal`
    ///   padding, or strides and dilation both above 1.
    public required init(_ filters: Int, kernelSize: PerAxis, strides: PerAxis = 1, padding: Padding = .valid,
                         dataFormat: DataFormat = .channelsLast, dilationRate: PerAxis = 1,
                         activation: Activation = .tanh, recurrentActivation: Activation = .sigmoid, useBias: Bool = true,
                         kernelInitializer: Initializer = .glorotUniform, recurrentInitializer: Initializer = .orthogonal,
                         biasInitializer: Initializer = .zeros, unitForgetBias: Bool = true,
                         kernelRegularizer: Regularizer? = nil, recurrentRegularizer: Regularizer? = nil,
                         biasRegularizer: Regularizer? = nil, activityRegularizer: Regularizer? = nil,
                         kernelConstraint: Constraint? = nil,
                         recurrentConstraint: Constraint? = nil, biasConstraint: Constraint? = nil,
                         dropout: Double = 0, recurrentDropout: Double = 0, seed: UInt64? = nil,
                         returnSequences: Bool = false, returnState: Bool = false, goBackwards: Bool = false,
                         stateful: Bool = false, unroll: Bool = false, name: String? = nil, dtype: DType = .float32,
                         trainable: Bool = true) throws {
        let rank = Self.spatialRank
        guard rank > 0 else {
            throw KerasError(.invalidArgument, "ConvLSTM is the abstract base of the convolutional LSTM layers; use ConvLSTM1D, ConvLSTM2D or ConvLSTM3D.")
        }
        let cell = try ConvLSTMCell(rank: rank, filters: filters, kernelSize: kernelSize, strides: strides, padding: padding,
                                    dataFormat: dataFormat, dilationRate: dilationRate, activation: activation,
                                    recurrentActivation: recurrentActivation, useBias: useBias,
                                    kernelInitializer: kernelInitializer, recurrentInitializer: recurrentInitializer,
                                    biasInitializer: biasInitializer, unitForgetBias: unitForgetBias,
                                    kernelRegularizer: kernelRegularizer, recurrentRegularizer: recurrentRegularizer,
                                    biasRegularizer: biasRegularizer, kernelConstraint: kernelConstraint,
                                    recurrentConstraint: recurrentConstraint, biasConstraint: biasConstraint,
                                    dropout: dropout, recurrentDropout: recurrentDropout, seed: seed,
                                    name: "conv_lstm_cell", dtype: dtype, trainable: trainable)
        try super.init(cell, returnSequences: returnSequences, returnState: returnState, goBackwards: goBackwards,
                       stateful: stateful, unroll: unroll, name: name, dtype: dtype, trainable: trainable,
                       activityRegularizer: activityRegularizer)
        requiredRank = rank + 3
    }

    /// A fresh, unbuilt layer of the same class and configuration.
    override public func makeCopy(name: String, goBackwards: Bool) throws -> RNN {
        let c = typedCell
        let copy = try Self(c.filters, kernelSize: PerAxis(c.kernelSize), strides: PerAxis(c.strides), padding: c.padding,
                            dataFormat: c.dataFormat, dilationRate: PerAxis(c.dilationRate), activation: c.activation,
                            recurrentActivation: c.recurrentActivation, useBias: c.useBias,
                            kernelInitializer: c.kernelInitializer, recurrentInitializer: c.recurrentInitializer,
                            biasInitializer: c.biasInitializer, unitForgetBias: c.unitForgetBias,
                            kernelRegularizer: c.kernelRegularizer, recurrentRegularizer: c.recurrentRegularizer,
                            biasRegularizer: c.biasRegularizer, activityRegularizer: activityRegularizer,
                            kernelConstraint: c.kernelConstraint,
                            recurrentConstraint: c.recurrentConstraint, biasConstraint: c.biasConstraint,
                            dropout: c.dropout, recurrentDropout: c.recurrentDropout, seed: c.seed,
                            returnSequences: returnSequences, returnState: returnState, goBackwards: goBackwards,
                            stateful: stateful, unroll: unroll, name: name, dtype: dtype, trainable: trainable)
        copy.zeroOutputForMask = zeroOutputForMask
        return copy
    }

    // MARK: Keras configuration

    /// The config keys of ``ConvLSTM1D``, ``ConvLSTM2D`` and ``ConvLSTM3D`` (Keras 3.15): the
    /// cell's arguments but `rank` (the class tells it), and ``RNN``'s keys without `cell`.
    override public class var kerasConfigKeys: [String] {
        ConvLSTMCell.kerasConfigKeys.filter { $0 != "rank" }
            + ["return_sequences", "return_state", "go_backwards", "stateful", "unroll", "zero_output_for_mask"]
    }

    /// Rebuilds a convolutional LSTM of this class's rank from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.unsupported` for a value
    ///   swift-keras does not have (`causal` padding), `.invalidConfig` for malformed values,
    ///   and the initializer's errors.
    public required convenience init(config: LayerConfig) throws {
        let flags = try RecurrentConfigFlags(config)
        try self.init(config.int("filters"), kernelSize: PerAxis(config.requiredInts("kernel_size")),
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
                      seed: config.uint64Seed("seed"), returnSequences: flags.returnSequences, returnState: flags.returnState,
                      goBackwards: flags.goBackwards, stateful: flags.stateful, unroll: flags.unroll, name: config.name,
                      dtype: config.dtype, trainable: config.trainable)
        zeroOutputForMask = flags.zeroOutputForMask
    }

    override public var kerasConfig: JSONObject {
        recurrentKerasConfig(cellArguments: typedCell.cellKerasConfig)
    }

    /// `h` and `c` are shaped as one step's output.
    override public func stateShapes(forSequences shape: TensorShape) throws -> [TensorShape] {
        let step = try stepOutputShape(forSequences: shape)
        return [step, step]
    }

    /// The input convolution's output for one step.
    override public func stepOutputShape(forSequences shape: TensorShape) throws -> TensorShape {
        try typedCell.computeOutputShape(stepShape(shape))
    }
}

/// A convolutional LSTM over sequences of 1-D signals `[batch, timesteps, steps, channels]`
/// (Keras's `ConvLSTM1D`); see ``ConvLSTM`` for the arguments.
///
/// ```swift
/// let layer = try ConvLSTM1D(4, kernelSize: 3)
/// let y = try layer(Tensor.ones([2, 6, 10, 3]))   // [2, 8, 4]
/// ```
public final class ConvLSTM1D: ConvLSTM {
    override class var spatialRank: Int { 1 }
}

/// A convolutional LSTM over sequences of images `[batch, timesteps, height, width, channels]`
/// (Keras's `ConvLSTM2D`); see ``ConvLSTM`` for the arguments.
///
/// ```swift
/// let layer = try ConvLSTM2D(8, kernelSize: 3, padding: .same)
/// let y = try layer(Tensor.ones([2, 5, 16, 16, 3]))   // [2, 16, 16, 8]
/// ```
public final class ConvLSTM2D: ConvLSTM {
    override class var spatialRank: Int { 2 }
}

/// A convolutional LSTM over sequences of volumes `[batch, timesteps, depth, height, width,
/// channels]` (Keras's `ConvLSTM3D`); see ``ConvLSTM`` for the arguments.
///
/// ```swift
/// let layer = try ConvLSTM3D(2, kernelSize: [1, 3, 3], padding: .same)
/// let y = try layer(Tensor.ones([1, 3, 2, 6, 6, 1]))   // [1, 2, 6, 6, 2]
/// ```
public final class ConvLSTM3D: ConvLSTM {
    override class var spatialRank: Int { 3 }
}
