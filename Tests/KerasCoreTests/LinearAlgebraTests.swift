import Testing
@testable import KerasCore

@Suite struct LinearAlgebraTests {
    /// Naive batched product over explicit index loops, for the oracle.
    func naiveMatmul(_ a: [Double], _ b: [Double], batch: Int, m: Int, k: Int, n: Int,
                     aBatchStride: Int, bBatchStride: Int) -> [Double] {
        var out = [Double](repeating: 0, count: batch * m * n)
        for bi in 0..<batch { for i in 0..<m { for j in 0..<n {
            var acc = 0.0
            for p in 0..<k { acc += a[bi * aBatchStride + i * k + p] * b[bi * bBatchStride + p * n + j] }
            out[(bi * m + i) * n + j] = acc
        } } }
        return out
    }

    @Test(arguments: [(1, 1, 1), (3, 5, 7), (17, 33, 9), (64, 1, 65), (0, 4, 3)])
    func matmulMatchesNaive(_ dims: (Int, Int, Int)) {
        let (m, k, n) = dims
        var rng = TestRNG(UInt64(m * 100 + k * 10 + n))
        for dtype in [DType.float32, .float64] {
            let a = rng.tensor([m, k], dtype: dtype), b = rng.tensor([k, n], dtype: dtype)
            expectClose(matmul(a, b), naiveMatmul(a.doubles, b.doubles, batch: 1, m: m, k: k, n: n, aBatchStride: 0, bBatchStride: 0),
                        shape: [m, n], tolerance: dtype == .float32 ? 1e-5 : 1e-12)
        }
    }

    @Test func matmulBroadcastsBatchesAndVectors() {
        var rng = TestRNG(1)
        let a = rng.tensor([2, 1, 3, 4]), b = rng.tensor([5, 4, 2])
        let c = matmul(a, b)
        #expect(c.shape == [2, 5, 3, 2])
        // Batch element (1, 3) is a[1, 0] @ b[3].
        expectClose(c[1, 3], matmul(a[1, 0], b[3]), tolerance: 1e-12)
        let v = rng.tensor([4])
        #expect(matmul(a, v).shape == [2, 1, 3])
        #expect(matmul(v, b).shape == [5, 2])
        #expect(matmul(v, v).shape == [])
        expectClose(matmul(v, v), [(v * v).sum().item()], tolerance: 1e-12)
        expectClose(matmul(Tensor([1, 2, 3, 4], shape: [2, 2]), Tensor([5, 6, 7, 8], shape: [2, 2])), [19, 22, 43, 50])
        #expect(matmul(Tensor([1, 2], shape: [1, 2]), Tensor([3, 4], shape: [2, 1])).dtype == .int32)
        checkGradients([rng.tensor([3, 4]), rng.tensor([4, 2])]) { matmul($0[0], $0[1]) }
        checkGradients([rng.tensor([2, 1, 3, 4]), rng.tensor([3, 4, 2])]) { matmul($0[0], $0[1]) }
        checkGradients([rng.tensor([4]), rng.tensor([2, 4, 3])]) { matmul($0[0], $0[1]) }
    }

    @Test func einsumPatternsOfAttentionAndEinsumDense() {
        var rng = TestRNG(2)
        // EinsumDense "abc,cd->abd"
        let x = rng.tensor([2, 3, 4]), w = rng.tensor([4, 5])
        expectClose(einsum("abc,cd->abd", x, w), matmul(x, w), tolerance: 1e-12)
        // "...b,bc->...c"
        expectClose(einsum("...b,bc->...c", x, w), matmul(x, w), tolerance: 1e-12)
        // EinsumDense "abc,cde->abde"
        let w3 = rng.tensor([4, 2, 3])
        expectClose(einsum("abc,cde->abde", x, w3), matmul(x, w3.reshaped(to: [4, 6])).reshaped(to: [2, 3, 2, 3]), tolerance: 1e-12)
        // Attention scores "aecd,abcd->acbe": key [B, S, H, D], query [B, T, H, D] -> [B, H, T, S]
        let key = rng.tensor([2, 5, 3, 4]), query = rng.tensor([2, 6, 3, 4])
        let scores = einsum("aecd,abcd->acbe", key, query)
        #expect(scores.shape == [2, 3, 6, 5])
        let expected = matmul(query.transposed(axes: [0, 2, 1, 3]), key.transposed(axes: [0, 2, 3, 1]))
        expectClose(scores, expected, tolerance: 1e-12)
        // Attention output "acbe,aecd->abcd": [B, H, T, S] x [B, S, H, D] -> [B, T, H, D]
        let value = rng.tensor([2, 5, 3, 4])
        let context = einsum("acbe,aecd->abcd", scores, value)
        expectClose(context, matmul(scores, value.transposed(axes: [0, 2, 1, 3])).transposed(axes: [0, 2, 1, 3]), tolerance: 1e-12)
        // One operand: trace-free reductions and transposes; implicit output.
        expectClose(einsum("ij->ji", w), w.transposed(), tolerance: 0)
        expectClose(einsum("ij->", w), [w.sum().item()], tolerance: 1e-12)
        expectClose(einsum("ij,jk", w.transposed(), w), matmul(w.transposed(), w), tolerance: 1e-12)
        // A label summed in one operand only.
        let summed = einsum("ab,bc->c", w.transposed(), w)
        expectClose(summed, matmul(w.transposed().sum(axes: [0]), w), tolerance: 1e-12)
        checkGradients([key, query]) { einsum("aecd,abcd->acbe", $0[0], $0[1]) }
        checkGradients([x, w3]) { einsum("abc,cde->abde", $0[0], $0[1]) }
    }

    @Test func tensordotAndOuter() {
        var rng = TestRNG(3)
        let a = rng.tensor([2, 3, 4]), b = rng.tensor([4, 3, 5])
        let t = tensordot(a, b, axes: ([1, 2], [1, 0]))
        #expect(t.shape == [2, 5])
        expectClose(t, einsum("ijk,kjl->il", a, b), tolerance: 1e-12)
        #expect(tensordot(a, rng.tensor([4, 2]), axes: 1).shape == [2, 3, 2])
        expectClose(outer(Tensor([1.0, 2]), Tensor([3.0, 4, 5])), [3, 4, 5, 6, 8, 10], shape: [2, 3])
        checkGradients([a, b]) { tensordot($0[0], $0[1], axes: ([1, 2], [1, 0])) }
        checkGradients([rng.tensor([3]), rng.tensor([2])]) { outer($0[0], $0[1]) }
    }
}
