/// A learning rate that falls from `initialLearningRate` to `endLearningRate` along a polynomial
/// over `decaySteps` steps (Keras's `PolynomialDecay`).
///
/// `(initial - end) * (1 - step / decaySteps) ^ power + end`, with `step` capped at
/// `decaySteps`; with `cycle`, the horizon instead grows to the next multiple of `decaySteps`
/// past the step, so the rate jumps back up and decays again.
///
/// ```swift
/// let schedule = try PolynomialDecay(initialLearningRate: 0.1, decaySteps: 100)
/// schedule(50)    // 0.05005 (linear, to 0.0001)
/// schedule(500)   // 0.0001
/// ```
public final class PolynomialDecay: LearningRateSchedule {
    /// The rate at step 0.
    public let initialLearningRate: Double
    /// The steps over which the rate reaches `endLearningRate`.
    public let decaySteps: Int
    /// The rate at and after `decaySteps`.
    public let endLearningRate: Double
    /// The polynomial's power (1 is linear).
    public let power: Double
    /// Whether the decay restarts past `decaySteps`.
    public let cycle: Bool
    /// The schedule's name, as recorded in its config.
    public let name: String

    /// Makes the schedule.
    ///
    /// - Parameters:
    ///   - initialLearningRate: the rate at step 0.
    ///   - decaySteps: the length of the decay; must be > 0.
    ///   - endLearningRate: the final rate (Keras's default 0.0001).
    ///   - power: the polynomial's power.
    ///   - cycle: restart the decay past `decaySteps`.
    ///   - name: the config's `name`.
    /// - Throws: ``KerasError`` when `decaySteps` is not positive.
    ///
    /// ```swift
    /// let schedule = try PolynomialDecay(initialLearningRate: 0.1, decaySteps: 30, endLearningRate: 0.01, power: 2, cycle: true)
    /// ```
    public init(initialLearningRate: Double, decaySteps: Int, endLearningRate: Double = 0.0001,
                power: Double = 1.0, cycle: Bool = false, name: String = "PolynomialDecay") throws {
        try requirePositiveSteps(decaySteps, "decaySteps", in: "PolynomialDecay")
        self.initialLearningRate = initialLearningRate
        self.decaySteps = decaySteps
        self.endLearningRate = endLearningRate
        self.power = power
        self.cycle = cycle
        self.name = name
    }

    /// The rate at `step`, computed in float32 as Keras does.
    ///
    /// ```swift
    /// let lr = schedule(10)
    /// ```
    public func callAsFunction(_ step: Int) -> Double {
        let initial = Float(initialLearningRate), end = Float(endLearningRate)
        var s = Float(step)
        var horizon = Float(decaySteps)
        if cycle {
            // The first multiple of decaySteps at or past the step (1 at step 0).
            let multiplier = s == 0 ? 1 : Float32Math.ceil(s / Float(decaySteps))
            horizon *= multiplier
        } else {
            s = Swift.min(s, horizon)
        }
        let p = s / horizon
        return Double((initial - end) * Float32Math.pow(1 - p, Float(power)) + end)
    }

    /// `"PolynomialDecay"`.
    public var kerasClassName: String { "PolynomialDecay" }

    /// Keras's `get_config()`: `initial_learning_rate`, `decay_steps`, `end_learning_rate`,
    /// `power`, `cycle`, `name`.
    ///
    /// ```swift
    /// schedule.kerasConfig["power"]   // 1.0
    /// ```
    public var kerasConfig: JSONObject {
        ["initial_learning_rate": .double(initialLearningRate), "decay_steps": .int(decaySteps),
         "end_learning_rate": .double(endLearningRate), "power": .double(power), "cycle": .bool(cycle),
         "name": .string(name)]
    }
}
