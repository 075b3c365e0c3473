// Plain triple-loop GEMM: the test oracle for the fast paths. Accumulates in Double so that
// the reference is more accurate than the kernels under test.

/// Straightforward reference implementation of `C = alpha * op(A) * op(B) + beta * C`
/// (row-major, same argument conventions as `GEMM.sgemm`). Slow; for tests only.
package enum ReferenceGEMM {
    /// Reference GEMM for any binary floating-point type; beta == 0 overwrites C without reading it.
    package static func gemm<T: BinaryFloatingPoint>(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: T,
        a: UnsafePointer<T>, lda: Int, b: UnsafePointer<T>, ldb: Int,
        beta: T, c: UnsafeMutablePointer<T>, ldc: Int
    ) {
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0
                for p in 0..<k {
                    let av = transposeA ? a[p * lda + i] : a[i * lda + p]
                    let bv = transposeB ? b[j * ldb + p] : b[p * ldb + j]
                    sum += Double(av) * Double(bv)
                }
                let scaled = Double(alpha) * sum
                let old = beta == 0 ? 0 : Double(beta) * Double(c[i * ldc + j])
                c[i * ldc + j] = T(scaled + old)
            }
        }
    }
}
