import Testing
@testable import KerasCore

/// Pullbacks of primitives that ops only reach as gradients of other primitives, checked directly,
/// and empty tensors through the op families.
@Suite struct PrimitiveCoverageTests {
    @Test func sliceScatterPullback() {
        var rng = TestRNG(1)
        let ranges = [SliceRange(start: 1, count: 2, step: 2), SliceRange(start: 0, count: 3, step: 1)]
        checkGradients([rng.tensor([2, 3])]) { dispatch(.sliceScatter(ranges, shape: [5, 3]), [$0[0]]) }
    }

    @Test func scatterAlongAxisAddPullback() {
        var rng = TestRNG(2)
        let indices = Tensor([0, 2, 2, 1, 0, 0], shape: [3, 2])
        checkGradients([rng.tensor([3, 3]), rng.tensor([3, 2])]) {
            dispatch(.scatterAlongAxisAdd(axis: 1), [$0[0], indices, $0[1]])
        }
        let out = dispatch(.scatterAlongAxisAdd(axis: 1), [Tensor.zeros([3, 3], dtype: .float64), indices,
                                                          Tensor([1.0, 2, 3, 4, 5, 6], shape: [3, 2], dtype: .float64)])
        expectClose(out, [1, 0, 2, 0, 4, 3, 11, 0, 0])
    }

    @Test func emptyTensorsFlowThroughOps() {
        let e = Tensor.zeros([0, 3])
        #expect(exp(e).shape == [0, 3])
        #expect((e + Tensor.ones([3])).shape == [0, 3])
        expectClose(e.sum(axes: [0]), [0, 0, 0], shape: [3])
        #expect(e.sum(axes: [1]).shape == [0])
        #expect(matmul(e, Tensor.ones([3, 2])).shape == [0, 2])
        expectClose(matmul(Tensor.ones([2, 0]), Tensor.ones([0, 3])), [0, 0, 0, 0, 0, 0], shape: [2, 3])
        #expect(concatenate([e, Tensor.ones([2, 3])], axis: 0).shape == [2, 3])
        #expect(e.transposed().shape == [3, 0])
        #expect(e[.range(0..<0)].shape == [0, 3])
        #expect(e.take(Tensor([Int]()), axis: 0).shape == [0, 3])
        #expect(softmax(e).shape == [0, 3])
        #expect(e.argsort(axis: 0).shape == [0, 3])
        #expect(conv(Tensor.zeros([0, 5, 2]), Tensor.ones([3, 2, 4])).shape == [0, 3, 4])
        #expect(maxPool(Tensor.zeros([0, 4, 4, 1]), poolSize: [2, 2]).shape == [0, 2, 2, 1])
        let g = gradient(at: Tensor.zeros([0, 2], dtype: .float64)) { $0.sum() }
        #expect(g.shape == [0, 2])
    }

    @Test func sizeOneAxesBroadcastEverywhere() {
        var rng = TestRNG(3)
        let a = rng.tensor([1, 4, 1]), b = rng.tensor([3, 1, 5])
        checkGradients([a, b]) { $0[0] * $0[1] + $0[1] }
        checkGradients([rng.tensor([1, 1])]) { $0[0].sum(axes: [0]) * 3 }
        checkGradients([rng.tensor([1, 3, 1])]) { softmax($0[0], axis: 1) }
    }
}
