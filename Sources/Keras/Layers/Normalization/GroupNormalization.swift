/// Splits the channels into groups and normalizes each group of each example to mean 0 and
/// variance 1 over the group's channels and every other non-batch axis (Keras's
/// `GroupNormalization`, Wu and He 2018), then applies per-channel `gamma` and `beta`.
///
/// With `groups: -1` every channel is its own group (instance normalization); with `groups: 1`
/// it is layer normalization over all non-batch axes.
///
/// Weights, in Keras's order: `gamma` (when `scale`), then `beta` (when `center`), each of shape
/// `[channels]`.
///
/// ```swift
/// let norm = try GroupNormalization(groups: 4)       // channels last
/// let y = try norm(Tensor.ones([2, 8, 8, 16]))        // 4 groups of 4 channels
/// ```
public final class GroupNormalization: Layer {
    /// The number of groups (`-1`: one per channel).
    public let groups: Int
    /// The channel axis.
    public let axis: Int
    /// Added to the variance before the square root.
    public let epsilon: Double
    /// Whether `beta` is added.
    public let center: Bool
    /// Whether `gamma` multiplies.
    public let scale: Bool
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

    /// `gamma` (after build, when `scale`).
    public private(set) var gamma: Variable?
    /// `beta` (after build, when `center`).
    public private(set) var beta: Variable?

    /// Makes a group normalization layer.
    ///
    /// - Parameters:
    ///   - groups: how many groups the channels are split into; it must divide the channel count.
    ///     `-1` makes one group per channel. Keras's default is 32.
    ///   - axis: the channel axis (`-1` for channels last, `1` for channels first).
    ///   - epsilon: added to the variance; Keras's default is `1e-3`.
    ///   - center: whether to add the learned offset `beta`.
    ///   - scale: whether to multiply by the learned `gamma`.
    ///   - betaInitializer: how `beta` starts (zeros by default).
    ///   - gammaInitializer: how `gamma` starts (ones by default).
    ///   - betaRegularizer: a penalty on `beta`, added to ``Layer/losses``.
    ///   - gammaRegularizer: a penalty on `gamma`.
    ///   - betaConstraint: a projection of `beta` after each update.
    ///   - gammaConstraint: a projection of `gamma` after each update.
    ///   - name: the layer's name; the class's snake-case name, numbered, by default.
    ///   - dtype: the dtype of the weights and computation.
    ///   - trainable: whether the weights are updated by training.
    /// - Throws: ``KerasError`` when `groups` is neither positive nor `-1`, or `epsilon` is
    ///   negative.
    public init(groups: Int = 32, axis: Int = -1, epsilon: Double = 1e-3, center: Bool = true,
                scale: Bool = true, betaInitializer: Initializer = .zeros,
                gammaInitializer: Initializer = .ones, betaRegularizer: Regularizer? = nil,
                gammaRegularizer: Regularizer? = nil, betaConstraint: Constraint? = nil,
                gammaConstraint: Constraint? = nil, name: String? = nil, dtype: DType = .float32,
                trainable: Bool = true) throws {
        guard groups > 0 || groups == -1 else {
            throw KerasError(.invalidArgument, "Received an invalid value for argument `groups` of GroupNormalization, expected a positive integer (or -1 for instance normalization). Received: groups=\(groups).")
        }
        guard epsilon >= 0 else {
            throw KerasError(.invalidArgument, "GroupNormalization expects a non-negative epsilon, but received epsilon=\(epsilon).")
        }
        self.groups = groups
        self.axis = axis
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.betaInitializer = betaInitializer
        self.gammaInitializer = gammaInitializer
        self.betaRegularizer = betaRegularizer
        self.gammaRegularizer = gammaRegularizer
        self.betaConstraint = betaConstraint
        self.gammaConstraint = gammaConstraint
        super.init(name: name, dtype: dtype, trainable: trainable)
        supportsMasking = true
    }

    /// The channel axis and the group count for an input of `shape`, checked as Keras checks them.
    private func layout(_ shape: TensorShape) throws -> (axis: Int, channels: Int, groups: Int) {
        let a = try resolvedAxes([axis], shape: shape, layer: self, allowBatchAxis: false)[0]
        guard let channels = shape[a] else {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (GroupNormalization): axis \(axis) of the input should have a defined dimension, but the layer received an input with shape \(shape.kerasDescription).")
        }
        let g = groups == -1 ? channels : groups
        guard channels >= g else {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (GroupNormalization): the number of groups (\(g)) cannot be more than the number of channels (\(channels)) of input shape \(shape.kerasDescription).")
        }
        guard channels % g == 0 else {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (GroupNormalization): the number of channels (\(channels)) of input shape \(shape.kerasDescription) must be a multiple of the number of groups (\(g)). Choose groups that divide \(channels).")
        }
        return (a, channels, g)
    }

