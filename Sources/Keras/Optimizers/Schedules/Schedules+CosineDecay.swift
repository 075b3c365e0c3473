/// A learning rate that follows half a cosine from its start down to `alpha` times the start,
/// optionally after a linear warmup (Keras's `CosineDecay`).
///
/// Without warmup: `initial * ((1 - alpha) * 0.5 * (1 + cos(pi * step / decaySteps)) + alpha)`,
/// with `step` capped at `decaySteps`. With `warmupTarget`, the rate first rises linearly from
/// `initialLearningRate` to `warmupTarget` over `warmupSteps`, then decays from `warmupTarget`
/// over the next `decaySteps`.
///
/// ```swift
/// let schedule = try CosineDecay(initialLearningRate: 0.1, decaySteps: 100)
/// schedule(50)   // 0.05
/// let warm = try CosineDecay(initialLearningRate: 0, decaySteps: 90, warmupTarget: 0.3, warmupSteps: 10)
/// warm(5)        // 0.15
/// ```
public final class CosineDecay: LearningRateSchedule {
    /// The rate at step 0.
    public let initialLearningRate: Double
    /// The length of the cosine decay.
    public let decaySteps: Int
    /// The floor, as a fraction of the rate the decay starts from.
    public let alpha: Double
    /// The schedule's name, as recorded in its config.
    public let name: String
    /// The rate reached at the end of the warmup, if there is one.
    public let warmupTarget: Double?
    /// The length of the warmup.
    public let warmupSteps: Int

    /// Makes the schedule.
    ///
    /// - Parameters:
    ///   - initialLearningRate: the rate at step 0.
    ///   - decaySteps: the length of the decay; must be > 0.
    ///   - alpha: the final rate as a fraction of the starting one.
    ///   - name: the config's `name`.
    ///   - warmupTarget: the rate to warm up to; `nil` for no warmup.
    ///   - warmupSteps: the length of the warmup.
    /// - Throws: ``KerasError`` when `decaySteps` is not positive or `warmupSteps` is negative.
    ///
    /// ```swift
    /// let schedule = try CosineDecay(initialLearningRate: 0.1, decaySteps: 1000, alpha: 0.1)
    /// ```
    public init(initialLearningRate: Double, decaySteps: Int, alpha: Double = 0.0, name: String = "CosineDecay",
                warmupTarget: Double? = nil, warmupSteps: Int = 0) throws {
        try requirePositiveSteps(decaySteps, "decaySteps", in: "CosineDecay")
        guard warmupSteps >= 0 else {
            throw KerasError(.invalidArgument, "CosineDecay needs warmupSteps >= 0, but received warmupSteps: \(warmupSteps).")
        }
        self.initialLearningRate = initialLearningRate
        self.decaySteps = decaySteps
        self.alpha = alpha
        self.name = name
        self.warmupTarget = warmupTarget
        self.warmupSteps = warmupSteps
    }

    /// The rate at `step`, computed in float32 as Keras does.
    ///
    /// ```swift
    /// let lr = schedule(10)
    /// ```
    public func callAsFunction(_ step: Int) -> Double {
        let initial = Float(initialLearningRate)
        let horizon = Float(decaySteps)
        let s = Float(step)
        guard let warmupTarget else {
            return Double(decayed(Swift.min(s, horizon), horizon, from: initial))
        }
        let target = Float(warmupTarget), warmup = Float(warmupSteps)
        let capped = Swift.min(s, horizon + warmup)
        if capped < warmup {
            return Double((target - initial) * (capped / warmup) + initial)
        }
        return Double(decayed(capped - warmup, horizon, from: target))
    }

    private func decayed(_ step: Float, _ horizon: Float, from rate: Float) -> Float {
        let cosine = 0.5 * (1 + Float32Math.cos(Float.pi * (step / horizon)))
        return rate * (Float(1 - alpha) * cosine + Float(alpha))
    }

    /// `"CosineDecay"`.
    public var kerasClassName: String { "CosineDecay" }

    /// Keras's `get_config()`: `initial_learning_rate`, `decay_steps`, `alpha`, `name`,
    /// `warmup_target`, `warmup_steps`.
    ///
    /// ```swift
    /// schedule.kerasConfig["warmup_target"]   // null
    /// ```
    public var kerasConfig: JSONObject {
        ["initial_learning_rate": .double(initialLearningRate), "decay_steps": .int(decaySteps),
         "alpha": .double(alpha), "name": .string(name), "warmup_target": warmupTarget.map { .double($0) } ?? .null,
         "warmup_steps": .int(warmupSteps)]
    }
}
