/// Rotates each image by a random angle while training (Keras's `RandomRotation`): the angle is
/// drawn uniformly from `factor × 360°` (a number `f` gives `[-f, f]`), the rotation is about the
/// image centre, counter-clockwise for positive angles, and uncovered points are filled per
/// `fillMode`. In inference the input passes through (cast to the layer's dtype).
///
/// ```swift
/// let rotate = try RandomRotation(factor: 0.1, seed: 42)   // up to ±36°
/// let y = try rotate(Tensor.ones([4, 32, 32, 3]), training: true)
/// ```
public final class RandomRotation: BaseRandomAffineLayer {
    /// The factor as given.
    public let factor: Factor
    /// The range of angles, as fractions of a full turn.
    public let lower: Double, upper: Double

    /// Makes the layer.
    ///
    /// - Parameters:
    ///   - factor: a fraction of a full turn `f` (angles in `[-f, f] × 360°`) or a `[lower, upper]`
    ///     pair, within `[-1, 1]`.
    ///   - fillMode: how uncovered points are filled (`.reflect` by default).
    ///   - interpolation: `.bilinear` (the default) or `.nearest`.
    ///   - seed: makes the angles reproducible.
    ///   - fillValue: the value of `.constant` fills.
    ///   - dataFormat: `.channelsLast` (the default) or `.channelsFirst`.
    ///   - name: the layer's name (`random_rotation`, ... by default).
    ///   - dtype: the dtype of the output.
    /// - Throws: ``KerasError`` when the factor is outside `[-1, 1]` or the interpolation is not
    ///   `nearest` or `bilinear`.
    public init(factor: Factor, fillMode: FillMode = .reflect, interpolation: Interpolation = .bilinear,
                seed: UInt64? = nil, fillValue: Double = 0, dataFormat: DataFormat = .channelsLast,
                name: String? = nil, dtype: DType = .float32) throws {
        (lower, upper) = try factor.resolved(bounds: (-1, 1), layer: "RandomRotation")
        self.factor = factor
        try super.init(fillMode: fillMode, interpolation: interpolation, fillValue: fillValue, seed: seed,
                       dataFormat: dataFormat, name: name, dtype: dtype)
    }

    override func randomTransforms(count: Int, height: Int, width: Int) -> [[Float]] {
        rotationTransforms(angles: uniform(count, lower * 360, upper * 360), height: height, width: width)
    }

    /// Keras's keys: `factor` as the resolved `(lower, upper)` pair, and the affine keys.
    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["factor"] = factor.kerasResolvedPair(lower: lower, upper: upper, lowerBound: -1)
        config.keepNumberKinds(of: kerasNumbersAsRead)
        return config
    }
}

extension RandomRotation: KerasSerializable {
    /// RandomRotation's config keys (Keras 3.15).
    public static let kerasConfigKeys = ["factor"] + affineKerasConfigKeys

    /// Rebuilds the layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.unsupported` for an interpolation other than `nearest` and
    ///   `bilinear` or a `bounding_box_format`; `.invalidConfig` for a missing or malformed
    ///   `factor`.
    public convenience init(config: LayerConfig) throws {
        let options = try Self.affineOptions(in: config)
        try self.init(factor: Factor.require(config, "factor"), fillMode: options.fillMode,
                      interpolation: options.interpolation, seed: options.seed, fillValue: options.fillValue,
                      dataFormat: options.dataFormat, name: config.name, dtype: config.dtype)
        trainable = config.trainable
        kerasNumbersAsRead = config.values
    }
}
