/// A fully connected recurrent layer whose output is fed back as the next state (Keras's `SimpleRNN`): an ``RNN`` over a ``SimpleRNNCell``.
///
/// Weights: `kernel` `[features, units]`, `recurrent_kernel` `[units, units]`, `bias` `[units]`.
/// Input `[batch, timesteps, features]`; everything else (`returnSequences`, `returnState`,
/// `goBackwards`, `stateful`, masking, initial states) is ``RNN``'s.
///
/// ```swift
/// let rnn = try SimpleRNN(4)
/// let y = try rnn(Tensor.ones([32, 10, 8]))                                  // [32, 4]
/// let all = try SimpleRNN(4, returnSequences: true, returnState: true).allOutputs(Tensor.ones([32, 10, 8]))
/// // [sequence [32, 10, 4], final state [32, 4]]
/// ```
public final class SimpleRNN: RNN {
    /// The cell, named `"simple_rnn_cell"` as in Keras.
    public var typedCell: SimpleRNNCell { cell as! SimpleRNNCell }
    /// The size of the state and output.
    public var units: Int { typedCell.units }
    /// Applied to the candidate state.
    public var activation: Activation { typedCell.activation }
    /// Whether biases are added.
    public var useBias: Bool { typedCell.useBias }
    /// How the kernel starts.
    public var kernelInitializer: Initializer { typedCell.kernelInitializer }
    /// How the recurrent kernel starts.
    public var recurrentInitializer: Initializer { typedCell.recurrentInitializer }
    /// How the bias starts.
    public var biasInitializer: Initializer { typedCell.biasInitializer }
    /// A penalty on the kernel.
    public var kernelRegularizer: Regularizer? { typedCell.kernelRegularizer }
    /// A penalty on the recurrent kernel.
    public var recurrentRegularizer: Regularizer? { typedCell.recurrentRegularizer }
    /// A penalty on the bias.
    public var biasRegularizer: Regularizer? { typedCell.biasRegularizer }
    /// A projection of the kernel after each update.
    public var kernelConstraint: Constraint? { typedCell.kernelConstraint }
    /// A projection of the recurrent kernel after each update.
    public var recurrentConstraint: Constraint? { typedCell.recurrentConstraint }
    /// A projection of the bias after each update.
    public var biasConstraint: Constraint? { typedCell.biasConstraint }
    /// The fraction of input units dropped while training.
    public var dropout: Double { typedCell.dropout }
    /// The fraction of state units dropped while training.
    public var recurrentDropout: Double { typedCell.recurrentDropout }
    /// The seed of the dropout masks.
    public var seed: UInt64? { typedCell.seed }

