/// The exponential linear unit: `x` for `x > 0`, `alpha * (e^x - 1)` below (Keras's `ELU` layer).
///
/// ```swift
/// let layer = ELU(alpha: 0.5)
/// try layer(Tensor([-1.0, 0, 2])).floats   // [-0.316, 0, 2]
/// ```
public final class ELU: Layer {
    /// The scale of the negative part.
    public let alpha: Double
    /// Config keys read as integers, written back as integers.
    var integerConfigKeys: Set<String> = []

    /// Makes the layer.
    public init(alpha: Double = 1, name: String? = nil, dtype: DType = .float32) {
        self.alpha = alpha
        super.init(name: name, dtype: dtype)
        supportsMasking = true
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        elu(input, alpha: alpha)
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape { inputShape }

    override public class var kerasBuildsAtInit: Bool { true }

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["alpha"] = LayerConfig.number(alpha, integer: integerConfigKeys.contains("alpha"))
        return config
    }
}

extension ELU: KerasSerializable {
    /// ELU's config keys (Keras 3.15).
    public static let kerasConfigKeys = ["alpha", "activity_regularizer"]

    /// Rebuilds an ELU layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for an `alpha` that is not a number.
    public convenience init(config: LayerConfig) throws {
        self.init(alpha: try config.double("alpha", default: 1), name: config.name, dtype: config.dtype)
        trainable = config.trainable
        integerConfigKeys = config.integerValuedKeys(["alpha"])
    }
}
