/// The weighted mean of a per-sample function of targets and predictions (Keras's
/// `keras.metrics.MeanMetricWrapper`): the base of the accuracy, regression, probabilistic and
/// hinge metrics, and the way to turn any function into a metric.
///
/// The function returns one value per sample (e.g. `[batch]` for `[batch, features]` inputs);
/// the wrapper averages those values over every update, weighted by `sampleWeight` and by a
/// mask (Keras's mask of `yPred`) when given. State: `total` and `count`.
///
/// ```swift
/// let maxError = MeanMetricWrapper(name: "max_error") { yTrue, yPred in
///     abs(yTrue - yPred).max(axes: [-1])
/// }
/// try maxError.update(Tensor([0, 1, 2, 2.0], shape: [2, 2]), Tensor([0.5, 1, 2, 5.0], shape: [2, 2]))
/// try maxError.result()   // 1.75
/// ```
open class MeanMetricWrapper: Metric, @unchecked Sendable {
    private var state: MeanState!
    private let function: @Sendable (Tensor, Tensor) throws -> (values: Tensor, mask: Tensor?)

    /// Wraps `fn`, a function from `(yTrue, yPred)` to one value per sample.
    ///
    /// - Parameters:
    ///   - name: the metric's name; `"mean_metric_wrapper"` (numbered) when `nil`.
    ///   - dtype: the dtype of the state.
    ///   - fn: the per-sample function.
    public init(name: String? = nil, dtype: DType = .float32,
                _ fn: @escaping @Sendable (Tensor, Tensor) throws -> Tensor) {
        function = { (try fn($0, $1), nil) }
        super.init(name: name, dtype: dtype)
        state = MeanState(in: self)
    }

    /// Wraps a function that also marks which of its values count (Keras's mask on the loss
    /// values, e.g. sparse crossentropy's `ignore_class`); the mask applies with sample weights.
    init(name: String?, dtype: DType,
         masked fn: @escaping @Sendable (Tensor, Tensor) throws -> (values: Tensor, mask: Tensor?)) {
        function = fn
        super.init(name: name, dtype: dtype)
        state = MeanState(in: self)
    }

    /// Adds the function's values for one batch (Keras's `update_state`).
    ///
    /// - Throws: ``KerasError`` when the shapes do not fit the function or the weights.
    open override func update(_ yTrue: Tensor, _ yPred: Tensor, sampleWeight: Tensor? = nil) throws {
        try update(yTrue, yPred, sampleWeight: sampleWeight, mask: nil)
    }

    /// Adds the function's values for one batch, leaving out the samples where `mask` is false.
    ///
    /// - Parameters:
    ///   - yTrue: the targets.
    ///   - yPred: the predictions.
    ///   - sampleWeight: optional per-sample weights.
    ///   - mask: Keras's mask of `yPred` (e.g. `[batch, time]` from a masked sequence model); it
    ///     multiplies `sampleWeight`, or stands for it when there is none.
    ///
    /// ```swift
    /// let mse = Metrics.MeanSquaredError()
    /// try mse.update(Tensor([0, 0, 0.0], shape: [3, 1]), Tensor([1, 2, 3.0], shape: [3, 1]),
    ///                sampleWeight: nil, mask: Tensor([true, true, false]))
    /// try mse.result()   // 2.5: the third sample is masked out
    /// ```
    public func update(_ yTrue: Tensor, _ yPred: Tensor, sampleWeight: Tensor?, mask: Tensor?) throws {
        try withoutGradients {
            let (values, valuesMask) = try function(yTrue, yPred)
            let weights = try SamplewiseReduction.applyMask(sampleWeight, mask, dtype: dtype, metric: name)
            try state.update(values: values, sampleWeight: weights, valuesMask: valuesMask, metric: self)
        }
    }

    /// The weighted mean of the function's values so far (0 before any update).
    open override func result() throws -> Tensor { state.result }
}
