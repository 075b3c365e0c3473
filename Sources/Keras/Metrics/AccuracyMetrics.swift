// Accuracy, BinaryAccuracy, CategoricalAccuracy, SparseCategoricalAccuracy,
// TopKCategoricalAccuracy and SparseTopKCategoricalAccuracy: means of per-sample hits.

/// How often predictions equal the targets exactly (Keras's `keras.metrics.Accuracy`).
///
/// ```swift
/// let acc = Accuracy()
/// try acc.update(Tensor([1, 2, 3, 4]), Tensor([0, 2, 3, 4.0]))
/// try acc.result()   // 0.75
/// ```
public final class Accuracy: MeanMetricWrapper, @unchecked Sendable {
    /// Makes the metric, named `"accuracy"` unless given another name.
    public init(name: String? = nil, dtype: DType = .float32) {
        super.init(name: name ?? "accuracy", dtype: dtype) { try AccuracyFunctions.accuracy($0, $1) }
    }
}

/// How often a binary prediction above `threshold` matches a 0/1 target (Keras's
/// `keras.metrics.BinaryAccuracy`).
///
/// Shapes: `yTrue` and `yPred` of the same shape, e.g. `[batch, 1]` or `[batch]`.
///
/// ```swift
/// let acc = BinaryAccuracy()
/// try acc.update(Tensor([1, 1, 0, 0.0], shape: [4, 1]), Tensor([0.98, 1, 0, 0.6], shape: [4, 1]))
/// try acc.result()   // 0.75
/// ```
public final class BinaryAccuracy: MeanMetricWrapper, @unchecked Sendable {
    /// Predictions strictly above this count as 1.
    public let threshold: Double

    /// Makes the metric.
    ///
    /// - Parameters:
    ///   - threshold: the decision threshold on predictions (0.5).
    ///   - name: `"binary_accuracy"` unless given.
    ///   - dtype: the dtype of the state (`float32`).
    public init(threshold: Double = 0.5, name: String? = nil, dtype: DType = .float32) {
        self.threshold = threshold
        super.init(name: name ?? "binary_accuracy", dtype: dtype) {
            try AccuracyFunctions.binaryAccuracy($0, $1, threshold: threshold)
        }
    }

    /// `{"name", "dtype", "threshold"}`.
    public override var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["threshold"] = .double(threshold)
        return config
    }
}

/// How often the arg-max of the predictions matches the arg-max of one-hot targets (Keras's
/// `keras.metrics.CategoricalAccuracy`).
///
/// Shapes: `yTrue` and `yPred` both `[batch, classes]`.
///
/// ```swift
/// let acc = CategoricalAccuracy()
/// try acc.update(Tensor([0, 0, 1, 0, 1, 0.0], shape: [2, 3]), Tensor([0.1, 0.9, 0.8, 0.05, 0.95, 0], shape: [2, 3]))
/// try acc.result()   // 0.5
/// ```
public final class CategoricalAccuracy: MeanMetricWrapper, @unchecked Sendable {
    /// Makes the metric, named `"categorical_accuracy"` unless given another name.
    public init(name: String? = nil, dtype: DType = .float32) {
        super.init(name: name ?? "categorical_accuracy", dtype: dtype) { try AccuracyFunctions.categoricalAccuracy($0, $1) }
    }
}

/// How often the arg-max of the predictions equals an integer label (Keras's
/// `keras.metrics.SparseCategoricalAccuracy`).
///
/// Shapes: `yTrue` `[batch]` or `[batch, 1]` class indices; `yPred` `[batch, classes]`.
///
/// ```swift
/// let acc = SparseCategoricalAccuracy()
/// try acc.update(Tensor([2, 1]), Tensor([0.1, 0.6, 0.3, 0.05, 0.95, 0], shape: [2, 3]))
/// try acc.result()   // 0.5
/// ```
public final class SparseCategoricalAccuracy: MeanMetricWrapper, @unchecked Sendable {
    /// Makes the metric, named `"sparse_categorical_accuracy"` unless given another name.
    public init(name: String? = nil, dtype: DType = .float32) {
        super.init(name: name ?? "sparse_categorical_accuracy", dtype: dtype) {
            try AccuracyFunctions.sparseCategoricalAccuracy($0, $1)
        }
    }
}

/// How often the one-hot target is among the `k` highest predictions (Keras's
/// `keras.metrics.TopKCategoricalAccuracy`).
///
/// ```swift
/// let acc = TopKCategoricalAccuracy(k: 1)
/// try acc.update(Tensor([0, 0, 1, 0, 1, 0.0], shape: [2, 3]), Tensor([0.1, 0.9, 0.8, 0.05, 0.95, 0], shape: [2, 3]))
/// try acc.result()   // 0.5
/// ```
public final class TopKCategoricalAccuracy: MeanMetricWrapper, @unchecked Sendable {
    /// How many of the highest predictions count as a hit.
    public let k: Int

