// Metric.named: Keras's `keras.metrics.get` for strings.

extension Metric {
    private typealias Factory = @Sendable (String?) throws -> Metric

    /// Every metric class Keras's `keras.metrics.get` resolves, by class name; the snake-case
    /// names and the short aliases are derived from these.
    private static let factories: [(className: String, make: Factory)] = [
        ("Mean", { Mean(name: $0) }), ("Sum", { Sum(name: $0) }),
        ("Accuracy", { Accuracy(name: $0) }), ("BinaryAccuracy", { BinaryAccuracy(name: $0) }),
        ("CategoricalAccuracy", { CategoricalAccuracy(name: $0) }),
        ("SparseCategoricalAccuracy", { SparseCategoricalAccuracy(name: $0) }),
        ("TopKCategoricalAccuracy", { TopKCategoricalAccuracy(name: $0) }),
        ("SparseTopKCategoricalAccuracy", { SparseTopKCategoricalAccuracy(name: $0) }),
        ("TruePositives", { try TruePositives(name: $0) }), ("FalsePositives", { try FalsePositives(name: $0) }),
        ("TrueNegatives", { try TrueNegatives(name: $0) }), ("FalseNegatives", { try FalseNegatives(name: $0) }),
        ("Precision", { try Precision(name: $0) }), ("Recall", { try Recall(name: $0) }),
        ("AUC", { try AUC(name: $0) }),
        ("F1Score", { try F1Score(name: $0) }), ("FBetaScore", { try FBetaScore(name: $0) }),
        ("BinaryIoU", { try BinaryIoU(name: $0) }),
        ("MeanSquaredError", { Metrics.MeanSquaredError(name: $0) }),
        ("RootMeanSquaredError", { RootMeanSquaredError(name: $0) }),
        ("MeanAbsoluteError", { Metrics.MeanAbsoluteError(name: $0) }),
        ("MeanAbsolutePercentageError", { Metrics.MeanAbsolutePercentageError(name: $0) }),
        ("MeanSquaredLogarithmicError", { Metrics.MeanSquaredLogarithmicError(name: $0) }),
        ("LogCoshError", { LogCoshError(name: $0) }), ("CosineSimilarity", { Metrics.CosineSimilarity(name: $0) }),
        ("R2Score", { try R2Score(name: $0) }),
        ("PearsonCorrelation", { PearsonCorrelation(name: $0) }),
        ("ConcordanceCorrelation", { ConcordanceCorrelation(name: $0) }),
        ("BinaryCrossentropy", { Metrics.BinaryCrossentropy(name: $0) }),
        ("CategoricalCrossentropy", { Metrics.CategoricalCrossentropy(name: $0) }),
        ("SparseCategoricalCrossentropy", { Metrics.SparseCategoricalCrossentropy(name: $0) }),
        ("KLDivergence", { Metrics.KLDivergence(name: $0) }), ("Poisson", { Metrics.Poisson(name: $0) }),
        ("Hinge", { Metrics.Hinge(name: $0) }), ("SquaredHinge", { Metrics.SquaredHinge(name: $0) }),
        ("CategoricalHinge", { Metrics.CategoricalHinge(name: $0) }),
    ]

    /// Classes Keras names but cannot build without arguments, and how to build them.
    private static let needArguments: [String: String] = [
        "IoU": "IoU(numClasses:targetClassIDs:)", "MeanIoU": "MeanIoU(numClasses:)",
        "OneHotIoU": "OneHotIoU(numClasses:targetClassIDs:)", "OneHotMeanIoU": "OneHotMeanIoU(numClasses:)",
        "PrecisionAtRecall": "PrecisionAtRecall(_ recall:)", "RecallAtPrecision": "RecallAtPrecision(_ precision:)",
        "SensitivityAtSpecificity": "SensitivityAtSpecificity(_ specificity:)",
        "SpecificityAtSensitivity": "SpecificityAtSensitivity(_ sensitivity:)",
        "MeanMetricWrapper": "MeanMetricWrapper(name:dtype:_:) with a function",
        "Metric": "a subclass of Metric",
    ]

