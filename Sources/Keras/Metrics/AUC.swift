/// The area under the ROC or precision-recall curve, from confusion counts at many thresholds
/// (Keras's `keras.metrics.AUC`).
///
/// Predictions are bucketed against `numThresholds` thresholds spread evenly over [0, 1] (or
/// the given `thresholds`, with -ε and 1+ε added at the ends); the curve through the resulting
/// points is integrated with a Riemann sum. The PR curve with `.interpolation` uses Davis &
/// Goadrich's interpolation, as Keras does.
///
/// State: `true_positives`, `false_positives`, `true_negatives`, `false_negatives`, each
/// `[numThresholds]`, or `[numThresholds, labels]` with `multiLabel` (created at the first
/// update unless `numLabels` is given).
///
/// ```swift
/// let auc = try AUC(numThresholds: 3)
/// try auc.update(Tensor([0, 0, 1, 1.0]), Tensor([0, 0.5, 0.3, 0.9]))
/// try auc.result()   // 0.75
/// let prAUC = try AUC(curve: .pr)
/// let perLabel = try AUC(multiLabel: true, numLabels: 4)
/// ```
public final class AUC: Metric, @unchecked Sendable {
    /// The curve whose area is computed (Keras's `curve`).
    public enum Curve: String, Sendable, CaseIterable {
        /// Recall against false-positive rate (`"ROC"`).
        case roc = "ROC"
        /// Precision against recall (`"PR"`).
        case pr = "PR"
        /// Precision gain against recall gain (`"PRGAIN"`).
        case prGain = "PRGAIN"
    }

    /// How the area under each step of the curve is estimated (Keras's `summation_method`).
    public enum SummationMethod: String, Sendable, CaseIterable {
        /// The trapezoid (and Davis & Goadrich's interpolation for PR).
        case interpolation
        /// The higher end of each step: an upper bound.
        case majoring
        /// The lower end of each step: a lower bound.
        case minoring
    }

    /// The number of thresholds, the two end points included.
    public let numThresholds: Int
    /// The curve.
    public let curve: Curve
    /// The Riemann-sum method.
    public let summationMethod: SummationMethod
    /// Whether each label (last axis of `[samples, labels]`) gets its own curve, averaged.
    public let multiLabel: Bool
    /// The number of labels given up front (multi-label only).
    public let numLabels: Int?
    /// Weights of the labels: in the counts, or in the average of the per-label areas with
    /// `multiLabel`.
    public let labelWeights: [Double]?
    /// Whether predictions are logits (a sigmoid is applied first).
    public let fromLogits: Bool
    /// Every threshold, -ε and 1+ε included (Keras's `thresholds` property).
    public let thresholds: [Double]
    private let givenThresholds: [Double]?
    private let evenlyDistributed: Bool
    private var counts = ConfusionCounts()
    private var labelCount: Int?

