// TruePositives, FalsePositives, TrueNegatives, FalseNegatives, Precision and Recall.

/// Resolves Keras's `thresholds` argument: validated, or the default when `nil`.
private func resolvedThresholds(_ thresholds: [Double]?, default value: Double, metric: String) throws -> [Double] {
    guard let thresholds else { return [value] }
    guard !thresholds.isEmpty else {
        throw KerasError(.invalidArgument, "\(metric) expects at least one value in thresholds, but received an empty list. Pass nil for the default of 0.5.")
    }
    try MetricSupport.checkThresholds(thresholds, metric: metric)
    return thresholds
}

/// A scalar for one threshold, else the vector (Keras's `result[0] if len(thresholds) == 1`).
private func perThreshold(_ x: Tensor) -> Tensor { x.shape == [1] ? x[0] : x }

/// The weighted count of one cell of the confusion matrix at each threshold: the shared base
/// of ``TruePositives``, ``FalsePositives``, ``TrueNegatives`` and ``FalseNegatives``
/// (Keras's `_ConfusionMatrixConditionCount`). State: `accumulator`, one entry per threshold.
public class ConfusionMatrixConditionCount: Metric, @unchecked Sendable {
    enum Cell { case truePositives, falsePositives, trueNegatives, falseNegatives }

    /// The thresholds as given (`nil`: the default 0.5).
    public let thresholds: [Double]?
    private let resolved: [Double]
    private let cell: Cell
    private var accumulator: Variable!

    init(_ cell: Cell, thresholds: [Double]?, name: String?, dtype: DType) throws {
        self.cell = cell
        self.thresholds = thresholds
        resolved = try resolvedThresholds(thresholds, default: 0.5, metric: Self.kerasClassName)
        super.init(name: name, dtype: dtype)
        accumulator = addVariable(name: "accumulator", shape: [resolved.count])
    }

    /// Counts one batch: `yTrue` 0/1 (any non-zero is positive) and `yPred` scores in [0, 1] of
    /// the same shape; a prediction is positive where it is above the threshold.
    public override func update(_ yTrue: Tensor, _ yPred: Tensor, sampleWeight: Tensor? = nil) throws {
        var counts = ConfusionCounts()
        switch cell {
        case .truePositives: counts.truePositives = accumulator
        case .falsePositives: counts.falsePositives = accumulator
        case .trueNegatives: counts.trueNegatives = accumulator
        case .falseNegatives: counts.falseNegatives = accumulator
        }
        let options = ConfusionOptions(thresholds: resolved, evenlyDistributed: MetricSupport.evenlyDistributed(resolved))
        try withoutGradients {
            try ConfusionMatrix.update(counts, yTrue, yPred, sampleWeight: sampleWeight, options: options, metric: name)
        }
    }

    /// The counts: a scalar for one threshold, `[thresholds]` otherwise.
    public override func result() throws -> Tensor { perThreshold(accumulator.value) }

    /// `{"name", "dtype", "thresholds"}`.
    public override var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["thresholds"] = MetricSupport.json(thresholds)
        return config
    }
}

/// The weighted number of true positives (Keras's `keras.metrics.TruePositives`).
///
/// ```swift
/// let tp = try TruePositives()
/// try tp.update(Tensor([0, 1, 1, 1.0]), Tensor([1, 0, 1, 1.0]))
/// try tp.result()   // 2
/// ```
public final class TruePositives: ConfusionMatrixConditionCount, @unchecked Sendable {
    /// Makes the metric.
    ///
    /// - Parameters:
    ///   - thresholds: decision thresholds in [0, 1]; one count per threshold (0.5 when `nil`).
    ///   - name: `"true_positives"` (numbered) unless given.
    ///   - dtype: the dtype of the state (`float32`).
    /// - Throws: ``KerasError`` when a threshold is outside [0, 1].
    public init(thresholds: [Double]? = nil, name: String? = nil, dtype: DType = .float32) throws {
        try super.init(.truePositives, thresholds: thresholds, name: name, dtype: dtype)
    }
}

