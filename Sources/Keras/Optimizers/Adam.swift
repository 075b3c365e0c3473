/// Adam: steps from bias-corrected moving averages of the gradients and their squares
/// (Keras's `Adam`).
///
/// With `t` the update number (from 1):
/// `m += (g - m) * (1 - beta1)`, `v += (g² - v) * (1 - beta2)`,
/// `w -= lr * sqrt(1 - beta2^t) / (1 - beta1^t) * m / (sqrt(v) + epsilon)` — Keras folds the
/// bias correction into the step size and adds `epsilon` to `sqrt(v)` uncorrected. With
/// `amsgrad`, `v` is replaced by its running maximum. Slots: `momentum` and `velocity`
/// interleaved per variable, then `velocity_hat` for each (AMSGrad).
///
/// ```swift
/// let optimizer = try Adam(learningRate: 1e-3)
/// try optimizer.apply(grads, to: model.trainableVariables)
/// ```
public class Adam: Optimizer, @unchecked Sendable {
    /// The first moment's decay.
    public let beta1: Double
    /// The second moment's decay.
    public let beta2: Double
    /// Added to `sqrt(v)` for numerical stability.
    public let epsilon: Double
    /// Whether the AMSGrad variant (running maximum of `v`) is used.
    public let amsgrad: Bool
    private var momentums: [Variable] = []
    private var velocities: [Variable] = []
    private var velocityHats: [Variable] = []

    /// Makes the optimizer with Keras's defaults.
    ///
    /// - Parameters:
    ///   - learningRate: the step size (Keras's default 0.001) or a schedule.
    ///   - beta1: the first moment's decay.
    ///   - beta2: the second moment's decay.
    ///   - epsilon: the stability constant (Keras's default 1e-7).
    ///   - amsgrad: use the AMSGrad variant.
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
    /// let adam = try Adam(learningRate: 3e-4, beta2: 0.99, amsgrad: true)
    /// ```
    public init(learningRate: LearningRate = 0.001, beta1: Double = 0.9, beta2: Double = 0.999,
                epsilon: Double = 1e-7, amsgrad: Bool = false,
                weightDecay: Double? = nil, clipnorm: Double? = nil, clipvalue: Double? = nil,
                globalClipnorm: Double? = nil, useEMA: Bool = false, emaMomentum: Double = 0.99,
                emaOverwriteFrequency: Int? = nil, lossScaleFactor: Double? = nil,
                gradientAccumulationSteps: Int? = nil, name: String? = nil) throws {
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.amsgrad = amsgrad
        try super.init(learningRate: learningRate, weightDecay: weightDecay, clipnorm: clipnorm, clipvalue: clipvalue,
                       globalClipnorm: globalClipnorm, useEMA: useEMA, emaMomentum: emaMomentum,
                       emaOverwriteFrequency: emaOverwriteFrequency, lossScaleFactor: lossScaleFactor,
                       gradientAccumulationSteps: gradientAccumulationSteps, name: name)
    }

    /// Creates `momentum` and `velocity` slots (and `velocity_hat` with AMSGrad).
    override public func build(_ variables: [Variable]) throws {
        guard !isBuilt else { return }
        try super.build(variables)
        let slots = try addVariables(from: variables, names: ["momentum", "velocity"])
        (momentums, velocities) = (slots[0], slots[1])
        if amsgrad { velocityHats = try addVariables(from: variables, names: ["velocity_hat"])[0] }
    }

    /// One Adam step for `variable`.
    override public func updateStep(gradient: Tensor, variable: Variable, learningRate: Double) throws {
        let i = index(of: variable)
        let t = Float(iterations + 1)
        let beta1Power = Float32Math.pow(Float(beta1), t)
        let beta2Power = Float32Math.pow(Float(beta2), t)
        let alpha = Float(learningRate) * Float32Math.sqrt(1 - beta2Power) / (1 - beta1Power)
        let m = momentums[i], v = velocities[i]
        m.assign(m.value + (gradient - m.value) * (1 - beta1))
        v.assign(v.value + (square(gradient) - v.value) * (1 - beta2))
        var second = v.value
        if amsgrad {
            let hat = velocityHats[i]
            hat.assign(maximum(hat.value, second))
            second = hat.value
        }
        variable.assign(variable.value - m.value * Double(alpha) / (sqrt(second) + epsilon))
    }

    /// The base config, then `beta_1`, `beta_2`, `epsilon`, `amsgrad`.
    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["beta_1"] = .double(beta1)
        config["beta_2"] = .double(beta2)
        config["epsilon"] = .double(epsilon)
        config["amsgrad"] = .bool(amsgrad)
        return config
    }
}
