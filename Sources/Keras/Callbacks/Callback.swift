/// The values a training, evaluation or prediction step reports, by name (`"loss"`,
/// `"accuracy"`, `"val_loss"`, ...).
public typealias Logs = [String: Double]

/// What a callback is told about the run it watches (Keras's `callback.params`).
public struct TrainingParameters: Sendable, Equatable {
    /// 0 silent, 1 progress bar, 2 one line per epoch.
    public var verbose: Int
    /// The number of epochs of the fit (1 for evaluate and predict).
    public var epochs: Int
    /// The number of steps per epoch, when known.
    public var steps: Int?

    /// Makes parameters.
    public init(verbose: Int = 1, epochs: Int = 1, steps: Int? = nil) {
        self.verbose = verbose
        self.epochs = epochs
        self.steps = steps
    }
}

/// A hook into `fit`, `evaluate` and `predict` (Keras's `keras.callbacks.Callback`).
///
/// Override the hooks you need; each receives the logs so far. A callback can stop training
/// by setting `model.stopTraining = true`. Hooks may throw: the error ends the run and
/// reaches the caller of `fit`.
///
/// ```swift
/// final class PrintLoss: Callback {
///     override func onEpochEnd(_ epoch: Int, logs: inout Logs) throws {
///         print("epoch", epoch, "loss", logs["loss"] ?? .nan)
///     }
/// }
/// ```
open class Callback {
    /// The model being trained, evaluated or run (set before the first hook).
    public internal(set) weak var model: Model?
    /// The run's parameters (set before the first hook).
    public internal(set) var params = TrainingParameters()

    /// Makes a callback.
    public init() {}

    /// Called once at the start of `fit`.
    open func onTrainBegin(logs: Logs) throws {}
    /// Called once at the end of `fit` with the last epoch's logs.
    open func onTrainEnd(logs: Logs) throws {}
    /// Called at the start of each epoch (0-based).
    open func onEpochBegin(_ epoch: Int, logs: Logs) throws {}
    /// Called at the end of each epoch with its training and validation logs. A callback may
    /// add values (LearningRateScheduler adds `learning_rate`); later callbacks and the
    /// History see them.
    open func onEpochEnd(_ epoch: Int, logs: inout Logs) throws {}
    /// Called before each training batch (0-based within the epoch).
    open func onTrainBatchBegin(_ batch: Int, logs: Logs) throws {}
    /// Called after each training batch with the running metric values.
    open func onTrainBatchEnd(_ batch: Int, logs: Logs) throws {}
    /// Called at the start of `evaluate` (and of the validation inside `fit`).
    open func onTestBegin(logs: Logs) throws {}
    /// Called at the end of `evaluate` with its results.
    open func onTestEnd(logs: Logs) throws {}
    /// Called before each evaluation batch.
    open func onTestBatchBegin(_ batch: Int, logs: Logs) throws {}
    /// Called after each evaluation batch with the running metric values.
    open func onTestBatchEnd(_ batch: Int, logs: Logs) throws {}
    /// Called at the start of `predict`.
    open func onPredictBegin(logs: Logs) throws {}
    /// Called at the end of `predict`.
    open func onPredictEnd(logs: Logs) throws {}
    /// Called before each prediction batch.
    open func onPredictBatchBegin(_ batch: Int, logs: Logs) throws {}
    /// Called after each prediction batch.
    open func onPredictBatchEnd(_ batch: Int, logs: Logs) throws {}
}
