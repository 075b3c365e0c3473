/// Normalizes each feature with batch statistics in training and moving averages of them in
/// inference (Keras's `BatchNormalization`).
///
/// Weights, in Keras's order: `gamma` (when `scale`), `beta` (when `center`), then the
/// non-trainable `moving_mean` and `moving_variance`, each of shape `[features]`. In training the
/// moving statistics follow `moving = moving * momentum + batch * (1 - momentum)`, with the
/// population variance of the batch. A frozen layer (`trainable = false`) always runs in inference
/// mode, as in Keras.
///
/// A mask (one axis fewer than the input, such as `[batch, time]` for `[batch, time, features]`)
/// leaves the masked positions out of the batch statistics in training, as Keras does.
///
/// Calls run as one fused op with its own backward (``batchNormalization(_:_:)``) when the
/// computation is float32 or float64 and, in training, there is no mask and no `renorm`; other
/// calls run the composite of reductions and broadcasts, with the same values and gradients
/// (``allowsFusedKernel`` set to `false` forces it).
///
/// ```swift
/// let bn = try BatchNormalization(momentum: 0.9)
/// let y = try bn(Tensor.ones([8, 4]), training: true)   // updates moving_mean / moving_variance
/// ```
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
    /// Keras's `synchronized` (cross-device statistics in distributed training). Accepted and
    /// ignored: on one device the local batch statistics are the global ones.
    public let synchronized: Bool
    /// A penalty on `beta`.
    public let betaRegularizer: Regularizer?
    /// A penalty on `gamma`.
    public let gammaRegularizer: Regularizer?
    /// A projection of `beta` after each update.
    public let betaConstraint: Constraint?
    /// A projection of `gamma` after each update.
    public let gammaConstraint: Constraint?
    /// Whether training uses Batch Renormalization (Ioffe 2017): batch statistics corrected
    /// towards moving ones by `r` and `d`; inference is unchanged.
    public let renorm: Bool
    /// The limits on the renormalization corrections (`nil`: none).
    public let renormClipping: RenormClipping?
    /// The momentum of the renormalization statistics used in training.
    public let renormMomentum: Double
    let initializers: (beta: Initializer, gamma: Initializer, mean: Initializer, variance: Initializer)

    /// `gamma` (after build, when `scale`).
    public private(set) var gamma: Variable?
    /// `beta` (after build, when `center`).
    public private(set) var beta: Variable?
    /// The moving mean (after build).
    public private(set) var movingMean: Variable?
    /// The moving variance (after build).
    public private(set) var movingVariance: Variable?
    /// The moving standard deviation (after build, with `renorm`).
    public internal(set) var movingStddev: Variable?
    /// The renormalization mean used in training (after build, with `renorm`).
    public internal(set) var renormMean: Variable?
    /// The renormalization standard deviation used in training (after build, with `renorm`).
    public internal(set) var renormStddev: Variable?
    /// Whether a call the fused kernel covers may use it (see ``batchNormalization(_:_:)``):
    /// float32 or float64 computation, and in training no mask and no `renorm`. `false` runs the
    /// composite of reductions and broadcasts, which gives the same values and gradients.
    public var allowsFusedKernel = true
    /// Whether the last call ran the fused kernel (diagnostics for tests and benchmarks).
    var lastCallWasFused = false

    /// Makes a batch normalization layer.
    ///
    /// - Parameters:
    ///   - axis: the feature axis (`1` after a channels-first convolution).
    ///   - momentum: the weight of the old value in the moving averages.
    ///   - epsilon: added to the variance before the square root.
    ///   - center: whether to add the learned offset `beta`.
    ///   - scale: whether to multiply by the learned `gamma`.
    ///   - betaInitializer: how `beta` starts (zeros by default).
    ///   - gammaInitializer: how `gamma` starts (ones by default).
    ///   - movingMeanInitializer: how the moving mean starts (zeros by default).
    ///   - movingVarianceInitializer: how the moving variance starts (ones by default).
    ///   - betaRegularizer: a penalty on `beta`, added to ``Layer/losses``.
    ///   - gammaRegularizer: a penalty on `gamma`.
    ///   - betaConstraint: a projection of `beta` after each update.
    ///   - gammaConstraint: a projection of `gamma` after each update.
    ///   - renorm: whether to use Batch Renormalization in training (see ``renorm``).
    ///   - renormClipping: limits on the corrections `r` (`rmin`, `rmax`) and `d` (`dmax`).
    ///   - renormMomentum: the momentum of the renormalization statistics.
    ///   - synchronized: accepted for Keras compatibility and ignored (see ``synchronized``).
    ///   - name: the layer's name; the class's snake-case name, numbered, by default.
    ///   - dtype: the dtype of the weights and computation.
    ///   - trainable: whether the weights are updated by training.
    /// - Throws: ``KerasError`` when `momentum` is outside [0, 1], `epsilon` is not positive, or
    ///   `renormClipping` has `rmax < rmin` or a negative `dmax`.
    public init(axis: Int = -1, momentum: Double = 0.99, epsilon: Double = 1e-3, center: Bool = true,
                scale: Bool = true, betaInitializer: Initializer = .zeros, gammaInitializer: Initializer = .ones,
                movingMeanInitializer: Initializer = .zeros, movingVarianceInitializer: Initializer = .ones,
                betaRegularizer: Regularizer? = nil, gammaRegularizer: Regularizer? = nil,
                betaConstraint: Constraint? = nil, gammaConstraint: Constraint? = nil,
                renorm: Bool = false, renormClipping: RenormClipping? = nil, renormMomentum: Double = 0.99,
                synchronized: Bool = false,
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
        self.synchronized = synchronized
        if renorm, let clipping = renormClipping { try clipping.validate() }
        self.renorm = renorm
        self.renormClipping = renormClipping
        self.renormMomentum = renormMomentum
        self.betaRegularizer = betaRegularizer
        self.gammaRegularizer = gammaRegularizer
        self.betaConstraint = betaConstraint
        self.gammaConstraint = gammaConstraint
        initializers = (betaInitializer, gammaInitializer, movingMeanInitializer, movingVarianceInitializer)
        super.init(name: name, dtype: dtype, trainable: trainable)
        supportsMasking = true
    }

    override public func build(inputShape: TensorShape) throws {
        guard let a = Shape.normalizedAxis(axis, rank: inputShape.count), let features = inputShape[a] else {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (BatchNormalization) normalizes axis \(axis), which must be a known axis of the input, but received shape \(inputShape.kerasDescription).")
        }
        if scale {
            gamma = try addWeight(name: "gamma", shape: [features], initializer: initializers.gamma,
                                  regularizer: gammaRegularizer, constraint: gammaConstraint)
        }
        if center {
            beta = try addWeight(name: "beta", shape: [features], initializer: initializers.beta,
                                 regularizer: betaRegularizer, constraint: betaConstraint)
        }
        movingMean = try addWeight(name: "moving_mean", shape: [features], initializer: initializers.mean, trainable: false)
        movingVariance = try addWeight(name: "moving_variance", shape: [features], initializer: initializers.variance, trainable: false)
        if renorm { try buildRenorm(features: features) }
        inputSpec = [InputSpec(rank: inputShape.count, axes: [a: features])]
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        guard let a = Shape.normalizedAxis(axis, rank: input.rank), let movingMean, let movingVariance else { throw notBuilt(self) }
        if let mask, mask.rank != input.rank - 1 {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (BatchNormalization): the mask provided should be one dimension less than the inputs. Received: mask.shape=\(mask.shape.asTensorShape.kerasDescription), inputs.shape=\(input.shape.asTensorShape.kerasDescription).")
        }
        let x = cast(input, to: input.dtype.floatingResult.computeType)
        let useBatchStatistics = training && trainable
        var scaleBy = gamma.map { cast($0.value, to: x.dtype) }, offsetBy = beta.map { cast($0.value, to: x.dtype) }
        if let fused = fusedCall(x, axis: a, gamma: scaleBy, beta: offsetBy, batchStatistics: useBatchStatistics, mask: mask) {
            return cast(fused, to: dtype)
        }
        lastCallWasFused = false
        var broadcastShape = [Int](repeating: 1, count: input.rank)
        broadcastShape[a] = input.shape[a]
        let mean: Tensor, variance: Tensor
        if useBatchStatistics {
            (mean, variance) = moments(x, axis: a, mask: mask)
            if renorm {
                (scaleBy, offsetBy) = renormalized(mean: mean, variance: variance, gamma: scaleBy, beta: offsetBy)
            } else {
                updateMovingStatistics(mean: mean, variance: variance)
            }
        } else {
            mean = movingMean.value
            variance = movingVariance.value
        }
        // Keras's batch_normalization: x * inv + (beta - mean * inv), inv = gamma / sqrt(var + eps).
        var inv = rsqrt(cast(variance, to: x.dtype) + epsilon).reshaped(to: broadcastShape)
        if let scaleBy { inv = inv * scaleBy.reshaped(to: broadcastShape) }
        var shift = -cast(mean, to: x.dtype).reshaped(to: broadcastShape) * inv
        if let offsetBy { shift = shift + offsetBy.reshaped(to: broadcastShape) }
        return cast(x * inv + shift, to: dtype)
    }

    /// The moving averages after a training step: `moving = moving * momentum + batch * (1 - momentum)`.
    func updateMovingStatistics(mean: Tensor, variance: Tensor) {
        guard let movingMean, let movingVariance else { return }
        let keep = momentum
        movingMean.assign(cast(movingMean.value * keep + stopGradient(mean) * (1 - keep), to: movingMean.value.dtype))
        movingVariance.assign(cast(movingVariance.value * keep + stopGradient(variance) * (1 - keep), to: movingVariance.value.dtype))
    }

    /// The batch mean and population variance per feature; with a mask (one axis fewer than `x`,
    /// broadcast over the last axis), only unmasked positions count, as in Keras's `_moments`.
    private func moments(_ x: Tensor, axis a: Int, mask: Tensor?) -> (mean: Tensor, variance: Tensor) {
        let reduced = (0..<x.rank).filter { $0 != a }
        guard let mask else { return (x.mean(axes: reduced), x.variance(axes: reduced)) }
        let keep = cast(mask, to: .bool).expandingDimensions(axis: -1).broadcasted(to: x.shape)
        let zero = Tensor.zeros([], dtype: x.dtype)
        let count = cast(keep, to: x.dtype).sum(axes: reduced, keepingDimensions: true) + 1e-7
        let mean = select(keep, x, zero).sum(axes: reduced, keepingDimensions: true) / count
        let variance = square(select(keep, x - mean, zero)).sum(axes: reduced, keepingDimensions: true) / count
        let features = [x.shape[a]]
        return (mean.reshaped(to: features), variance.reshaped(to: features))
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape { inputShape }

    /// Keras's `call(inputs, training=None, mask=None)` takes a mask.
    override public class var kerasCallTakesMask: Bool { true }

    /// `renorm_clipping` exactly as a Keras config gave it (its numbers keep their kinds), written
    /// back unchanged.
    var kerasRenormClipping: JSONObject?

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["axis"] = .int(axis)
        config["momentum"] = .double(momentum)
        config["epsilon"] = .double(epsilon)
        config["center"] = .bool(center)
        config["scale"] = .bool(scale)
        config["beta_initializer"] = initializers.beta.kerasConfig
        config["gamma_initializer"] = initializers.gamma.kerasConfig
        config["moving_mean_initializer"] = initializers.mean.kerasConfig
        config["moving_variance_initializer"] = initializers.variance.kerasConfig
        config["beta_regularizer"] = betaRegularizer?.kerasConfig ?? .null
        config["gamma_regularizer"] = gammaRegularizer?.kerasConfig ?? .null
        config["beta_constraint"] = betaConstraint?.kerasConfig ?? .null
        config["gamma_constraint"] = gammaConstraint?.kerasConfig ?? .null
        config["synchronized"] = .bool(synchronized)
        config["renorm"] = .bool(renorm)
        config["renorm_clipping"] = renormClippingValue
        config["renorm_momentum"] = .double(renormMomentum)
        return config
    }

    /// Keras stores `renorm_clipping` as given, and `{}` for none when `renorm` is on.
    private var renormClippingValue: JSONValue {
        if let kerasRenormClipping { return .object(kerasRenormClipping) }
        guard let c = renormClipping else { return renorm ? .object([:]) : .null }
        var object = JSONObject()
        for (key, value) in [("rmax", c.rmax), ("rmin", c.rmin), ("dmax", c.dmax)] {
            if let value { object[key] = .double(value) }
        }
        return .object(object)
    }
}

