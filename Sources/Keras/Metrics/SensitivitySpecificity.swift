// SensitivityAtSpecificity, SpecificityAtSensitivity, PrecisionAtRecall, RecallAtPrecision:
// the best value of one rate among the thresholds where another reaches a target.

/// The shared base of the "best X where Y ≥ target" metrics (Keras's
/// `SensitivitySpecificityBase`): confusion counts at `numThresholds` thresholds spread evenly
/// over [0, 1]. State: `true_positives`, `false_positives`, `true_negatives`,
/// `false_negatives`, each `[numThresholds]`.
public class SensitivitySpecificityBase: Metric, @unchecked Sendable {
    /// The number of thresholds.
    public let numThresholds: Int
    /// Only this class (an index of the last axis) counts.
    public let classID: Int?
    let target: Double
    private let targetKey: String
    private let options: ConfusionOptions
    var truePositives: Variable!
    var falsePositives: Variable!
    var trueNegatives: Variable!
    var falseNegatives: Variable!

    init(target: Double, argument: String, key: String, numThresholds: Int, classID: Int?,
         name: String?, dtype: DType) throws {
        let metric = Self.kerasClassName
        guard target >= 0, target <= 1 else {
            throw KerasError(.invalidArgument, "\(metric) expects \(argument) in [0, 1], but received \(argument)=\(target).")
        }
        guard numThresholds > 0 else {
            throw KerasError(.invalidArgument, "\(metric) expects numThresholds to be an integer greater than 0, but received numThresholds=\(numThresholds).")
        }
        if let classID, classID < 0 {
            throw KerasError(.invalidArgument, "\(metric) expects classID to be a class index (0 or more), but received classID=\(classID).")
        }
        self.target = target
        targetKey = key
        self.numThresholds = numThresholds
        self.classID = classID
        if numThresholds == 1 {
            options = ConfusionOptions(thresholds: [0.5], classID: classID)
        } else {
            let inner = (0..<(numThresholds - 2)).map { Double($0 + 1) * 1.0 / Double(numThresholds - 1) }
            options = ConfusionOptions(thresholds: [0] + inner + [1], evenlyDistributed: true, classID: classID)
        }
        super.init(name: name, dtype: dtype)
        let shape = [options.thresholds.count]
        truePositives = addVariable(name: "true_positives", shape: shape)
        falsePositives = addVariable(name: "false_positives", shape: shape)
        trueNegatives = addVariable(name: "true_negatives", shape: shape)
        falseNegatives = addVariable(name: "false_negatives", shape: shape)
    }

    /// Counts one batch: `yTrue` 0/1 and `yPred` scores in [0, 1] of the same shape.
    public override func update(_ yTrue: Tensor, _ yPred: Tensor, sampleWeight: Tensor? = nil) throws {
        let counts = ConfusionCounts(truePositives: truePositives, falsePositives: falsePositives,
                                     trueNegatives: trueNegatives, falseNegatives: falseNegatives)
        try withoutGradients {
            try ConfusionMatrix.update(counts, yTrue, yPred, sampleWeight: sampleWeight, options: options, metric: name)
        }
    }

    var sensitivities: Tensor {
        Loss.divideNoNaN(truePositives.value, truePositives.value + falseNegatives.value)
    }
    var specificities: Tensor {
        Loss.divideNoNaN(trueNegatives.value, trueNegatives.value + falsePositives.value)
    }
    var precisions: Tensor {
        Loss.divideNoNaN(truePositives.value, truePositives.value + falsePositives.value)
    }

    /// The largest `dependent` among thresholds where `constrained ≥ target` (0 if none).
    func maximum(of dependent: Tensor, where constrained: Tensor) -> Tensor {
        // The target is compared as float32, as Keras's weakly typed Python float is.
        let feasible = greaterEqual(constrained, Tensor(target, dtype: constrained.dtype))
        let candidates = select(feasible, dependent, Tensor.zeros([], dtype: dependent.dtype))
        return KerasCore.maximum(candidates.max(), 0)
    }

    /// `{"name", "dtype", "class_id", "num_thresholds", <target>}`.
    public override var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["class_id"] = MetricSupport.json(classID)
        config["num_thresholds"] = .int(numThresholds)
        config[targetKey] = .double(target)
        return config
    }
}

/// The best sensitivity (recall) among thresholds whose specificity is at least `specificity`
/// (Keras's `keras.metrics.SensitivityAtSpecificity`).
///
/// ```swift
/// let m = try SensitivityAtSpecificity(0.5)
/// try m.update(Tensor([0, 0, 0, 1, 1.0]), Tensor([0, 0.3, 0.8, 0.3, 0.8]))
/// try m.result()   // 0.5
/// ```
public final class SensitivityAtSpecificity: SensitivitySpecificityBase, @unchecked Sendable {
    /// The specificity the thresholds must reach.
    public var specificity: Double { target }

