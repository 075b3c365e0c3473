/// A learning rate that decays as an inverse of time:
/// `initialLearningRate / (1 + decayRate * step / decaySteps)` (Keras's `InverseTimeDecay`).
///
/// With `staircase`, `step / decaySteps` is rounded down.
///
/// ```swift
/// let schedule = try InverseTimeDecay(initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5)
/// schedule(20)   // 0.1 / (1 + 0.5 * 2) = 0.05
/// ```
public final class InverseTimeDecay: LearningRateSchedule {
    /// The rate at step 0.
    public let initialLearningRate: Double
    /// The steps that make one unit of "time".
    public let decaySteps: Int
    /// How fast the rate falls per unit of time.
    public let decayRate: Double
    /// Whether time is rounded down to whole units.
    public let staircase: Bool
    /// The schedule's name, as recorded in its config.
    public let name: String

    /// Makes the schedule.
    ///
    /// - Parameters:
    ///   - initialLearningRate: the rate at step 0.
    ///   - decaySteps: steps per unit of time; must be > 0.
    ///   - decayRate: the decay per unit of time.
    ///   - staircase: decay at discrete intervals instead of continuously.
    ///   - name: the config's `name`.
    /// - Throws: ``KerasError`` when `decaySteps` is not positive.
    ///
    /// ```swift
    /// let schedule = try InverseTimeDecay(initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5, staircase: true)
    /// ```
    public init(initialLearningRate: Double, decaySteps: Int, decayRate: Double, staircase: Bool = false,
                name: String = "InverseTimeDecay") throws {
        try requirePositiveSteps(decaySteps, "decaySteps", in: "InverseTimeDecay")
        self.initialLearningRate = initialLearningRate
        self.decaySteps = decaySteps
        self.decayRate = decayRate
        self.staircase = staircase
        self.name = name
    }

    /// The rate at `step`, computed in float32 as Keras does.
    ///
    /// ```swift
    /// let lr = schedule(5)
    /// ```
    public func callAsFunction(_ step: Int) -> Double {
        var p = Float(step) / Float(decaySteps)
        if staircase { p = Float32Math.floor(p) }
        return Double(Float(initialLearningRate) / (1 + Float(decayRate) * p))
    }

    /// `"InverseTimeDecay"`.
    public var kerasClassName: String { "InverseTimeDecay" }

    /// Keras's `get_config()`: `initial_learning_rate`, `decay_steps`, `decay_rate`, `staircase`, `name`.
    ///
    /// ```swift
    /// schedule.kerasConfig["decay_rate"]   // 0.5
    /// ```
    public var kerasConfig: JSONObject {
        ["initial_learning_rate": .double(initialLearningRate), "decay_steps": .int(decaySteps),
         "decay_rate": .double(decayRate), "staircase": .bool(staircase), "name": .string(name)]
    }
}
