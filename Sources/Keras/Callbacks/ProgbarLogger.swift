/// Prints Keras's progress bar during `fit`, `evaluate` and `predict`; added automatically
/// when `verbose` is not 0.
///
/// With `verbose: 1` each epoch shows `Epoch 3/10` (when there is more than one) and a bar
/// rewritten in place on a terminal; with `verbose: 2`, one line per epoch.
public final class ProgbarLogger: Callback {
    private let output: ProgressOutput
    private var progbar: Progbar?
    private var seen = 0
    private var target: Int?
    private var calledInFit = false

    /// Makes a logger writing to `output` (standard output by default).
    public init(output: ProgressOutput = .standardOutput) {
        self.output = output
        super.init()
    }

    private var verbose: Int { params.verbose }

    /// Marks the run as a fit, so the validation inside it draws no bar of its own.
    override public func onTrainBegin(logs: Logs) throws { calledInFit = true }

    /// Starts an evaluation bar (outside `fit`).
    override public func onTestBegin(logs: Logs) throws {
        if !calledInFit { reset() }
    }

    /// Starts a prediction bar.
    override public func onPredictBegin(logs: Logs) throws { reset() }

    /// Starts the epoch's bar and prints `Epoch n/N`.
    override public func onEpochBegin(_ epoch: Int, logs: Logs) throws {
        reset()
        if verbose != 0, params.epochs > 1 { output.write("Epoch \(epoch + 1)/\(params.epochs)\n") }
    }

    /// Advances the bar.
    override public func onTrainBatchEnd(_ batch: Int, logs: Logs) throws { advance(batch, logs) }

    /// Advances the evaluation bar (outside `fit`).
    override public func onTestBatchEnd(_ batch: Int, logs: Logs) throws {
        if !calledInFit { advance(batch, logs) }
    }

    /// Advances the prediction bar.
    override public func onPredictBatchEnd(_ batch: Int, logs: Logs) throws { advance(batch, [:]) }

    /// Finishes the epoch's bar with its logs (training and validation).
    override public func onEpochEnd(_ epoch: Int, logs: inout Logs) throws { finish(logs) }

    /// Finishes the evaluation bar (outside `fit`).
    override public func onTestEnd(logs: Logs) throws {
        if !calledInFit { finish(logs) }
    }

    /// Finishes the prediction bar.
    override public func onPredictEnd(logs: Logs) throws { finish(logs) }

    private func reset() {
        seen = 0
        progbar = nil
        target = params.steps
    }

    private func bar() -> Progbar {
        if let progbar { return progbar }
        let made = Progbar(target: target, verbose: verbose, output: output)
        progbar = made
        return made
    }

    private func advance(_ batch: Int, _ logs: Logs) {
        seen = batch + 1
        if verbose == 1 { bar().update(seen, values: sorted(logs), finalize: false) }
    }

    private func finish(_ logs: Logs) {
        let bar = bar()
        if target == nil {
            target = seen
            bar.target = seen
        }
        bar.update(target ?? seen, values: sorted(logs), finalize: true)
    }

    /// Keras shows logs by name in sorted order (`pythonify_logs` sorts them).
    private func sorted(_ logs: Logs) -> [(String, Double)] { logs.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
}
