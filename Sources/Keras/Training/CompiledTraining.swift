// What `compile` sets up: the optimizer, the loss of each output, the metrics of each output,
// and the trackers that turn them into logs. Losses and metrics are resolved on the first
// batch, because names such as "accuracy" depend on the shapes of the data (as in Keras).

/// A metric with the name it is logged under (`"accuracy"`, `"out_1_mae"`).
struct LoggedMetric {
    let metric: Metric
    /// The key in the logs (prefixed by the output name when there are several outputs).
    let logName: String
    /// The metric's own name (the identifier given, or the object's name).
    let baseName: String
}

/// One output's loss.
struct OutputLoss {
    let loss: Loss
    let weight: Double?
    /// The name of the per-output tracker (`"<output>_loss"`) when there are several losses.
    let trackerName: String
}

final class CompiledTraining {
    let optimizer: Optimizer
    let lossSpec: PerOutput<LossIdentifier>?
    let lossWeights: PerOutput<Double>?
    let metricsSpec: MetricsArgument
    let weightedMetricsSpec: MetricsArgument

    /// The mean of the total loss over the batches of an epoch, weighted by batch size.
    let lossTracker: Mean
    private(set) var isBuilt = false
    /// Per output; `nil` for an output without a loss.
    private(set) var outputLosses: [OutputLoss?] = []
    /// Per output, when there are several losses.
    private(set) var outputLossTrackers: [Mean?] = []
    private(set) var metrics: [[LoggedMetric]] = []
    private(set) var weightedMetrics: [[LoggedMetric]] = []

    init(optimizer: Optimizer, loss: PerOutput<LossIdentifier>?, lossWeights: PerOutput<Double>?,
         metrics: MetricsArgument, weightedMetrics: MetricsArgument) throws {
        self.optimizer = optimizer
        self.lossSpec = loss
        self.lossWeights = lossWeights
        self.metricsSpec = metrics
        self.weightedMetricsSpec = weightedMetrics
        self.lossTracker = Mean(name: "loss")
    }

    /// Every metric in Keras's order: the loss tracker, the compiled metrics, then the
    /// per-output loss trackers.
    var allMetrics: [Metric] {
        [lossTracker] + (metrics + weightedMetrics).flatMap { $0.map(\.metric) } + outputLossTrackers.compactMap { $0 }
    }

    /// The names Keras orders `evaluate`'s list by (`_flatten_metrics_in_order`): the loss,
    /// the compiled metrics' own names, the per-output losses; logged values not among them
    /// (the prefixed names of multi-output models) follow, sorted.
    var orderNames: [String] {
        var names = ["loss"]
        names += (metrics + weightedMetrics).flatMap { $0.map(\.baseName) }
        names += zip(outputLosses, outputLossTrackers).compactMap { $1 == nil ? nil : $0?.trackerName }
        return names
    }

    func resetMetrics() {
        for m in allMetrics { m.reset() }
    }

    // MARK: Building on the first batch

    func buildIfNeeded(yTrue: [Tensor], yPred: [Tensor], outputNames: [String]) throws {
        guard !isBuilt else { return }
        let n = yPred.count
        let names = outputNames.count == n ? outputNames : (0..<n).map { "output_\($0 + 1)" }
        outputLosses = try buildLosses(yTrue: yTrue, yPred: yPred, names: names)
        let lossCount = outputLosses.compactMap { $0 }.count
        outputLossTrackers = outputLosses.map { l in
            guard let l, lossCount > 1 else { return nil }
            return Mean(name: l.trackerName)
        }
        var counters: [String: Int] = [:]
        metrics = try buildMetrics(metricsSpec, yTrue: yTrue, yPred: yPred, names: names, argument: "metrics",
                                   counters: &counters, weighted: false)
        weightedMetrics = try buildMetrics(weightedMetricsSpec, yTrue: yTrue, yPred: yPred, names: names,
                                           argument: "weightedMetrics", counters: &counters, weighted: true)
        isBuilt = true
    }