/// The weighted number of false positives (Keras's `keras.metrics.FalsePositives`).
///
/// ```swift
/// let fp = try FalsePositives()
/// try fp.update(Tensor([0, 1, 0, 0.0]), Tensor([0, 0, 1, 1.0]))
/// try fp.result()   // 2
/// ```
public final class FalsePositives: ConfusionMatrixConditionCount, @unchecked Sendable {
    /// Makes the metric; see ``TruePositives/init(thresholds:name:dtype:)``.
    public init(thresholds: [Double]? = nil, name: String? = nil, dtype: DType = .float32) throws {
        try super.init(.falsePositives, thresholds: thresholds, name: name, dtype: dtype)
    }
}

/// The weighted number of true negatives (Keras's `keras.metrics.TrueNegatives`).
///
/// ```swift
/// let tn = try TrueNegatives()
/// try tn.update(Tensor([0, 1, 0, 0.0]), Tensor([1, 1, 0, 0.0]))
/// try tn.result()   // 2
/// ```
public final class TrueNegatives: ConfusionMatrixConditionCount, @unchecked Sendable {
    /// Makes the metric; see ``TruePositives/init(thresholds:name:dtype:)``.
    public init(thresholds: [Double]? = nil, name: String? = nil, dtype: DType = .float32) throws {
        try super.init(.trueNegatives, thresholds: thresholds, name: name, dtype: dtype)
    }
}

/// The weighted number of false negatives (Keras's `keras.metrics.FalseNegatives`).
///
/// ```swift
/// let fn = try FalseNegatives()
/// try fn.update(Tensor([0, 1, 1, 1.0]), Tensor([0, 1, 0, 0.0]))
/// try fn.result()   // 2
/// ```
public final class FalseNegatives: ConfusionMatrixConditionCount, @unchecked Sendable {
    /// Makes the metric; see ``TruePositives/init(thresholds:name:dtype:)``.
    public init(thresholds: [Double]? = nil, name: String? = nil, dtype: DType = .float32) throws {
        try super.init(.falseNegatives, thresholds: thresholds, name: name, dtype: dtype)
    }
}

/// Checks the options Precision and Recall share.
private func checkTopKAndClassID(_ topK: Int?, _ classID: Int?, metric: String) throws {
    if let topK, topK < 1 {
        throw KerasError(.invalidArgument, "\(metric) expects topK to be a positive number of predictions, but received topK=\(topK).")
    }
    if let classID, classID < 0 {
        throw KerasError(.invalidArgument, "\(metric) expects classID to be a class index (0 or more), but received classID=\(classID).")
    }
}

/// The fraction of positive predictions that are right, `tp / (tp + fp)` (Keras's
/// `keras.metrics.Precision`). State: `true_positives` and `false_positives` per threshold.
///
/// With `topK`, only each row's `k` highest predictions can be positive (and, without
/// thresholds, they all are); with `classID`, only that class (last axis) is looked at.
///
/// ```swift
/// let precision = try Precision()
/// try precision.update(Tensor([0, 1, 1, 1.0]), Tensor([1, 0, 1, 1.0]))
/// try precision.result()   // 0.6667
/// let top2 = try Precision(topK: 2)   // precision of each row's two best scores
/// ```
public final class Precision: Metric, @unchecked Sendable {
    /// The thresholds as given (`nil`: 0.5, or every top-k prediction with `topK`).
    public let thresholds: [Double]?
    /// Only the `topK` highest predictions of each row count.
    public let topK: Int?
    /// Only this class (an index of the last axis) counts.
    public let classID: Int?
    private let options: ConfusionOptions
    private var truePositives: Variable!
    private var falsePositives: Variable!

    /// Makes the metric.
    ///
    /// - Parameters:
    ///   - thresholds: decision thresholds in [0, 1]; one result per threshold.
    ///   - topK: look only at each row's `k` highest predictions.
    ///   - classID: look only at this class.
    ///   - name: `"precision"` (numbered) unless given.
    ///   - dtype: the dtype of the state (`float32`).
    /// - Throws: ``KerasError`` for thresholds outside [0, 1], `topK < 1` or a negative `classID`.
    public init(thresholds: [Double]? = nil, topK: Int? = nil, classID: Int? = nil,
                name: String? = nil, dtype: DType = .float32) throws {
        try checkTopKAndClassID(topK, classID, metric: "Precision")
        self.thresholds = thresholds
        self.topK = topK
        self.classID = classID
        let resolved = try resolvedThresholds(thresholds, default: topK == nil ? 0.5 : Double(ConfusionMatrix.negativeInfinity),
                                              metric: "Precision")
        options = ConfusionOptions(thresholds: resolved, evenlyDistributed: MetricSupport.evenlyDistributed(resolved),
                                   topK: topK, classID: classID)
        super.init(name: name, dtype: dtype)
        truePositives = addVariable(name: "true_positives", shape: [resolved.count])
        falsePositives = addVariable(name: "false_positives", shape: [resolved.count])
    }

