// IoU, MeanIoU, BinaryIoU, OneHotIoU and OneHotMeanIoU: intersection over union from a
// confusion matrix of class labels, as in semantic segmentation.

/// Intersection over union for chosen classes, averaged (Keras's `keras.metrics.IoU`).
///
/// For each target class, `IoU = tp / (tp + fp + fn)` from a `[numClasses, numClasses]`
/// confusion matrix (rows: true class, columns: predicted class) accumulated over updates;
/// classes that never occur are left out of the mean. Inputs are class indices of any shape
/// (flattened), or scores/one-hot along `axis` when `sparseYTrue` / `sparseYPred` is false.
/// Indices outside `0..<numClasses`, and `ignoreClass` targets, are skipped.
///
/// State: `total_confusion_matrix`, `[numClasses, numClasses]` of the metric's dtype —
/// `int32` by default, so fractional sample weights are truncated, as in Keras.
///
/// ```swift
/// let iou = try IoU(numClasses: 2, targetClassIDs: [0])
/// try iou.update(Tensor([0, 0, 1, 1]), Tensor([0, 1, 0, 1]))
/// try iou.result()   // 0.3333: 1 / (1 + 1 + 1)
/// ```
public class IoU: Metric, @unchecked Sendable {
    /// The number of classes.
    public let numClasses: Int
    /// The classes whose IoU is averaged.
    public let targetClassIDs: [Int]
    /// A target class left out of the counts.
    public let ignoreClass: Int?
    /// Whether `yTrue` holds class indices (else scores or one-hot along `axis`).
    public let sparseYTrue: Bool
    /// Whether `yPred` holds class indices (else scores along `axis`).
    public let sparseYPred: Bool
    /// The class axis of non-sparse inputs.
    public let axis: Int
    private var totalConfusionMatrix: Variable!

    /// Makes the metric.
    ///
    /// - Parameters:
    ///   - numClasses: the number of classes.
    ///   - targetClassIDs: the classes to average over (each in `0..<numClasses`).
    ///   - ignoreClass: a target class to leave out (e.g. a "void" label).
    ///   - sparseYTrue: `yTrue` holds class indices; `false` for one-hot.
    ///   - sparseYPred: `yPred` holds class indices; `false` for scores (arg-max along `axis`).
    ///   - axis: the class axis of non-sparse inputs (-1).
    ///   - name: `"io_u"` (numbered) unless given.
    ///   - dtype: the confusion matrix's dtype (`int32`, as in Keras).
    /// - Throws: ``KerasError`` when `numClasses < 1`, `targetClassIDs` is empty, or an id is
    ///   outside `0..<numClasses`.
    public init(numClasses: Int, targetClassIDs: [Int], ignoreClass: Int? = nil, sparseYTrue: Bool = true,
                sparseYPred: Bool = true, axis: Int = -1, name: String? = nil, dtype: DType = .int32) throws {
        let metric = Self.kerasClassName
        guard numClasses >= 1 else {
            throw KerasError(.invalidArgument, "\(metric) expects numClasses to be 1 or more, but received numClasses=\(numClasses).")
        }
        guard !targetClassIDs.isEmpty else {
            throw KerasError(.invalidArgument, "\(metric) expects at least one id in targetClassIDs, but received an empty list.")
        }
        if let bad = targetClassIDs.first(where: { $0 < 0 || $0 >= numClasses }) {
            throw KerasError(.invalidArgument, "\(metric) received target class id \(bad) in targetClassIDs, which is out of range [0, \(numClasses)) for numClasses=\(numClasses).")
        }
        self.numClasses = numClasses
        self.targetClassIDs = targetClassIDs
        self.ignoreClass = ignoreClass
        self.sparseYTrue = sparseYTrue
        self.sparseYPred = sparseYPred
        self.axis = axis
        super.init(name: name, dtype: dtype)
        totalConfusionMatrix = addVariable(name: "total_confusion_matrix", shape: [numClasses, numClasses])
    }

