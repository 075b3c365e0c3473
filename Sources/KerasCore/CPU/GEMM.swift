// Matrix-product entry point of the CPU backend: routes to the system BLAS when one was
// found at run time, else to the built-in packed/blocked SIMD implementation.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which matrix-product implementation runs.
public enum GEMMPath: String, Sendable {
    /// The system BLAS (OpenBLAS via dlopen on Linux, Accelerate on Apple platforms).
    case blas
    /// The built-in packed, blocked, multi-threaded kernels (no external dependency).
    case builtin
}

/// General matrix multiply, `C = alpha * op(A) * op(B) + beta * C`, on row-major buffers.
///
/// `op(X)` is `X` or `Xᵀ`; `op(A)` is m×k, `op(B)` is k×n, C is m×n. Leading dimensions are
/// row strides in elements: `lda >= (transposeA ? m : k)`, `ldb >= (transposeB ? k : n)`,
/// `ldc >= n`. When `beta == 0`, C is overwritten without being read (NaN in C is discarded);
/// when `k == 0` or `alpha == 0`, A and B are not read and `C = beta * C`.
/// Declared `package` (not `internal`) so the benchmark executable in this package can reach it.
package enum GEMM {
    /// True when the environment asks for the built-in kernels (`KERAS_BLAS=builtin`).
    private static let builtinRequested: Bool = {
        guard let value = getenv("KERAS_BLAS") else { return false }
        return String(cString: value) == "builtin"
    }()

    /// The path in use: BLAS when libopenblas.so.0 (Linux) / Accelerate (Apple) loads and
    /// `KERAS_BLAS != "builtin"`, else builtin.
    package static var activePath: GEMMPath {
        (!builtinRequested && BLASLibrary.shared != nil) ? .blas : .builtin
    }

    /// The BLAS library that was loaded (file name, and version/core/threads as reported by
    /// OpenBLAS), or nil when none was found.
    package static var blasDescription: (path: String, details: String)? {
        BLASLibrary.shared.map { ($0.path, $0.details) }
    }

    /// Single precision: `C = alpha * op(A) * op(B) + beta * C`, row-major, op(A) m×k, op(B) k×n.
    /// `path: nil` uses `activePath`; asking for `.blas` when none is loaded runs the built-in path.
    package static func sgemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int, path: GEMMPath? = nil
    ) {
        checkArguments(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                       lda: lda, ldb: ldb, ldc: ldc)
        if m == 0 || n == 0 { return }
        // Handle degenerate products here: BLAS would reject lda = 0 when k == 0, and this
        // guarantees "beta == 0 overwrites" on every path.
        if k == 0 || alpha == 0 {
            scale(m: m, n: n, beta: beta, c: c, ldc: ldc)
            return
        }
        // Inside another kernel's parallel loop, OpenBLAS would start its own threads on top
        // of ours; the built-in path runs inline there instead (no oversubscription).
        if (path ?? activePath) == .blas, !CPUThreadPool.shared.isRunning || path == .blas,
           let blas = BLASLibrary.shared, BLASLibrary.fits(m, n, k, lda, ldb, ldc) {
            blas.sgemm(BLASLibrary.rowMajor,
                       transposeA ? BLASLibrary.trans : BLASLibrary.noTrans,
                       transposeB ? BLASLibrary.trans : BLASLibrary.noTrans,
                       Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb),
                       beta, c, Int32(ldc))
            return
        }
        BuiltinGEMM.sgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                          alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }

    /// Double precision: `C = alpha * op(A) * op(B) + beta * C`, row-major (BLAS `dgemm` when
    /// loaded, else a simple blocked built-in that is correct but not tuned).
    package static func dgemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Double,
        a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int, path: GEMMPath? = nil
    ) {
        checkArguments(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                       lda: lda, ldb: ldb, ldc: ldc)
        if m == 0 || n == 0 { return }
        if k == 0 || alpha == 0 {
            scale(m: m, n: n, beta: beta, c: c, ldc: ldc)
            return
        }
        if (path ?? activePath) == .blas, !CPUThreadPool.shared.isRunning || path == .blas,
           let blas = BLASLibrary.shared, BLASLibrary.fits(m, n, k, lda, ldb, ldc) {
            blas.dgemm(BLASLibrary.rowMajor,
                       transposeA ? BLASLibrary.trans : BLASLibrary.noTrans,
                       transposeB ? BLASLibrary.trans : BLASLibrary.noTrans,
                       Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb),
                       beta, c, Int32(ldc))
            return
        }
        BuiltinGEMM.dgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                          alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }

    /// Validates shapes and strides (a violation is a caller bug, like an out-of-bounds index).
    @inline(__always)
    private static func checkArguments(transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                                       lda: Int, ldb: Int, ldc: Int) {
        precondition(m >= 0 && n >= 0 && k >= 0, "GEMM: negative dimension")
        precondition(m == 0 || k == 0 || lda >= (transposeA ? m : k), "GEMM: lda too small")
        precondition(n == 0 || k == 0 || ldb >= (transposeB ? k : n), "GEMM: ldb too small")
        precondition(m == 0 || n == 0 || ldc >= n, "GEMM: ldc too small")
    }

    /// `C = beta * C`; beta == 0 writes zeros without reading C.
    private static func scale<T: BinaryFloatingPoint>(
        m: Int, n: Int, beta: T, c: UnsafeMutablePointer<T>, ldc: Int
    ) {
        if beta == 1 { return }
        for i in 0..<m {
            let row = c + i * ldc
            if beta == 0 {
                row.update(repeating: 0, count: n)
            } else {
                for j in 0..<n { row[j] *= beta }
            }
        }
    }
}
