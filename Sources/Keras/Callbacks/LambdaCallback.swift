/// A callback made of closures (Keras's `LambdaCallback`).
///
/// ```swift
/// let log = LambdaCallback(onEpochEnd: { epoch, logs in print(epoch, logs["loss"]!) })
/// ```
public final class LambdaCallback: Callback {
    private let trainBegin: ((Logs) throws -> Void)?
    private let trainEnd: ((Logs) throws -> Void)?
    private let epochBegin: ((Int, Logs) throws -> Void)?
    private let epochEnd: ((Int, Logs) throws -> Void)?
    private let batchBegin: ((Int, Logs) throws -> Void)?
    private let batchEnd: ((Int, Logs) throws -> Void)?

    /// Makes a callback calling the given closures (`onBatchBegin`/`onBatchEnd` are the
    /// training batches, as in Keras).
    public init(onEpochBegin: ((Int, Logs) throws -> Void)? = nil, onEpochEnd: ((Int, Logs) throws -> Void)? = nil,
                onBatchBegin: ((Int, Logs) throws -> Void)? = nil, onBatchEnd: ((Int, Logs) throws -> Void)? = nil,
                onTrainBegin: ((Logs) throws -> Void)? = nil, onTrainEnd: ((Logs) throws -> Void)? = nil) {
        trainBegin = onTrainBegin
        trainEnd = onTrainEnd
        epochBegin = onEpochBegin
        epochEnd = onEpochEnd
        batchBegin = onBatchBegin
        batchEnd = onBatchEnd
        super.init()
    }

    /// Calls `onTrainBegin`.
    override public func onTrainBegin(logs: Logs) throws { try trainBegin?(logs) }
    /// Calls `onTrainEnd`.
    override public func onTrainEnd(logs: Logs) throws { try trainEnd?(logs) }
    /// Calls `onEpochBegin`.
    override public func onEpochBegin(_ epoch: Int, logs: Logs) throws { try epochBegin?(epoch, logs) }
    /// Calls `onEpochEnd`.
    override public func onEpochEnd(_ epoch: Int, logs: inout Logs) throws { try epochEnd?(epoch, logs) }
    /// Calls `onBatchBegin`.
    override public func onTrainBatchBegin(_ batch: Int, logs: Logs) throws { try batchBegin?(batch, logs) }
    /// Calls `onBatchEnd`.
    override public func onTrainBatchEnd(_ batch: Int, logs: Logs) throws { try batchEnd?(batch, logs) }
}
