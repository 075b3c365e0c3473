/// Whether larger values of a metric are better (`.up`, accuracy) or smaller (`.down`, errors):
/// how ``EarlyStopping`` and the other monitoring callbacks read `mode: .auto`.
public enum MetricDirection: String, Sendable {
    /// Larger is better.
    case up
    /// Smaller is better.
    case down
}

/// Validation data for `fit`: a ``Batch`` of in-memory tensors (`Batch(x: xVal, y: yVal)`),
/// or any ``BatchSequence``.
public protocol ValidationSource {}

extension Batch: ValidationSource {}

/// When `fit` validates: every `n`th epoch (`validationFreq: 2`) or after the listed epochs,
/// 1-based (`validationFreq: [1, 5, 10]`), as Keras's `validation_freq`.
public enum ValidationFrequency: ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral, Sendable {
    /// Every `n` epochs.
    case every(Int)
    /// After these epochs (1-based).
    case epochs([Int])

    /// Every `value` epochs.
    public init(integerLiteral value: Int) { self = .every(value) }
    /// After the listed epochs.
    public init(arrayLiteral elements: Int...) { self = .epochs(elements) }

    /// Whether to validate after `epoch` (0-based).
    func includes(_ epoch: Int) -> Bool {
        switch self {
        case .every(let n): return n > 0 && (epoch + 1) % n == 0
        case .epochs(let list): return list.contains(epoch + 1)
        }
    }
}

/// Metric values in Keras's order (`evaluate`, `trainOnBatch`, `testOnBatch`): read them by
/// name, as a dictionary (Keras's `return_dict=True`) or as a list (Keras's default).
///
/// ```swift
/// let results = try model.evaluate(xTest, yTest)
/// print(results["accuracy"]!, results.values)   // by name, or [loss, accuracy]
/// ```
public struct MetricValues: Sequence, CustomStringConvertible {
    /// The names, in Keras's order: the loss, the compiled metrics, the per-output losses,
    /// then any other value sorted by name.
    public let names: [String]
    /// The values, in the order of ``names``.
    public let values: [Double]

    init(_ logs: Logs, order: [String]) {
        var names = order.filter { logs[$0] != nil }
        names += logs.keys.filter { !names.contains($0) }.sorted()
        self.names = names
        self.values = names.map { logs[$0]! }
    }

    /// The value named `name`, or `nil`.
    public subscript(_ name: String) -> Double? {
        names.firstIndex(of: name).map { values[$0] }
    }

    /// The values by name.
    public var dictionary: Logs { Dictionary(uniqueKeysWithValues: zip(names, values)) }

    /// Iterates over `(name, value)` pairs in order.
    public func makeIterator() -> some IteratorProtocol<(name: String, value: Double)> {
        zip(names, values).lazy.map { (name: $0.0, value: $0.1) }.makeIterator()
    }

    /// `loss: 0.2812 - accuracy: 0.9123`.
    public var description: String {
        zip(names, values).map { "\($0): \($1)" }.joined(separator: " - ")
    }
}
