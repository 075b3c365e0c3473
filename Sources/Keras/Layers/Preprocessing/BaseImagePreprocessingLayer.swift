/// The shared base of the image preprocessing layers (Keras's `BaseImagePreprocessingLayer`):
/// inputs are one image (rank 3) or a batch (rank 4), laid out by ``dataFormat``.
///
/// ```swift
/// let crop: BaseImagePreprocessingLayer = try CenterCrop(height: 24, width: 24)
/// let y = try crop(Tensor.ones([8, 32, 32, 3]))   // [8, 24, 24, 3]
/// ```
public class BaseImagePreprocessingLayer: Layer {
    /// Where the channel axis sits.
    public let dataFormat: DataFormat

    /// Stores the data format; inputs must have rank 3 or 4.
    init(dataFormat: DataFormat, name: String?, dtype: DType) {
        self.dataFormat = dataFormat
        super.init(name: name, dtype: dtype)
        inputSpec = [InputSpec(minRank: 3, maxRank: 4)]
    }

    /// The height and width axes of an input of `rank`.
    func spatialAxes(rank: Int) -> (height: Int, width: Int) { imageAxes(rank: rank, dataFormat: dataFormat) }

    /// The number of images in `x` (1 for a single image).
    func batchSize(of x: Tensor) -> Int { x.rank == 4 ? x.shape[0] : 1 }

    /// `x` in the layer's dtype.
    func computeCast(_ x: Tensor) -> Tensor { x.dtype == dtype ? x : cast(x, to: dtype) }

    /// The config this layer was read from, whose number kinds (`1` or `1.0`) the subclasses'
    /// ``kerasConfig`` keep.
    var kerasNumbersAsRead = JSONObject()

    /// The base keys and Keras's `data_format`.
    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["data_format"] = .string(dataFormat.rawValue)
        return config
    }

    /// The `data_format` of an image layer's config (`channels_last` when absent or `null`).
    ///
    /// - Throws: ``KerasError`` `.unsupported` for a `bounding_box_format` (swift-keras
    ///   transforms images only), `.invalidConfig` for an unknown format.
    static func dataFormat(in config: LayerConfig) throws -> DataFormat {
        try LayerConfig.refuse(config, ["bounding_box_format"])
        return try config.enumeration("data_format", default: DataFormat.channelsLast)
    }
}

/// The shared base of the random image layers: the `seed` and the ``SeedGenerator`` that gives
/// each training call fresh random numbers. In inference (`training: false`, the default call)
/// they return their input unchanged unless they document otherwise.
///
/// ```swift
/// let flip: BaseRandomImageLayer = try RandomFlip(seed: 7)
/// let y = try flip(Tensor.ones([2, 8, 8, 3]), training: true)
/// ```
public class BaseRandomImageLayer: BaseImagePreprocessingLayer {
    /// The seed given at construction (`nil`: a random one).
    public let seed: UInt64?
    /// The stream of seeds, one per random draw.
    public let seedGenerator: SeedGenerator

    /// Stores the seed and the data format.
    init(seed: UInt64?, dataFormat: DataFormat, name: String?, dtype: DType) {
        self.seed = seed
        self.seedGenerator = SeedGenerator(seed: seed)
        super.init(dataFormat: dataFormat, name: name, dtype: dtype)
    }

