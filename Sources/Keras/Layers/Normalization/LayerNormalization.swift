/// Normalizes each example over its feature axes to mean 0 and variance 1, then scales by `gamma`
/// and shifts by `beta` (Keras's `LayerNormalization`).
///
/// `y = (x - mean) / sqrt(variance + epsilon) * gamma + beta`, with the statistics taken over
/// ``axes`` of each example separately, so training and inference behave the same.
///
/// Weights, in Keras's order: `gamma` (when `scale` or `rmsScaling`), then `beta` (when `center`
/// and not `rmsScaling`), each shaped as the normalized axes in ascending order of the axis
/// numbers given (Keras sorts them): `[features]` for the usual last axis.
///
/// ```swift
/// let norm = try LayerNormalization()                      // over the last axis
/// let y = try norm(Tensor.ones([2, 5, 8]))                  // gamma [8], beta [8]
/// let image = try LayerNormalization(axes: [1, 2, 3])       // over height, width, channels
/// ```
public final class LayerNormalization: Layer {
    /// The axes normalized together, sorted as Keras sorts them.
    public let axes: [Int]
    /// Added to the variance before the square root.
    public let epsilon: Double
    /// Whether `beta` is added.
    public let center: Bool
    /// Whether `gamma` multiplies.
    public let scale: Bool
    /// Keras's deprecated `rms_scaling`: divide by `sqrt(variance + epsilon)` without subtracting
    /// the mean, scale by `gamma`, and add no `beta`. Prefer ``RMSNormalization``.
    public let rmsScaling: Bool
    /// How `beta` starts.
    public let betaInitializer: Initializer
    /// How `gamma` starts.
    public let gammaInitializer: Initializer
    /// A penalty on `beta`.
    public let betaRegularizer: Regularizer?
    /// A penalty on `gamma`.
    public let gammaRegularizer: Regularizer?
    /// A projection of `beta` after each update.
    public let betaConstraint: Constraint?
    /// A projection of `gamma` after each update.
    public let gammaConstraint: Constraint?

    /// `gamma` (after build, when `scale` or `rmsScaling`).
    public private(set) var gamma: Variable?
    /// `beta` (after build, when `center` and not `rmsScaling`).
    public private(set) var beta: Variable?

    /// Makes a layer normalizing over several axes at once.
    ///
    /// ```swift
    /// let norm = try LayerNormalization(axes: [-2, -1], epsilon: 1e-6)
    /// ```
    ///
    /// - Parameters:
    ///   - axes: the axes to normalize over (negative ones count from the end).
    ///   - epsilon: added to the variance; Keras's default is `1e-3`.
    ///   - center: whether to add the learned offset `beta`.
    ///   - scale: whether to multiply by the learned `gamma`.
    ///   - rmsScaling: Keras's deprecated `rms_scaling` (see ``rmsScaling``).
    ///   - betaInitializer: how `beta` starts (zeros by default).
    ///   - gammaInitializer: how `gamma` starts (ones by default).
    ///   - betaRegularizer: a penalty on `beta`, added to ``Layer/losses``.
    ///   - gammaRegularizer: a penalty on `gamma`.
    ///   - betaConstraint: a projection of `beta` after each update.
    ///   - gammaConstraint: a projection of `gamma` after each update.
    ///   - name: the layer's name; the class's snake-case name, numbered, by default.
    ///   - dtype: the dtype of the weights and computation.
    ///   - trainable: whether the weights are updated by training.
    /// - Throws: ``KerasError`` when `axes` is empty or repeats an axis, or `epsilon` is negative.
    public init(axes: [Int], epsilon: Double = 1e-3, center: Bool = true, scale: Bool = true,
                rmsScaling: Bool = false, betaInitializer: Initializer = .zeros,
                gammaInitializer: Initializer = .ones, betaRegularizer: Regularizer? = nil,
                gammaRegularizer: Regularizer? = nil, betaConstraint: Constraint? = nil,
                gammaConstraint: Constraint? = nil, name: String? = nil, dtype: DType = .float32,
                trainable: Bool = true) throws {
        try checkAxisList(axes, layer: "LayerNormalization")
        guard epsilon >= 0 else {
            throw KerasError(.invalidArgument, "LayerNormalization expects a non-negative epsilon, but received epsilon=\(epsilon).")
        }
        self.axes = axes.sorted()
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.rmsScaling = rmsScaling
        self.betaInitializer = betaInitializer
        self.gammaInitializer = gammaInitializer
        self.betaRegularizer = betaRegularizer
        self.gammaRegularizer = gammaRegularizer
        self.betaConstraint = betaConstraint
        self.gammaConstraint = gammaConstraint
        super.init(name: name, dtype: dtype, trainable: trainable)
        supportsMasking = true
        kerasAxis = LayerConfig.intsValue(axes)
    }

