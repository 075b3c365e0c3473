/// Runs a cell over the time axis of a sequence: Keras's `RNN`, the base of ``SimpleRNN``,
/// ``LSTM`` and ``GRU``, and the way to run a cell of your own (see ``RNNCell``).
///
/// Input `[batch, timesteps, features]`. Output `[batch, outputSize]` (the last step), or
/// `[batch, timesteps, outputSize]` with `returnSequences`; with `returnState` the final states
/// follow the output (get them with ``allOutputs(_:initialState:mask:training:)``). Weights: the
/// cell's.
///
/// - Initial states: pass them after the sequence, `rnn.allOutputs(x, initialState: [h0, c0])`,
///   or symbolically `rnn.allOutputs([x, h0, c0])`.
/// - Masks: a `[batch, timesteps]` mask (from ``Masking`` or an ``Embedding`` with `maskZero`)
///   skips steps: a masked step keeps the previous states and outputs the first previous state
///   (zeros with `zeroOutputForMask`), exactly as Keras.
/// - `goBackwards` processes the sequence from the end and returns the outputs in that order.
/// - `stateful` carries the final states of one call into the next (batch size fixed);
///   ``resetStates()`` sets them back to zeros.
///
/// ```swift
/// let rnn = try RNN(LSTMCell(16), returnSequences: true)
/// let y = try rnn(Tensor.ones([4, 10, 8]))                        // [4, 10, 16]
/// let stacked = try RNN([GRUCell(16), GRUCell(8)])                // one layer, two cells
/// let outputs = try RNN(LSTMCell(4), returnState: true).allOutputs(Tensor.ones([2, 5, 3]))
/// // [output [2, 4], h [2, 4], c [2, 4]]
/// ```
open class RNN: Layer {
    /// The cell run at every step.
    public let cell: any RNNCell
    /// Whether the output is every step's output (`[batch, timesteps, units]`) or only the last.
    public let returnSequences: Bool
    /// Whether the final states are returned after the output.
    public let returnState: Bool
    /// Whether the sequence is processed from its end (the outputs come in that order).
    public let goBackwards: Bool
    /// Whether the final states of a call are the initial states of the next.
    public let stateful: Bool
    /// Keras's `unroll`: here it only selects Keras's unrolled masking rule (a masked step
    /// repeats the previous *output*, zeros before the first), as the loop always runs in Swift.
    public let unroll: Bool
    /// Whether a masked step outputs zeros instead of the previous output (only seen with
    /// `returnSequences`); ``Bidirectional`` sets it to `returnSequences`.
    public var zeroOutputForMask: Bool
    /// Whether a cell with a fused whole-sequence kernel (``LSTMCell``, ``GRUCell``) may use it
    /// when the call allows (Keras's `use_cudnn="auto"`): default activations, no dropout
    /// active, float32 or float64, and not Keras's unrolled masking rule. `false` runs the
    /// step-by-step composite, which gives the same values and gradients.
    public var allowsFusedKernel = true
    /// Whether the last call ran the fused kernel (diagnostics for tests and benchmarks).
    var lastCallWasFused = false

    /// The states a stateful layer carries between calls (`nil` when not stateful or not built).
    public internal(set) var states: [Tensor]?

    /// The input rank the layer requires (3 for SimpleRNN, LSTM and GRU; `nil`: at least 3).
    var requiredRank: Int?

    /// Makes a recurrent layer over `cell`.
    ///
    /// - Parameters:
    ///   - cell: the step: a built-in cell, ``StackedRNNCells`` or a cell of your own.
    ///   - returnSequences: return every step's output instead of the last.
    ///   - returnState: return the final states after the output.
    ///   - goBackwards: process the sequence from its end.
    ///   - stateful: keep the final states for the next call (needs a fixed batch size).
    ///   - unroll: Keras's `unroll`: selects Keras's unrolled masking rule (the loop always runs in Swift).
    ///   - zeroOutputForMask: output zeros at masked steps.
    ///   - name: the layer's name (the snake-case class name, numbered, by default).
    ///   - dtype: the layer's dtype; the cell's by default.
    ///   - trainable: whether the weights are trained.
    ///   - activityRegularizer: a penalty on each output (the sequence or last output, and the
    ///     states with `returnState`), added to ``Layer/losses`` after every call (see
    ///     ``Layer/activityRegularizer``).
    public init(_ cell: any RNNCell, returnSequences: Bool = false, returnState: Bool = false,
                goBackwards: Bool = false, stateful: Bool = false, unroll: Bool = false,
                zeroOutputForMask: Bool = false, name: String? = nil, dtype: DType? = nil, trainable: Bool = true,
                activityRegularizer: Regularizer? = nil) throws {
        self.cell = cell
        self.returnSequences = returnSequences
        self.returnState = returnState
        self.goBackwards = goBackwards
        self.stateful = stateful
        self.unroll = unroll
        self.zeroOutputForMask = zeroOutputForMask
        super.init(name: name, dtype: dtype ?? cell.dtype, trainable: trainable, activityRegularizer: activityRegularizer)
        supportsMasking = true
    }

