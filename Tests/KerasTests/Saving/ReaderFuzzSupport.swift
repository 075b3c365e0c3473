#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
@testable import Keras

// The machinery of the reader fuzz tests: a seedable generator, the campaign size, and a tally
// of outcomes per reader.

/// SplitMix64: a small, seedable generator with no global state, so a failing mutant can be
/// reproduced from its seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniformly chosen element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }

    /// A uniform integer in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    /// A uniform integer in `range`.
    mutating func int(_ range: Range<Int>) -> Int { Int.random(in: range, using: &self) }

    /// `true` with probability `p`.
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
}

/// How many mutants a campaign tries: `KERAS_FUZZ_ITERATIONS` in all (split between the
/// readers), from seeds offset by `KERAS_FUZZ_SEED`. `KERAS_FUZZ_TRACE=DIR` writes each mutant's
/// reader and seed to `DIR/<reader>.last` before it runs, so a crash or hang names its mutant.
enum FuzzCampaign {
    /// Mutants across all readers when the variable is not set: a few seconds in a debug build.
    static let defaultTotal = 1500

    static var total: Int {
        ProcessInfo.processInfo.environment["KERAS_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? defaultTotal
    }

    static var seedBase: UInt64 {
        ProcessInfo.processInfo.environment["KERAS_FUZZ_SEED"].flatMap { UInt64($0) } ?? 0
    }

    static var traceDirectory: String? { ProcessInfo.processInfo.environment["KERAS_FUZZ_TRACE"] }

    /// This reader's share of the campaign: `weight` parts of the total (weights add up to 100).
    static func share(_ weight: Int) -> Int { max(8, total * weight / 100) }

    /// The seed of mutant `index` of corpus file `file` for the reader numbered `reader`.
    static func seed(reader: Int, file: Int, index: Int) -> UInt64 {
        seedBase &+ (UInt64(reader) << 56 | UInt64(file) << 40 | UInt64(index))
    }

    /// The peak resident memory of this process so far, in MiB.
    static var peakResidentMiB: Int {
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        #if canImport(Darwin)
        return Int(usage.ru_maxrss) >> 20
        #else
        return Int(usage.ru_maxrss) >> 10
        #endif
    }
}

/// The outcomes of one reader's mutants: accepted (read without error) or rejected with a
/// ``KerasError``; anything else (another error type) is recorded as a test issue.
struct FuzzTally {
    let reader: String
    var tried = 0
    var accepted = 0
    var rejected = 0
    var byKind: [String: Int] = [:]
    var slowest: (seed: UInt64, note: String, seconds: Double) = (0, "", 0)
    private let started = ContinuousClock.now
    private let trace: String?

    init(_ reader: String) {
        self.reader = reader
        trace = FuzzCampaign.traceDirectory.map { "\($0)/\(reader).last" }
    }

