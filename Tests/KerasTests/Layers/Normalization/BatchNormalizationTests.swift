import Testing
@testable import Keras

@Suite struct BatchNormalizationTests {
    @Test func layerChecks() throws {
        try checkLayer({ try BatchNormalization(dtype: $0) }, inputShape: [4, 3], outputShape: [4, 3],
                       weightShapes: [[3], [3], [3], [3]], trainableCount: 2, trainingChangesOutput: true)
        try checkLayer({ try BatchNormalization(axis: 1, center: false, dtype: $0) }, inputShape: [2, 3, 5], outputShape: [2, 3, 5],
                       weightShapes: [[3], [3], [3]], trainableCount: 1, trainingChangesOutput: true)
    }

    @Test func trainingUsesBatchStatisticsAndUpdatesMovingOnes() throws {
        let bn = try BatchNormalization(momentum: 0.9, epsilon: 1e-3)
        let x = Tensor([1.0, 10, 3, 20], shape: [2, 2])   // feature means 2, 15; variances 1, 25
        let y = try bn(x, training: true)
        expectClose(y, Tensor([-1 / (1.001).squareRoot(), -5 / (25.001).squareRoot(), 1 / (1.001).squareRoot(), 5 / (25.001).squareRoot()], shape: [2, 2]), tolerance: 1e-6)
        expectClose(bn.movingMean!.value, Tensor([0.2, 1.5]), tolerance: 1e-6)
        expectClose(bn.movingVariance!.value, Tensor([0.9 + 0.1, 0.9 + 2.5]), tolerance: 1e-6)
        // A frozen layer runs in inference mode even when training.
        bn.trainable = false
        let frozen = try bn(x, training: true)
        expectClose(frozen, try bn(x), tolerance: 0)
        #expect(throws: KerasError.self) { try BatchNormalization(momentum: 1.5) }
    }
}
