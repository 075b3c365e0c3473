import Testing
@testable import Keras

/// Every loss against Keras 3.15.1 (JAX backend) on the inputs of `Tests/Fixtures/training/losses.json`.
@Suite struct LossKerasParityTests {
    static let reductions = ["none", "sum", "sum_over_batch_size", "mean", "mean_with_sample_weight"]

    @Test func fixtureIsComplete() {
        #expect(LossFixture.root["keras_version"]?.stringValue == "3.15.1")
        #expect(LossFixture.root["epsilon"]?.doubleValue == Losses.epsilon)
        #expect(LossFixture.cases.count > 150)
        #expect(LossFixture.functions.count > 30)
        // Every built-in class is exercised.
        let classes = Set(LossFixture.cases.compactMap { $0["class_name"]?.stringValue })
        #expect(classes == Set(Loss.defaultNames.keys))
    }

    /// A loss class with the case's arguments and each reduction, called with its sample weight
    /// and mask (Keras's mask on y_pred), against Keras's values.
    @Test(arguments: Array(LossFixture.cases.indices))
    func classMatchesKeras(_ index: Int) throws {
        let entry = LossFixture.cases[index]
        let className = entry["class_name"]?.stringValue ?? "?"
        let config = entry["config"]?.objectValue ?? JSONObject()
        let yTrue = try LossFixture.input(entry["y_true"]?.stringValue ?? "")
        let yPred = try LossFixture.input(entry["y_pred"]?.stringValue ?? "")
        let weight = try LossFixture.optionalInput(entry["sample_weight"])
        let mask = try LossFixture.optionalInput(entry["mask"])
        for reduction in Self.reductions {
            var withReduction = config
            withReduction["reduction"] = .string(reduction)
            let loss = try Loss.from(keras: ["class_name": .string(className), "config": .object(withReduction)])
            let value = try loss(yTrue, yPred, sampleWeight: weight, mask: mask)
            let label = "\(className)(\(JSONValue.object(config))) on \(entry["y_true"]!), \(entry["y_pred"]!), weight \(entry["sample_weight"]!), mask \(entry["mask"]!), \(reduction)"
            expectKerasValue(value, LossFixture.expected(entry["expected"]?[reduction]), label)
        }
    }

    /// The `keras.losses` functions, unreduced.
    @Test(arguments: Array(LossFixture.functions.indices))
    func functionMatchesKeras(_ index: Int) throws {
        let entry = LossFixture.functions[index]
        let name = entry["function"]?.stringValue ?? "?"
        let kwargs = entry["kwargs"]?.objectValue ?? JSONObject()
        let yTrue = try LossFixture.input(entry["y_true"]?.stringValue ?? "")
        let yPred = try LossFixture.input(entry["y_pred"]?.stringValue ?? "")
        let value = try Self.callFunction(name, kwargs, yTrue, yPred)
        expectKerasValue(value, LossFixture.expected(entry["expected"]), "\(name)(\(JSONValue.object(kwargs)))")
    }

    /// `keras.ops.ctc_loss` with explicit lengths and blank index.
    @Test(arguments: Array(LossFixture.ctcOps.indices))
    func ctcLossMatchesKeras(_ index: Int) throws {
        let entry = LossFixture.ctcOps[index]
        func ints(_ key: String) -> [Int] { entry[key]?.arrayValue?.compactMap(\.intValue) ?? [] }
        let value = try Losses.ctcLoss(target: Tensor(ints("target"), shape: ints("target_shape")),
                                       output: try LossFixture.input("ctc_logits"),
                                       targetLength: Tensor(ints("target_length")),
                                       outputLength: Tensor(ints("output_length")),
                                       maskIndex: entry["mask_index"]?.intValue ?? 0)
        expectKerasValue(value, LossFixture.expected(entry["expected"]), "ctc_loss \(index)")
    }

