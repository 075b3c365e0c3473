/// Shifts each image by a random offset while training (Keras's `RandomTranslation`): up to
/// `heightFactor × height` rows and `widthFactor × width` columns (a number `f` gives `[-f, f]`;
/// positive values move the content down and right). Uncovered points are filled per `fillMode`.
/// In inference the input passes through (cast to the layer's dtype).
///
/// ```swift
/// let shift = try RandomTranslation(heightFactor: 0.1, widthFactor: [-0.2, 0.3], seed: 42)
/// let y = try shift(Tensor.ones([4, 32, 32, 3]), training: true)
/// ```
public final class RandomTranslation: BaseRandomAffineLayer {
    /// The vertical factor as given.
    public let heightFactor: Factor
    /// The horizontal factor as given.
    public let widthFactor: Factor
    private let heightRange: (lower: Double, upper: Double)
    private let widthRange: (lower: Double, upper: Double)

    /// Makes the layer.
    ///
    /// - Parameters:
    ///   - heightFactor: a fraction of the height `f` (shifts in `[-f, f] × height`) or a
    ///     `[lower, upper]` pair, each in `[-1, 1]`.
    ///   - widthFactor: the same for the width.
    ///   - fillMode: how uncovered points are filled (`.reflect` by default).
    ///   - interpolation: `.bilinear` (the default) or `.nearest`.
    ///   - seed: makes the shifts reproducible.
    ///   - fillValue: the value of `.constant` fills.
    ///   - dataFormat: `.channelsLast` (the default) or `.channelsFirst`.
    ///   - name: the layer's name (`random_translation`, ... by default).
    ///   - dtype: the dtype of the output.
    /// - Throws: ``KerasError`` when a factor is outside `[-1, 1]` or is not one number or a pair.
    public init(heightFactor: Factor, widthFactor: Factor, fillMode: FillMode = .reflect,
                interpolation: Interpolation = .bilinear, seed: UInt64? = nil, fillValue: Double = 0,
                dataFormat: DataFormat = .channelsLast, name: String? = nil, dtype: DType = .float32) throws {
        let valid: (Double) -> Bool = { $0 <= 1 && $0 >= -1 }
        heightRange = try heightFactor.resolvedSymmetric(argument: "height_factor", range: "[-1.0, 1.0]", layer: "RandomTranslation", valid: valid)
        widthRange = try widthFactor.resolvedSymmetric(argument: "width_factor", range: "[-1.0, 1.0]", layer: "RandomTranslation", valid: valid)
        self.heightFactor = heightFactor
        self.widthFactor = widthFactor
        try super.init(fillMode: fillMode, interpolation: interpolation, fillValue: fillValue, seed: seed,
                       dataFormat: dataFormat, name: name, dtype: dtype)
    }

    override func randomTransforms(count: Int, height: Int, width: Int) -> [[Float]] {
        let dy = uniform(count, heightRange.lower, heightRange.upper).map { $0 * Float(height) }
        let dx = uniform(count, widthRange.lower, widthRange.upper).map { $0 * Float(width) }
        return translationTransforms(dx: dx, dy: dy)
    }

    /// Keras's keys: `height_factor` and `width_factor` as given, and the affine keys.
    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["height_factor"] = heightFactor.kerasValue
        config["width_factor"] = widthFactor.kerasValue
        config.keepNumberKinds(of: kerasNumbersAsRead)
        return config
    }
}

extension RandomTranslation: KerasSerializable {
    /// RandomTranslation's config keys (Keras 3.15).
    public static let kerasConfigKeys = ["height_factor", "width_factor"] + affineKerasConfigKeys

    /// Rebuilds the layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.unsupported` for an interpolation other than `nearest` and
    ///   `bilinear` or a `bounding_box_format`; `.invalidConfig` for missing or malformed factors.
    public convenience init(config: LayerConfig) throws {
        let options = try Self.affineOptions(in: config)
        try self.init(heightFactor: Factor.require(config, "height_factor"), widthFactor: Factor.require(config, "width_factor"),
                      fillMode: options.fillMode, interpolation: options.interpolation, seed: options.seed,
                      fillValue: options.fillValue, dataFormat: options.dataFormat, name: config.name, dtype: config.dtype)
        trainable = config.trainable
        kerasNumbersAsRead = config.values
    }
}
