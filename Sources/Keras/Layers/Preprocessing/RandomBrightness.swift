/// Adds a random amount to each image while training (Keras's `RandomBrightness`): the amount is
/// `u × (valueRange.upper - valueRange.lower)`, `u` drawn from `factor` (a number `f` gives
/// `[-f, f]`), and the result is clipped to `valueRange`. In inference the input passes through.
///
/// ```swift
/// let brighten = try RandomBrightness(factor: [0, 0.2], valueRange: (0, 1), seed: 42)
/// let y = try brighten(Tensor.full([4, 8, 8, 3], value: 0.5), training: true)   // in [0.5, 0.7]
/// ```
public final class RandomBrightness: BaseRandomImageLayer {
    /// The factor as given.
    public let factor: Factor
    /// The range of the image values, sorted; outputs are clipped to it.
    public let valueRange: (lower: Double, upper: Double)
    private let lower: Double, upper: Double

    /// Makes the layer.
    ///
    /// - Parameters:
    ///   - factor: a number `f` in `[-1, 1]` or a pair overlapping `[-1, 1]`: the shift as a
    ///     fraction of the value range.
    ///   - valueRange: the range of the image values.
    ///   - seed: makes the shifts reproducible.
    ///   - dataFormat: `.channelsLast` (the default) or `.channelsFirst`.
    ///   - name: the layer's name (`random_brightness`, ... by default).
    ///   - dtype: the dtype of the computation.
    /// - Throws: ``KerasError`` when the factor is outside `[-1, 1]`.
    public init(factor: Factor, valueRange: (Double, Double) = (0, 255), seed: UInt64? = nil,
                dataFormat: DataFormat = .channelsLast, name: String? = nil, dtype: DType = .float32) throws {
        (lower, upper) = try factor.resolved(bounds: (-1, 1), layer: "RandomBrightness")
        self.factor = factor
        self.valueRange = (Swift.min(valueRange.0, valueRange.1), Swift.max(valueRange.0, valueRange.1))
        super.init(seed: seed, dataFormat: dataFormat, name: name, dtype: dtype)
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        guard training else { return input }
        let x = computeCast(input)
        let count = batchSize(of: x)
        let span = Float(valueRange.upper - valueRange.lower)
        let deltas = uniform(count, lower, upper).map { $0 * span }
        let delta = cast(Tensor(deltas, shape: x.rank == 4 ? [count, 1, 1, 1] : [1, 1, 1]), to: x.dtype)
        return clip(x + delta, min: valueRange.lower, max: valueRange.upper)
    }

    /// Keras's keys: `factor` as the resolved `(lower, upper)` pair, `value_range`, `seed` and
    /// `data_format`.
    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["factor"] = factor.kerasResolvedPair(lower: lower, upper: upper, lowerBound: -1)
        config["value_range"] = kerasValueRange(valueRange.lower, valueRange.upper)
        config["seed"] = .seedNumber(seed)
        config.keepNumberKinds(of: kerasNumbersAsRead)
        return config
    }
}

extension RandomBrightness: KerasSerializable {
    /// RandomBrightness's config keys (Keras 3.15).
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
