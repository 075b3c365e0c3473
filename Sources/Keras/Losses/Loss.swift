/// The base class of every loss (Keras's `keras.losses.Loss`): a function of labels and
/// predictions that gives per-sample values, then weights and reduces them.
///
/// Subclasses override ``call(_:_:)`` to return unreduced values (one per sample, or one per
/// time step); calling the loss (``callAsFunction(_:_:sampleWeight:mask:)``) converts both
/// inputs to ``dtype``, folds sample weights and a mask in, and applies ``reduction``.
///
/// ```swift
/// final class MeanFourthPower: Loss {
///     override func call(_ yTrue: Tensor, _ yPred: Tensor) throws -> Tensor {
///         power(yPred - yTrue, 4).mean(axes: [-1])
///     }
/// }
/// let loss = MeanFourthPower()          // name "mean_fourth_power"
/// let value = try loss(Tensor([1.0, 2]), Tensor([1.5, 2]))   // 0.03125
/// ```
open class Loss: @unchecked Sendable {
    /// The loss's name: given, or the class's snake-case name (`"mean_squared_error"` for
    /// ``MeanSquaredError``, whose Keras default it is), numbered to stay unique when Keras does.
    public let name: String
    /// How per-sample values are combined; see ``LossReduction``.
    public let reduction: LossReduction
    /// The dtype both inputs are converted to and the loss is computed in (`float32`, as Keras's
    /// default `floatx`).
    public let dtype: DType

    /// Makes a loss computing in `float32`.
    ///
    /// - Parameters:
    ///   - name: the name; `nil` gives the class's snake-case name (`my_loss`, then `my_loss_1`,
    ///     ... as Keras's `auto_name`).
    ///   - reduction: how values are reduced; Keras's default is ``LossReduction/sumOverBatchSize``.
    public init(name: String? = nil, reduction: LossReduction = .sumOverBatchSize) {
        self.name = name ?? LayerNaming.uniqueName(LayerNaming.snakeCase(Self.kerasClassName))
        self.reduction = reduction
        self.dtype = .float32
    }

    /// Makes a loss computing in `dtype` (Keras's `dtype` argument), which must be a
    /// floating-point dtype.
    ///
    /// ```swift
    /// let loss = MeanSquaredError(dtype: .float64)
    /// ```
    public init(name: String?, reduction: LossReduction, dtype: DType) {
        precondition(dtype.isFloatingPoint, "A loss computes in a floating-point dtype, but received dtype \(dtype).")
        self.name = name ?? LayerNaming.uniqueName(LayerNaming.snakeCase(Self.kerasClassName))
        self.reduction = reduction
        self.dtype = dtype
    }

    /// Keras's class name for this loss type (`"MeanSquaredError"`); defaults to the Swift class
    /// name.
    open class var kerasClassName: String {
        let full = String(describing: self)
        return full.split(separator: ".").last.map(String.init) ?? full
    }

    /// The unreduced loss values for labels `yTrue` and predictions `yPred`: usually one value
    /// per sample, the last axis reduced. Subclasses override this; the base class throws.
    ///
    /// - Parameters:
    ///   - yTrue: the labels, already converted to ``dtype``.
    ///   - yPred: the predictions, already converted to ``dtype``.
    /// - Returns: per-sample values, `[batch]` for `[batch, features]` inputs.
    ///
    /// ```swift
    /// try MeanSquaredError().call(Tensor([0.0, 1], shape: [1, 2]), Tensor([1.0, 1], shape: [1, 2]))   // [0.5]
    /// ```
    open func call(_ yTrue: Tensor, _ yPred: Tensor) throws -> Tensor {
        throw KerasError(.unsupported, "Loss \"\(name)\" (\(Self.kerasClassName)) computes nothing: a Loss subclass must override call(_:_:).")
    }

    /// The unreduced values with the mask Keras attaches to them (`ignoreClass` of
    /// ``SparseCategoricalCrossentropy``, ``Circle``'s positive-loss mask), or `nil`. The default
    /// returns ``call(_:_:)`` without a mask.
    ///
    /// ```swift
    /// let (values, mask) = try SparseCategoricalCrossentropy(ignoreClass: -1)
    ///     .callReturningMask(Tensor([0.0, -1]), Tensor([0.9, 0.1, 0.5, 0.5], shape: [2, 2]))
    /// // mask: [true, false]
    /// ```
    open func callReturningMask(_ yTrue: Tensor, _ yPred: Tensor) throws -> (values: Tensor, mask: Tensor?) {
        (try call(yTrue, yPred), nil)
    }

