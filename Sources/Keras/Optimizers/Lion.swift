/// Lion: sign-of-momentum updates (Keras's `Lion`, "EvoLved Sign Momentum").
///
/// `w -= lr * sign(beta1 * m + (1 - beta1) * g)`, then `m = beta2 * m + (1 - beta2) * g`.
/// Every step moves each weight by exactly `lr`, so Lion usually wants a learning rate 3-10
/// times smaller than AdamW's. Slots: `momentum` per variable.
///
/// ```swift
/// let optimizer = try Lion(learningRate: 1e-4)
/// ```
public final class Lion: Optimizer, @unchecked Sendable {
    /// The interpolation factor of the update direction, in `(0, 1]`.
    public let beta1: Double
    /// The momentum's decay.
    public let beta2: Double
    private var momentums: [Variable] = []

    /// Makes the optimizer with Keras's defaults.
    ///
    /// - Parameters:
    ///   - learningRate: the step size (Keras's default 0.001) or a schedule.
    ///   - beta1: the update direction's interpolation, in `(0, 1]` (0 would be sign SGD).
    ///   - beta2: the momentum's decay.
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
    /// let lion = try Lion(beta1: 0.95, beta2: 0.98)
    /// ```
    public init(learningRate: LearningRate = 0.001, beta1: Double = 0.9, beta2: Double = 0.99,
                weightDecay: Double? = nil, clipnorm: Double? = nil, clipvalue: Double? = nil,
                globalClipnorm: Double? = nil, useEMA: Bool = false, emaMomentum: Double = 0.99,
                emaOverwriteFrequency: Int? = nil, lossScaleFactor: Double? = nil,
                gradientAccumulationSteps: Int? = nil, name: String? = nil) throws {
        self.beta1 = beta1
        self.beta2 = beta2
        try super.init(learningRate: learningRate, weightDecay: weightDecay, clipnorm: clipnorm, clipvalue: clipvalue,
                       globalClipnorm: globalClipnorm, useEMA: useEMA, emaMomentum: emaMomentum,
                       emaOverwriteFrequency: emaOverwriteFrequency, lossScaleFactor: lossScaleFactor,
                       gradientAccumulationSteps: gradientAccumulationSteps, name: name)
        guard beta1 > 0 && beta1 <= 1 else {
            throw KerasError(.invalidArgument, "Lion needs beta1 in (0, 1] (at 0 it degenerates to sign SGD), but received beta1: \(beta1).")
        }
    }

    /// Creates a `momentum` slot per variable.
    override public func build(_ variables: [Variable]) throws {
        guard !isBuilt else { return }
        try super.build(variables)
        momentums = try addVariables(from: variables, names: ["momentum"])[0]
    }

    /// One Lion step for `variable`.
    override public func updateStep(gradient: Tensor, variable: Variable, learningRate: Double) throws {
        let b1 = Float(beta1), b2 = Float(beta2)
        let m = momentums[index(of: variable)]
        let direction = sign(m.value * Double(b1) + gradient * Double(1 - b1))
        variable.assign(variable.value - direction * learningRate)
        m.assign(m.value * Double(b2) + gradient * Double(1 - b2))
    }

    /// The base config, then `beta_1`, `beta_2`.
    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["beta_1"] = .double(beta1)
        config["beta_2"] = .double(beta2)
        return config
    }
}
