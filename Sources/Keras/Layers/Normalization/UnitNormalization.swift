/// Scales each example to unit L2 norm over the given axes (Keras's `UnitNormalization`):
/// `y = x * min(1 / sqrt(sum(x², axes)), 1e12)`, so an all-zero example stays zero.
///
/// No weights. Masks pass through.
///
/// ```swift
/// let unit = try UnitNormalization()
/// let y = try unit(Tensor([3.0, 4], shape: [1, 2]))   // [[0.6, 0.8]]
/// ```
public final class UnitNormalization: Layer {
    /// The axes whose joint L2 norm is made 1.
    public let axes: [Int]

    /// Makes a layer normalizing over several axes at once.
    ///
    /// ```swift
    /// let unit = try UnitNormalization(axes: [1, 2])
    /// ```
    ///
    /// - Parameters:
    ///   - axes: the axes whose joint norm is made 1 (negative ones count from the end).
    ///   - name: the layer's name; the class's snake-case name, numbered, by default.
    ///   - dtype: the dtype of the computation.
    /// - Throws: ``KerasError`` when `axes` is empty or repeats an axis.
    public init(axes: [Int], name: String? = nil, dtype: DType = .float32) throws {
        try checkAxisList(axes, layer: "UnitNormalization")
        self.axes = axes
        super.init(name: name, dtype: dtype)
        supportsMasking = true
        kerasAxis = LayerConfig.intsValue(axes)
    }

    /// Makes a layer normalizing over one axis (the last by default).
    ///
    /// ```swift
    /// let unit = try UnitNormalization(axis: 1)
    /// ```
    ///
    /// - Parameters:
    ///   - axis: the axis whose norm is made 1 (negative counts from the end).
    ///   - name: the layer's name; the class's snake-case name, numbered, by default.
    ///   - dtype: the dtype of the computation.
    /// - Throws: never for a single axis; the signature matches ``init(axes:name:dtype:)``.
    public convenience init(axis: Int = -1, name: String? = nil, dtype: DType = .float32) throws {
        try self.init(axes: [axis], name: name, dtype: dtype)
        kerasAxis = .int(axis)
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        let resolved = try resolvedAxes(axes, shape: input.shape.asTensorShape, layer: self)
        let x = cast(input, to: dtype)
        // Keras's `normalize(order=2, epsilon=1e-12)`: x * min(rsqrt(sum of squares), 1 / epsilon).
        let inverseNorm = minimum(rsqrt(square(x).sum(axes: resolved, keepingDimensions: true)), 1e12)
        return x * inverseNorm
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape {
        _ = try resolvedAxes(axes, shape: inputShape, layer: self)
        return inputShape
    }

    /// `axis` as given: an integer or a list (Keras keeps it so).
    var kerasAxis: JSONValue = .null

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["axis"] = kerasAxis
        return config
    }

    /// `nil`: Keras builds this layer when it is made, so a call records no input shape.
    override public var kerasBuildConfig: JSONObject? { nil }
}

extension UnitNormalization: KerasSerializable {
    /// UnitNormalization's config keys (Keras 3.15).
    public static let kerasConfigKeys = ["axis"]

    /// Rebuilds a UnitNormalization layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for a malformed `axis`.
    public convenience init(config: LayerConfig) throws {
        try self.init(axes: config.ints("axis", default: [-1]), name: config.name, dtype: config.dtype)
        trainable = config.trainable
        kerasAxis = try config.axisValue()
    }
}
