/// Gated recurrent unit (Cho et al. 2014; Keras's `GRU`): an ``RNN`` over a ``GRUCell``, in both of Keras's forms (`resetAfter`).
///
/// Weights: `kernel` `[features, 3·units]`, `recurrent_kernel` `[units, 3·units]`, gates z, r, h; `bias` `[2, 3·units]` (input and recurrent biases) when `resetAfter` (the default), `[3·units]` otherwise.
/// Input `[batch, timesteps, features]`; everything else (`returnSequences`, `returnState`,
/// `goBackwards`, `stateful`, masking, initial states) is ``RNN``'s. With the default activations,
/// no dropout active and float32 or float64, the whole sequence runs as one fused kernel with its
/// own backward (as Keras picks cuDNN); otherwise step by step, with the same values and gradients.
///
/// ```swift
/// let gru = try GRU(16)
/// let y = try gru(Tensor.ones([4, 10, 8]))                  // [4, 16]
/// let v1 = try GRU(16, resetAfter: false)                   // Keras 1 / TF1 form
/// ```
public final class GRU: RNN {
    /// The cell, named `"gru_cell"` as in Keras.
    public var typedCell: GRUCell { cell as! GRUCell }
    /// The size of the state and output.
    public var units: Int { typedCell.units }
    /// Applied to the candidate state.
    public var activation: Activation { typedCell.activation }
    /// Applied to the gates.
    public var recurrentActivation: Activation { typedCell.recurrentActivation }
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
    /// Whether the reset gate applies after the recurrent product.
    public var resetAfter: Bool { typedCell.resetAfter }
    /// The seed of the dropout masks.
    public var seed: UInt64? { typedCell.seed }

    /// Makes the layer.
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
    ///   - activityRegularizer: a penalty on each output (the sequence or last output, and the
    ///     states with `returnState`), added to ``Layer/losses`` after every call (see
    ///     ``Layer/activityRegularizer``).
    ///   - kernelConstraint: a projection of the kernel after each optimizer update.
    ///   - recurrentConstraint: a projection of the recurrent kernel after each optimizer update.
    ///   - biasConstraint: a projection of the bias after each optimizer update.
    ///   - dropout: the fraction of input units to drop while training (one mask per sequence).
    ///   - recurrentDropout: the fraction of state units to drop while training.
    ///   - resetAfter: apply the reset gate after the recurrent product (Keras's default, cuDNN-compatible)
    ///     instead of before it.
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
                recurrentActivation: Activation = .sigmoid,
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
                resetAfter: Bool = true,
                seed: UInt64? = nil, returnSequences: Bool = false, returnState: Bool = false,
                goBackwards: Bool = false, stateful: Bool = false, unroll: Bool = false,
                name: String? = nil, dtype: DType = .float32, trainable: Bool = true) throws {
        let cell = try GRUCell(units, activation: activation, recurrentActivation: recurrentActivation, useBias: useBias, kernelInitializer: kernelInitializer, recurrentInitializer: recurrentInitializer, biasInitializer: biasInitializer, kernelRegularizer: kernelRegularizer, recurrentRegularizer: recurrentRegularizer, biasRegularizer: biasRegularizer, kernelConstraint: kernelConstraint, recurrentConstraint: recurrentConstraint, biasConstraint: biasConstraint, dropout: dropout, recurrentDropout: recurrentDropout, resetAfter: resetAfter,
                               seed: seed, name: "gru_cell", dtype: dtype, trainable: trainable)
        try super.init(cell, returnSequences: returnSequences, returnState: returnState, goBackwards: goBackwards,
                       stateful: stateful, unroll: unroll, name: name, dtype: dtype, trainable: trainable,
                       activityRegularizer: activityRegularizer)
        requiredRank = 3
    }

    private init(copying cell: GRUCell, of other: GRU, name: String, goBackwards: Bool) throws {
        try super.init(cell, returnSequences: other.returnSequences, returnState: other.returnState,
                       goBackwards: goBackwards, stateful: other.stateful, unroll: other.unroll,
                       zeroOutputForMask: other.zeroOutputForMask, name: name, dtype: other.dtype, trainable: other.trainable,
                       activityRegularizer: other.activityRegularizer)
        requiredRank = 3
    }

    /// Rebuilds the layer from its cell, named `"gru_cell"`, and a config's recurrent keys.
    private init(cell: GRUCell, config: LayerConfig) throws {
        let flags = try RecurrentConfigFlags(config)
        try super.init(cell, returnSequences: flags.returnSequences, returnState: flags.returnState,
                       goBackwards: flags.goBackwards, stateful: flags.stateful, unroll: flags.unroll,
                       zeroOutputForMask: flags.zeroOutputForMask, name: config.name, dtype: config.dtype,
                       trainable: config.trainable)
        requiredRank = 3
    }

    /// GRU's config keys (Keras 3.15): the cell's arguments, ``RNN``'s keys without `cell`,
    /// `use_cudnn` and `implementation` (which choose Keras kernels, not the math), and tf.keras 2's
    /// `time_major`.
    override public class var kerasConfigKeys: [String] {
        GRUCell.kerasConfigKeys + ["return_sequences", "return_state", "go_backwards", "stateful", "unroll",
                                   "zero_output_for_mask", "use_cudnn", "implementation", "time_major"]
    }

    /// Rebuilds a GRU layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.unsupported` for `time_major=true`, `.invalidConfig`
    ///   for malformed values.
    public required convenience init(config: LayerConfig) throws {
        let cellConfig = try config.recurrentCellConfig(className: "GRUCell", keys: GRUCell.kerasConfigKeys,
                                                        name: "gru_cell")
        try self.init(cell: GRUCell(config: cellConfig), config: config)
    }

    override public var kerasConfig: JSONObject {
        recurrentKerasConfig(cellArguments: typedCell.cellKerasConfig)
    }

    /// A fresh, unbuilt GRU of the same configuration.
    override public func makeCopy(name: String, goBackwards: Bool) throws -> RNN {
        try GRU(copying: typedCell.makeCopy() as! GRUCell, of: self, name: name, goBackwards: goBackwards)
    }
}
