import Testing
@testable import Keras

/// Invalid arguments and inputs throw a KerasError that names the argument; nothing traps.
@Suite struct MetricArgumentTests {
    /// Expects `body` to throw a KerasError of `kind` whose message mentions every one of `words`.
    func expectError(_ kind: KerasError.Kind, mentioning words: [String],
                     sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("expected a KerasError mentioning \(words)", sourceLocation: sourceLocation)
        } catch let error as KerasError {
            #expect(error.kind == kind, "\(error.message)", sourceLocation: sourceLocation)
            for word in words {
                #expect(error.message.contains(word), "\"\(word)\" not in: \(error.message)", sourceLocation: sourceLocation)
            }
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func invalidConstructorArguments() {
        expectError(.invalidArgument, mentioning: ["thresholds", "1.5"]) { _ = try Precision(thresholds: [0.5, 1.5]) }
        expectError(.invalidArgument, mentioning: ["thresholds", "-0.1"]) { _ = try Recall(thresholds: [-0.1]) }
        expectError(.invalidArgument, mentioning: ["thresholds"]) { _ = try TruePositives(thresholds: [2]) }
        expectError(.invalidArgument, mentioning: ["thresholds"]) { _ = try FalseNegatives(thresholds: []) }
        expectError(.invalidArgument, mentioning: ["topK", "0"]) { _ = try Precision(topK: 0) }
        expectError(.invalidArgument, mentioning: ["classID", "-1"]) { _ = try Recall(classID: -1) }
        expectError(.invalidArgument, mentioning: ["numThresholds", "1"]) { _ = try AUC(numThresholds: 1) }
        expectError(.invalidArgument, mentioning: ["numLabels", "multiLabel"]) { _ = try AUC(numLabels: 3) }
        expectError(.invalidArgument, mentioning: ["numLabels", "0"]) { _ = try AUC(multiLabel: true, numLabels: 0) }
        expectError(.invalidArgument, mentioning: ["labelWeights", "numLabels=3"]) {
            _ = try AUC(multiLabel: true, numLabels: 3, labelWeights: [1, 2])
        }
        expectError(.invalidArgument, mentioning: ["specificity", "1.2"]) { _ = try SensitivityAtSpecificity(1.2) }
        expectError(.invalidArgument, mentioning: ["sensitivity", "-0.5"]) { _ = try SpecificityAtSensitivity(-0.5) }
        expectError(.invalidArgument, mentioning: ["recall", "2"]) { _ = try PrecisionAtRecall(2) }
        expectError(.invalidArgument, mentioning: ["precision", "1.1"]) { _ = try RecallAtPrecision(1.1) }
        expectError(.invalidArgument, mentioning: ["numThresholds", "0"]) { _ = try PrecisionAtRecall(0.5, numThresholds: 0) }
        expectError(.invalidArgument, mentioning: ["beta", "0"]) { _ = try FBetaScore(beta: 0) }
        expectError(.invalidArgument, mentioning: ["threshold", "1.5"]) { _ = try F1Score(threshold: 1.5) }
        expectError(.invalidArgument, mentioning: ["threshold", "0"]) { _ = try FBetaScore(threshold: 0) }
        expectError(.invalidArgument, mentioning: ["targetClassIDs", "3"]) { _ = try IoU(numClasses: 3, targetClassIDs: [0, 3]) }
        expectError(.invalidArgument, mentioning: ["targetClassIDs"]) { _ = try IoU(numClasses: 3, targetClassIDs: []) }
        expectError(.invalidArgument, mentioning: ["numClasses", "0"]) { _ = try MeanIoU(numClasses: 0) }
        expectError(.invalidArgument, mentioning: ["targetClassIDs", "2"]) { _ = try BinaryIoU(targetClassIDs: [2]) }
        expectError(.invalidArgument, mentioning: ["numRegressors", "-1"]) { _ = try R2Score(numRegressors: -1) }
    }

    @Test func incompatibleInputsThrow() throws {
        let y4 = Tensor([0, 1, 1, 0.0])
        // The loss-like metrics throw the `Losses` function's error, which names the function.
        expectError(.incompatibleShape, mentioning: ["mean_squared_error", "y_true", "y_pred"]) {
            try Metrics.MeanSquaredError().update(Tensor.zeros([4, 3]), Tensor.zeros([4, 2]))
        }
        expectError(.invalidArgument, mentioning: ["cosine_similarity", "axis=2"]) {
            try Metrics.CosineSimilarity(axis: 2).update(Tensor.zeros([4, 3]), Tensor.zeros([4, 3]))
        }
        expectError(.invalidArgument, mentioning: ["pearson_correlation", "axis=-3"]) {
            try PearsonCorrelation(axis: -3).update(Tensor.zeros([4, 3]), Tensor.zeros([4, 3]))
        }
        expectError(.incompatibleShape, mentioning: ["sampleWeight"]) {
            try Metrics.MeanAbsoluteError().update(Tensor.zeros([4, 3]), Tensor.zeros([4, 3]), sampleWeight: Tensor.ones([3]))
        }
        expectError(.incompatibleShape, mentioning: ["sampleWeight"]) {
            try Mean().update(values: Tensor.zeros([4, 3]), sampleWeight: Tensor.ones([5]))
        }
        expectError(.incompatibleShape, mentioning: ["yTrue", "yPred"]) { try Precision().update(y4, Tensor.zeros([3])) }
        expectError(.incompatibleShape, mentioning: ["classID"]) { try Recall(classID: 1).update(y4, y4) }
        expectError(.invalidArgument, mentioning: ["classID=5"]) {
            try Precision(classID: 5).update(Tensor.zeros([2, 3]), Tensor.zeros([2, 3]))
        }
        expectError(.invalidArgument, mentioning: ["topK=4"]) {
            try Precision(topK: 4).update(Tensor.zeros([2, 3]), Tensor.zeros([2, 3]))
        }
        expectError(.incompatibleShape, mentioning: ["multiLabel", "rank 2"]) { try AUC(multiLabel: true).update(y4, y4) }
        expectError(.incompatibleShape, mentioning: ["labels"]) {
            try AUC(multiLabel: true, numLabels: 3).update(Tensor.zeros([2, 4]), Tensor.zeros([2, 4]))
        }
        expectError(.incompatibleShape, mentioning: ["labelWeights"]) {
            try AUC(labelWeights: [1, 2]).update(Tensor.zeros([2, 4]), Tensor.zeros([2, 4]))
        }
        expectError(.incompatibleShape, mentioning: ["2D"]) { try F1Score().update(y4, y4) }
        expectError(.incompatibleShape, mentioning: ["sampleWeight"]) {
            try F1Score().update(Tensor.zeros([2, 3]), Tensor.zeros([2, 3]), sampleWeight: Tensor.ones([2, 3]))
        }
        expectError(.incompatibleShape, mentioning: ["2D"]) { try R2Score().update(y4, Tensor.zeros([4, 2])) }
        expectError(.incompatibleShape, mentioning: ["one prediction per target"]) {
            try MeanIoU(numClasses: 2).update(Tensor([0, 1, 1]), Tensor([0, 1]))
        }
        expectError(.incompatibleShape, mentioning: ["one label per row"]) {
            try SparseTopKCategoricalAccuracy().update(Tensor([0, 1, 2]), Tensor.zeros([2, 5]))
        }
        expectError(.incompatibleShape, mentioning: ["same shape"]) {
            try Metrics.BinaryCrossentropy().update(Tensor.zeros([4, 1]), Tensor.zeros([4, 2]))
        }
        expectError(.incompatibleShape, mentioning: ["labels of shape (4,)", "y_true of shape (3,)"]) {
            try Metrics.SparseCategoricalCrossentropy().update(Tensor([0, 1, 2]), Tensor.zeros([4, 3]))
        }
        expectError(.unsupported, mentioning: ["update(values:sampleWeight:)"]) { try Mean().update(y4, y4) }
        expectError(.unsupported, mentioning: ["update(values:sampleWeight:)"]) { try Sum().update(y4, y4) }
    }

    @Test func aFailedUpdateLeavesTheStateUntouched() throws {
        let precision = try Precision(thresholds: [0.5, 0.7])
        try precision.update(Tensor([1, 0, 1.0]), Tensor([0.9, 0.8, 0.1]))
        let before = precision.variables.map(\.value.doubles)
        #expect(throws: KerasError.self) { try precision.update(Tensor([1, 0.0]), Tensor([0.9, 0.8, 0.1])) }
        #expect(precision.variables.map(\.value.doubles) == before)
    }
}
