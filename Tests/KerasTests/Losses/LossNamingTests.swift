import Testing
@testable import Keras

/// `Loss.named` for every string `keras.losses.get` accepts, names, configs and custom losses.
@Suite struct LossNamingTests {
    /// Keras's own two legacy spellings we also accept; everything else comes from Keras 3.15.1's
    /// `ALL_OBJECTS_DICT`.
    static let legacyAliases: Set<String> = ["logcosh", "kullback_leibler_divergence"]

    @Test func everyKerasNameResolves() throws {
        let names = LossFixture.names
        #expect(names.count == 54)
        #expect(Set(Loss.knownNames) == Set(names.keys).union(Self.legacyAliases))
        for (key, entry) in names.pairs {
            let loss = try Loss.named(key)
            #expect(loss.name == entry["name"]?.stringValue, "\(key)")
            #expect(loss.reduction == .sumOverBatchSize)
            let target = entry["target"]?.stringValue ?? ""
            if entry["kind"]?.stringValue == "class" {
                #expect(type(of: loss).kerasClassName == target, "\(key)")
                #expect(!(type(of: loss) == LossFunctionWrapper.self), "\(key)")
            } else {
                let wrapper = try #require(loss as? LossFunctionWrapper, "\(key)")
                #expect(type(of: loss) == LossFunctionWrapper.self, "\(key)")
                #expect(wrapper.functionName == target, "\(key)")
            }
        }
        #expect((try Loss.named("logcosh") as? LossFunctionWrapper)?.functionName == "log_cosh")
        #expect((try Loss.named("kullback_leibler_divergence") as? LossFunctionWrapper)?.functionName == "kl_divergence")
    }

    @Test func namedFunctionsComputeWhatTheirClassesCompute() throws {
        let yTrue = Tensor([0.0, 1, 1, 0, 1, 0], shape: [3, 2])
        let yPred = Tensor([0.2, 0.7, 0.9, 0.4, 0.6, 0.1], shape: [3, 2])
        let pairs: [(String, Loss)] = [
            ("mse", MeanSquaredError()), ("MAE", MeanAbsoluteError()), ("mape", MeanAbsolutePercentageError()),
            ("msle", MeanSquaredLogarithmicError()), ("bce", try BinaryCrossentropy()), ("kld", KLDivergence()),
            ("huber", try Huber()), ("log_cosh", LogCosh()), ("poisson", Poisson()), ("hinge", Hinge()),
            ("squared_hinge", SquaredHinge()), ("categorical_hinge", CategoricalHinge()),
            ("categorical_crossentropy", try CategoricalCrossentropy()), ("cosine_similarity", CosineSimilarity()),
            ("binary_focal_crossentropy", try BinaryFocalCrossentropy()),
            ("categorical_focal_crossentropy", try CategoricalFocalCrossentropy()), ("dice", try Dice()),
            ("tversky", try Tversky()),
        ]
        for (name, loss) in pairs {
            let named = try Loss.named(name)
            #expect(named.name == name)
            expectClose(try named(yTrue, yPred), try loss(yTrue, yPred))
            expectClose(try named(yTrue, yPred, sampleWeight: Tensor([1.0, 0, 2])),
                        try loss(yTrue, yPred, sampleWeight: Tensor([1.0, 0, 2])))
        }
        let sparse = try Loss.named("sparse_categorical_crossentropy")
        expectClose(try sparse(Tensor([1, 0, 0]), yPred), try SparseCategoricalCrossentropy()(Tensor([1, 0, 0]), yPred))
    }

