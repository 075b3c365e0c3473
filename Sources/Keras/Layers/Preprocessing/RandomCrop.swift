/// Crops images to `height × width` at a random place while training (Keras's `RandomCrop`):
/// one window for the whole batch, drawn uniformly among the positions that fit. An image no
/// larger than the target on some axis is instead cropped around its centre and resized, as
/// Keras does.
///
/// In inference the layer returns the largest centred window with the target aspect ratio,
/// resized (bilinear) to `height × width`, as Keras documents (Keras 3.15.1's code returns the
/// input unchanged there, contradicting its own output shape; this layer keeps the shape).
///
/// ```swift
/// let crop = try RandomCrop(height: 24, width: 24, seed: 42)
/// let y = try crop(Tensor.ones([4, 32, 32, 3]), training: true)   // [4, 24, 24, 3]
/// ```
public final class RandomCrop: BaseRandomImageLayer {
    /// The output height.
    public let height: Int
    /// The output width.
    public let width: Int

    /// Makes the layer.
    ///
    /// - Parameters:
    ///   - height: the output height.
    ///   - width: the output width.
    ///   - seed: makes the windows reproducible.
    ///   - dataFormat: `.channelsLast` (the default) or `.channelsFirst`.
    ///   - name: the layer's name (`random_crop`, ... by default).
    ///   - dtype: the dtype of the output.
    /// - Throws: ``KerasError`` when a size is not positive.
    public init(height: Int, width: Int, seed: UInt64? = nil, dataFormat: DataFormat = .channelsLast,
                name: String? = nil, dtype: DType = .float32) throws {
        try checkTargetSize(height: height, width: width, layer: "RandomCrop")
        self.height = height
        self.width = width
        super.init(seed: seed, dataFormat: dataFormat, name: name, dtype: dtype)
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        let x = computeCast(input)
        let axes = spatialAxes(rank: x.rank)
        let (inputHeight, inputWidth) = (x.shape[axes.height], x.shape[axes.width])
        guard training else {
            if inputHeight == height && inputWidth == width { return x }
            return computeCast(smartResize(x, height: height, width: width, dataFormat: dataFormat))
        }
        let top: Int, left: Int
        if inputHeight > height && inputWidth > width {
            let starts = uniform(2, 0, 1)
            top = Int(starts[0] * Float(inputHeight - height + 1))
            left = Int(starts[1] * Float(inputWidth - width + 1))
        } else {
            let box = aspectRatioCropBox(height: inputHeight, width: inputWidth, targetHeight: height, targetWidth: width)
            (top, left) = (box.top, box.left)
        }
        let cropped = cropImages(x, top: top, left: left, height: height, width: width, dataFormat: dataFormat)
        if cropped.shape[axes.height] == height && cropped.shape[axes.width] == width { return cropped }
        return computeCast(resizeImages(cropped, height: height, width: width, interpolation: .bilinear, dataFormat: dataFormat))
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape {
        var shape = inputShape
        let axes = spatialAxes(rank: shape.count)
        shape[axes.height] = height
        shape[axes.width] = width
        return shape
    }

    /// Keras's keys: `height`, `width`, `seed` and `data_format`. (Keras draws a seed when none
    /// is given and writes it; swift-keras writes `null`, which Keras reads as "draw one".)
    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["height"] = .int(height)
        config["width"] = .int(width)
        config["seed"] = .seedNumber(seed)
        config["data_format"] = .string(dataFormat.rawValue)
        return config
    }
}

extension RandomCrop: KerasSerializable {
    /// RandomCrop's config keys (Keras 3.15).
    public static let kerasConfigKeys = ["height", "width", "seed", "data_format", "bounding_box_format"]

    /// Rebuilds the layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.unsupported` for a `bounding_box_format`, `.invalidConfig` for
    ///   malformed values.
    public convenience init(config: LayerConfig) throws {
        try self.init(height: config.int("height"), width: config.int("width"), seed: config.uint64Seed("seed"),
                      dataFormat: Self.dataFormat(in: config), name: config.name, dtype: config.dtype)
        trainable = config.trainable
    }
}

/// Throws unless both target sizes are positive.
func checkTargetSize(height: Int, width: Int, layer: String) throws {
    guard height > 0 && width > 0 else {
        throw KerasError(.invalidArgument, "\(layer) expects a positive height and width, but received height=\(height), width=\(width).")
    }
}
