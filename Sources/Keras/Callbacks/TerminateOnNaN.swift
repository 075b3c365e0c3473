/// Stops training when a batch's loss is NaN or infinite (Keras's `TerminateOnNaN`).
///
/// By default it prints `Batch 12: Invalid loss, terminating training` and stops after the
/// current batch; with `raiseError: true` the fit throws instead.
public final class TerminateOnNaN: Callback {
    /// Whether a NaN loss throws instead of stopping quietly.
    public let raiseError: Bool
    private let output: ProgressOutput

    /// Makes the callback.
    public init(raiseError: Bool = false, output: ProgressOutput = .standardOutput) {
        self.raiseError = raiseError
        self.output = output
        super.init()
    }

    /// Checks the batch's loss.
    override public func onTrainBatchEnd(_ batch: Int, logs: Logs) throws {
        guard let loss = logs["loss"], loss.isNaN || loss.isInfinite else { return }
        if raiseError {
            throw KerasError(.invalidArgument, "NaN or Inf loss encountered at batch \(batch). Loss value: \(loss). Terminating training immediately.")
        }
        output.write("Batch \(batch): Invalid loss, terminating training\n")
        model?.stopTraining = true
    }
}
