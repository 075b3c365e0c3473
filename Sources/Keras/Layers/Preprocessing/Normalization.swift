import Foundation

/// Shifts and scales inputs to zero mean and unit variance with statistics computed beforehand
/// (Keras's `Normalization` preprocessing layer): `(x - mean) / max(sqrt(variance), 1e-7)`, or the
/// inverse `mean + x * max(sqrt(variance), 1e-7)` with `invert`.
///
/// The statistics come either from ``adapt(_:)`` on data, which stores them in the non-trainable
/// weights `mean`, `variance` (and Keras's legacy `count`, int32), or from `mean` and `variance`
/// given at construction (then the layer has no weights). `axis` names the axes that keep their
/// own statistics; every other axis is averaged over.
///
/// ```swift
/// let norm = try Normalization(axis: nil)
/// try norm.adapt(Tensor([1.0, 2, 3, 4, 5]))
/// let y = try norm(Tensor([1.0, 2, 3]))   // [-1.4142135, -0.70710677, 0]
/// ```
public final class Normalization: Layer {
    /// The axes with separate statistics (Keras's `axis` as a tuple; empty: one scalar mean).
    public let axis: [Int]
    /// The mean given at construction, if any (Keras's `mean`).
    public let inputMean: Tensor?
    /// The variance given at construction, if any (Keras's `variance`).
    public let inputVariance: Tensor?
    /// Whether the layer undoes a normalization instead.
    public let invert: Bool

    /// The adapted mean, shaped as the kept axes (after build, when no mean was given).
    public private(set) var adaptMean: Variable?
    /// The adapted variance, shaped as the kept axes.
    public private(set) var adaptVariance: Variable?
    /// Keras's legacy `count` weight (int32 scalar, kept for file compatibility).
    public private(set) var count: Variable?

    private var keepAxes: [Int] = []
    private var reduceAxes: [Int] = []
    private var broadcastShape: [Int] = []
    private var statisticsShape: [Int] = []
    private var buildShape: TensorShape?
    private var givenMean: Tensor?
    private var givenVariance: Tensor?

    /// Makes the layer.
    ///
    /// - Parameters:
    ///   - axis: the axes that keep separate statistics (negative ones count from the end);
    ///     `nil` normalizes everything by one scalar mean and variance. Defaults to the last axis.
    ///   - mean: the mean to use instead of adapting, broadcast to the kept axes (aligned from the
    ///     right).
    ///   - variance: the variance to use with `mean`.
    ///   - invert: turn normalized values back into the original scale.
    ///   - name: the layer's name (`normalization`, ... by default).
    ///   - dtype: the dtype of the computation and the weights.
    /// - Throws: ``KerasError`` when only one of `mean` and `variance` is given, when their shapes
    ///   differ, or when they have more axes than `axis`.
    public init(axis: [Int]? = [-1], mean: Tensor? = nil, variance: Tensor? = nil, invert: Bool = false,
                name: String? = nil, dtype: DType = .float32) throws {
        let axes = axis ?? []
        if (mean == nil) != (variance == nil) {
            throw KerasError(.invalidArgument, "Normalization: when setting values directly, both `mean` and `variance` must be set. Received: mean=\(mean.map { "\($0)" } ?? "None") and variance=\(variance.map { "\($0)" } ?? "None").")
        }
        if let mean, let variance {
            guard mean.shape == variance.shape else {
                throw KerasError(.invalidArgument, "Normalization: when setting values directly, `mean` and `variance` must have the same shape. Received: mean shape \(mean.shape.asTensorShape.kerasDescription) and variance shape \(variance.shape.asTensorShape.kerasDescription).")
            }
            guard mean.rank <= axes.count else {
                throw KerasError(.invalidArgument, "Normalization: the rank of `mean` must be less than or equal to the number of axes (\(axes.count)). Received: mean shape \(mean.shape.asTensorShape.kerasDescription) for axis \(axes).")
            }
        }
        self.axis = axes
        self.inputMean = mean
        self.inputVariance = variance
        self.invert = invert
        super.init(name: name, dtype: dtype)
        supportsMasking = true
    }

