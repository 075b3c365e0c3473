// Optional system BLAS, found at run time with dlopen so that the package has no link-time
// dependency on it: OpenBLAS (libopenblas.so.0) on Linux, Accelerate on Apple platforms.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A dynamically loaded CBLAS implementation.
struct BLASLibrary: @unchecked Sendable {  // only immutable C function pointers and strings
    /// `cblas_sgemm` (LP64: 32-bit integer arguments).
    typealias SGEMMFunction = @convention(c) (
        Int32, Int32, Int32, Int32, Int32, Int32,
        Float, UnsafePointer<Float>?, Int32, UnsafePointer<Float>?, Int32,
        Float, UnsafeMutablePointer<Float>?, Int32
    ) -> Void
    /// `cblas_dgemm` (LP64: 32-bit integer arguments).
    typealias DGEMMFunction = @convention(c) (
        Int32, Int32, Int32, Int32, Int32, Int32,
        Double, UnsafePointer<Double>?, Int32, UnsafePointer<Double>?, Int32,
        Double, UnsafeMutablePointer<Double>?, Int32
    ) -> Void

    // CBLAS enum values (identical in OpenBLAS, Accelerate and the reference CBLAS).
    static let rowMajor: Int32 = 101
    static let noTrans: Int32 = 111
    static let trans: Int32 = 112

    /// The library file that was loaded.
    let path: String
    /// Implementation details when the library reports them (OpenBLAS config/core), else "".
    let details: String
    let sgemm: SGEMMFunction
    let dgemm: DGEMMFunction

    /// The process-wide BLAS, loaded once (Swift initialises `static let` thread-safely).
    /// `nil` when no usable library is installed.
    static let shared: BLASLibrary? = load()

    private static func load() -> BLASLibrary? {
        #if os(macOS) || os(iOS) || os(tvOS) || os(watchOS) || os(visionOS)
        let candidates = ["/System/Library/Frameworks/Accelerate.framework/Accelerate"]
        #else
        let candidates = ["libopenblas.so.0", "libopenblas.so"]
        #endif
        for candidate in candidates {
            // RTLD_LOCAL: keep OpenBLAS's symbols out of the global namespace.
            guard let handle = dlopen(candidate, RTLD_NOW | RTLD_LOCAL) else { continue }
            guard let s = dlsym(handle, "cblas_sgemm"), let d = dlsym(handle, "cblas_dgemm") else {
                dlclose(handle)
                continue
            }
            var details = ""
            typealias StringFunction = @convention(c) () -> UnsafePointer<CChar>?
            for name in ["openblas_get_config", "openblas_get_corename"] {
                if let sym = dlsym(handle, name),
                   let text = unsafeBitCast(sym, to: StringFunction.self)() {
                    details += (details.isEmpty ? "" : "; ") + String(cString: text)
                }
            }
            typealias IntFunction = @convention(c) () -> Int32
            if let sym = dlsym(handle, "openblas_get_num_threads") {
                details += (details.isEmpty ? "" : "; ") + "threads=\(unsafeBitCast(sym, to: IntFunction.self)())"
            }
            // The handle is intentionally never closed: the function pointers live for the process.
            return BLASLibrary(
                path: candidate, details: details,
                sgemm: unsafeBitCast(s, to: SGEMMFunction.self),
                dgemm: unsafeBitCast(d, to: DGEMMFunction.self))
        }
        return nil
    }

    /// Whether every dimension fits the 32-bit integers of the LP64 CBLAS interface.
    static func fits(_ values: Int...) -> Bool {
        values.allSatisfy { $0 <= Int(Int32.max) }
    }
}
