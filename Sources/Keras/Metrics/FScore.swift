/// The F-beta score, the weighted harmonic mean of precision and recall, per class or
/// averaged (Keras's `keras.metrics.FBetaScore`).
///
/// `(1 + β²) · precision · recall / (β² · precision + recall)`: β > 1 favours recall.
/// Shapes: `yTrue` and `yPred` `[batch, classes]` (one-hot or multi-label targets, scores).
/// Without a `threshold`, each row's highest score is the positive prediction.
///
/// State (created at the first update): `true_positives`, `false_positives`,
/// `false_negatives`, `intermediate_weights`, each `[classes]` (scalars with `.micro`).
///
/// ```swift
/// let f2 = try FBetaScore(average: .macro, beta: 2, threshold: 0.5)
/// try f2.update(Tensor([1, 0, 0, 1.0], shape: [2, 2]), Tensor([0.8, 0.6, 0.3, 0.9], shape: [2, 2]))
/// try f2.result()   // 0.9167
/// ```
public class FBetaScore: Metric, @unchecked Sendable {
    /// How per-class scores are combined (Keras's `average`); `nil` keeps one score per class.
    public enum Average: String, Sendable, CaseIterable {
        /// Counts pooled over classes before the score.
        case micro
        /// The unweighted mean of the per-class scores.
        case macro
        /// The mean of the per-class scores weighted by each class's number of true instances.
        case weighted
    }

    /// How scores are combined; `nil` returns `[classes]`.
    public let average: Average?
    /// β: the weight of recall relative to precision.
    public let beta: Double
    /// Predictions above it are positive; `nil`: each row's highest score.
    public let threshold: Double?
    private var truePositives: Variable?
    private var falsePositives: Variable?
    private var falseNegatives: Variable?
    private var intermediateWeights: Variable?

    /// Makes the metric.
    ///
    /// - Parameters:
    ///   - average: `nil` (a score per class), `.micro`, `.macro` or `.weighted`.
    ///   - beta: β > 0 (1).
    ///   - threshold: a decision threshold in (0, 1]; `nil` takes each row's arg-max.
    ///   - name: `"fbeta_score"` unless given.
    ///   - dtype: the dtype of the state (`float32`).
    /// - Throws: ``KerasError`` when `beta ≤ 0` or `threshold` is outside (0, 1].
    public convenience init(average: Average? = nil, beta: Double = 1, threshold: Double? = nil,
                name: String? = nil, dtype: DType = .float32) throws {
        try self.init(average: average, beta: beta, threshold: threshold, checkedName: name ?? "fbeta_score", dtype: dtype)
    }

    init(average: Average?, beta: Double, threshold: Double?, checkedName name: String, dtype: DType) throws {
        let metric = Self.kerasClassName
        guard beta > 0 else {
            throw KerasError(.invalidArgument, "\(metric) expects beta > 0, but received beta=\(beta).")
        }
        if let threshold, !(threshold > 0 && threshold <= 1) {
            throw KerasError(.invalidArgument, "\(metric) expects threshold in (0, 1] (0 < threshold <= 1), but received threshold=\(threshold).")
        }
        self.average = average
        self.beta = beta
        self.threshold = threshold
        super.init(name: name, dtype: dtype)
    }

