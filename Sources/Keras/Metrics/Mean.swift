/// The weighted mean of the values it is given (Keras's `keras.metrics.Mean`).
///
/// Values are reduced to one per sample (the mean over every axis after the first, or after
/// the axes `sampleWeight` has), weighted, and averaged over every update: the result is
/// `total / count` with state `total` and `count`.
///
/// ```swift
/// let mean = Mean()
/// try mean.update(values: Tensor([1, 3, 5, 7.0]))
/// try mean.result()   // 4
/// try mean.update(values: Tensor([1, 3, 5, 7.0]), sampleWeight: Tensor([1, 1, 0, 0.0]))
/// try mean.result()   // 3.333...: (16 + 4) / (4 + 2)
/// ```
public final class Mean: Metric, @unchecked Sendable {
    private var state: MeanState!

    /// Makes a mean named `"mean"` unless given another name.
    public override init(name: String? = nil, dtype: DType = .float32) {
        super.init(name: name ?? "mean", dtype: dtype)
        state = MeanState(in: self)
    }

    /// Adds `values` (any shape; `[batch, ...]` is reduced to `[batch]`), weighted by
    /// `sampleWeight` (a scalar, `[batch]`, or `values`' shape).
    ///
    /// - Throws: ``KerasError`` when `sampleWeight` does not broadcast to the values.
    public func update(values: Tensor, sampleWeight: Tensor? = nil) throws {
        try withoutGradients { try state.update(values: values, sampleWeight: sampleWeight, metric: self) }
    }

    /// A `Mean` takes values, not targets and predictions: use ``update(values:sampleWeight:)``.
    ///
    /// - Throws: always, a ``KerasError`` of kind `unsupported`.
    public override func update(_ yTrue: Tensor, _ yPred: Tensor, sampleWeight: Tensor? = nil) throws {
        throw KerasError(.unsupported, "Mean \"\(name)\" averages values: call update(values:sampleWeight:). To average a function of targets and predictions, use MeanMetricWrapper.")
    }

    /// The weighted mean so far (0 before any value).
    public override func result() throws -> Tensor { state.result }
}

/// The weighted sum of the values it is given (Keras's `keras.metrics.Sum`), with state `total`.
///
/// ```swift
/// let sum = Sum()
/// try sum.update(values: Tensor([1, 3, 5, 7.0]))
/// try sum.result()   // 16
/// ```
public final class Sum: Metric, @unchecked Sendable {
    private var total: Variable!

    /// Makes a sum named `"sum"` unless given another name.
    public override init(name: String? = nil, dtype: DType = .float32) {
        super.init(name: name ?? "sum", dtype: dtype)
        total = addVariable(name: "total", shape: [])
    }

    /// Adds `values` (any shape), weighted by `sampleWeight` (a scalar, `[batch]`, or `values`'
    /// shape).
    ///
    /// - Throws: ``KerasError`` when `sampleWeight` does not broadcast to the values.
    public func update(values: Tensor, sampleWeight: Tensor? = nil) throws {
        try withoutGradients {
            let (v, _) = try SamplewiseReduction.sum.samplewise(values, sampleWeight: sampleWeight, mask: nil,
                                                                dtype: dtype, metric: name)
            total.assignAdd(v.sum().cast(to: total.dtype))
        }
    }

    /// A `Sum` takes values, not targets and predictions: use ``update(values:sampleWeight:)``.
    ///
    /// - Throws: always, a ``KerasError`` of kind `unsupported`.
    public override func update(_ yTrue: Tensor, _ yPred: Tensor, sampleWeight: Tensor? = nil) throws {
        throw KerasError(.unsupported, "Sum \"\(name)\" adds up values: call update(values:sampleWeight:).")
    }

    /// The weighted sum so far.
    public override func result() throws -> Tensor { total.value }
}
