// Keras's `update_confusion_matrix_variables`: weighted true/false positive/negative counts at
// each threshold, for the confusion, precision/recall, sensitivity/specificity and AUC metrics.
// The counting runs on Float arrays with float32 arithmetic in Keras's order of operations,
// including the bucketed fast path Keras takes for evenly spaced thresholds (which decides
// borderline predictions as `ceil(p * (n - 1))` does, not as `p > threshold` would).

/// The count variables one update adds to; `nil` ones are not computed.
struct ConfusionCounts {
    var truePositives: Variable?
    var falsePositives: Variable?
    var trueNegatives: Variable?
    var falseNegatives: Variable?
}

/// How a confusion-matrix metric reads its inputs.
struct ConfusionOptions {
    /// Decision thresholds: a prediction is positive where it is strictly greater.
    var thresholds: [Double]
    /// Keras's `thresholds_distributed_evenly`: use buckets instead of comparisons.
    var evenlyDistributed = false
    /// Keep only the `topK` highest predictions of each row (others become -1e10).
    var topK: Int?
    /// Look only at this class (last axis).
    var classID: Int?
    /// Count per label (last axis) instead of over all entries: counts are `[thresholds, labels]`.
    var multiLabel = false
    /// Per-label weights (last axis), multiplied into the sample weights.
    var labelWeights: [Double]?
}

enum ConfusionMatrix {
    /// Keras's `NEG_INF`, the score given to predictions outside the top k.
    static let negativeInfinity: Float = -1e10

    /// Adds one batch's counts to `counts`.
    ///
    /// - Throws: ``KerasError`` for shapes that do not fit (mismatched targets and predictions,
    ///   a `classID` or `topK` beyond the last axis, multi-label predictions not of rank 2).
    static func update(_ counts: ConfusionCounts, _ yTrue: Tensor, _ yPred: Tensor, sampleWeight: Tensor?,
                       options: ConfusionOptions, metric: String) throws {
        var (p, t) = Loss.squeezeOrExpandToSameRank(yPred.cast(to: .float32), yTrue.cast(to: .float32))
        var w = sampleWeight.map { $0.cast(to: .float32).expandingDimensions(axis: -1) }
        if let sw = w { w = Loss.squeezeOrExpandToSameRank(t, sw, expandRank1: false).1 }
        if let k = options.topK {
            guard p.rank >= 1, k >= 0, k <= p.shape[p.rank - 1] else {
                throw KerasError(.invalidArgument, "Metric \"\(metric)\" has topK=\(k), which must be in 0...\(p.rank >= 1 ? p.shape[p.rank - 1] : 0) for predictions of shape \(Shape.describe(p.shape)).")
            }
            p = filteredTopK(p, k)
        }
        if let classID = options.classID {
            guard p.rank >= 2, t.rank >= 1 else {
                throw KerasError(.incompatibleShape, "Metric \"\(metric)\" has classID=\(classID), so yPred must have shape [samples, classes], but received \(Shape.describe(p.shape)).")
            }
            let classes = p.shape[p.rank - 1]
            guard classID >= 0, classID < classes, t.shape.last == classes else {
                throw KerasError(.invalidArgument, "Metric \"\(metric)\" has classID=\(classID), but yTrue has shape \(Shape.describe(t.shape)) and yPred \(Shape.describe(p.shape)): classID must index their last axis of \(classes) classes.")
            }
            let index = Tensor([classID])
            p = p.take(index, axis: -1)
            t = t.take(index, axis: -1)
        }
        guard t.count == p.count, !options.multiLabel || t.shape == p.shape else {
            throw KerasError(.incompatibleShape, "Metric \"\(metric)\" expects yTrue and yPred with the same number of entries, but received shapes \(Shape.describe(yTrue.shape)) and \(Shape.describe(yPred.shape)).")
        }
        if options.multiLabel, p.rank != 2 {
            throw KerasError(.incompatibleShape, "Metric \"\(metric)\" with multiLabel expects yPred of rank 2 ([samples, labels]), but received shape \(Shape.describe(p.shape)).")
        }
        // Weights: sample weights broadcast to the predictions, times label weights.
        var weights: [Float]?
        if let sw = w {
            weights = try MetricSupport.broadcast(sw, to: p.shape, metric: metric, argument: "sampleWeight").floats
        }
        if let labelWeights = options.labelWeights {
            guard MetricSupport.broadcasts([1, labelWeights.count], to: p.shape) else {
                throw KerasError(.incompatibleShape, "Metric \"\(metric)\" has \(labelWeights.count) labelWeights, which do not broadcast to predictions of shape \(Shape.describe(p.shape)): give one weight per label (the last axis).")
            }
            let lw = Tensor(labelWeights, shape: [1, labelWeights.count]).broadcasted(to: p.shape).floats
            weights = weights.map { zip($0, lw).map { $0 * $1 } } ?? lw
        }
        let labels = options.multiLabel ? p.shape[1] : 1
        let batch = p.count / Swift.max(labels, 1)
        let thresholds = options.thresholds.map { Float($0) }
        let input = Counting(predictions: p.floats, positives: t.floats.map { $0 != 0 }, weights: weights,
                             samples: batch, labels: labels)
        let result = options.evenlyDistributed ? input.bucketed(thresholds) : input.compared(thresholds)
        let shape = options.multiLabel ? [thresholds.count, labels] : [thresholds.count]
        func add(_ values: [Float], to variable: Variable?) {
            variable?.assignAdd(Tensor(values, shape: shape))
        }
        add(result.tp, to: counts.truePositives)
        add(result.fp, to: counts.falsePositives)
        add(result.tn, to: counts.trueNegatives)
        add(result.fn, to: counts.falseNegatives)
    }

