/// FTRL-Proximal ("Follow The Regularized Leader"), for shallow models with large sparse
/// features (Keras's `Ftrl`).
///
/// With `p = -learningRatePower` and `n` the accumulated squared gradients:
/// `linear += g + 2 * l2Shrinkage * w - (n_new^p - n^p) / lr * w`, then
/// `w = (clip(linear, -l1, l1) - linear) / (n_new^p / lr + 2 * (l2 + beta / (2 * lr)))`.
/// Slots: `accumulator` (starting at `initialAccumulatorValue`) and `linear`, interleaved per
/// variable.
///
/// ```swift
/// let optimizer = try Ftrl(learningRate: 0.1, l1RegularizationStrength: 0.01)
/// ```
public final class Ftrl: Optimizer, @unchecked Sendable {
    /// The power of the accumulator in the per-coordinate rate (<= 0).
    public let learningRatePower: Double
    /// The accumulators' starting value (>= 0).
    public let initialAccumulatorValue: Double
    /// The L1 penalty (>= 0).
    public let l1RegularizationStrength: Double
    /// The L2 penalty (>= 0).
    public let l2RegularizationStrength: Double
    /// The L2 shrinkage penalty on the gradient (>= 0).
    public let l2ShrinkageRegularizationStrength: Double
    /// The β of the FTRL paper, added to the L2 penalty as `beta / (2 * lr)`.
    public let beta: Double
    private var accumulators: [Variable] = []
    private var linears: [Variable] = []

    /// Makes the optimizer with Keras's defaults.
    ///
    /// - Parameters:
    ///   - learningRate: the step size (Keras's default 0.001) or a schedule.
    ///   - learningRatePower: the accumulator's power, <= 0 (-0.5 is Adagrad-like).
    ///   - initialAccumulatorValue: the accumulators' start, >= 0.
    ///   - l1RegularizationStrength: the L1 penalty, >= 0.
    ///   - l2RegularizationStrength: the L2 penalty, >= 0.
    ///   - l2ShrinkageRegularizationStrength: the L2 shrinkage penalty, >= 0.
    ///   - beta: the paper's β.
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
    /// let ftrl = try Ftrl(learningRatePower: -0.3, l2RegularizationStrength: 0.02, beta: 0.5)
    /// ```
    public init(learningRate: LearningRate = 0.001, learningRatePower: Double = -0.5,
                initialAccumulatorValue: Double = 0.1, l1RegularizationStrength: Double = 0.0,
                l2RegularizationStrength: Double = 0.0, l2ShrinkageRegularizationStrength: Double = 0.0,
                beta: Double = 0.0,
                weightDecay: Double? = nil, clipnorm: Double? = nil, clipvalue: Double? = nil,
                globalClipnorm: Double? = nil, useEMA: Bool = false, emaMomentum: Double = 0.99,
                emaOverwriteFrequency: Int? = nil, lossScaleFactor: Double? = nil,
                gradientAccumulationSteps: Int? = nil, name: String? = nil) throws {
        self.learningRatePower = learningRatePower
        self.initialAccumulatorValue = initialAccumulatorValue
        self.l1RegularizationStrength = l1RegularizationStrength
        self.l2RegularizationStrength = l2RegularizationStrength
        self.l2ShrinkageRegularizationStrength = l2ShrinkageRegularizationStrength
        self.beta = beta
        try super.init(learningRate: learningRate, weightDecay: weightDecay, clipnorm: clipnorm, clipvalue: clipvalue,
                       globalClipnorm: globalClipnorm, useEMA: useEMA, emaMomentum: emaMomentum,
                       emaOverwriteFrequency: emaOverwriteFrequency, lossScaleFactor: lossScaleFactor,
                       gradientAccumulationSteps: gradientAccumulationSteps, name: name)
        let nonNegative = [("initialAccumulatorValue", initialAccumulatorValue),
                           ("l1RegularizationStrength", l1RegularizationStrength),
                           ("l2RegularizationStrength", l2RegularizationStrength),
                           ("l2ShrinkageRegularizationStrength", l2ShrinkageRegularizationStrength)]
        if initialAccumulatorValue < 0 {
            throw KerasError(.invalidArgument, "Ftrl needs initialAccumulatorValue >= 0, but received initialAccumulatorValue: \(initialAccumulatorValue).")
        }
        if learningRatePower > 0 {
            throw KerasError(.invalidArgument, "Ftrl needs learningRatePower <= 0, but received learningRatePower: \(learningRatePower).")
        }
        for (label, value) in nonNegative.dropFirst() where value < 0 {
            throw KerasError(.invalidArgument, "Ftrl needs \(label) >= 0, but received \(label): \(value).")
        }
    }

    /// Creates `accumulator` and `linear` slots.
    override public func build(_ variables: [Variable]) throws {
        guard !isBuilt else { return }
        try super.build(variables)
        let slots = try addVariables(from: variables, names: ["accumulator", "linear"],
                                     initializers: [.constant(initialAccumulatorValue), .zeros])
        (accumulators, linears) = (slots[0], slots[1])
    }

    /// One FTRL step for `variable`.
    override public func updateStep(gradient: Tensor, variable: Variable, learningRate: Double) throws {
        let i = index(of: variable)
        let lr = Float(learningRate)
        let l2 = Float(l2RegularizationStrength) + Float(beta) / (2 * lr)
        let accumulator = accumulators[i], linear = linears[i]
        let w = variable.value
        let adjusted = gradient + w * (2 * l2ShrinkageRegularizationStrength)
        let old = accumulator.value
        let new = old + square(gradient)
        let exponent = -learningRatePower
        linear.assign(linear.value + (adjusted - (power(new, exponent) - power(old, exponent)) / Double(lr) * w))
        let quadratic = power(new, exponent) / Double(lr) + Double(2 * l2)
        let l1 = l1RegularizationStrength
        let clipped = clip(linear.value, min: -l1, max: l1)
        variable.assign((clipped - linear.value) / quadratic)
        accumulator.assign(new)
    }

    /// The base config, then `learning_rate_power`, `initial_accumulator_value`,
    /// `l1_regularization_strength`, `l2_regularization_strength`,
    /// `l2_shrinkage_regularization_strength`, `beta`.
    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["learning_rate_power"] = .double(learningRatePower)
        config["initial_accumulator_value"] = .double(initialAccumulatorValue)
        config["l1_regularization_strength"] = .double(l1RegularizationStrength)
        config["l2_regularization_strength"] = .double(l2RegularizationStrength)
        config["l2_shrinkage_regularization_strength"] = .double(l2ShrinkageRegularizationStrength)
        config["beta"] = .double(beta)
        return config
    }
}