    override public func build(inputShape: TensorShape) throws {
        let ndim = inputShape.count
        if let bad = axis.first(where: { $0 < -ndim || $0 >= ndim }) {
            throw KerasError(.invalidArgument, "Layer \"\(name)\" (Normalization): all `axis` values must be in the range [-ndim, ndim). Received inputs with ndim=\(ndim), while axis=\(axis) (\(bad) is out of range).")
        }
        keepAxes = Array(Set(axis.map { $0 < 0 ? $0 + ndim : $0 })).sorted()
        for d in keepAxes where inputShape[d] == nil {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (Normalization): all `axis` values to be kept must have a known shape. Received axis=\(axis), inputs.shape=\(inputShape.kerasDescription), with unknown axis at index \(d).")
        }
        reduceAxes = (0..<ndim).filter { !keepAxes.contains($0) }
        broadcastShape = (0..<ndim).map { keepAxes.contains($0) ? inputShape[$0]! : 1 }
        statisticsShape = keepAxes.map { inputShape[$0]! }
        buildShape = inputShape
        if let inputMean, let inputVariance {
            givenMean = try aligned(inputMean, what: "mean")
            givenVariance = try aligned(inputVariance, what: "variance")
        } else {
            adaptMean = try addWeight(name: "mean", shape: statisticsShape, initializer: .zeros, trainable: false)
            adaptVariance = try addWeight(name: "variance", shape: statisticsShape, initializer: .ones, trainable: false)
            count = try addWeight(name: "count", shape: [], initializer: .zeros, trainable: false, dtype: .int32)
        }
    }

    /// A given mean or variance with its axes aligned to the kept axes from the right, broadcast
    /// to the input's rank.
    private func aligned(_ value: Tensor, what: String) throws -> Tensor {
        var expanded = [Int](repeating: 1, count: broadcastShape.count)
        if value.rank > 0 {
            for i in 1...value.rank { expanded[keepAxes[keepAxes.count - i]] = value.shape[value.rank - i] }
        }
        guard Shape.broadcast(expanded, broadcastShape) == broadcastShape else {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (Normalization): the given \(what) of shape \(value.shape.asTensorShape.kerasDescription) cannot be broadcast to the kept axes of shape \(statisticsShape.asTensorShape.kerasDescription) (axis=\(axis), input shape \(buildShape?.kerasDescription ?? "?")).")
        }
        return cast(value, to: dtype).reshaped(to: expanded).broadcasted(to: broadcastShape)
    }

    /// Computes the mean and variance of `data` over every axis but the kept ones and stores them
    /// in the layer's weights (Keras's `adapt` on an array). Builds the layer from `data`'s shape
    /// when it is not built yet.
    ///
    /// - Throws: ``KerasError`` when the layer was given `mean` and `variance`, or when `data`
    ///   differs from the built shape on a kept axis.
    public func adapt(_ data: Tensor) throws {
        try adapt(batches: [data], accumulate: false)
    }

    /// Adapts on data given as batches, merging each batch's statistics as Keras does for a
    /// dataset (weighted means and the lack-of-fit formula for the variance).
    public func adapt(batches: [Tensor]) throws {
        try adapt(batches: batches, accumulate: true)
    }

