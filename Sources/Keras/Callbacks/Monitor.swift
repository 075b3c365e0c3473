/// Whether a monitored quantity should go down (`.min`), up (`.max`), or the direction is
/// inferred from its name (`.auto`: losses go down, accuracies up).
public enum MonitorMode: String, Sendable {
    /// Inferred from the metric.
    case auto
    /// Smaller is better.
    case min
    /// Larger is better.
    case max
}

/// The comparison shared by the callbacks that watch a logged value (Keras's
/// `MonitorCallback`): ``EarlyStopping``, ``ModelCheckpoint``, ``ReduceLROnPlateau``.
struct Monitor {
    let name: String
    let mode: MonitorMode
    let minDelta: Double
    private var decreasing: Bool?

    init(_ name: String, mode: MonitorMode, minDelta: Double) {
        self.name = name
        self.mode = mode
        self.minDelta = abs(minDelta)
    }

    /// Resolves the direction (on first use, when the model's metrics are known).
    mutating func resolve(model: Model?, callback: String) throws {
        guard decreasing == nil else { return }
        switch mode {
        case .min: decreasing = true
        case .max: decreasing = false
        case .auto:
            guard let direction = model?.compiled?.direction(of: name) else {
                throw KerasError(.invalidArgument, "\(callback) received monitor: \"\(name)\", but cannot tell whether that metric should be maximized or minimized. Pass `mode: .max` to monitor the highest value, or `mode: .min` for the lowest.")
            }
            decreasing = direction == .down
        }
    }

    /// Keras's `_is_improvement`: better than `reference` by more than `minDelta`.
    func isImprovement(_ value: Double, over reference: Double?) -> Bool {
        guard let reference else { return true }
        return decreasing ?? true ? value + minDelta < reference : value - minDelta > reference
    }

    /// The value to start from when there is no baseline (the worst possible).
    var worst: Double { decreasing ?? true ? .infinity : -.infinity }

    var isDecreasing: Bool { decreasing ?? true }
}
