// Finding losses by name and reading them from Keras configs (`keras.losses.get`,
// `keras.losses.deserialize`).

extension Loss {
    /// Keras's built-in loss classes by class name.
    static let builtinTypes: [String: Loss.Type] = [
        "MeanSquaredError": MeanSquaredError.self, "MeanAbsoluteError": MeanAbsoluteError.self,
        "MeanAbsolutePercentageError": MeanAbsolutePercentageError.self,
        "MeanSquaredLogarithmicError": MeanSquaredLogarithmicError.self, "CosineSimilarity": CosineSimilarity.self,
        "Huber": Huber.self, "LogCosh": LogCosh.self, "Hinge": Hinge.self, "SquaredHinge": SquaredHinge.self,
        "CategoricalHinge": CategoricalHinge.self, "KLDivergence": KLDivergence.self, "Poisson": Poisson.self,
        "BinaryCrossentropy": BinaryCrossentropy.self, "BinaryFocalCrossentropy": BinaryFocalCrossentropy.self,
        "CategoricalCrossentropy": CategoricalCrossentropy.self,
        "CategoricalFocalCrossentropy": CategoricalFocalCrossentropy.self,
        "SparseCategoricalCrossentropy": SparseCategoricalCrossentropy.self, "CTC": CTC.self, "Dice": Dice.self,
        "Tversky": Tversky.self, "Circle": Circle.self, "LossFunctionWrapper": LossFunctionWrapper.self,
    ]

    /// Each `keras.losses` function name with the class that wraps it.
    static let functionClasses: [String: String] = [
        "mean_squared_error": "MeanSquaredError", "mean_absolute_error": "MeanAbsoluteError",
        "mean_absolute_percentage_error": "MeanAbsolutePercentageError",
        "mean_squared_logarithmic_error": "MeanSquaredLogarithmicError", "cosine_similarity": "CosineSimilarity",
        "huber": "Huber", "log_cosh": "LogCosh", "hinge": "Hinge", "squared_hinge": "SquaredHinge",
        "categorical_hinge": "CategoricalHinge", "kl_divergence": "KLDivergence", "poisson": "Poisson",
        "binary_crossentropy": "BinaryCrossentropy", "binary_focal_crossentropy": "BinaryFocalCrossentropy",
        "categorical_crossentropy": "CategoricalCrossentropy",
        "categorical_focal_crossentropy": "CategoricalFocalCrossentropy",
        "sparse_categorical_crossentropy": "SparseCategoricalCrossentropy", "ctc": "CTC", "dice": "Dice",
        "tversky": "Tversky", "circle": "Circle",
    ]

    /// Keras's short names (`keras.losses.ALL_OBJECTS_DICT`), and two Keras 2 spellings Keras 3
    /// still exports under `keras._legacy`, with the function each names.
    static let functionAliases: [String: String] = [
        "bce": "binary_crossentropy", "BCE": "binary_crossentropy", "kld": "kl_divergence", "KLD": "kl_divergence",
        "mae": "mean_absolute_error", "MAE": "mean_absolute_error", "mse": "mean_squared_error",
        "MSE": "mean_squared_error", "mape": "mean_absolute_percentage_error", "MAPE": "mean_absolute_percentage_error",
        "msle": "mean_squared_logarithmic_error", "MSLE": "mean_squared_logarithmic_error",
        "logcosh": "log_cosh", "kullback_leibler_divergence": "kl_divergence",
    ]

    /// Keras's default `name` of each built-in class.
    static let defaultNames: [String: String] = [
        "MeanSquaredError": "mean_squared_error", "MeanAbsoluteError": "mean_absolute_error",
        "MeanAbsolutePercentageError": "mean_absolute_percentage_error",
        "MeanSquaredLogarithmicError": "mean_squared_logarithmic_error", "CosineSimilarity": "cosine_similarity",
        "Huber": "huber_loss", "LogCosh": "log_cosh", "Hinge": "hinge", "SquaredHinge": "squared_hinge",
        "CategoricalHinge": "categorical_hinge", "KLDivergence": "kl_divergence", "Poisson": "poisson",
        "BinaryCrossentropy": "binary_crossentropy", "BinaryFocalCrossentropy": "binary_focal_crossentropy",
        "CategoricalCrossentropy": "categorical_crossentropy",
        "CategoricalFocalCrossentropy": "categorical_focal_crossentropy",
        "SparseCategoricalCrossentropy": "sparse_categorical_crossentropy", "CTC": "ctc", "Dice": "dice",
        "Tversky": "tversky", "Circle": "circle",
    ]

