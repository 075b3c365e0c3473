/// The leaky rectified linear unit: `x` for `x >= 0`, `negativeSlope * x` below (Keras's
/// `LeakyReLU` layer).
///
/// The layer's default slope is 0.3, as in Keras (the `leakyRelu` function's is 0.2).
///
/// ```swift
/// let layer = try LeakyReLU(negativeSlope: 0.5)
/// try layer(Tensor([-10.0, -5, 0, 5, 10])).floats   // [-5, -2.5, 0, 5, 10]
/// ```
public final class LeakyReLU: Layer {
    /// The slope for negative inputs.
    public let negativeSlope: Double
    /// Config keys read as integers, written back as integers.
    var integerConfigKeys: Set<String> = []

    /// Makes the layer.
    ///
    /// - Throws: ``KerasError`` when `negativeSlope` is negative.
    public init(negativeSlope: Double = 0.3, name: String? = nil, dtype: DType = .float32) throws {
        guard negativeSlope >= 0 else {
            throw KerasError(.invalidArgument, "LeakyReLU expects negativeSlope >= 0, but received negativeSlope=\(negativeSlope). Use a small positive slope such as 0.3.")
        }
        self.negativeSlope = negativeSlope
        super.init(name: name, dtype: dtype)
        supportsMasking = true
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        leakyRelu(input, negativeSlope: negativeSlope)
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape { inputShape }

    override public class var kerasBuildsAtInit: Bool { true }

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["negative_slope"] = LayerConfig.number(negativeSlope, integer: integerConfigKeys.contains("negative_slope"))
        return config
    }
}

extension LeakyReLU: KerasSerializable {
    /// LeakyReLU's config keys (Keras 3.15), with `alpha`, the name Keras 2 used for the slope.
    public static let kerasConfigKeys = ["negative_slope", "alpha", "activity_regularizer"]

    /// Rebuilds a LeakyReLU layer from its Keras config; a Keras 2 `alpha` is the slope, as
    /// Keras 3 reads it.
    ///
    /// - Throws: ``KerasError`` `.invalidArgument` for a negative slope.
    public convenience init(config: LayerConfig) throws {
        let key = config.has("alpha") ? "alpha" : "negative_slope"
        try self.init(negativeSlope: config.double(key, default: 0.3), name: config.name, dtype: config.dtype)
        trainable = config.trainable
        if config.integerValuedKeys([key]).contains(key) { integerConfigKeys = ["negative_slope"] }
    }
}
