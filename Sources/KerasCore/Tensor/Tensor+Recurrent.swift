// Whole-sequence LSTM and GRU: one op for every time step, fused on backends that can
// (``FusedRecurrenceBackend``), the composite reference elsewhere.

/// Runs Keras's LSTM (`tanh` and `sigmoid`, gates i, f, c, o) over a whole sequence as one op.
///
/// On the CPU backend (float32 and float64) this is one fused kernel with its own backward
/// (backpropagation through time); elsewhere the same computation is composed step by step from
/// primitives. A masked step keeps the previous states; its output is the kept `h` (zeros with
/// `zeroOutputForMask`), as Keras's `backend.rnn`.
///
/// ```swift
/// let x = Tensor.ones([2, 5, 3])                              // [batch, timesteps, features]
/// let h0 = Tensor.zeros([2, 4]), c0 = Tensor.zeros([2, 4])
/// let r = lstmSequence(x, initialState: [h0, c0], kernel: Tensor.ones([3, 16]) * 0.1,
///                      recurrentKernel: Tensor.ones([4, 16]) * 0.1, bias: Tensor.zeros([16]))
/// r.outputs.shape     // [2, 5, 4]
/// r.states[1].shape   // [2, 4], the final c
/// ```
///
/// - Parameters:
///   - x: `[batch, timesteps, features]`, float.
///   - initialState: `[h, c]`, each `[batch, units]`.
///   - kernel: `[features, 4·units]`.
///   - recurrentKernel: `[units, 4·units]`.
///   - bias: `[4·units]`, or `nil`.
///   - mask: `bool [batch, timesteps]`, `false` at the steps to skip.
///   - goBackwards: process the sequence from its end (outputs in processing order).
///   - zeroOutputForMask: output zeros at masked steps.
public func lstmSequence(_ x: Tensor, initialState: [Tensor], kernel: Tensor, recurrentKernel: Tensor,
                         bias: Tensor? = nil, mask: Tensor? = nil, goBackwards: Bool = false,
                         zeroOutputForMask: Bool = false) -> RecurrentSequenceResult {
    recurrentSequence(RecurrentSequenceSpec(cell: .lstm, goBackwards: goBackwards, zeroOutputForMask: zeroOutputForMask),
                      RecurrentSequenceInputs(x: x, initialStates: initialState, kernel: kernel,
                                              recurrentKernel: recurrentKernel, bias: bias, mask: mask))
}

/// Runs Keras's GRU (`tanh` and `sigmoid`, gates z, r, h) over a whole sequence as one op, in
/// either of Keras's forms (`resetAfter`); see
/// ``lstmSequence(_:initialState:kernel:recurrentKernel:bias:mask:goBackwards:zeroOutputForMask:)``.
///
/// ```swift
/// let r = gruSequence(Tensor.ones([2, 5, 3]), initialState: [Tensor.zeros([2, 4])],
///                     kernel: Tensor.ones([3, 12]) * 0.1, recurrentKernel: Tensor.ones([4, 12]) * 0.1,
///                     bias: Tensor.zeros([2, 12]))
/// r.outputs.shape   // [2, 5, 4]
/// ```
///
/// - Parameters:
///   - x: `[batch, timesteps, features]`, float.
///   - initialState: `[h]`, `[batch, units]`.
///   - kernel: `[features, 3·units]`.
///   - recurrentKernel: `[units, 3·units]`.
///   - bias: `[2, 3·units]` (input, recurrent) with `resetAfter`, else `[3·units]`; or `nil`.
///   - resetAfter: apply the reset gate after the recurrent product (Keras's default).
///   - mask: `bool [batch, timesteps]`, `false` at the steps to skip.
///   - goBackwards: process the sequence from its end (outputs in processing order).
///   - zeroOutputForMask: output zeros at masked steps.
public func gruSequence(_ x: Tensor, initialState: [Tensor], kernel: Tensor, recurrentKernel: Tensor,
                        bias: Tensor? = nil, resetAfter: Bool = true, mask: Tensor? = nil,
                        goBackwards: Bool = false, zeroOutputForMask: Bool = false) -> RecurrentSequenceResult {
    recurrentSequence(RecurrentSequenceSpec(cell: .gru(resetAfter: resetAfter), goBackwards: goBackwards,
                                            zeroOutputForMask: zeroOutputForMask),
                      RecurrentSequenceInputs(x: x, initialStates: initialState, kernel: kernel,
                                              recurrentKernel: recurrentKernel, bias: bias, mask: mask))
}