    private func buildLosses(yTrue: [Tensor], yPred: [Tensor], names: [String]) throws -> [OutputLoss?] {
        let n = yPred.count
        guard let lossSpec else { return Array(repeating: nil, count: n) }
        let perOutput: [LossIdentifier?]
        switch lossSpec {
        case .all(let id):
            perOutput = Array(repeating: id, count: n)
        case .list(let ids):
            guard ids.count == n else {
                throw KerasError(.invalidArgument, "`loss` lists \(ids.count) losses but the model has \(n) outputs (\(names.joined(separator: ", "))). Give one loss per output, or a single loss for all of them.")
            }
            perOutput = ids
        case .named(let dict):
            guard Set(dict.keys) == Set(names) else {
                throw KerasError(.invalidArgument, "Expected the keys \(names) in the `loss` dictionary, but found \(dict.keys.sorted()). Give a loss for every output name.")
            }
            perOutput = names.map { dict[$0] }
        }
        let weights: [Double?]
        switch lossWeights {
        case nil: weights = Array(repeating: nil, count: n)
        case .all(let w):
            guard n == 1 else {
                throw KerasError(.invalidArgument, "`lossWeights` is a single number but the model has \(n) outputs; give one weight per output (an array or a dictionary by output name).")
            }
            weights = [w]
        case .list(let ws):
            guard ws.count == n else {
                throw KerasError(.invalidArgument, "`lossWeights` must match the number of losses: got \(n) losses and \(ws.count) weights.")
            }
            weights = ws
        case .named(let dict):
            if let unknown = dict.keys.sorted().first(where: { !names.contains($0) }) {
                throw KerasError.unknown("output name in lossWeights", unknown, known: names)
            }
            weights = names.map { dict[$0] }
        }
        return try (0..<n).map { i in
            guard let id = perOutput[i] else { return nil }
            let loss = try resolveLoss(id, yTrue: yTrue[i], yPred: yPred[i])
            let trackerName = names.count == n ? names[i] : loss.name
            return OutputLoss(loss: loss, weight: weights[i], trackerName: "\(trackerName)_loss")
        }
    }

    private func resolveLoss(_ id: LossIdentifier, yTrue: Tensor, yPred: Tensor) throws -> Loss {
        switch id {
        case .object(let loss): return loss
        case .name(let name):
            guard ["crossentropy", "ce"].contains(name.lowercased()) else { return try Loss.named(name) }
            let (binary, sparse) = Self.binaryOrSparse(yTrue: yTrue, yPred: yPred)
            return try Loss.named(binary ? "binary_crossentropy" : sparse ? "sparse_categorical_crossentropy" : "categorical_crossentropy")
        }
    }

    /// Keras's `is_binary_or_sparse_categorical`.
    static func binaryOrSparse(yTrue: Tensor, yPred: Tensor) -> (binary: Bool, sparse: Bool) {
        let trueLast = yTrue.shape.last ?? 1, predLast = yPred.shape.last ?? 1
        let binary = predLast == 1
        let sparse = yTrue.rank < yPred.rank || (trueLast == 1 && predLast > 1)
        return (binary, sparse)
    }

    private func buildMetrics(_ spec: MetricsArgument, yTrue: [Tensor], yPred: [Tensor], names: [String],
                              argument: String, counters: inout [String: Int], weighted: Bool) throws -> [[LoggedMetric]] {
        let n = yPred.count
        let perOutput: [[MetricIdentifier]]
        switch spec.identifiers {
        case .all(let list):
            if n == 1 {
                perOutput = [list]
            } else if list.isEmpty {
                perOutput = Array(repeating: [], count: n)
            } else if list.count == n {
                perOutput = list.map { [$0] }
            } else {
                throw KerasError(.invalidArgument, "`\(argument)` lists \(list.count) metrics but the model has \(n) outputs (\(names.joined(separator: ", "))). For several outputs give one metric per output, a dictionary keyed by output name (`[\"\(names[0])\": [\"accuracy\"]]`), or `.perOutput([[...], [...]])`.")
            }
        case .list(let lists):
            guard lists.count == n else {
                throw KerasError(.invalidArgument, "`\(argument)` gives metrics for \(lists.count) outputs but the model has \(n) outputs (\(names.joined(separator: ", "))).")
            }
            perOutput = lists
        case .named(let dict):
            if let unknown = dict.keys.sorted().first(where: { !names.contains($0) }) {
                throw KerasError.unknown("output name in \(argument)", unknown, known: names)
            }
            perOutput = names.map { dict[$0] ?? [] }
        }
        return try (0..<n).map { i in
            try perOutput[i].map { id in
                let (metric, baseName) = try resolveMetric(id, yTrue: yTrue[i], yPred: yPred[i])
                var name = n > 1 ? "\(names[i])_\(baseName)" : baseName
                if let used = counters[name] {
                    if weighted {
                        name = n > 1 ? "\(names[i])_weighted_\(baseName)" : "weighted_\(baseName)"
                        if let again = counters[name] { counters[name] = again + 1; name = "\(name)_\(again)" } else { counters[name] = 1 }
                    } else {
                        counters[name] = used + 1
                        name = "\(name)_\(used)"
                    }
                } else {
                    counters[name] = 1
                }
                return LoggedMetric(metric: metric, logName: name, baseName: baseName)
            }
        }
    }

