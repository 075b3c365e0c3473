extension Model {
    /// Configures the model for training (Keras's `compile`).
    ///
    /// - Parameters:
    ///   - optimizer: an ``Optimizer`` or a Keras name (`"adam"`); `"rmsprop"` by default, as Keras.
    ///   - loss: a ``Loss``, a Keras name, an array (one per output) or a dictionary by output
    ///     name; `nil` when the model adds its own losses (`addLoss`).
    ///   - metrics: metrics reported during training and evaluation (not weighted by sample
    ///     weights, as in Keras); see ``MetricsArgument`` for multi-output forms.
    ///   - lossWeights: the weight of each output's loss in the total.
    ///   - weightedMetrics: metrics that take the sample weights (and class weights) into account.
    ///
    /// ```swift
    /// try model.compile(optimizer: Adam(learningRate: 1e-3), loss: .sparseCategoricalCrossentropy,
    ///                   metrics: ["accuracy"])
    /// ```
    ///
    /// - Throws: ``KerasError`` for an unknown optimizer name (with the nearest known name).
    ///   Loss and metric names are resolved on the first batch, since `"accuracy"` depends on
    ///   the data; an unknown one throws there.
    public func compile(optimizer: any OptimizerArgument = "rmsprop", loss: (any LossArgument)? = nil,
                        metrics: MetricsArgument = [], lossWeights: LossWeights? = nil,
                        weightedMetrics: MetricsArgument = []) throws {
        try compileChecked(optimizer: optimizer.makeOptimizer(), loss: loss?.lossIdentifiers,
                           lossWeights: lossWeights?.weights, metrics: metrics, weightedMetrics: weightedMetrics)
    }

    /// Compiles with resolved arguments (from `compile` or a saved compile config).
    func compileChecked(optimizer: Optimizer, loss: PerOutput<LossIdentifier>?, lossWeights: PerOutput<Double>?,
                        metrics: MetricsArgument, weightedMetrics: MetricsArgument) throws {
        // Unknown names fail now rather than at the first batch, where the shapes are known.
        if let loss { try Self.checkNames(loss) }
        for spec in [metrics, weightedMetrics] { try Self.checkNames(spec) }
        compiled = try CompiledTraining(optimizer: optimizer, loss: loss, lossWeights: lossWeights,
                                        metrics: metrics, weightedMetrics: weightedMetrics)
    }

    /// Whether ``compile(optimizer:loss:metrics:lossWeights:weightedMetrics:)`` was called.
    public var isCompiled: Bool { compiled != nil }

    /// The optimizer given to `compile` (`nil` before).
    public var optimizer: Optimizer? { compiled?.optimizer }

    /// The model's metrics (Keras's `model.metrics`): the loss tracker, the compiled metrics and
    /// the per-output loss trackers. The compiled metrics appear after the first batch.
    public var metrics: [Metric] { compiled?.allMetrics ?? [] }

    /// The names values are logged under, in the order `evaluate` lists them
    /// (`["loss", "accuracy"]`); known after the first batch.
    public var metricsNames: [String] {
        guard let compiled, compiled.isBuilt, let logs = try? compiled.results() else { return compiled == nil ? [] : ["loss"] }
        return MetricValues(logs, order: compiled.orderNames).names
    }

    /// Resets every metric's state (Keras's `reset_metrics`); `fit` and `evaluate` do this at
    /// the start of each epoch and evaluation.
    public func resetMetrics() { compiled?.resetMetrics() }

    /// The compiled state, or the error Keras gives when there is none.
    func requireCompiled(for action: String) throws -> CompiledTraining {
        guard let compiled else {
            throw KerasError(.invalidArgument, "You must call `compile()` before using the model for `\(action)`: model \"\(name)\" has no optimizer or loss yet. Call `try model.compile(optimizer: \"adam\", loss: \"...\")` first.")
        }
        return compiled
    }

    private static func checkNames(_ ids: PerOutput<LossIdentifier>) throws {
        let names: [String]
        switch ids {
        case .all(let id): names = [id].compactMap { if case .name(let n) = $0 { n } else { nil } }
        case .list(let l): names = l.compactMap { if case .name(let n) = $0 { n } else { nil } }
        case .named(let d): names = d.values.compactMap { if case .name(let n) = $0 { n } else { nil } }
        }
        for n in names where !["crossentropy", "ce"].contains(n.lowercased()) { _ = try Loss.named(n) }
    }

    private static func checkNames(_ spec: MetricsArgument) throws {
        let lists: [[MetricIdentifier]]
        switch spec.identifiers {
        case .all(let l): lists = [l]
        case .list(let l): lists = l
        case .named(let d): lists = Array(d.values)
        }
        for case .name(let n) in lists.joined() where !["accuracy", "acc"].contains(n.lowercased()) {
            _ = try Metric.named(n)
        }
    }
}
