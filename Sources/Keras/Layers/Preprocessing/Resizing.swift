/// Resizes images to `height × width` (Keras's `Resizing`), with the numerics of Keras's JAX
/// backend: `nearest` or an ``Interpolation`` kernel at half-pixel centres, optionally after
/// cropping (`cropToAspectRatio`) or padding with `fillValue` (`padToAspectRatio`) to the target
/// aspect ratio. Integer images come back in their own dtype (rounded half to even, saturated);
/// float images in the layer's dtype.
///
/// ```swift
/// let resize = try Resizing(height: 64, width: 64, cropToAspectRatio: true)
/// let y = try resize(Tensor.ones([2, 120, 80, 3]))   // [2, 64, 64, 3]
/// ```
public final class Resizing: BaseImagePreprocessingLayer {
    /// The output height.
    public let height: Int
    /// The output width.
    public let width: Int
    /// How pixels are resampled.
    public let interpolation: Interpolation
    /// Whether the largest centred window with the target aspect ratio is taken first.
    public let cropToAspectRatio: Bool
    /// Whether the image is padded to the target aspect ratio first.
    public let padToAspectRatio: Bool
    /// The value of the padding.
    public let fillValue: Double

    /// Makes the layer.
    ///
    /// - Parameters:
    ///   - height: the output height.
    ///   - width: the output width.
    ///   - interpolation: `.bilinear` (the default), `.nearest`, `.bicubic`, `.lanczos3` or
    ///     `.lanczos5`.
    ///   - cropToAspectRatio: crop to the target aspect ratio instead of distorting.
    ///   - padToAspectRatio: pad to the target aspect ratio instead of distorting.
    ///   - fillValue: the value of that padding.
    ///   - dataFormat: `.channelsLast` (the default) or `.channelsFirst`.
    ///   - name: the layer's name (`resizing`, ... by default).
    ///   - dtype: the dtype of float outputs.
    /// - Throws: ``KerasError`` when a size is not positive or both aspect-ratio options are set.
    public init(height: Int, width: Int, interpolation: Interpolation = .bilinear, cropToAspectRatio: Bool = false,
                padToAspectRatio: Bool = false, fillValue: Double = 0, dataFormat: DataFormat = .channelsLast,
                name: String? = nil, dtype: DType = .float32) throws {
        try checkTargetSize(height: height, width: width, layer: "Resizing")
        guard !(cropToAspectRatio && padToAspectRatio) else {
            throw KerasError(.invalidArgument, "Resizing: only one of `pad_to_aspect_ratio` & `crop_to_aspect_ratio` can be `True`.")
        }
        self.height = height
        self.width = width
        self.interpolation = interpolation
        self.cropToAspectRatio = cropToAspectRatio
        self.padToAspectRatio = padToAspectRatio
        self.fillValue = fillValue
        super.init(dataFormat: dataFormat, name: name, dtype: dtype)
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        var x = input.dtype.isFloatingPoint ? computeCast(input) : input
        let axes = spatialAxes(rank: x.rank)
        if cropToAspectRatio {
            let box = aspectRatioCropBox(height: x.shape[axes.height], width: x.shape[axes.width],
                                         targetHeight: height, targetWidth: width)
            x = cropImages(x, top: box.top, left: box.left, height: box.height, width: box.width, dataFormat: dataFormat)
        } else if padToAspectRatio {
            x = paddedToAspectRatio(x, targetHeight: height, targetWidth: width, fillValue: fillValue, dataFormat: dataFormat)
        }
        let y = resizeImages(x, height: height, width: width, interpolation: interpolation, dataFormat: dataFormat)
        if y.dtype == input.dtype || input.dtype.isFloatingPoint { return computeCast(y) }
        return saturatingCast(y, to: input.dtype)
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape {
        var shape = inputShape
        let axes = spatialAxes(rank: shape.count)
        shape[axes.height] = height
        shape[axes.width] = width
        return shape
    }

    override public func computeOutputDType(_ inputDTypes: [DType]) -> DType {
        guard let first = inputDTypes.first, !first.isFloatingPoint else { return dtype }
        return first
    }

    /// Keras's keys: the target size, `interpolation`, the aspect-ratio flags, `fill_mode`
    /// (always `"constant"`), `fill_value` and `antialias` (always `false` here).
    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["height"] = .int(height)
        config["width"] = .int(width)
        config["interpolation"] = .string(interpolation.rawValue)
        config["crop_to_aspect_ratio"] = .bool(cropToAspectRatio)
        config["pad_to_aspect_ratio"] = .bool(padToAspectRatio)
        config["fill_mode"] = "constant"
        config["fill_value"] = .double(fillValue)
        config["antialias"] = false
        config["data_format"] = .string(dataFormat.rawValue)
        config.keepNumberKinds(of: kerasNumbersAsRead)
        return config
    }
}

extension Resizing: KerasSerializable {
    /// Resizing's config keys (Keras 3.15).
    public static let kerasConfigKeys = [
        "height", "width", "interpolation", "crop_to_aspect_ratio", "pad_to_aspect_ratio", "fill_mode", "fill_value",
        "antialias", "data_format", "bounding_box_format"]

    /// Rebuilds the layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.unsupported` for `antialias=true`, a `fill_mode` other than
    ///   `"constant"` (Keras's only one), an interpolation swift-keras does not have (`area`,
    ///   `gaussian`, `mitchellcubic`) or a `bounding_box_format`; `.invalidConfig` for malformed
    ///   values.
    public convenience init(config: LayerConfig) throws {
        try config.refuse("antialias", unless: false)
        try config.refuse("fill_mode", unless: "constant")
        try self.init(height: config.int("height"), width: config.int("width"),
                      interpolation: config.enumeration("interpolation", default: Interpolation.bilinear),
                      cropToAspectRatio: config.bool("crop_to_aspect_ratio", default: false),
                      padToAspectRatio: config.bool("pad_to_aspect_ratio", default: false),
                      fillValue: config.double("fill_value", default: 0), dataFormat: Self.dataFormat(in: config),
                      name: config.name, dtype: config.dtype)
        trainable = config.trainable
        kerasNumbersAsRead = config.values
    }
}