    /// Makes the metric.
    ///
    /// - Parameters:
    ///   - specificity: the target specificity, in [0, 1].
    ///   - numThresholds: the number of thresholds (200).
    ///   - classID: look only at this class.
    ///   - name: `"sensitivity_at_specificity"` (numbered) unless given.
    ///   - dtype: the dtype of the state (`float32`).
    /// - Throws: ``KerasError`` when `specificity` is outside [0, 1] or `numThresholds < 1`.
    public init(_ specificity: Double, numThresholds: Int = 200, classID: Int? = nil,
                name: String? = nil, dtype: DType = .float32) throws {
        try super.init(target: specificity, argument: "specificity", key: "specificity",
                       numThresholds: numThresholds, classID: classID, name: name, dtype: dtype)
    }

    /// The best sensitivity at the target specificity.
    public override func result() throws -> Tensor { maximum(of: sensitivities, where: specificities) }
}

/// The best specificity among thresholds whose sensitivity is at least `sensitivity` (Keras's
/// `keras.metrics.SpecificityAtSensitivity`).
///
/// ```swift
/// let m = try SpecificityAtSensitivity(0.5)
/// try m.update(Tensor([0, 0, 0, 1, 1.0]), Tensor([0, 0.3, 0.8, 0.3, 0.8]))
/// try m.result()   // 0.6667
/// ```
public final class SpecificityAtSensitivity: SensitivitySpecificityBase, @unchecked Sendable {
    /// The sensitivity the thresholds must reach.
    public var sensitivity: Double { target }

    /// Makes the metric; see ``SensitivityAtSpecificity/init(_:numThresholds:classID:name:dtype:)``.
    ///
    /// - Throws: ``KerasError`` when `sensitivity` is outside [0, 1] or `numThresholds < 1`.
    public init(_ sensitivity: Double, numThresholds: Int = 200, classID: Int? = nil,
                name: String? = nil, dtype: DType = .float32) throws {
        try super.init(target: sensitivity, argument: "sensitivity", key: "sensitivity",
                       numThresholds: numThresholds, classID: classID, name: name, dtype: dtype)
    }

    /// The best specificity at the target sensitivity.
    public override func result() throws -> Tensor { maximum(of: specificities, where: sensitivities) }
}

/// The best precision among thresholds whose recall is at least `recall` (Keras's
/// `keras.metrics.PrecisionAtRecall`).
///
/// ```swift
/// let m = try PrecisionAtRecall(0.5)
/// try m.update(Tensor([0, 0, 0, 1, 1.0]), Tensor([0, 0.3, 0.8, 0.3, 0.8]))
/// try m.result()   // 0.5
/// ```
public final class PrecisionAtRecall: SensitivitySpecificityBase, @unchecked Sendable {
    /// The recall the thresholds must reach.
    public var recall: Double { target }

    /// Makes the metric; see ``SensitivityAtSpecificity/init(_:numThresholds:classID:name:dtype:)``.
    ///
    /// - Throws: ``KerasError`` when `recall` is outside [0, 1] or `numThresholds < 1`.
    public init(_ recall: Double, numThresholds: Int = 200, classID: Int? = nil,
                name: String? = nil, dtype: DType = .float32) throws {
        try super.init(target: recall, argument: "recall", key: "recall",
                       numThresholds: numThresholds, classID: classID, name: name, dtype: dtype)
    }

    /// The best precision at the target recall.
    public override func result() throws -> Tensor { maximum(of: precisions, where: sensitivities) }
}

/// The best recall among thresholds whose precision is at least `precision` (Keras's
/// `keras.metrics.RecallAtPrecision`).
///
/// ```swift
/// let m = try RecallAtPrecision(0.8)
/// try m.update(Tensor([0, 0, 1, 1.0]), Tensor([0, 0.5, 0.3, 0.9]))
/// try m.result()   // 0.5
/// ```
public final class RecallAtPrecision: SensitivitySpecificityBase, @unchecked Sendable {
    /// The precision the thresholds must reach.
    public var precision: Double { target }

    /// Makes the metric; see ``SensitivityAtSpecificity/init(_:numThresholds:classID:name:dtype:)``.
    ///
    /// - Throws: ``KerasError`` when `precision` is outside [0, 1] or `numThresholds < 1`.
    public init(_ precision: Double, numThresholds: Int = 200, classID: Int? = nil,
                name: String? = nil, dtype: DType = .float32) throws {
        try super.init(target: precision, argument: "precision", key: "precision",
                       numThresholds: numThresholds, classID: classID, name: name, dtype: dtype)
    }

    /// The best recall at the target precision.
    public override func result() throws -> Tensor { maximum(of: sensitivities, where: precisions) }
}
