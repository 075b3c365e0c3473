// Turns what fit/evaluate/predict receive (tensors, lists, dictionaries, batch sequences) into
// batches flattened to the model's input and output order.

/// One batch in the model's input and output order.
struct FlatBatch {
    var x: [Tensor]
    var y: [Tensor]?
    /// Per output; `nil` entries for outputs without weights.
    var sampleWeight: [Tensor?]?
    var size: Int { x.first?.shape.first ?? 0 }
}

/// How data maps onto a model: its input and output names, when it has a graph.
struct DataLayout {
    let inputNames: [String]?
    let outputNames: [String]?
    let modelName: String

    init(_ model: Model) {
        inputNames = model.graph == nil ? nil : model.inputNames
        outputNames = model.graph == nil ? nil : model.outputNames
        modelName = model.name
    }

    func inputs(_ s: any TensorStructure) throws -> [Tensor] {
        try flatten(s.structuredTensors, names: inputNames, role: "x")
    }

    func targets(_ s: any TensorStructure) throws -> [Tensor] {
        try flatten(s.structuredTensors, names: outputNames, role: "y")
    }

    /// Sample weights: one tensor applies to every output (as Keras), or one per output.
    func sampleWeights(_ s: any TensorStructure, outputs: Int) throws -> [Tensor?] {
        if case .single(let t) = s.structuredTensors { return Array(repeating: t, count: max(outputs, 1)) }
        return try flatten(s.structuredTensors, names: outputNames, role: "sample_weight")
    }

    private func flatten(_ s: StructuredTensors, names: [String]?, role: String) throws -> [Tensor] {
        if let names { return try s.flattened(as: names, role: role, model: modelName) }
        switch s {
        case .single(let t): return [t]
        case .list(let ts): return ts
        case .named:
            throw KerasError(.invalidArgument, "`\(role)` is a dictionary, but model \"\(modelName)\" has no named \(role == "x" ? "inputs" : "outputs") (it is a subclassed model). Pass the tensors by position.")
        }
    }

    func batch(_ b: Batch) throws -> FlatBatch {
        let x = try inputs(b.x)
        let y = try b.y.map(targets)
        let sw = try b.sampleWeight.map { try sampleWeights($0, outputs: y?.count ?? outputNames?.count ?? 1) }
        return FlatBatch(x: x, y: y, sampleWeight: sw)
    }
}

/// In-memory data: every tensor's first axis is the sample axis.
struct ArrayData {
    var x: [Tensor]
    var y: [Tensor]?
    var sampleWeight: [Tensor?]?
    let count: Int

    init(x: [Tensor], y: [Tensor]?, sampleWeight: [Tensor?]?) throws {
        guard !x.isEmpty else { throw KerasError(.invalidArgument, "No input data was given (`x` is empty).") }
        var sizes: [(String, Int)] = []
        for t in x {
            guard let n = t.shape.first else {
                throw KerasError(.incompatibleShape, "Input data must have a batch axis, but `x` holds a scalar. Give x with shape (samples, ...).")
            }
            sizes.append(("x", n))
        }
        for t in y ?? [] { sizes.append(("y", t.shape.first ?? -1)) }
        for t in (sampleWeight ?? []).compactMap({ $0 }) { sizes.append(("sample_weight", t.shape.first ?? -1)) }
        let n = sizes[0].1
        if sizes.contains(where: { $0.1 != n }) {
            let describe = { (role: String) in sizes.filter { $0.0 == role }.map { String($0.1) }.joined(separator: ", ") }
            var message = "Data cardinality is ambiguous: make sure all arrays contain the same number of samples. 'x' sizes: \(describe("x"))"
            if y != nil { message += ", 'y' sizes: \(describe("y"))" }
            if sampleWeight != nil { message += ", 'sample_weight' sizes: \(describe("sample_weight"))" }
            throw KerasError(.incompatibleShape, message + ".")
        }
        self.x = x
        self.y = y
        self.sampleWeight = sampleWeight
        self.count = n
    }

    /// The samples in `range`, as the same kind of data.
    func slice(_ range: Range<Int>) -> ArrayData {
        func cut(_ t: Tensor) -> Tensor { t[.range(range)] }
        // The sizes agree, so this cannot fail.
        return try! ArrayData(x: x.map(cut), y: y?.map(cut), sampleWeight: sampleWeight?.map { $0.map(cut) })
    }

