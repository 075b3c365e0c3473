/// Normalizes each feature with batch statistics in training and moving averages of them in
/// inference (Keras's `BatchNormalization`).
///
/// Weights, in Keras's order: `gamma` (when `scale`), `beta` (when `center`), then the
/// non-trainable `moving_mean` and `moving_variance`, each of shape `[features]`. In training the
/// moving statistics follow `moving = moving * momentum + batch * (1 - momentum)`. A frozen layer
/// (`trainable = false`) always runs in inference mode, as in Keras.
public final class BatchNormalization: Layer {
    /// The feature axis.
    public let axis: Int
    /// The weight of the old value in the moving averages.
    public let momentum: Double
    /// Added to the variance before the square root.
    public let epsilon: Double
    /// Whether `beta` is added.
    public let center: Bool
    /// Whether `gamma` multiplies.
    public let scale: Bool
    private let initializers: (beta: Initializer, gamma: Initializer, mean: Initializer, variance: Initializer)

    /// `gamma` (after build, when `scale`).
    public private(set) var gamma: Variable?
    /// `beta` (after build, when `center`).
    public private(set) var beta: Variable?
    /// The moving mean (after build).
    public private(set) var movingMean: Variable?
    /// The moving variance (after build).
    public private(set) var movingVariance: Variable?

    /// Makes a batch normalization layer.
    ///
    /// - Throws: ``KerasError`` when `momentum` is outside [0, 1] or `epsilon` is not positive.
    public init(axis: Int = -1, momentum: Double = 0.99, epsilon: Double = 1e-3, center: Bool = true,
                scale: Bool = true, betaInitializer: Initializer = .zeros, gammaInitializer: Initializer = .ones,
                movingMeanInitializer: Initializer = .zeros, movingVarianceInitializer: Initializer = .ones,
                name: String? = nil, dtype: DType = .float32, trainable: Bool = true) throws {
        guard momentum >= 0 && momentum <= 1 else {
            throw KerasError(.invalidArgument, "BatchNormalization expects momentum in [0, 1], received momentum=\(momentum).")
        }
        guard epsilon > 0 else {
            throw KerasError(.invalidArgument, "BatchNormalization expects a positive epsilon, received epsilon=\(epsilon).")
        }
        self.axis = axis
        self.momentum = momentum
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        initializers = (betaInitializer, gammaInitializer, movingMeanInitializer, movingVarianceInitializer)
        super.init(name: name, dtype: dtype, trainable: trainable)
        supportsMasking = true
    }

    override public func build(inputShape: TensorShape) throws {
        guard let a = Shape.normalizedAxis(axis, rank: inputShape.count), let features = inputShape[a] else {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (BatchNormalization) normalizes axis \(axis), which must be a known axis of the input, but received shape \(inputShape.kerasDescription).")
        }
        if scale { gamma = try addWeight(name: "gamma", shape: [features], initializer: initializers.gamma) }
        if center { beta = try addWeight(name: "beta", shape: [features], initializer: initializers.beta) }
        movingMean = try addWeight(name: "moving_mean", shape: [features], initializer: initializers.mean, trainable: false)
        movingVariance = try addWeight(name: "moving_variance", shape: [features], initializer: initializers.variance, trainable: false)
        inputSpec = [InputSpec(rank: inputShape.count, axes: [a: features])]
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        let a = Shape.normalizedAxis(axis, rank: input.rank)!
        let reduced = (0..<input.rank).filter { $0 != a }
        var broadcastShape = [Int](repeating: 1, count: input.rank)
        broadcastShape[a] = input.shape[a]
        let mean: Tensor, variance: Tensor
        if training && trainable {
            if mask != nil {
                throw KerasError(.unsupported, "Layer \"\(name)\" (BatchNormalization): masked inputs in training are not supported yet.")
            }
            let x = cast(input, to: dtype.computeType)
            mean = x.mean(axes: reduced)
            variance = x.variance(axes: reduced)
            let keep = momentum
            movingMean!.assign(movingMean!.value * keep + stopGradient(mean) * (1 - keep))
            movingVariance!.assign(movingVariance!.value * keep + stopGradient(variance) * (1 - keep))
        } else {
            mean = movingMean!.value
            variance = movingVariance!.value
        }
        var y = (input - mean.reshaped(to: broadcastShape)) * rsqrt(variance + epsilon).reshaped(to: broadcastShape)
        if let gamma { y = y * gamma.value.reshaped(to: broadcastShape) }
        if let beta { y = y + beta.value.reshaped(to: broadcastShape) }
        return y
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape { inputShape }
}
