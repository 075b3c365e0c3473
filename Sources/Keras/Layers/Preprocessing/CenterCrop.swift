/// Crops the centre `height × width` window of images (Keras's `CenterCrop`), in training and
/// inference alike. An image smaller than the target on some axis is instead cropped to the
/// target aspect ratio and resized (bilinear), as Keras's `smart_resize` does. Outputs are in the
/// layer's dtype.
///
/// ```swift
/// let crop = try CenterCrop(height: 24, width: 24)
/// let y = try crop(Tensor.ones([4, 32, 32, 3]))   // [4, 24, 24, 3]
/// ```
public final class CenterCrop: BaseImagePreprocessingLayer {
    /// The output height.
    public let height: Int
    /// The output width.
    public let width: Int

    /// Makes the layer.
    ///
    /// - Parameters:
    ///   - height: the output height.
    ///   - width: the output width.
    ///   - dataFormat: `.channelsLast` (the default) or `.channelsFirst`.
    ///   - name: the layer's name (`center_crop`, ... by default).
    ///   - dtype: the dtype of the output.
    /// - Throws: ``KerasError`` when a size is not positive.
    public init(height: Int, width: Int, dataFormat: DataFormat = .channelsLast, name: String? = nil,
                dtype: DType = .float32) throws {
        try checkTargetSize(height: height, width: width, layer: "CenterCrop")
        self.height = height
        self.width = width
        super.init(dataFormat: dataFormat, name: name, dtype: dtype)
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        let x = computeCast(input)
        let axes = spatialAxes(rank: x.rank)
        let hDiff = x.shape[axes.height] - height, wDiff = x.shape[axes.width] - width
        if hDiff >= 0 && wDiff >= 0 {
            return cropImages(x, top: hDiff / 2, left: wDiff / 2, height: height, width: width, dataFormat: dataFormat)
        }
        return computeCast(smartResize(x, height: height, width: width, dataFormat: dataFormat))
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape {
        var shape = inputShape
        let axes = spatialAxes(rank: shape.count)
        shape[axes.height] = height
        shape[axes.width] = width
        return shape
    }

    /// Keras's keys: `height`, `width` and `data_format`.
    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["height"] = .int(height)
        config["width"] = .int(width)
        config["data_format"] = .string(dataFormat.rawValue)
        return config
    }
}

extension CenterCrop: KerasSerializable {
    /// CenterCrop's config keys (Keras 3.15).
    public static let kerasConfigKeys = ["height", "width", "data_format", "bounding_box_format"]

    /// Rebuilds the layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.unsupported` for a `bounding_box_format`, `.invalidConfig` for
    ///   malformed values.
    public convenience init(config: LayerConfig) throws {
        try self.init(height: config.int("height"), width: config.int("width"), dataFormat: Self.dataFormat(in: config),
                      name: config.name, dtype: config.dtype)
        trainable = config.trainable
    }
}