    /// Keeps each row's `k` largest predictions and puts -1e10 elsewhere (Keras's `_filter_top_k`;
    /// on ties the lower index wins).
    static func filteredTopK(_ x: Tensor, _ k: Int) -> Tensor {
        let width = x.shape[x.rank - 1]
        var values = x.floats
        guard width > 0 else { return x }
        for start in stride(from: 0, to: values.count, by: width) {
            let row = Array(values[start..<(start + width)])
            let order = row.indices.sorted { row[$0] > row[$1] || (row[$0] == row[$1] && $0 < $1) }
            let keep = Set(order.prefix(k))
            for j in 0..<width where !keep.contains(j) {
                values[start + j] = row[j] * 0 + negativeInfinity
            }
        }
        return Tensor(values, shape: x.shape)
    }
}

/// One batch flattened for counting: `samples × labels` entries (labels = 1 unless multi-label).
private struct Counting {
    let predictions: [Float]
    let positives: [Bool]
    let weights: [Float]?
    let samples: Int
    let labels: Int

    struct Result { var tp, fp, tn, fn: [Float] }

    /// Counts by comparing each prediction with each threshold (`p > t`), as Keras's general path.
    func compared(_ thresholds: [Float]) -> Result {
        let n = thresholds.count
        var r = Result(tp: .init(repeating: 0, count: n * labels), fp: .init(repeating: 0, count: n * labels),
                       tn: .init(repeating: 0, count: n * labels), fn: .init(repeating: 0, count: n * labels))
        for (ti, threshold) in thresholds.enumerated() {
            for i in 0..<predictions.count {
                let w = weights?[i] ?? 1
                let slot = ti * labels + i % labels
                switch (positives[i], predictions[i] > threshold) {
                case (true, true): r.tp[slot] += w
                case (false, true): r.fp[slot] += w
                case (false, false): r.tn[slot] += w
                case (true, false): r.fn[slot] += w
                }
            }
        }
        return r
    }

    /// Counts by bucketing predictions (Keras's `_update_confusion_matrix_variables_optimized`):
    /// bucket `ceil(p * (n - 1)) - 1` of the clipped prediction, summed and accumulated from the
    /// top; negatives and the remainders follow from the totals.
    func bucketed(_ thresholds: [Float]) -> Result {
        let n = thresholds.count
        let withEpsilon = thresholds[0] < 0 || thresholds[n - 1] > 1
        var truePerBucket = [Float](repeating: 0, count: n * labels)
        var falsePerBucket = [Float](repeating: 0, count: n * labels)
        var totalTrue = [Float](repeating: 0, count: labels), totalFalse = [Float](repeating: 0, count: labels)
        let scale = Float(n - 1)
        for i in 0..<predictions.count {
            let w = weights?[i] ?? 1
            let label: Float = positives[i] ? 1 : 0
            let trueLabel = label * w, falseLabel = (1 - label) * w
            let l = i % labels
            totalTrue[l] += trueLabel
            totalFalse[l] += falseLabel
            let p = Swift.min(Swift.max(predictions[i], 0), 1)
            var bucket = (p * scale).rounded(.up) - 1
            if withEpsilon { bucket = Swift.max(bucket, 0) }
            // Out-of-range buckets (-1 for a zero prediction) are dropped, as segment_sum does.
            guard bucket >= 0, let b = Int(exactly: bucket), b < n else { continue }
            truePerBucket[b * labels + l] += trueLabel
            falsePerBucket[b * labels + l] += falseLabel
        }
        var r = Result(tp: truePerBucket, fp: falsePerBucket, tn: [], fn: [])
        for l in 0..<labels {
            for b in stride(from: n - 2, through: 0, by: -1) {
                r.tp[b * labels + l] += r.tp[(b + 1) * labels + l]
                r.fp[b * labels + l] += r.fp[(b + 1) * labels + l]
            }
        }
        r.tn = r.fp.indices.map { totalFalse[$0 % labels] - r.fp[$0] }
        r.fn = r.tp.indices.map { totalTrue[$0 % labels] - r.tp[$0] }
        return r
    }
}
