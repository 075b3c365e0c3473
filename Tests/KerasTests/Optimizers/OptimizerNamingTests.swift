import Testing
@testable import Keras

@Suite struct OptimizerNamingTests {
    /// The fixture's Sequential(Dense(2), Dense(1)) model, named as in Keras.
    static func namingModel() throws -> Sequential {
        try Sequential(name: "sequential") {
            Input(shape: [3])
            try Dense(2, name: "dense")
            try Dense(1, name: "dense_1")
        }
    }

    /// Every optimizer's variables have Keras's paths, shapes, dtypes and order.
    @Test func variablesMatchKeras() throws {
        let fixture = try OptimizerFixture.load()
        let entries = fixture.root["naming"]?.arrayValue ?? []
        #expect(entries.count == 17)
        for entry in entries {
            let serialized = try #require(entry["optimizer"])
            let optimizer = try Optimizer.fromKeras(serialized)
            let model = try Self.namingModel()
            let variables = model.trainableVariables
            #expect(variables.map(\.path) == ["sequential/dense/kernel", "sequential/dense/bias",
                                              "sequential/dense_1/kernel", "sequential/dense_1/bias"])
            try optimizer.apply(variables.map { Tensor.ones($0.shape) }, to: variables)
            let expectedPaths = (entry["paths"]?.arrayValue ?? []).compactMap(\.stringValue)
            #expect(optimizer.variables.map { withoutNumbering($0.path) } == expectedPaths.map(withoutNumbering),
                    "\(serialized["class_name"]!)")
            #expect(optimizer.variables.map(\.shape) == (entry["shapes"]?.arrayValue ?? []).map { ($0.arrayValue ?? []).compactMap(\.intValue) })
            #expect(optimizer.variables.map { "\($0.dtype)" } == (entry["dtypes"]?.arrayValue ?? []).compactMap(\.stringValue))
            #expect(optimizer.variables.allSatisfy { !$0.trainable })
        }
    }

    /// Automatic names are Keras's: the snake-case class name, numbered to stay unique.
    @Test func automaticNames() throws {
        let fixture = try OptimizerFixture.load()
        let bases = try #require(fixture.root["auto_names"]?.objectValue)
        for (className, base) in bases.pairs {
            let make = { try Optimizer.named(className) }
            let first = try make(), second = try make()
            for name in [first.name, second.name] {
                let suffix = name.dropFirst(base.stringValue!.count)
                #expect(name.hasPrefix(base.stringValue!) && (suffix.isEmpty || (suffix.first == "_" && suffix.dropFirst().allSatisfy(\.isNumber))),
                        "\(className): \(name)")
            }
            #expect(first.name != second.name)
            #expect(first.variables.map(\.path) == ["\(first.name)/iteration", "\(first.name)/learning_rate"])
        }
        #expect(try RMSprop(name: "mine").variables.map(\.path) == ["mine/iteration", "mine/learning_rate"])
    }

    /// `Optimizer.named` takes Keras's names in any case, with Keras's defaults.
    @Test func namedOptimizers() throws {
        let expected: [(String, Optimizer.Type, Double)] = [
            ("sgd", SGD.self, 0.01), ("rmsprop", RMSprop.self, 0.001), ("adam", Adam.self, 0.001),
            ("adamw", AdamW.self, 0.001), ("adamax", Adamax.self, 0.001), ("nadam", Nadam.self, 0.001),
            ("adagrad", Adagrad.self, 0.001), ("adadelta", Adadelta.self, 0.001), ("adafactor", Adafactor.self, 0.001),
            ("ftrl", Ftrl.self, 0.001), ("lion", Lion.self, 0.001), ("lamb", Lamb.self, 0.001),
        ]
        #expect(Optimizer.knownNames == expected.map(\.0).sorted())
        for (name, type, rate) in expected {
            for spelling in [name, name.uppercased(), type.kerasClassName] {
                let optimizer = try Optimizer.named(spelling)
                #expect(Swift.type(of: optimizer) == type, "\(spelling)")
                #expect(optimizer.learningRate == Double(Float(rate)))
            }
        }
        #expect(try (Optimizer.named("adamw") as? AdamW)?.weightDecay == 0.004)
        #expect(RMSprop.kerasClassName == "RMSprop" && AdamW.kerasClassName == "AdamW" && SGD.kerasClassName == "SGD")
    }

    @Test func unknownNamesSuggestTheNearest() {
        for (typo, suggestion) in [("adm", "adam"), ("Adamm", "adam"), ("rmsprob", "rmsprop"), ("sdg", "sgd")] {
            do {
                _ = try Optimizer.named(typo)
                Issue.record("\(typo) was accepted")
            } catch let error as KerasError {
                #expect(error.kind == .unknownName)
                #expect(error.message.contains("Unknown optimizer \"\(typo)\". Did you mean \"\(suggestion)\"?"), "\(error.message)")
            } catch { Issue.record("\(error)") }
        }
        do {
            _ = try Optimizer.named("muon")
            Issue.record("muon was accepted")
        } catch let error as KerasError {
            #expect(error.kind == .unsupported && error.message.contains("Muon"))
        } catch { Issue.record("\(error)") }
    }

    /// Configs: a dict with only some keys takes the class's defaults; unknown keys are
    /// rejected as Keras rejects them; the round trip is exact.
    @Test func configs() throws {
        let adam = try Optimizer.fromKeras(["class_name": "Adam", "config": ["learning_rate": 0.01, "amsgrad": true]])
        #expect((adam as? Adam)?.amsgrad == true && adam.learningRate == Double(Float(0.01)))
        let again = try Optimizer.fromKeras(adam.serializedKerasObject)
        #expect(again.serializedKerasObject.serialized() == adam.serializedKerasObject.serialized())
        do {
            _ = try Optimizer.fromKeras(["class_name": "SGD", "config": ["momentum": 0.9, "nesterof": true]])
            Issue.record("unknown key accepted")
        } catch let error as KerasError {
            #expect(error.kind == .invalidConfig && error.message.contains("nesterof"))
        }
        #expect(throws: KerasError.self) { try Optimizer.fromKeras(["class_name": "AdamW", "config": ["weight_decay": nil]]) }
        // Keras treats 0 as "off" for accumulation and EMA overwriting.
        let zeros = try Optimizer.fromKeras(["class_name": "SGD", "config": ["gradient_accumulation_steps": 0, "use_ema": true, "ema_overwrite_frequency": 0]])
        #expect(zeros.gradientAccumulationSteps == nil && zeros.emaOverwriteFrequency == nil)
        // Keras ignores the legacy `decay` argument.
        #expect(try Optimizer.fromKeras(["class_name": "SGD", "config": ["decay": 0.1]]) is SGD)
    }
}
