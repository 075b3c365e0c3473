import Testing
@testable import Keras

@Suite struct RepeatVectorTests {
    @Test func layerChecks() throws {
        try checkLayer({ try RepeatVector(3, dtype: $0) }, inputShape: [2, 4], outputShape: [2, 3, 4])
    }

    @Test func matchesKeras() throws {
        let x = Tensor([-2.5, -1, -0.25, 0, 0.5, 1.25, 3, -0.75], shape: [2, 4])
        expectClose(try RepeatVector(2)(x), [-2.5, -1, -0.25, 0, -2.5, -1, -0.25, 0, 0.5, 1.25, 3, -0.75, 0.5, 1.25, 3, -0.75], shape: [2, 2, 4])
    }

    @Test func validation() {
        expectKerasError(.invalidArgument, containing: ["n=0", "positive"]) { _ = try RepeatVector(0) }
        expectKerasError(.incompatibleShape, containing: ["ndim=2"]) { _ = try RepeatVector(2)(Tensor.ones([2, 3, 4])) }
    }
}
