/// Which recurrent cell a fused sequence runs, with Keras's default activations (`tanh` for the
/// candidate and the cell state, `sigmoid` for the gates).
public enum RecurrentCellKind: Sendable, Hashable {
    /// Keras's LSTM: gates i, f, c, o; states `[h, c]`; kernel `[features, 4·units]`,
    /// recurrent kernel `[units, 4·units]`, bias `[4·units]`.
    case lstm
    /// Keras's GRU: gates z, r, h; state `[h]`; kernel `[features, 3·units]`, recurrent kernel
    /// `[units, 3·units]`, bias `[2, 3·units]` (input, recurrent) with `resetAfter`, else `[3·units]`.
    case gru(resetAfter: Bool)

    /// The number of gates: 4 for an LSTM, 3 for a GRU.
    public var gateCount: Int {
        switch self {
        case .lstm: return 4
        case .gru: return 3
        }
    }

    /// The number of states: 2 (`h`, `c`) for an LSTM, 1 for a GRU.
    public var stateCount: Int {
        switch self {
        case .lstm: return 2
        case .gru: return 1
        }
    }
}

/// How a fused recurrent sequence runs over time: Keras's `backend.rnn` options that a fused
/// kernel covers.
public struct RecurrentSequenceSpec: Sendable, Hashable {
    /// The cell computed at every step.
    public var cell: RecurrentCellKind
    /// Whether the sequence is processed from its last step (outputs come in processing order).
    public var goBackwards: Bool
    /// Whether a masked step outputs zeros instead of the carried state `h`.
    public var zeroOutputForMask: Bool

    /// Makes a spec.
    public init(cell: RecurrentCellKind, goBackwards: Bool = false, zeroOutputForMask: Bool = false) {
        self.cell = cell
        self.goBackwards = goBackwards
        self.zeroOutputForMask = zeroOutputForMask
    }
}

/// The tensors of a fused recurrent sequence, all of one floating-point dtype except the mask.
///
/// `x: [batch, timesteps, features]`; `initialStates`: `[batch, units]` each (`[h, c]` for an
/// LSTM, `[h]` for a GRU); `kernel`, `recurrentKernel` and `bias` in Keras's layouts (see
/// ``RecurrentCellKind``); `mask`: `bool [batch, timesteps]` in the input's time order, `false`
/// at steps that keep the previous states.
public struct RecurrentSequenceInputs: Sendable {
    /// The sequence, `[batch, timesteps, features]`.
    public var x: Tensor
    /// The states before the first step.
    public var initialStates: [Tensor]
    /// The input kernel.
    public var kernel: Tensor
    /// The recurrent kernel.
    public var recurrentKernel: Tensor
    /// The bias, or `nil` for none.
    public var bias: Tensor?
    /// The steps to skip (`false`), or `nil` for none.
    public var mask: Tensor?

    /// Collects the inputs.
    public init(x: Tensor, initialStates: [Tensor], kernel: Tensor, recurrentKernel: Tensor,
                bias: Tensor? = nil, mask: Tensor? = nil) {
        self.x = x
        self.initialStates = initialStates
        self.kernel = kernel
        self.recurrentKernel = recurrentKernel
        self.bias = bias
        self.mask = mask
    }

    /// The differentiable inputs in a fixed order: `x`, the initial states, `kernel`,
    /// `recurrentKernel`, then `bias` when there is one (the order of the gradients a backward returns).
    public var differentiable: [Tensor] {
        [x] + initialStates + [kernel, recurrentKernel] + (bias.map { [$0] } ?? [])
    }

    /// The same inputs with the differentiable ones replaced, in the order of ``differentiable``.
    func replacing(differentiable values: [Tensor]) -> RecurrentSequenceInputs {
        let n = initialStates.count
        return RecurrentSequenceInputs(x: values[0], initialStates: Array(values[1...n]), kernel: values[n + 1],
                                       recurrentKernel: values[n + 2], bias: bias == nil ? nil : values[n + 3], mask: mask)
    }
}

/// What a fused recurrent sequence returns.
public struct RecurrentSequenceResult: Sendable {
    /// Every step's output, `[batch, timesteps, units]`, in processing order (reversed with
    /// `goBackwards`, as Keras): the state `h` after the step, or zeros at a masked step with
    /// `zeroOutputForMask`.
    public var outputs: Tensor
    /// The states after the last step (`[h, c]` for an LSTM, `[h]` for a GRU).
    public var states: [Tensor]

    /// Collects the result.
    public init(outputs: Tensor, states: [Tensor]) {
        self.outputs = outputs
        self.states = states
    }
}

/// The optional capability of a backend that runs a whole LSTM or GRU sequence as one fused op,
/// with its own backward (backpropagation through time), instead of one composite step per
/// time step. ``lstmSequence(_:initialState:kernel:recurrentKernel:bias:mask:goBackwards:zeroOutputForMask:)``
/// and ``gruSequence(_:initialState:kernel:recurrentKernel:bias:resetAfter:mask:goBackwards:zeroOutputForMask:)``
/// use it when the backend has it and supports the dtype, and the composite reference otherwise.
public protocol FusedRecurrenceBackend: Backend {
    /// Whether ``runRecurrentSequence(_:_:)`` handles tensors of `dtype`.
    func supportsFusedRecurrence(dtype: DType) -> Bool

    /// The forward pass: `[outputs, states...]` (see ``RecurrentSequenceResult``) and the tensors
    /// the backward pass needs, in an order of the backend's choosing.
    func runRecurrentSequence(_ spec: RecurrentSequenceSpec, _ inputs: RecurrentSequenceInputs)
        -> (outputs: [Tensor], residuals: [Tensor])

    /// The backward pass: from the cotangents of `[outputs, states...]`, the gradients of
    /// ``RecurrentSequenceInputs/differentiable`` (in that order); `nil` where `needed` is `false`.
    func recurrentSequenceBackward(_ spec: RecurrentSequenceSpec, _ inputs: RecurrentSequenceInputs,
                                   residuals: [Tensor], cotangents: [Tensor], needed: [Bool]) -> [Tensor?]
}
