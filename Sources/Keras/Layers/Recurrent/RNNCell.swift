/// One step of a recurrent network: what ``RNN`` runs at every time step (Keras's RNN cell
/// contract: `call(input_at_t, states_at_t)`, `state_size`, `output_size`, `get_initial_state`).
///
/// A cell is a ``Layer``: it creates its weights in ``Layer/build(inputShape:)`` from the shape of
/// one step, `[batch, features]`, and maps one step's input and the previous states to an output
/// and the next states. ``SimpleRNNCell``, ``LSTMCell`` and ``GRUCell`` are cells; so is a cell of
/// your own:
///
/// ```swift
/// final class MinimalRNNCell: Layer, RNNCell {
///     let units: Int
///     var kernel: Variable!, recurrentKernel: Variable!
///     init(units: Int) { self.units = units; super.init() }
///     var stateSize: [Int] { [units] }
///     override func build(inputShape: TensorShape) throws {
///         kernel = try addWeight(name: "kernel", shape: [inputShape.last!!, units])
///         recurrentKernel = try addWeight(name: "recurrent_kernel", shape: [units, units])
///     }
///     func call(_ input: Tensor, states: [Tensor], training: Bool) throws -> (output: Tensor, states: [Tensor]) {
///         let h = matmul(input, kernel.value) + matmul(states[0], recurrentKernel.value)
///         return (h, [h])
///     }
/// }
/// let y = try RNN(MinimalRNNCell(units: 32))(Tensor.ones([4, 10, 5]))   // [4, 32]
/// ```
public protocol RNNCell: Layer {
    /// The size of each state tensor, one entry per state (Keras's `state_size`): `[units]` for
    /// SimpleRNN and GRU cells, `[units, units]` (h, c) for LSTM cells. Each state of a batch is
    /// `[batch, size]`.
    var stateSize: [Int] { get }

    /// The size of the last axis of the output of one step (Keras's `output_size`); the first
    /// state's size by default.
    var outputSize: Int { get }

    /// Computes one step.
    ///
    /// - Parameters:
    ///   - input: the step's input, `[batch, features]`.
    ///   - states: the previous states, one tensor per entry of ``stateSize``.
    ///   - training: whether dropout is active.
    /// - Returns: the step's output `[batch, outputSize]` and the next states.
    func call(_ input: Tensor, states: [Tensor], training: Bool) throws -> (output: Tensor, states: [Tensor])

    /// The states before the first step (Keras's `get_initial_state`); zeros by default.
    func initialStates(batchSize: Int) -> [Tensor]

    /// Forgets the dropout masks drawn for the current sequence, so the next sequence draws new
    /// ones (Keras's `reset_dropout_mask` and `reset_recurrent_dropout_mask`). ``RNN`` calls it
    /// around each sequence; nothing to do by default.
    func resetDropoutMasks()

    /// A fresh, unbuilt cell with the same configuration, for ``Bidirectional`` to make its
    /// second direction from. By default it throws: pass `backwardLayer:` to ``Bidirectional``
    /// for a cell that cannot copy itself.
    func makeCopy() throws -> any RNNCell
}

extension RNNCell {
    /// The first state's size.
    public var outputSize: Int { stateSize.first ?? 0 }

    /// Zeros of `[batchSize, size]` for each state, in the cell's dtype.
    public func initialStates(batchSize: Int) -> [Tensor] {
        stateSize.map { Tensor.zeros([batchSize, $0], dtype: dtype) }
    }

    /// Nothing: the cell keeps no dropout masks.
    public func resetDropoutMasks() {}

    /// Throws: this cell does not know how to copy itself.
    public func makeCopy() throws -> any RNNCell {
        throw KerasError(.unsupported, "Cell \"\(name)\" (\(className)) cannot make a copy of itself, which Bidirectional needs to build its backward direction. Pass backwardLayer: an RNN over a cell of your own, or implement makeCopy() in \(className).")
    }
}

extension RNNCell {
    /// Runs one step, building the cell's weights from `input`'s shape on the first call (Keras's
    /// `cell(inputs, states)`).
    ///
    /// ```swift
    /// let cell = try LSTMCell(4)
    /// let (h, states) = try cell(Tensor.ones([2, 3]), states: cell.initialStates(batchSize: 2))
    /// ```
    ///
    /// - Throws: ``KerasError`` when `input` is not `[batch, features]` or the states do not match
    ///   ``stateSize``.
    public func callAsFunction(_ input: Tensor, states: [Tensor], training: Bool = false) throws -> (output: Tensor, states: [Tensor]) {
        guard input.rank >= 2 else {
            throw KerasError(.incompatibleShape, "Cell \"\(name)\" (\(className)) expects one step of shape [batch, features], but received shape \(input.shape.asTensorShape.kerasDescription).")
        }
        try buildIfNeeded([input.shape.asTensorShape])
        if let built = buildShapes?.first, !fits(input.shape, built) {
            throw KerasError(.incompatibleShape, "Cell \"\(name)\" (\(className)) was built for steps of shape \(([nil] + built.dropFirst()).kerasDescription), but received shape \(input.shape.asTensorShape.kerasDescription).")
        }
        let expected = initialStates(batchSize: input.shape[0]).map(\.shape)
        guard states.map(\.shape) == expected else {
            throw KerasError(.incompatibleShape, "Cell \"\(name)\" (\(className)) expects \(expected.count) state(s) of shape \(expected.map { $0.asTensorShape.kerasDescription }.joined(separator: ", ")), but received \(states.count) of shape \(states.map { $0.shape.asTensorShape.kerasDescription }.joined(separator: ", ")).")
        }
        return try LayerNaming.withScope(of: self) { try call(input, states: states, training: training) }
    }
}

/// Cells that can compute the input half of a step for a whole sequence at once: the product
/// with the kernel (and the input dropout) does not depend on the previous state, so ``RNN``
/// computes it as one large matrix product before the time loop.
protocol InputProjectingCell: RNNCell {
    /// `x · kernel (+ bias)`, with the input dropout, for one step `x` of shape `[batch, features]`
    /// or a sequence `[batch, time, features]` (the same dropout mask at every step).
    func projectInputs(_ x: Tensor, training: Bool) throws -> Tensor
    /// One step from the projected input of that step, `[batch, projectedSize]`.
    func step(projected: Tensor, states: [Tensor], training: Bool) throws -> (output: Tensor, states: [Tensor])
}
