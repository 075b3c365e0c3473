/// Reduces the learning rate when a monitored value has stopped improving (Keras's
/// `ReduceLROnPlateau`): after `patience` epochs without improvement the rate is multiplied by
/// `factor`, down to `minLR`, then nothing changes for `cooldown` epochs. Adds `learning_rate`
/// to the epoch's logs.
///
/// ```swift
/// let reduce = try ReduceLROnPlateau(monitor: "val_loss", factor: 0.2, patience: 5, minLR: 1e-5)
/// ```
public final class ReduceLROnPlateau: Callback {
    /// The factor the rate is multiplied by (< 1).
    public let factor: Double
    /// Epochs without improvement before reducing.
    public let patience: Int
    /// 1 prints each reduction.
    public let verbose: Int
    /// Epochs to wait after a reduction before watching again.
    public let cooldown: Int
    /// The lowest rate.
    public let minLR: Double
    /// The best value seen.
    public private(set) var best: Double?

    private var watch: Monitor
    private var wait = 0
    private var cooldownCounter = 0
    private let output: ProgressOutput

    /// Makes the callback; Keras's defaults.
    ///
    /// - Throws: ``KerasError`` when `factor` ≥ 1.
    public init(monitor: String = "val_loss", factor: Double = 0.1, patience: Int = 10, verbose: Int = 0,
                mode: MonitorMode = .auto, minDelta: Double = 1e-4, cooldown: Int = 0, minLR: Double = 0,
                output: ProgressOutput = .standardOutput) throws {
        guard factor < 1 else {
            throw KerasError(.invalidArgument, "ReduceLROnPlateau does not support a factor >= 1.0. Received factor: \(factor).")
        }
        watch = Monitor(monitor, mode: mode, minDelta: minDelta)
        self.factor = factor
        self.patience = patience
        self.verbose = verbose
        self.cooldown = cooldown
        self.minLR = minLR
        self.output = output
        super.init()
    }

    /// Resets the state for a new fit.
    override public func onTrainBegin(logs: Logs) throws {
        best = nil
        cooldownCounter = 0
        wait = 0
    }

    /// Logs the rate and reduces it after a plateau.
    override public func onEpochEnd(_ epoch: Int, logs: inout Logs) throws {
        try watch.resolve(model: model, callback: "ReduceLROnPlateau")
        guard let optimizer = model?.optimizer else { return }
        logs["learning_rate"] = optimizer.learningRate
        guard let current = logs[watch.name] else {
            output.write("Warning: learning rate reduction is conditioned on metric `\(watch.name)` which is not available. Available metrics are: \(logs.keys.sorted().joined(separator: ",")).\n")
            return
        }
        if cooldownCounter > 0 {
            cooldownCounter -= 1
            wait = 0
        }
        if watch.isImprovement(current, over: best) {
            best = current
            wait = 0
        } else if cooldownCounter == 0 {
            wait += 1
            if wait >= patience {
                let old = optimizer.learningRate
                if old > Double(Float(minLR)) {
                    let new = max(old * factor, minLR)
                    try optimizer.setLearningRate(new)
                    if verbose > 0 { output.write("\nEpoch \(epoch + 1): ReduceLROnPlateau reducing learning rate to \(new).\n") }
                    cooldownCounter = cooldown
                    wait = 0
                }
            }
        }
    }
}
