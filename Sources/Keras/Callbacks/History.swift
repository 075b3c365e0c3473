/// The per-epoch record of a fit (Keras's `History`), returned by `fit`.
///
/// ```swift
/// let history = try model.fit(x, y, epochs: 5, validationSplit: 0.2)
/// print(history["loss"]!, history["val_loss"]!)
/// ```
public final class History: Callback {
    /// Each logged value per epoch, by name.
    public private(set) var history: [String: [Double]] = [:]
    /// The epochs recorded (0-based; they start at `initialEpoch`).
    public private(set) var epoch: [Int] = []

    /// Makes an empty history.
    override public init() { super.init() }

    /// The values of `key` per epoch (`history["loss"]`), or `nil` when never logged.
    public subscript(_ key: String) -> [Double]? { history[key] }

    /// Starts a new record of epochs (values logged by an earlier fit stay, as in Keras).
    override public func onTrainBegin(logs: Logs) throws { epoch = [] }

    /// Appends the epoch's values.
    override public func onEpochEnd(_ epoch: Int, logs: inout Logs) throws {
        self.epoch.append(epoch)
        for (k, v) in logs { history[k, default: []].append(v) }
    }
}
