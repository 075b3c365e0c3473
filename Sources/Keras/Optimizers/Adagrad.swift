/// Adagrad: steps scaled by the root of the sum of all squared gradients so far (Keras's `Adagrad`).
///
/// `accumulator += g²`, `w -= lr * g / sqrt(accumulator + epsilon)`. Slots: `accumulator` per
/// variable, starting at `initialAccumulatorValue`.
///
/// ```swift
/// let optimizer = try Adagrad(learningRate: 0.01)
/// ```
public final class Adagrad: Optimizer, @unchecked Sendable {
    /// The accumulators' starting value.
    public let initialAccumulatorValue: Double
    /// Added inside the square root for numerical stability.
    public let epsilon: Double
    private var accumulators: [Variable] = []

    /// Makes the optimizer with Keras's defaults.
    ///
    /// - Parameters:
    ///   - learningRate: the step size (Keras's default 0.001) or a schedule.
    ///   - initialAccumulatorValue: the accumulators' starting value.
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
    /// let adagrad = try Adagrad(learningRate: 0.1, initialAccumulatorValue: 0.5)
    /// ```
    public init(learningRate: LearningRate = 0.001, initialAccumulatorValue: Double = 0.1, epsilon: Double = 1e-7,
                weightDecay: Double? = nil, clipnorm: Double? = nil, clipvalue: Double? = nil,
                globalClipnorm: Double? = nil, useEMA: Bool = false, emaMomentum: Double = 0.99,
                emaOverwriteFrequency: Int? = nil, lossScaleFactor: Double? = nil,
                gradientAccumulationSteps: Int? = nil, name: String? = nil) throws {
        self.initialAccumulatorValue = initialAccumulatorValue
        self.epsilon = epsilon
        try super.init(learningRate: learningRate, weightDecay: weightDecay, clipnorm: clipnorm, clipvalue: clipvalue,
                       globalClipnorm: globalClipnorm, useEMA: useEMA, emaMomentum: emaMomentum,
                       emaOverwriteFrequency: emaOverwriteFrequency, lossScaleFactor: lossScaleFactor,
                       gradientAccumulationSteps: gradientAccumulationSteps, name: name)
    }

    /// Creates an `accumulator` slot per variable.
    override public func build(_ variables: [Variable]) throws {
        guard !isBuilt else { return }
        try super.build(variables)
        accumulators = try addVariables(from: variables, names: ["accumulator"],
                                        initializers: [.constant(initialAccumulatorValue)])[0]
    }

    /// One Adagrad step for `variable`.
    override public func updateStep(gradient: Tensor, variable: Variable, learningRate: Double) throws {
        let accumulator = accumulators[index(of: variable)]
        accumulator.assign(accumulator.value + square(gradient))
        variable.assign(variable.value - gradient * learningRate / sqrt(accumulator.value + epsilon))
    }

    /// The base config, then `initial_accumulator_value`, `epsilon`.
    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["initial_accumulator_value"] = .double(initialAccumulatorValue)
        config["epsilon"] = .double(epsilon)
        return config
    }
}
