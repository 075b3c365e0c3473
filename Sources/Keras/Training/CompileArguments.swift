// The forms `compile` accepts, as Keras accepts them: objects or Keras's string names, for one
// output, per output in order, or keyed by output name.

/// A value given for every output, per output in order, or per output name.
public enum PerOutput<Value> {
    /// The same for the (single) output; for several outputs, see `compile`.
    case all(Value)
    /// One per output, in the model's output order.
    case list([Value])
    /// Keyed by output name.
    case named([String: Value])
}

/// What names a loss: a ``Loss`` object or a Keras name such as `"mse"` or
/// `"sparse_categorical_crossentropy"` (`"crossentropy"` picks binary, categorical or sparse
/// from the data, as Keras does).
public enum LossIdentifier {
    /// A loss object.
    case object(Loss)
    /// A Keras name.
    case name(String)
}

/// One loss: a ``Loss``, a Keras name or a ``LossIdentifier``.
public protocol SingleLossArgument {
    /// The loss this value names.
    var lossIdentifier: LossIdentifier { get }
}

extension LossIdentifier: SingleLossArgument {
    /// Itself.
    public var lossIdentifier: LossIdentifier { self }
}

extension Loss: SingleLossArgument {
    /// This loss.
    public var lossIdentifier: LossIdentifier { .object(self) }
}

extension String: SingleLossArgument {
    /// The loss of this Keras name.
    public var lossIdentifier: LossIdentifier { .name(self) }
}

/// What `compile(loss:)` accepts: a ``Loss``, a name, an array of either (one per output) or
/// a dictionary keyed by output name.
///
/// ```swift
/// try model.compile(optimizer: Adam(), loss: .sparseCategoricalCrossentropy)
/// try model.compile(optimizer: "adam", loss: ["mse", "binary_crossentropy"])
/// try model.compile(optimizer: "adam", loss: ["price": "mse", "class": "categorical_crossentropy"])
/// ```
public protocol LossArgument {
    /// The losses this value gives.
    var lossIdentifiers: PerOutput<LossIdentifier> { get }
}

extension Loss: LossArgument {
    /// This loss for every output.
    public var lossIdentifiers: PerOutput<LossIdentifier> { .all(.object(self)) }
}

extension String: LossArgument {
    /// The loss of this Keras name.
    public var lossIdentifiers: PerOutput<LossIdentifier> { .all(.name(self)) }
}

extension Array: LossArgument where Element: SingleLossArgument {
    /// One loss per output.
    public var lossIdentifiers: PerOutput<LossIdentifier> { .list(map(\.lossIdentifier)) }
}

extension Dictionary: LossArgument where Key == String, Value: SingleLossArgument {
    /// Losses by output name.
    public var lossIdentifiers: PerOutput<LossIdentifier> { .named(mapValues(\.lossIdentifier)) }
}

/// What names a metric: a ``Metric`` object or a Keras name such as `"accuracy"`, `"mae"` or
/// `"auc"` (`"accuracy"`/`"acc"` pick binary, categorical or sparse accuracy from the data).
public enum MetricIdentifier {
    /// A metric object.
    case object(Metric)
    /// A Keras name.
    case name(String)
}

/// One metric for `compile(metrics:)`: a ``Metric`` or a Keras name.
public protocol MetricArgument {
    /// The metric this value gives.
    var metricIdentifier: MetricIdentifier { get }
}

extension Metric: MetricArgument {
    /// This metric.
    public var metricIdentifier: MetricIdentifier { .object(self) }
}

extension String: MetricArgument {
    /// The metric of this Keras name.
    public var metricIdentifier: MetricIdentifier { .name(self) }
}

extension MetricArgument where Self == String {
    /// `"accuracy"`: binary, categorical or sparse categorical accuracy, chosen from the data.
    public static var accuracy: String { "accuracy" }
}