    /// Adds one batch to the confusion matrix: targets and predictions with one class per
    /// entry once arg-maxed; `sampleWeight` broadcasts to them.
    public override func update(_ yTrue: Tensor, _ yPred: Tensor, sampleWeight: Tensor? = nil) throws {
        try withoutGradients {
            var t = yTrue, p = yPred
            if !sparseYTrue {
                try MetricSupport.requireRank(t, atLeast: 1, metric: name, argument: "yTrue")
                t = t.argmax(axis: axis)
            }
            if !sparseYPred {
                try MetricSupport.requireRank(p, atLeast: 1, metric: name, argument: "yPred")
                p = p.argmax(axis: axis)
            }
            t = t.cast(to: dtype).flattened()
            p = p.cast(to: dtype).flattened()
            guard t.count == p.count else {
                throw KerasError(.incompatibleShape, "Metric \"\(name)\" expects one prediction per target, but received \(t.count) targets (yTrue \(Shape.describe(yTrue.shape))) and \(p.count) predictions (yPred \(Shape.describe(yPred.shape))).")
            }
            var w = (sampleWeight ?? Tensor(1.0)).cast(to: dtype)
            if w.rank > 1 { w = w.flattened() }
            let weights = try MetricSupport.broadcast(w, to: t.shape, metric: name, argument: "sampleWeight").doubles
            let labels = t.doubles, predictions = p.doubles
            let n = numClasses
            var matrix = [Double](repeating: 0, count: n * n)
            for i in labels.indices {
                let (label, prediction) = (labels[i], predictions[i])
                guard label >= 0, label < Double(n), prediction >= 0, prediction < Double(n) else { continue }
                if let ignoreClass, label == Double(ignoreClass) { continue }
                // Keras scatters at int64(label), int64(prediction): truncation of float labels.
                matrix[Int(label) * n + Int(prediction)] += weights[i]
            }
            totalConfusionMatrix.assignAdd(Tensor(matrix, shape: [n, n], dtype: dtype))
        }
    }

    /// The mean IoU over the target classes that occur (0 when none does).
    public override func result() throws -> Tensor {
        let matrix = totalConfusionMatrix.value
        let predicted = matrix.sum(axes: [0]), actual = matrix.sum(axes: [1])
        let n = numClasses
        let diagonal = Tensor(matrix.doubles.enumerated().filter { $0.offset % (n + 1) == 0 }.map(\.element), shape: [n], dtype: matrix.dtype)
        let ids = Tensor(targetClassIDs)
        let truePositives = diagonal.take(ids).cast(to: .float32)
        let denominator = (predicted + actual - diagonal).take(ids).cast(to: .float32)
        let valid = greater(denominator, Tensor(1e-9, dtype: .float32))
        let iou = select(valid, truePositives / (denominator + Losses.epsilon), Tensor(0.0))
        return iou.sum() / (valid.cast(to: .float32).sum() + Losses.epsilon)
    }

    /// `{"name", "dtype", "num_classes", "target_class_ids", "ignore_class", "sparse_y_true",
    /// "sparse_y_pred", "axis"}`.
    public override var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["num_classes"] = .int(numClasses)
        config["target_class_ids"] = .array(targetClassIDs.map { .int($0) })
        config["ignore_class"] = MetricSupport.json(ignoreClass)
        config["sparse_y_true"] = .bool(sparseYTrue)
        config["sparse_y_pred"] = .bool(sparseYPred)
        config["axis"] = .int(axis)
        return config
    }
}

/// Intersection over union averaged over every class (Keras's `keras.metrics.MeanIoU`): an
/// ``IoU`` whose target classes are all `numClasses`.
///
/// ```swift
/// let miou = try MeanIoU(numClasses: 2)
/// try miou.update(Tensor([0, 0, 1, 1]), Tensor([0, 1, 0, 1]))
/// try miou.result()   // 0.3333
/// ```
public class MeanIoU: IoU, @unchecked Sendable {
    /// Makes the metric; the arguments are those of ``IoU`` without `targetClassIDs`.
    ///
    /// - Throws: ``KerasError`` when `numClasses < 1`.
    public init(numClasses: Int, ignoreClass: Int? = nil, sparseYTrue: Bool = true, sparseYPred: Bool = true,
                axis: Int = -1, name: String? = nil, dtype: DType = .int32) throws {
        try super.init(numClasses: numClasses, targetClassIDs: Array(0..<Swift.max(numClasses, 0)), ignoreClass: ignoreClass,
                       sparseYTrue: sparseYTrue, sparseYPred: sparseYPred, axis: axis, name: name, dtype: dtype)
    }

    /// `{"num_classes", "name", "dtype", "ignore_class", "sparse_y_true", "sparse_y_pred", "axis"}`.
    public override var kerasConfig: JSONObject {
        ["num_classes": .int(numClasses), "name": .string(name), "dtype": .string(dtype.rawValue),
         "ignore_class": MetricSupport.json(ignoreClass), "sparse_y_true": .bool(sparseYTrue),
         "sparse_y_pred": .bool(sparseYPred), "axis": .int(axis)]
    }
}

/// IoU of binary predictions thresholded at `threshold` (Keras's `keras.metrics.BinaryIoU`):
/// an ``IoU`` over the classes 0 and 1, with `yPred ≥ threshold` as class 1.
///
/// ```swift
/// let iou = try BinaryIoU(targetClassIDs: [0, 1], threshold: 0.3)
/// try iou.update(Tensor([0, 1, 0, 1.0]), Tensor([0.1, 0.2, 0.4, 0.7]))
/// try iou.result()   // 0.3333
/// ```
public final class BinaryIoU: IoU, @unchecked Sendable {
    /// Predictions at or above it are class 1.
    public let threshold: Double

