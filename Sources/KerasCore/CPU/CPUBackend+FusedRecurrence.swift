/// The CPU backend runs whole LSTM and GRU sequences as fused kernels in float32 and float64
/// (``LSTMSequenceKernel``, ``GRUSequenceKernel``); 16-bit floats take the composite path.
extension CPUBackend: FusedRecurrenceBackend {
    func supportsFusedRecurrence(dtype: DType) -> Bool {
        dtype == .float32 || dtype == .float64
    }

    func runRecurrentSequence(_ spec: RecurrentSequenceSpec, _ inputs: RecurrentSequenceInputs)
        -> (outputs: [Tensor], residuals: [Tensor]) {
        switch inputs.x.dtype {
        case .float32: return forward(spec, inputs, Float.self)
        case .float64: return forward(spec, inputs, Double.self)
        default: preconditionFailure("fused recurrence: dtype \(inputs.x.dtype) is not supported; check supportsFusedRecurrence first")
        }
    }

    func recurrentSequenceBackward(_ spec: RecurrentSequenceSpec, _ inputs: RecurrentSequenceInputs,
                                   residuals: [Tensor], cotangents: [Tensor], needed: [Bool]) -> [Tensor?] {
        switch inputs.x.dtype {
        case .float32: return backward(spec, inputs, residuals, cotangents, needed, Float.self)
        case .float64: return backward(spec, inputs, residuals, cotangents, needed, Double.self)
        default: preconditionFailure("fused recurrence: dtype \(inputs.x.dtype) is not supported; check supportsFusedRecurrence first")
        }
    }

    private func forward<T: RecurrentScalar>(_ spec: RecurrentSequenceSpec, _ inputs: RecurrentSequenceInputs,
                                             _ t: T.Type) -> (outputs: [Tensor], residuals: [Tensor]) {
        switch spec.cell {
        case .lstm: return LSTMSequenceKernel.forward(spec, inputs, t)
        case .gru(let resetAfter): return GRUSequenceKernel.forward(spec, inputs, resetAfter: resetAfter, t)
        }
    }

    private func backward<T: RecurrentScalar>(_ spec: RecurrentSequenceSpec, _ inputs: RecurrentSequenceInputs,
                                              _ residuals: [Tensor], _ cotangents: [Tensor], _ needed: [Bool],
                                              _ t: T.Type) -> [Tensor?] {
        switch spec.cell {
        case .lstm:
            return LSTMSequenceKernel.backward(spec, inputs, residuals: residuals, cotangents: cotangents, needed: needed, t)
        case .gru(let resetAfter):
            return GRUSequenceKernel.backward(spec, inputs, resetAfter: resetAfter, residuals: residuals,
                                              cotangents: cotangents, needed: needed, t)
        }
    }
}