    /// The loss (Keras's `Loss.__call__`): converts both inputs to ``dtype``, computes
    /// ``callReturningMask(_:_:)``, merges `mask` with the values' own mask, folds the mask into
    /// the sample weights and reduces.
    ///
    /// With ``LossReduction/sumOverBatchSize`` or ``LossReduction/mean``, masked-out entries
    /// weigh 0 and the others `total / valid`, so the result is the mean over the valid entries.
    ///
    /// - Parameters:
    ///   - yTrue: labels, `[batch, ...]`.
    ///   - yPred: predictions, `[batch, ...]`.
    ///   - sampleWeight: weights broadcast against the per-sample values (`[batch]`,
    ///     `[batch, 1]`, a scalar, or the values' shape).
    ///   - mask: a `bool` or 0/1 mask over the per-sample values, such as a model output's Keras
    ///     mask (`[batch, time]` for a sequence).
    /// - Returns: a scalar, or the weighted values for ``LossReduction/none``.
    /// - Throws: ``KerasError`` when the shapes do not fit together.
    ///
    /// ```swift
    /// let mse = MeanSquaredError()
    /// let y = Tensor([1.0, 2.0, 3.0], shape: [3, 1]), p = Tensor([1.5, 2.0, 2.0], shape: [3, 1])
    /// try mse(y, p)                                              // 0.41666
    /// try mse(y, p, sampleWeight: Tensor([1.0, 0.0, 2.0]))       // 0.75
    /// try mse(y, p, mask: Tensor([true, true, false]))           // 0.125
    /// ```
    public func callAsFunction(_ yTrue: Tensor, _ yPred: Tensor, sampleWeight: Tensor? = nil,
                               mask: Tensor? = nil) throws -> Tensor {
        let (values, outputMask) = try callReturningMask(yTrue.cast(to: dtype), yPred.cast(to: dtype))
        var merged = mask
        if let inputMask = mask, let outputMask {
            try Loss.requireBroadcast(inputMask.shape, outputMask.shape, "the mask", "the loss's own mask", in: name)
            merged = logicalAnd(inputMask.cast(to: .bool), outputMask.cast(to: .bool))
        } else if let outputMask {
            merged = outputMask
        }
        do {
            return try Loss.reduceWeightedValues(values, sampleWeight: sampleWeight, mask: merged,
                                                 reduction: reduction, dtype: dtype)
        } catch let error as KerasError {
            throw KerasError(error.kind, "Loss \"\(name)\": " + error.message)
        }
    }

    /// Keras's `get_config()`: `name` and `reduction`, then the subclass's own keys.
    ///
    /// ```swift
    /// Huber(delta: 2).kerasConfig   // {"name": "huber_loss", "reduction": "sum_over_batch_size"}
    /// ```
    open var kerasConfig: JSONObject { baseConfig }

    /// The two keys every loss writes.
    final var baseConfig: JSONObject {
        ["name": .string(name), "reduction": .string(reduction.rawValue)]
    }

    /// What `keras.saving.serialize_keras_object` writes for this loss: `{"module":
    /// "keras.losses", "class_name": ..., "config": ..., "registered_name": null}` for a built-in
    /// class; your own subclasses get `"module": null` and their class name as
    /// `"registered_name"`.
    ///
    /// ```swift
    /// MeanSquaredError().serializedKerasObject.serialized()
    /// // {"module": "keras.losses", "class_name": "MeanSquaredError", "config": {...}, "registered_name": null}
    /// ```
    public var serializedKerasObject: JSONValue {
        let className = Self.kerasClassName
        if let builtin = Loss.builtinTypes[className], ObjectIdentifier(builtin) == ObjectIdentifier(type(of: self)) {
            if className == "LossFunctionWrapper" {
                return ["module": "keras.src.losses.losses", "class_name": .string(className),
                        "config": .object(kerasConfig), "registered_name": .string(className)]
            }
            return ["module": "keras.losses", "class_name": .string(className),
                    "config": .object(kerasConfig), "registered_name": nil]
        }
        return ["module": nil, "class_name": .string(className), "config": .object(kerasConfig),
                "registered_name": .string(className)]
    }
}

extension Loss: CustomStringConvertible {
    /// `<MeanSquaredError name=mean_squared_error reduction=sum_over_batch_size>`.
    public var description: String {
        "<\(Self.kerasClassName) name=\(name) reduction=\(reduction.rawValue)>"
    }
}
