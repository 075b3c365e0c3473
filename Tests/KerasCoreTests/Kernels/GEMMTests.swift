// Correctness of the GEMM paths against the triple-loop reference: odd shapes, all transpose
// combinations, padded leading dimensions, alpha/beta variants, NaN garbage in C with beta 0.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
import KerasKernels
@testable import KerasCore

/// Whether a system BLAS was found (BLAS tests are skipped, with a message, when not).
let blasAvailable = GEMM.blasDescription != nil

struct GEMMShape: CustomStringConvertible, Sendable {
    var m: Int, n: Int, k: Int
    var description: String { "\(m)x\(n)x\(k)" }
}

/// A sample of the {0,1,2,3,7,16,17,31,33,65,130}³ combinations plus block-boundary cases
/// (k > 256 splits k blocks, m > 144 splits row blocks, n > 4080 splits column blocks).
let shapes: [GEMMShape] = {
    let dims = [0, 1, 2, 3, 7, 16, 17, 31, 33, 65, 130]
    var result: [GEMMShape] = []
    // Deterministic "random" sample of the cube, plus the diagonal.
    for (index, m) in dims.enumerated() {
        result.append(GEMMShape(m: m, n: m, k: m))
        result.append(GEMMShape(m: m, n: dims[(index * 3 + 1) % dims.count], k: dims[(index * 7 + 2) % dims.count]))
        result.append(GEMMShape(m: dims[(index * 5 + 3) % dims.count], n: m, k: dims[(index * 2 + 5) % dims.count]))
    }
    result += [GEMMShape(m: 5, n: 0, k: 3), GEMMShape(m: 0, n: 4, k: 3), GEMMShape(m: 3, n: 4, k: 0),
               GEMMShape(m: 150, n: 40, k: 300), GEMMShape(m: 301, n: 33, k: 17), GEMMShape(m: 7, n: 4100, k: 5),
               GEMMShape(m: 97, n: 113, k: 520)]
    return result
}()

struct Variant: CustomStringConvertible, Sendable {
    var transposeA: Bool, transposeB: Bool
    var alpha: Double, beta: Double
    var padded: Bool
    var nanInC: Bool
    var description: String {
        "tA=\(transposeA) tB=\(transposeB) alpha=\(alpha) beta=\(beta) padded=\(padded) nanC=\(nanInC)"
    }
}

/// The variants to run for a shape: all 16 for small shapes; for large ones (slow in a debug
/// build) one alpha/beta kind per transpose combination, still covering every kind and combo.
func variants(for shape: GEMMShape) -> [Variant] {
    if shape.m * shape.n * shape.k <= 200_000 { return variants }
    return variants.enumerated().filter { $0.offset % 5 == 0 }.map(\.element)
}

let variants: [Variant] = {
    var result: [Variant] = []
    for tA in [false, true] {
        for tB in [false, true] {
            result.append(Variant(transposeA: tA, transposeB: tB, alpha: 1, beta: 0, padded: false, nanInC: true))
            result.append(Variant(transposeA: tA, transposeB: tB, alpha: -1.5, beta: 1, padded: true, nanInC: false))
            result.append(Variant(transposeA: tA, transposeB: tB, alpha: 0.75, beta: 0.5, padded: true, nanInC: false))
            result.append(Variant(transposeA: tA, transposeB: tB, alpha: 2, beta: 0, padded: true, nanInC: true))
        }
    }
    return result
}()

/// Deterministic values in [-1, 1).
struct GEMMTestRNG {
    var state: UInt64
    mutating func next() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(1 << 53) * 2 - 1
    }
}

enum Precision { case float, double }

