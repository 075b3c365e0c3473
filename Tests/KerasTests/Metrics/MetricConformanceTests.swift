import Testing
@testable import Keras

/// Every metric against Python Keras 3.15.1 on the fixture's inputs: results after two updates
/// (the state accumulates), state variables, reset, and config.
@Suite struct MetricConformanceTests {
    /// The Swift construction of each fixture case (the Python one is in scripts/pyref/metrics.py).
    static let makers: [String: @Sendable () throws -> Metric] = [
        "mean": { Mean() },
        "mean_elementwise_weights": { Mean() },
        "mean_vector": { Mean(name: "vector_mean") },
        "sum": { Sum() },
        "sum_elementwise_weights": { Sum() },
        "accuracy": { Accuracy() },
        "binary_accuracy": { BinaryAccuracy() },
        "binary_accuracy_threshold": { BinaryAccuracy(threshold: 0.7) },
        "categorical_accuracy": { CategoricalAccuracy() },
        "sparse_categorical_accuracy": { SparseCategoricalAccuracy() },
        "top_k_categorical_accuracy": { TopKCategoricalAccuracy(k: 2) },
        "sparse_top_k_categorical_accuracy": { SparseTopKCategoricalAccuracy(k: 2) },
        "sparse_top_k_from_sorted_ids": { SparseTopKCategoricalAccuracy(k: 3, fromSortedIDs: true) },
        "true_positives": { try TruePositives() },
        "false_positives": { try FalsePositives(thresholds: [0.15, 0.5, 0.8]) },
        "true_negatives": { try TrueNegatives(thresholds: [0.0, 0.25, 0.5, 0.75, 1.0]) },
        "false_negatives": { try FalseNegatives() },
        "precision": { try Precision() },
        "precision_thresholds": { try Precision(thresholds: [0.3, 0.6]) },
        "precision_even_thresholds": { try Precision(thresholds: [0.0, 0.5, 1.0]) },
        "precision_top_k": { try Precision(topK: 2) },
        "precision_class_id": { try Precision(classID: 1) },
        "precision_top_k_class_id": { try Precision(topK: 2, classID: 3) },
        "recall": { try Recall() },
        "recall_thresholds": { try Recall(thresholds: [0.2, 0.4, 0.9]) },
        "recall_top_k": { try Recall(topK: 1) },
        "recall_class_id": { try Recall(thresholds: [0.5, 0.7], classID: 2) },
        "auc": { try AUC() },
        "auc_pr": { try AUC(curve: .pr) },
        "auc_roc_minoring": { try AUC(summationMethod: .minoring) },
        "auc_roc_majoring": { try AUC(numThresholds: 7, summationMethod: .majoring) },
        "auc_pr_majoring": { try AUC(curve: .pr, summationMethod: .majoring) },
        "auc_prgain": { try AUC(curve: .prGain) },
        "auc_uneven_thresholds": { try AUC(thresholds: [0.9, 0.2, 0.45]) },
        "auc_even_thresholds": { try AUC(thresholds: [0.25, 0.5, 0.75]) },
        "auc_multi_label": { try AUC(multiLabel: true) },
        "auc_multi_label_pr_weights": {
            try AUC(curve: .pr, multiLabel: true, numLabels: 4, labelWeights: [1.0, 0.5, 2.0, 0.0])
        },
        "auc_multi_label_uneven": { try AUC(thresholds: [0.1, 0.6, 0.3], multiLabel: true) },
        "auc_label_weights": { try AUC(labelWeights: [0.5, 1.0, 2.0, 1.0]) },
        "auc_from_logits": { try AUC(numThresholds: 50, fromLogits: true) },
        "precision_at_recall": { try PrecisionAtRecall(0.5) },
        "recall_at_precision": { try RecallAtPrecision(0.6, numThresholds: 20) },
        "sensitivity_at_specificity": { try SensitivityAtSpecificity(0.5) },
        "specificity_at_sensitivity": { try SpecificityAtSensitivity(0.8, classID: 2) },
        "specificity_at_sensitivity_one_threshold": { try SpecificityAtSensitivity(0.4, numThresholds: 1) },
        "f1_score": { try F1Score() },
        "f1_score_micro": { try F1Score(average: .micro, threshold: 0.5) },
        "f1_score_macro": { try F1Score(average: .macro) },
        "f1_score_weighted": { try F1Score(average: .weighted, threshold: 0.4) },
        "fbeta_score": { try FBetaScore(average: .macro, beta: 2, threshold: 0.3) },
        "iou": { try IoU(numClasses: 3, targetClassIDs: [0, 2]) },
        "mean_iou": { try MeanIoU(numClasses: 3) },
        "mean_iou_ignore_class": { try MeanIoU(numClasses: 3, ignoreClass: 0, dtype: .float32) },
        "mean_iou_dense_pred": { try MeanIoU(numClasses: 3, sparseYPred: false) },
        "binary_iou": { try BinaryIoU() },
        "binary_iou_threshold": { try BinaryIoU(targetClassIDs: [1], threshold: 0.3) },
        "one_hot_iou": { try OneHotIoU(numClasses: 3, targetClassIDs: [1]) },
        "one_hot_mean_iou": { try OneHotMeanIoU(numClasses: 3) },
        "mean_squared_error": { Metrics.MeanSquaredError() },
        "mean_squared_error_masked": { Metrics.MeanSquaredError() },
        "root_mean_squared_error": { RootMeanSquaredError() },
        "mean_absolute_error": { Metrics.MeanAbsoluteError() },
        "mean_absolute_percentage_error": { Metrics.MeanAbsolutePercentageError() },
        "mean_squared_logarithmic_error": { Metrics.MeanSquaredLogarithmicError() },
        "log_cosh_error": { LogCoshError() },
        "cosine_similarity": { Metrics.CosineSimilarity() },
        "cosine_similarity_axis0": { Metrics.CosineSimilarity(axis: 0) },
        "r2_score": { try R2Score() },
        "r2_score_variance_weighted": { try R2Score(classAggregation: .varianceWeightedAverage, numRegressors: 2) },
        "r2_score_raw": { try R2Score(classAggregation: nil) },
        "pearson_correlation": { PearsonCorrelation() },
        "concordance_correlation": { ConcordanceCorrelation() },
        "binary_crossentropy": { Metrics.BinaryCrossentropy() },
        "binary_crossentropy_logits": { Metrics.BinaryCrossentropy(fromLogits: true, labelSmoothing: 0.1) },
        "categorical_crossentropy": { Metrics.CategoricalCrossentropy() },
        "categorical_crossentropy_logits": { Metrics.CategoricalCrossentropy(fromLogits: true, labelSmoothing: 0.2) },
        "sparse_categorical_crossentropy": { Metrics.SparseCategoricalCrossentropy() },
        "sparse_categorical_crossentropy_logits": { Metrics.SparseCategoricalCrossentropy(fromLogits: true) },
        "sparse_categorical_crossentropy_ignore_class": { Metrics.SparseCategoricalCrossentropy(ignoreClass: 2) },
        "kl_divergence": { Metrics.KLDivergence() },
        "poisson": { Metrics.Poisson() },
        "hinge": { Metrics.Hinge() },
        "hinge_signed": { Metrics.Hinge() },
        "squared_hinge": { Metrics.SquaredHinge() },
        "categorical_hinge": { Metrics.CategoricalHinge() },
    ]

