import Testing
@testable import Keras

/// Mutants of the Keras fixtures fed to every Keras-side reader: the `.keras` zip reader, the
/// JSON parser, the `.npy` reader, config deserialization (the layer registry and Functional
/// graph replay) and whole-file loading (`loadModel(from:)`, `loadWeights(from:)`). Each mutant
/// must read or throw a ``KerasError``: never trap, hang or allocate without bound. The HDF5
/// reader has its own fuzz test (`HDF5Tests.FuzzTests`).
///
/// The mutants are seeded (``SplitMix64``), so a failure names the seed that reproduces it.
/// `KERAS_FUZZ_ITERATIONS` sets the total across readers (default
/// ``FuzzCampaign/defaultTotal``), `KERAS_FUZZ_SEED` moves the seeds, `KERAS_FUZZ_TRACE=DIR`
/// records the mutant in flight. A long campaign:
///
/// ```sh
/// KERAS_FUZZ_ITERATIONS=200000 swift test -c release --filter ReaderFuzz
/// ```
@Suite struct ReaderFuzzTests {
    @Test func zipReaderReadsOrThrows() throws {
        var seeds: [(name: String, bytes: [UInt8])] = try FuzzCorpus.files(endingIn: ".keras")
        // The same archives with DEFLATE members and in ZIP64 form, as other zip writers make them.
        for (name, bytes) in seeds.prefix(4) {
            let members = try KerasArchive.members(of: bytes, path: name).sorted { $0.key < $1.key }
            seeds.append(("\(name) (deflate)", ZipBuilder.archive(try members.map { try ZipMember.deflated($0.key, $0.value) })))
            seeds.append(("\(name) (zip64)", ZipBuilder.archive(members.map { ZipMember.stored($0.key, $0.value) }, zip64: true)))
        }
        for (name, bytes) in seeds { #expect(throws: Never.self, "\(name) reads") { try KerasArchive.members(of: bytes, path: name) } }
        let perSeed = max(1, FuzzCampaign.share(25) / seeds.count)
        var tally = FuzzTally("zip")
        for (f, (name, original)) in seeds.enumerated() {
            let fields = ZipFields.of(original)
            for i in 0..<perSeed {
                let seed = FuzzCampaign.seed(reader: 1, file: f, index: i)
                var rng = SplitMix64(seed: seed)
                let (mutant, note) = ByteMutator.mutate(original, fields: fields, using: &rng)
                tally.feed(seed: seed, note: "\(name): \(note)") {
                    let members = try KerasArchive.members(of: mutant, path: "mutant.keras")
                    let total = members.values.reduce(0) { $0 + $1.count }
                    #expect(total <= mutant.count * 1032 + 1024, "seed \(seed): \(total) bytes from a \(mutant.count)-byte archive")
                }
            }
        }
        tally.finish()
    }

    @Test func jsonParserParsesOrThrows() throws {
        var seeds = try FuzzCorpus.files(endingIn: ".config.json")
        seeds.append(("metadata.json", Array(#"{"keras_version": "3.15.1", "date_saved": "2025-01-01@00:00:00"}"#.utf8)))
        let perSeed = max(1, FuzzCampaign.share(20) / seeds.count)
        var tally = FuzzTally("json")
        for (f, (name, original)) in seeds.enumerated() {
            for i in 0..<perSeed {
                let seed = FuzzCampaign.seed(reader: 2, file: f, index: i)
                var rng = SplitMix64(seed: seed)
                let (mutant, note) = JSONTextMutator.mutate(original, using: &rng)
                tally.feed(seed: seed, note: "\(name): \(note)") {
                    let value = try JSONValue(parsing: String(decoding: mutant, as: UTF8.self))
                    // What was read writes back and reads again the same (NaN aside).
                    let again = try JSONValue(parsing: value.serialized())
                    #expect(again.serialized() == value.serialized(), "seed \(seed): the value does not survive a round trip")
                }
            }
        }
        tally.finish()
    }

    @Test func npyReaderDecodesOrThrows() throws {
        let seeds = try FuzzCorpus.files(endingIn: ".npy")
        let perSeed = max(1, FuzzCampaign.share(15) / seeds.count)
        var tally = FuzzTally("npy")
        for (f, (name, original)) in seeds.enumerated() {
            for i in 0..<perSeed {
                let seed = FuzzCampaign.seed(reader: 3, file: f, index: i)
                var rng = SplitMix64(seed: seed)
                let (mutant, note) = NPYMutator.mutate(original, using: &rng)
                tally.feed(seed: seed, note: "\(name): \(note)") {
                    let tensor = try NPY.decode(mutant)
                    #expect(tensor.count * tensor.dtype.byteSize <= mutant.count, "seed \(seed): more data than the file holds")
                }
            }
        }
        tally.finish()
    }

    @Test func configsDeserializeOrThrow() throws {
        let seeds = try FuzzCorpus.models.map { ($0, try JSONValue(parsing: String(decoding: FuzzCorpus.bytes("\($0).config.json"), as: UTF8.self))) }
        // Weights as large as the fixture's file allows, as when the config comes from a file.
        let budgets = try FuzzCorpus.models.map { try FuzzCorpus.bytes("\($0).weights.h5").count }
        let perSeed = max(1, FuzzCampaign.share(20) / seeds.count)
        var tally = FuzzTally("config")
        for (f, (name, original)) in seeds.enumerated() {
            for i in 0..<perSeed {
                let seed = FuzzCampaign.seed(reader: 4, file: f, index: i)
                var rng = SplitMix64(seed: seed)
                let (mutant, note) = ConfigMutator.mutate(original, using: &rng)
                tally.feed(seed: seed, note: "\(name): \(note)") {
                    let text = mutant.serialized()
                    let layer = try WeightBudget.limiting(toFileOf: budgets[f], source: "the weights file") {
                        try LayerRegistry.deserialize(try JSONValue(parsing: text))
                    }
                    #expect(layer.countParams() <= 1 << 31, "seed \(seed): \(layer.countParams()) parameters")
                    try FuzzExercise.run(layer)
                }
            }
        }
        tally.finish()
    }

    @Test func modelFilesLoadOrThrow() throws {
        let scratch = try FuzzScratch()
        var tally = FuzzTally("files")
        let budget = FuzzCampaign.share(20)
        let models = Array(FuzzCorpus.models.prefix(10))
        // Each model in four forms: .keras with a damaged member, damaged .keras bytes,
        // damaged .weights.h5 (into the model), damaged legacy .h5 (when the fixture has one).
        let perModel = max(1, budget / models.count)
        for (f, name) in models.enumerated() {
            let keras = try FuzzCorpus.bytes("\(name).keras")
            let members = try KerasArchive.members(of: keras, path: name).sorted { $0.key < $1.key }
            let config = try JSONValue(parsing: String(decoding: members.first { $0.key == "config.json" }!.value, as: UTF8.self))
            let weights = try FuzzCorpus.bytes("\(name).weights.h5")
            let legacy = try? FuzzCorpus.bytes("\(name).legacy.h5")
            let model: Model? = try? loadModel(from: "\(FuzzCorpus.directory)/\(name).keras", compile: false)
            for i in 0..<perModel {
                let seed = FuzzCampaign.seed(reader: 5, file: f, index: i)
                var rng = SplitMix64(seed: seed)
                switch rng.int(0..<5) {
                case 0, 1:
                    // A damaged member inside a well-formed archive, STORED or DEFLATE.
                    var rebuilt: [(String, [UInt8])] = members.map { ($0.key, $0.value) }
                    let k = rng.int(0..<rebuilt.count)
                    let note: String
                    if rebuilt[k].0 == "config.json" && rng.chance(0.7) {
                        let (mutated, what) = ConfigMutator.mutate(config, using: &rng)
                        rebuilt[k].1 = Array(mutated.serialized().utf8)
                        note = "config.json: \(what)"
                    } else {
                        let (mutated, what) = ByteMutator.mutate(rebuilt[k].1, fields: HDF5Fields.of(rebuilt[k].1), using: &rng)
                        rebuilt[k].1 = mutated
                        note = "\(rebuilt[k].0): \(what)"
                    }
                    let deflate = rng.chance(0.3)
                    let archive = ZipBuilder.archive(try rebuilt.map { deflate ? try ZipMember.deflated($0.0, $0.1) : ZipMember.stored($0.0, $0.1) })
                    let path = try scratch.write(archive, as: "m.keras")
                    tally.feed(seed: seed, note: "\(name).keras member \(note)") { try FuzzExercise.run(try loadModel(from: path)) }
                case 2:
                    let (mutant, note) = ByteMutator.mutate(keras, fields: ZipFields.of(keras), using: &rng)
                    let path = try scratch.write(mutant, as: "z.keras")
                    tally.feed(seed: seed, note: "\(name).keras \(note)") { _ = try loadModel(from: path) }
                case 3:
                    let (mutant, note) = ByteMutator.mutate(weights, fields: HDF5Fields.of(weights), using: &rng)
                    let path = try scratch.write(mutant, as: "w.weights.h5")
                    tally.feed(seed: seed, note: "\(name).weights.h5 \(note)") {
                        guard let model else { throw KerasError(.unsupported, "\(name) does not load") }
                        try model.loadWeights(from: path)
                    }
                default:
                    let source = legacy ?? weights
                    let (mutant, note) = ByteMutator.mutate(source, fields: HDF5Fields.of(source), using: &rng)
                    let path = try scratch.write(mutant, as: "l.h5")
                    tally.feed(seed: seed, note: "\(name).\(legacy == nil ? "weights" : "legacy").h5 as .h5: \(note)") {
                        if legacy != nil && rng.chance(0.5) {
                            try FuzzExercise.run(try loadModel(from: path))
                        } else {
                            guard let model else { throw KerasError(.unsupported, "\(name) does not load") }
                            try model.loadWeights(from: path)
                        }
                    }
                }
            }
        }
        tally.finish()
    }
}

/// Positions in an HDF5 file worth damaging: the 8-byte fields after each structure signature
/// (addresses, lengths, sizes), and the superblock's.
enum HDF5Fields {
    static let signatures: [[UInt8]] = ["TREE", "SNOD", "HEAP", "OHDR", "OCHK", "GCOL", "FRHP", "FHDB", "FHIB",
                                        "BTHD", "BTLF", "BTIN"].map { Array($0.utf8) }

    static func of(_ bytes: [UInt8]) -> [FuzzField] {
        var fields: [FuzzField] = (0..<8).map { FuzzField(offset: 8 + 8 * $0, width: 8, name: "superblock+\(8 + 8 * $0)") }
        guard bytes.count >= 4 else { return fields }
        for i in 0..<(bytes.count - 3) where bytes[i] == 0x54 || bytes[i] == 0x53 || bytes[i] == 0x48 || bytes[i] == 0x4F || bytes[i] == 0x47 || bytes[i] == 0x46 || bytes[i] == 0x42 {
            guard signatures.contains(where: { $0[0] == bytes[i] && $0[1] == bytes[i + 1] && $0[2] == bytes[i + 2] && $0[3] == bytes[i + 3] }) else { continue }
            let name = String(decoding: bytes[i..<(i + 4)], as: UTF8.self)
            for k in stride(from: 4, to: 40, by: 4) { fields.append(FuzzField(offset: i + k, width: k % 8 == 0 ? 8 : 4, name: "\(name)+\(k)")) }
        }
        return fields
    }
}
