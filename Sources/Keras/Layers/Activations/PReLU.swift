/// The parametric rectified linear unit: `x` for `x >= 0`, `alpha * x` below, with `alpha` learned
/// per input position (Keras's `PReLU` layer).
///
/// Weights: `alpha`, of the input's shape without the batch axis, with size 1 along each of
/// `sharedAxes` (1-based, as in Keras; the batch axis is 0).
///
/// ```swift
/// // Feature maps [batch, height, width, channels]: one alpha per channel.
/// let layer = PReLU(sharedAxes: [1, 2])
/// let y = try layer(Tensor.ones([2, 8, 8, 16]))   // alpha: [1, 1, 16]
/// ```
public final class PReLU: Layer {
    /// How `alpha` starts (zeros by default, as in Keras).
    public let alphaInitializer: Initializer
    /// A penalty on `alpha`, added to ``Layer/losses``.
    public let alphaRegularizer: Regularizer?
    /// A projection of `alpha` after each update.
    public let alphaConstraint: Constraint?
    /// The axes along which one `alpha` is shared (`nil`: none).
    public let sharedAxes: [Int]?

    /// The learned slopes (after build).
    public private(set) var alpha: Variable?

    /// Makes the layer.
    ///
    /// - Parameters:
    ///   - alphaInitializer: how `alpha` starts; `nil` for Keras's default, zeros.
    ///   - alphaRegularizer: a penalty on `alpha`, added to ``Layer/losses``.
    ///   - alphaConstraint: a projection of `alpha` after each update.
    ///   - sharedAxes: the axes (1-based; the batch axis is 0) along which one `alpha` is shared;
    ///     `nil` for none.
    ///   - name: the layer's name; the class's snake-case name, numbered, by default.
    ///   - dtype: the dtype of `alpha` and the computation.
    ///   - trainable: whether `alpha` is updated by training.
    public init(alphaInitializer: Initializer? = nil, alphaRegularizer: Regularizer? = nil,
                alphaConstraint: Constraint? = nil, sharedAxes: [Int]? = nil,
                name: String? = nil, dtype: DType = .float32, trainable: Bool = true) {
        self.alphaInitializer = alphaInitializer ?? .zeros
        self.alphaRegularizer = alphaRegularizer
        self.alphaConstraint = alphaConstraint
        self.sharedAxes = sharedAxes
        super.init(name: name, dtype: dtype, trainable: trainable)
        supportsMasking = true
    }

    override public func build(inputShape: TensorShape) throws {
        let shared = Set(sharedAxes ?? [])
        for axis in shared where axis < 1 || axis >= inputShape.count {
            throw KerasError(.invalidArgument, "Layer \"\(name)\" (PReLU) shares alpha along axis \(axis), but its input \(inputShape.kerasDescription) only has axes 1..<\(inputShape.count) besides the batch axis. Give sharedAxes among those (1-based).")
        }
        var parameterShape: [Int] = []
        var axes: [Int: Int] = [:]
        for (i, size) in inputShape.enumerated().dropFirst() {
            if shared.contains(i) { parameterShape.append(1); continue }
            guard let size else {
                throw KerasError(.incompatibleShape, "Layer \"\(name)\" (PReLU) needs axis \(i) of its input to be known to size alpha, but received shape \(inputShape.kerasDescription). Give the Input a fixed size there, or share alpha along that axis with sharedAxes.")
            }
            parameterShape.append(size)
            if !shared.isEmpty { axes[i] = size }
        }
        alpha = try addWeight(name: "alpha", shape: parameterShape, initializer: alphaInitializer,
                          regularizer: alphaRegularizer, constraint: alphaConstraint)
        inputSpec = [InputSpec(rank: inputShape.count, axes: axes)]
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        guard let alpha else { throw notBuilt(self) }
        return relu(input) - alpha.value * relu(-input)
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape { inputShape }

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["alpha_initializer"] = alphaInitializer.kerasConfig
        config["alpha_regularizer"] = alphaRegularizer?.kerasConfig ?? .null
        config["alpha_constraint"] = alphaConstraint?.kerasConfig ?? .null
        config["shared_axes"] = sharedAxes.map(LayerConfig.intsValue) ?? .null
        return config
    }
}

extension PReLU: KerasSerializable {
    /// PReLU's config keys (Keras 3.15).
    public static let kerasConfigKeys = [
        "alpha_initializer", "alpha_regularizer", "alpha_constraint", "shared_axes", "activity_regularizer"]

    /// Rebuilds a PReLU layer from its Keras config (`shared_axes` an integer or a list).
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for a malformed initializer, regularizer,
    ///   constraint or `shared_axes`.
    public convenience init(config: LayerConfig) throws {
        self.init(alphaInitializer: try config.initializer("alpha_initializer", default: .zeros),
                  alphaRegularizer: try config.regularizer("alpha_regularizer"),
                  alphaConstraint: try config.constraint("alpha_constraint"),
                  sharedAxes: try config.optionalInts("shared_axes"),
                  name: config.name, dtype: config.dtype, trainable: config.trainable)
    }
}
