/// The callbacks of one run, called in order, with History and the progress bar added as
/// Keras adds them.
final class CallbackList {
    private(set) var callbacks: [Callback]
    let history: History?

    /// - Parameters:
    ///   - addHistory: add a ``History`` (fit does).
    ///   - addProgbar: add a ``ProgbarLogger`` unless one is given (when `verbose != 0`).
    init(_ given: [Callback], addHistory: Bool, addProgbar: Bool, model: Model, params: TrainingParameters,
         progressOutput: ProgressOutput? = nil) {
        var all = given
        var history: History?
        if addHistory {
            history = given.compactMap { $0 as? History }.first
            if history == nil { let h = History(); history = h; all.append(h) }
        }
        if addProgbar, !given.contains(where: { $0 is ProgbarLogger }) {
            all.append(ProgbarLogger(output: progressOutput ?? .standardOutput))
        }
        self.callbacks = all
        self.history = history
        for c in all {
            c.model = model
            c.params = params
        }
    }

    func trainBegin(_ logs: Logs = [:]) throws { for c in callbacks { try c.onTrainBegin(logs: logs) } }
    func trainEnd(_ logs: Logs) throws { for c in callbacks { try c.onTrainEnd(logs: logs) } }
    func epochBegin(_ epoch: Int, _ logs: Logs = [:]) throws { for c in callbacks { try c.onEpochBegin(epoch, logs: logs) } }
    /// Returns the logs with what callbacks added.
    @discardableResult
    func epochEnd(_ epoch: Int, _ logs: Logs) throws -> Logs {
        var logs = logs
        for c in callbacks { try c.onEpochEnd(epoch, logs: &logs) }
        return logs
    }
    func trainBatchBegin(_ batch: Int, _ logs: Logs = [:]) throws { for c in callbacks { try c.onTrainBatchBegin(batch, logs: logs) } }
    func trainBatchEnd(_ batch: Int, _ logs: Logs) throws { for c in callbacks { try c.onTrainBatchEnd(batch, logs: logs) } }
    func testBegin(_ logs: Logs = [:]) throws { for c in callbacks { try c.onTestBegin(logs: logs) } }
    func testEnd(_ logs: Logs) throws { for c in callbacks { try c.onTestEnd(logs: logs) } }
    func testBatchBegin(_ batch: Int, _ logs: Logs = [:]) throws { for c in callbacks { try c.onTestBatchBegin(batch, logs: logs) } }
    func testBatchEnd(_ batch: Int, _ logs: Logs) throws { for c in callbacks { try c.onTestBatchEnd(batch, logs: logs) } }
    func predictBegin(_ logs: Logs = [:]) throws { for c in callbacks { try c.onPredictBegin(logs: logs) } }
    func predictEnd(_ logs: Logs = [:]) throws { for c in callbacks { try c.onPredictEnd(logs: logs) } }
    func predictBatchBegin(_ batch: Int, _ logs: Logs = [:]) throws { for c in callbacks { try c.onPredictBatchBegin(batch, logs: logs) } }
    func predictBatchEnd(_ batch: Int, _ logs: Logs = [:]) throws { for c in callbacks { try c.onPredictBatchEnd(batch, logs: logs) } }
}
