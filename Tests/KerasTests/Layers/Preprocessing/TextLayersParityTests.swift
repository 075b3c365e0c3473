import Testing
@testable import Keras

/// `Tests/Fixtures/layers/text_layers.json` and `Tests/Fixtures/keras3/text/*.keras`, written by
/// `scripts/pyref/text_layers.py` from Keras 3.15.1 (JAX backend, TensorFlow beside it):
/// StringLookup and TextVectorization rebuilt from Keras's configs, adapted on the same texts,
/// give Keras's vocabulary, IDF weights and outputs; models with adapted text layers load with
/// their vocabulary from the archive's assets and predict as Keras.
@Suite struct TextLayersParityTests {
    static let root: JSONValue = {
        guard let bytes = try? FileIO.read("\(Fixtures.root)/layers/text_layers.json"),
              let value = try? JSONValue(parsing: String(decoding: bytes, as: UTF8.self)) else { return .null }
        return value
    }()
    static var caseIDs: [String] { root["cases"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? [] }
    static var modelFiles: [String] { root["models"]?.arrayValue?.compactMap { $0["file"]?.stringValue } ?? [] }

    /// A `{"shape", "strings"}` entry as a string tensor, or `{"shape", "values"}` as int64.
    static func tensor(_ value: JSONValue?) throws -> Tensor {
        let shape = try #require(value?["shape"]?.arrayValue?.compactMap { $0.intValue })
        if let strings = value?["strings"]?.arrayValue {
            return Tensor(strings: strings.compactMap { $0.stringValue }, shape: shape)
        }
        let values = try #require(value?["values"]?.arrayValue)
        return Tensor(values.compactMap { $0.intValue }, shape: shape, dtype: .int64)
    }

    @Test func fixtureIsPresent() {
        #expect(Self.caseIDs.count == 41)
        #expect(Self.modelFiles.count == 3)
    }

    @Test(arguments: caseIDs) func matchesKeras(_ id: String) throws {
        let entry = try #require(Self.root["cases"]?.arrayValue?.first { $0["id"]?.stringValue == id })
        let className = try #require(entry["class_name"]?.stringValue)
        let config = try #require(entry["config"])
        let object: JSONValue = .object(["module": "keras.layers", "class_name": .string(className), "config": config, "registered_name": .null])
        let layer = try LayerRegistry.deserialize(object)
        // Keras's config, read and written back unchanged.
        #expect(JSONValue.object(layer.kerasConfig) == config, "\(id) config")
        if let adapt = entry["adapt"] {
            let data = try Self.tensor(adapt)
            switch layer {
            case let lookup as StringLookup: try lookup.adapt(data)
            case let vectorize as TextVectorization: try vectorize.adapt(data)
            default: Issue.record("\(id): \(className) has no adapt")
            }
        }
        if let expected = entry["vocabulary"]?.arrayValue?.compactMap { $0.stringValue } {
            let vocabulary = (layer as? StringLookup)?.vocabulary() ?? (layer as? TextVectorization)?.vocabulary()
            #expect(vocabulary == expected, "\(id) vocabulary")
        }
        if let expected = entry["idf_weights"]?.arrayValue?.compactMap { $0.doubleValue } {
            let weights = try #require((layer as? StringLookup)?.idfWeights ?? (layer as? TextVectorization)?.idfWeights)
            #expect(weights.count == expected.count, "\(id) idf count")
            #expect(zip(weights, expected).allSatisfy { abs($0 - $1) <= 1e-5 }, "\(id) idf \(weights) vs \(expected)")
        }
        let output = try layer(try Self.tensor(entry["input"]))
        let expected = try #require(entry["output"])
        #expect(output.shape == expected["shape"]?.arrayValue?.compactMap { $0.intValue }, "\(id) shape \(output.shape)")
        if let strings = expected["strings"]?.arrayValue {
            #expect(output.strings == strings.compactMap { $0.stringValue }, "\(id) \(output.strings)")
        } else {
            let values = try #require(expected["values"]?.arrayValue?.compactMap { $0.doubleValue })
            let got = output.doubles
            #expect(got.count == values.count && zip(got, values).allSatisfy { abs($0 - $1) <= 1e-5 }, "\(id) \(got) vs \(values)")
        }
    }

    @Test(arguments: modelFiles) func kerasModelsWithAdaptedTextLayersPredict(_ file: String) throws {
        let entry = try #require(Self.root["models"]?.arrayValue?.first { $0["file"]?.stringValue == file })
        let model = try loadModel(from: "\(Fixtures.root)/keras3/\(file)")
        let x = try Self.tensor(entry["input"])
        let expected = try #require(entry["output"]?["values"]?.arrayValue?.compactMap { $0.doubleValue })
        func check(_ model: Model, _ label: String) throws {
            let y = try model.predict(x, verbose: 0)
            #expect(y.count == expected.count && zip(y.doubles, expected).allSatisfy { abs($0 - $1) <= 1e-5 }, "\(file) \(label): \(y.doubles) vs \(expected)")
        }
        try check(model, "loaded")
        // Saved again here: the vocabulary goes to the same asset paths Keras uses, and back.
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try model.save(to: folder.file("again.keras"))
        let members = try KerasArchive.members(of: try FileIO.read(folder.file("again.keras")), path: "again.keras")
        let original = try KerasArchive.members(of: try FileIO.read("\(Fixtures.root)/keras3/\(file)"), path: file)
        let assets = { (m: [String: [UInt8]]) in m.keys.filter { $0.hasPrefix("assets/") }.sorted() }
        #expect(assets(members) == assets(original), "\(file) asset paths")
        // The same vocabulary as Keras reads from its own file (Keras's reader drops a token's
        // trailing line break, so "spaces\n" in the corpus comes back as "spaces").
        let lines = { (bytes: [UInt8]?) in vocabularyLines(String(decoding: bytes ?? [], as: UTF8.self)) }
        for path in assets(original) { #expect(lines(members[path]) == lines(original[path]), "\(file) \(path)") }
        try check(try loadModel(from: folder.file("again.keras")), "saved and reloaded")
    }
}
