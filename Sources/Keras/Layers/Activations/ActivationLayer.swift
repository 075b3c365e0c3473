/// Applies an activation function to its input (Keras's `Activation` layer).
///
/// The Swift name differs from Keras's because ``Activation`` already names the activation
/// functions themselves; the layer still saves and prints as `Activation`.
///
/// ```swift
/// let layer = ActivationLayer(.relu)
/// try layer(Tensor([-3.0, -1, 0, 2])).floats   // [0, 0, 0, 2]
/// ```
public final class ActivationLayer: Layer {
    /// The function applied element by element.
    public let activation: Activation

    override public class var kerasClassName: String { "Activation" }

    /// Makes the layer.
    public init(_ activation: Activation, name: String? = nil, dtype: DType = .float32) {
        self.activation = activation
        super.init(name: name, dtype: dtype)
        supportsMasking = true
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        activation(input)
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape { inputShape }

    override public class var kerasBuildsAtInit: Bool { true }

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["activation"] = activation.kerasConfig
        return config
    }
}

extension ActivationLayer: KerasSerializable {
    /// Activation's config keys (Keras 3.15).
    public static let kerasConfigKeys = ["activation", "activity_regularizer"]

    /// Rebuilds an Activation layer from its Keras config (`null` is `linear`, as in Keras).
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` when `activation` is missing, `.unknownName`
    ///   for an activation Keras does not know.
    public convenience init(config: LayerConfig) throws {
        guard config["activation"] != nil else {
            throw KerasError(.invalidConfig, "Activation \"\(config.name ?? "?")\" needs the config key \"activation\" (such as \"relu\"), but the config has none.")
        }
        self.init(try config.activation("activation"), name: config.name, dtype: config.dtype)
        trainable = config.trainable
    }
}