/// Runs one GEMM on `path` and compares with the reference; returns a failure description or nil.
func check<T: BinaryFloatingPoint>(
    _: T.Type, shape: GEMMShape, variant v: Variant, path: GEMMPath?,
    run: (Bool, Bool, Int, Int, Int, T, UnsafePointer<T>, Int, UnsafePointer<T>, Int, T, UnsafeMutablePointer<T>, Int) -> Void
) -> String? {
    let (m, n, k) = (shape.m, shape.n, shape.k)
    let pad = v.padded ? 3 : 0
    // op(A) is m×k: stored k×m when transposed. Leading dims >= max(1, columns).
    let aRows = v.transposeA ? k : m, aCols = v.transposeA ? m : k
    let bRows = v.transposeB ? n : k, bCols = v.transposeB ? k : n
    let lda = max(1, aCols) + pad, ldb = max(1, bCols) + pad, ldc = max(1, n) + pad
    var rng = GEMMTestRNG(state: UInt64(m * 1_000_003 + n * 1009 + k * 7 + pad))
    let sentinel: T = 12345
    var aStore = [T](repeating: sentinel, count: max(1, aRows * lda))
    var bStore = [T](repeating: sentinel, count: max(1, bRows * ldb))
    for i in 0..<aRows { for j in 0..<aCols { aStore[i * lda + j] = T(rng.next()) } }
    for i in 0..<bRows { for j in 0..<bCols { bStore[i * ldb + j] = T(rng.next()) } }
    var c0 = [T](repeating: sentinel, count: max(1, m * ldc))
    for i in 0..<m { for j in 0..<n { c0[i * ldc + j] = v.nanInC ? T.nan : T(rng.next()) } }
    var expected = c0
    var magnitude = c0.map { abs($0) }  // |beta|·|C| + |alpha|·Σ|a||b|: scale for the tolerance
    let alpha = T(v.alpha), beta = T(v.beta)
    let absA = aStore.map { abs($0) }, absB = bStore.map { abs($0) }
    ReferenceGEMM.gemm(transposeA: v.transposeA, transposeB: v.transposeB, m: m, n: n, k: k,
                       alpha: alpha, a: aStore, lda: lda, b: bStore, ldb: ldb,
                       beta: beta, c: &expected, ldc: ldc)
    ReferenceGEMM.gemm(transposeA: v.transposeA, transposeB: v.transposeB, m: m, n: n, k: k,
                       alpha: abs(alpha), a: absA, lda: lda, b: absB, ldb: ldb,
                       beta: abs(beta), c: &magnitude, ldc: ldc)
    var actual = c0
    aStore.withUnsafeBufferPointer { a in
        bStore.withUnsafeBufferPointer { b in
            actual.withUnsafeMutableBufferPointer { c in
                run(v.transposeA, v.transposeB, m, n, k, alpha, a.baseAddress!, lda, b.baseAddress!, ldb,
                    beta, c.baseAddress!, ldc)
            }
        }
    }
    let eps: Double = T.self == Float.self ? 1e-5 : 1e-12
    for i in 0..<m {
        for j in 0..<n {
            let got = Double(actual[i * ldc + j]), want = Double(expected[i * ldc + j])
            let tolerance = eps * Double(k + 1) * Double(magnitude[i * ldc + j]) + 1e-30
            if !(abs(got - want) <= tolerance) {
                return "\(shape) \(v) path=\(String(describing: path)): C[\(i),\(j)] = \(got), expected \(want)"
            }
        }
        for j in n..<ldc where actual[i * ldc + j] != sentinel {
            return "\(shape) \(v): padding C[\(i),\(j)] was overwritten"
        }
    }
    return nil
}

func checkFloat(_ shape: GEMMShape, _ variant: Variant, path: GEMMPath) -> String? {
    check(Float.self, shape: shape, variant: variant, path: path) { tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc in
        GEMM.sgemm(transposeA: tA, transposeB: tB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                   b: b, ldb: ldb, beta: beta, c: c, ldc: ldc, path: path)
    }
}

