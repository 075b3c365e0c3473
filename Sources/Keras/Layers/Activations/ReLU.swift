/// The rectified linear unit with Keras's three options (Keras's `ReLU` layer):
///
/// ```text
/// f(x) = maxValue                          if x >= maxValue
/// f(x) = x                                 if threshold <= x < maxValue
/// f(x) = negativeSlope * (x - threshold)   otherwise
/// ```
///
/// ```swift
/// let layer = try ReLU(maxValue: 10, negativeSlope: 0.5)
/// try layer(Tensor([-10.0, -5, 0, 5, 10])).floats   // [-5, -2.5, 0, 5, 10]
/// ```
public final class ReLU: Layer {
    /// The largest output (`nil`: unbounded).
    public let maxValue: Double?
    /// The slope below the threshold.
    public let negativeSlope: Double
    /// The input value where the unit starts to pass its input.
    public let threshold: Double
    /// Config keys read as integers, written back as integers.
    var integerConfigKeys: Set<String> = []

    /// Makes the layer; with no arguments it is `max(x, 0)`.
    ///
    /// - Throws: ``KerasError`` when `maxValue`, `negativeSlope` or `threshold` is negative.
    public init(maxValue: Double? = nil, negativeSlope: Double = 0, threshold: Double = 0,
                name: String? = nil, dtype: DType = .float32) throws {
        if let maxValue, !(maxValue >= 0) {
            throw KerasError(.invalidArgument, "ReLU expects maxValue >= 0 or nil, but received maxValue=\(maxValue). Use nil for no upper bound.")
        }
        guard negativeSlope >= 0 else {
            throw KerasError(.invalidArgument, "ReLU expects negativeSlope >= 0, but received negativeSlope=\(negativeSlope). Use 0 for the plain ReLU.")
        }
        guard threshold >= 0 else {
            throw KerasError(.invalidArgument, "ReLU expects threshold >= 0, but received threshold=\(threshold). Use 0 for the plain ReLU.")
        }
        self.maxValue = maxValue
        self.negativeSlope = negativeSlope
        self.threshold = threshold
        super.init(name: name, dtype: dtype)
        supportsMasking = true
    }

    // Follows keras.activations.relu step by step, so values and gradients at the kinks match.
    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        let x = input
        var negativePart: Tensor?
        if negativeSlope != 0 {
            if maxValue == nil && threshold == 0 { return leakyRelu(x, negativeSlope: negativeSlope) }
            negativePart = threshold != 0 ? relu(-x + threshold) : relu(-x)
        }
        var y: Tensor
        var clipMax = maxValue != nil
        if threshold != 0 {
            y = select(greater(x, Tensor(threshold, dtype: x.dtype)), x, Tensor.zeros([], dtype: x.dtype))
        } else if maxValue == 6 {
            y = relu6(x)
            clipMax = false
        } else {
            y = relu(x)
        }
        if clipMax, let maxValue { y = clip(y, min: 0, max: maxValue) }
        if let negativePart { y = y - negativePart * negativeSlope }
        return y
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape { inputShape }

    override public class var kerasBuildsAtInit: Bool { true }

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["max_value"] = maxValue.map { LayerConfig.number($0, integer: integerConfigKeys.contains("max_value")) } ?? .null
        config["negative_slope"] = LayerConfig.number(negativeSlope, integer: integerConfigKeys.contains("negative_slope"))
        config["threshold"] = LayerConfig.number(threshold, integer: integerConfigKeys.contains("threshold"))
        return config
    }
}

extension ReLU: KerasSerializable {
    /// ReLU's config keys (Keras 3.15).
    public static let kerasConfigKeys = ["max_value", "negative_slope", "threshold", "activity_regularizer"]

    /// Rebuilds a ReLU layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.invalidArgument` for a negative value.
    public convenience init(config: LayerConfig) throws {
        try self.init(maxValue: config.optionalDouble("max_value"),
                      negativeSlope: config.double("negative_slope", default: 0),
                      threshold: config.double("threshold", default: 0), name: config.name, dtype: config.dtype)
        trainable = config.trainable
        integerConfigKeys = config.integerValuedKeys(["max_value", "negative_slope", "threshold"])
    }
}
