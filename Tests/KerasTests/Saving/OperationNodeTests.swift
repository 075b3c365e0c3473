import Testing
@testable import Keras

/// `Tests/Fixtures/keras3/ops/`, written by `scripts/pyref/operation_nodes.py` from Keras 3.15.1
/// (JAX backend): Functional models whose saved graphs hold Keras operations beside their layers
/// (an Embedding's mask as `NotEqual(tokens, 0)` passed to an LSTM as its explicit `mask`,
/// Masking's `NotEqual` and `Any`, the merge layers' mask operations, user arithmetic on
/// KerasTensors), and single operations run by Keras on tensors and Python numbers of each dtype.
@Suite struct OperationNodeTests {
    static let root: JSONValue = {
        guard let bytes = try? FileIO.read("\(Fixtures.root)/keras3/ops/ops.json"),
              let value = try? JSONValue(parsing: String(decoding: bytes, as: UTF8.self)) else { return .null }
        return value
    }()
    static var caseIDs: [String] { root["cases"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? [] }
    static var modelFiles: [String] { root["models"]?.arrayValue?.compactMap { $0["file"]?.stringValue } ?? [] }

    /// A fixture tensor `{"dtype", "shape", "values"}`.
    static func tensor(_ value: JSONValue?) throws -> Tensor {
        let shape = try #require(value?["shape"]?.arrayValue?.compactMap { $0.intValue })
        let name = try #require(value?["dtype"]?.stringValue)
        let dtype = try #require(DType(rawValue: name))
        let values = try #require(value?["values"]?.arrayValue).map { v -> Double in
            if case .bool(let b) = v { return b ? 1 : 0 }
            return v.doubleValue ?? .nan
        }
        return Tensor(values, shape: shape, dtype: dtype)
    }

    /// Whether `got` has the dtype, shape and values of the fixture tensor `expected`: float32
    /// within 1e-5 relative to the magnitude, 16-bit floats within their precision.
    static func matches(_ got: Tensor, _ expected: JSONValue?) throws -> Bool {
        let want = try tensor(expected)
        guard got.dtype == want.dtype, got.shape == want.shape else { return false }
        let tolerance = want.dtype.isHalf ? 4e-3 : 1e-5
        return zip(got.doubles, want.doubles).allSatisfy { a, b in
            a == b || (a.isNaN && b.isNaN) || abs(a - b) <= tolerance * Swift.max(1, abs(b))
        }
    }

    /// The Functional config of a grid case: one InputLayer per input (`in0`, `in1`, ...) and
    /// the operation's entry as Keras wrote it.
    static func caseConfig(_ entry: JSONValue) throws -> JSONValue {
        let operation = try #require(entry["operation"])
        let inputs = try #require(entry["inputs"]?.arrayValue)
        var layers: [JSONValue] = []
        var inputTriples: [JSONValue] = []
        for (i, input) in inputs.enumerated() {
            let shape = try #require(input["shape"]?.arrayValue)
            let config: JSONObject = [
                "batch_shape": .array([.null] + shape.dropFirst()), "dtype": try #require(input["dtype"]),
                "sparse": false, "ragged": false, "name": .string("in\(i)"), "optional": false,
            ]
            layers.append(["module": "keras.layers", "class_name": "InputLayer", "config": .object(config),
                           "registered_name": .null, "name": .string("in\(i)"), "inbound_nodes": []])
            inputTriples.append([.string("in\(i)"), 0, 0])
        }
        layers.append(operation)
        let name = try #require(operation["name"])
        let config: JSONObject = [
            "name": "case", "trainable": true, "layers": .array(layers),
            "input_layers": inputTriples.count == 1 ? inputTriples[0] : .array(inputTriples),
            "output_layers": [name, 0, 0],
        ]
        return ["module": "keras.src.models.functional", "class_name": "Functional", "config": .object(config),
                "registered_name": "Functional"]
    }

    @Test func fixtureIsPresent() {
        #expect(Self.caseIDs.count > 800)
        #expect(Self.modelFiles == ["embedding_lstm.keras", "embedding_gap.keras", "masking_lstm.keras", "merged_masks.keras", "user_ops.keras"])
    }

