// fp32 square GEMM throughput, measured exactly like bench/ref/gemm.py (numpy): for each n,
// random A and B, preallocated C, one warm-up call, then at least --min-reps timed calls and
// at least --min-time seconds; median time, GFLOP/s = 2·n³ / t. Prints one JSON line.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KerasCore

enum GEMMBenchmark {
    struct Result {
        var n: Int
        /// Set for non-square runs (--shapes): m, k and the transposes; n is `n`.
        var shape: Shape?
        var reps: Int
        var medianMs: Double
        var gflopsMedian: Double
        var gflopsBest: Double

        var json: String {
            let shapeJSON = shape.map {
                "\"m\": \($0.m), \"k\": \($0.k), \"transpose_a\": \($0.transposeA), \"transpose_b\": \($0.transposeB), "
            } ?? ""
            return "{\(shapeJSON)\"n\": \(n), \"reps\": \(reps), \"median_ms\": \(round4(medianMs)), "
                + "\"gflops_median\": \(round2(gflopsMedian)), \"gflops_best\": \(round2(gflopsBest))}"
        }
    }

    /// A GEMM problem: op(A) m×k times op(B) k×n.
    struct Shape {
        var m: Int, n: Int, k: Int
        var transposeA = false, transposeB = false

        /// Parses "MxNxK" with an optional ":XY" suffix, X/Y = N (plain) or T (transposed).
        init?(_ text: Substring) {
            let parts = text.split(separator: ":")
            let dims = parts[0].split(separator: "x").compactMap { Int($0) }
            guard dims.count == 3, dims.allSatisfy({ $0 > 0 }), parts.count <= 2 else { return nil }
            (m, n, k) = (dims[0], dims[1], dims[2])
            if parts.count == 2 {
                let flags = Array(parts[1].uppercased())
                guard flags.count == 2, flags.allSatisfy({ $0 == "N" || $0 == "T" }) else { return nil }
                transposeA = flags[0] == "T"
                transposeB = flags[1] == "T"
            }
        }

        init(square n: Int) { (m, self.n, k) = (n, n, n) }
    }

    /// Parses the options, runs the requested paths and prints the JSON line. Returns the exit code.
    static func run(arguments: [String]) -> Int32 {
        var sizes = [128, 256, 512, 1024, 2048]
        var onlyPath: GEMMPath?
        var minReps = 7
        var minTime = 1.0
        var shapes: [Shape] = []
        var index = 0
        while index < arguments.count {
            let option = arguments[index]
            let value = index + 1 < arguments.count ? arguments[index + 1] : nil
            index += 2
            switch (option, value) {
            case ("--sizes", let v?):
                let parsed = v.split(separator: ",").compactMap { Int($0) }
                guard !parsed.isEmpty, parsed.allSatisfy({ $0 > 0 }) else { return fail("bad --sizes \(v)") }
                sizes = parsed
            case ("--shapes", let v?):
                let parsed = v.split(separator: ",").compactMap { Shape($0) }
                guard !parsed.isEmpty, parsed.count == v.split(separator: ",").count else {
                    return fail("bad --shapes \(v) (e.g. 128x512x784,128x784x512:NT)")
                }
                shapes = parsed
            case ("--path", let v?):
                guard let p = GEMMPath(rawValue: v) else { return fail("bad --path \(v) (builtin|blas)") }
                onlyPath = p
            case ("--min-reps", let v?):
                guard let r = Int(v), r > 0 else { return fail("bad --min-reps \(v)") }
                minReps = r
            case ("--min-time", let v?):
                guard let t = Double(v), t >= 0 else { return fail("bad --min-time \(v)") }
                minTime = t
            default:
                return fail("unknown or incomplete option \(option)")
            }
        }

        let active = GEMM.activePath
        let blas = GEMM.blasDescription
        if onlyPath == .blas && blas == nil { return fail("--path blas: no BLAS library could be loaded") }

        // Built-in first: OpenBLAS worker threads keep spinning for a while after each call
        // and would steal the second core from whatever runs right after them.
        var builtinResults: [Result]?
        var blasResults: [Result]?
        if onlyPath == nil || onlyPath == .builtin {
            builtinResults = sizes.map { bench(Shape(square: $0), path: .builtin, minReps: minReps, minTime: minTime) }
        }
        if blas != nil && (onlyPath == nil || onlyPath == .blas) {
            blasResults = sizes.map { bench(Shape(square: $0), path: .blas, minReps: minReps, minTime: minTime) }
        }
        // Optional non-square / transposed problems (e.g. the MLP's forward and backward GEMMs).
        var shapeJSON = ""
        if !shapes.isEmpty {
            var paths: [GEMMPath] = []
            if onlyPath == nil || onlyPath == .builtin { paths.append(.builtin) }
            if blas != nil && (onlyPath == nil || onlyPath == .blas) { paths.append(.blas) }
            for path in paths {
                let r = shapes.map { bench($0, path: path, minReps: minReps, minTime: minTime) }
                shapeJSON += ", \"shape_results_\(path.rawValue)\": \(list(r))"
            }
        }
        // `results` is what a default user call gets (the active path), unless restricted.
        func list(_ r: [Result]?) -> String { "[" + (r ?? []).map(\.json).joined(separator: ", ") + "]" }
        let headline: GEMMPath = onlyPath ?? active
        let results = headline == .blas ? blasResults : builtinResults

        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)  // an enum in Glibc, an Int32 macro on Darwin
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        #if os(Linux)
        let peakMB = Double(usage.ru_maxrss) / 1024  // KiB on Linux
        #else
        let peakMB = Double(usage.ru_maxrss) / (1024 * 1024)  // bytes on Darwin
        #endif