    /// Makes the metric.
    ///
    /// - Parameters:
    ///   - k: the number of top predictions to look at (5).
    ///   - name: `"top_k_categorical_accuracy"` unless given.
    ///   - dtype: the dtype of the state (`float32`).
    public init(k: Int = 5, name: String? = nil, dtype: DType = .float32) {
        self.k = k
        super.init(name: name ?? "top_k_categorical_accuracy", dtype: dtype) {
            try AccuracyFunctions.topKCategoricalAccuracy($0, $1, k: k)
        }
    }

    /// `{"name", "dtype", "k"}`.
    public override var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["k"] = .int(k)
        return config
    }
}

/// How often an integer label is among the `k` highest predictions (Keras's
/// `keras.metrics.SparseTopKCategoricalAccuracy`).
///
/// With `fromSortedIDs`, `yPred` holds class indices sorted by decreasing score (`[batch, ≥k]`),
/// as a retrieval model returns them, and a hit is the label among the first `k`.
///
/// ```swift
/// let acc = SparseTopKCategoricalAccuracy(k: 1)
/// try acc.update(Tensor([2, 1]), Tensor([0.1, 0.9, 0.8, 0.05, 0.95, 0], shape: [2, 3]))
/// try acc.result()   // 0.5
/// ```
public final class SparseTopKCategoricalAccuracy: MeanMetricWrapper, @unchecked Sendable {
    /// How many of the highest predictions count as a hit.
    public let k: Int
    /// Whether `yPred` holds sorted class indices instead of scores.
    public let fromSortedIDs: Bool

    /// Makes the metric.
    ///
    /// - Parameters:
    ///   - k: the number of top predictions to look at (5).
    ///   - fromSortedIDs: `yPred` is `[batch, ≥k]` class ids by decreasing score.
    ///   - name: `"sparse_top_k_categorical_accuracy"` unless given.
    ///   - dtype: the dtype of the state (`float32`).
    public init(k: Int = 5, fromSortedIDs: Bool = false, name: String? = nil, dtype: DType = .float32) {
        self.k = k
        self.fromSortedIDs = fromSortedIDs
        super.init(name: name ?? "sparse_top_k_categorical_accuracy", dtype: dtype) {
            try AccuracyFunctions.sparseTopKCategoricalAccuracy($0, $1, k: k, fromSortedIDs: fromSortedIDs)
        }
    }

    /// `{"name", "dtype", "k"}`, and `"from_sorted_ids": true` when set.
    public override var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["k"] = .int(k)
        if fromSortedIDs { config["from_sorted_ids"] = true }
        return config
    }
}

/// Keras's accuracy functions (`keras.metrics.binary_accuracy`, ...): one 0/1 value per sample.
enum AccuracyFunctions {
    private static func floatPredictions(_ yPred: Tensor) -> Tensor {
        yPred.dtype.isFloatingPoint ? yPred : yPred.cast(to: .float32)
    }

    static func accuracy(_ yTrue: Tensor, _ yPred: Tensor) throws -> Tensor {
        let (t, p) = Loss.squeezeOrExpandToSameRank(yTrue.cast(to: yPred.dtype), yPred)
        try MetricSupport.requireBroadcastable(t, p, metric: "accuracy")
        return equal(t, p).cast(to: .float32)
    }

    static func binaryAccuracy(_ yTrue: Tensor, _ yPred: Tensor, threshold: Double) throws -> Tensor {
        let p0 = floatPredictions(yPred)
        let (t, p) = Loss.squeezeOrExpandToSameRank(yTrue, p0)
        try MetricSupport.requireBroadcastable(t, p, metric: "binary_accuracy")
        let decided = greater(p, Tensor(threshold, dtype: p.dtype)).cast(to: t.dtype)
        return equal(t, decided).cast(to: .float32)
    }