    /// Every name ``named(_:)`` accepts, sorted: class names, function names and aliases.
    public static var knownNames: [String] {
        (Array(defaultNames.keys) + Array(functionClasses.keys) + Array(functionAliases.keys)).sorted()
    }

    /// The loss a Keras string names, as `compile(loss: "...")` makes it (Keras's
    /// `keras.losses.get` for strings).
    ///
    /// A class name (`"BinaryCrossentropy"`) gives that class with its defaults. A function name or
    /// alias (`"mse"`, `"binary_crossentropy"`, `"kld"`, ...) gives a ``LossFunctionWrapper`` of
    /// the function named by the string, as Keras's compile wraps it: same values as the class,
    /// the string as its name.
    ///
    /// - Throws: ``KerasError`` `.unknownName` with the nearest known name.
    ///
    /// ```swift
    /// let loss = try Loss.named("mse")            // name "mse", computes mean_squared_error
    /// let bce = try Loss.named("BinaryCrossentropy")
    /// try Loss.named("binary_crossentropie")      // throws: Did you mean "binary_crossentropy"?
    /// ```
    public static func named(_ name: String) throws -> Loss {
        if defaultNames[name] != nil {
            return try makeBuiltin(className: name, config: [:])
        }
        if let function = functionAliases[name] ?? (functionClasses[name] != nil ? name : nil) {
            return try makeFunctionWrapper(function: function, name: name, reduction: .sumOverBatchSize, dtype: .float32,
                                           arguments: [:])
        }
        // Lowercase names first: the suggestion is the first of the nearest, so a near miss like
        // "hinje" suggests "hinge", not "Hinge".
        let lowercaseFirst = knownNames.filter { $0.first?.isLowercase ?? false }
            + knownNames.filter { !($0.first?.isLowercase ?? false) }
        throw KerasError.unknown("loss", name, known: lowercaseFirst)
    }

    /// Reads a loss from a Keras config value (Keras's `keras.losses.get` / `deserialize`): a name
    /// (see ``named(_:)``) or the dict `serialize_keras_object` writes,
    /// `{"module": "keras.losses", "class_name": "BinaryCrossentropy", "config": {...}, ...}`,
    /// including `LossFunctionWrapper` with its `"fn"`.
    ///
    /// - Throws: ``KerasError`` `.unknownName` for unknown classes or functions, `.invalidConfig`
    ///   for keys the class does not take or values of the wrong type, `.invalidArgument` for
    ///   values out of range, `.unsupported` for custom Python losses.
    ///
    /// ```swift
    /// let loss = try Loss.from(keras: ["class_name": "CategoricalCrossentropy",
    ///                                  "config": ["from_logits": true]])
    /// ```
    public static func from(keras value: JSONValue) throws -> Loss {
        let reference = try KerasObjectReference(value, what: "loss")
        if reference.isBareName { return try named(reference.name) }
        if reference.name == "LossFunctionWrapper" { return try makeFunctionWrapper(config: reference.config) }
        guard defaultNames[reference.name] != nil else {
            throw KerasError.unknown("loss class", reference.name, known: Array(defaultNames.keys) + ["LossFunctionWrapper"])
        }
        return try makeBuiltin(className: reference.name, config: reference.config)
    }

    // MARK: Building

