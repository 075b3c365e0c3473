// The fused whole-sequence path of LSTM and GRU: when a call's configuration is one the engine's
// fused kernel covers, ``RNN`` runs the sequence as one op (its own backward) instead of one
// composite step per time step.

/// Cells whose whole sequence can run as one fused op (``lstmSequence(_:initialState:kernel:recurrentKernel:bias:mask:goBackwards:zeroOutputForMask:)``
/// and ``gruSequence(_:initialState:kernel:recurrentKernel:bias:resetAfter:mask:goBackwards:zeroOutputForMask:)``).
protocol FusedSequenceCell: RNNCell {
    /// The whole sequence as one fused op, or `nil` when this call is not covered (another
    /// activation, dropout active in training, a dtype without a fused kernel), so ``RNN`` runs
    /// the composite loop.
    ///
    /// - Parameters:
    ///   - x: `[batch, timesteps, features]` in the layer's dtype.
    ///   - states: the initial states.
    ///   - mask: `bool [batch, timesteps]`, or `nil`.
    func fusedSequence(_ x: Tensor, states: [Tensor], mask: Tensor?, goBackwards: Bool, zeroOutputForMask: Bool,
                       training: Bool) throws -> RecurrentSequenceResult?
}

/// Whether dropout at `rate` changes a call (Keras applies it while training, for rates in (0, 1)).
private func dropoutIsActive(_ rate: Double, training: Bool) -> Bool {
    training && rate > 0 && rate < 1
}

/// The weights' values when they and the states all have `x`'s dtype and it has a fused kernel.
private func fusedOperands(_ x: Tensor, states: [Tensor], _ weights: [Variable?]) -> [Tensor?]? {
    guard hasFusedRecurrence(for: x.dtype), states.allSatisfy({ $0.dtype == x.dtype }) else { return nil }
    let values = weights.map { $0?.value }
    guard values.allSatisfy({ $0 == nil || $0?.dtype == x.dtype }) else { return nil }
    return values
}

extension LSTMCell: FusedSequenceCell {
    func fusedSequence(_ x: Tensor, states: [Tensor], mask: Tensor?, goBackwards: Bool, zeroOutputForMask: Bool,
                       training: Bool) throws -> RecurrentSequenceResult? {
        guard kernel != nil, recurrentKernel != nil else { throw notBuilt(self) }
        guard activation == .tanh, recurrentActivation == .sigmoid,
              !dropoutIsActive(dropout, training: training), !dropoutIsActive(recurrentDropout, training: training),
              let values = fusedOperands(x, states: states, [kernel, recurrentKernel, bias]),
              let w = values[0], let r = values[1] else { return nil }
        return lstmSequence(x, initialState: states, kernel: w, recurrentKernel: r, bias: values[2], mask: mask,
                            goBackwards: goBackwards, zeroOutputForMask: zeroOutputForMask)
    }
}

extension GRUCell: FusedSequenceCell {
    func fusedSequence(_ x: Tensor, states: [Tensor], mask: Tensor?, goBackwards: Bool, zeroOutputForMask: Bool,
                       training: Bool) throws -> RecurrentSequenceResult? {
        guard kernel != nil, recurrentKernel != nil else { throw notBuilt(self) }
        guard activation == .tanh, recurrentActivation == .sigmoid,
              !dropoutIsActive(dropout, training: training), !dropoutIsActive(recurrentDropout, training: training),
              let values = fusedOperands(x, states: states, [kernel, recurrentKernel, bias]),
              let w = values[0], let r = values[1] else { return nil }
        return gruSequence(x, initialState: states, kernel: w, recurrentKernel: r, bias: values[2], resetAfter: resetAfter,
                           mask: mask, goBackwards: goBackwards, zeroOutputForMask: zeroOutputForMask)
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
            return (returnSequences ? fused.outputs : fused.outputs[.all, .index(steps - 1)], fused.states)
        }
        let result = try loop(x, states: initial, mask: mask, training: training)
        return (returnSequences ? stack(result.outputs, axis: 1) : result.outputs[result.outputs.count - 1], result.states)
    }
}