    /// Makes a recurrent layer over several cells stacked at each step (``StackedRNNCells``).
    ///
    /// - Throws: ``KerasError`` when `cells` is empty.
    public convenience init(_ cells: [any RNNCell], returnSequences: Bool = false, returnState: Bool = false,
                            goBackwards: Bool = false, stateful: Bool = false, unroll: Bool = false,
                            zeroOutputForMask: Bool = false, name: String? = nil, dtype: DType? = nil,
                            trainable: Bool = true) throws {
        try self.init(StackedRNNCells(cells, dtype: dtype ?? cells.first?.dtype ?? .float32), returnSequences: returnSequences,
                      returnState: returnState, goBackwards: goBackwards, stateful: stateful, unroll: unroll,
                      zeroOutputForMask: zeroOutputForMask, name: name, dtype: dtype, trainable: trainable)
    }

    override open var sublayers: [Layer] { [cell] }

    // MARK: Keras configuration

    /// Keras's `RNN.call` takes a `mask`, so saved graphs record `"mask": null` for it.
    override open class var kerasCallTakesMask: Bool { true }

    /// The base keys and the keys every recurrent layer writes (`return_sequences`,
    /// `return_state`, `go_backwards`, `stateful`, `unroll`, `zero_output_for_mask`); ``RNN``
    /// adds its `cell`, ``LSTM`` and the others their cell's arguments.
    public final var recurrentKerasConfig: JSONObject {
        var config = baseKerasConfig
        config["return_sequences"] = .bool(returnSequences)
        config["return_state"] = .bool(returnState)
        config["go_backwards"] = .bool(goBackwards)
        config["stateful"] = .bool(stateful)
        config["unroll"] = .bool(unroll)
        config["zero_output_for_mask"] = .bool(zeroOutputForMask)
        return config
    }

    override open var kerasConfig: JSONObject {
        var config = recurrentKerasConfig
        config["cell"] = cell.kerasObject
        return config
    }

    /// RNN's config keys (Keras 3.15, with tf.keras 2's `time_major` and the
    /// `activity_regularizer` every Keras layer takes, read by the registry). Subclasses list
    /// their own.
    open class var kerasConfigKeys: [String] {
        ["cell", "return_sequences", "return_state", "go_backwards", "stateful", "unroll", "zero_output_for_mask",
         "time_major", "activity_regularizer"]
    }

    /// Rebuilds an RNN from its Keras config: `cell` is a serialized cell (a list of them, in
    /// older files, makes a ``StackedRNNCells``), made through the registry.
    ///
    /// Every subclass that declares its own initializers implements this initializer too (a
    /// class of your own that is not saved can throw `.unsupported` from it).
    ///
    /// - Throws: ``KerasError`` `.unsupported` for `time_major=true`; `.invalidConfig`
    ///   when `cell` is missing or not a recurrent cell;
    ///   the registry's errors for the cell.
    public required convenience init(config: LayerConfig) throws {
        let flags = try RecurrentConfigFlags(config)
        let owner = "RNN \"\(config.name ?? "?")\""
        let cell: any RNNCell
        switch config["cell"] {
        case .array(let list)?:
            cell = try StackedRNNCells(list.map { try RNN.deserializeCell($0, owner: owner) }, dtype: config.dtype)
        case let value? where !value.isNull:
            cell = try RNN.deserializeCell(value, owner: owner)
        default:
            throw KerasError(.invalidConfig, "\(owner) needs a serialized cell under \"cell\", but the config has none.")
        }
        try self.init(cell, returnSequences: flags.returnSequences, returnState: flags.returnState,
                      goBackwards: flags.goBackwards, stateful: flags.stateful, unroll: flags.unroll,
                      zeroOutputForMask: flags.zeroOutputForMask, name: config.name,
                      dtype: config["dtype"] == nil ? nil : config.dtype, trainable: config.trainable)
    }