    /// A `LossFunctionWrapper` read from its config: `name`, `reduction`, `fn` and the function's
    /// keyword arguments.
    private static func makeFunctionWrapper(config: JSONObject) throws -> Loss {
        let owner = "LossFunctionWrapper"
        guard let fn = config["fn"] else {
            throw KerasError(.invalidConfig, "\(owner) needs the function it wraps under \"fn\", but its config has keys \(config.keys).")
        }
        // Keras writes the function as {"module": "builtins", "class_name": "function",
        // "config": "mean_squared_error", "registered_name": "function"}.
        guard let function = fn.stringValue ?? fn["config"]?.stringValue else {
            throw KerasError(.invalidConfig, "\(owner) needs \"fn\" to name a keras.losses function, but received \(fn.serialized()).")
        }
        var arguments = config
        for key in ["name", "reduction", "fn", "dtype"] { arguments[key] = nil }
        let name = try ConfigReader(owner, config, allowed: config.keys).string("name", default: function)
        return try makeFunctionWrapper(function: functionAliases[function] ?? function, name: name,
                                       reduction: try reduction(in: config), dtype: try dtype(in: config, owner),
                                       arguments: arguments)
    }

    /// A wrapper of the function `function` with `arguments`, named `name`.
    private static func makeFunctionWrapper(function: String, name: String, reduction: LossReduction, dtype: DType,
                                            arguments: JSONObject) throws -> Loss {
        guard let className = functionClasses[function] else {
            throw KerasError.unknown("loss function", function, known: Array(functionClasses.keys))
        }
        // The class with the same arguments computes the function; the wrapper keeps the name.
        let inner = try makeBuiltin(className: className, config: arguments)
        return LossFunctionWrapper(builtin: function, arguments: arguments, name: name, reduction: reduction,
                                   dtype: dtype) { yTrue, yPred in try inner.callReturningMask(yTrue, yPred) }
    }

