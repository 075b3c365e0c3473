// Optimizers by name and from Keras configs: `keras.optimizers.get` and `deserialize`.

extension Optimizer {
    /// Keras's class for each lower-cased name `keras.optimizers.get` accepts.
    static let classNames: [String: String] = {
        let classes = ["SGD", "RMSprop", "Adam", "AdamW", "Adamax", "Nadam", "Adagrad", "Adadelta", "Adafactor",
                       "Ftrl", "Lion", "Lamb"]
        return Dictionary(uniqueKeysWithValues: classes.map { ($0.lowercased(), $0) })
    }()

    /// Every name ``named(_:)`` accepts (in any letter case), sorted.
    public static var knownNames: [String] { classNames.keys.sorted() }

    /// A new optimizer of the class `name` with Keras's defaults (Keras's
    /// `keras.optimizers.get("adam")`): `"sgd"`, `"rmsprop"`, `"adam"`, `"adamw"`, `"adamax"`,
    /// `"nadam"`, `"adagrad"`, `"adadelta"`, `"adafactor"`, `"ftrl"`, `"lion"`, `"lamb"`, in any
    /// letter case.
    ///
    /// - Throws: ``KerasError`` for an unknown name, suggesting the nearest one.
    ///
    /// ```swift
    /// let optimizer = try Optimizer.named("adam")     // Adam(learningRate: 0.001)
    /// try Optimizer.named("adm")   // Unknown optimizer "adm". Did you mean "adam"? ...
    /// ```
    public static func named(_ name: String) throws -> Optimizer {
        try fromKeras(.string(name))
    }

    /// An optimizer from a Keras config value (Keras's `keras.optimizers.get`): a name, or the
    /// dict `serialize_keras_object` writes, as a model's `compile_config` holds it, with a
    /// constant learning rate or a serialized schedule.
    ///
    /// - Throws: ``KerasError``: `.unknownName` (with the nearest name) for a class Keras does
    ///   not have, `.invalidConfig` for a key the class does not take or a value of the wrong
    ///   type, `.invalidArgument` for values the optimizer rejects.
    ///
    /// ```swift
    /// let adam = try Optimizer.fromKeras(["class_name": "Adam", "config": ["learning_rate": 0.01, "amsgrad": true]])
    /// let again = try Optimizer.fromKeras(adam.serializedKerasObject)
    /// ```
    public static func fromKeras(_ value: JSONValue) throws -> Optimizer {
        let reference = try KerasObjectReference(value, what: "optimizer")
        guard let className = classNames[reference.name.lowercased()] else {
            if let missing = unavailable[reference.name.lowercased()] {
                throw KerasError(.unsupported, "Keras's \(missing) optimizer is not available in swift-keras. Use one of: \(knownNames.joined(separator: ", ")).")
            }
            throw KerasError.unknown("optimizer", reference.name, known: knownNames)
        }
        return try decode(className, reference.config)
    }

    /// Keras optimizers swift-keras does not provide, by the lower-cased name Keras accepts.
    private static let unavailable = ["muon": "Muon", "lossscaleoptimizer": "LossScaleOptimizer",
                                      "schedulefreeadamw": "ScheduleFreeAdamW", "multioptimizer": "MultiOptimizer"]

    private static let baseKeys = ["name", "learning_rate", "weight_decay", "clipnorm", "global_clipnorm", "clipvalue",
                                   "use_ema", "ema_momentum", "ema_overwrite_frequency", "loss_scale_factor",
                                   "gradient_accumulation_steps", "decay"]

    private static let ownKeys: [String: [String]] = [
        "SGD": ["momentum", "nesterov"],
        "RMSprop": ["rho", "momentum", "epsilon", "centered"],
        "Adam": ["beta_1", "beta_2", "epsilon", "amsgrad"],
        "AdamW": ["beta_1", "beta_2", "epsilon", "amsgrad"],
        "Adamax": ["beta_1", "beta_2", "epsilon"],
        "Nadam": ["beta_1", "beta_2", "epsilon"],
        "Adagrad": ["initial_accumulator_value", "epsilon"],
        "Adadelta": ["rho", "epsilon"],
        "Adafactor": ["beta_2_decay", "epsilon_1", "epsilon_2", "clip_threshold", "relative_step"],
        "Ftrl": ["learning_rate_power", "initial_accumulator_value", "l1_regularization_strength",
                 "l2_regularization_strength", "l2_shrinkage_regularization_strength", "beta"],
        "Lion": ["beta_1", "beta_2"],
        "Lamb": ["beta_1", "beta_2", "epsilon"],
    ]

