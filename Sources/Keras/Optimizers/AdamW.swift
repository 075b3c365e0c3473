/// Adam with decoupled weight decay (Keras's `AdamW`): ``Adam`` whose ``Optimizer/weightDecay``
/// is required and defaults to 0.004.
///
/// Before each update, `w -= w * weightDecay * learningRate`; then the Adam step. Exclude
/// biases and normalization scales with ``Optimizer/excludeFromWeightDecay(variables:names:)``.
///
/// ```swift
/// let optimizer = try AdamW(learningRate: 1e-3, weightDecay: 0.01)
/// optimizer.excludeFromWeightDecay(names: ["bias"])
/// ```
public final class AdamW: Adam, @unchecked Sendable {
    /// Makes the optimizer with Keras's defaults.
    ///
    /// - Parameters:
    ///   - learningRate: the step size (Keras's default 0.001) or a schedule.
    ///   - weightDecay: the decay rate (Keras's default 0.004).
    ///   - beta1: the first moment's decay.
    ///   - beta2: the second moment's decay.
    ///   - epsilon: the stability constant added to `sqrt(v)`.
    ///   - amsgrad: use the AMSGrad variant.
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
    /// let adamw = try AdamW(weightDecay: 0.05)
    /// ```
    public init(learningRate: LearningRate = 0.001, weightDecay: Double = 0.004, beta1: Double = 0.9,
                beta2: Double = 0.999, epsilon: Double = 1e-7, amsgrad: Bool = false,
                clipnorm: Double? = nil, clipvalue: Double? = nil,
                globalClipnorm: Double? = nil, useEMA: Bool = false, emaMomentum: Double = 0.99,
                emaOverwriteFrequency: Int? = nil, lossScaleFactor: Double? = nil,
                gradientAccumulationSteps: Int? = nil, name: String? = nil) throws {
        try super.init(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon, amsgrad: amsgrad,
                       weightDecay: weightDecay, clipnorm: clipnorm, clipvalue: clipvalue,
                       globalClipnorm: globalClipnorm, useEMA: useEMA, emaMomentum: emaMomentum,
                       emaOverwriteFrequency: emaOverwriteFrequency, lossScaleFactor: lossScaleFactor,
                       gradientAccumulationSteps: gradientAccumulationSteps, name: name)
    }
}
