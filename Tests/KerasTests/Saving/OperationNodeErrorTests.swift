import Testing
@testable import Keras

/// Saved graphs with operations or masks swift-keras cannot replay: each gives a thrown error
/// that names what is wrong, never a crash.
@Suite struct OperationNodeErrorTests {
    /// A Functional config: an int32 input `tokens` of shape (None, 4) and `layers` after it,
    /// with `output` as the model's output.
    static func config(_ layers: [JSONValue], output: String) -> JSONValue {
        let input: JSONValue = [
            "module": "keras.layers", "class_name": "InputLayer", "name": "tokens", "inbound_nodes": [],
            "config": ["batch_shape": [.null, 4], "dtype": "int32", "sparse": false, "ragged": false, "name": "tokens", "optional": false],
        ]
        return ["module": "keras.src.models.functional", "class_name": "Functional", "registered_name": "Functional",
                "config": ["name": "graph", "trainable": true, "layers": .array([input] + layers),
                           "input_layers": ["tokens", 0, 0], "output_layers": [.string(output), 0, 0]]]
    }

    static func tensor(_ layer: String, shape: [JSONValue], dtype: String) -> JSONValue {
        ["class_name": "__keras_tensor__", "config": ["shape": .array(shape), "dtype": .string(dtype), "keras_history": [.string(layer), 0, 0]]]
    }

    static let tokens = tensor("tokens", shape: [.null, 4], dtype: "int32")

    static func operation(_ className: String, module: String = "keras.src.ops.numpy", config: JSONObject = [:],
                          name: String, args: [JSONValue], kwargs: JSONObject = [:]) -> JSONValue {
        var c: JSONObject = ["name": .string(name)]
        for key in config.keys { c[key] = config[key] }
        return ["module": .string(module), "class_name": .string(className), "config": .object(c),
                "registered_name": .string(className), "name": .string(name),
                "inbound_nodes": [["args": .array(args), "kwargs": .object(kwargs)]]]
    }

    func error(_ config: JSONValue) -> KerasError? {
        do { _ = try LayerRegistry.deserialize(config); return nil } catch let e as KerasError { return e } catch { return nil }
    }

    @Test func unknownOperationNamesItsClassAndModule() throws {
        let e = try #require(error(Self.config([Self.operation("Relu", module: "keras.src.ops.nn", name: "relu", args: [Self.tokens])], output: "relu")))
        #expect(e.kind == .unknownName)
        #expect(e.message.contains("\"Relu\"") && e.message.contains("keras.src.ops.nn") && e.message.contains("NotEqual"), "\(e.message)")
        // A known class name from another module is another operation.
        let other = try #require(error(Self.config([Self.operation("Add", module: "keras.src.ops.math", name: "a", args: [Self.tokens, 1])], output: "a")))
        #expect(other.kind == .unknownName && other.message.contains("keras.src.ops.math"), "\(other.message)")
    }