func checkDouble(_ shape: GEMMShape, _ variant: Variant, path: GEMMPath) -> String? {
    check(Double.self, shape: shape, variant: variant, path: path) { tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc in
        GEMM.dgemm(transposeA: tA, transposeB: tB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                   b: b, ldb: ldb, beta: beta, c: c, ldc: ldc, path: path)
    }
}

@Suite("GEMM")
struct GEMMTests {
    @Test("builtin sgemm matches reference", arguments: shapes)
    func builtinFloat(shape: GEMMShape) {
        for variant in variants(for: shape) {
            let failure = checkFloat(shape, variant, path: .builtin)
            #expect(failure == nil, "\(failure ?? "")")
            if failure != nil { return }
        }
    }

    @Test("builtin dgemm matches reference", arguments: shapes)
    func builtinDouble(shape: GEMMShape) {
        for variant in variants(for: shape) {
            let failure = checkDouble(shape, variant, path: .builtin)
            #expect(failure == nil, "\(failure ?? "")")
            if failure != nil { return }
        }
    }

    @Test("BLAS sgemm matches reference", .enabled(if: blasAvailable, "no BLAS library (libopenblas.so.0) found; BLAS path not tested"),
          arguments: shapes)
    func blasFloat(shape: GEMMShape) {
        for variant in variants(for: shape) {
            let failure = checkFloat(shape, variant, path: .blas)
            #expect(failure == nil, "\(failure ?? "")")
            if failure != nil { return }
        }
    }

    @Test("BLAS dgemm matches reference", .enabled(if: blasAvailable, "no BLAS library (libopenblas.so.0) found; BLAS path not tested"),
          arguments: shapes)
    func blasDouble(shape: GEMMShape) {
        for variant in variants(for: shape) {
            let failure = checkDouble(shape, variant, path: .blas)
            #expect(failure == nil, "\(failure ?? "")")
            if failure != nil { return }
        }
    }

