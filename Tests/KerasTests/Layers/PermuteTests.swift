import Testing
@testable import Keras

@Suite struct PermuteTests {
    @Test func layerChecks() throws {
        try checkLayer({ try Permute([2, 1], dtype: $0) }, inputShape: [2, 3, 4], outputShape: [2, 4, 3])
        try checkLayer({ try Permute([3, 1, 2], dtype: $0) }, inputShape: [2, 3, 4, 5], outputShape: [2, 5, 3, 4])
    }

    @Test func matchesKeras() throws {
        let x = Tensor.arange(24).reshaped(to: [2, 3, 4])
        #expect(try Permute([2, 1])(x).doubles == [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11, 12, 16, 20, 13, 17, 21, 14, 18, 22, 15, 19, 23])
        #expect(try Permute([2, 1])(Input(shape: [nil, 7])).shape == [nil, 7, nil])
    }

    @Test func validation() {
        expectKerasError(.invalidArgument, containing: ["dims=[0, 1]", "1-based"]) { _ = try Permute([0, 1]) }
        expectKerasError(.invalidArgument, containing: ["dims=[1, 1]"]) { _ = try Permute([1, 1]) }
        expectKerasError(.incompatibleShape, containing: ["ndim=3", "(None, 3)"]) { _ = try Permute([2, 1])(Input(shape: [3])) }
    }
}