    /// A built-in class from Keras's config keys (its constructor arguments).
    static func makeBuiltin(className: String, config: JSONObject) throws -> Loss {
        let owner = "Loss \(className)"
        let base = ["name", "reduction", "dtype"]
        let name = try ConfigReader(owner, config, allowed: config.keys).string("name", default: defaultNames[className] ?? className)
        let reduction = try reduction(in: config)
        let dtype = try dtype(in: config, owner)
        func reader(_ keys: [String]) throws -> ConfigReader { try ConfigReader(owner, config, allowed: base + keys) }
        switch className {
        case "MeanSquaredError":
            _ = try reader([]); return MeanSquaredError(reduction: reduction, name: name, dtype: dtype)
        case "MeanAbsoluteError":
            _ = try reader([]); return MeanAbsoluteError(reduction: reduction, name: name, dtype: dtype)
        case "MeanAbsolutePercentageError":
            _ = try reader([]); return MeanAbsolutePercentageError(reduction: reduction, name: name, dtype: dtype)
        case "MeanSquaredLogarithmicError":
            _ = try reader([]); return MeanSquaredLogarithmicError(reduction: reduction, name: name, dtype: dtype)
        case "CosineSimilarity":
            let r = try reader(["axis"])
            return CosineSimilarity(axis: try r.int("axis", default: -1) ?? -1, reduction: reduction, name: name, dtype: dtype)
        case "Huber":
            let r = try reader(["delta"])
            return try Huber(delta: try r.double("delta", default: 1), reduction: reduction, name: name, dtype: dtype)
        case "LogCosh":
            _ = try reader([]); return LogCosh(reduction: reduction, name: name, dtype: dtype)
        case "Hinge":
            _ = try reader([]); return Hinge(reduction: reduction, name: name, dtype: dtype)
        case "SquaredHinge":
            _ = try reader([]); return SquaredHinge(reduction: reduction, name: name, dtype: dtype)
        case "CategoricalHinge":
            _ = try reader([]); return CategoricalHinge(reduction: reduction, name: name, dtype: dtype)
        case "KLDivergence":
            _ = try reader([]); return KLDivergence(reduction: reduction, name: name, dtype: dtype)
        case "Poisson":
            _ = try reader([]); return Poisson(reduction: reduction, name: name, dtype: dtype)
        case "BinaryCrossentropy", "CategoricalCrossentropy":
            let r = try reader(["from_logits", "label_smoothing", "axis"])
            let (fromLogits, smoothing) = (try r.bool("from_logits", default: false), try r.double("label_smoothing", default: 0))
            let axis = try r.int("axis", default: -1) ?? -1
            if className == "BinaryCrossentropy" {
                return try BinaryCrossentropy(fromLogits: fromLogits, labelSmoothing: smoothing, axis: axis,
                                              reduction: reduction, name: name, dtype: dtype)
            }
            return try CategoricalCrossentropy(fromLogits: fromLogits, labelSmoothing: smoothing, axis: axis,
                                               reduction: reduction, name: name, dtype: dtype)
        case "BinaryFocalCrossentropy":
            let r = try reader(["apply_class_balancing", "alpha", "gamma", "from_logits", "label_smoothing", "axis"])
            return try BinaryFocalCrossentropy(
                applyClassBalancing: try r.bool("apply_class_balancing", default: false),
                alpha: try r.double("alpha", default: 0.25), gamma: try r.double("gamma", default: 2),
                fromLogits: try r.bool("from_logits", default: false), labelSmoothing: try r.double("label_smoothing", default: 0),
                axis: try r.int("axis", default: -1) ?? -1, reduction: reduction, name: name, dtype: dtype)
        case "CategoricalFocalCrossentropy":
            let r = try reader(["alpha", "gamma", "from_logits", "label_smoothing", "axis"])
            return try CategoricalFocalCrossentropy(
                alpha: try r.double("alpha", default: 0.25), gamma: try r.double("gamma", default: 2),
                fromLogits: try r.bool("from_logits", default: false), labelSmoothing: try r.double("label_smoothing", default: 0),
                axis: try r.int("axis", default: -1) ?? -1, reduction: reduction, name: name, dtype: dtype)
        case "SparseCategoricalCrossentropy":
            let r = try reader(["from_logits", "ignore_class", "axis"])
            return SparseCategoricalCrossentropy(fromLogits: try r.bool("from_logits", default: false),
                                                 ignoreClass: try r.int("ignore_class", default: nil),
                                                 axis: try r.int("axis", default: -1) ?? -1,
                                                 reduction: reduction, name: name, dtype: dtype)
        case "CTC":
            _ = try reader([]); return CTC(reduction: reduction, name: name, dtype: dtype)
        case "Dice":
            let r = try reader(["axis"])
            return try Dice(axis: try r.axes("axis"), reduction: reduction, name: name, dtype: dtype)
        case "Tversky":
            let r = try reader(["alpha", "beta", "axis"])
            return try Tversky(alpha: try r.double("alpha", default: 0.5), beta: try r.double("beta", default: 0.5),
                               axis: try r.axes("axis"), reduction: reduction, name: name, dtype: dtype)
        case "Circle":
            let r = try reader(["gamma", "margin", "remove_diagonal"])
            return try Circle(gamma: try r.double("gamma", default: 80), margin: try r.double("margin", default: 0.4),
                              removeDiagonal: try r.bool("remove_diagonal", default: true),
                              reduction: reduction, name: name, dtype: dtype)
        default:
            throw KerasError.unknown("loss class", className, known: Array(defaultNames.keys))
        }
    }

    /// The config's `reduction` (Keras's default when absent).
    private static func reduction(in config: JSONObject) throws -> LossReduction {
        guard let value = config["reduction"] else { return .sumOverBatchSize }
        return try LossReduction(keras: value)
    }

    /// The config's `dtype`: a dtype name, a policy name (`"mixed_float16"` computes in float16) or
    /// a serialized `DTypePolicy`; `float32` when absent.
    private static func dtype(in config: JSONObject, _ owner: String) throws -> DType {
        guard let value = config["dtype"], !value.isNull else { return .float32 }
        let policy = value.stringValue ?? value["config"]?["name"]?.stringValue ?? ""
        let dtypeName = policy.hasPrefix("mixed_") ? String(policy.dropFirst("mixed_".count)) : policy
        guard let dtype = DType(rawValue: dtypeName), dtype.isFloatingPoint else {
            throw KerasError(.invalidConfig, "\(owner) has dtype \(value.serialized()); a loss computes in float16, bfloat16, float32 or float64.")
        }
        return dtype
    }
}