    @Test("default path (activePath) works")
    func defaultPath() {
        let v = Variant(transposeA: false, transposeB: true, alpha: 1, beta: 0, padded: false, nanInC: true)
        #expect(checkFloat(GEMMShape(m: 33, n: 17, k: 65), v, path: GEMM.activePath) == nil)
        let fail = check(Float.self, shape: GEMMShape(m: 17, n: 31, k: 7), variant: v, path: nil) {
            tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc in
            GEMM.sgemm(transposeA: tA, transposeB: tB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                       b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
        }
        #expect(fail == nil)
        #expect(GEMM.activePath == (blasAvailable && getenv("KERAS_BLAS").map { String(cString: $0) } != "builtin" ? .blas : .builtin))
    }

    @Test("alpha == 0 does not read A or B and scales C")
    func alphaZero() {
        let nan = Float.nan
        let a = [nan, nan, nan, nan], b = [nan, nan, nan, nan]
        var c: [Float] = [1, 2, 3, 4]
        for path in [GEMMPath.builtin, .blas] {
            c = [1, 2, 3, 4]
            GEMM.sgemm(transposeA: false, transposeB: false, m: 2, n: 2, k: 2, alpha: 0, a: a, lda: 2,
                       b: b, ldb: 2, beta: 0.5, c: &c, ldc: 2, path: path)
            #expect(c == [0.5, 1, 1.5, 2])
        }
    }

    @Test("portable micro-kernel matches reference")
    func portableKernel() {
        // Packed operands for one 6×16 tile: A panel kc×6, B panel kc×16.
        let kc = 37
        var rng = GEMMTestRNG(state: 42)
        let ap = (0..<(kc * 6)).map { _ in Float(rng.next()) }
        let bp = (0..<(kc * 16)).map { _ in Float(rng.next()) }
        for beta: Float in [0, 1, 0.5] {
            let start = (0..<(6 * 20)).map { _ in Float(rng.next()) }
            var portable = start, selected = start
            if beta == 0 { for i in 0..<6 { for j in 0..<16 { portable[i * 20 + j] = .nan; selected[i * 20 + j] = .nan } } }
            let alignedA = UnsafeMutablePointer<Float>.allocate(capacity: ap.count + 16)
            let alignedB = UnsafeMutablePointer<Float>.allocate(capacity: bp.count + 16)
            defer { alignedA.deallocate(); alignedB.deallocate() }
            // Swift allocations are 16-byte aligned; the kernels need 32 bytes.
            let a32 = UnsafeMutablePointer<Float>(bitPattern: (Int(bitPattern: alignedA) + 31) & ~31)!
            let b32 = UnsafeMutablePointer<Float>(bitPattern: (Int(bitPattern: alignedB) + 31) & ~31)!
            a32.update(from: ap, count: ap.count)
            b32.update(from: bp, count: bp.count)
            kk_sgemm_ukr_portable(kc, a32, b32, &portable, 20, beta)
            kk_sgemm_ukr(kc, a32, b32, &selected, 20, beta)
            for i in 0..<6 {
                for j in 0..<20 {
                    var want = j < 16 ? (beta == 0 ? 0 : Double(beta) * Double(start[i * 20 + j])) : Double(start[i * 20 + j])
                    if j < 16 { for p in 0..<kc { want += Double(ap[p * 6 + i]) * Double(bp[p * 16 + j]) } }
                    #expect(abs(Double(portable[i * 20 + j]) - want) < 1e-4)
                    #expect(abs(Double(selected[i * 20 + j]) - want) < 1e-4)
                }
            }
        }
    }

    @Test("CPU feature detection")
    func features() {
        #if arch(x86_64)
        let flags = (try? String(decoding: readFile("/proc/cpuinfo"), as: UTF8.self)) ?? ""
        if flags.contains(" avx2") && flags.contains(" fma") {
            #expect(kk_has_avx2_fma() == 1)
        }
        #else
        #expect(kk_has_avx2_fma() == 0)
        #endif
    }

    @Test("concurrent calls from several threads")
    func concurrentCalls() async {
        await withTaskGroup(of: String?.self) { group in
            for t in 0..<4 {
                group.addTask {
                    let v = Variant(transposeA: t % 2 == 0, transposeB: t >= 2, alpha: 1, beta: 0.5, padded: true, nanInC: false)
                    return checkFloat(GEMMShape(m: 100 + t, n: 120, k: 110), v, path: .builtin)
                }
            }
            for await failure in group { #expect(failure == nil, "\(failure ?? "")") }
        }
    }
}

/// Reads a whole file (Linux /proc files have no size, so read in chunks).
func readFile(_ path: String) throws -> [UInt8] {
    guard let file = fopen(path, "r") else { return [] }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = fread(&buffer, 1, buffer.count, file)
        if count <= 0 { break }
        bytes += buffer[0..<count]
    }
    return bytes
}

@Suite("CPU thread pool")
struct ThreadPoolTests {
    @Test("every iteration runs exactly once, including nested and repeated regions")
    func iterationsRunOnce() {
        let count = 1000
        let hits = UnsafeMutablePointer<Int>.allocate(capacity: count * 4)
        defer { hits.deallocate() }
        hits.initialize(repeating: 0, count: count * 4)
        for round in 0..<200 {
            let n = 2 + round % 7
            Parallel.forEachIndex(n) { i in
                hits[i] += 1
                // A nested region runs inline on this thread (the pool is busy).
                Parallel.forEachIndex(3) { j in hits[count + i * 3 + j] += 1 }
            }
        }
        var expected = [Int](repeating: 0, count: 9)
        for round in 0..<200 { for i in 0..<(2 + round % 7) { expected[i] += 1 } }
        for i in 0..<9 {
            #expect(hits[i] == expected[i])
            for j in 0..<3 { #expect(hits[count + i * 3 + j] == expected[i]) }
        }
        Parallel.forEachIndex(count) { i in hits[2 * count + i] += 1 }
        #expect((0..<count).allSatisfy { hits[2 * count + $0] == 1 })
    }
}