    override public func build(inputShape: TensorShape) throws {
        let (a, channels, _) = try layout(inputShape)
        if scale {
            gamma = try addWeight(name: "gamma", shape: [channels], initializer: gammaInitializer,
                                  regularizer: gammaRegularizer, constraint: gammaConstraint)
        }
        if center {
            beta = try addWeight(name: "beta", shape: [channels], initializer: betaInitializer,
                                 regularizer: betaRegularizer, constraint: betaConstraint)
        }
        inputSpec = [InputSpec(rank: inputShape.count, axes: [a: channels])]
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        let (a, channels, g) = try layout(input.shape.asTensorShape)
        // x: [batch, ..., groups, channels / groups, ...] with the group axis at `a`.
        var grouped = input.shape
        grouped.replaceSubrange(a...a, with: [g, channels / g])
        let x = cast(input, to: input.dtype.floatingResult.computeType).reshaped(to: grouped)
        let reduced = (1..<grouped.count).filter { $0 != a }
        let mean = x.mean(axes: reduced, keepingDimensions: true)
        let variance = x.variance(axes: reduced, keepingDimensions: true)
        var perChannel = [Int](repeating: 1, count: grouped.count)
        perChannel[a] = g
        perChannel[a + 1] = channels / g
        var inv = rsqrt(variance + epsilon)
        if let gamma { inv = inv * cast(gamma.value, to: x.dtype).reshaped(to: perChannel) }
        var shift = -mean * inv
        if let beta { shift = shift + cast(beta.value, to: x.dtype).reshaped(to: perChannel) }
        return cast((x * inv + shift).reshaped(to: input.shape), to: dtype)
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape {
        _ = try resolvedAxes([axis], shape: inputShape, layer: self, allowBatchAxis: false)
        return inputShape
    }

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        // Keras replaces groups=-1 by the channel count when it builds.
        var writtenGroups = groups
        if groups == -1, let shape = buildShapes?.first, let built = try? layout(shape) { writtenGroups = built.groups }
        config["groups"] = .int(writtenGroups)
        config["axis"] = .int(axis)
        config["epsilon"] = .double(epsilon)
        config["center"] = .bool(center)
        config["scale"] = .bool(scale)
        config["beta_initializer"] = betaInitializer.kerasConfig
        config["gamma_initializer"] = gammaInitializer.kerasConfig
        config["beta_regularizer"] = betaRegularizer?.kerasConfig ?? .null
        config["gamma_regularizer"] = gammaRegularizer?.kerasConfig ?? .null
        config["beta_constraint"] = betaConstraint?.kerasConfig ?? .null
        config["gamma_constraint"] = gammaConstraint?.kerasConfig ?? .null
        return config
    }
}

extension GroupNormalization: KerasSerializable {
    /// GroupNormalization's config keys (Keras 3.15).
    public static let kerasConfigKeys = [
        "groups", "axis", "epsilon", "center", "scale", "beta_initializer", "gamma_initializer",
        "beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint"]

    /// Rebuilds a GroupNormalization layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for a malformed value, the layer's errors for an
    ///   invalid `groups` or `epsilon`, and the initializer's errors for invalid values.
    public convenience init(config: LayerConfig) throws {
        try self.init(groups: config.int("groups", default: 32), axis: config.int("axis", default: -1),
                      epsilon: config.double("epsilon", default: 1e-3), center: config.bool("center", default: true),
                      scale: config.bool("scale", default: true),
                      betaInitializer: config.initializer("beta_initializer", default: .zeros),
                      gammaInitializer: config.initializer("gamma_initializer", default: .ones),
                      betaRegularizer: config.regularizer("beta_regularizer"),
                      gammaRegularizer: config.regularizer("gamma_regularizer"),
                      betaConstraint: config.constraint("beta_constraint"),
                      gammaConstraint: config.constraint("gamma_constraint"),
                      name: config.name, dtype: config.dtype, trainable: config.trainable)
    }
}
