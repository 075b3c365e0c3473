import Testing
@testable import KerasCore

@Suite struct IndexingTests {
    @Test func takeAndTakeAlongAxis() {
        let e = Tensor([0.0, 1, 10, 11, 20, 21], shape: [3, 2], dtype: .float64)
        expectClose(e.take(Tensor([2, 0, 2, -1], shape: [2, 2]), axis: 0), [20, 21, 0, 1, 20, 21, 20, 21], shape: [2, 2, 2])
        expectClose(e.take(Tensor([1]), axis: 1), [1, 11, 21], shape: [3, 1])
        let i = Tensor([1, 0, 0, 1, 1, 1], shape: [3, 2])
        expectClose(e.takeAlongAxis(i, axis: 1), [1, 0, 10, 11, 21, 21], shape: [3, 2])
        expectClose(e.takeAlongAxis(Tensor([2, 0], shape: [1, 2]), axis: 0), [20, 1], shape: [1, 2])
        var rng = TestRNG(7)
        let x = rng.tensor([4, 3])
        // Duplicate indices accumulate in the gradient.
        checkGradients([x]) { $0[0].take(Tensor([3, 1, 3, 0]), axis: 0) }
        checkGradients([x]) { $0[0].take(Tensor([2, 2], shape: [1, 2]), axis: 1) }
        checkGradients([x]) { $0[0].takeAlongAxis(Tensor([0, 2, 2, 1, 1, 0, 2, 2], shape: [4, 2]), axis: 1) }
    }

    @Test func scatterAndIndexAdd() {
        let s = scatter(Tensor([0, 1, 2, 0, 0, 1], shape: [3, 2]), Tensor([1.0, 2, 3]), shape: [3, 2])
        expectClose(s, [0, 4, 0, 0, 2, 0], shape: [3, 2])  // (0,1) twice: 1 + 3, (2,0): 2
        let s2 = scatter(Tensor([2, 0], shape: [2, 1]), Tensor([1.0, 2, 3, 4], shape: [2, 2]), shape: [3, 2])
        expectClose(s2, [3, 4, 0, 0, 1, 2])
        let base = Tensor.ones([3, 2], dtype: .float64)
        expectClose(base.indexAdd(Tensor([2, 2]), Tensor([1.0, 2, 3, 4], shape: [2, 2], dtype: .float64), axis: 0), [1, 1, 1, 1, 5, 7])
        var rng = TestRNG(8)
        let u = rng.tensor([3, 2])
        checkGradients([rng.tensor([4, 2]), u]) { $0[0].indexAdd(Tensor([3, 0, 3]), $0[1], axis: 0) }
        checkGradients([u]) { scatter(Tensor([1, 0, 1], shape: [3, 1]), $0[0], shape: [2, 2]) }
    }

    @Test func oneHotEncoding() {
        let o = oneHot(Tensor([0, 2, 5, -1]), numClasses: 3)
        expectClose(o, [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0], shape: [4, 3])
        #expect(oneHot(Tensor([1, 0], shape: [2, 1]), numClasses: 2).shape == [2, 1, 2])
    }

    @Test func sortingAndTopK() {
        let v = Tensor([3.0, 1, 2, 1, 5, 0], shape: [2, 3], dtype: .float64)
        expectClose(v.sorted(), [1, 2, 3, 0, 1, 5])
        expectClose(v.sorted(axis: 0), [1, 1, 0, 3, 5, 2])
        #expect(v.argsort().doubles == [1, 2, 0, 2, 0, 1])
        #expect(Tensor([2.0, 1, 2, 1]).argsort().doubles == [1, 3, 0, 2])  // stable
        #expect(Tensor([2.0, 1, 2, 1]).argsort(descending: true).doubles == [0, 2, 1, 3])
        #expect(Tensor([2.0, .nan, 1]).argsort().doubles == [2, 0, 1])
        let (values, indices) = v.topK(2)
        expectClose(values, [3, 2, 5, 1], shape: [2, 2])
        #expect(indices.doubles == [0, 2, 1, 0])
        #expect(indices.dtype == .int32)
        var rng = TestRNG(9)
        let x = rng.tensor([3, 5])
        checkGradients([x]) { $0[0].sorted(axis: 1) }
        checkGradients([x]) { $0[0].topK(3).values }
    }
}