    private func adapt(batches: [Tensor], accumulate: Bool) throws {
        guard inputMean == nil else {
            throw KerasError(.invalidArgument, "Layer \"\(name)\" (Normalization) was given `mean` and `variance` at construction, so it cannot be adapted. Make the layer without them to adapt it.")
        }
        guard let first = batches.first else {
            throw KerasError(.invalidArgument, "Layer \"\(name)\" (Normalization): adapt() received no batches. Pass at least one tensor.")
        }
        if !isBuilt {
            try buildIfNeeded([first.shape.asTensorShape])
        }
        let statisticsCount = statisticsShape.reduce(1, *)
        var totalMean = [Double](repeating: 0, count: statisticsCount)
        var totalVariance = [Double](repeating: 0, count: statisticsCount)
        var totalCount = 0
        for batch in batches {
            guard batch.rank == broadcastShape.count, keepAxes.allSatisfy({ batch.shape[$0] == broadcastShape[$0] }) else {
                throw KerasError(.incompatibleShape, "Layer \"\(name)\" (Normalization) was built with input_shape=\(buildShape?.kerasDescription ?? "?"), but adapt() is being called with data with an incompatible shape, data.shape=\(batch.shape.asTensorShape.kerasDescription).")
            }
            let (mean, variance, n) = statistics(of: batch)
            guard accumulate else { totalMean = mean; totalVariance = variance; break }
            totalCount += n
            let batchWeight = Double(n) / Double(totalCount)
            let existingWeight = 1 - batchWeight
            for k in 0..<statisticsCount {
                let newMean = totalMean[k] * existingWeight + mean[k] * batchWeight
                let a = totalMean[k] - newMean, b = mean[k] - newMean
                totalVariance[k] = (totalVariance[k] + a * a) * existingWeight + (variance[k] + b * b) * batchWeight
                totalMean[k] = newMean
            }
        }
        adaptMean?.assign(Tensor(totalMean, shape: statisticsShape, dtype: dtype))
        adaptVariance?.assign(Tensor(totalVariance, shape: statisticsShape, dtype: dtype))
    }

    /// The mean and (population) variance of `batch` for each position of the kept axes, and the
    /// number of values each was taken over.
    private func statistics(of batch: Tensor) -> (mean: [Double], variance: [Double], count: Int) {
        // Move the kept axes to the end: [reduced..., kept...].
        let moved = batch.transposed(axes: reduceAxes + keepAxes)
        let values = moved.doubles
        let k = statisticsShape.reduce(1, *)
        let n = k == 0 ? 0 : values.count / k
        var mean = [Double](repeating: 0, count: k)
        var variance = [Double](repeating: 0, count: k)
        for r in 0..<n { for j in 0..<k { mean[j] += values[r * k + j] } }
        for j in 0..<k { mean[j] /= Double(Swift.max(n, 1)) }
        for r in 0..<n { for j in 0..<k { let d = values[r * k + j] - mean[j]; variance[j] += d * d } }
        for j in 0..<k { variance[j] /= Double(Swift.max(n, 1)) }
        return (mean, variance, reduceAxes.isEmpty ? 1 : n)
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        let mean: Tensor, variance: Tensor
        if let givenMean, let givenVariance {
            (mean, variance) = (givenMean, givenVariance)
        } else if let adaptMean, let adaptVariance {
            mean = adaptMean.value.reshaped(to: broadcastShape)
            variance = adaptVariance.value.reshaped(to: broadcastShape)
        } else {
            throw notBuilt(self)
        }
        let x = input.dtype == dtype ? input : cast(input, to: dtype)
        let scale = maximum(sqrt(variance), 1e-7)
        return invert ? mean + x * scale : (x - mean) / scale
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape { inputShape }

    /// Keras's keys: `axis` (a list; `[]` for `None`), `invert`, and `mean` and `variance` as
    /// given (`null` for an adapted layer, whose statistics are its weights).
    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["axis"] = .array(axis.map { .int($0) })
        config["invert"] = .bool(invert)
        config["mean"] = inputMean.map(JSONValue.init(listing:)) ?? .null
        config["variance"] = inputVariance.map(JSONValue.init(listing:)) ?? .null
        return config
    }
}

extension Normalization: KerasSerializable {
    /// Normalization's config keys (Keras 3.15).
    public static let kerasConfigKeys = ["axis", "mean", "variance", "invert"]

    /// Rebuilds the layer from its Keras config: `mean` and `variance` (numbers or nested
    /// lists) when given; an adapted layer's statistics come with its weights.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for malformed values, and the errors of
    ///   ``init(axis:mean:variance:invert:name:dtype:)``.
    public convenience init(config: LayerConfig) throws {
        let axis = config["axis"] == nil ? [-1] : try config.optionalInts("axis")
        try self.init(axis: axis, mean: config.optionalTensor("mean"), variance: config.optionalTensor("variance"),
                      invert: config.bool("invert", default: false), name: config.name, dtype: config.dtype)
        trainable = config.trainable
    }
}
