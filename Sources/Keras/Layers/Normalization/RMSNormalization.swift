/// Root-mean-square normalization (Keras's `RMSNormalization`, Zhang and Sennrich 2019):
/// `y = x / sqrt(mean(x², axes) + epsilon) * scale`, without subtracting the mean.
///
/// Weights: `scale`, shaped as the normalized axes (`[features]` for the last axis), starting at
/// ones. As in Keras, `scale` multiplies the output with ordinary broadcasting against the
/// trailing axes, which lines it up with the normalized axes when they are the last ones (the
/// usual case); other axes must have sizes that broadcast that way.
///
/// ```swift
/// let norm = try RMSNormalization()                 // epsilon 1e-6, last axis
/// let y = try norm(Tensor.ones([2, 7, 16]))          // scale [16]
/// ```
public final class RMSNormalization: Layer {
    /// The axes normalized together, sorted as Keras sorts them.
    public let axes: [Int]
    /// Added to the mean square before the square root.
    public let epsilon: Double

    /// `scale` (after build).
    public private(set) var scale: Variable?

    /// Makes a layer normalizing over several axes at once.
    ///
    /// ```swift
    /// let norm = try RMSNormalization(axes: [-2, -1])
    /// ```
    ///
    /// - Parameters:
    ///   - axes: the axes to normalize over (negative ones count from the end).
    ///   - epsilon: added to the mean square; Keras's default is `1e-6`.
    ///   - name: the layer's name; the class's snake-case name, numbered, by default.
    ///   - dtype: the dtype of the weights and computation.
    ///   - trainable: whether the weights are updated by training.
    /// - Throws: ``KerasError`` when `axes` is empty or repeats an axis, or `epsilon` is negative.
    public init(axes: [Int], epsilon: Double = 1e-6, name: String? = nil, dtype: DType = .float32,
                trainable: Bool = true) throws {
        try checkAxisList(axes, layer: "RMSNormalization")
        guard epsilon >= 0 else {
            throw KerasError(.invalidArgument, "RMSNormalization expects a non-negative epsilon, but received epsilon=\(epsilon).")
        }
        self.axes = axes.sorted()
        self.epsilon = epsilon
        super.init(name: name, dtype: dtype, trainable: trainable)
        kerasAxis = LayerConfig.intsValue(axes)
    }

    /// Makes a layer normalizing over one axis (the last by default).
    ///
    /// ```swift
    /// let norm = try RMSNormalization(epsilon: 1e-5)
    /// ```
    ///
    /// - Parameters:
    ///   - axis: the axis to normalize over (negative counts from the end).
    ///   - epsilon: added to the mean square; Keras's default is `1e-6`.
    ///   - name: the layer's name; the class's snake-case name, numbered, by default.
    ///   - dtype: the dtype of the weights and computation.
    ///   - trainable: whether the weights are updated by training.
    /// - Throws: ``KerasError`` when `epsilon` is negative.
    public convenience init(axis: Int = -1, epsilon: Double = 1e-6, name: String? = nil,
                            dtype: DType = .float32, trainable: Bool = true) throws {
        try self.init(axes: [axis], epsilon: epsilon, name: name, dtype: dtype, trainable: trainable)
        kerasAxis = .int(axis)
    }

    override public func build(inputShape: TensorShape) throws {
        let resolved = try resolvedAxes(axes, shape: inputShape, layer: self)
        let shape = try knownSizes(of: resolved, in: inputShape, layer: self)
        // Keras multiplies by `scale` with plain broadcasting; refuse shapes that cannot broadcast.
        var fits = shape.count <= inputShape.count
        for (i, s) in shape.reversed().enumerated() where fits {
            let d: Int? = inputShape[inputShape.count - 1 - i]
            if let d, s != 1, d != 1, d != s { fits = false }
        }
        guard fits else {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (RMSNormalization) normalizes axes \(axes) of input shape \(inputShape.kerasDescription), so its scale has shape \(shape.asTensorShape.kerasDescription), which does not broadcast against the input's last axes as Keras multiplies it. Normalize the last axes (axis: -1) instead.")
        }
        scale = try addWeight(name: "scale", shape: shape, initializer: .ones)
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        let resolved = try resolvedAxes(axes, shape: input.shape.asTensorShape, layer: self)
        let x = cast(input, to: input.dtype.floatingResult.computeType)
        var y = x * rsqrt(square(x).mean(axes: resolved.sorted(), keepingDimensions: true) + epsilon)
        if let scale { y = y * cast(scale.value, to: x.dtype) }
        return cast(y, to: input.dtype.floatingResult)
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
        return config
    }
}

extension RMSNormalization: KerasSerializable {
    /// RMSNormalization's config keys (Keras 3.15).
    public static let kerasConfigKeys = ["axis", "epsilon"]

    /// Rebuilds an RMSNormalization layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for a malformed value, and the initializer's
    ///   errors for invalid values.
    public convenience init(config: LayerConfig) throws {
        try self.init(axes: config.ints("axis", default: [-1]), epsilon: config.double("epsilon", default: 1e-6),
                      name: config.name, dtype: config.dtype, trainable: config.trainable)
        kerasAxis = try config.axisValue()
    }
}
