import Synchronization

/// The base class of every metric: Keras's `keras.metrics.Metric`, a stateful accumulator.
///
/// A metric keeps its state in non-trainable ``variables`` (Keras's names, shapes and order, with
/// paths such as `"auc/true_positives"`). ``update(_:_:sampleWeight:)`` folds one batch into the
/// state, ``result()`` reads the value over every batch since the last ``reset()``, and
/// ``reset()`` starts over — once per epoch in `fit`.
///
/// The built-in metrics run their updates inside `withoutGradients(_:)`, so updating one while
/// a gradient is being taken records nothing on the tape. A subclass should do the same in its
/// own ``update(_:_:sampleWeight:)`` (or be updated outside gradient computation).
///
/// ```swift
/// let auc = try AUC()
/// try auc.update(Tensor([0, 0, 1, 1.0]), Tensor([0.1, 0.4, 0.35, 0.8]))
/// try auc.result()          // 0.75
/// auc.variables.map(\.path) // ["auc/true_positives", "auc/false_positives", ...]
/// auc.reset()
/// ```
///
/// Subclassing: create state with ``addVariable(name:shape:dtype:initializer:)`` in `init`,
/// then override ``update(_:_:sampleWeight:)``, ``result()`` and, when the metric has options,
/// ``kerasConfig``:
///
/// ```swift
/// final class BinaryTruePositives: Metric, @unchecked Sendable {
///     private var count: Variable!
///     init(name: String? = nil) {
///         super.init(name: name)
///         count = addVariable(name: "true_positives", shape: [])
///     }
///     override func update(_ yTrue: Tensor, _ yPred: Tensor, sampleWeight: Tensor? = nil) throws {
///         withoutGradients {
///             let hits = logicalAnd(yTrue.cast(to: .bool), yPred.cast(to: .bool)).cast(to: .float32)
///             count.assignAdd((sampleWeight.map { hits * $0 } ?? hits).sum())
///         }
///     }
///     override func result() throws -> Tensor { count.value }
/// }
/// ```
open class Metric: @unchecked Sendable, CustomStringConvertible {
    /// The metric's name: the key of its value in `fit`'s logs (`"auc"`, `"precision"`,
    /// `"mean_squared_error"`). Metrics without a fixed Keras default (AUC, Precision, ...) are
    /// named after their class and numbered to stay unique (`"auc"`, `"auc_1"`), as in Keras.
    public let name: String
    /// The dtype of the state and the computation (`float32` unless given; `int32` for IoU's
    /// confusion matrix).
    public let dtype: DType

    private struct Slot {
        let variable: Variable
        let initialValue: Tensor
    }
    private let slots = Mutex<[Slot]>([])

    /// Makes a metric. `name` defaults to the snake-case class name, numbered to stay unique.
    ///
    /// - Parameters:
    ///   - name: the metric's name in logs and the prefix of its variables' paths.
    ///   - dtype: the dtype of its state (`float32` by default).
    public init(name: String? = nil, dtype: DType = .float32) {
        self.name = name ?? LayerNaming.uniqueName(LayerNaming.snakeCase(Self.kerasClassName))
        self.dtype = dtype
    }

    /// Keras's class name of this metric type (`"AUC"`, `"MeanIoU"`); defaults to the Swift class name.
    open class var kerasClassName: String {
        let full = String(describing: self)
        return full.split(separator: ".").last.map(String.init) ?? full
    }

    /// The class name of this instance.
    public var className: String { Self.kerasClassName }

    /// `<AUC name=auc>`
    public var description: String { "<\(className) name=\(name)>" }

    /// The state, in creation order (Keras's `metric.variables`). Metrics whose state depends
    /// on the data (``F1Score``, ``R2Score``, a multi-label ``AUC`` without `numLabels`) create
    /// it at their first update, as Keras does.
    public var variables: [Variable] { slots.withLock { $0.map(\.variable) } }

