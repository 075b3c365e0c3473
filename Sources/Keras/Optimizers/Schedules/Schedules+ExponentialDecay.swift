/// A learning rate that decays exponentially: `initialLearningRate * decayRate ^ (step / decaySteps)`
/// (Keras's `ExponentialDecay`).
///
/// With `staircase`, `step / decaySteps` is rounded down, so the rate drops in steps every
/// `decaySteps` updates.
///
/// ```swift
/// let schedule = try ExponentialDecay(initialLearningRate: 0.1, decaySteps: 1000, decayRate: 0.96)
/// schedule(2000)   // 0.1 * 0.96^2 ≈ 0.09216
/// let optimizer = try SGD(learningRate: .schedule(schedule))
/// ```
public final class ExponentialDecay: LearningRateSchedule {
    /// The rate at step 0.
    public let initialLearningRate: Double
    /// The number of steps over which the rate is multiplied by `decayRate` once.
    public let decaySteps: Int
    /// The factor applied every `decaySteps` steps.
    public let decayRate: Double
    /// Whether the exponent is rounded down to a whole number of periods.
    public let staircase: Bool
    /// The schedule's name, as recorded in its config.
    public let name: String

    /// Makes the schedule.
    ///
    /// - Parameters:
    ///   - initialLearningRate: the rate at step 0.
    ///   - decaySteps: steps per decay period; must be > 0.
    ///   - decayRate: the factor per period.
    ///   - staircase: decay at discrete intervals instead of continuously.
    ///   - name: the config's `name`.
    /// - Throws: ``KerasError`` when `decaySteps` is not positive.
    ///
    /// ```swift
    /// let stairs = try ExponentialDecay(initialLearningRate: 0.5, decaySteps: 7, decayRate: 0.5, staircase: true)
    /// ```
    public init(initialLearningRate: Double, decaySteps: Int, decayRate: Double, staircase: Bool = false,
                name: String = "ExponentialDecay") throws {
        try requirePositiveSteps(decaySteps, "decaySteps", in: "ExponentialDecay")
        self.initialLearningRate = initialLearningRate
        self.decaySteps = decaySteps
        self.decayRate = decayRate
        self.staircase = staircase
        self.name = name
    }

    /// The rate at `step`, computed in float32 as Keras does.
    ///
    /// ```swift
    /// let lr = schedule(10)
    /// ```
    public func callAsFunction(_ step: Int) -> Double {
        var p = Float(step) / Float(decaySteps)
        if staircase { p = Float32Math.floor(p) }
        return Double(Float(initialLearningRate) * Float32Math.pow(Float(decayRate), p))
    }

    /// `"ExponentialDecay"`.
    public var kerasClassName: String { "ExponentialDecay" }

    /// Keras's `get_config()`: `initial_learning_rate`, `decay_steps`, `decay_rate`, `staircase`, `name`.
    ///
    /// ```swift
    /// schedule.kerasConfig["decay_steps"]   // 1000
    /// ```
    public var kerasConfig: JSONObject {
        ["initial_learning_rate": .double(initialLearningRate), "decay_steps": .int(decaySteps),
         "decay_rate": .double(decayRate), "staircase": .bool(staircase), "name": .string(name)]
    }
}