    /// Keras's build config: `{"input_shape": ...}` for sequences alone; after a build with
    /// initial states, `{"shapes_dict": {"sequences_shape": ..., "initial_state_shape": [...]}}`
    /// (the arguments of Keras's `RNN.build`).
    override open var kerasBuildConfig: JSONObject? {
        guard isBuilt, let shapes = buildShapes, shapes.count > 1 else { return super.kerasBuildConfig }
        return RNN.sequenceBuildConfig(shapes)
    }

    /// Builds from either form of ``kerasBuildConfig``.
    override open func build(fromKerasConfig config: JSONObject) throws {
        guard let shapes = try RNN.sequenceShapes(inKerasBuildConfig: config, owner: "Layer \"\(name)\" (\(className)) build_config") else {
            return try super.build(fromKerasConfig: config)
        }
        if !isBuilt { try buildIfNeeded(shapes) }
    }

    /// The number of state tensors.
    public var stateCount: Int { cell.stateSize.count }

    /// A fresh, unbuilt layer of the same configuration named `name`, processing in the given
    /// direction: how ``Bidirectional`` makes its two directions. Subclasses return their own type.
    open func makeCopy(name: String, goBackwards: Bool) throws -> RNN {
        try RNN(cell.makeCopy(), returnSequences: returnSequences, returnState: returnState, goBackwards: goBackwards,
                stateful: stateful, unroll: unroll, zeroOutputForMask: zeroOutputForMask, name: name, dtype: dtype,
                trainable: trainable, activityRegularizer: activityRegularizer)
    }

    // MARK: Build and shapes

    override open func build(inputShapes: [TensorShape]) throws {
        guard let sequences = inputShapes.first else { return }
        try checkSequenceShape(sequences)
        try cell.buildIfNeeded([stepShape(sequences)])
        if stateful {
            guard let batch = sequences[0] else {
                throw KerasError(.invalidArgument, "Layer \"\(name)\" (\(className)) is stateful, so its batch size must be fixed, but it received sequences of shape \(sequences.kerasDescription). Give the Input a batch size: Input(shape: ..., batchSize: 32).")
            }
            states = cell.initialStates(batchSize: batch).map { cast($0, to: dtype) }
        }
    }

    /// The shape of one step: the sequence shape without its time axis.
    func stepShape(_ sequences: TensorShape) -> TensorShape {
        [sequences[0]] + Array(sequences.dropFirst(2))
    }

    /// Throws unless `shape` is a sequence of the rank this layer takes whose steps fit the cell.
    func checkSequenceShape(_ shape: TensorShape) throws {
        let rank = shape.count
        if let requiredRank, rank != requiredRank {
            throw KerasError(.incompatibleShape, "Input 0 of layer \"\(name)\" (\(className)) is incompatible with the layer: expected ndim=\(requiredRank), found ndim=\(rank). Full shape received: \(shape.kerasDescription). \(className) takes sequences [batch, timesteps, features]\(rank == 2 ? "; add a time axis (Reshape or RepeatVector) or feed whole sequences" : "").")
        }
        guard rank >= 3 else {
            throw KerasError(.incompatibleShape, "Input 0 of layer \"\(name)\" (\(className)) is incompatible with the layer: expected ndim>=3, found ndim=\(rank). Full shape received: \(shape.kerasDescription). An RNN takes sequences [batch, timesteps, features].")
        }
        if let built = cell.buildShapes?.first {
            let step = stepShape(shape)
            let mismatch = zip(built, step).dropFirst().contains { b, s in b != nil && s != nil && b != s }
            if mismatch || built.count != step.count {
                let steps: TensorShape = [nil] + built.dropFirst()
                throw KerasError(.incompatibleShape, "Layer \"\(name)\" (\(className)) was built for steps of shape \(steps.kerasDescription) (sequences \(([nil, nil] + built.dropFirst()).kerasDescription)), but received sequences of shape \(shape.kerasDescription).")
            }
        }
    }

    /// The shapes of the states for sequences of `shape`.
    open func stateShapes(forSequences shape: TensorShape) throws -> [TensorShape] {
        cell.stateSize.map { [shape[0], $0] }
    }

    /// The shape of one step's output for sequences of `shape`.
    open func stepOutputShape(forSequences shape: TensorShape) throws -> TensorShape {
        [shape[0], cell.outputSize]
    }

    override open func computeOutputShapes(_ inputShapes: [TensorShape]) throws -> [TensorShape] {
        guard let sequences = inputShapes.first else { return [] }
        try checkSequenceShape(sequences)
        if unroll && sequences[1] == nil {
            throw KerasError(.invalidArgument, "Layer \"\(name)\" (\(className)) cannot unroll a sequence whose time axis is undefined (shape \(sequences.kerasDescription)). Give the Input a fixed number of timesteps, or use unroll: false.")
        }
        let stateShapes = try stateShapes(forSequences: sequences)
        if inputShapes.count > 1 { try checkInitialStateShapes(Array(inputShapes.dropFirst()), expected: stateShapes) }
        let step = try stepOutputShape(forSequences: sequences)
        let output = returnSequences ? [step[0], sequences[1]] + Array(step.dropFirst()) : step
        return [output] + (returnState ? stateShapes : [])
    }