    /// Keras's `get_metric`: a name is logged under itself; "accuracy"/"acc" picks the
    /// accuracy that fits the data.
    private func resolveMetric(_ id: MetricIdentifier, yTrue: Tensor, yPred: Tensor) throws -> (Metric, String) {
        switch id {
        case .object(let metric): return (metric, metric.name)
        case .name(let name):
            guard ["accuracy", "acc"].contains(name.lowercased()) else { return (try Metric.named(name), name) }
            let (binary, sparse) = Self.binaryOrSparse(yTrue: yTrue, yPred: yPred)
            let metric: Metric = binary ? BinaryAccuracy(name: name)
                : sparse ? SparseCategoricalAccuracy(name: name) : CategoricalAccuracy(name: name)
            return (metric, name)
        }
    }

    // MARK: Steps

    /// The total loss of a batch: each output's loss times its weight, plus the model's own
    /// losses (regularization penalties, `addLoss`). Differentiable.
    func totalLoss(yTrue: [Tensor], yPred: [Tensor], masks: [Tensor?], sampleWeight: [Tensor?]?,
                   modelLosses: [Tensor], outputNames: [String]) throws -> (total: Tensor, perOutput: [Tensor?]) {
        var total: Tensor?
        var perOutput: [Tensor?] = []
        for (i, entry) in outputLosses.enumerated() {
            guard let entry else { perOutput.append(nil); continue }
            let value: Tensor
            do {
                value = try entry.loss(yTrue[i], yPred[i], sampleWeight: sampleWeight?[i], mask: masks[i]).cast(to: .float32)
            } catch let error as KerasError where outputLosses.count > 1 {
                throw KerasError(error.kind, "While computing the loss of output \"\(i < outputNames.count ? outputNames[i] : "\(i)")\": \(error.message)")
            }
            perOutput.append(value)
            let weighted = entry.weight.map { value * $0 } ?? value
            total = total.map { $0 + weighted } ?? weighted
        }
        for extra in modelLosses {
            let summed = extra.cast(to: .float32).sum()
            total = total.map { $0 + summed } ?? summed
        }
        guard let total else {
            throw KerasError(.invalidArgument, "The model has no loss to minimize: compile it with a `loss`, or add losses with `addLoss` in a layer's call.")
        }
        return (total, perOutput)
    }

    /// Updates the loss trackers and the metrics after a batch (no gradients recorded).
    func updateMetrics(total: Tensor, perOutput: [Tensor?], yTrue: [Tensor], yPred: [Tensor], masks: [Tensor?],
                       sampleWeight: [Tensor?]?, batchSize: Int) throws {
        try withoutGradients {
            let size = Tensor(Double(batchSize))
            try lossTracker.update(values: total, sampleWeight: size)
            for (tracker, value) in zip(outputLossTrackers, perOutput) {
                if let tracker, let value { try tracker.update(values: value, sampleWeight: size) }
            }
            for (i, list) in metrics.enumerated() {
                for m in list { try update(m.metric, yTrue[i], yPred[i], sampleWeight: nil, mask: masks[i]) }
            }
            for (i, list) in weightedMetrics.enumerated() {
                for m in list { try update(m.metric, yTrue[i], yPred[i], sampleWeight: sampleWeight?[i], mask: masks[i]) }
            }
        }
    }

    private func update(_ metric: Metric, _ yTrue: Tensor, _ yPred: Tensor, sampleWeight: Tensor?, mask: Tensor?) throws {
        if let wrapper = metric as? MeanMetricWrapper {
            try wrapper.update(yTrue, yPred, sampleWeight: sampleWeight, mask: mask)
        } else {
            try metric.update(yTrue, yPred, sampleWeight: sampleWeight)
        }
    }

    /// The current value of every tracker and metric, by log name. Vector-valued results
    /// (F1Score without averaging) are not logged: logs hold numbers.
    func results() throws -> Logs {
        var logs: Logs = [:]
        logs["loss"] = try lossTracker.result().doubles.first ?? .nan
        for m in (metrics + weightedMetrics).joined() {
            let r = try m.metric.result()
            if r.rank == 0 { logs[m.logName] = r.doubles[0] }
        }
        for (entry, tracker) in zip(outputLosses, outputLossTrackers) {
            if let entry, let tracker { logs[entry.trackerName] = try tracker.result().doubles.first ?? .nan }
        }
        return logs
    }

    /// Whether a logged metric improves upward (accuracy) or downward (errors), for
    /// callbacks with `mode: .auto`; `nil` when not known.
    func direction(of logName: String) -> MetricDirection? {
        let base = logName.hasPrefix("val_") ? String(logName.dropFirst(4)) : logName
        if base == "loss" || base.hasSuffix("_loss") { return .down }
        for m in (metrics + weightedMetrics).joined() where m.logName == base || m.metric.name == base {
            return m.metric.direction
        }
        return nil
    }
}