    /// `count` uniform samples in `[lower, upper)` (exactly `lower` when the two are equal), in
    /// float32 as Keras draws them.
    func uniform(_ count: Int, _ lower: Double, _ upper: Double) -> [Float] {
        if lower == upper { return [Float](repeating: Float(lower), count: count) }
        return Random.uniform([count], min: lower, max: upper, dtype: .float32, seed: seedGenerator.next()).floats
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape { inputShape }
}

/// A random factor: one number `f` (usually the range `[-f, f]`) or a `[lower, upper]` pair
/// (Keras's "a float or a tuple of two floats"); each layer documents how it reads it.
///
/// ```swift
/// let rotate = try RandomRotation(factor: 0.1)            // ±36°
/// let rotateRight = try RandomRotation(factor: [-0.25, 0]) // up to 90° clockwise
/// ```
public struct Factor: Sendable, Hashable, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral,
                      ExpressibleByArrayLiteral, CustomStringConvertible {
    /// The values as given: one number, or a pair.
    public var values: [Double]

    /// One number.
    public init(_ value: Double) { values = [value] }
    /// A `[lower, upper]` pair (or one number).
    public init(_ values: [Double]) { self.values = values }
    /// One number: `factor: 0.2`.
    public init(floatLiteral value: Double) { values = [value] }
    /// One number: `factor: 1`.
    public init(integerLiteral value: Int) { values = [Double(value)] }
    /// A pair: `factor: [-0.2, 0.3]`.
    public init(arrayLiteral elements: Double...) { values = elements }

    /// `0.2` or `(-0.2, 0.3)`, as Keras prints it.
    public var description: String {
        values.count == 1 ? "\(values[0])" : "(" + values.map { "\($0)" }.joined(separator: ", ") + ")"
    }

    /// The factor as given, as Keras's `RandomZoom` and `RandomTranslation` write it: one number
    /// or a list.
    var kerasValue: JSONValue {
        values.count == 1 ? .double(values[0]) : .array(values.map { .double($0) })
    }

    /// The resolved `(lower, upper)` pair as Keras's `_set_factor` stores and writes it: for one
    /// number `f`, `max(-|f|, lowerBound)` keeps the (integer) bound when it wins.
    func kerasResolvedPair(lower: Double, upper: Double, lowerBound: Double) -> JSONValue {
        guard values.count == 1 else { return [.double(lower), .double(upper)] }
        let f = Swift.abs(values[0])
        return [-f < lowerBound ? .pythonNumber(lowerBound, integral: true) : .double(-f), .double(f)]
    }

    /// A factor from a config: one number or a list of numbers; `nil` when absent or `null`.
    static func read(_ config: LayerConfig, _ key: String) throws -> Factor? {
        try config.optionalDoubles(key).map(Factor.init)
    }

    /// A required factor from a config.
    static func require(_ config: LayerConfig, _ key: String) throws -> Factor {
        guard let factor = try read(config, key) else {
            throw KerasError(.invalidConfig, "\(config.className) \"\(config.name ?? "?")\" needs a number or a list of two numbers under \"\(key)\", but the config has none.")
        }
        return factor
    }

    /// Keras's `_set_factor` of `BaseImagePreprocessingLayer` for `bounds`: a number `f` in the
    /// bounds gives `(max(-|f|, lo), |f|)`; a pair must overlap the bounds and is sorted.
    func resolved(bounds: (Double, Double), layer: String) throws -> (lower: Double, upper: Double) {
        let error = KerasError(.invalidArgument, "\(layer): the `factor` argument should be a number (or a list of two numbers) in the range [\(bounds.0), \(bounds.1)]. Received: factor=\(self).")
        if values.count == 1 {
            let f = values[0]
            guard f >= bounds.0 && f <= bounds.1 else { throw error }
            return (Swift.max(-Swift.abs(f), bounds.0), Swift.abs(f))
        }
        guard values.count == 2, values[0] <= bounds.1, values[1] >= bounds.0 else { throw error }
        return (Swift.min(values[0], values[1]), Swift.max(values[0], values[1]))
    }

    /// The per-argument form of `RandomZoom` and `RandomTranslation`: every value must satisfy
    /// `valid`; a number `f` gives `(-|f|, |f|)` and a pair is sorted.
    func resolvedSymmetric(argument: String, range: String, layer: String, valid: (Double) -> Bool) throws
        -> (lower: Double, upper: Double) {
        guard values.count == 1 || values.count == 2 else {
            throw KerasError(.invalidArgument, "\(layer): the `\(argument)` argument should be a number (or a list of two numbers) in the range \(range). Received: \(argument)=\(self).")
        }
        for v in values where !valid(v) {
            throw KerasError(.invalidArgument, "\(layer): the `\(argument)` argument should be a number (or a list of two numbers) in the range \(range). Received: \(argument)=\(self) (\(v) is outside the range).")
        }
        if values.count == 1 { return (-Swift.abs(values[0]), Swift.abs(values[0])) }
        return (Swift.min(values[0], values[1]), Swift.max(values[0], values[1]))
    }
}

/// A `value_range` as Keras writes it: a list of two numbers, integers where they are whole (as
/// Keras's default `(0, 255)`; a value read from a file keeps its own kinds).
func kerasValueRange(_ lower: Double, _ upper: Double) -> JSONValue {
    [.pythonNumber(lower, integral: true), .pythonNumber(upper, integral: true)]
}

/// A `value_range` from a config: two numbers; `defaultValue` when absent or `null`.
func readValueRange(_ config: LayerConfig, default defaultValue: (Double, Double)) throws -> (Double, Double) {
    guard let values = try config.optionalDoubles("value_range") else { return defaultValue }
    guard values.count == 2 else {
        throw KerasError(.invalidConfig, "\(config.className) \"\(config.name ?? "?")\": the `value_range` argument should be a list of two numbers. Received: value_range=\(config["value_range"]!.serialized()).")
    }
    return (values[0], values[1])
}
