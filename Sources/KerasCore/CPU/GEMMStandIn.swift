// TEMPORARY: replaced by the built-in/BLAS GEMM being written; same signature.
public enum GEMMPath: String, Sendable { case blas, builtin }
enum GEMM {
    static func sgemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                      a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                      beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int, path: GEMMPath? = nil) {
        generic(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
    }
    static func dgemm(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Double,
                      a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
                      beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int, path: GEMMPath? = nil) {
        generic(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
    }
    private static func generic<T: BinaryFloatingPoint>(_ ta: Bool, _ tb: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: T,
        _ a: UnsafePointer<T>, _ lda: Int, _ b: UnsafePointer<T>, _ ldb: Int, _ beta: T, _ c: UnsafeMutablePointer<T>, _ ldc: Int) {
        for i in 0..<m { for j in 0..<n {
            var acc: T = 0
            for p in 0..<k { acc += (ta ? a[p * lda + i] : a[i * lda + p]) * (tb ? b[j * ldb + p] : b[p * ldb + j]) }
            c[i * ldc + j] = alpha * acc + (beta == 0 ? 0 : beta * c[i * ldc + j])
        } }
    }
}
extension GEMM { static var activePath: GEMMPath { .builtin } }
