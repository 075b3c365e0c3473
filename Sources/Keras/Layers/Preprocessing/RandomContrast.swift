/// Scales each image's deviation from its mean by a random factor while training (Keras's
/// `RandomContrast`): `(x - mean) * c + mean`, the mean taken over height and width per channel,
/// then clipped to `valueRange`. As in Keras 3.15.1, `c` is drawn from `[1 - lower, 1 + upper]`
/// where a number `f` gives `lower = 0, upper = f` (contrast is only raised) and a pair is sorted
/// (`[-0.3, 0.3]` fixes `c = 1.3`). In inference the input passes through.
///
/// ```swift
/// let contrast = try RandomContrast(factor: 0.5, seed: 42)
/// let y = try contrast(Tensor.ones([4, 32, 32, 3]), training: true)
/// ```
public final class RandomContrast: BaseRandomImageLayer {
    /// The factor as given.
    public let factor: Factor
    /// The range outputs are clipped to (Keras's `value_range`).
    public let valueRange: (lower: Double, upper: Double)
    private let lower: Double, upper: Double

    /// Makes the layer.
    ///
    /// - Parameters:
    ///   - factor: a number `f` in `[0, 1]` or a pair overlapping `[0, 1]`.
    ///   - valueRange: the range of the image values; outputs are clipped to it.
    ///   - seed: makes the factors reproducible.
    ///   - dataFormat: `.channelsLast` (the default) or `.channelsFirst`.
    ///   - name: the layer's name (`random_contrast`, ... by default).
    ///   - dtype: the dtype of the computation.
    /// - Throws: ``KerasError`` when the factor is outside `[0, 1]`.
    public init(factor: Factor, valueRange: (Double, Double) = (0, 255), seed: UInt64? = nil,
                dataFormat: DataFormat = .channelsLast, name: String? = nil, dtype: DType = .float32) throws {
        (lower, upper) = try factor.resolved(bounds: (0, 1), layer: "RandomContrast")
        self.factor = factor
        self.valueRange = valueRange
        super.init(seed: seed, dataFormat: dataFormat, name: name, dtype: dtype)
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        guard training else { return input }
        let x = computeCast(input)
        let count = batchSize(of: x)
        let factors = uniform(count, 1 - lower, 1 + upper)
        let factorShape = x.rank == 4 ? [count, 1, 1, 1] : [1, 1, 1]
        let c = cast(Tensor(factors, shape: factorShape), to: x.dtype)
        let axes = spatialAxes(rank: x.rank)
        let mean = x.mean(axes: [axes.height], keepingDimensions: true).mean(axes: [axes.width], keepingDimensions: true)
        return clip((x - mean) * c + mean, min: valueRange.lower, max: valueRange.upper)
    }

    /// Keras's keys: `factor` as the resolved `(lower, upper)` pair, `value_range`, `seed` and
    /// `data_format`.
    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["factor"] = factor.kerasResolvedPair(lower: lower, upper: upper, lowerBound: 0)
        config["value_range"] = kerasValueRange(valueRange.lower, valueRange.upper)
        config["seed"] = .seedNumber(seed)
        config.keepNumberKinds(of: kerasNumbersAsRead)
        return config
    }
}

extension RandomContrast: KerasSerializable {
    /// RandomContrast's config keys (Keras 3.15).
    public static let kerasConfigKeys = ["factor", "value_range", "seed", "data_format", "bounding_box_format"]

    /// Rebuilds the layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.unsupported` for a `bounding_box_format`, `.invalidConfig` for
    ///   a missing or malformed `factor` or `value_range`.
    public convenience init(config: LayerConfig) throws {
        try self.init(factor: Factor.require(config, "factor"), valueRange: readValueRange(config, default: (0, 255)),
                      seed: config.uint64Seed("seed"), dataFormat: Self.dataFormat(in: config), name: config.name,
                      dtype: config.dtype)
        trainable = config.trainable
        kerasNumbersAsRead = config.values
    }
}