    /// Keras's short aliases.
    private static let aliases: [String: String] = [
        "bce": "BinaryCrossentropy", "BCE": "BinaryCrossentropy", "mse": "MeanSquaredError",
        "MSE": "MeanSquaredError", "mae": "MeanAbsoluteError", "MAE": "MeanAbsoluteError",
        "mape": "MeanAbsolutePercentageError", "MAPE": "MeanAbsolutePercentageError",
        "msle": "MeanSquaredLogarithmicError", "MSLE": "MeanSquaredLogarithmicError",
    ]

    /// Every string ``named(_:)`` accepts (Keras's `keras.metrics` object names): class names,
    /// their snake-case forms (`"auc"`, `"mean_squared_error"`, `"io_u"`) and the short aliases
    /// (`"mse"`, `"mae"`, `"mape"`, `"msle"`, `"bce"` and upper-case forms).
    public static var kerasNames: [String] {
        let classes = factories.map(\.className) + needArguments.keys
        return (classes + classes.map(LayerNaming.snakeCase) + aliases.keys).sorted()
    }

    /// The names an error suggests from: snake-case names and lower-case aliases.
    private static var suggestedNames: [String] {
        let classes = factories.map(\.className) + needArguments.keys.filter { $0 != "Metric" && $0 != "MeanMetricWrapper" }
        return (classes.map(LayerNaming.snakeCase) + aliases.keys.filter { $0 == $0.lowercased() }).sorted()
    }

    private static func className(for identifier: String) -> String? {
        if let alias = aliases[identifier] { return alias }
        let classes = factories.map(\.className) + needArguments.keys
        return classes.first { $0 == identifier || LayerNaming.snakeCase($0) == identifier }
    }

    /// The metric Keras's `keras.metrics.get(name)` returns for a string: a new instance with
    /// default arguments.
    ///
    /// Names are Keras's: class names (`"AUC"`, `"MeanSquaredError"`), their snake-case forms
    /// (`"auc"`, `"precision"`, `"binary_accuracy"`, `"sparse_top_k_categorical_accuracy"`)
    /// and the aliases `"mse"`, `"mae"`, `"mape"`, `"msle"`, `"bce"`. `"accuracy"` gives
    /// ``Accuracy`` (exact equality), as in Keras; choosing the binary or categorical accuracy
    /// from the loss is `compile`'s job.
    ///
    /// ```swift
    /// let auc = try Metric.named("auc")        // AUC, named "auc"
    /// let mse = try Metric.named("mse")        // Metrics.MeanSquaredError, named "mean_squared_error"
    /// try Metric.named("presicion")            // throws: Did you mean "precision"?
    /// ```
    ///
    /// - Throws: ``KerasError`` for an unknown name (suggesting the nearest), or for a class that
    ///   needs arguments (`"mean_io_u"`), naming how to build it.
    public static func named(_ name: String) throws -> Metric {
        try named(name, displayName: nil)
    }

    /// The metric ``named(_:)`` returns, with its ``name`` set to `displayName` (`compile`
    /// shows `metrics: ["mse"]` as `"mse"`, as Keras does); `nil` keeps the default name.
    ///
    /// ```swift
    /// let mse = try Metric.named("mse", displayName: "mse")   // name "mse"
    /// ```
    public static func named(_ name: String, displayName: String?) throws -> Metric {
        guard let className = className(for: name) else {
            throw KerasError.unknown("metric", name, known: suggestedNames)
        }
        if let recipe = needArguments[className] {
            throw KerasError(.invalidArgument, "Metric \"\(name)\" (\(className)) needs arguments and cannot be made from its name alone. Create \(recipe) instead.")
        }
        guard let factory = factories.first(where: { $0.className == className }) else {
            throw KerasError.unknown("metric", name, known: suggestedNames)
        }
        return try factory.make(displayName)
    }
}