    @Test func unknownNamesSuggestTheNearest() {
        for (typo, guess) in [("binary_crossentropie", "binary_crossentropy"), ("msee", "mse"),
                              ("SparseCategoricalCrossEntropy", "SparseCategoricalCrossentropy"), ("hinje", "hinge")] {
            do {
                _ = try Loss.named(typo)
                Issue.record("\(typo) resolved")
            } catch let error as KerasError {
                #expect(error.kind == .unknownName)
                #expect(error.message.hasPrefix("Unknown loss \"\(typo)\". Did you mean \"\(guess)\"?"), "\(error.message)")
                #expect(error.message.contains("Known: "))
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
        #expect(throws: KerasError.self) { try Loss.named("crossentropy") }
    }

    @Test func namesAndConfigs() throws {
        #expect(MeanSquaredError().name == "mean_squared_error")
        #expect(try Huber().name == "huber_loss")
        #expect(MeanSquaredError.kerasClassName == "MeanSquaredError")
        #expect(KLDivergence.kerasClassName == "KLDivergence")
        #expect(CTC().description == "<CTC name=ctc reduction=sum_over_batch_size>")
        let scce = SparseCategoricalCrossentropy(fromLogits: true, ignoreClass: 0, axis: 1, reduction: .sum, name: "masked")
        #expect(JSONValue.object(scce.kerasConfig).serialized()
                == #"{"name": "masked", "reduction": "sum", "from_logits": true, "ignore_class": 0}"#)
        // Keras's configs leave some arguments out; reading them back still takes them.
        let fromConfig = try #require(try Loss.from(keras: ["class_name": "SparseCategoricalCrossentropy",
                                                             "config": ["axis": 1, "dtype": "float64"]]) as? SparseCategoricalCrossentropy)
        #expect(fromConfig.axis == 1 && fromConfig.dtype == .float64)
        let policy: JSONValue = ["module": "keras", "class_name": "DTypePolicy", "config": ["name": "mixed_bfloat16"], "registered_name": nil]
        #expect(try Loss.from(keras: ["class_name": "Poisson", "config": ["dtype": policy]]).dtype == .bfloat16)
        #expect(try Loss.from(keras: "mse").name == "mse")
        #expect(try Loss.from(keras: ["class_name": "Dice", "config": ["axis": 2]]).kerasConfig["axis"] == [2])
        let wrapped = try Loss.from(keras: try JSONValue(parsing: #"{"module": "keras.src.losses.losses", "class_name": "LossFunctionWrapper", "config": {"name": "bce_logits", "reduction": "sum", "fn": {"module": "builtins", "class_name": "function", "config": "binary_crossentropy", "registered_name": "function"}, "from_logits": true}, "registered_name": "LossFunctionWrapper"}"#))
        #expect(wrapped.name == "bce_logits" && wrapped.reduction == .sum)
        #expect(wrapped.kerasConfig["from_logits"] == true)
        expectClose(try wrapped(Tensor([1.0, 0], shape: [1, 2]), Tensor([2.0, -1], shape: [1, 2])),
                    try BinaryCrossentropy(fromLogits: true, reduction: .sum)(Tensor([1.0, 0], shape: [1, 2]), Tensor([2.0, -1], shape: [1, 2])))
    }

    @Test func customLosses() throws {
        final class NamingProbeLoss: Loss, @unchecked Sendable {
            override func call(_ yTrue: Tensor, _ yPred: Tensor) throws -> Tensor {
                power(yPred - yTrue, 4).mean(axes: [-1])
            }
        }
        // Automatic names are numbered per session, as Keras's `auto_name`.
        let first = NamingProbeLoss(), second = NamingProbeLoss(reduction: .sum)
        #expect(first.name == "naming_probe_loss" && second.name == "naming_probe_loss_1")
        #expect(try first(Tensor([1.0, 2], shape: [1, 2]), Tensor([1.5, 2], shape: [1, 2])).item() == 0.03125)
        #expect(first.serializedKerasObject.serialized()
                == #"{"module": null, "class_name": "NamingProbeLoss", "config": {"name": "naming_probe_loss", "reduction": "sum_over_batch_size"}, "registered_name": "NamingProbeLoss"}"#)
        let cubic = LossFunctionWrapper(name: "cubic") { yTrue, yPred in abs(power(yPred - yTrue, 3)).mean(axes: [-1]) }
        #expect(try cubic(Tensor([0.0, 1], shape: [1, 2]), Tensor([1.0, 1], shape: [1, 2])).item() == 0.5)
        #expect(cubic.functionName == "cubic")
        #expect(cubic.kerasConfig["fn"]?["config"] == "cubic")
    }
}