    /// Keras's `validation_split`: the last fraction of the samples, before any shuffling.
    func split(validationFraction: Double) throws -> (train: ArrayData, validation: ArrayData) {
        let splitAt = Int((Double(count) * (1 - validationFraction)).rounded(.down))
        guard splitAt > 0, splitAt < count else {
            throw KerasError(.invalidArgument, "Training data contains \(count) samples, which is not sufficient to split it into a validation and training set as specified by `validationSplit: \(validationFraction)`. Either provide more data, or a different value for `validationSplit`.")
        }
        return (slice(0..<splitAt), slice(splitAt..<count))
    }

    /// The samples at `indices` (a contiguous run is sliced rather than gathered).
    func batch(_ indices: ArraySlice<Int>) -> FlatBatch {
        let contiguous = indices.last.map { $0 - indices.first! + 1 == indices.count } ?? true
        let pick: (Tensor) -> Tensor
        if contiguous, let first = indices.first {
            pick = { $0[.range(first..<first + indices.count)] }
        } else {
            let index = Tensor(indices.map(Int64.init), shape: [indices.count])
            pick = { $0.take(index, axis: 0) }
        }
        return FlatBatch(x: x.map(pick), y: y?.map(pick), sampleWeight: sampleWeight?.map { $0.map(pick) })
    }
}

/// Batches for one epoch after another, as Keras's `EpochIterator`: with `stepsPerEpoch` the
/// data is not restarted each epoch but continues where the last epoch stopped, and an epoch
/// ends early when the data runs out.
final class EpochIterator {
    enum Source {
        case arrays(ArrayData, batchSize: Int, shuffle: Bool)
        case sequence(any BatchSequence, DataLayout)
    }

    let source: Source
    let stepsPerEpoch: Int?
    let batchesPerPass: Int
    private var order: [Int] = []
    private var nextBatch = 0
    private var passOpen = false

    init(_ source: Source, stepsPerEpoch: Int?) throws {
        self.source = source
        self.stepsPerEpoch = stepsPerEpoch
        switch source {
        case .arrays(let data, let batchSize, _):
            batchesPerPass = (data.count + batchSize - 1) / batchSize
        case .sequence(let sequence, _):
            batchesPerPass = sequence.batchCount
        }
        guard batchesPerPass > 0 else {
            throw KerasError(.invalidArgument, "The data is empty: there are no batches to iterate over. Give at least one sample.")
        }
        if let stepsPerEpoch, stepsPerEpoch <= 0 {
            throw KerasError(.invalidArgument, "`stepsPerEpoch` must be a positive number of batches; received \(stepsPerEpoch).")
        }
    }

    /// The number of steps an epoch is expected to take (for the progress bar).
    var steps: Int { stepsPerEpoch ?? batchesPerPass }

    /// Runs one epoch: `body(step, batch)` for each batch until it returns `false`.
    func runEpoch(_ body: (Int, FlatBatch) throws -> Bool) throws {
        if stepsPerEpoch == nil || !passOpen { startPass() }
        for step in 0..<steps {
            if nextBatch >= batchesPerPass { break }   // the data ran out (only with stepsPerEpoch)
            let batch = try makeBatch(nextBatch)
            nextBatch += 1
            if try !body(step, batch) { break }
        }
        if nextBatch >= batchesPerPass {
            passOpen = false
            if case .sequence(let sequence, _) = source { sequence.onEpochEnd() }
        }
    }

    private func startPass() {
        nextBatch = 0
        passOpen = true
        if case .arrays(let data, _, let shuffle) = source {
            if shuffle {
                let perm = Random.permutation(data.count, seed: Initializer.nextGlobalSeed())
                order = perm.doubles.map { Int($0) }
            } else {
                order = Array(0..<data.count)
            }
        }
    }

    private func makeBatch(_ index: Int) throws -> FlatBatch {
        switch source {
        case .arrays(let data, let batchSize, _):
            let lo = index * batchSize, hi = min(lo + batchSize, data.count)
            return data.batch(order[lo..<hi])
        case .sequence(let sequence, let layout):
            return try layout.batch(sequence.batch(at: index))
        }
    }
}
