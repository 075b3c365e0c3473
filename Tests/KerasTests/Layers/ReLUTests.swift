import Testing
@testable import Keras

@Suite struct ReLUTests {
    @Test func layerChecks() throws {
        try checkLayer({ try ReLU(dtype: $0) }, inputShape: [2, 3, 4], outputShape: [2, 3, 4])
        try checkLayer({ try ReLU(maxValue: 0.5, negativeSlope: 0.1, threshold: 0.2, dtype: $0) }, inputShape: [3, 5], outputShape: [3, 5])
        try checkLayer({ try ReLU(negativeSlope: 0.3, dtype: $0) }, inputShape: [3, 5], outputShape: [3, 5])
    }

    @Test func matchesKeras() throws {
        let x = kerasReferenceInput
        expectClose(try ReLU()(x), [0, 0, 0, 0, 0.5, 1.25, 3, 0, 7, 0, 0.1, 6.5], shape: [3, 4])
        expectClose(try ReLU(maxValue: 6, negativeSlope: 0.1, threshold: 0.5)(x),
                    [-0.30000001, -0.15000001, -0.075000003, -0.050000001, 0, 1.25, 3, -0.125, 6, -0.45000002, -0.040000003, 6])
        expectClose(try ReLU(maxValue: 2)(x), [0, 0, 0, 0, 0.5, 1.25, 2, 0, 2, 0, 0.1, 2])
        expectClose(try ReLU(maxValue: 6)(x), [0, 0, 0, 0, 0.5, 1.25, 3, 0, 6, 0, 0.1, 6])
        expectClose(try ReLU(negativeSlope: 0.5)(x), [-1.25, -0.5, -0.125, 0, 0.5, 1.25, 3, -0.375, 7, -2, 0.1, 6.5])
        expectClose(try ReLU(threshold: 1)(x), [0, 0, 0, 0, 0, 1.25, 3, 0, 7, 0, 0, 6.5])
    }

    @Test func rejectsNegativeArguments() {
        expectKerasError(.invalidArgument, containing: ["maxValue=-1.0", ">= 0"]) { _ = try ReLU(maxValue: -1) }
        expectKerasError(.invalidArgument, containing: ["negativeSlope=-0.1"]) { _ = try ReLU(negativeSlope: -0.1) }
        expectKerasError(.invalidArgument, containing: ["threshold=-2.0"]) { _ = try ReLU(threshold: -2) }
    }
}