    /// `get_config()` and `serialize_keras_object()` as Keras writes them, and the round trip
    /// through ``Loss/from(keras:)``.
    @Test(arguments: Array(LossFixture.configs.indices))
    func configMatchesKeras(_ index: Int) throws {
        let entry = LossFixture.configs[index]
        let className = entry["class_name"]?.stringValue ?? "?"
        let kwargs = entry["kwargs"]?.objectValue ?? JSONObject()
        let loss: Loss
        if className == "LossFunctionWrapper" {
            loss = try Loss.named(kwargs["identifier"]?.stringValue ?? "")
        } else {
            loss = try Loss.from(keras: ["class_name": .string(className), "config": .object(kwargs)])
        }
        #expect(loss.name == entry["name"]?.stringValue)
        #expect(JSONValue.object(loss.kerasConfig).serialized() == entry["config"]?.stringValue)
        let serialized = entry["serialized"]?.stringValue ?? ""
        #expect(loss.serializedKerasObject.serialized() == serialized)
        let decoded = try Loss.from(keras: try JSONValue(parsing: serialized))
        #expect(decoded.serializedKerasObject.serialized() == serialized)
        #expect(type(of: decoded) == type(of: loss))
    }

    /// Calls the `Losses` function Keras calls `name`, with Keras's keyword arguments.
    static func callFunction(_ name: String, _ kwargs: JSONObject, _ t: Tensor, _ p: Tensor) throws -> Tensor {
        func double(_ key: String, _ value: Double) -> Double { kwargs[key]?.doubleValue ?? value }
        func bool(_ key: String) -> Bool { kwargs[key]?.boolValue ?? false }
        let axis = kwargs["axis"]?.intValue ?? -1
        let axes = kwargs["axis"].flatMap { $0.arrayValue?.compactMap(\.intValue) ?? $0.intValue.map { [$0] } }
        switch name {
        case "mean_squared_error": return try Losses.meanSquaredError(t, p)
        case "mean_absolute_error": return try Losses.meanAbsoluteError(t, p)
        case "mean_absolute_percentage_error": return try Losses.meanAbsolutePercentageError(t, p)
        case "mean_squared_logarithmic_error": return try Losses.meanSquaredLogarithmicError(t, p)
        case "huber": return try Losses.huber(t, p, delta: double("delta", 1))
        case "log_cosh": return try Losses.logCosh(t, p)
        case "cosine_similarity": return try Losses.cosineSimilarity(t, p, axis: axis)
        case "kl_divergence": return try Losses.klDivergence(t, p)
        case "poisson": return try Losses.poisson(t, p)
        case "binary_crossentropy":
            return try Losses.binaryCrossentropy(t, p, fromLogits: bool("from_logits"),
                                                 labelSmoothing: double("label_smoothing", 0), axis: axis)
        case "binary_focal_crossentropy":
            return try Losses.binaryFocalCrossentropy(t, p, applyClassBalancing: bool("apply_class_balancing"),
                                                      alpha: double("alpha", 0.25), gamma: double("gamma", 2),
                                                      fromLogits: bool("from_logits"),
                                                      labelSmoothing: double("label_smoothing", 0), axis: axis)
        case "categorical_crossentropy":
            return try Losses.categoricalCrossentropy(t, p, fromLogits: bool("from_logits"),
                                                      labelSmoothing: double("label_smoothing", 0), axis: axis)
        case "categorical_focal_crossentropy":
            return try Losses.categoricalFocalCrossentropy(t, p, alpha: double("alpha", 0.25), gamma: double("gamma", 2),
                                                           fromLogits: bool("from_logits"),
                                                           labelSmoothing: double("label_smoothing", 0), axis: axis)
        case "sparse_categorical_crossentropy":
            return try Losses.sparseCategoricalCrossentropy(t, p, fromLogits: bool("from_logits"),
                                                            ignoreClass: kwargs["ignore_class"]?.intValue, axis: axis)
        case "hinge": return try Losses.hinge(t, p)
        case "squared_hinge": return try Losses.squaredHinge(t, p)
        case "categorical_hinge": return try Losses.categoricalHinge(t, p)
        case "dice": return try Losses.dice(t, p, axis: axes)
        case "tversky": return try Losses.tversky(t, p, alpha: double("alpha", 0.5), beta: double("beta", 0.5), axis: axes)
        case "circle":
            return try Losses.circle(t, p, removeDiagonal: kwargs["remove_diagonal"]?.boolValue ?? true,
                                     gamma: double("gamma", 80), margin: double("margin", 0.4))
        case "ctc": return try Losses.ctc(t, p)
        default: throw KerasError.unknown("loss function", name, known: [])
        }
    }
}