/// Runs a recurrent cell over a whole sequence as one op: the fused kernel of a
/// ``FusedRecurrenceBackend`` when it supports the dtype, else the composite reference.
///
/// - Precondition: the shapes and dtypes of ``RecurrentSequenceInputs`` for `spec.cell`, at
///   least one time step.
public func recurrentSequence(_ spec: RecurrentSequenceSpec, _ inputs: RecurrentSequenceInputs) -> RecurrentSequenceResult {
    validate(spec, inputs)
    guard let backend = fusedRecurrenceBackend, backend.supportsFusedRecurrence(dtype: inputs.x.dtype) else {
        return RecurrentReference.sequence(spec, inputs)
    }
    let needed = inputs.differentiable.map(\.isTracked)
    let outputs = customGradient(inputs.differentiable) { plain in
        let arguments = inputs.replacing(differentiable: plain)
        let (outputs, residuals) = backend.runRecurrentSequence(spec, arguments)
        return (outputs, { cotangents in
            backend.recurrentSequenceBackward(spec, arguments, residuals: residuals, cotangents: cotangents, needed: needed)
        })
    }
    return RecurrentSequenceResult(outputs: outputs[0], states: Array(outputs.dropFirst()))
}

/// Whether ``recurrentSequence(_:_:)`` runs a fused kernel for `dtype` on this backend (float32
/// and float64 on the CPU); other dtypes run the composite reference.
public func hasFusedRecurrence(for dtype: DType) -> Bool {
    fusedRecurrenceBackend?.supportsFusedRecurrence(dtype: dtype) ?? false
}

/// The backend's fused-recurrence capability, if it has one.
private var fusedRecurrenceBackend: (any FusedRecurrenceBackend)? {
    (CPUBackend.shared as any Backend) as? any FusedRecurrenceBackend
}

/// Stops with a precise message unless `inputs` fit `spec` (tier 2: a programmer's call).
private func validate(_ spec: RecurrentSequenceSpec, _ inputs: RecurrentSequenceInputs) {
    let op = spec.cell == .lstm ? "lstmSequence" : "gruSequence"
    let x = inputs.x
    guard x.rank == 3, x.dtype.isFloatingPoint else {
        opFailure(op, "x must be a float sequence [batch, timesteps, features], but has shape \(Shape.describe(x.shape)) and dtype \(x.dtype).")
    }
    let (batch, steps, features) = (x.shape[0], x.shape[1], x.shape[2])
    guard steps > 0 else { opFailure(op, "x must have at least one time step, but has shape \(Shape.describe(x.shape)).") }
    let gates = spec.cell.gateCount
    let units = inputs.recurrentKernel.shape.first ?? 0
    var expected: [(String, Tensor, [Int])] = [("kernel", inputs.kernel, [features, gates * units]),
                                               ("recurrentKernel", inputs.recurrentKernel, [units, gates * units])]
    guard inputs.initialStates.count == spec.cell.stateCount else {
        opFailure(op, "expects \(spec.cell.stateCount) initial state(s), but received \(inputs.initialStates.count).")
    }
    for (k, state) in inputs.initialStates.enumerated() { expected.append(("initial state \(k)", state, [batch, units])) }
    if let bias = inputs.bias {
        let shape = spec.cell == .gru(resetAfter: true) ? [2, gates * units] : [gates * units]
        expected.append(("bias", bias, shape))
    }
    for (name, tensor, shape) in expected {
        guard tensor.shape == shape else {
            opFailure(op, "\(name) must have shape \(Shape.describe(shape)) for x of shape \(Shape.describe(x.shape)) and \(units) units, but has shape \(Shape.describe(tensor.shape)).")
        }
        guard tensor.dtype == x.dtype else {
            opFailure(op, "\(name) has dtype \(tensor.dtype) but x has dtype \(x.dtype); cast them to one dtype.")
        }
    }
    if let mask = inputs.mask, mask.dtype != .bool || mask.shape != [batch, steps] {
        opFailure(op, "mask must be bool [batch, timesteps] = \(Shape.describe([batch, steps])), but has shape \(Shape.describe(mask.shape)) and dtype \(mask.dtype).")
    }
}
