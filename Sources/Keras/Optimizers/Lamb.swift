/// LAMB: Adam steps rescaled per variable by the trust ratio `‖w‖ / ‖update‖`, for large-batch
/// training (Keras's `Lamb`).
///
/// `m += (g - m) * (1 - beta1)`, `v += (g² - v) * (1 - beta2)`,
/// `update = (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + epsilon)`, and
/// `w -= ratio * lr * update` with `ratio = ‖w‖ / ‖update‖` (1 when either norm is 0). Slots:
/// `momentum` and `velocity`, interleaved per variable.
///
/// ```swift
/// let optimizer = try Lamb(learningRate: 1e-3)
/// ```
public final class Lamb: Optimizer, @unchecked Sendable {
    /// The first moment's decay.
    public let beta1: Double
    /// The second moment's decay.
    public let beta2: Double
    /// Added to the corrected root second moment for numerical stability.
    public let epsilon: Double
    private var momentums: [Variable] = []
    private var velocities: [Variable] = []

    /// Makes the optimizer with Keras's defaults.
    ///
    /// - Parameters:
    ///   - learningRate: the step size (Keras's default 0.001) or a schedule.
    ///   - beta1: the first moment's decay.
    ///   - beta2: the second moment's decay.
    ///   - epsilon: the stability constant.
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
    /// let lamb = try Lamb(learningRate: 2e-3, beta2: 0.99)
    /// ```
    public init(learningRate: LearningRate = 0.001, beta1: Double = 0.9, beta2: Double = 0.999,
                epsilon: Double = 1e-7,
                weightDecay: Double? = nil, clipnorm: Double? = nil, clipvalue: Double? = nil,
                globalClipnorm: Double? = nil, useEMA: Bool = false, emaMomentum: Double = 0.99,
                emaOverwriteFrequency: Int? = nil, lossScaleFactor: Double? = nil,
                gradientAccumulationSteps: Int? = nil, name: String? = nil) throws {
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        try super.init(learningRate: learningRate, weightDecay: weightDecay, clipnorm: clipnorm, clipvalue: clipvalue,
                       globalClipnorm: globalClipnorm, useEMA: useEMA, emaMomentum: emaMomentum,
                       emaOverwriteFrequency: emaOverwriteFrequency, lossScaleFactor: lossScaleFactor,
                       gradientAccumulationSteps: gradientAccumulationSteps, name: name)
    }

    /// Creates `momentum` and `velocity` slots.
    override public func build(_ variables: [Variable]) throws {
        guard !isBuilt else { return }
        try super.build(variables)
        let slots = try addVariables(from: variables, names: ["momentum", "velocity"])
        (momentums, velocities) = (slots[0], slots[1])
    }

    /// One LAMB step for `variable`.
    override public func updateStep(gradient: Tensor, variable: Variable, learningRate: Double) throws {
        let i = index(of: variable)
        let t = Float(iterations + 1)
        let beta1Power = Float32Math.pow(Float(beta1), t)
        let beta2Power = Float32Math.pow(Float(beta2), t)
        let m = momentums[i], v = velocities[i]
        m.assign(m.value + (gradient - m.value) * (1 - beta1))
        v.assign(v.value + (square(gradient) - v.value) * (1 - beta2))
        let mHat = m.value / Double(1 - beta1Power)
        let root = sqrt(v.value / Double(1 - beta2Power)) + epsilon
        let update = mHat / root
        let weightNorm = Float(sqrt(square(variable.value).sum()).item())
        let updateNorm = Float(sqrt(square(update).sum()).item())
        let ratio: Float = weightNorm > 0 && updateNorm > 0 ? weightNorm / updateNorm : 1
        variable.assign(variable.value - update * Double(ratio * Float(learningRate)))
    }

    /// The base config, then `beta_1`, `beta_2`, `epsilon`.
    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["beta_1"] = .double(beta1)
        config["beta_2"] = .double(beta2)
        config["epsilon"] = .double(epsilon)
        return config
    }
}