    /// Makes the metric.
    ///
    /// - Parameters:
    ///   - numThresholds: thresholds spread evenly over [0, 1] (200); more is finer and slower.
    ///   - curve: `.roc` (default), `.pr` or `.prGain`.
    ///   - summationMethod: `.interpolation` (default), `.majoring` or `.minoring`.
    ///   - thresholds: explicit thresholds instead of `numThresholds` (sorted; -ε and 1+ε are added).
    ///   - multiLabel: one curve per label of `[samples, labels]` predictions, averaged.
    ///   - numLabels: the number of labels, to create the state now (multi-label only).
    ///   - labelWeights: one weight per label.
    ///   - fromLogits: apply a sigmoid to predictions first.
    ///   - name: `"auc"` (numbered) unless given.
    ///   - dtype: the dtype of the state (`float32`).
    /// - Throws: ``KerasError`` for `numThresholds < 2`, `numLabels` without `multiLabel` or
    ///   below 1, or `labelWeights` whose count differs from `numLabels`.
    public init(numThresholds: Int = 200, curve: Curve = .roc, summationMethod: SummationMethod = .interpolation,
                thresholds: [Double]? = nil, multiLabel: Bool = false, numLabels: Int? = nil,
                labelWeights: [Double]? = nil, fromLogits: Bool = false,
                name: String? = nil, dtype: DType = .float32) throws {
        var inner: [Double]
        if let thresholds {
            inner = thresholds.sorted()
            self.numThresholds = inner.count + 2
            evenlyDistributed = MetricSupport.evenlyDistributed([0] + inner + [1])
        } else {
            guard numThresholds > 1 else {
                throw KerasError(.invalidArgument, "AUC expects numThresholds to be an integer greater than 1, but received numThresholds=\(numThresholds).")
            }
            inner = (0..<(numThresholds - 2)).map { Double($0 + 1) * 1.0 / Double(numThresholds - 1) }
            self.numThresholds = numThresholds
            evenlyDistributed = true
        }
        if let numLabels {
            guard multiLabel else {
                throw KerasError(.invalidArgument, "AUC received numLabels=\(numLabels), but numLabels is only used with multiLabel: true.")
            }
            guard numLabels >= 1 else {
                throw KerasError(.invalidArgument, "AUC expects numLabels to be 1 or more, but received numLabels=\(numLabels).")
            }
            if let labelWeights, labelWeights.count != numLabels {
                throw KerasError(.invalidArgument, "AUC received \(labelWeights.count) labelWeights for numLabels=\(numLabels); give one weight per label.")
            }
        }
        self.thresholds = [0 - Losses.epsilon] + inner + [1 + Losses.epsilon]
        givenThresholds = thresholds.map { _ in inner }
        self.curve = curve
        self.summationMethod = summationMethod
        self.multiLabel = multiLabel
        self.numLabels = numLabels
        // Keras keeps the weights as a float32 array.
        self.labelWeights = labelWeights?.map { Double(Float($0)) }
        self.fromLogits = fromLogits
        super.init(name: name, dtype: dtype)
        if !multiLabel { build(labels: nil) } else if let numLabels { build(labels: numLabels) }
    }

    private func build(labels: Int?) {
        let shape = labels.map { [numThresholds, $0] } ?? [numThresholds]
        labelCount = labels
        counts.truePositives = addVariable(name: "true_positives", shape: shape)
        counts.falsePositives = addVariable(name: "false_positives", shape: shape)
        counts.trueNegatives = addVariable(name: "true_negatives", shape: shape)
        counts.falseNegatives = addVariable(name: "false_negatives", shape: shape)
    }

    private var isBuilt: Bool { counts.truePositives != nil }

    /// Counts one batch: `yTrue` 0/1 and `yPred` scores (or logits) of the same shape;
    /// `[samples, labels]` with `multiLabel`.
    public override func update(_ yTrue: Tensor, _ yPred: Tensor, sampleWeight: Tensor? = nil) throws {
        try withoutGradients {
            if multiLabel {
                guard yPred.rank == 2 else {
                    throw KerasError(.incompatibleShape, "AUC \"\(name)\" with multiLabel expects yPred of rank 2 ([samples, labels]), but received shape \(Shape.describe(yPred.shape)).")
                }
                if !isBuilt { build(labels: yPred.shape[1]) }
                guard yPred.shape[1] == labelCount else {
                    throw KerasError(.incompatibleShape, "AUC \"\(name)\" counts \(labelCount ?? 0) labels, but received yPred of shape \(Shape.describe(yPred.shape)).")
                }
            }
            let scores = fromLogits ? sigmoid(yPred.cast(to: .float32)) : yPred
            let options = ConfusionOptions(thresholds: thresholds, evenlyDistributed: evenlyDistributed,
                                           multiLabel: multiLabel, labelWeights: multiLabel ? nil : labelWeights)
            try ConfusionMatrix.update(counts, yTrue, scores, sampleWeight: sampleWeight, options: options, metric: name)
        }
    }

