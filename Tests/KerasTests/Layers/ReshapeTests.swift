import Testing
@testable import Keras

@Suite struct ReshapeTests {
    @Test func layerChecks() throws {
        try checkLayer({ try Reshape([4, 3], dtype: $0) }, inputShape: [2, 3, 4], outputShape: [2, 4, 3])
        try checkLayer({ try Reshape([-1, 2], dtype: $0) }, inputShape: [2, 3, 4], outputShape: [2, 6, 2])
        try checkLayer({ try Reshape([12], dtype: $0) }, inputShape: [2, 3, 4], outputShape: [2, 12])
    }

    @Test func keepsValuesInOrder() throws {
        let x = Tensor.arange(24).reshaped(to: [2, 3, 4])
        let y = try Reshape([2, -1])(x)
        #expect(y.shape == [2, 2, 6])
        #expect(y.doubles == x.doubles)
    }

    @Test func symbolicShapesFollowKeras() throws {
        #expect(try Reshape([-1, 2])(Input(shape: [3, 4])).shape == [nil, 6, 2])
        // An unknown input axis leaves the -1 unknown.
        #expect(try Reshape([-1, 2])(Input(shape: [nil, 4])).shape == [nil, nil, 2])
        #expect(try Reshape([-1, 2])(Tensor.ones([3, 5, 4])).shape == [3, 10, 2])
    }

    @Test func validation() {
        expectKerasError(.invalidArgument, containing: ["at most one", "[-1, -1]"]) { _ = try Reshape([-1, -1]) }
        expectKerasError(.invalidArgument, containing: ["-3"]) { _ = try Reshape([2, -3]) }
        expectKerasError(.incompatibleShape, containing: ["(3, 4)", "12", "(5,)", "unchanged"]) { _ = try Reshape([5])(Input(shape: [3, 4])) }
        expectKerasError(.incompatibleShape, containing: ["(3, 4)", "divisible", "5"]) { _ = try Reshape([-1, 5])(Tensor.ones([2, 3, 4])) }
    }
}
