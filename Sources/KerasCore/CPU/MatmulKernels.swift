/// Batched matrix products on the GEMM (BLAS or built-in); integers use a plain loop.
enum MatmulKernels {
    // a: [batch..., m, k], b: [batch..., k, n] (batch axes already equal) -> [batch..., m, n]
    static func matmul(_ a: Tensor, _ b: Tensor) -> Tensor {
        let m = a.shape[a.rank - 2], k = a.shape[a.rank - 1], n = b.shape[b.rank - 1]
        let batchShape = Array(a.shape.dropLast(2))
        let batch = Shape.elementCount(batchShape)
        var out = Tensor(uninitializedShape: batchShape + [m, n], dtype: a.dtype)
        out.tapeHandle = nil
        guard out.count > 0 else { return out }
        switch a.dtype {
        case .float32:
            let pa = a.pointer(as: Float.self), pb = b.pointer(as: Float.self), pc = out.pointer(as: Float.self)
            for i in 0..<batch {
                GEMM.sgemm(transposeA: false, transposeB: false, m: m, n: n, k: k, alpha: 1,
                           a: pa + i * m * k, lda: k, b: pb + i * k * n, ldb: n, beta: 0, c: pc + i * m * n, ldc: n)
            }
        case .float64:
            let pa = a.pointer(as: Double.self), pb = b.pointer(as: Double.self), pc = out.pointer(as: Double.self)
            for i in 0..<batch {
                GEMM.dgemm(transposeA: false, transposeB: false, m: m, n: n, k: k, alpha: 1,
                           a: pa + i * m * k, lda: k, b: pb + i * k * n, ldb: n, beta: 0, c: pc + i * m * n, ldc: n)
            }
        case .int32: integer(a, b, &out, Int32.self, batch: batch, m: m, k: k, n: n)
        case .int64: integer(a, b, &out, Int64.self, batch: batch, m: m, k: k, n: n)
        default: preconditionFailure("matmul: dtype \(a.dtype) should have been converted")
        }
        return out
    }

    private static func integer<T: FixedWidthInteger>(
        _ a: Tensor, _ b: Tensor, _ out: inout Tensor, _ t: T.Type, batch: Int, m: Int, k: Int, n: Int
    ) {
        let pa = a.pointer(as: T.self), pb = b.pointer(as: T.self), pc = out.pointer(as: T.self)
        for bi in 0..<batch {
            for i in 0..<m {
                for j in 0..<n {
                    var acc: T = 0
                    for p in 0..<k { acc = acc &+ pa[(bi * m + i) * k + p] &* pb[(bi * k + p) * n + j] }
                    pc[(bi * m + i) * n + j] = acc
                }
            }
        }
    }
}