    /// The area: a scalar (the weighted mean over labels with `multiLabel`; 0 before the first
    /// update of a multi-label AUC without `numLabels`).
    public override func result() throws -> Tensor {
        guard let tpVar = counts.truePositives, let fpVar = counts.falsePositives,
              let tnVar = counts.trueNegatives, let fnVar = counts.falseNegatives else { return Tensor(0.0, dtype: dtype) }
        let tp = tpVar.value, fp = fpVar.value, tn = tnVar.value, fn = fnVar.value
        let n = numThresholds
        func head(_ x: Tensor) -> Tensor { x[.range(0..<(n - 1))] }
        func tail(_ x: Tensor) -> Tensor { x[.range(1..<n)] }
        let divide = Loss.divideNoNaN
        if curve == .pr && summationMethod == .interpolation {
            // Davis & Goadrich: precision interpolated along each step of true positives.
            let dtp = head(tp) - tail(tp)
            let p = tp + fp
            let dp = head(p) - tail(p)
            let slope = divide(dtp, maximum(dp, 0))
            let intercept = tail(tp) - slope * tail(p)
            let bothPositive = logicalAnd(greater(head(p), Tensor.zeros([], dtype: p.dtype)),
                                          greater(tail(p), Tensor.zeros([], dtype: p.dtype)))
            let ratio = select(bothPositive, divide(head(p), maximum(tail(p), 0)), Tensor.ones(like: tail(p)))
            let increments = divide(slope * (dtp + intercept * log(ratio)), maximum(tail(tp) + tail(fn), 0))
            return averaged(increments)
        }
        let recall = divide(tp, tp + fn)
        let x: Tensor, y: Tensor
        switch curve {
        case .roc:
            x = divide(fp, fp + tn)
            y = recall
        case .pr:
            x = recall
            y = divide(tp, tp + fp)
        case .prGain:
            let scaling = divide(tp + fn, tn + fp)
            let noTruePositives = equal(tp, Tensor.zeros([], dtype: tp.dtype))
            let recallGain = 1 - scaling * divide(fn, tp)
            let precisionGain = 1 - scaling * divide(fp, tp)
            x = maximum(select(noTruePositives, Tensor.zeros([], dtype: tp.dtype), recallGain), 0)
            y = select(noTruePositives, Tensor.ones([], dtype: tp.dtype), precisionGain)
        }
        let heights: Tensor
        switch summationMethod {
        case .interpolation: heights = (head(y) + tail(y)) / 2
        case .minoring: heights = minimum(head(y), tail(y))
        case .majoring: heights = maximum(head(y), tail(y))
        }
        return averaged((head(x) - tail(x)) * heights)
    }

    /// The sum of the per-threshold terms; per label, then averaged, with `multiLabel`.
    private func averaged(_ terms: Tensor) -> Tensor {
        guard multiLabel else { return terms.sum() }
        let byLabel = terms.sum(axes: [0])
        guard let labelWeights else { return byLabel.mean() }
        let weights = Tensor(labelWeights, dtype: byLabel.dtype)
        return Loss.divideNoNaN((byLabel * weights).sum(), weights.sum())
    }

    /// Keras's AUC config: `num_thresholds`, `curve`, `summation_method`, `multi_label`,
    /// `num_labels`, `label_weights`, `from_logits`, and `thresholds` when given.
    public override var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["num_thresholds"] = .int(numThresholds)
        config["curve"] = .string(curve.rawValue)
        config["summation_method"] = .string(summationMethod.rawValue)
        config["multi_label"] = .bool(multiLabel)
        config["num_labels"] = MetricSupport.json(numLabels)
        config["label_weights"] = MetricSupport.json(labelWeights)
        config["from_logits"] = .bool(fromLogits)
        if let givenThresholds { config["thresholds"] = MetricSupport.json(givenThresholds) }
        return config
    }
}