extension BatchNormalization: KerasSerializable {
    /// BatchNormalization's config keys (Keras 3.15).
    public static let kerasConfigKeys = [
        "axis", "momentum", "epsilon", "center", "scale", "beta_initializer", "gamma_initializer",
        "moving_mean_initializer", "moving_variance_initializer", "beta_regularizer", "gamma_regularizer",
        "beta_constraint", "gamma_constraint", "renorm", "renorm_clipping", "renorm_momentum", "synchronized"]

    /// Rebuilds a BatchNormalization layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for a malformed value or a `renorm_clipping` key
    ///   other than `rmax`, `rmin` and `dmax`, and the initializer's errors for invalid values.
    public convenience init(config: LayerConfig) throws {
        let clipping = try Self.renormClipping(config)
        try self.init(axis: config.int("axis", default: -1), momentum: config.double("momentum", default: 0.99),
                      epsilon: config.double("epsilon", default: 1e-3), center: config.bool("center", default: true),
                      scale: config.bool("scale", default: true),
                      betaInitializer: config.initializer("beta_initializer", default: .zeros),
                      gammaInitializer: config.initializer("gamma_initializer", default: .ones),
                      movingMeanInitializer: config.initializer("moving_mean_initializer", default: .zeros),
                      movingVarianceInitializer: config.initializer("moving_variance_initializer", default: .ones),
                      betaRegularizer: config.regularizer("beta_regularizer"),
                      gammaRegularizer: config.regularizer("gamma_regularizer"),
                      betaConstraint: config.constraint("beta_constraint"),
                      gammaConstraint: config.constraint("gamma_constraint"),
                      renorm: config.bool("renorm", default: false), renormClipping: clipping?.value,
                      renormMomentum: config.double("renorm_momentum", default: 0.99),
                      synchronized: config.bool("synchronized", default: false),
                      name: config.name, dtype: config.dtype, trainable: config.trainable)
        kerasRenormClipping = clipping?.raw
    }

