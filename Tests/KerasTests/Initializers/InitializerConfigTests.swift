import Testing
@testable import Keras

@Suite struct InitializerConfigTests {
    // `json.dumps(keras.saving.serialize_keras_object(obj))` in Keras 3.15.1.
    static let expected: [(Initializer, String)] = [
        (.zeros, #"{"module": "keras.initializers", "class_name": "Zeros", "config": {}, "registered_name": null}"#),
        (.ones, #"{"module": "keras.initializers", "class_name": "Ones", "config": {}, "registered_name": null}"#),
        (.constant(), #"{"module": "keras.initializers", "class_name": "Constant", "config": {"value": 0.0}, "registered_name": null}"#),
        (.constant(0.5), #"{"module": "keras.initializers", "class_name": "Constant", "config": {"value": 0.5}, "registered_name": null}"#),
        (.identity, #"{"module": "keras.initializers", "class_name": "Identity", "config": {}, "registered_name": null}"#),
        (.randomNormal, #"{"module": "keras.initializers", "class_name": "RandomNormal", "config": {"seed": null, "mean": 0.0, "stddev": 0.05}, "registered_name": null}"#),
        (.randomUniform, #"{"module": "keras.initializers", "class_name": "RandomUniform", "config": {"seed": null, "minval": -0.05, "maxval": 0.05}, "registered_name": null}"#),
        (.truncatedNormal(seed: 42), #"{"module": "keras.initializers", "class_name": "TruncatedNormal", "config": {"seed": 42, "mean": 0.0, "stddev": 0.05}, "registered_name": null}"#),
        (.varianceScaling(), #"{"module": "keras.initializers", "class_name": "VarianceScaling", "config": {"seed": null, "scale": 1.0, "mode": "fan_in", "distribution": "truncated_normal", "input_axes": null, "output_axes": null}, "registered_name": null}"#),
        (.varianceScaling(scale: 2, mode: .fanOut, distribution: .uniform, seed: 7), #"{"module": "keras.initializers", "class_name": "VarianceScaling", "config": {"seed": 7, "scale": 2.0, "mode": "fan_out", "distribution": "uniform", "input_axes": null, "output_axes": null}, "registered_name": null}"#),
        (.glorotNormal, #"{"module": "keras.initializers", "class_name": "GlorotNormal", "config": {"seed": null, "input_axes": null, "output_axes": null}, "registered_name": null}"#),
        (.glorotUniform, #"{"module": "keras.initializers", "class_name": "GlorotUniform", "config": {"seed": null, "input_axes": null, "output_axes": null}, "registered_name": null}"#),
        (.glorotUniform(seed: 42), #"{"module": "keras.initializers", "class_name": "GlorotUniform", "config": {"seed": 42, "input_axes": null, "output_axes": null}, "registered_name": null}"#),
        (.heNormal, #"{"module": "keras.initializers", "class_name": "HeNormal", "config": {"seed": null, "input_axes": null, "output_axes": null}, "registered_name": null}"#),
        (.heUniform, #"{"module": "keras.initializers", "class_name": "HeUniform", "config": {"seed": null, "input_axes": null, "output_axes": null}, "registered_name": null}"#),
        (.lecunNormal, #"{"module": "keras.initializers", "class_name": "LecunNormal", "config": {"seed": null, "input_axes": null, "output_axes": null}, "registered_name": null}"#),
        (.lecunUniform, #"{"module": "keras.initializers", "class_name": "LecunUniform", "config": {"seed": null, "input_axes": null, "output_axes": null}, "registered_name": null}"#),
        (.orthogonal, #"{"module": "keras.initializers", "class_name": "Orthogonal", "config": {"seed": null, "gain": 1.0}, "registered_name": null}"#),
        (.orthogonal(gain: 2, seed: 1), #"{"module": "keras.initializers", "class_name": "Orthogonal", "config": {"seed": 1, "gain": 2.0}, "registered_name": null}"#),
        (.stft(), #"{"module": "keras.initializers", "class_name": "STFT", "config": {"side": "real", "window": "hann", "periodic": false, "scaling": "density"}, "registered_name": null}"#),
    ]

    @Test(arguments: 0..<expected.count)
    func writesWhatKerasWritesAndReadsItBack(_ index: Int) throws {
        let (initializer, json) = Self.expected[index]
        #expect(initializer.kerasConfig.serialized() == json)
        let decoded = try Initializer(keras: JSONValue(parsing: json))
        #expect(decoded == initializer)
        #expect(decoded.kerasConfig.serialized() == json)
    }

    @Test func namesGiveKerasClasses() throws {
        let names: [(String, String)] = [
            ("uniform", "RandomUniform"), ("normal", "RandomNormal"), ("zero", "Zeros"), ("one", "Ones"),
            ("glorot_uniform", "GlorotUniform"), ("GlorotUniform", "GlorotUniform"), ("random_normal", "RandomNormal"),
            ("variance_scaling", "VarianceScaling"), ("orthogonal", "Orthogonal"), ("OrthogonalInitializer", "Orthogonal"),
            ("identity", "Identity"), ("IdentityInitializer", "Identity"), ("he_normal", "HeNormal"), ("stft", "STFT"),
            ("truncated_normal", "TruncatedNormal"), ("lecun_uniform", "LecunUniform"), ("constant", "Constant"),
        ]
        for (name, className) in names {
            let initializer = try Initializer(keras: .string(name))
            #expect(initializer.className == className, "\(name)")
            #expect(initializer == (try Initializer(keras: ["class_name": .string(className), "config": [:]])))
        }
        #expect(Initializer.knownNames.count == 39)  // Keras 3.15.1 has 41 names, 2 of them the abstract base class
    }

    @Test func configsKeepNumbersAsWritten() throws {
        let json = #"{"module": "keras.initializers", "class_name": "Constant", "config": {"value": 2}, "registered_name": null}"#
        #expect(try Initializer(keras: JSONValue(parsing: json)).kerasConfig.serialized() == json)
        // Keras reads distribution "normal" as truncated_normal.
        let vs = try Initializer(keras: ["class_name": "VarianceScaling", "config": ["distribution": "Normal", "scale": 2]])
        #expect(vs.config["distribution"] == "truncated_normal")
        #expect(vs.config["scale"] == 2)
        let axes = try Initializer(keras: ["class_name": "GlorotUniform", "config": ["input_axes": [0], "output_axes": [1]]])
        #expect(axes == .glorotUniform(inputAxes: [0], outputAxes: [1]))
        #expect(Initializer.identity(gain: 2).config == ["gain": 2.0])
    }

    @Test func badConfigsThrow() {
        let bad: [JSONValue] = [
            "glorot_unifrom", 3, ["config": [:]], ["class_name": "GlorotUniform", "config": ["sed": 1]],
            ["class_name": "RandomNormal", "config": ["mean": "zero"]],
            ["class_name": "VarianceScaling", "config": ["mode": "fan_middle"]],
            ["class_name": "VarianceScaling", "config": ["scale": -1.0]],
            ["class_name": "GlorotUniform", "config": ["seed": ["class_name": "SeedGenerator"]]],
            ["class_name": "MyInit", "config": [:], "registered_name": "custom>MyInit"],
            "Initializer", ["class_name": "STFT", "config": ["window": "kaiser"]],
        ]
        for value in bad {
            #expect(throws: KerasError.self, "\(value)") { try Initializer(keras: value) }
        }
        do {
            _ = try Initializer(keras: "glorot_unifrom")
        } catch let error as KerasError {
            #expect(error.kind == .unknownName)
            #expect(error.message.contains(#"Did you mean "glorot_uniform"?"#), "\(error.message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func customInitializers() throws {
        let halves = Initializer.custom(name: "Halves") { shape, dtype in Tensor.full(shape, value: 0.5, dtype: dtype) }
        #expect(try halves([2]).doubles == [0.5, 0.5])
        #expect(halves.kerasConfig.serialized() == #"{"module": null, "class_name": "Halves", "config": {}, "registered_name": "Halves"}"#)
        #expect(throws: KerasError.self) { try Initializer(keras: halves.kerasConfig) }
    }
}