    override open func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape {
        try computeOutputShapes([inputShape])[0]
    }

    /// Throws unless the given initial states match the states the cell expects.
    func checkInitialStateShapes(_ given: [TensorShape], expected: [TensorShape]) throws {
        let fitsAll = given.count == expected.count && zip(given, expected).allSatisfy { g, e in
            g.count == e.count && zip(g, e).allSatisfy { $0 == nil || $1 == nil || $0 == $1 }
        }
        guard fitsAll else {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (\(className)) expects \(expected.count) initial state(s) of shape \(expected.map(\.kerasDescription).joined(separator: ", ")), but received \(given.count) of shape \(given.map(\.kerasDescription).joined(separator: ", ")). Pass one tensor per state of the cell (\(cell.className) has state sizes \(cell.stateSize)).")
        }
    }

    override open func computeMask(_ inputs: [Tensor], masks: [Tensor?]) throws -> [Tensor?] {
        let mask = masks.first ?? nil
        return [returnSequences ? mask : nil] + (returnState ? [Tensor?](repeating: nil, count: stateCount) : [])
    }

    // MARK: Calling

    /// Runs the layer on `sequences` and returns every output: the output, then the final states
    /// when ``returnState`` is set.
    ///
    /// - Parameters:
    ///   - sequences: `[batch, timesteps, ...]`.
    ///   - initialState: the states before the first step (zeros, or the carried states of a stateful layer,
    ///     when empty).
    ///   - mask: `[batch, timesteps]`, `false` at steps to skip.
    ///   - training: whether dropout is active.
    public func allOutputs(_ sequences: Tensor, initialState: [Tensor] = [], mask: Tensor? = nil,
                           training: Bool = false) throws -> [Tensor] {
        let inputs = [sequences] + initialState
        return try invoke(inputs, training: training, masks: [mask] + initialState.map { _ in nil }).outputs
    }

    override open func call(_ inputs: [Tensor], training: Bool, masks: [Tensor?]) throws -> [Tensor] {
        guard var x = inputs.first else {
            throw KerasError(.invalidArgument, "Layer \"\(name)\" (\(className)) needs a sequence input, but received no tensors.")
        }
        try checkSequenceShape(x.shape.asTensorShape)
        if x.dtype != dtype && x.dtype.isFloatingPoint { x = cast(x, to: dtype) }
        let batch = x.shape[0]
        let expected = cell.initialStates(batchSize: batch).map { cast($0, to: dtype) }
        var initial: [Tensor]
        if inputs.count > 1 {
            initial = Array(inputs.dropFirst())
            try checkInitialStateShapes(initial.map { $0.shape.asTensorShape }, expected: expected.map { $0.shape.asTensorShape })
            initial = initial.map { $0.dtype == dtype ? $0 : cast($0, to: dtype) }
        } else if stateful, let states {
            guard states.first?.shape.first == batch else {
                throw KerasError(.incompatibleShape, "Layer \"\(name)\" (\(className)) is stateful, so the batch size of its input sequences must be the same as the batch size of its states. Expected batch size: \(states.first?.shape.first ?? 0). Received batch size: \(batch) (input shape \(x.shape.asTensorShape.kerasDescription)).")
            }
            initial = states
        } else {
            initial = expected
        }
        let mask = try stepMask(masks.first ?? nil, for: x)
        cell.resetDropoutMasks()
        defer { cell.resetDropoutMasks() }
        let result = try LayerNaming.withScope(of: cell) {
            try runSequence(x, states: initial, mask: mask, training: training)
        }
        if stateful { states = result.states.map(stopGradient) }
        return [result.output] + (returnState ? result.states : [])
    }

    /// The mask as `bool` `[batch, timesteps]` (trailing axes reduced: a step counts when any of
    /// its entries is set), or `nil`.
    func stepMask(_ mask: Tensor?, for x: Tensor) throws -> Tensor? {
        guard let mask else { return nil }
        guard mask.rank >= 2, mask.shape[0] == x.shape[0], mask.shape[1] == x.shape[1] else {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (\(className)) received a mask of shape \(mask.shape.asTensorShape.kerasDescription) for sequences of shape \(x.shape.asTensorShape.kerasDescription); the mask must be [batch, timesteps] = \([x.shape[0], x.shape[1]].asTensorShape.kerasDescription).")
        }
        let flags = mask.dtype == .bool ? mask : notEqual(mask, Tensor.zeros([], dtype: mask.dtype))
        return flags.rank > 2 ? flags.any(axes: Array(2..<flags.rank)) : flags
    }

