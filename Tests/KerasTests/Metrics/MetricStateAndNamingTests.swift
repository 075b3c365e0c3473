import Testing
@testable import Keras

/// State variables (Keras's names, paths, shapes, order), reset, gradients, and Metric.named.
@Suite struct MetricStateAndNamingTests {
    /// The variables' paths with the metric's (possibly numbered) name replaced by `base`.
    func paths(_ metric: Metric, as base: String) -> [String] {
        metric.variables.map { "\(base)/\($0.name)" }
    }

    @Test func stateVariablesFollowKeras() throws {
        let auc = try AUC()
        #expect(auc.name == "auc" || auc.name.hasPrefix("auc_"))
        #expect(auc.variables.map(\.path) == ["true_positives", "false_positives", "true_negatives", "false_negatives"].map { "\(auc.name)/\($0)" })
        #expect(auc.variables.allSatisfy { $0.shape == [200] && $0.dtype == .float32 && !$0.trainable })
        #expect(auc.thresholds.count == 200 && auc.thresholds.first! < 0 && auc.thresholds.last! > 1)

        let named = try AUC(numThresholds: 50, name: "val_auc")
        #expect(named.variables.map(\.path).first == "val_auc/true_positives" && named.variables[0].shape == [50])
        #expect(try AUC(name: "a/b").variables[0].path == "a>b/true_positives")

        // Multi-label AUC without numLabels, F1Score and R2Score create their state at the first update.
        let perLabel = try AUC(multiLabel: true)
        #expect(perLabel.variables.isEmpty)
        #expect(try perLabel.result().item() == 0)
        try perLabel.update(Tensor.zeros([2, 3]), Tensor.zeros([2, 3]))
        #expect(perLabel.variables.map(\.shape) == Array(repeating: [200, 3], count: 4))
        let f1 = try F1Score()
        #expect(f1.variables.isEmpty)
        try f1.update(Tensor.zeros([2, 5]), Tensor.ones([2, 5]))
        #expect(paths(f1, as: "f1_score") == ["f1_score/true_positives", "f1_score/false_positives",
                                              "f1_score/false_negatives", "f1_score/intermediate_weights"])
        #expect(f1.variables.map(\.shape) == Array(repeating: [5], count: 4))
        let micro = try F1Score(average: .micro)
        try micro.update(Tensor.zeros([2, 5]), Tensor.ones([2, 5]))
        #expect(micro.variables.map(\.shape) == Array(repeating: [], count: 4))
        let r2 = try R2Score()
        #expect(paths(r2, as: "r2_score") == ["r2_score/num_samples"])
        try r2.update(Tensor.zeros([3, 2]), Tensor.ones([3, 2]))
        #expect(paths(r2, as: "r2_score") == ["r2_score/num_samples", "r2_score/squared_sum", "r2_score/sum",
                                              "r2_score/residual", "r2_score/count"])

        #expect(paths(Mean(), as: "mean") == ["mean/total", "mean/count"])
        #expect(paths(Sum(), as: "sum") == ["sum/total"])
        #expect(paths(try Precision(thresholds: [0.2, 0.4]), as: "precision") == ["precision/true_positives", "precision/false_positives"])
        #expect(try Precision(thresholds: [0.2, 0.4]).variables[0].shape == [2])
        #expect(paths(try Recall(), as: "recall") == ["recall/true_positives", "recall/false_negatives"])
        #expect(paths(try TruePositives(), as: "tp") == ["tp/accumulator"])
        #expect(paths(try SensitivityAtSpecificity(0.5), as: "s") == ["s/true_positives", "s/false_positives", "s/true_negatives", "s/false_negatives"])
        let iou = try MeanIoU(numClasses: 4)
        #expect(iou.variables.map(\.name) == ["total_confusion_matrix"] && iou.variables[0].shape == [4, 4])
        #expect(iou.variables[0].dtype == .int32 && iou.dtype == .int32)
    }

    @Test func defaultNamesAreKerasAndNumberedWhenKerasNumbersThem() throws {
        // Fixed Keras defaults are not numbered.
        #expect(Mean().name == "mean" && Mean().name == "mean")
        #expect(Metrics.MeanSquaredError().name == "mean_squared_error" && LogCoshError().name == "logcosh")
        let f1 = try F1Score(), fbeta = try FBetaScore(), r2 = try R2Score()
        #expect(BinaryAccuracy().name == "binary_accuracy" && f1.name == "f1_score")
        #expect(fbeta.name == "fbeta_score" && r2.name == "r2_score")
        // Class-named defaults are numbered to stay unique, as Keras's auto_name does.
        let first = try Precision(), second = try Precision()
        #expect(first.name.hasPrefix("precision") && second.name.hasPrefix("precision_") && first.name != second.name)
        #expect((try IoU(numClasses: 2, targetClassIDs: [0])).name.hasPrefix("io_u"))
        #expect((try SensitivityAtSpecificity(0.5)).name.hasPrefix("sensitivity_at_specificity"))
        #expect(MeanMetricWrapper { a, _ in a }.name.hasPrefix("mean_metric_wrapper"))
    }

    @Test func resetRestoresInitialValues() throws {
        final class Countdown: Metric, @unchecked Sendable {
            private var remaining: Variable!
            init() {
                super.init(name: "countdown")
                remaining = addVariable(name: "remaining", shape: [2], initializer: .ones)
            }
            override func update(_ yTrue: Tensor, _ yPred: Tensor, sampleWeight: Tensor? = nil) throws {
                remaining.assignSub(Tensor([1, 1.0]))
            }
            override func result() throws -> Tensor { remaining.value }
        }
        let countdown = Countdown()
        try countdown.update(Tensor(0.0), Tensor(0.0))
        #expect(try countdown.result().doubles == [0, 0])
        countdown.reset()
        #expect(try countdown.result().doubles == [1, 1])
        #expect(countdown.kerasConfig == ["name": "countdown", "dtype": "float32"])
    }

    @Test func updatesRecordNothingForDifferentiation() throws {
        let w = Variable(Tensor([0.5, -0.5]), name: "w")
        let mse = Metrics.MeanSquaredError(), auc = try AUC()
        let (loss, gradients) = try valueWithGradients(of: [w]) {
            let prediction = sigmoid(w.value)
            try mse.update(Tensor([1, 0.0]), prediction)
            try auc.update(Tensor([1, 0.0]), prediction)
            #expect(!(try mse.result().isTracked))
            return prediction.sum()
        }
        #expect(loss.shape == [] && gradients[0].shape == [2])
        #expect(mse.variables.allSatisfy { !$0.value.isTracked })
        #expect(try auc.result().item() == 1)
    }

    @Test func namedResolvesKerasIdentifiers() throws {
        let cases: [(String, Metric.Type, String?)] = [
            ("mse", Metrics.MeanSquaredError.self, "mean_squared_error"), ("MSE", Metrics.MeanSquaredError.self, nil),
            ("mae", Metrics.MeanAbsoluteError.self, "mean_absolute_error"), ("mape", Metrics.MeanAbsolutePercentageError.self, nil),
            ("msle", Metrics.MeanSquaredLogarithmicError.self, nil), ("bce", Metrics.BinaryCrossentropy.self, "binary_crossentropy"),
            ("auc", AUC.self, nil), ("AUC", AUC.self, nil), ("precision", Precision.self, nil), ("recall", Recall.self, nil),
            ("binary_accuracy", BinaryAccuracy.self, "binary_accuracy"),
            ("categorical_accuracy", CategoricalAccuracy.self, nil),
            ("sparse_categorical_accuracy", SparseCategoricalAccuracy.self, nil),
            ("top_k_categorical_accuracy", TopKCategoricalAccuracy.self, nil),
            ("sparse_top_k_categorical_accuracy", SparseTopKCategoricalAccuracy.self, nil),
            ("binary_crossentropy", Metrics.BinaryCrossentropy.self, nil), ("categorical_crossentropy", Metrics.CategoricalCrossentropy.self, nil),
            ("sparse_categorical_crossentropy", Metrics.SparseCategoricalCrossentropy.self, nil),
            ("accuracy", Accuracy.self, "accuracy"), ("kl_divergence", Metrics.KLDivergence.self, nil),
            ("log_cosh_error", LogCoshError.self, "logcosh"), ("r2_score", R2Score.self, nil),
            ("f1_score", F1Score.self, nil), ("f_beta_score", FBetaScore.self, nil), ("binary_io_u", BinaryIoU.self, nil),
            ("true_positives", TruePositives.self, nil), ("RootMeanSquaredError", RootMeanSquaredError.self, nil),
            ("squared_hinge", Metrics.SquaredHinge.self, nil), ("poisson", Metrics.Poisson.self, nil), ("mean", Mean.self, "mean"),
        ]
        for (identifier, type, name) in cases {
            let metric = try Metric.named(identifier)
            #expect(Swift.type(of: metric) == type, "\(identifier)")
            if let name { #expect(metric.name == name, "\(identifier)") }
        }
        #expect(try Metric.named("mse", displayName: "mse").name == "mse")
        #expect(try Metric.named("auc", displayName: "auc").variables[0].path == "auc/true_positives")
    }

    @Test func namedCoversKerasAndSuggests() throws {
        // Every name keras.metrics.get knows (the fixture lists them) is known here.
        #expect(Set(Metric.kerasNames) == Set(MetricFixture.aliases))
        do {
            _ = try Metric.named("presicion")
            Issue.record("expected an error")
        } catch let error as KerasError {
            #expect(error.kind == .unknownName)
            #expect(error.message.contains("Unknown metric \"presicion\". Did you mean \"precision\"?"))
        }
        #expect(throws: KerasError.self) { try Metric.named("acc") }
        #expect(throws: KerasError.self) { try Metric.named("crossentropy") }
        do {
            _ = try Metric.named("mean_io_u")
            Issue.record("expected an error")
        } catch let error as KerasError {
            #expect(error.kind == .invalidArgument && error.message.contains("MeanIoU(numClasses:)"))
        }
    }
}
