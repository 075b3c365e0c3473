/// Masks time steps whose features all equal `maskValue` (Keras's `Masking` layer).
///
/// For an input `[batch, time, features]`, a step is masked when every feature equals
/// `maskValue`. Masked steps come out as zeros, and the layer produces the mask
/// `any(x != maskValue, axis: -1)` (`[batch, time]`) for the layers after it, which skip those
/// steps (RNNs, attention, Softmax).
///
/// ```swift
/// let masking = Masking(maskValue: 0)
/// let x = Tensor([1.0, 2, 0, 0], shape: [1, 2, 2])
/// try masking(x)                               // the second step is masked
/// try masking.computeMask([x], masks: [nil])   // [[true, false]]
/// ```
public final class Masking: Layer {
    /// The value that marks a padded step.
    public let maskValue: Double
    /// Config keys read as integers, written back as integers.
    var integerConfigKeys: Set<String> = []

    /// Makes the layer.
    public init(maskValue: Double = 0, name: String? = nil, dtype: DType = .float32) {
        self.maskValue = maskValue
        super.init(name: name, dtype: dtype)
        supportsMasking = true
    }

    override public var producesMasks: Bool { true }

    /// `[..., 1]`: whether any feature of a step differs from ``maskValue``.
    private func keptSteps(_ x: Tensor, keepingDimensions: Bool) throws -> Tensor {
        guard x.rank >= 1 else {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (Masking) needs an input with a feature axis, but received a scalar. Give it [batch, time, features] inputs.")
        }
        return notEqual(x, Tensor(maskValue, dtype: x.dtype)).any(axes: [-1], keepingDimensions: keepingDimensions)
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        select(try keptSteps(input, keepingDimensions: true), input, Tensor.zeros([], dtype: input.dtype))
    }

    override public func computeMask(_ inputs: [Tensor], masks: [Tensor?]) throws -> [Tensor?] {
        [try keptSteps(inputs[0], keepingDimensions: false)]
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape { inputShape }

    override public class var kerasBuildsAtInit: Bool { true }

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["mask_value"] = LayerConfig.number(maskValue, integer: integerConfigKeys.contains("mask_value"))
        return config
    }
}

extension Masking: KerasSerializable {
    /// Masking's config keys (Keras 3.15).
    public static let kerasConfigKeys = ["mask_value", "activity_regularizer"]

    /// Rebuilds a Masking layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.unsupported` for a `mask_value` that
    ///   is a serialized tensor rather than a number.
    public convenience init(config: LayerConfig) throws {
        if let value = config["mask_value"], value.objectValue != nil || value.arrayValue != nil {
            try LayerConfig.refuse(config, ["mask_value"])
        }
        self.init(maskValue: try config.double("mask_value", default: 0), name: config.name, dtype: config.dtype)
        trainable = config.trainable
        integerConfigKeys = config.integerValuedKeys(["mask_value"])
    }
}