    /// Counts one batch: `yTrue` 0/1 and `yPred` scores of the same shape.
    public override func update(_ yTrue: Tensor, _ yPred: Tensor, sampleWeight: Tensor? = nil) throws {
        let counts = ConfusionCounts(truePositives: truePositives, falsePositives: falsePositives)
        try withoutGradients {
            try ConfusionMatrix.update(counts, yTrue, yPred, sampleWeight: sampleWeight, options: options, metric: name)
        }
    }

    /// The precision: a scalar for one threshold, `[thresholds]` otherwise (0 with no positives).
    public override func result() throws -> Tensor {
        perThreshold(Loss.divideNoNaN(truePositives.value, truePositives.value + falsePositives.value))
    }

    /// `{"name", "dtype", "thresholds", "top_k", "class_id"}`.
    public override var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["thresholds"] = MetricSupport.json(thresholds)
        config["top_k"] = MetricSupport.json(topK)
        config["class_id"] = MetricSupport.json(classID)
        return config
    }
}

/// The fraction of positive targets that are found, `tp / (tp + fn)` (Keras's
/// `keras.metrics.Recall`). State: `true_positives` and `false_negatives` per threshold.
///
/// `topK` and `classID` work as in ``Precision``.
///
/// ```swift
/// let recall = try Recall()
/// try recall.update(Tensor([0, 1, 1, 1.0]), Tensor([1, 0, 1, 1.0]))
/// try recall.result()   // 0.6667
/// ```
public final class Recall: Metric, @unchecked Sendable {
    /// The thresholds as given (`nil`: 0.5, or every top-k prediction with `topK`).
    public let thresholds: [Double]?
    /// Only the `topK` highest predictions of each row count.
    public let topK: Int?
    /// Only this class (an index of the last axis) counts.
    public let classID: Int?
    private let options: ConfusionOptions
    private var truePositives: Variable!
    private var falseNegatives: Variable!

    /// Makes the metric; the arguments are those of ``Precision/init(thresholds:topK:classID:name:dtype:)``.
    ///
    /// - Throws: ``KerasError`` for thresholds outside [0, 1], `topK < 1` or a negative `classID`.
    public init(thresholds: [Double]? = nil, topK: Int? = nil, classID: Int? = nil,
                name: String? = nil, dtype: DType = .float32) throws {
        try checkTopKAndClassID(topK, classID, metric: "Recall")
        self.thresholds = thresholds
        self.topK = topK
        self.classID = classID
        let resolved = try resolvedThresholds(thresholds, default: topK == nil ? 0.5 : Double(ConfusionMatrix.negativeInfinity),
                                              metric: "Recall")
        options = ConfusionOptions(thresholds: resolved, evenlyDistributed: MetricSupport.evenlyDistributed(resolved),
                                   topK: topK, classID: classID)
        super.init(name: name, dtype: dtype)
        truePositives = addVariable(name: "true_positives", shape: [resolved.count])
        falseNegatives = addVariable(name: "false_negatives", shape: [resolved.count])
    }

    /// Counts one batch: `yTrue` 0/1 and `yPred` scores of the same shape.
    public override func update(_ yTrue: Tensor, _ yPred: Tensor, sampleWeight: Tensor? = nil) throws {
        let counts = ConfusionCounts(truePositives: truePositives, falseNegatives: falseNegatives)
        try withoutGradients {
            try ConfusionMatrix.update(counts, yTrue, yPred, sampleWeight: sampleWeight, options: options, metric: name)
        }
    }

    /// The recall: a scalar for one threshold, `[thresholds]` otherwise (0 with no positives).
    public override func result() throws -> Tensor {
        perThreshold(Loss.divideNoNaN(truePositives.value, truePositives.value + falseNegatives.value))
    }

    /// `{"name", "dtype", "thresholds", "top_k", "class_id"}`.
    public override var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["thresholds"] = MetricSupport.json(thresholds)
        config["top_k"] = MetricSupport.json(topK)
        config["class_id"] = MetricSupport.json(classID)
        return config
    }
}
