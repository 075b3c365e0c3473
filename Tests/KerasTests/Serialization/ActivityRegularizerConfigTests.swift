import Testing
@testable import Keras

/// Keras 3.15.1's serialized layers with activity regularizers (from
/// `scripts/pyref/activity_regularizer.py`) read into Swift layers and written back exactly:
/// the same keys in the same order. Keras's base `Layer.get_config` writes
/// `activity_regularizer` after `dtype` when set; Dense writes nothing when there is none, while
/// Embedding, EinsumDense, the convolutions and LSTM/GRU/SimpleRNN/ConvLSTM write `null` in a
/// place of their own; ActivityRegularization leaves it out.
@Suite struct ActivityRegularizerConfigTests {
    private let file = "layers/activity_regularizer_configs.json"

    private func cases() throws -> [(String, JSONValue)] {
        let text = String(decoding: try FileIO.read("\(Fixtures.root)/\(file)"), as: UTF8.self)
        return try #require(try JSONValue(parsing: text).arrayValue).map { entry in
            (entry["case"]?.stringValue ?? "?", withoutSharedObjectIDs(entry["object"] ?? .null))
        }
    }

    @Test func kerasObjectsRoundTrip() throws {
        try checkKerasConfigFixture(file)
    }

    @Test func keysAreWrittenInKerasOrderAndTheRegularizerIsRead() throws {
        for (name, expected) in try cases() {
            let layer = try LayerRegistry.deserialize(expected)
            let written = try layer.serializedKerasObject()
            let keys = { (o: JSONValue) in o.objectValue?["config"]?.objectValue?.keys ?? [] }
            #expect(keys(written) == keys(expected), "\(name): key order")
            #expect(written.serialized() == expected.serialized(), "\(name): text")
            let config = try #require(expected.objectValue?["config"]?.objectValue)
            switch config["activity_regularizer"] {
            case let value? where !value.isNull:
                #expect(layer.activityRegularizer?.kerasConfig == value, "\(name): regularizer read")
            default:
                #expect((layer.activityRegularizer == nil) == (name != "activity_regularization"), "\(name)")
            }
        }
    }

    /// Swift-made layers write what Keras writes for the same arguments.
    @Test func swiftLayersWriteKerasConfigs() throws {
        let expected = Dictionary(uniqueKeysWithValues: try cases())
        func config(_ value: JSONValue?) -> JSONObject? {
            guard var c = value?.objectValue?["config"]?.objectValue else { return nil }
            c["name"] = nil
            return c
        }
        let made: [(String, Layer)] = [
            ("dense_l2", try Dense(3, activityRegularizer: .l2(0.02))),
            ("conv1d_l1l2", try Conv1D(2, kernelSize: 2, activityRegularizer: .l1L2(l1: 0.01, l2: 0.02))),
            ("embedding_l2", try Embedding(inputDim: 5, outputDim: 2, activityRegularizer: .l2(0.5))),
            ("lstm_l1l2", try LSTM(2, activityRegularizer: .l1L2(l1: 0.01, l2: 0.01), returnSequences: true)),
            ("gru_l1", try GRU(2, activityRegularizer: .l1(0.01))),
        ]
        for (name, layer) in made {
            let written = try layer.serializedKerasObject()
            let want = try #require(config(expected[name]), "\(name)")
            let got = try #require(config(written))
            #expect(got.keys == want.keys, "\(name): key order")
            #expect(got == want, "\(name):\nKeras: \(JSONValue.object(want).serialized())\nSwift: \(JSONValue.object(got).serialized())")
        }
    }
}