    static func categoricalAccuracy(_ yTrue: Tensor, _ yPred: Tensor) throws -> Tensor {
        try MetricSupport.requireRank(yTrue, atLeast: 1, metric: "categorical_accuracy", argument: "yTrue")
        try MetricSupport.requireRank(yPred, atLeast: 1, metric: "categorical_accuracy", argument: "yPred")
        var t = yTrue.argmax(axis: -1).cast(to: yPred.dtype)
        let originalShape = t.shape
        var reshape = false
        if t.rank == yPred.rank {
            guard t.shape.last == 1 else {
                throw KerasError(.incompatibleShape, "Metric \"categorical_accuracy\" cannot compare yTrue of shape \(Shape.describe(yTrue.shape)) with yPred of shape \(Shape.describe(yPred.shape)).")
            }
            t = t.squeezed(axes: [-1])
            reshape = true
        }
        let p = yPred.argmax(axis: -1).cast(to: t.dtype)
        try MetricSupport.requireBroadcastable(t, p, metric: "categorical_accuracy")
        let matches = equal(t, p).cast(to: .float32)
        return reshape ? matches.reshaped(to: originalShape) : matches
    }

    static func sparseCategoricalAccuracy(_ yTrue: Tensor, _ yPred: Tensor) throws -> Tensor {
        try MetricSupport.requireRank(yPred, atLeast: 1, metric: "sparse_categorical_accuracy", argument: "yPred")
        var t = yTrue.cast(to: yPred.dtype)
        let originalShape = t.shape
        var reshape = false
        if t.rank == yPred.rank, t.shape.last == 1 {
            t = t.squeezed(axes: [-1])
            reshape = true
        }
        let p = yPred.argmax(axis: -1).cast(to: t.dtype)
        try MetricSupport.requireBroadcastable(t, p, metric: "sparse_categorical_accuracy")
        var matches = equal(t, p).cast(to: .float32)
        if reshape, matches.count == Shape.elementCount(originalShape) { matches = matches.reshaped(to: originalShape) }
        if matches.rank > 1, matches.shape.last == 1 { matches = matches.squeezed(axes: [-1]) }
        return matches
    }

    static func topKCategoricalAccuracy(_ yTrue: Tensor, _ yPred: Tensor, k: Int) throws -> Tensor {
        try MetricSupport.requireRank(yTrue, atLeast: 1, metric: "top_k_categorical_accuracy", argument: "yTrue")
        let labels = yTrue.cast(to: floatPredictions(yPred).dtype).argmax(axis: -1)
        return try inTopK(labels, yPred, k: k, metric: "top_k_categorical_accuracy")
    }

    static func sparseTopKCategoricalAccuracy(_ yTrue: Tensor, _ yPred: Tensor, k: Int, fromSortedIDs: Bool) throws -> Tensor {
        let metric = "sparse_top_k_categorical_accuracy"
        guard fromSortedIDs else { return try inTopK(yTrue.cast(to: .int32), yPred, k: k, metric: metric) }
        let ids = floatPredictions(yPred)
        return try rowwise(yTrue.cast(to: ids.dtype), ids, metric: metric) { label, row in
            row.prefix(k).contains(label)
        }
    }

    /// Whether each label's prediction ranks within the top `k` of its row (Keras's
    /// `ops.in_top_k`: rank = 1 + the number of strictly greater predictions; a NaN or
    /// out-of-range label ranks last).
    static func inTopK(_ labels: Tensor, _ yPred: Tensor, k: Int, metric: String) throws -> Tensor {
        try rowwise(labels, floatPredictions(yPred), metric: metric) { label, row in
            var index = Int(label)
            if index < 0 { index += row.count }
            var target = -Double.infinity
            if index >= 0, index < row.count, !row[row.startIndex + index].isNaN { target = row[row.startIndex + index] }
            return 1 + row.reduce(0) { $0 + ($1 > target ? 1 : 0) } <= k
        }
    }

    /// Applies `hit` to each label and its row of predictions, flattening leading axes of
    /// `yPred` beyond the batch and giving the result the labels' shape.
    private static func rowwise(_ labels: Tensor, _ yPred: Tensor, metric: String,
                                _ hit: (Double, ArraySlice<Double>) -> Bool) throws -> Tensor {
        try MetricSupport.requireRank(yPred, atLeast: 1, metric: metric, argument: "yPred")
        let width = yPred.shape[yPred.rank - 1]
        let rows = width == 0 ? 0 : yPred.count / width
        guard labels.count == rows else {
            throw KerasError(.incompatibleShape, "Metric \"\(metric)\" expects one label per row of yPred: yPred of shape \(Shape.describe(yPred.shape)) has \(rows) rows, but yTrue of shape \(Shape.describe(labels.shape)) has \(labels.count) labels.")
        }
        let scores = yPred.doubles, targets = labels.doubles
        let hits = (0..<rows).map { r in hit(targets[r], scores[(r * width)..<((r + 1) * width)]) ? 1.0 : 0.0 }
        return Tensor(hits, shape: labels.shape, dtype: .float32)
    }
}
