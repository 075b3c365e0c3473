/// Multiplies inputs by `scale` and adds `offset` (Keras's `Rescaling`), in the layer's dtype:
/// `[0, 255]` images become `[0, 1]` with `scale: 1 / 255`, or `[-1, 1]` with `scale: 1 / 127.5,
/// offset: -1`.
///
/// `scale` and `offset` may also be tensors that broadcast against the input (one value per
/// channel, for example).
///
/// ```swift
/// let rescale = try Rescaling(scale: 1.0 / 127.5, offset: -1)
/// let y = try rescale(Tensor([0.0, 127.5, 255], shape: [1, 3]))   // [[-1, 0, 1]]
/// ```
public final class Rescaling: Layer {
    /// The factor inputs are multiplied by.
    public let scale: Tensor
    /// What is added after scaling.
    public let offset: Tensor

    /// Makes the layer with one scale and offset for every value.
    ///
    /// - Parameters:
    ///   - scale: the factor inputs are multiplied by.
    ///   - offset: what is added after scaling.
    ///   - name: the layer's name (`rescaling`, ... by default).
    ///   - dtype: the dtype inputs are cast to and computed in.
    public convenience init(scale: Double, offset: Double = 0, name: String? = nil, dtype: DType = .float32) throws {
        try self.init(scale: Tensor(scale, dtype: .float64), offset: Tensor(offset, dtype: .float64), name: name, dtype: dtype)
    }

    /// Makes the layer with tensors of scales and offsets that broadcast against the input.
    ///
    /// - Throws: ``KerasError`` when `scale` and `offset` do not broadcast together.
    public init(scale: Tensor, offset: Tensor, name: String? = nil, dtype: DType = .float32) throws {
        guard Shape.broadcast(scale.shape, offset.shape) != nil else {
            throw KerasError(.invalidArgument, "Rescaling expects `scale` and `offset` that broadcast together, but received shapes \(scale.shape.asTensorShape.kerasDescription) and \(offset.shape.asTensorShape.kerasDescription).")
        }
        self.scale = scale
        self.offset = offset
        super.init(name: name, dtype: dtype)
        supportsMasking = true
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        let x = input.dtype == dtype ? input : cast(input, to: dtype)
        let shape = Shape.broadcast(x.shape, Shape.broadcast(scale.shape, offset.shape) ?? [])
        guard shape == x.shape else {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (Rescaling) has scale of shape \(scale.shape.asTensorShape.kerasDescription) and offset of shape \(offset.shape.asTensorShape.kerasDescription), which do not broadcast to its input of shape \(x.shape.asTensorShape.kerasDescription).")
        }
        return x * cast(scale, to: dtype) + cast(offset, to: dtype)
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape { inputShape }

    /// The config this layer was read from, whose number kinds (`1` or `1.0`, a list or a NumPy
    /// array) ``kerasConfig`` keeps.
    var kerasNumbersAsRead = JSONObject()

    /// Keras's keys: `scale` and `offset`, numbers or (nested) lists.
    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["scale"] = JSONValue(listing: scale)
        config["offset"] = JSONValue(listing: offset)
        config.keepNumberKinds(of: kerasNumbersAsRead)
        return config
    }
}

extension Rescaling: KerasSerializable {
    /// Rescaling's config keys (Keras 3.15).
    public static let kerasConfigKeys = ["scale", "offset"]

    /// Rebuilds the layer from its Keras config: `scale` and `offset` as numbers, lists or
    /// NumPy arrays (`offset` is `0.0` when absent).
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` when `scale` is missing or malformed, or the two
    ///   do not broadcast together.
    public convenience init(config: LayerConfig) throws {
        guard let scale = try config.optionalTensor("scale") else {
            throw KerasError(.invalidConfig, "Rescaling \"\(config.name ?? "?")\" needs a number or list under \"scale\", but the config has none.")
        }
        try self.init(scale: scale, offset: config.optionalTensor("offset") ?? Tensor(0.0, dtype: .float64),
                      name: config.name, dtype: config.dtype)
        trainable = config.trainable
        kerasNumbersAsRead = config.values
    }
}