    /// Counts one batch of `[batch, classes]` targets and scores; `sampleWeight` is `[batch]`.
    public override func update(_ yTrue: Tensor, _ yPred: Tensor, sampleWeight: Tensor? = nil) throws {
        guard yTrue.rank == 2, yPred.rank == 2, yTrue.shape == yPred.shape else {
            throw KerasError(.incompatibleShape, "\(className) \"\(name)\" expects 2D inputs of the same shape (batch_size, output_dim), but received yTrue of shape \(Shape.describe(yTrue.shape)) and yPred of shape \(Shape.describe(yPred.shape)).")
        }
        if let sampleWeight, sampleWeight.rank != 1 || sampleWeight.shape[0] != yPred.shape[0] {
            throw KerasError(.incompatibleShape, "\(className) \"\(name)\" expects sampleWeight of shape (\(yPred.shape[0]),), one weight per sample, but received shape \(Shape.describe(sampleWeight.shape)).")
        }
        try withoutGradients {
            if truePositives == nil {
                let shape = average == .micro ? [] : [yPred.shape[1]]
                truePositives = addVariable(name: "true_positives", shape: shape)
                falsePositives = addVariable(name: "false_positives", shape: shape)
                falseNegatives = addVariable(name: "false_negatives", shape: shape)
                intermediateWeights = addVariable(name: "intermediate_weights", shape: shape)
            }
            guard let tpVar = truePositives, let fpVar = falsePositives, let fnVar = falseNegatives,
                  let weightVar = intermediateWeights else { return }
            guard average == .micro || tpVar.shape == [yPred.shape[1]] else {
                throw KerasError(.incompatibleShape, "\(className) \"\(name)\" counts \(tpVar.shape[0]) classes, but received yPred of shape \(Shape.describe(yPred.shape)).")
            }
            let t = yTrue.cast(to: dtype)
            var p = yPred.cast(to: dtype)
            if let threshold {
                p = greater(p, Tensor(threshold, dtype: dtype))
            } else {
                let rowMax = p.max(axes: [-1], keepingDimensions: true)
                p = logicalAnd(greaterEqual(p, rowMax), greater(abs(p), Tensor(1e-9, dtype: dtype)))
            }
            p = p.cast(to: dtype)
            let weights = sampleWeight?.cast(to: dtype).expandingDimensions(axis: 1)
            let axes: [Int]? = average == .micro ? nil : [0]
            func weightedSum(_ x: Tensor) -> Tensor { (weights.map { x * $0 } ?? x).sum(axes: axes) }
            tpVar.assignAdd(weightedSum(p * t))
            fpVar.assignAdd(weightedSum(p * (1 - t)))
            fnVar.assignAdd(weightedSum((1 - p) * t))
            weightVar.assignAdd(weightedSum(t))
        }
    }

    /// The score: `[classes]` without averaging, else a scalar (0 before the first update).
    public override func result() throws -> Tensor {
        guard let tp = truePositives?.value, let fp = falsePositives?.value, let fn = falseNegatives?.value,
              let weights = intermediateWeights?.value else { return Tensor(0.0, dtype: dtype) }
        let epsilon = Losses.epsilon
        let precision = tp / (tp + fp + epsilon)
        let recall = tp / (tp + fn + epsilon)
        let betaSquared = beta * beta
        let harmonic = (precision * recall) / (betaSquared * precision + recall + epsilon)
        let score = harmonic * (1 + betaSquared)
        switch average {
        case .weighted: return (score * (weights / (weights.sum() + epsilon))).sum()
        case .micro, .macro: return score.mean()
        case nil: return score
        }
    }

    /// `{"name", "dtype", "average", "beta", "threshold"}`.
    public override var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["average"] = average.map { .string($0.rawValue) } ?? .null
        config["beta"] = .double(beta)
        config["threshold"] = threshold.map { .double($0) } ?? .null
        return config
    }
}

/// The F1 score, the harmonic mean of precision and recall (Keras's `keras.metrics.F1Score`):
/// ``FBetaScore`` with β = 1.
///
/// ```swift
/// let f1 = try F1Score(average: .micro, threshold: 0.5)
/// try f1.update(Tensor([1, 1, 1, 1, 0, 0, 1, 1, 0.0], shape: [3, 3]),
///               Tensor([0.2, 0.6, 0.7, 0.2, 0.6, 0.6, 0.6, 0.8, 0.0], shape: [3, 3]))
/// try f1.result()   // 0.6667
/// ```
public final class F1Score: FBetaScore, @unchecked Sendable {
    /// Makes the metric.
    ///
    /// - Parameters:
    ///   - average: `nil` (a score per class), `.micro`, `.macro` or `.weighted`.
    ///   - threshold: a decision threshold in (0, 1]; `nil` takes each row's arg-max.
    ///   - name: `"f1_score"` unless given.
    ///   - dtype: the dtype of the state (`float32`).
    /// - Throws: ``KerasError`` when `threshold` is outside (0, 1].
    public init(average: Average? = nil, threshold: Double? = nil, name: String? = nil, dtype: DType = .float32) throws {
        try super.init(average: average, beta: 1, threshold: threshold, checkedName: name ?? "f1_score", dtype: dtype)
    }

    /// `{"name", "dtype", "average", "threshold"}`.
    public override var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["beta"] = nil
        return config
    }
}
