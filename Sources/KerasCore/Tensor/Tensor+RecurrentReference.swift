/// The composite form of ``recurrentSequence(_:_:)``: Keras's `backend.rnn` loop over the LSTM
/// and GRU cells written with ops, one step at a time. The fused kernels' test oracle, and the
/// path for backends and dtypes without one.
enum RecurrentReference {
    static func sequence(_ spec: RecurrentSequenceSpec, _ inputs: RecurrentSequenceInputs) -> RecurrentSequenceResult {
        let x = inputs.x
        let (batch, steps) = (x.shape[0], x.shape[1])
        var inputBias: Tensor?, recurrentBias: Tensor?
        if let bias = inputs.bias {
            if spec.cell == .gru(resetAfter: true) {
                inputBias = bias[0]
                recurrentBias = bias[1]
            } else {
                inputBias = bias
            }
        }
        var projected = matmul(x, inputs.kernel)   // [batch, timesteps, gates·units]
        if let inputBias { projected = projected + inputBias }
        var states = inputs.initialStates
        var outputs: [Tensor] = []
        for s in 0..<steps {
            let t = spec.goBackwards ? steps - 1 - s : s
            let z = projected[.all, .index(t)]
            var next: [Tensor]
            switch spec.cell {
            case .lstm: next = lstmStep(z, states, inputs.recurrentKernel)
            case .gru(let resetAfter): next = [gruStep(z, states[0], inputs.recurrentKernel, recurrentBias, resetAfter: resetAfter)]
            }
            var output = next[0]
            if let mask = inputs.mask {
                let keep = mask[.all, .index(t)].reshaped(to: [batch, 1])
                next = zip(next, states).map { select(keep, $0, $1) }
                output = spec.zeroOutputForMask ? select(keep, next[0], Tensor.zeros([], dtype: x.dtype)) : next[0]
            }
            outputs.append(output)
            states = next
        }
        return RecurrentSequenceResult(outputs: stack(outputs, axis: 1), states: states)
    }

    /// `z`: the step's projected input `[batch, 4·units]`; states `[h, c]`.
    static func lstmStep(_ z: Tensor, _ states: [Tensor], _ recurrentKernel: Tensor) -> [Tensor] {
        let gates = split(z + matmul(states[0], recurrentKernel), sections: 4, axis: -1)
        let i = sigmoid(gates[0]), f = sigmoid(gates[1]), o = sigmoid(gates[3])
        let c = f * states[1] + i * tanh(gates[2])
        return [o * tanh(c), c]
    }

    /// `x`: the step's projected input `[batch, 3·units]` (input bias included).
    static func gruStep(_ x: Tensor, _ h: Tensor, _ recurrentKernel: Tensor, _ recurrentBias: Tensor?,
                        resetAfter: Bool) -> Tensor {
        let xs = split(x, sections: 3, axis: -1)
        let candidate: Tensor, z: Tensor
        if resetAfter {
            var inner = matmul(h, recurrentKernel)
            if let recurrentBias { inner = inner + recurrentBias }
            let parts = split(inner, sections: 3, axis: -1)
            z = sigmoid(xs[0] + parts[0])
            let r = sigmoid(xs[1] + parts[1])
            candidate = tanh(xs[2] + r * parts[2])
        } else {
            let kernels = split(recurrentKernel, sections: 3, axis: 1)
            z = sigmoid(xs[0] + matmul(h, kernels[0]))
            let r = sigmoid(xs[1] + matmul(h, kernels[1]))
            candidate = tanh(xs[2] + matmul(r * h, kernels[2]))
        }
        return z * h + (1 - z) * candidate
    }
}
