import Testing
@testable import Keras

/// The Keras fixtures' configs (`Tests/Fixtures/keras3/files/*.config.json`, written by Python
/// Keras 3.15.1) and their manifest.
enum KerasFixtureFiles {
    static let directory = "\(Fixtures.root)/keras3/files"

    static func config(_ model: String) throws -> JSONValue {
        withoutSharedObjectIDs(try JSONValue(parsing: String(decoding: FileIO.read("\(directory)/\(model).config.json"), as: UTF8.self)))
    }

    static func manifestEntry(_ model: String) throws -> JSONObject {
        let manifest = try JSONValue(parsing: String(decoding: FileIO.read("\(directory)/manifest.json"), as: UTF8.self))
        let models = try #require(manifest.objectValue?["models"]?.arrayValue)
        return try #require(models.compactMap(\.objectValue).first { $0["name"]?.stringValue == model })
    }
}

@Suite struct ModelConfigTests {
    /// Keras's config → Swift model → config: identical, for the fixtures whose layers are all
    /// registered so far.
    @Test(arguments: ["tiny_sequential", "trained_adam"])
    func fixtureConfigRoundTrip(_ name: String) throws {
        let expected = try KerasFixtureFiles.config(name)
        let model = try #require(try LayerRegistry.deserialize(expected) as? Model)
        if let compile = expected.objectValue?["compile_config"]?.objectValue { try model.compile(fromKerasConfig: compile) }
        let written = try model.serializedKerasObject()
        #expect(written == expected, "\(name):\nKeras: \(expected.serialized())\nSwift: \(written.serialized())")
    }

    /// The weights-file paths and shapes of a rebuilt model are the fixture's (manifest).
    @Test(arguments: ["tiny_sequential", "trained_adam"])
    func weightPathsMatchKeras(_ name: String) throws {
        let config = try KerasFixtureFiles.config(name)
        let model = try #require(try LayerRegistry.deserialize(config) as? Model)
        var optimizer: Optimizer?
        if let compile = config.objectValue?["compile_config"]?.objectValue, !compile.isEmpty {
            try model.compile(fromKerasConfig: compile)
            optimizer = model.optimizer
            try optimizer?.build(model.trainableVariables)
        }
        var paths: [String: [Int]] = [:]
        for entry in WeightTree.entries(of: model, optimizer: optimizer) {
            for (i, v) in entry.variables.enumerated() { paths["\(entry.varsPath)/\(i)"] = v.shape }
        }
        let manifest = try KerasFixtureFiles.manifestEntry(name)
        var expected: [String: [Int]] = [:]
        for d in manifest["weights_h5_datasets"]?.arrayValue ?? [] {
            let o = try #require(d.objectValue)
            expected[o["path"]!.stringValue!] = o["shape"]!.arrayValue!.compactMap(\.intValue)
        }
        #expect(paths == expected)
    }

    /// A Swift functional model with a layer shared by two calls, two inputs and two outputs
    /// writes Keras's node form and reads back to the same config and outputs.
    @Test func sharedLayerFunctionalRoundTrip() throws {
        let a = Input(shape: [4], name: "a"), b = Input(shape: [4], name: "b")
        let shared = try Dense(3, activation: .relu, name: "shared")
        let ya = try shared(a), yb = try shared(b)
        let head = try Dense(2, name: "head")
        let model = try Model(inputs: [a, b], outputs: [try head(ya), try shared(try Dense(4, name: "back")(yb))], name: "two")
        let object = try model.serializedKerasObject()
        let config = try #require(object.objectValue?["config"]?.objectValue)
        let sharedEntry = try #require(config["layers"]?.arrayValue?.first { $0.objectValue?["name"] == "shared" })
        #expect(sharedEntry.objectValue?["inbound_nodes"]?.arrayValue?.count == 3)
        #expect(config["input_layers"] == [["a", 0, 0], ["b", 0, 0]])
        #expect(config["output_layers"] == [["head", 0, 0], ["shared", 2, 0]])

        let rebuilt = try #require(try LayerRegistry.deserialize(object) as? Model)
        #expect(try rebuilt.serializedKerasObject() == object)
        try rebuilt.setWeightsFrom(model)
        var data = TestData(3)
        let x = [data.tensor([2, 4]), data.tensor([2, 4])]
        #expect(try rebuilt.allOutputs(x).map(\.doubles) == model.allOutputs(x).map(\.doubles))
    }

    @Test func unknownLayerClassSuggestsTheNearest() throws {
        let value: JSONValue = ["class_name": "Dens", "config": [:], "module": "keras.layers", "registered_name": nil]
        #expect { try LayerRegistry.deserialize(value) } throws: { error in
            "\(error)".contains("Unknown layer class \"Dens\"") && "\(error)".contains("Did you mean \"Dense\"?")
        }
    }

    @Test func unknownConfigKeyIsRefused() throws {
        let value: JSONValue = ["class_name": "Dense", "config": ["units": 2, "unitz": 3], "module": "keras.layers", "registered_name": nil]
        #expect { try LayerRegistry.deserialize(value) } throws: { "\($0)".contains("\"unitz\"") && "\($0)".contains("Did you mean \"units\"?") }
    }
}

extension Layer {
    /// Copies `other`'s weights (same architecture).
    func setWeightsFrom(_ other: Layer) throws { try setWeights(other.getWeights()) }
}
