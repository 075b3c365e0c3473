/// Flattens every axis after the batch axis into one (Keras's `Flatten` layer).
///
/// `[batch, d1, d2, ...]` becomes `[batch, d1 * d2 * ...]`, and `[batch]` becomes `[batch, 1]`.
/// With `.channelsFirst`, the channels axis is moved last first, so the order of the flattened
/// values matches a channels-last model.
///
/// ```swift
/// let y = try Flatten()(Tensor.ones([8, 28, 28, 1]))   // [8, 784]
/// ```
public final class Flatten: Layer {
    /// Where the channel axis of the input sits.
    public let dataFormat: DataFormat

    /// Makes the layer.
    public init(dataFormat: DataFormat = .channelsLast, name: String? = nil, dtype: DType = .float32) {
        self.dataFormat = dataFormat
        super.init(name: name, dtype: dtype)
        inputSpec = [InputSpec(minRank: 1)]
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        var x = input
        if dataFormat == .channelsFirst && x.rank > 1 {
            x = x.transposed(axes: [0] + Array(2..<x.rank) + [1])
        }
        return x.reshaped(to: [x.shape[0], x.shape.dropFirst().reduce(1, *)])
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape {
        let rest = inputShape.dropFirst()
        let flat: Int? = rest.contains { $0 == nil } ? nil : rest.reduce(1) { $0 * $1! }
        return [inputShape.first ?? nil, flat]
    }

    override public func computeOutputDType(_ inputDTypes: [DType]) -> DType { inputDTypes.first ?? dtype }

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["data_format"] = .string(dataFormat.rawValue)
        return config
    }
}

extension Flatten: KerasSerializable {
    /// Flatten's config keys (Keras 3.15).
    public static let kerasConfigKeys = ["data_format", "activity_regularizer"]

    /// Rebuilds a Flatten layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for an unknown `data_format`.
    public convenience init(config: LayerConfig) throws {
        self.init(dataFormat: try config.dataFormat(), name: config.name, dtype: config.dtype)
        trainable = config.trainable
    }
}