    static let caseIDs = makers.keys.sorted()

    @Test func everyFixtureCaseHasASwiftConstruction() {
        #expect(Set(MetricFixture.cases.keys) == Set(Self.makers.keys))
        #expect(MetricFixture.cases.count >= 85)
    }

    /// Runs one update of a case: `(yTrue, yPred, sampleWeight)`, or `(values, sampleWeight)`.
    static func apply(_ update: [String?], mask: String?, to metric: Metric, kind: String) throws {
        if kind == "values" {
            let values = MetricFixture.input(update[0])!, weight = MetricFixture.input(update[1])
            if let mean = metric as? Mean { try mean.update(values: values, sampleWeight: weight) }
            if let sum = metric as? Sum { try sum.update(values: values, sampleWeight: weight) }
            return
        }
        let yTrue = MetricFixture.input(update[0])!, yPred = MetricFixture.input(update[1])!
        let weight = MetricFixture.input(update[2])
        if let mask = MetricFixture.input(mask), let wrapper = metric as? MeanMetricWrapper {
            try wrapper.update(yTrue, yPred, sampleWeight: weight, mask: mask)
        } else {
            try metric.update(yTrue, yPred, sampleWeight: weight)
        }
    }

    @Test(arguments: caseIDs) func matchesKeras(_ id: String) throws {
        let fixture = try #require(MetricFixture.cases[id])
        let metric = try #require(try Self.makers[id]?())
        #expect(metric.className == fixture.className)
        let masks = fixture.masks.isEmpty ? Array(repeating: nil, count: fixture.updates.count) : fixture.masks
        for (i, update) in fixture.updates.enumerated() {
            try Self.apply(update, mask: masks[i], to: metric, kind: fixture.kind)
            expectClose(try metric.result(), fixture.results[i])
        }
        // State: Keras's names, paths, shapes and dtypes, in Keras's order.
        let expectedPrefix = fixture.variables.first.map { String($0.path.split(separator: "/")[0]) } ?? metric.name
        #expect(metric.name == expectedPrefix || metric.name.hasPrefix(expectedPrefix + "_"), "name \(metric.name)")
        #expect(metric.variables.count == fixture.variables.count)
        for (variable, expected) in zip(metric.variables, fixture.variables) {
            #expect(variable.path == metric.name + "/" + variable.name)
            #expect(expected.path == expectedPrefix + "/" + variable.name)
            #expect(variable.shape == expected.shape, "\(variable.path)")
            #expect(variable.dtype.rawValue == expected.dtype, "\(variable.path)")
            #expect(!variable.trainable)
        }
        // Reset: every variable back to zeros, then one update equals a fresh metric's.
        metric.reset()
        for variable in metric.variables {
            #expect(variable.value.doubles.allSatisfy { $0 == 0 }, "\(variable.path) after reset")
        }
        try Self.apply(fixture.updates[fixture.updates.count - 1], mask: masks[masks.count - 1], to: metric, kind: fixture.kind)
        expectClose(try metric.result(), fixture.afterReset)
        // Config: Keras's get_config (the name compared up to Keras's numbering).
        var config = metric.kerasConfig
        var expected = fixture.config
        #expect(config["name"]?.stringValue == metric.name)
        config["name"] = nil
        expected["name"] = nil
        #expect(config == expected, "config \(JSONValue.object(metric.kerasConfig).serialized())")
        #expect(config.keys == expected.keys, "config key order")
    }
}