    /// The time loop (Keras's `backend.rnn`): every step's output, in processing order, and the
    /// final states.
    func loop(_ x: Tensor, states initial: [Tensor], mask: Tensor?, training: Bool) throws -> (outputs: [Tensor], states: [Tensor]) {
        let steps = x.shape[1]
        guard steps > 0 else {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (\(className)) needs at least one time step, but received sequences of shape \(x.shape.asTensorShape.kerasDescription).")
        }
        let projecting = cell as? any InputProjectingCell
        let inputs = try projecting?.projectInputs(x, training: training) ?? x
        // The state a masked step outputs again (Keras: the first state; the last cell's first
        // state for stacked cells).
        let carriedState = (cell as? StackedRNNCells)?.lastCellFirstState ?? 0
        let stepInputs = timeSteps(of: inputs)
        var states = initial
        var outputs: [Tensor] = []
        outputs.reserveCapacity(steps)
        for t in goBackwards ? Array((0..<steps).reversed()) : Array(0..<steps) {
            let input = stepInputs[t]
            var (output, next) = try projecting.map { try $0.step(projected: input, states: states, training: training) }
                ?? cell.call(input, states: states, training: training)
            guard next.count == states.count, zip(next, states).allSatisfy({ $0.shape == $1.shape }) else {
                throw KerasError(.incompatibleShape, "Cell \"\(cell.name)\" (\(cell.className)) of layer \"\(name)\" returned \(next.count) state(s) of shape \(next.map { $0.shape.asTensorShape.kerasDescription }.joined(separator: ", ")) from states of shape \(states.map { $0.shape.asTensorShape.kerasDescription }.joined(separator: ", ")); a cell must return states shaped as it received them.")
            }
            if let mask {
                let keep = mask[.all, .index(t)]
                func keepShaped(_ like: Tensor) -> Tensor { keep.reshaped(to: [keep.shape[0]] + [Int](repeating: 1, count: like.rank - 1)) }
                let fallback: Tensor
                if unroll {
                    fallback = outputs.last ?? Tensor.zeros(like: output)
                } else if zeroOutputForMask {
                    fallback = Tensor.zeros([], dtype: output.dtype)
                } else {
                    fallback = states[carriedState]
                }
                guard Shape.broadcast(fallback.shape, output.shape) == output.shape else {
                    throw KerasError(.incompatibleShape, "Layer \"\(name)\" (\(className)) cannot mask its cell's output of shape \(output.shape.asTensorShape.kerasDescription): a masked step repeats state \(carriedState), of shape \(fallback.shape.asTensorShape.kerasDescription). Use zeroOutputForMask: true for a cell whose output is not its first state.")
                }
                output = select(keepShaped(output), output, fallback)
                next = zip(next, states).map { select(keepShaped($0), $0, $1) }
            }
            outputs.append(output)
            states = next
        }
        return (outputs, states)
    }

    /// The steps of `x` (`[batch, time, ...]` -> `time` tensors `[batch, ...]`).
    ///
    /// When gradients flow back into `x`, each slice's pullback is a tensor of `x`'s full size,
    /// so slicing every step directly costs O(size · time) in the backward pass; slicing halves
    /// of halves brings it to O(size · log time).
    func timeSteps(of x: Tensor) -> [Tensor] {
        let steps = x.shape[1]
        let stepShape = [x.shape[0]] + Array(x.shape.dropFirst(2))
        func slice(_ t: Tensor, _ start: Int, _ count: Int) -> Tensor {
            var starts = [Int](repeating: 0, count: t.rank), sizes = t.shape
            starts[1] = start
            sizes[1] = count
            return t.slice(starts: starts, sizes: sizes)
        }
        guard x.isTracked else {
            return (0..<steps).map { slice(x, $0, 1).reshaped(to: stepShape) }
        }
        func split(_ t: Tensor) -> [Tensor] {
            let n = t.shape[1]
            if n <= 2 { return (0..<n).map { slice(t, $0, 1).reshaped(to: stepShape) } }
            let half = n / 2
            return split(slice(t, 0, half)) + split(slice(t, half, n - half))
        }
        return split(x)
    }
}

extension RNN: KerasSerializable {}
