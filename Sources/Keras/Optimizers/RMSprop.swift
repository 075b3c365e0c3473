/// RMSprop: steps scaled by a moving average of squared gradients (Keras's `RMSprop`).
///
/// `velocity = rho * velocity + (1 - rho) * g²`; the step is
/// `learningRate * g / sqrt(velocity + epsilon)` (centered: `velocity - average² + epsilon`,
/// with `average` the moving mean of the gradients), through a momentum accumulator when
/// `momentum > 0`. Slots: `velocity`, then `momentum` (if used), then `average_gradient` (if
/// centered), each for all variables.
///
/// ```swift
/// let optimizer = try RMSprop(learningRate: 1e-3, centered: true)
/// ```
public final class RMSprop: Optimizer, @unchecked Sendable {
    /// The moving average's decay.
    public let rho: Double
    /// The momentum of the step accumulator; 0 for none.
    public let momentum: Double
    /// Added to the denominator for numerical stability.
    public let epsilon: Double
    /// Whether gradients are normalized by their estimated variance instead of their second moment.
    public let centered: Bool
    private var velocities: [Variable] = []
    private var momentums: [Variable] = []
    private var averageGradients: [Variable] = []

    /// Makes the optimizer with Keras's defaults.
    ///
    /// - Parameters:
    ///   - learningRate: the step size (Keras's default 0.001) or a schedule.
    ///   - rho: the moving average's decay.
    ///   - momentum: the step accumulator's momentum.
    ///   - epsilon: the stability constant (inside the square root, as Keras has it).
    ///   - centered: normalize by the gradients' estimated variance.
    ///   - weightDecay: decoupled weight decay, applied before each update.
    ///   - clipnorm: clip each gradient to this L2 norm.
    ///   - clipvalue: clip each gradient element to this magnitude.
    ///   - globalClipnorm: clip all gradients together to this global norm (at most one of the
    ///     three clipping arguments).
    ///   - useEMA: keep an exponential moving average of the model variables.
    ///   - emaMomentum: the moving average's momentum, in `[0, 1]`.
    ///   - emaOverwriteFrequency: write the averages into the variables every this many steps.
    ///   - lossScaleFactor: divide the gradients by this before the update.
    ///   - gradientAccumulationSteps: update every this many calls (>= 2) with the mean gradient.
    ///   - name: the optimizer's name; `nil` for the automatic, unique one.
    /// - Throws: ``KerasError`` naming an invalid argument.
    ///
    /// ```swift
    /// let rmsprop = try RMSprop(rho: 0.8, momentum: 0.5)
    /// ```
    public init(learningRate: LearningRate = 0.001, rho: Double = 0.9, momentum: Double = 0.0,
                epsilon: Double = 1e-7, centered: Bool = false,
                weightDecay: Double? = nil, clipnorm: Double? = nil, clipvalue: Double? = nil,
                globalClipnorm: Double? = nil, useEMA: Bool = false, emaMomentum: Double = 0.99,
                emaOverwriteFrequency: Int? = nil, lossScaleFactor: Double? = nil,
                gradientAccumulationSteps: Int? = nil, name: String? = nil) throws {
        self.rho = rho
        self.momentum = momentum
        self.epsilon = epsilon
        self.centered = centered
        try super.init(learningRate: learningRate, weightDecay: weightDecay, clipnorm: clipnorm, clipvalue: clipvalue,
                       globalClipnorm: globalClipnorm, useEMA: useEMA, emaMomentum: emaMomentum,
                       emaOverwriteFrequency: emaOverwriteFrequency, lossScaleFactor: lossScaleFactor,
                       gradientAccumulationSteps: gradientAccumulationSteps, name: name)
    }

    /// Creates `velocity`, then `momentum` and `average_gradient` slots as configured.
    override public func build(_ variables: [Variable]) throws {
        guard !isBuilt else { return }
        try super.build(variables)
        velocities = try addVariables(from: variables, names: ["velocity"])[0]
        if momentum > 0 { momentums = try addVariables(from: variables, names: ["momentum"])[0] }
        if centered { averageGradients = try addVariables(from: variables, names: ["average_gradient"])[0] }
    }

    /// One RMSprop step for `variable`.
    override public func updateStep(gradient: Tensor, variable: Variable, learningRate: Double) throws {
        let i = index(of: variable)
        let velocity = velocities[i]
        velocity.assign(velocity.value * rho + square(gradient) * (1 - rho))
        let denominator: Tensor
        if centered {
            let average = averageGradients[i]
            average.assign(average.value * rho + gradient * (1 - rho))
            denominator = velocity.value - square(average.value) + epsilon
        } else {
            denominator = velocity.value + epsilon
        }
        let increment = gradient * learningRate / sqrt(denominator)
        if momentum > 0 {
            let m = momentums[i]
            m.assign(m.value * momentum + increment)
            variable.assign(variable.value - m.value)
        } else {
            variable.assign(variable.value - increment)
        }
    }

    /// The base config, then `rho`, `momentum`, `epsilon`, `centered`.
    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["rho"] = .double(rho)
        config["momentum"] = .double(momentum)
        config["epsilon"] = .double(epsilon)
        config["centered"] = .bool(centered)
        return config
    }
}
