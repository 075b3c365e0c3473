/// Sets the learning rate at the start of each epoch from a function of the epoch and the
/// current rate (Keras's `LearningRateScheduler`); adds `learning_rate` to the epoch's logs.
///
/// ```swift
/// let warmup = LearningRateScheduler { epoch, rate in epoch < 10 ? rate : rate * 0.9 }
/// ```
public final class LearningRateScheduler: Callback {
    /// The schedule: `(epoch, current rate) -> new rate`.
    public let schedule: (Int, Double) throws -> Double
    /// 1 prints each change.
    public let verbose: Int
    private let output: ProgressOutput

    /// Makes the callback.
    public init(verbose: Int = 0, output: ProgressOutput = .standardOutput,
                _ schedule: @escaping (Int, Double) throws -> Double) {
        self.schedule = schedule
        self.verbose = verbose
        self.output = output
        super.init()
    }

    /// Sets the epoch's rate.
    override public func onEpochBegin(_ epoch: Int, logs: Logs) throws {
        guard let optimizer = model?.optimizer else { return }
        let rate = try schedule(epoch, optimizer.learningRate)
        guard rate.isFinite else {
            throw KerasError(.invalidArgument, "The learning-rate schedule returned \(rate) for epoch \(epoch); it must return a finite number.")
        }
        try optimizer.setLearningRate(rate)
        if verbose > 0 { output.write("\nEpoch \(epoch + 1): LearningRateScheduler setting learning rate to \(rate).\n") }
    }

    /// Logs the epoch's rate.
    override public func onEpochEnd(_ epoch: Int, logs: inout Logs) throws {
        if let optimizer = model?.optimizer { logs["learning_rate"] = optimizer.learningRate }
    }
}