    /// Creates a state variable (Keras's `add_variable`): non-trainable, with the path
    /// `"<metric name>/<name>"`. Call it from `init` (or from the first update) in Keras's order.
    ///
    /// - Parameters:
    ///   - name: the variable's name (`"total"`, `"true_positives"`).
    ///   - shape: its shape (`[]` for a scalar).
    ///   - dtype: its dtype; the metric's ``dtype`` when `nil`.
    ///   - initializer: its initial value, restored by ``reset()``; zeros by default.
    ///
    /// ```swift
    /// let total = addVariable(name: "total", shape: [])
    /// ```
    @discardableResult
    public func addVariable(name: String, shape: [Int], dtype: DType? = nil,
                            initializer: Initializer = .zeros) -> Variable {
        let dtype = dtype ?? self.dtype
        let value: Tensor
        do {
            value = try initializer(shape, dtype: dtype)
        } catch {
            preconditionFailure("Metric \"\(self.name)\" cannot initialize its variable \"\(name)\" of shape \(Shape.describe(shape)): \(error)")
        }
        // Keras names the scope after the metric with "/" replaced by ">", so paths stay two-level.
        let scope = String(self.name.map { $0 == "/" ? ">" : $0 })
        let variable = Variable(value, name: name, path: "\(scope)/\(name)", trainable: false)
        slots.withLock { $0.append(Slot(variable: variable, initialValue: value)) }
        return variable
    }

    /// Folds one batch into the state (Keras's `update_state`).
    ///
    /// - Parameters:
    ///   - yTrue: the targets, e.g. `[batch]` or `[batch, classes]`.
    ///   - yPred: the predictions, of a shape the metric accepts for `yTrue`.
    ///   - sampleWeight: optional weights that broadcast against the per-sample values
    ///     (typically `[batch]`).
    /// - Throws: ``KerasError`` when the shapes do not fit the metric.
    open func update(_ yTrue: Tensor, _ yPred: Tensor, sampleWeight: Tensor? = nil) throws {
        throw KerasError(.unsupported, "Metric \"\(name)\" (\(className)) does not override update(_:_:sampleWeight:). A Metric subclass must implement it.")
    }

    /// The metric's value over every update since the last reset (Keras's `result()`): a scalar
    /// for most metrics, a vector where Keras returns one (several thresholds, `F1Score` without
    /// averaging).
    open func result() throws -> Tensor {
        throw KerasError(.unsupported, "Metric \"\(name)\" (\(className)) does not override result(). A Metric subclass must implement it.")
    }

    /// Puts every variable back to its initial value (Keras's `reset_state`; zeros for every
    /// built-in metric).
    open func reset() {
        for slot in slots.withLock({ $0 }) { slot.variable.assign(slot.initialValue) }
    }

    /// Updates with one batch and returns the new result (Keras's `metric(y_true, y_pred)`).
    ///
    /// ```swift
    /// let acc = BinaryAccuracy()
    /// try acc(Tensor([1, 0.0]), Tensor([0.9, 0.8]))   // 0.5
    /// ```
    @discardableResult
    public func callAsFunction(_ yTrue: Tensor, _ yPred: Tensor, sampleWeight: Tensor? = nil) throws -> Tensor {
        try update(yTrue, yPred, sampleWeight: sampleWeight)
        return try result()
    }

    /// The configuration Keras's `get_config()` returns, with its snake_case keys
    /// (`{"name": "auc", "dtype": "float32", "num_thresholds": 200, ...}`).
    open var kerasConfig: JSONObject {
        ["name": .string(name), "dtype": .string(dtype.rawValue)]
    }
}

/// Metrics whose Keras names are also loss names (`keras.metrics.MeanSquaredError` beside
/// `keras.losses.MeanSquaredError`): `Metrics.MeanSquaredError`, `Metrics.BinaryCrossentropy`,
/// ... The unqualified names are the losses. Every other metric (``AUC``, ``Precision``,
/// ``SparseCategoricalAccuracy``, ...) is top-level.
///
/// ```swift
/// try model.compile(optimizer: "adam", loss: MeanSquaredError(), metrics: [Metrics.MeanAbsoluteError()])
/// ```
public enum Metrics {}
