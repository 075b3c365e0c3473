// The fused whole-sequence path of LSTM and GRU: when a call's configuration is one the engine's
// fused kernel covers, ``RNN`` runs the sequence as one op (its own backward) instead of one
// composite step per time step.

/// Cells whose whole sequence can run as one fused op (``recurrentSequence(_:_:)``): the
/// built-in LSTM and GRU cells, whose weights are in the layouts the fused kernels read.
protocol FusedSequenceCell: RNNCell, RecurrentWeightOptions {
    var activation: Activation { get }
    var recurrentActivation: Activation { get }
    var kernel: Variable? { get }
    var recurrentKernel: Variable? { get }
    var bias: Variable? { get }
    /// The cell the fused kernel computes.
    var fusedCellKind: RecurrentCellKind { get }
}

extension LSTMCell: FusedSequenceCell {
    var fusedCellKind: RecurrentCellKind { .lstm }
}

extension GRUCell: FusedSequenceCell {
    var fusedCellKind: RecurrentCellKind { .gru(resetAfter: resetAfter) }
}

extension FusedSequenceCell {
    /// The whole sequence as one fused op, or `nil` when this call is not covered (another
    /// activation, dropout active in training, a dtype without a fused kernel), so ``RNN`` runs
    /// the composite loop.
    ///
    /// - Parameters:
    ///   - x: `[batch, timesteps, features]` in the layer's dtype.
    ///   - states: the initial states.
    ///   - mask: `bool [batch, timesteps]`, or `nil`.
    func fusedSequence(_ x: Tensor, states: [Tensor], mask: Tensor?, goBackwards: Bool, zeroOutputForMask: Bool,
                       training: Bool) throws -> RecurrentSequenceResult? {
        guard let kernel, let recurrentKernel else { throw notBuilt(self) }
        // Keras applies dropout while training, for rates in (0, 1).
        func active(_ rate: Double) -> Bool { training && rate > 0 && rate < 1 }
        guard activation == .tanh, recurrentActivation == .sigmoid, !active(dropout), !active(recurrentDropout),
              hasFusedRecurrence(for: x.dtype) else { return nil }
        let (w, r, b) = (kernel.value, recurrentKernel.value, bias?.value)
        guard ([w, r] + states + (b.map { [$0] } ?? [])).allSatisfy({ $0.dtype == x.dtype }) else { return nil }
        let spec = RecurrentSequenceSpec(cell: fusedCellKind, goBackwards: goBackwards, zeroOutputForMask: zeroOutputForMask)
        return recurrentSequence(spec, RecurrentSequenceInputs(x: x, initialStates: states, kernel: w, recurrentKernel: r,
                                                                bias: b, mask: mask))
    }
}

extension RNN {
    /// The layer's output (the last step's, or every step's with ``returnSequences``) and the
    /// final states: through the cell's fused kernel when ``allowsFusedKernel`` and the call is
    /// covered, else through the step-by-step loop. Both give the same values and gradients.
    func runSequence(_ x: Tensor, states initial: [Tensor], mask: Tensor?, training: Bool) throws
        -> (output: Tensor, states: [Tensor]) {
        let steps = x.shape[1]
        // Keras's unrolled masking rule repeats the previous output, which the kernel does not.
        if allowsFusedKernel, steps > 0, !unroll || mask == nil, let cell = cell as? any FusedSequenceCell,
           let fused = try cell.fusedSequence(x, states: initial, mask: mask, goBackwards: goBackwards,
                                              zeroOutputForMask: zeroOutputForMask, training: training) {
            lastCallWasFused = true
            return (returnSequences ? fused.outputs : fused.outputs[.all, .index(steps - 1)], fused.states)
        }
        lastCallWasFused = false
        let result = try loop(x, states: initial, mask: mask, training: training)
        return (returnSequences ? stack(result.outputs, axis: 1) : result.outputs[result.outputs.count - 1], result.states)
    }
}
