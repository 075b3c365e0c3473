/// Gradient descent with optional momentum and Nesterov momentum (Keras's `SGD`).
///
/// Without momentum: `w -= learningRate * g`. With momentum:
/// `velocity = momentum * velocity - learningRate * g`, then `w += velocity`, or with Nesterov
/// `w += momentum * velocity - learningRate * g`. Slots: `momentum` per variable when
/// `momentum != 0`.
///
/// ```swift
/// let optimizer = try SGD(learningRate: 0.01, momentum: 0.9, nesterov: true)
/// try optimizer.apply(grads, to: model.trainableVariables)
/// ```
public final class SGD: Optimizer, @unchecked Sendable {
    /// The velocity's decay, in `[0, 1]`.
    public let momentum: Double
    /// Whether Nesterov momentum is used.
    public let nesterov: Bool
    private var momentums: [Variable] = []

    /// Makes the optimizer with Keras's defaults.
    ///
    /// - Parameters:
    ///   - learningRate: the step size (Keras's default 0.01) or a schedule.
    ///   - momentum: the velocity's decay, in `[0, 1]`; 0 keeps no velocity.
    ///   - nesterov: use Nesterov momentum.
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
    /// let sgd = try SGD(learningRate: 0.1, momentum: 0.9)
    /// ```
    public init(learningRate: LearningRate = 0.01, momentum: Double = 0.0, nesterov: Bool = false,
                weightDecay: Double? = nil, clipnorm: Double? = nil, clipvalue: Double? = nil,
                globalClipnorm: Double? = nil, useEMA: Bool = false, emaMomentum: Double = 0.99,
                emaOverwriteFrequency: Int? = nil, lossScaleFactor: Double? = nil,
                gradientAccumulationSteps: Int? = nil, name: String? = nil) throws {
        self.momentum = momentum
        self.nesterov = nesterov
        try super.init(learningRate: learningRate, weightDecay: weightDecay, clipnorm: clipnorm, clipvalue: clipvalue,
                       globalClipnorm: globalClipnorm, useEMA: useEMA, emaMomentum: emaMomentum,
                       emaOverwriteFrequency: emaOverwriteFrequency, lossScaleFactor: lossScaleFactor,
                       gradientAccumulationSteps: gradientAccumulationSteps, name: name)
        guard momentum >= 0 && momentum <= 1 else {
            throw KerasError(.invalidArgument, "SGD needs momentum in [0, 1], but received momentum: \(momentum).")
        }
    }

    /// Creates a `momentum` slot per variable when momentum is used.
    override public func build(_ variables: [Variable]) throws {
        guard !isBuilt else { return }
        try super.build(variables)
        if momentum != 0 { momentums = try addVariables(from: variables, names: ["momentum"])[0] }
    }

    /// One SGD step for `variable`.
    override public func updateStep(gradient: Tensor, variable: Variable, learningRate: Double) throws {
        guard momentum != 0 else {
            variable.assign(variable.value - gradient * learningRate)
            return
        }
        let m = momentums[index(of: variable)]
        m.assign(m.value * momentum - gradient * learningRate)
        if nesterov {
            variable.assign(variable.value + (m.value * momentum - gradient * learningRate))
        } else {
            variable.assign(variable.value + m.value)
        }
    }

    /// The base config, then `momentum` and `nesterov`.
    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["momentum"] = .double(momentum)
        config["nesterov"] = .bool(nesterov)
        return config
    }
}