    /// Makes a layer normalizing over one axis (the last by default).
    ///
    /// ```swift
    /// let norm = try LayerNormalization(axis: -1, epsilon: 1e-6)
    /// ```
    ///
    /// - Parameters:
    ///   - axis: the axis to normalize over (negative counts from the end).
    ///   - epsilon: added to the variance; Keras's default is `1e-3`.
    ///   - center: whether to add the learned offset `beta`.
    ///   - scale: whether to multiply by the learned `gamma`.
    ///   - rmsScaling: Keras's deprecated `rms_scaling` (see ``rmsScaling``).
    ///   - betaInitializer: how `beta` starts (zeros by default).
    ///   - gammaInitializer: how `gamma` starts (ones by default).
    ///   - betaRegularizer: a penalty on `beta`, added to ``Layer/losses``.
    ///   - gammaRegularizer: a penalty on `gamma`.
    ///   - betaConstraint: a projection of `beta` after each update.
    ///   - gammaConstraint: a projection of `gamma` after each update.
    ///   - name: the layer's name; the class's snake-case name, numbered, by default.
    ///   - dtype: the dtype of the weights and computation.
    ///   - trainable: whether the weights are updated by training.
    /// - Throws: ``KerasError`` when `epsilon` is negative.
    public convenience init(axis: Int = -1, epsilon: Double = 1e-3, center: Bool = true,
                            scale: Bool = true, rmsScaling: Bool = false,
                            betaInitializer: Initializer = .zeros, gammaInitializer: Initializer = .ones,
                            betaRegularizer: Regularizer? = nil, gammaRegularizer: Regularizer? = nil,
                            betaConstraint: Constraint? = nil, gammaConstraint: Constraint? = nil,
                            name: String? = nil, dtype: DType = .float32, trainable: Bool = true) throws {
        try self.init(axes: [axis], epsilon: epsilon, center: center, scale: scale, rmsScaling: rmsScaling,
                      betaInitializer: betaInitializer, gammaInitializer: gammaInitializer,
                      betaRegularizer: betaRegularizer, gammaRegularizer: gammaRegularizer,
                      betaConstraint: betaConstraint, gammaConstraint: gammaConstraint,
                      name: name, dtype: dtype, trainable: trainable)
        kerasAxis = .int(axis)
    }

    override public func build(inputShape: TensorShape) throws {
        let resolved = try resolvedAxes(axes, shape: inputShape, layer: self)
        let shape = try knownSizes(of: resolved, in: inputShape, layer: self)
        if scale || rmsScaling {
            gamma = try addWeight(name: "gamma", shape: shape, initializer: gammaInitializer,
                                  regularizer: gammaRegularizer, constraint: gammaConstraint)
        }
        if center && !rmsScaling {
            beta = try addWeight(name: "beta", shape: shape, initializer: betaInitializer,
                                 regularizer: betaRegularizer, constraint: betaConstraint)
        }
        var spec = InputSpec(rank: inputShape.count)
        for (a, s) in zip(resolved, shape) { spec.axes[a] = s }
        inputSpec = [spec]
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        let resolved = try resolvedAxes(axes, shape: input.shape.asTensorShape, layer: self)
        let sorted = resolved.sorted()
        // Keras reshapes (not transposes) the weights to the broadcast shape.
        let target = broadcastShape(rank: input.rank, axes: resolved, sizes: resolved.map { input.shape[$0] })
        let x = cast(input, to: input.dtype.floatingResult.computeType)
        func lined(_ v: Variable?) -> Tensor? { v.map { cast($0.value, to: x.dtype).reshaped(to: target) } }
        let y: Tensor
        if rmsScaling {
            var out = x * rsqrt(x.variance(axes: sorted, keepingDimensions: true) + epsilon)
            if let g = lined(gamma) { out = out * g }
            y = out
        } else {
            let mean = x.mean(axes: sorted, keepingDimensions: true)
            let variance = x.variance(axes: sorted, keepingDimensions: true)
            var inv = rsqrt(variance + epsilon)
            if let g = lined(gamma) { inv = inv * g }
            var shift = -mean * inv
            if let b = lined(beta) { shift = shift + b }
            y = x * inv + shift
        }
        return cast(y, to: dtype)
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape {
        _ = try resolvedAxes(axes, shape: inputShape, layer: self)
        return inputShape
    }

    /// `axis` as Keras holds it before building: an integer or the list as given (Keras sorts it
    /// into a list when it builds).
    var kerasAxis: JSONValue = .null

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["axis"] = isBuilt ? LayerConfig.intsValue(axes) : kerasAxis
        config["epsilon"] = .double(epsilon)
        config["center"] = .bool(center)
        config["scale"] = .bool(scale)
        config["rms_scaling"] = .bool(rmsScaling)
        config["beta_initializer"] = betaInitializer.kerasConfig
        config["gamma_initializer"] = gammaInitializer.kerasConfig
        config["beta_regularizer"] = betaRegularizer?.kerasConfig ?? .null
        config["gamma_regularizer"] = gammaRegularizer?.kerasConfig ?? .null
        config["beta_constraint"] = betaConstraint?.kerasConfig ?? .null
        config["gamma_constraint"] = gammaConstraint?.kerasConfig ?? .null
        return config
    }
}

extension LayerNormalization: KerasSerializable {
    /// LayerNormalization's config keys (Keras 3.15; `rms_scaling` is read from its keyword
    /// arguments).
    public static let kerasConfigKeys = [
        "axis", "epsilon", "center", "scale", "rms_scaling", "beta_initializer", "gamma_initializer",
        "beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint"]

    /// Rebuilds a LayerNormalization layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for a malformed value, and the initializer's
    ///   errors for invalid values.
    public convenience init(config: LayerConfig) throws {
        try self.init(axes: config.ints("axis", default: [-1]), epsilon: config.double("epsilon", default: 1e-3),
                      center: config.bool("center", default: true), scale: config.bool("scale", default: true),
                      rmsScaling: config.bool("rms_scaling", default: false),
                      betaInitializer: config.initializer("beta_initializer", default: .zeros),
                      gammaInitializer: config.initializer("gamma_initializer", default: .ones),
                      betaRegularizer: config.regularizer("beta_regularizer"),
                      gammaRegularizer: config.regularizer("gamma_regularizer"),
                      betaConstraint: config.constraint("beta_constraint"),
                      gammaConstraint: config.constraint("gamma_constraint"),
                      name: config.name, dtype: config.dtype, trainable: config.trainable)
        kerasAxis = try config.axisValue()
    }
}