/// The metrics of `compile(metrics:)` and `compile(weightedMetrics:)`.
///
/// - An array: for a single-output model, the metrics of that output. For a model with `n`
///   outputs, an array of exactly `n` entries gives one metric per output (Keras's rule).
/// - A dictionary: metrics per output name.
/// - ``perOutput(_:)``: a list of metrics for each output, in order.
///
/// ```swift
/// try model.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy", AUC()])
/// try twoOutputs.compile(optimizer: "adam", loss: ["mse", "mse"], metrics: ["price": ["mae"], "score": [.accuracy]])
/// ```
public struct MetricsArgument: ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    /// The metrics as given.
    public let identifiers: PerOutput<[MetricIdentifier]>
    /// Whether a flat array with one entry per output (Keras's reading of a list for a
    /// multi-output model) is meant.
    let isFlatArray: Bool

    /// Metrics from an array literal.
    public init(arrayLiteral elements: any MetricArgument...) {
        identifiers = .all(elements.map(\.metricIdentifier))
        isFlatArray = true
    }

    /// Metrics per output name from a dictionary literal.
    public init(dictionaryLiteral elements: (String, [any MetricArgument])...) {
        var named: [String: [MetricIdentifier]] = [:]
        for (k, v) in elements { named[k, default: []] += v.map(\.metricIdentifier) }
        identifiers = .named(named)
        isFlatArray = false
    }

    /// A list of metrics for each output, in the model's output order.
    public static func perOutput(_ lists: [[any MetricArgument]]) -> MetricsArgument {
        MetricsArgument(identifiers: .list(lists.map { $0.map(\.metricIdentifier) }), isFlatArray: false)
    }

    /// Metrics from an array (not a literal).
    public init(_ metrics: [any MetricArgument]) {
        identifiers = .all(metrics.map(\.metricIdentifier))
        isFlatArray = true
    }

    /// Metrics per output name, from a saved compile config.
    init(named lists: [(String, [any MetricArgument])]) {
        var named: [String: [MetricIdentifier]] = [:]
        for (k, v) in lists { named[k, default: []] += v.map(\.metricIdentifier) }
        identifiers = .named(named)
        isFlatArray = false
    }

    private init(identifiers: PerOutput<[MetricIdentifier]>, isFlatArray: Bool) {
        self.identifiers = identifiers
        self.isFlatArray = isFlatArray
    }

    var isEmpty: Bool {
        switch identifiers {
        case .all(let m): return m.isEmpty
        case .list(let l): return l.allSatisfy(\.isEmpty)
        case .named(let d): return d.values.allSatisfy(\.isEmpty)
        }
    }
}

/// Weights of each output's loss in the total (`compile(lossWeights:)`): a number, an array
/// in output order or a dictionary by output name.
public struct LossWeights: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral,
                           ExpressibleByDictionaryLiteral {
    /// The weights as given.
    public let weights: PerOutput<Double>

    /// One weight (a single-output model).
    public init(floatLiteral value: Double) { weights = .all(value) }
    /// One weight (a single-output model).
    public init(integerLiteral value: Int) { weights = .all(Double(value)) }
    /// One weight per output, in order.
    public init(arrayLiteral elements: Double...) { weights = .list(elements) }
    /// Weights by output name.
    public init(dictionaryLiteral elements: (String, Double)...) {
        weights = .named(Dictionary(elements, uniquingKeysWith: { $1 }))
    }
}

/// What `compile(optimizer:)` accepts: an ``Optimizer`` or a Keras name (`"adam"`, `"sgd"`, ...).
public protocol OptimizerArgument {
    /// The optimizer this value gives.
    func makeOptimizer() throws -> Optimizer
}

extension Optimizer: OptimizerArgument {
    /// This optimizer.
    public func makeOptimizer() throws -> Optimizer { self }
}

extension String: OptimizerArgument {
    /// A new optimizer of this Keras name with Keras's defaults.
    public func makeOptimizer() throws -> Optimizer { try Optimizer.named(self) }
}
