/// Adadelta: steps sized by the ratio of moving RMS of past updates to that of gradients
/// (Keras's `Adadelta`).
///
/// `E[g²] = rho * E[g²] + (1 - rho) * g²`,
/// `Δ = -sqrt(E[Δ²] + epsilon) / sqrt(E[g²] + epsilon) * g`,
/// `E[Δ²] = rho * E[Δ²] + (1 - rho) * Δ²`, `w += lr * Δ`. Slots: `accumulated_grad` and
/// `accumulated_delta_var`, interleaved per variable. Keras's default learning rate is 0.001;
/// the original paper's method is `learningRate: 1`.
///
/// ```swift
/// let optimizer = try Adadelta(learningRate: 1.0)
/// ```
public final class Adadelta: Optimizer, @unchecked Sendable {
    /// The moving averages' decay.
    public let rho: Double
    /// Added inside the square roots for numerical stability.
    public let epsilon: Double
    private var accumulatedGrads: [Variable] = []
    private var accumulatedDeltas: [Variable] = []

    /// Makes the optimizer with Keras's defaults.
    ///
    /// - Parameters:
    ///   - learningRate: the factor on each update (Keras's default 0.001) or a schedule.
    ///   - rho: the moving averages' decay.
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
    /// let adadelta = try Adadelta(learningRate: 1, rho: 0.9)
    /// ```
    public init(learningRate: LearningRate = 0.001, rho: Double = 0.95, epsilon: Double = 1e-7,
                weightDecay: Double? = nil, clipnorm: Double? = nil, clipvalue: Double? = nil,
                globalClipnorm: Double? = nil, useEMA: Bool = false, emaMomentum: Double = 0.99,
                emaOverwriteFrequency: Int? = nil, lossScaleFactor: Double? = nil,
                gradientAccumulationSteps: Int? = nil, name: String? = nil) throws {
        self.rho = rho
        self.epsilon = epsilon
        try super.init(learningRate: learningRate, weightDecay: weightDecay, clipnorm: clipnorm, clipvalue: clipvalue,
                       globalClipnorm: globalClipnorm, useEMA: useEMA, emaMomentum: emaMomentum,
                       emaOverwriteFrequency: emaOverwriteFrequency, lossScaleFactor: lossScaleFactor,
                       gradientAccumulationSteps: gradientAccumulationSteps, name: name)
    }

    /// Creates `accumulated_grad` and `accumulated_delta_var` slots.
    override public func build(_ variables: [Variable]) throws {
        guard !isBuilt else { return }
        try super.build(variables)
        let slots = try addVariables(from: variables, names: ["accumulated_grad", "accumulated_delta_var"])
        (accumulatedGrads, accumulatedDeltas) = (slots[0], slots[1])
    }

    /// One Adadelta step for `variable`.
    override public func updateStep(gradient: Tensor, variable: Variable, learningRate: Double) throws {
        let i = index(of: variable)
        let grads = accumulatedGrads[i], deltas = accumulatedDeltas[i]
        grads.assign(grads.value * rho + square(gradient) * (1 - rho))
        let delta = -(sqrt(deltas.value + epsilon) * gradient / sqrt(grads.value + epsilon))
        deltas.assign(deltas.value * rho + square(delta) * (1 - rho))
        variable.assign(variable.value + delta * learningRate)
    }

    /// The base config, then `rho`, `epsilon`.
    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["rho"] = .double(rho)
        config["epsilon"] = .double(epsilon)
        return config
    }
}
