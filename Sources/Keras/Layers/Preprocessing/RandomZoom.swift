/// Zooms each image in or out by a random factor while training (Keras's `RandomZoom`): the
/// height is scaled by `1 + u`, `u` drawn from `heightFactor` (a number `f` gives `[-f, f]`;
/// positive values zoom out, negative ones zoom in), the width by its own draw from `widthFactor`
/// or by the same factor as the height when `widthFactor` is `nil`. In inference the input passes
/// through (cast to the layer's dtype).
///
/// ```swift
/// let zoom = try RandomZoom(heightFactor: [-0.3, -0.2], seed: 42)   // zoom in by 20-30%
/// let y = try zoom(Tensor.ones([4, 32, 32, 3]), training: true)
/// ```
public final class RandomZoom: BaseRandomAffineLayer {
    /// The height factor as given.
    public let heightFactor: Factor
    /// The width factor as given (`nil`: the height's zoom is used).
    public let widthFactor: Factor?
    private let heightRange: (lower: Double, upper: Double)
    private let widthRange: (lower: Double, upper: Double)?

    /// Makes the layer.
    ///
    /// - Parameters:
    ///   - heightFactor: a number `f` (zoom by `1 + [-f, f]`) or a `[lower, upper]` pair, each in
    ///     `(-1, 1]`.
    ///   - widthFactor: the same for the width; `nil` keeps the aspect ratio.
    ///   - fillMode: how uncovered points are filled (`.reflect` by default).
    ///   - interpolation: `.bilinear` (the default) or `.nearest`.
    ///   - seed: makes the zooms reproducible.
    ///   - fillValue: the value of `.constant` fills.
    ///   - dataFormat: `.channelsLast` (the default) or `.channelsFirst`.
    ///   - name: the layer's name (`random_zoom`, ... by default).
    ///   - dtype: the dtype of the output.
    /// - Throws: ``KerasError`` when a factor is outside `(-1, 1]` or is not one number or a pair.
    public init(heightFactor: Factor, widthFactor: Factor? = nil, fillMode: FillMode = .reflect,
                interpolation: Interpolation = .bilinear, seed: UInt64? = nil, fillValue: Double = 0,
                dataFormat: DataFormat = .channelsLast, name: String? = nil, dtype: DType = .float32) throws {
        let valid: (Double) -> Bool = { $0 <= 1 && $0 > -1 }
        heightRange = try heightFactor.resolvedSymmetric(argument: "height_factor", range: "(-1.0, 1.0]", layer: "RandomZoom", valid: valid)
        widthRange = try widthFactor.map { try $0.resolvedSymmetric(argument: "width_factor", range: "(-1.0, 1.0]", layer: "RandomZoom", valid: valid) }
        self.heightFactor = heightFactor
        self.widthFactor = widthFactor
        try super.init(fillMode: fillMode, interpolation: interpolation, fillValue: fillValue, seed: seed,
                       dataFormat: dataFormat, name: name, dtype: dtype)
    }

    override func randomTransforms(count: Int, height: Int, width: Int) -> [[Float]] {
        let heightZooms = uniform(count, 1 + heightRange.lower, 1 + heightRange.upper)
        let widthZooms = widthRange.map { uniform(count, 1 + $0.lower, 1 + $0.upper) } ?? heightZooms
        return zoomTransforms(widthZooms: widthZooms, heightZooms: heightZooms, height: height, width: width)
    }

    /// Keras's keys: `height_factor` and `width_factor` as given, and the affine keys.
    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["height_factor"] = heightFactor.kerasValue
        config["width_factor"] = widthFactor?.kerasValue ?? .null
        config.keepNumberKinds(of: kerasNumbersAsRead)
        return config
    }
}

extension RandomZoom: KerasSerializable {
    /// RandomZoom's config keys (Keras 3.15).
    public static let kerasConfigKeys = ["height_factor", "width_factor"] + affineKerasConfigKeys

    /// Rebuilds the layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.unsupported` for an interpolation other than `nearest` and
    ///   `bilinear` or a `bounding_box_format`; `.invalidConfig` for missing or malformed factors.
    public convenience init(config: LayerConfig) throws {
        let options = try Self.affineOptions(in: config)
        try self.init(heightFactor: Factor.require(config, "height_factor"), widthFactor: Factor.read(config, "width_factor"),
                      fillMode: options.fillMode, interpolation: options.interpolation, seed: options.seed,
                      fillValue: options.fillValue, dataFormat: options.dataFormat, name: config.name, dtype: config.dtype)
        trainable = config.trainable
        kerasNumbersAsRead = config.values
    }
}