    /// Each operation computes Keras's values and dtype (Python numbers typed as Keras types
    /// them), gives Keras's symbolic shape, and is written back as Keras wrote it.
    @Test(arguments: caseIDs) func operationMatchesKeras(_ id: String) throws {
        let entry = try #require(Self.root["cases"]?.arrayValue?.first { $0["id"]?.stringValue == id })
        let model = try #require(try LayerRegistry.deserialize(try Self.caseConfig(entry)) as? Model)
        let inputs = try #require(entry["inputs"]?.arrayValue).map(Self.tensor)
        let output = try model.allOutputs(inputs)[0]
        #expect(try Self.matches(output, entry["output"]), "\(id): \(output.dtype) \(output.shape) \(output.doubles) vs \(entry["output"]!.serialized())")
        let symbolic = try #require(model.outputs.first)
        let expectedShape = try #require(entry["symbolic"]?["shape"]?.arrayValue).map { $0.intValue }
        #expect(symbolic.shape == expectedShape, "\(id) symbolic shape \(symbolic.shape.kerasDescription)")
        #expect(symbolic.dtype == output.dtype, "\(id) symbolic dtype \(symbolic.dtype) vs \(output.dtype)")
        #expect(model.layers.allSatisfy { $0 is InputLayer }, "\(id): the operation is not a layer")
        let written = model.kerasConfig["layers"]?.arrayValue?.last
        #expect(written == entry["operation"], "\(id) written back: \(written?.serialized() ?? "nil")")
    }

    @Test(arguments: modelFiles) func kerasModelWithOperationsPredicts(_ file: String) throws {
        let entry = try #require(Self.root["models"]?.arrayValue?.first { $0["file"]?.stringValue == file })
        let path = "\(Fixtures.root)/keras3/ops/\(file)"
        let model = try loadModel(from: path)
        let inputs = try #require(entry["inputs"]?.arrayValue).map(Self.tensor)
        let expected = try #require(entry["outputs"]?.arrayValue)
        func check(_ model: Model, _ label: String) throws {
            let outputs = try model.predictAll(inputs, verbose: 0)
            #expect(outputs.count == expected.count, "\(file) \(label)")
            for (y, e) in zip(outputs, expected) {
                #expect(try Self.matches(y, e), "\(file) \(label): \(y.doubles) vs \(e["values"]!.serialized())")
            }
        }
        try check(model, "loaded")
        let operations = model.operations.compactMap { $0 as? KerasOperation }
        let names = Set(operations.map(\.className)).sorted()
        #expect(names == entry["operations"]?.arrayValue?.compactMap { $0.stringValue }, "\(file) operations \(names)")
        #expect(!model.layers.contains { $0 is KerasOperation }, "\(file): operations are not layers")
        // Keras's summary lists the operations, and the masks among a call's tensors.
        var lines: [String] = []
        model.summary(lineLength: 100) { lines.append(contentsOf: $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)) }
        let summary = try #require(entry["summary"]?.arrayValue).compactMap { $0.stringValue }
        #expect(lines == summary, "\(file) summary:\n\(lines.joined(separator: "\n"))")

        // Saved here and read again: the operations and the explicit masks are written as Keras
        // wrote them, and the graph computes the same.
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try model.save(to: folder.file("again.keras"))
        let original = try Self.layerEntries(try FileIO.read(path), file)
        let again = try Self.layerEntries(try FileIO.read(folder.file("again.keras")), "again.keras")
        #expect(again.map { $0["name"] } == original.map { $0["name"] }, "\(file) layer order")
        for (a, o) in zip(again, original) {
            let name = o["name"]?.stringValue ?? "?"
            if o["module"]?.stringValue?.hasPrefix("keras.src.ops") == true {
                #expect(a == o, "\(file) operation \(name): \(a.serialized())")
            }
            let masks = { (e: JSONValue) in e["inbound_nodes"]?.arrayValue?.map { $0["kwargs"]?["mask"] ?? .null } }
            #expect(masks(a) == masks(o), "\(file) masks of \(name)")
        }
        try check(try loadModel(from: folder.file("again.keras")), "saved and reloaded")
    }

    static func layerEntries(_ bytes: [UInt8], _ path: String) throws -> [JSONValue] {
        let members = try KerasArchive.members(of: bytes, path: path)
        let config = try JSONValue(parsing: String(decoding: try #require(members["config.json"]), as: UTF8.self))
        return try #require(config["config"]?["layers"]?.arrayValue)
    }
}
