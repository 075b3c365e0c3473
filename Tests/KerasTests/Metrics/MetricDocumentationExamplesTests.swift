import Testing
@testable import Keras

/// The examples of the Metrics article and of the metrics' doc comments, compiled and run; the
/// values in their comments are Keras 3.15.1's.
@Suite struct MetricDocumentationExamplesTests {
    func expectValue(_ t: Tensor, _ expected: Double, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(t.shape == [], sourceLocation: sourceLocation)
        #expect(Swift.abs(t.item() - expected) <= 1e-4 * Swift.max(1, Swift.abs(expected)),
                "got \(t.item()), expected \(expected)", sourceLocation: sourceLocation)
    }

    @Test func article() throws {
        let accuracy = BinaryAccuracy()
        try accuracy.update(Tensor([1, 1, 0, 0.0], shape: [4, 1]), Tensor([0.98, 1, 0, 0.6], shape: [4, 1]))
        expectValue(try accuracy.result(), 0.75)
        try accuracy.update(Tensor([1, 0.0], shape: [2, 1]), Tensor([0.3, 0.1], shape: [2, 1]))
        expectValue(try accuracy.result(), 4.0 / 6)
        accuracy.reset()
        expectValue(try accuracy.result(), 0)

        let auc = try AUC()
        #expect(auc.variables.map(\.path).map { $0.replacingFirstComponent(with: "auc") }
                == ["auc/true_positives", "auc/false_positives", "auc/true_negatives", "auc/false_negatives"])
        #expect(auc.variables[0].shape == [200])

        let mse = Metrics.MeanSquaredError()
        try mse.update(Tensor([0, 1, 0, 0.0], shape: [2, 2]), Tensor([1, 1, 0, 0.0], shape: [2, 2]), sampleWeight: Tensor([1, 0.0]))
        expectValue(try mse.result(), 0.5)

        let masked = Metrics.MeanSquaredError()
        try masked.update(Tensor([0, 0, 0.0], shape: [3, 1]), Tensor([1, 2, 3.0], shape: [3, 1]),
                          sampleWeight: nil, mask: Tensor([true, true, false]))
        expectValue(try masked.result(), 2.5)

        let byName = try Metric.named("auc")
        #expect(byName is AUC && byName.name.hasPrefix("auc"))
        let mseByName = try Metric.named("mse")
        #expect(mseByName is Metrics.MeanSquaredError && mseByName.name == "mean_squared_error")
        #expect(throws: KerasError.self) { try Metric.named("presicion") }

        let maxError = MeanMetricWrapper(name: "max_error") { yTrue, yPred in
            abs(yTrue - yPred).max(axes: [-1])
        }
        try maxError.update(Tensor([0, 1, 2, 2.0], shape: [2, 2]), Tensor([0.5, 1, 2, 5.0], shape: [2, 2]))
        expectValue(try maxError.result(), 1.75)
    }

    @Test func customTrainingLoop() throws {
        let model = try Sequential {
            Input(shape: [2])
            try Dense(8, activation: .tanh)
            try Dense(1, activation: .sigmoid)
        }
        let x = Tensor([0, 0, 0, 1, 1, 0, 1, 1, 0.1, 0.9, 0.9, 0.2, 0.8, 0.8, 0.2, 0.1], shape: [8, 2])
        let y = Tensor([0, 1, 1, 0, 1, 1, 0, 0.0], shape: [8, 1])
        let meanLoss = Mean(name: "loss")
        let accuracy = BinaryAccuracy()
        let auc = try AUC()
        let metrics: [Metric] = [meanLoss, accuracy, auc]
        var lines: [String] = []
        for epoch in 1...3 {
            for metric in metrics { metric.reset() }
            let (loss, gradients) = try valueWithGradients(of: model.trainableWeights) {
                let p = try clip(model(x, training: true), min: 1e-7, max: 1 - 1e-7)
                return -(y * log(p) + (1 - y) * log(1 - p)).mean()
            }
            for (variable, gradient) in zip(model.trainableWeights, gradients) {
                variable.assignSub(gradient * 0.5)
            }
            let predictions = try model(x)
            try meanLoss.update(values: loss)
            try accuracy.update(y, predictions)
            try auc.update(y, predictions)
            let logs = try metrics.map { "\($0.name) \(try $0.result().item())" }
            lines.append("epoch \(epoch): " + logs.joined(separator: ", "))
            // One batch per epoch: the mean loss is that batch's loss.
            expectValue(try meanLoss.result(), loss.item())
            let auc = try auc.result().item()
            #expect(auc >= 0 && auc <= 1)
        }
        #expect(lines.count == 3 && lines[0].hasPrefix("epoch 1: loss "))
    }

    @Test func metricBaseClass() throws {
        let auc = try AUC()
        try auc.update(Tensor([0, 0, 1, 1.0]), Tensor([0.1, 0.4, 0.35, 0.8]))
        expectValue(try auc.result(), 0.75)
        auc.reset()

        final class BinaryTruePositives: Metric, @unchecked Sendable {
            private var count: Variable!
            init(name: String? = nil) {
                super.init(name: name)
                count = addVariable(name: "true_positives", shape: [])
            }
            override func update(_ yTrue: Tensor, _ yPred: Tensor, sampleWeight: Tensor? = nil) throws {
                withoutGradients {
                    let hits = logicalAnd(yTrue.cast(to: .bool), yPred.cast(to: .bool)).cast(to: .float32)
                    count.assignAdd((sampleWeight.map { hits * $0 } ?? hits).sum())
                }
            }
            override func result() throws -> Tensor { count.value }
        }
        let tp = BinaryTruePositives()
        #expect(tp.name.hasPrefix("binary_true_positives"))
        #expect(tp.variables.map(\.path) == ["\(tp.name)/true_positives"])
        try tp.update(Tensor([1, 1, 0, 1.0]), Tensor([1, 0, 1, 1.0]))
        expectValue(try tp.result(), 2)
        tp.reset()
        expectValue(try tp.result(), 0)

        let acc = BinaryAccuracy()
        expectValue(try acc(Tensor([1, 0.0]), Tensor([0.9, 0.8])), 0.5)
    }

    @Test func reductionMetrics() throws {
        let mean = Mean()
        try mean.update(values: Tensor([1, 3, 5, 7.0]))
        expectValue(try mean.result(), 4)
        try mean.update(values: Tensor([1, 3, 5, 7.0]), sampleWeight: Tensor([1, 1, 0, 0.0]))
        expectValue(try mean.result(), 20.0 / 6)
        let sum = Sum()
        try sum.update(values: Tensor([1, 3, 5, 7.0]))
        expectValue(try sum.result(), 16)
    }

    @Test func accuracyMetrics() throws {
        let acc = Accuracy()
        try acc.update(Tensor([1, 2, 3, 4]), Tensor([0, 2, 3, 4.0]))
        expectValue(try acc.result(), 0.75)
        let categorical = CategoricalAccuracy()
        try categorical.update(Tensor([0, 0, 1, 0, 1, 0.0], shape: [2, 3]), Tensor([0.1, 0.9, 0.8, 0.05, 0.95, 0], shape: [2, 3]))
        expectValue(try categorical.result(), 0.5)
        let sparse = SparseCategoricalAccuracy()
        try sparse.update(Tensor([2, 1]), Tensor([0.1, 0.6, 0.3, 0.05, 0.95, 0], shape: [2, 3]))
        expectValue(try sparse.result(), 0.5)
        let topK = TopKCategoricalAccuracy(k: 1)
        try topK.update(Tensor([0, 0, 1, 0, 1, 0.0], shape: [2, 3]), Tensor([0.1, 0.9, 0.8, 0.05, 0.95, 0], shape: [2, 3]))
        expectValue(try topK.result(), 0.5)
        let sparseTopK = SparseTopKCategoricalAccuracy(k: 1)
        try sparseTopK.update(Tensor([2, 1]), Tensor([0.1, 0.9, 0.8, 0.05, 0.95, 0], shape: [2, 3]))
        expectValue(try sparseTopK.result(), 0.5)
    }

    @Test func confusionMetrics() throws {
        let tp = try TruePositives()
        try tp.update(Tensor([0, 1, 1, 1.0]), Tensor([1, 0, 1, 1.0]))
        expectValue(try tp.result(), 2)
        let fp = try FalsePositives()
        try fp.update(Tensor([0, 1, 0, 0.0]), Tensor([0, 0, 1, 1.0]))
        expectValue(try fp.result(), 2)
        let tn = try TrueNegatives()
        try tn.update(Tensor([0, 1, 0, 0.0]), Tensor([1, 1, 0, 0.0]))
        expectValue(try tn.result(), 2)
        let fn = try FalseNegatives()
        try fn.update(Tensor([0, 1, 1, 1.0]), Tensor([0, 1, 0, 0.0]))
        expectValue(try fn.result(), 2)
        let precision = try Precision()
        try precision.update(Tensor([0, 1, 1, 1.0]), Tensor([1, 0, 1, 1.0]))
        expectValue(try precision.result(), 2.0 / 3)
        let recall = try Recall()
        try recall.update(Tensor([0, 1, 1, 1.0]), Tensor([1, 0, 1, 1.0]))
        expectValue(try recall.result(), 2.0 / 3)
        let auc3 = try AUC(numThresholds: 3)
        try auc3.update(Tensor([0, 0, 1, 1.0]), Tensor([0, 0.5, 0.3, 0.9]))
        expectValue(try auc3.result(), 0.75)
        _ = try AUC(curve: .pr)
        #expect(try AUC(multiLabel: true, numLabels: 4).variables[0].shape == [200, 4])
        #expect(try Precision(topK: 2).topK == 2)
    }

    @Test func sensitivitySpecificityMetrics() throws {
        let yTrue = Tensor([0, 0, 0, 1, 1.0]), yPred = Tensor([0, 0.3, 0.8, 0.3, 0.8])
        let sensitivity = try SensitivityAtSpecificity(0.5)
        try sensitivity.update(yTrue, yPred)
        expectValue(try sensitivity.result(), 0.5)
        let specificity = try SpecificityAtSensitivity(0.5)
        try specificity.update(yTrue, yPred)
        expectValue(try specificity.result(), 2.0 / 3)
        let precisionAtRecall = try PrecisionAtRecall(0.5)
        try precisionAtRecall.update(yTrue, yPred)
        expectValue(try precisionAtRecall.result(), 0.5)
        let recallAtPrecision = try RecallAtPrecision(0.8)
        try recallAtPrecision.update(Tensor([0, 0, 1, 1.0]), Tensor([0, 0.5, 0.3, 0.9]))
        expectValue(try recallAtPrecision.result(), 0.5)
    }

    @Test func fScores() throws {
        let f2 = try FBetaScore(average: .macro, beta: 2, threshold: 0.5)
        try f2.update(Tensor([1, 0, 0, 1.0], shape: [2, 2]), Tensor([0.8, 0.6, 0.3, 0.9], shape: [2, 2]))
        expectValue(try f2.result(), 0.9166665)
        let f1 = try F1Score(average: .micro, threshold: 0.5)
        try f1.update(Tensor([1, 1, 1, 1, 0, 0, 1, 1, 0.0], shape: [3, 3]),
                      Tensor([0.2, 0.6, 0.7, 0.2, 0.6, 0.6, 0.6, 0.8, 0.0], shape: [3, 3]))
        expectValue(try f1.result(), 0.6666666)
    }

    @Test func iouMetrics() throws {
        let iou = try IoU(numClasses: 2, targetClassIDs: [0])
        try iou.update(Tensor([0, 0, 1, 1]), Tensor([0, 1, 0, 1]))
        expectValue(try iou.result(), 1.0 / 3)
        let miou = try MeanIoU(numClasses: 2)
        try miou.update(Tensor([0, 0, 1, 1]), Tensor([0, 1, 0, 1]))
        expectValue(try miou.result(), 1.0 / 3)
        let binary = try BinaryIoU(targetClassIDs: [0, 1], threshold: 0.3)
        try binary.update(Tensor([0, 1, 0, 1.0]), Tensor([0.1, 0.2, 0.4, 0.7]))
        expectValue(try binary.result(), 1.0 / 3)
        let oneHot = try OneHotIoU(numClasses: 3, targetClassIDs: [0, 2])
        try oneHot.update(Tensor([0, 0, 1, 1, 0, 0.0], shape: [2, 3]), Tensor([0.2, 0.3, 0.5, 0.1, 0.2, 0.7], shape: [2, 3]))
        expectValue(try oneHot.result(), 0.25)
        let oneHotMean = try OneHotMeanIoU(numClasses: 3)
        try oneHotMean.update(Tensor([0, 0, 1, 1, 0, 0.0], shape: [2, 3]), Tensor([0.2, 0.3, 0.5, 0.1, 0.2, 0.7], shape: [2, 3]))
        expectValue(try oneHotMean.result(), 0.25)
    }

    @Test func regressionMetrics() throws {
        let yTrue = Tensor([0, 1, 0, 0.0], shape: [2, 2]), yPred = Tensor([1, 1, 0, 0.0], shape: [2, 2])
        let cases: [(Metric, Double)] = [
            (Metrics.MeanSquaredError(), 0.25), (Metrics.MeanAbsoluteError(), 0.25), (Metrics.MeanSquaredLogarithmicError(), 0.12011322),
            (LogCoshError(), 0.1084452), (RootMeanSquaredError(), 0.5), (Metrics.Poisson(), 0.49999997),
        ]
        for (metric, expected) in cases {
            try metric.update(yTrue, yPred)
            expectValue(try metric.result(), expected)
        }
        let mape = Metrics.MeanAbsolutePercentageError()
        try mape.update(Tensor([1, 2.0], shape: [1, 2]), Tensor([1.5, 2.0], shape: [1, 2]))
        expectValue(try mape.result(), 25)
        let cosine = Metrics.CosineSimilarity()
        try cosine.update(Tensor([0, 1, 1, 1.0], shape: [2, 2]), Tensor([1, 0, 1, 1.0], shape: [2, 2]))
        expectValue(try cosine.result(), 0.5)
        let pearson = PearsonCorrelation()
        try pearson.update(Tensor([1, 2, 3.0], shape: [1, 3]), Tensor([2, 4, 7.0], shape: [1, 3]))
        expectValue(try pearson.result(), 0.99339914)
        let ccc = ConcordanceCorrelation()
        try ccc.update(Tensor([1, 2, 3.0], shape: [1, 3]), Tensor([2, 4, 7.0], shape: [1, 3]))
        expectValue(try ccc.result(), 0.3225807)
        let r2 = try R2Score()
        try r2.update(Tensor([1, 4, 3.0], shape: [3, 1]), Tensor([2, 4, 4.0], shape: [3, 1]))
        expectValue(try r2.result(), 0.57142854)
    }

    @Test func probabilisticAndHingeMetrics() throws {
        let yTrue = Tensor([0, 1, 0, 0.0], shape: [2, 2]), yPred = Tensor([0.6, 0.4, 0.4, 0.6], shape: [2, 2])
        let cases: [(Metric, Double)] = [
            (Metrics.BinaryCrossentropy(), 0.8149245), (Metrics.KLDivergence(), 0.45814306), (Metrics.Hinge(), 1.3),
            (Metrics.SquaredHinge(), 1.86), (Metrics.CategoricalHinge(), 1.4),
        ]
        for (metric, expected) in cases {
            try metric.update(yTrue, yPred)
            expectValue(try metric.result(), expected)
        }
        let probabilities = Tensor([0.05, 0.95, 0, 0.1, 0.8, 0.1], shape: [2, 3])
        let cce = Metrics.CategoricalCrossentropy()
        try cce.update(Tensor([0, 1, 0, 0, 0, 1.0], shape: [2, 3]), probabilities)
        expectValue(try cce.result(), 1.1769392)
        let scce = Metrics.SparseCategoricalCrossentropy()
        try scce.update(Tensor([1, 2]), probabilities)
        expectValue(try scce.result(), 1.1769392)
    }
}

extension String {
    /// The path with its first component (the metric's possibly numbered name) replaced.
    fileprivate func replacingFirstComponent(with name: String) -> String {
        ([name] + split(separator: "/").dropFirst().map(String.init)).joined(separator: "/")
    }
}
