/// Buckets continuous values into ranges (Keras's `Discretization`): each value becomes the index
/// of the first boundary above it (`bins[i-1] <= x < bins[i]`, as `numpy.digitize`), encoded as
/// ``OutputMode/int`` (int32), `oneHot`, `multiHot` or `count` over `boundaries + 1` bins.
///
/// The boundaries are given, or computed by ``adapt(_:)`` as approximate quantiles with Keras's
/// own summary algorithm (the same numbers as Keras 3.15.1 for the same data).
///
/// ```swift
/// let bucket = try Discretization(binBoundaries: [0, 1, 2])
/// let y = try bucket(Tensor([-1.5, 1.0, 3.4, 0.5], shape: [1, 4]))   // [[0, 2, 3, 1]]
/// ```
public final class Discretization: Layer {
    /// The bin boundaries (given, or set by ``adapt(_:)``); `nil` until then.
    public private(set) var binBoundaries: [Double]?
    /// The number of bins ``adapt(_:)`` computes boundaries for.
    public let numBins: Int?
    /// The approximate precision of the quantiles ``adapt(_:)`` computes.
    public let epsilon: Double
    /// How the bin indices are returned.
    public let outputMode: OutputMode

    /// Keras's running quantile summary: values and weights.
    private var summary: (values: [Float], weights: [Float]) = ([], [])

    /// Makes the layer.
    ///
    /// - Parameters:
    ///   - binBoundaries: the sorted boundaries of the bins; give these or `numBins`.
    ///   - numBins: the number of bins to find with ``adapt(_:)``.
    ///   - epsilon: the error tolerance of the quantiles (about `1 / epsilon` summary points).
    ///   - outputMode: `.int` (the default), `.oneHot`, `.multiHot` or `.count`.
    ///   - name: the layer's name (`discretization`, ... by default).
    ///   - dtype: the dtype of encoded outputs (`int` outputs are int32).
    /// - Throws: ``KerasError`` when both or neither of `binBoundaries` and `numBins` are given,
    ///   `numBins` is negative, or the output mode is `tfIdf`.
    public init(binBoundaries: [Double]? = nil, numBins: Int? = nil, epsilon: Double = 0.01,
                outputMode: OutputMode = .int, name: String? = nil, dtype: DType = .float32) throws {
        try checkOutputMode(outputMode, allowed: [.int, .oneHot, .multiHot, .count], layer: "Discretization")
        if let numBins, numBins < 0 {
            throw KerasError(.invalidArgument, "Discretization: `num_bins` must be greater than or equal to 0. Received: `num_bins=\(numBins)`.")
        }
        if numBins != nil && binBoundaries != nil {
            throw KerasError(.invalidArgument, "Discretization: both `num_bins` and `bin_boundaries` should not be set. Received: `num_bins=\(numBins!)` and `bin_boundaries=\(binBoundaries!)`.")
        }
        if numBins == nil && binBoundaries == nil {
            throw KerasError(.invalidArgument, "Discretization: you need to set either `num_bins` or `bin_boundaries`.")
        }
        self.binBoundaries = binBoundaries
        self.numBins = numBins
        self.epsilon = epsilon
        self.outputMode = outputMode
        super.init(name: name, dtype: dtype)
    }

    /// The number of bins the output encodes.
    var depth: Int { binBoundaries.map { $0.count + 1 } ?? numBins ?? 0 }

    /// Finds `numBins` bins holding about equal shares of `data`, with Keras's approximate
    /// quantile summary (values are read as float32, as Keras does).
    ///
    /// - Throws: ``KerasError`` when the layer was made with `binBoundaries`.
    public func adapt(_ data: Tensor) throws { try adapt(batches: [data]) }

    /// Adapts on data given as batches, merging each batch's summary as Keras does for a dataset.
    public func adapt(batches: [Tensor]) throws {
        guard let numBins else {
            throw KerasError(.invalidArgument, "Layer \"\(name)\" (Discretization): cannot adapt a Discretization layer that has been initialized with `bin_boundaries`, use `num_bins` instead.")
        }
        summary = ([], [])
        for batch in batches {
            let next = QuantileSummary.summarize(cast(batch, to: .float32).floats, epsilon: epsilon)
            summary = QuantileSummary.merge(next, summary, epsilon: epsilon)
        }
        binBoundaries = QuantileSummary.binBoundaries(summary, numBins: numBins)
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        guard let binBoundaries else {
            throw KerasError(.invalidArgument, "Layer \"\(name)\" (Discretization): you need to either pass the `bin_boundaries` argument at construction time or call `adapt(dataset)` before you can start using the `Discretization` layer.")
        }
        // Both sides in float32, as Keras converts the inputs and the boundaries.
        let bins = binBoundaries.map { Float($0) }
        let indices = cast(input, to: .float32).floats.map { x -> Int in
            if x.isNaN { return bins.count }
            var lo = 0, hi = bins.count
            while lo < hi { let mid = (lo + hi) / 2; if bins[mid] <= x { lo = mid + 1 } else { hi = mid } }
            return lo
        }
        let index = Tensor(indices, shape: input.shape, dtype: .int32)
        return encodeCategorical(index, mode: outputMode, depth: depth, dtype: outputMode == .int ? .int32 : dtype)
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape {
        encodedShape(inputShape, mode: outputMode, depth: depth)
    }

    override public func computeOutputDType(_ inputDTypes: [DType]) -> DType { outputMode == .int ? .int32 : dtype }

    /// The config this layer was read from, whose number kinds (`1` or `1.0`) ``kerasConfig``
    /// keeps.
    var kerasNumbersAsRead = JSONObject()

    /// Keras's own `get_config()` of Discretization: its keys, `name`, and `dtype` as a plain
    /// string (no `trainable`, no policy object).
    override public var kerasConfig: JSONObject {
        var config: JSONObject = [
            "bin_boundaries": binBoundaries.map { .array($0.map { .double($0) }) } ?? .null,
            "num_bins": numBins.map { .int($0) } ?? .null, "epsilon": .double(epsilon),
            "output_mode": .string(outputMode.rawValue), "sparse": false, "name": .string(name),
            "dtype": .string(dtype.rawValue)]
        config.keepNumberKinds(of: kerasNumbersAsRead)
        return config
    }
}

extension Discretization: KerasSerializable {
    /// Discretization's config keys (Keras 3.15).
    public static let kerasConfigKeys = ["bin_boundaries", "num_bins", "epsilon", "output_mode", "sparse"]