    private static func decode(_ className: String, _ config: JSONObject) throws -> Optimizer {
        // Keras ignores a legacy `decay` (with a warning); everything else must be known.
        let r = try ConfigReader("Optimizer \(className)", config, allowed: baseKeys + (ownKeys[className] ?? []))
        func optional(_ key: String) throws -> Double? {
            guard let v = config[key], !v.isNull else { return nil }
            return try r.double(key, default: 0)
        }
        let defaultRate: Double = className == "SGD" ? 0.01 : 0.001
        let rate = try config["learning_rate"].map { try LearningRate(keras: $0) } ?? .constant(defaultRate)
        let name = config["name"].flatMap(\.stringValue)
        let weightDecay = try optional("weight_decay"), clipnorm = try optional("clipnorm")
        let clipvalue = try optional("clipvalue"), globalClipnorm = try optional("global_clipnorm")
        let useEMA = try r.bool("use_ema", default: false), emaMomentum = try r.double("ema_momentum", default: 0.99)
        // Keras treats 0 as "off" for these two (it tests them for truth).
        let emaFrequency = try r.int("ema_overwrite_frequency", default: nil).flatMap { $0 == 0 ? nil : $0 }
        let lossScale = try optional("loss_scale_factor")
        let accumulation = try r.int("gradient_accumulation_steps", default: nil).flatMap { $0 == 0 ? nil : $0 }
        let beta1 = try r.double("beta_1", default: 0.9)
        let epsilon = try r.double("epsilon", default: 1e-7)

        switch className {
        case "SGD":
            return try SGD(learningRate: rate, momentum: r.double("momentum", default: 0), nesterov: r.bool("nesterov", default: false),
                           weightDecay: weightDecay, clipnorm: clipnorm, clipvalue: clipvalue, globalClipnorm: globalClipnorm,
                           useEMA: useEMA, emaMomentum: emaMomentum, emaOverwriteFrequency: emaFrequency,
                           lossScaleFactor: lossScale, gradientAccumulationSteps: accumulation, name: name)
        case "RMSprop":
            return try RMSprop(learningRate: rate, rho: r.double("rho", default: 0.9), momentum: r.double("momentum", default: 0),
                               epsilon: epsilon, centered: r.bool("centered", default: false),
                               weightDecay: weightDecay, clipnorm: clipnorm, clipvalue: clipvalue, globalClipnorm: globalClipnorm,
                               useEMA: useEMA, emaMomentum: emaMomentum, emaOverwriteFrequency: emaFrequency,
                               lossScaleFactor: lossScale, gradientAccumulationSteps: accumulation, name: name)
        case "Adam":
            return try Adam(learningRate: rate, beta1: beta1, beta2: r.double("beta_2", default: 0.999), epsilon: epsilon,
                            amsgrad: r.bool("amsgrad", default: false),
                            weightDecay: weightDecay, clipnorm: clipnorm, clipvalue: clipvalue, globalClipnorm: globalClipnorm,
                            useEMA: useEMA, emaMomentum: emaMomentum, emaOverwriteFrequency: emaFrequency,
                            lossScaleFactor: lossScale, gradientAccumulationSteps: accumulation, name: name)
        case "AdamW":
            if let v = config["weight_decay"], v.isNull {
                throw KerasError(.invalidConfig, "AdamW needs a number for \"weight_decay\", but received null.")
            }
            return try AdamW(learningRate: rate, weightDecay: weightDecay ?? 0.004, beta1: beta1,
                             beta2: r.double("beta_2", default: 0.999), epsilon: epsilon, amsgrad: r.bool("amsgrad", default: false),
                             clipnorm: clipnorm, clipvalue: clipvalue, globalClipnorm: globalClipnorm,
                             useEMA: useEMA, emaMomentum: emaMomentum, emaOverwriteFrequency: emaFrequency,
                             lossScaleFactor: lossScale, gradientAccumulationSteps: accumulation, name: name)
        case "Adamax":
            return try Adamax(learningRate: rate, beta1: beta1, beta2: r.double("beta_2", default: 0.999), epsilon: epsilon,
                              weightDecay: weightDecay, clipnorm: clipnorm, clipvalue: clipvalue, globalClipnorm: globalClipnorm,
                              useEMA: useEMA, emaMomentum: emaMomentum, emaOverwriteFrequency: emaFrequency,
                              lossScaleFactor: lossScale, gradientAccumulationSteps: accumulation, name: name)
        case "Nadam":
            return try Nadam(learningRate: rate, beta1: beta1, beta2: r.double("beta_2", default: 0.999), epsilon: epsilon,
                             weightDecay: weightDecay, clipnorm: clipnorm, clipvalue: clipvalue, globalClipnorm: globalClipnorm,
                             useEMA: useEMA, emaMomentum: emaMomentum, emaOverwriteFrequency: emaFrequency,
                             lossScaleFactor: lossScale, gradientAccumulationSteps: accumulation, name: name)
        case "Adagrad":
            return try Adagrad(learningRate: rate, initialAccumulatorValue: r.double("initial_accumulator_value", default: 0.1),
                               epsilon: epsilon,
                               weightDecay: weightDecay, clipnorm: clipnorm, clipvalue: clipvalue, globalClipnorm: globalClipnorm,
                               useEMA: useEMA, emaMomentum: emaMomentum, emaOverwriteFrequency: emaFrequency,
                               lossScaleFactor: lossScale, gradientAccumulationSteps: accumulation, name: name)
        case "Adadelta":
            return try Adadelta(learningRate: rate, rho: r.double("rho", default: 0.95), epsilon: epsilon,
                                weightDecay: weightDecay, clipnorm: clipnorm, clipvalue: clipvalue, globalClipnorm: globalClipnorm,
                                useEMA: useEMA, emaMomentum: emaMomentum, emaOverwriteFrequency: emaFrequency,
                                lossScaleFactor: lossScale, gradientAccumulationSteps: accumulation, name: name)
        case "Adafactor":
            return try Adafactor(learningRate: rate, beta2Decay: r.double("beta_2_decay", default: -0.8),
                                 epsilon1: r.double("epsilon_1", default: 1e-30), epsilon2: r.double("epsilon_2", default: 1e-3),
                                 clipThreshold: r.double("clip_threshold", default: 1), relativeStep: r.bool("relative_step", default: true),
                                 weightDecay: weightDecay, clipnorm: clipnorm, clipvalue: clipvalue, globalClipnorm: globalClipnorm,
                                 useEMA: useEMA, emaMomentum: emaMomentum, emaOverwriteFrequency: emaFrequency,
                                 lossScaleFactor: lossScale, gradientAccumulationSteps: accumulation, name: name)
        case "Ftrl":
            return try Ftrl(learningRate: rate, learningRatePower: r.double("learning_rate_power", default: -0.5),
                            initialAccumulatorValue: r.double("initial_accumulator_value", default: 0.1),
                            l1RegularizationStrength: r.double("l1_regularization_strength", default: 0),
                            l2RegularizationStrength: r.double("l2_regularization_strength", default: 0),
                            l2ShrinkageRegularizationStrength: r.double("l2_shrinkage_regularization_strength", default: 0),
                            beta: r.double("beta", default: 0),
                            weightDecay: weightDecay, clipnorm: clipnorm, clipvalue: clipvalue, globalClipnorm: globalClipnorm,
                            useEMA: useEMA, emaMomentum: emaMomentum, emaOverwriteFrequency: emaFrequency,
                            lossScaleFactor: lossScale, gradientAccumulationSteps: accumulation, name: name)
        case "Lion":
            return try Lion(learningRate: rate, beta1: beta1, beta2: r.double("beta_2", default: 0.99),
                            weightDecay: weightDecay, clipnorm: clipnorm, clipvalue: clipvalue, globalClipnorm: globalClipnorm,
                            useEMA: useEMA, emaMomentum: emaMomentum, emaOverwriteFrequency: emaFrequency,
                            lossScaleFactor: lossScale, gradientAccumulationSteps: accumulation, name: name)
        default:
            return try Lamb(learningRate: rate, beta1: beta1, beta2: r.double("beta_2", default: 0.999), epsilon: epsilon,
                            weightDecay: weightDecay, clipnorm: clipnorm, clipvalue: clipvalue, globalClipnorm: globalClipnorm,
                            useEMA: useEMA, emaMomentum: emaMomentum, emaOverwriteFrequency: emaFrequency,
                            lossScaleFactor: lossScale, gradientAccumulationSteps: accumulation, name: name)
        }
    }
}