    /// `renorm_clipping` read as Keras checks it: a dict of numbers under `rmax`, `rmin`, `dmax`.
    private static func renormClipping(_ config: LayerConfig) throws -> (value: RenormClipping, raw: JSONObject)? {
        guard let value = config["renorm_clipping"], !value.isNull else { return nil }
        let label = "BatchNormalization \"\(config.name ?? "?")\""
        guard let object = value.objectValue else {
            throw KerasError(.invalidConfig, "\(label) needs a dict for \"renorm_clipping\", but received \(value.serialized()).")
        }
        var clipping = RenormClipping()
        for (key, entry) in object.pairs {
            let number: Double?
            switch entry {
            case .null: number = nil
            default:
                guard let d = entry.doubleValue else {
                    throw KerasError(.invalidConfig, "\(label) needs a number for \"\(key)\" in \"renorm_clipping\", but received \(entry.serialized()).")
                }
                number = d
            }
            switch key {
            case "rmax": clipping.rmax = number
            case "rmin": clipping.rmin = number
            case "dmax": clipping.dmax = number
            default:
                throw KerasError(.invalidConfig, "\(label) received invalid keys for `renorm_clipping` argument: \(value.serialized()). Supported values: rmax, rmin, dmax.")
            }
        }
        return (clipping, object)
    }
}
