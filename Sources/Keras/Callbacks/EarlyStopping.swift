/// Stops training when a monitored value has stopped improving (Keras's `EarlyStopping`).
///
/// ```swift
/// let stop = EarlyStopping(monitor: "val_loss", patience: 3, restoreBestWeights: true)
/// try model.fit(x, y, epochs: 100, validationSplit: 0.2, callbacks: [stop])
/// ```
public final class EarlyStopping: Callback {
    /// The logged value watched (`"val_loss"` by default).
    public var monitor: String { watch.name }
    /// Epochs without improvement before stopping.
    public let patience: Int
    /// 1 prints when it stops and restores.
    public let verbose: Int
    /// A value the monitored quantity must beat for training to go on.
    public let baseline: Double?
    /// Whether the weights of the best epoch are restored at the end.
    public let restoreBestWeights: Bool
    /// Epochs to wait before starting to watch.
    public let startFromEpoch: Int
    /// The epoch (0-based) at which training was stopped, or 0.
    public private(set) var stoppedEpoch = 0
    /// The best value seen.
    public private(set) var best: Double?
    /// The epoch of ``best``.
    public private(set) var bestEpoch = 0

    private var watch: Monitor
    private var wait = 0
    private var bestWeights: [Tensor]?
    private let output: ProgressOutput

    /// Makes the callback; Keras's defaults.
    ///
    /// - Parameters:
    ///   - monitor: the logged value to watch (`"val_loss"` by default).
    ///   - minDelta: the least change that counts as an improvement.
    ///   - patience: epochs without improvement before training stops.
    ///   - verbose: 1 prints when training stops and when weights are restored.
    ///   - mode: whether the value should go down, up, or is inferred from its name.
    ///   - baseline: a value the monitored quantity must beat for training to go on, or `nil`.
    ///   - restoreBestWeights: whether the weights of the best epoch are restored at the end.
    ///   - startFromEpoch: epochs to wait before starting to watch.
    ///   - output: where messages are written (standard output by default).
    public init(monitor: String = "val_loss", minDelta: Double = 0, patience: Int = 0, verbose: Int = 0,
                mode: MonitorMode = .auto, baseline: Double? = nil, restoreBestWeights: Bool = false,
                startFromEpoch: Int = 0, output: ProgressOutput = .standardOutput) {
        watch = Monitor(monitor, mode: mode, minDelta: minDelta)
        self.patience = patience
        self.verbose = verbose
        self.baseline = baseline
        self.restoreBestWeights = restoreBestWeights
        self.startFromEpoch = startFromEpoch
        self.output = output
        super.init()
    }

    /// Resets the state for a new fit.
    override public func onTrainBegin(logs: Logs) throws {
        wait = 0
        stoppedEpoch = 0
        best = nil
        bestWeights = nil
        bestEpoch = 0
    }

    /// Compares the epoch's value with the best so far.
    override public func onEpochEnd(_ epoch: Int, logs: inout Logs) throws {
        try watch.resolve(model: model, callback: "EarlyStopping")
        guard let current = logs[watch.name] else {
            output.write("Warning: early stopping conditioned on metric `\(watch.name)` which is not available. Available metrics are: \(logs.keys.sorted().joined(separator: ","))\n")
            return
        }
        guard epoch >= startFromEpoch, let model else { return }
        if restoreBestWeights, bestWeights == nil {
            bestWeights = model.getWeights()
            bestEpoch = epoch
        }
        wait += 1
        if watch.isImprovement(current, over: best) {
            best = current
            bestEpoch = epoch
            if restoreBestWeights { bestWeights = model.getWeights() }
            if baseline == nil || watch.isImprovement(current, over: baseline) { wait = 0 }
            return
        }
        if wait >= patience, epoch > 0 {
            stoppedEpoch = epoch
            model.stopTraining = true
        }
    }

    /// Reports and restores the best weights.
    override public func onTrainEnd(logs: Logs) throws {
        if stoppedEpoch > 0, verbose > 0 { output.write("Epoch \(stoppedEpoch + 1): early stopping\n") }
        if restoreBestWeights, let bestWeights, let model {
            if verbose > 0 { output.write("Restoring model weights from the end of the best epoch: \(bestEpoch + 1).\n") }
            try model.setWeights(bestWeights)
        }
    }
}
