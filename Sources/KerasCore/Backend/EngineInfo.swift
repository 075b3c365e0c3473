/// What the engine runs on in this process: the backend, the thread count and the matrix-product
/// path. `keras info` prints it; benchmarks record it with their figures.
///
/// ```swift
/// print(EngineInfo.current)   // backend=cpu threads=2 gemm=blas
/// ```
public struct EngineInfo: Sendable, CustomStringConvertible {
    /// The backend's name, `"cpu"`.
    public let backend: String
    /// Threads the CPU kernels use (`KERAS_NUM_THREADS` overrides the core count).
    public let threads: Int
    /// `.blas` when OpenBLAS or Accelerate was found at run time (and `KERAS_BLAS` is not
    /// `builtin`), `.builtin` otherwise.
    public let gemmPath: GEMMPath

    /// The engine of this process.
    public static var current: EngineInfo {
        EngineInfo(backend: CPUBackend.shared.name, threads: Parallel.threadCount, gemmPath: GEMM.activePath)
    }

    /// `backend=cpu threads=2 gemm=blas`
    public var description: String { "backend=\(backend) threads=\(threads) gemm=\(gemmPath.rawValue)" }
}