    /// Makes the metric.
    ///
    /// - Parameters:
    ///   - targetClassIDs: `[0, 1]`, `[0]` or `[1]`.
    ///   - threshold: the decision threshold (0.5).
    ///   - name: `"binary_io_u"` (numbered) unless given.
    ///   - dtype: the dtype of the state (`float32`).
    /// - Throws: ``KerasError`` when a target id is not 0 or 1.
    public init(targetClassIDs: [Int] = [0, 1], threshold: Double = 0.5, name: String? = nil, dtype: DType = .int32) throws {
        self.threshold = threshold
        try super.init(numClasses: 2, targetClassIDs: targetClassIDs, name: name, dtype: dtype)
    }

    /// Thresholds the scores, then counts: `yTrue` 0/1 (cast to the metric's dtype) and `yPred`
    /// scores of the same number of entries.
    public override func update(_ yTrue: Tensor, _ yPred: Tensor, sampleWeight: Tensor? = nil) throws {
        let decided = greaterEqual(yPred.cast(to: .float32), Tensor(threshold, dtype: .float32)).cast(to: dtype)
        try super.update(yTrue.cast(to: dtype), decided, sampleWeight: sampleWeight)
    }

    /// `{"target_class_ids", "threshold", "name", "dtype"}`.
    public override var kerasConfig: JSONObject {
        ["target_class_ids": .array(targetClassIDs.map { .int($0) }), "threshold": .double(threshold),
         "name": .string(name), "dtype": .string(dtype.rawValue)]
    }
}

/// IoU for chosen classes of one-hot targets and class scores (Keras's
/// `keras.metrics.OneHotIoU`): an ``IoU`` with `sparseYTrue: false`.
///
/// ```swift
/// let iou = try OneHotIoU(numClasses: 3, targetClassIDs: [0, 2])
/// try iou.update(Tensor([0, 0, 1, 1, 0, 0.0], shape: [2, 3]), Tensor([0.2, 0.3, 0.5, 0.1, 0.2, 0.7], shape: [2, 3]))
/// try iou.result()   // 0.25
/// ```
public final class OneHotIoU: IoU, @unchecked Sendable {
    /// Makes the metric; the arguments are those of ``IoU`` (targets are always one-hot).
    ///
    /// - Throws: ``KerasError`` as ``IoU`` does.
    public init(numClasses: Int, targetClassIDs: [Int], ignoreClass: Int? = nil, sparseYPred: Bool = false,
                axis: Int = -1, name: String? = nil, dtype: DType = .int32) throws {
        try super.init(numClasses: numClasses, targetClassIDs: targetClassIDs, ignoreClass: ignoreClass,
                       sparseYTrue: false, sparseYPred: sparseYPred, axis: axis, name: name, dtype: dtype)
    }

    /// `{"num_classes", "target_class_ids", "name", "dtype", "ignore_class", "sparse_y_pred", "axis"}`.
    public override var kerasConfig: JSONObject {
        ["num_classes": .int(numClasses), "target_class_ids": .array(targetClassIDs.map { .int($0) }),
         "name": .string(name), "dtype": .string(dtype.rawValue), "ignore_class": MetricSupport.json(ignoreClass),
         "sparse_y_pred": .bool(sparseYPred), "axis": .int(axis)]
    }
}

/// Mean IoU over every class of one-hot targets and class scores (Keras's
/// `keras.metrics.OneHotMeanIoU`).
///
/// ```swift
/// let miou = try OneHotMeanIoU(numClasses: 3)
/// try miou.update(Tensor([0, 0, 1, 1, 0, 0.0], shape: [2, 3]), Tensor([0.2, 0.3, 0.5, 0.1, 0.2, 0.7], shape: [2, 3]))
/// try miou.result()   // 0.25: class 1 never occurs
/// ```
public final class OneHotMeanIoU: MeanIoU, @unchecked Sendable {
    /// Makes the metric; the arguments are those of ``MeanIoU`` (targets are always one-hot).
    ///
    /// - Throws: ``KerasError`` when `numClasses < 1`.
    public init(numClasses: Int, ignoreClass: Int? = nil, sparseYPred: Bool = false, axis: Int = -1,
                name: String? = nil, dtype: DType = .int32) throws {
        try super.init(numClasses: numClasses, ignoreClass: ignoreClass, sparseYTrue: false, sparseYPred: sparseYPred,
                       axis: axis, name: name, dtype: dtype)
    }

    /// `{"num_classes", "name", "dtype", "ignore_class", "sparse_y_pred", "axis"}`.
    public override var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["sparse_y_true"] = nil
        return config
    }
}
