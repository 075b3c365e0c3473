/// A cosine decay that restarts (SGDR, Keras's `CosineDecayRestarts`).
///
/// The first period lasts `firstDecaySteps`; each next one is `tMul` times longer and starts from
/// `mMul` times the previous starting rate. Within a period the rate follows half a cosine
/// down to `alpha` times the start.
///
/// ```swift
/// let schedule = try CosineDecayRestarts(initialLearningRate: 0.1, firstDecaySteps: 20)
/// schedule(10)   // 0.05, halfway through the first period
/// schedule(20)   // 0.1, the second period (40 steps long) starts
/// ```
public final class CosineDecayRestarts: LearningRateSchedule {
    /// The rate at step 0.
    public let initialLearningRate: Double
    /// The length of the first period.
    public let firstDecaySteps: Int
    /// The factor by which each period is longer than the previous.
    public let tMul: Double
    /// The factor by which each period's starting rate is smaller than the previous.
    public let mMul: Double
    /// The floor, as a fraction of the period's starting rate.
    public let alpha: Double
    /// The schedule's name, as recorded in its config.
    public let name: String

    /// Makes the schedule.
    ///
    /// - Parameters:
    ///   - initialLearningRate: the rate at step 0.
    ///   - firstDecaySteps: the length of the first period; must be > 0.
    ///   - tMul: how much longer each period is.
    ///   - mMul: how much smaller each period's starting rate is.
    ///   - alpha: the floor as a fraction of the period's starting rate.
    ///   - name: the config's `name` (Keras's default `"SGDRDecay"`).
    /// - Throws: ``KerasError`` when `firstDecaySteps` is not positive.
    ///
    /// ```swift
    /// let schedule = try CosineDecayRestarts(initialLearningRate: 0.1, firstDecaySteps: 15, tMul: 1, mMul: 0.5)
    /// ```
    public init(initialLearningRate: Double, firstDecaySteps: Int, tMul: Double = 2.0, mMul: Double = 1.0,
                alpha: Double = 0.0, name: String = "SGDRDecay") throws {
        try requirePositiveSteps(firstDecaySteps, "firstDecaySteps", in: "CosineDecayRestarts")
        self.initialLearningRate = initialLearningRate
        self.firstDecaySteps = firstDecaySteps
        self.tMul = tMul
        self.mMul = mMul
        self.alpha = alpha
        self.name = name
    }

    /// The rate at `step`, computed in float32 as Keras does.
    ///
    /// ```swift
    /// let lr = schedule(30)
    /// ```
    public func callAsFunction(_ step: Int) -> Double {
        let alpha = Float(alpha), tMul = Float(tMul), mMul = Float(mMul)
        var fraction = Float(step) / Float(firstDecaySteps)
        let restart: Float
        if tMul == 1 {
            restart = Float32Math.floor(fraction)
            fraction -= restart
        } else {
            // Periods grow geometrically: find the period from the sum of the series.
            restart = Float32Math.floor(Float32Math.log(1 - fraction * (1 - tMul)) / Float32Math.log(tMul))
            let elapsed = (1 - Float32Math.pow(tMul, restart)) / (1 - tMul)
            fraction = (fraction - elapsed) / Float32Math.pow(tMul, restart)
        }
        let factor = Float32Math.pow(mMul, restart)
        let cosine = 0.5 * factor * (1 + Float32Math.cos(Float.pi * fraction))
        return Double(Float(initialLearningRate) * ((1 - alpha) * cosine + alpha))
    }

    /// `"CosineDecayRestarts"`.
    public var kerasClassName: String { "CosineDecayRestarts" }

    /// Keras's `get_config()`: `initial_learning_rate`, `first_decay_steps`, `t_mul`, `m_mul`,
    /// `alpha`, `name`.
    ///
    /// ```swift
    /// schedule.kerasConfig["t_mul"]   // 2.0
    /// ```
    public var kerasConfig: JSONObject {
        ["initial_learning_rate": .double(initialLearningRate), "first_decay_steps": .int(firstDecaySteps),
         "t_mul": .double(tMul), "m_mul": .double(mMul), "alpha": .double(alpha), "name": .string(name)]
    }
}
