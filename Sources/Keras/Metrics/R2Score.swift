/// The coefficient of determination R² of regression outputs (Keras's `keras.metrics.R2Score`).
///
/// `R² = 1 - Σ(yTrue - yPred)² / Σ(yTrue - mean(yTrue))²` per output column, accumulated over
/// updates, then averaged as `classAggregation` says. With `numRegressors` it is the adjusted
/// R² (falling back to plain R² when there are too few samples, where Keras also warns).
///
/// Shapes: `yTrue` and `yPred` `[batch, outputs]`; `sampleWeight` `[batch]` or `[batch, outputs]`.
/// State: `num_samples`, then at the first update `squared_sum`, `sum`, `residual` and `count`,
/// each `[outputs]`.
///
/// ```swift
/// let r2 = try R2Score()
/// try r2.update(Tensor([1, 4, 3.0], shape: [3, 1]), Tensor([2, 4, 4.0], shape: [3, 1]))
/// try r2.result()   // 0.5714
/// ```
public final class R2Score: Metric, @unchecked Sendable {
    /// How the per-output scores are combined (Keras's `class_aggregation`); `nil` keeps them.
    public enum ClassAggregation: String, Sendable, CaseIterable {
        /// The plain mean of the per-output scores.
        case uniformAverage = "uniform_average"
        /// The mean weighted by each output's variance.
        case varianceWeightedAverage = "variance_weighted_average"
    }

    /// How per-output scores are combined; `nil` returns `[outputs]`.
    public let classAggregation: ClassAggregation?
    /// The number of independent regressors, for the adjusted R² (0: plain R²).
    public let numRegressors: Int
    private var numSamples: Variable!
    private var squaredSum: Variable?
    private var sum: Variable?
    private var residual: Variable?
    private var count: Variable?

    /// Makes the metric.
    ///
    /// - Parameters:
    ///   - classAggregation: `.uniformAverage` (default), `.varianceWeightedAverage`, or `nil`.
    ///   - numRegressors: regressors for the adjusted R² (0).
    ///   - name: `"r2_score"` unless given.
    ///   - dtype: the dtype of the state (`float32`).
    /// - Throws: ``KerasError`` when `numRegressors` is negative.
    public init(classAggregation: ClassAggregation? = .uniformAverage, numRegressors: Int = 0,
                name: String? = nil, dtype: DType = .float32) throws {
        guard numRegressors >= 0 else {
            throw KerasError(.invalidArgument, "R2Score expects numRegressors >= 0, but received numRegressors=\(numRegressors).")
        }
        self.classAggregation = classAggregation
        self.numRegressors = numRegressors
        super.init(name: name ?? "r2_score", dtype: dtype)
        numSamples = addVariable(name: "num_samples", shape: [])
    }

    /// Accumulates one batch of `[batch, outputs]` targets and predictions.
    public override func update(_ yTrue: Tensor, _ yPred: Tensor, sampleWeight: Tensor? = nil) throws {
        try withoutGradients {
            let (t, p) = Loss.squeezeOrExpandToSameRank(yTrue.cast(to: dtype), yPred.cast(to: dtype))
            guard t.rank == 2, p.rank == 2, t.shape == p.shape else {
                throw KerasError(.incompatibleShape, "R2Score \"\(name)\" expects 2D inputs of the same shape (batch_size, output_dim), but received yTrue of shape \(Shape.describe(yTrue.shape)) and yPred of shape \(Shape.describe(yPred.shape)).")
            }
            if sum == nil {
                let outputs = [p.shape[1]]
                squaredSum = addVariable(name: "squared_sum", shape: outputs)
                sum = addVariable(name: "sum", shape: outputs)
                residual = addVariable(name: "residual", shape: outputs)
                count = addVariable(name: "count", shape: outputs)
            }
            guard let squaredSum, let sum, let residual, let count else { return }
            guard sum.shape == [p.shape[1]] else {
                throw KerasError(.incompatibleShape, "R2Score \"\(name)\" accumulates \(sum.shape[0]) outputs, but received inputs of shape \(Shape.describe(p.shape)).")
            }
            var w = (sampleWeight ?? Tensor(1.0)).cast(to: dtype)
            if w.rank == 1 { w = w.expandingDimensions(axis: 1) }
            w = try MetricSupport.broadcast(w, to: t.shape, metric: name, argument: "sampleWeight")
            let weighted = t * w
            sum.assignAdd(weighted.sum(axes: [0]))
            squaredSum.assignAdd((t * weighted).sum(axes: [0]))
            residual.assignAdd((square(t - p) * w).sum(axes: [0]))
            count.assignAdd(w.sum(axes: [0]))
            numSamples.assignAdd(Tensor(Double(t.count), dtype: numSamples.dtype))
        }
    }

    /// R² (adjusted with `numRegressors`): a scalar, or `[outputs]` without aggregation; 0
    /// before the first update.
    public override func result() throws -> Tensor {
        guard let sum = sum?.value, let count = count?.value, let squaredSum = squaredSum?.value,
              let residual = residual?.value else { return Tensor(0.0, dtype: dtype) }
        let mean = sum / count
        let total = squaredSum - sum * mean
        var raw = 1 - residual / total
        raw = select(equal(abs(raw), Tensor(Double.infinity, dtype: raw.dtype)), Tensor.zeros([], dtype: raw.dtype), raw)
        var score: Tensor
        switch classAggregation {
        case .uniformAverage: score = raw.mean()
        case .varianceWeightedAverage: score = (total * raw).sum() / total.sum()
        case nil: score = raw
        }
        let n = numSamples.value.item()
        // Too few samples for the adjustment: Keras warns and keeps the plain R².
        if numRegressors != 0, Double(numRegressors) < n - 1 {
            let samples = Tensor(n, dtype: .float32), regressors = Tensor(Double(numRegressors), dtype: .float32)
            score = 1 - ((1 - score) * (samples - 1)) / ((samples - regressors) - 1)
        }
        return score
    }

    /// `{"name", "dtype", "class_aggregation", "num_regressors"}`.
    public override var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["class_aggregation"] = classAggregation.map { .string($0.rawValue) } ?? .null
        config["num_regressors"] = .int(numRegressors)
        return config
    }
}