    @Test func malformedOperationsAreRefused() throws {
        let badKey = try #require(error(Self.config([Self.operation("Sum", config: ["axes": 1], name: "s", args: [Self.tokens])], output: "s")))
        #expect(badKey.kind == .invalidConfig && badKey.message.contains("\"axes\""), "\(badKey.message)")
        let text = try #require(error(Self.config([Self.operation("Add", name: "a", args: [Self.tokens, "one"])], output: "a")))
        #expect(text.kind == .unsupported && text.message.contains("\"one\""), "\(text.message)")
        let three = try #require(error(Self.config([Self.operation("Add", name: "a", args: [Self.tokens, 1, 2])], output: "a")))
        #expect(three.kind == .invalidConfig, "\(three.message)")
        let noTensor = try #require(error(Self.config([Self.operation("Add", name: "a", args: [1, 2])], output: "a")))
        #expect(noTensor.message.contains("\"a\""), "\(noTensor.message)")
        let keyword = try #require(error(Self.config([Self.operation("Cast", module: "keras.src.ops.core", config: ["dtype": "float32"], name: "c", args: [], kwargs: ["x": Self.tokens])], output: "c")))
        #expect(keyword.kind == .unsupported && keyword.message.contains("\"x\""), "\(keyword.message)")
        let squeeze = try #require(error(Self.config([Self.operation("Squeeze", config: ["axis": 1], name: "q", args: [Self.tokens])], output: "q")))
        #expect(squeeze.kind == .incompatibleShape, "\(squeeze.message)")
        let huge = try #require(error(Self.config([Self.operation("Reshape", config: ["newshape": [2147483647, 2147483647, 2147483647, -1]], name: "r", args: [Self.tokens])], output: "r")))
        #expect(huge.kind == .incompatibleShape, "\(huge.message)")
        let negated = try #require(error(Self.config([
            Self.operation("NotEqual", name: "m", args: [Self.tokens, 0]),
            Self.operation("Negative", name: "n", args: [Self.tensor("m", shape: [.null, 4], dtype: "bool")]),
        ], output: "n")))
        #expect(negated.kind == .unsupported && negated.message.contains("\"n\""), "\(negated.message)")
    }

    @Test func maskOfTheWrongShapeIsRefused() throws {
        let embedding: JSONValue = [
            "module": "keras.layers", "class_name": "Embedding", "name": "embedding",
            "config": ["name": "embedding", "input_dim": 10, "output_dim": 3, "mask_zero": true],
            "inbound_nodes": [["args": [Self.tokens], "kwargs": [:]]],
        ]
        // A mask of shape (None, 4, 3) for an LSTM input of shape (None, 4, 3) would do; one of
        // shape (None, 3) does not match the leading axes.
        let summed = Self.operation("Sum", config: ["axis": 1, "keepdims": false], name: "s",
                                    args: [Self.tensor("embedding", shape: [.null, 4, 3], dtype: "float32")])
        let lstm: JSONValue = [
            "module": "keras.layers", "class_name": "LSTM", "name": "lstm", "config": ["name": "lstm", "units": 2],
            "inbound_nodes": [["args": [Self.tensor("embedding", shape: [.null, 4, 3], dtype: "float32")],
                               "kwargs": ["mask": Self.tensor("s", shape: [.null, 3], dtype: "float32")]]],
        ]
        let e = try #require(error(Self.config([embedding, summed, lstm], output: "lstm")))
        #expect(e.kind == .incompatibleShape && e.message.contains("\"lstm\"") && e.message.contains("mask"), "\(e.message)")
        let notAList: JSONValue = [
            "module": "keras.layers", "class_name": "LSTM", "name": "lstm", "config": ["name": "lstm", "units": 2],
            "inbound_nodes": [["args": [Self.tensor("embedding", shape: [.null, 4, 3], dtype: "float32")],
                               "kwargs": ["mask": ["inner": [Self.tensor("s", shape: [.null, 3], dtype: "float32")]]]]],
        ]
        let bad = try #require(error(Self.config([embedding, summed, notAList], output: "lstm")))
        #expect(bad.kind == .invalidConfig && bad.message.contains("\"mask\""), "\(bad.message)")
    }

    @Test func legacyH5CannotHoldOperations() throws {
        let model = try loadModel(from: "\(Fixtures.root)/keras3/ops/embedding_lstm.keras")
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect {
            try model.save(to: folder.file("model.h5"))
        } throws: { error in
            guard let e = error as? KerasError else { return false }
            return e.kind == .unsupported && e.message.contains("NotEqual") && e.message.contains(".keras")
        }
        // A legacy config names no module: an operation's class cannot be read as one.
        let legacy: JSONValue = ["class_name": "NotEqual", "config": ["name": "not_equal"]]
        let e = try #require(error(legacy))
        #expect(e.kind == .unsupported && e.message.contains("NotEqual") && e.message.contains(".keras"), "\(e.message)")
    }
}
