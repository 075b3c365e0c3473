/// Several cells run one after the other at each time step, so one ``RNN`` makes a stacked
/// recurrent network (Keras's `StackedRNNCells`).
///
/// The output of each cell is the input of the next; the output of the last cell is the output.
/// The states are every cell's states in order, one flat list (`[h₁, c₁, h₂, c₂]` for two LSTM
/// cells; Keras nests them per cell). Weights: each cell's, in order.
///
/// ```swift
/// let cells = try StackedRNNCells([LSTMCell(8), LSTMCell(4)])
/// let y = try RNN(cells)(Tensor.ones([2, 5, 3]))   // [2, 4]
/// ```
public final class StackedRNNCells: Layer, RNNCell {
    /// The cells, from the input upwards.
    public let cells: [any RNNCell]

    /// Stacks `cells`.
    ///
    /// - Throws: ``KerasError`` when `cells` is empty.
    public init(_ cells: [any RNNCell], name: String? = nil, dtype: DType = .float32, trainable: Bool = true) throws {
        guard !cells.isEmpty else {
            throw KerasError(.invalidArgument, "StackedRNNCells needs at least one cell, but received an empty list.")
        }
        self.cells = cells
        super.init(name: name, dtype: dtype, trainable: trainable)
    }

    override public var sublayers: [Layer] { cells.map { $0 as Layer } }

    /// Every cell's state sizes, in order.
    public var stateSize: [Int] { cells.flatMap(\.stateSize) }

    /// The last cell's output size.
    public var outputSize: Int { cells[cells.count - 1].outputSize }

    /// Where the last cell's first state sits in the flat list of states: the state a masked step
    /// carries over as its output (Keras's `states[-1][0]`).
    var lastCellFirstState: Int { cells.dropLast().reduce(0) { $0 + $1.stateSize.count } }

    override public func build(inputShape: TensorShape) throws {
        var shape = inputShape
        for cell in cells {
            try cell.buildIfNeeded([shape])
            shape = [shape.first ?? nil, cell.outputSize]
        }
    }

    /// One step through every cell.
    public func call(_ input: Tensor, states: [Tensor], training: Bool) throws -> (output: Tensor, states: [Tensor]) {
        var x = input
        var rest = states[...]
        var newStates: [Tensor] = []
        for cell in cells {
            let n = cell.stateSize.count
            let (output, next) = try LayerNaming.withScope(of: cell) {
                try cell.call(x, states: Array(rest.prefix(n)), training: training)
            }
            rest = rest.dropFirst(n)
            x = output
            newStates += next
        }
        return (x, newStates)
    }

    /// Every cell's initial states, in order.
    public func initialStates(batchSize: Int) -> [Tensor] {
        cells.flatMap { $0.initialStates(batchSize: batchSize) }
    }

    /// Forgets every cell's dropout masks.
    public func resetDropoutMasks() {
        for cell in cells { cell.resetDropoutMasks() }
    }

    /// A fresh stack of fresh copies of the cells.
    public func makeCopy() throws -> any RNNCell {
        try StackedRNNCells(cells.map { try $0.makeCopy() }, name: name, dtype: dtype, trainable: trainable)
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape {
        Array(inputShape.dropLast()) + [outputSize]
    }

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["cells"] = .array(cells.map(\.kerasObject))
        return config
    }
}

extension StackedRNNCells: KerasSerializable {
    /// StackedRNNCells' config keys (Keras 3.15): `cells`, a list of serialized cells.
    public static let kerasConfigKeys = ["cells"]

    /// Rebuilds the stack from its Keras config, each cell through the registry (built from its
    /// own `build_config` when it has one).
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` when `cells` is missing, empty, or holds a
    ///   layer that is not a recurrent cell; the registry's errors for the cells.
    public convenience init(config: LayerConfig) throws {
        guard let list = config["cells"]?.arrayValue else {
            throw KerasError(.invalidConfig, "StackedRNNCells \"\(config.name ?? "?")\" needs a list of serialized cells under \"cells\", but received \(config["cells"]?.serialized().prefix(200) ?? "none").")
        }
        try self.init(list.map { try RNN.deserializeCell($0, owner: "StackedRNNCells \"\(config.name ?? "?")\"") },
                      name: config.name, dtype: config.dtype, trainable: config.trainable)
    }
}