        var blasJSON = "{\"active_path\": \"\(active.rawValue)\", \"results_path\": \"\(headline.rawValue)\""
        if let blas {
            blasJSON += ", \"library\": \"\(escape(blas.path))\", \"details\": \"\(escape(blas.details))\""
        } else {
            blasJSON += ", \"library\": null"
        }
        blasJSON += "}"
        let line = "{\"bench\": \"gemm_f32_swift\", \"blas\": \(blasJSON), "
            + "\"threads\": \(maxThreadsDescription()), "
            + "\"results\": \(list(results)), \"builtin_results\": \(list(builtinResults)), "
            + "\"blas_results\": \(list(blasResults))\(shapeJSON), \"peak_rss_mb\": \(round1(peakMB))}"
        print(line)
        return 0
    }

    /// Times C = op(A)·op(B) on one path (square n×n unless `shape` says otherwise).
    static func bench(_ shape: Shape, path: GEMMPath, minReps: Int, minTime: Double) -> Result {
        let (m, n, k) = (shape.m, shape.n, shape.k)
        let a = UnsafeMutablePointer<Float>.allocate(capacity: m * k)
        let b = UnsafeMutablePointer<Float>.allocate(capacity: k * n)
        let c = UnsafeMutablePointer<Float>.allocate(capacity: m * n)
        defer { a.deallocate(); b.deallocate(); c.deallocate() }
        var rng = SplitMix64(seed: UInt64(m * 31 + n * 7 + k))
        for i in 0..<(m * k) { a[i] = rng.nextSymmetricFloat() }
        for i in 0..<(k * n) { b[i] = rng.nextSymmetricFloat() }
        c.initialize(repeating: 0, count: m * n)
        let lda = shape.transposeA ? m : k, ldb = shape.transposeB ? k : n
        func call() {
            GEMM.sgemm(transposeA: shape.transposeA, transposeB: shape.transposeB, m: m, n: n, k: k,
                       alpha: 1, a: a, lda: lda, b: b, ldb: ldb, beta: 0, c: c, ldc: n, path: path)
        }
        call()  // warm-up: thread start-up, workspace page faults
        var times: [Double] = []
        var total = 0.0
        while times.count < minReps || total < minTime {
            let t0 = now()
            call()
            let dt = now() - t0
            times.append(dt)
            total += dt
        }
        times.sort()
        let median = times.count % 2 == 1
            ? times[times.count / 2]
            : (times[times.count / 2 - 1] + times[times.count / 2]) / 2
        let flops = 2 * Double(m) * Double(n) * Double(k)
        let isSquare = m == n && n == k && !shape.transposeA && !shape.transposeB
        return Result(n: n, shape: isSquare ? nil : shape, reps: times.count, medianMs: median * 1e3,
                      gflopsMedian: flops / median / 1e9, gflopsBest: flops / times[0] / 1e9)
    }

    /// Monotonic time in seconds.
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }

    static func maxThreadsDescription() -> String {
        let online = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        if let env = getenv("KERAS_NUM_THREADS"), let n = Int(String(cString: env)) { return "\(n)" }
        return "\(online)"
    }

    static func fail(_ message: String) -> Int32 {
        writeError("keras-bench gemm: \(message)\n")
        return 2
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default:
                if ch.value < 0x20 { out += "\\u00" + (ch.value < 16 ? "0" : "") + String(ch.value, radix: 16) } else { out.unicodeScalars.append(ch) }
            }
        }
        return out
    }
}

func round1(_ x: Double) -> Double { (x * 10).rounded() / 10 }
func round2(_ x: Double) -> Double { (x * 100).rounded() / 100 }
func round4(_ x: Double) -> Double { (x * 10000).rounded() / 10000 }

/// Small deterministic PRNG (no Foundation); values are uniform in [-1, 1).
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func nextSymmetricFloat() -> Float {
        Float(next() >> 40) / Float(1 << 24) * 2 - 1
    }
}