    /// Feeds one mutant (by `body`) and records how it ended.
    mutating func feed(seed: UInt64, note: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
        if let trace {
            let line = "\(reader) seed \(seed) \(note)\n"
            let fd = open(trace, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            if fd >= 0 { _ = line.withCString { write(fd, $0, strlen($0)) }; close(fd) }
        }
        tried += 1
        let start = ContinuousClock.now
        do {
            try body()
            accepted += 1
        } catch let error as KerasError {
            rejected += 1
            byKind[error.kind.rawValue, default: 0] += 1
        } catch {
            Issue.record("\(reader): mutant seed \(seed) (\(note)) threw \(type(of: error)), not a KerasError: \(error)", sourceLocation: sourceLocation)
        }
        let seconds = Self.seconds(ContinuousClock.now - start)
        if seconds > slowest.seconds { slowest = (seed, note, seconds) }
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    /// One line for the log: counts, the rejections by kind, the slowest mutant, time and memory.
    var summary: String {
        let kinds = byKind.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        let elapsed = ContinuousClock.now - started
        return "reader fuzz [\(reader)]: \(tried) mutants, \(accepted) accepted, \(rejected) rejected (\(kinds)); slowest \(String(format: "%.3f", slowest.seconds)) s (seed \(slowest.seed), \(slowest.note)); \(String(format: "%.2f", Self.seconds(elapsed))) s; peak RSS \(FuzzCampaign.peakResidentMiB) MiB"
    }

    /// Prints the summary and checks that every mutant ended in one of the two allowed ways,
    /// quickly enough that nothing can be hanging.
    func finish(sourceLocation: SourceLocation = #_sourceLocation) {
        print(summary)
        #expect(tried == accepted + rejected, "\(reader): every mutant is accepted or rejected with a KerasError", sourceLocation: sourceLocation)
        #expect(slowest.seconds < 20, "\(reader): mutant seed \(slowest.seed) (\(slowest.note)) took \(slowest.seconds) s", sourceLocation: sourceLocation)
    }
}

/// The seed files of the campaign: the Keras fixtures, read once.
enum FuzzCorpus {
    static let directory = KerasFixtureFiles.directory

    /// Fixture models, smallest first; the recurrent ones are included whether or not their
    /// layers load (a rejection is an allowed outcome too).
    static let models = ["tiny_sequential", "tiny_shared", "mlp", "trained_adam", "functional_shared",
                         "nested", "dtypes", "text_conv1d", "cnn", "transformer", "simple_rnn", "lstm",
                         "gru", "bidir_td"]

    static func bytes(_ file: String) throws -> [UInt8] { try FileIO.read("\(directory)/\(file)") }

    /// Every fixture file whose name ends in `suffix`, with its bytes.
    static func files(endingIn suffix: String) throws -> [(name: String, bytes: [UInt8])] {
        var names: [String] = []
        guard let dir = opendir(directory) else { throw KerasError(.invalidArgument, "cannot list \(directory)") }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasSuffix(suffix) && !(suffix == ".h5" && name.hasSuffix(".weights.h5")) { names.append(name) }
        }
        closedir(dir)
        return try names.sorted().map { ($0, try bytes($0)) }
    }
}

/// Writes mutants to files for the readers whose entry point takes a path.
final class FuzzScratch: @unchecked Sendable {
    let folder: TemporaryFolder

    init() throws { folder = try TemporaryFolder() }
    deinit { folder.remove() }

    /// `bytes` written to `name` in the scratch folder; the path.
    func write(_ bytes: [UInt8], as name: String) throws -> String {
        // A plain write: no fsync, the file lives for one read.
        let path = folder.file(name)
        guard let file = fopen(path, "wb") else { throw KerasError(.invalidArgument, "cannot write \(path)") }
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        fclose(file)
        guard written == bytes.count else { throw KerasError(.invalidArgument, "short write to \(path)") }
        return path
    }
}

/// What a user does next with a model that loaded: call it. A model rebuilt from a hostile
/// config must compute or throw, like the reader itself.
enum FuzzExercise {
    /// The most elements of any tensor of the graph (batch of two, unknown sizes 3) for which
    /// the model is called: a hostile config may legitimately ask for huge activations
    /// (`RepeatVector(n: 2^30)`, attention over 4096 steps), which no weight limit bounds.
    static let activationLimit = 1 << 22

    /// Calls `layer` (when it is a model with known, small inputs and activations) on a batch
    /// of two zero inputs.
    static func run(_ layer: Layer) throws {
        guard let model = layer as? Model, !model.inputs.isEmpty else { return }
        for sublayer in [model] + model.allSublayers {
            for node in sublayer.inboundNodes {
                for t in node.inputs + node.outputs {
                    let shape = [2] + t.shape.dropFirst().map { $0 ?? 3 }
                    // Long axes are skipped too: attention is quadratic in them.
                    guard let count = Shape.checkedElementCount(shape), count <= activationLimit, shape.allSatisfy({ $0 <= 512 }) else { return }
                }
            }
        }
        var arrays: [Tensor] = []
        for input in model.inputs {
            let shape = [2] + input.shape.dropFirst().map { $0 ?? 3 }
            guard let count = Shape.checkedElementCount(shape), count <= 1 << 16 else { return }
            arrays.append(Tensor.zeros(shape, dtype: input.dtype))
        }
        _ = try model.allOutputs(arrays)
    }
}
