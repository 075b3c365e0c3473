import Foundation
import HDF5
import Testing

/// Mutants of every fixture must either read fully or throw `HDF5Error` (or `InflateError` for
/// raw streams): never trap, hang or allocate without bound. The mutants are seeded, so a
/// failure names the seed that reproduces it. `KERAS_FUZZ_ITERATIONS` sets the total number of
/// HDF5 mutants (default 2000); the zlib fuzz runs a quarter as many.
@Suite struct FuzzTests {
    static var iterations: Int {
        ProcessInfo.processInfo.environment["KERAS_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 2000
    }

    static let corpus = Fixtures.coverageFiles + Fixtures.extraFiles + Fixtures.kerasFiles.map { "keras3/" + $0 }

    @Test func hdf5MutantsReadOrThrowHDF5Error() throws {
        let files = try Self.corpus.map { ($0, try Fixtures.bytes($0)) } + [("writer", try WriterSamples.everyKind().bytes())]
        let perFile = max(1, Self.iterations / files.count)
        var tried = 0, accepted = 0, rejected = 0
        var kinds: [HDF5Error.Kind: Int] = [:]
        var slowest: (Duration, String) = (.zero, "")
        let clock = ContinuousClock()
        let start = clock.now
        for (index, (name, original)) in files.enumerated() {
            let structures = Mutator.structureOffsets(original)
            for i in 0..<perFile {
                let seed = UInt64(index) << 32 | UInt64(i)
                var rng = SplitMix64(seed: seed)
                let mutant = Mutator.mutate(original, structures: structures, using: &rng)
                tried += 1
                let began = clock.now
                defer {
                    let took = clock.now - began
                    if took > slowest.0 { slowest = (took, "\(name) seed \(seed)") }
                }
                do {
                    let file = try HDF5File(bytes: mutant)
                    try TreeWalk.readEverything(file)
                    accepted += 1
                } catch let error as HDF5Error {
                    rejected += 1
                    kinds[error.kind, default: 0] += 1
                } catch {
                    Issue.record("\(name) mutant seed \(seed) threw a non-HDF5 error: \(error)")
                }
            }
        }
        let elapsed = clock.now - start
        let byKind = kinds.sorted { $0.value > $1.value }.map { "\($0.key.rawValue) \($0.value)" }.joined(separator: ", ")
        print("HDF5 fuzz: \(tried) mutants of \(files.count) files in \(elapsed): \(accepted) read fully, \(rejected) rejected (\(byKind)); slowest mutant \(slowest.0) (\(slowest.1))")
        #expect(tried == accepted + rejected)
    }

    @Test func zlibMutantsInflateOrThrowInflateError() throws {
        let streams = try ZlibSamples.all()
        let perStream = max(1, Self.iterations / 4 / streams.count)
        var tried = 0, accepted = 0, rejected = 0
        for (index, (name, stream, text)) in streams.enumerated() {
            #expect(try Inflate.inflate(zlib: stream, limit: text.count) == text, "\(name) inflates to its text")
            for i in 0..<perStream {
                let seed = UInt64(index) << 32 | UInt64(i)
                var rng = SplitMix64(seed: seed)
                let mutant = Mutator.mutate(stream, structures: [], using: &rng)
                tried += 1
                do {
                    let out = try Inflate.inflate(zlib: mutant, limit: 4 * text.count)
                    #expect(out.count <= 4 * text.count)
                    accepted += 1
                } catch is InflateError {
                    rejected += 1
                } catch {
                    Issue.record("\(name) mutant seed \(seed) threw a non-Inflate error: \(error)")
                }
            }
        }
        print("zlib fuzz: \(tried) mutants of \(streams.count) streams: \(accepted) inflated, \(rejected) rejected")
    }
}