    /// Makes the layer.
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
    ///   - activityRegularizer: a penalty on each output (the sequence or last output, and the
    ///     states with `returnState`), added to ``Layer/losses`` after every call (see
    ///     ``Layer/activityRegularizer``).
    ///   - kernelConstraint: a projection of the kernel after each optimizer update.
    ///   - recurrentConstraint: a projection of the recurrent kernel after each optimizer update.
    ///   - biasConstraint: a projection of the bias after each optimizer update.
    ///   - dropout: the fraction of input units to drop while training (one mask per sequence).
    ///   - recurrentDropout: the fraction of state units to drop while training.
    ///   - seed: the seed of the dropout masks (`nil`: random).
    ///   - returnSequences: return every step's output instead of the last.
    ///   - returnState: return the final states after the output.
    ///   - goBackwards: process the sequence from its end.
    ///   - stateful: keep the final states for the next call.
    ///   - unroll: Keras's `unroll`: selects Keras's unrolled masking rule (the loop always runs in Swift).
    ///   - name: the layer's name (the snake-case class name, numbered, by default).
    ///   - dtype: the dtype of the weights and the computation.
    ///   - trainable: whether the weights are trained.
    /// - Throws: ``KerasError`` when `units` is not positive.
    public init(_ units: Int,
                activation: Activation = .tanh,
                useBias: Bool = true,
                kernelInitializer: Initializer = .glorotUniform,
                recurrentInitializer: Initializer = .orthogonal,
                biasInitializer: Initializer = .zeros,
                kernelRegularizer: Regularizer? = nil,
                recurrentRegularizer: Regularizer? = nil,
                biasRegularizer: Regularizer? = nil,
                activityRegularizer: Regularizer? = nil,
                kernelConstraint: Constraint? = nil,
                recurrentConstraint: Constraint? = nil,
                biasConstraint: Constraint? = nil,
                dropout: Double = 0,
                recurrentDropout: Double = 0,
                seed: UInt64? = nil, returnSequences: Bool = false, returnState: Bool = false,
                goBackwards: Bool = false, stateful: Bool = false, unroll: Bool = false,
                name: String? = nil, dtype: DType = .float32, trainable: Bool = true) throws {
        let cell = try SimpleRNNCell(units, activation: activation, useBias: useBias, kernelInitializer: kernelInitializer, recurrentInitializer: recurrentInitializer, biasInitializer: biasInitializer, kernelRegularizer: kernelRegularizer, recurrentRegularizer: recurrentRegularizer, biasRegularizer: biasRegularizer, kernelConstraint: kernelConstraint, recurrentConstraint: recurrentConstraint, biasConstraint: biasConstraint, dropout: dropout, recurrentDropout: recurrentDropout,
                               seed: seed, name: "simple_rnn_cell", dtype: dtype, trainable: trainable)
        try super.init(cell, returnSequences: returnSequences, returnState: returnState, goBackwards: goBackwards,
                       stateful: stateful, unroll: unroll, name: name, dtype: dtype, trainable: trainable,
                       activityRegularizer: activityRegularizer)
        requiredRank = 3
    }

    private init(copying cell: SimpleRNNCell, of other: SimpleRNN, name: String, goBackwards: Bool) throws {
        try super.init(cell, returnSequences: other.returnSequences, returnState: other.returnState,
                       goBackwards: goBackwards, stateful: other.stateful, unroll: other.unroll,
                       zeroOutputForMask: other.zeroOutputForMask, name: name, dtype: other.dtype, trainable: other.trainable,
                       activityRegularizer: other.activityRegularizer)
        requiredRank = 3
    }

    /// Rebuilds the layer from its cell, named `"simple_rnn_cell"`, and a config's recurrent keys.
    private init(cell: SimpleRNNCell, config: LayerConfig) throws {
        let flags = try RecurrentConfigFlags(config)
        try super.init(cell, returnSequences: flags.returnSequences, returnState: flags.returnState,
                       goBackwards: flags.goBackwards, stateful: flags.stateful, unroll: flags.unroll,
                       zeroOutputForMask: flags.zeroOutputForMask, name: config.name, dtype: config.dtype,
                       trainable: config.trainable)
        requiredRank = 3
    }

    /// SimpleRNN's config keys (Keras 3.15): the cell's arguments, ``RNN``'s keys without `cell`,
    /// and tf.keras 2's
    /// `time_major`.
    override public class var kerasConfigKeys: [String] {
        SimpleRNNCell.kerasConfigKeys + ["return_sequences", "return_state", "go_backwards", "stateful", "unroll",
                                   "zero_output_for_mask", "time_major"]
    }

    /// Rebuilds a SimpleRNN layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.unsupported` for `time_major=true`, `.invalidConfig`
    ///   for malformed values.
    public required convenience init(config: LayerConfig) throws {
        let cellConfig = try config.recurrentCellConfig(className: "SimpleRNNCell", keys: SimpleRNNCell.kerasConfigKeys,
                                                        name: "simple_rnn_cell")
        try self.init(cell: SimpleRNNCell(config: cellConfig), config: config)
    }

    override public var kerasConfig: JSONObject {
        var config = recurrentKerasConfig(cellArguments: typedCell.cellKerasConfig)
        // Keras's SimpleRNN.get_config() leaves out the seed (its constructor takes one).
        config["seed"] = nil
        return config
    }

    /// A fresh, unbuilt SimpleRNN of the same configuration.
    override public func makeCopy(name: String, goBackwards: Bool) throws -> RNN {
        try SimpleRNN(copying: typedCell.makeCopy() as! SimpleRNNCell, of: self, name: name, goBackwards: goBackwards)
    }
}