    /// Rebuilds the layer from its Keras config. An adapted layer's config holds both
    /// `bin_boundaries` and `num_bins`, as Keras's `from_config` accepts.
    ///
    /// - Throws: ``KerasError`` `.unsupported` for `sparse=true`, `.invalidConfig` when neither
    ///   `bin_boundaries` nor `num_bins` is given or a value is malformed.
    public convenience init(config: LayerConfig) throws {
        try config.refuse("sparse", unless: false)
        let boundaries = try config.optionalDoubles("bin_boundaries")
        let numBins = try config.optionalInt("num_bins")
        try self.init(binBoundaries: numBins == nil ? boundaries : nil, numBins: numBins,
                      epsilon: config.double("epsilon", default: 0.01),
                      outputMode: config.enumeration("output_mode", default: OutputMode.int), name: config.name,
                      dtype: config.dtype)
        if numBins != nil, let boundaries { binBoundaries = boundaries }
        trainable = config.trainable
        kerasNumbersAsRead = config.values
    }
}

/// Keras's approximate quantile summary of `Discretization.adapt`, step for step (float32 values
/// and weights, float64 interpolation as `numpy.interp`), so adapted boundaries equal Keras's.
enum QuantileSummary {
    typealias Summary = (values: [Float], weights: [Float])

    /// Every `step`-th sorted value, each weighing `step` (Keras's `summarize`).
    static func summarize(_ values: [Float], epsilon: Double) -> Summary {
        let sorted = values.sorted { $0 < $1 || (!$0.isNaN && $1.isNaN) }
        let increment = Double(sorted.count) / (1.0 / epsilon)
        let step = Swift.max(increment, 1)
        let start = Int(step - 1), stride = Int(step)
        var picked: [Float] = []
        var i = start
        while i < sorted.count { picked.append(sorted[i]); i += stride }
        return (picked, [Float](repeating: Float(step), count: picked.count))
    }

    /// Both summaries sorted together by value, then compressed (Keras's `merge_summaries`).
    static func merge(_ a: Summary, _ b: Summary, epsilon: Double) -> Summary {
        let values = a.values + b.values, weights = a.weights + b.weights
        let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        return compress((order.map { values[$0] }, order.map { weights[$0] }), epsilon: epsilon)
    }

    /// The boundaries for `numBins` bins: the compressed summary without its last value.
    static func binBoundaries(_ summary: Summary, numBins: Int) -> [Double] {
        let values = compress(summary, epsilon: 1.0 / Double(numBins)).values
        return values.dropLast().map { Double($0) }
    }

    /// Re-samples a summary at cumulative-weight fractions `epsilon, 2 epsilon, ...` (Keras's
    /// `compress_summary`); small summaries are returned as they are.
    static func compress(_ summary: Summary, epsilon: Double) -> Summary {
        if Double(summary.values.count) * epsilon < 1 { return summary }
        // numpy.arange(0, 1, epsilon): ceil(1 / epsilon) points i * epsilon.
        let count = Int((1.0 / epsilon).rounded(.up))
        let percents = (0..<count).map { epsilon + Double($0) * epsilon }
        var cumulative = [Float](repeating: 0, count: summary.weights.count)
        var running: Float = 0
        for (i, w) in summary.weights.enumerated() { running += w; cumulative[i] = running }
        let total = cumulative.last ?? 1
        let fractions = cumulative.map { Double($0 / total) }
        let newValues = interpolate(percents, fractions, summary.values.map(Double.init))
        let newCumulative = interpolate(percents, fractions, cumulative.map(Double.init))
        var newWeights = [Double](repeating: 0, count: newCumulative.count)
        for i in newCumulative.indices { newWeights[i] = newCumulative[i] - (i > 0 ? newCumulative[i - 1] : 0) }
        return (newValues.map { Float($0) }, newWeights.map { Float($0) })
    }

    /// `numpy.interp(x, xp, fp)` for non-decreasing `xp`: the same bracket, slope and formula.
    static func interpolate(_ x: [Double], _ xp: [Double], _ fp: [Double]) -> [Double] {
        let n = xp.count
        guard n > 0 else { return x.map { _ in .nan } }
        return x.map { v in
            if v.isNaN { return v }
            if n == 1 { return fp[0] }
            if v > xp[n - 1] { return fp[n - 1] }
            if v < xp[0] { return fp[0] }
            // The last j with xp[j] <= v.
            var lo = 0, hi = n
            while lo < hi { let mid = (lo + hi) / 2; if xp[mid] <= v { lo = mid + 1 } else { hi = mid } }
            let j = lo - 1
            if j == n - 1 || xp[j] == v { return fp[j] }
            let slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j])
            var result = slope * (v - xp[j]) + fp[j]
            if result.isNaN {
                result = slope * (v - xp[j + 1]) + fp[j + 1]
                if result.isNaN && fp[j] == fp[j + 1] { result = fp[j] }
            }
            return result
        }
    }
}
