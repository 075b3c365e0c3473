/// Nadam: Adam with Nesterov momentum (Keras's `Nadam`).
///
/// Keras's schedule of momentum: `u_t = beta1 * (1 - 0.5 * 0.96^t)`, with the running product
/// of the `u_t` kept in one extra variable (`nadam/variable`, numbered like other automatically named
/// variables, created after the slots), and
/// `w -= lr * m̂ / (sqrt(v / (1 - beta2^t)) + epsilon)` where
/// `m̂ = u_{t+1} * m / (1 - Πu_{t+1}) + (1 - u_t) * g / (1 - Πu_t)`. Slots: `momentum` and
/// `velocity`, interleaved per variable.
///
/// ```swift
/// let optimizer = try Nadam(learningRate: 2e-3)
/// ```
public final class Nadam: Optimizer, @unchecked Sendable {
    /// The first moment's decay.
    public let beta1: Double
    /// The second moment's decay.
    public let beta2: Double
    /// Added to the root of the second moment for numerical stability.
    public let epsilon: Double
    private var momentums: [Variable] = []
    private var velocities: [Variable] = []
    private var momentumProduct: Variable?

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
    /// let nadam = try Nadam(beta1: 0.95)
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

    /// Creates `momentum` and `velocity` slots, then the momentum product (Keras's `_u_product`, 1).
    override public func build(_ variables: [Variable]) throws {
        guard !isBuilt else { return }
        try super.build(variables)
        let slots = try addVariables(from: variables, names: ["momentum", "velocity"])
        (momentums, velocities) = (slots[0], slots[1])
        // Keras leaves it unnamed, so it gets the session's next automatic variable name.
        momentumProduct = try addVariable(shape: [], initializer: .ones, dtype: variables.first?.dtype ?? .float32,
                                          name: LayerNaming.uniqueName("variable"))
    }

    /// Advances the momentum product once per update, then updates each variable.
    override public func updateSteps(_ gradients: [Tensor], variables: [Variable], learningRate: Double) throws {
        if let product = momentumProduct {
            let factor = 1 - 0.5 * Float32Math.pow(0.96, Float(iterations + 1))
            product.assign(product.value * beta1 * Double(factor))
        }
        try super.updateSteps(gradients, variables: variables, learningRate: learningRate)
    }

    /// One Nadam step for `variable`.
    override public func updateStep(gradient: Tensor, variable: Variable, learningRate: Double) throws {
        let i = index(of: variable)
        let b1 = Float(beta1), b2 = Float(beta2)
        let t = Float(iterations + 1)
        let uT = b1 * (1 - 0.5 * Float32Math.pow(0.96, t))
        let uNext = b1 * (1 - 0.5 * Float32Math.pow(0.96, t + 1))
        let product = Float(momentumProduct?.value.item() ?? 1)
        let productNext = product * uNext
        let beta2Power = Float32Math.pow(b2, t)
        let m = momentums[i], v = velocities[i]
        m.assign(m.value + (gradient - m.value) * Double(1 - b1))
        v.assign(v.value + (square(gradient) - v.value) * Double(1 - b2))
        let mHat = m.value * Double(uNext) / Double(1 - productNext) + gradient * Double(1 - uT) / Double(1 - product)
        let vHat = v.value / Double(1 - beta2Power)
        variable.assign(variable.value - mHat * learningRate / (sqrt(vHat) + epsilon))
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
