// Metrics.MeanSquaredError, RootMeanSquaredError, Metrics.MeanAbsoluteError, Metrics.MeanAbsolutePercentageError,
// Metrics.MeanSquaredLogarithmicError, LogCoshError, Metrics.CosineSimilarity, PearsonCorrelation and
// ConcordanceCorrelation. (R2Score has its own file.)

extension Metrics {
    /// The mean of `(yTrue - yPred)²` (Keras's `keras.metrics.MeanSquaredError`).
    ///
    /// Shapes: `yTrue` and `yPred` `[batch, d0, ...]`; the per-sample value averages the last axis.
    ///
    /// ```swift
    /// let mse = Metrics.MeanSquaredError()
    /// try mse.update(Tensor([0, 1, 0, 0.0], shape: [2, 2]), Tensor([1, 1, 0, 0.0], shape: [2, 2]))
    /// try mse.result()   // 0.25
    /// ```
    public final class MeanSquaredError: MeanMetricWrapper, @unchecked Sendable {
        /// Makes the metric, named `"mean_squared_error"` unless given another name.
        public init(name: String? = nil, dtype: DType = .float32) {
            super.init(name: name ?? "mean_squared_error", dtype: dtype) { try Losses.meanSquaredError($0, $1) }
        }
    }
}

extension Metrics {
    /// The mean of `|yTrue - yPred|` (Keras's `keras.metrics.MeanAbsoluteError`).
    ///
    /// ```swift
    /// let mae = Metrics.MeanAbsoluteError()
    /// try mae.update(Tensor([0, 1, 0, 0.0], shape: [2, 2]), Tensor([1, 1, 0, 0.0], shape: [2, 2]))
    /// try mae.result()   // 0.25
    /// ```
    public final class MeanAbsoluteError: MeanMetricWrapper, @unchecked Sendable {
        /// Makes the metric, named `"mean_absolute_error"` unless given another name.
        public init(name: String? = nil, dtype: DType = .float32) {
            super.init(name: name ?? "mean_absolute_error", dtype: dtype) { try Losses.meanAbsoluteError($0, $1) }
        }
    }
}

extension Metrics {
    /// The mean of `100 · |yTrue - yPred| / max(|yTrue|, ε)` (Keras's
    /// `keras.metrics.MeanAbsolutePercentageError`).
    ///
    /// ```swift
    /// let mape = Metrics.MeanAbsolutePercentageError()
    /// try mape.update(Tensor([1, 2.0], shape: [1, 2]), Tensor([1.5, 2.0], shape: [1, 2]))
    /// try mape.result()   // 25
    /// ```
    public final class MeanAbsolutePercentageError: MeanMetricWrapper, @unchecked Sendable {
        /// Makes the metric, named `"mean_absolute_percentage_error"` unless given another name.
        public init(name: String? = nil, dtype: DType = .float32) {
            super.init(name: name ?? "mean_absolute_percentage_error", dtype: dtype) {
                try Losses.meanAbsolutePercentageError($0, $1)
            }
        }
    }
}

extension Metrics {
    /// The mean of `(log(1 + yTrue) - log(1 + yPred))²`, inputs clipped at ε (Keras's
    /// `keras.metrics.MeanSquaredLogarithmicError`).
    ///
    /// ```swift
    /// let msle = Metrics.MeanSquaredLogarithmicError()
    /// try msle.update(Tensor([0, 1, 0, 0.0], shape: [2, 2]), Tensor([1, 1, 0, 0.0], shape: [2, 2]))
    /// try msle.result()   // 0.1201
    /// ```
    public final class MeanSquaredLogarithmicError: MeanMetricWrapper, @unchecked Sendable {
        /// Makes the metric, named `"mean_squared_logarithmic_error"` unless given another name.
        public init(name: String? = nil, dtype: DType = .float32) {
            super.init(name: name ?? "mean_squared_logarithmic_error", dtype: dtype) {
                try Losses.meanSquaredLogarithmicError($0, $1)
            }
        }
    }
}

/// The mean of `log(cosh(yPred - yTrue))` (Keras's `keras.metrics.LogCoshError`, named
/// `"logcosh"`).
///
/// ```swift
/// let logcosh = LogCoshError()
/// try logcosh.update(Tensor([0, 1, 0, 0.0], shape: [2, 2]), Tensor([1, 1, 0, 0.0], shape: [2, 2]))
/// try logcosh.result()   // 0.1084
/// ```
public final class LogCoshError: MeanMetricWrapper, @unchecked Sendable {
    /// Makes the metric, named `"logcosh"` unless given another name.
    public init(name: String? = nil, dtype: DType = .float32) {
        super.init(name: name ?? "logcosh", dtype: dtype) { try Losses.logCosh($0, $1) }
    }
}

extension Metrics {
    /// The mean cosine similarity of targets and predictions along `axis` (Keras's
    /// `keras.metrics.CosineSimilarity`): 1 for parallel vectors, -1 for opposite ones.
    ///
    /// ```swift
    /// let cosine = Metrics.CosineSimilarity()
    /// try cosine.update(Tensor([0, 1, 1, 1.0], shape: [2, 2]), Tensor([1, 0, 1, 1.0], shape: [2, 2]))
    /// try cosine.result()   // 0.5
    /// ```
    public final class CosineSimilarity: MeanMetricWrapper, @unchecked Sendable {
        /// The axis along which vectors are compared.
        public let axis: Int

        /// Makes the metric.
        ///
        /// - Parameters:
        ///   - axis: the vector axis (-1).
        ///   - name: `"cosine_similarity"` unless given.
        ///   - dtype: the dtype of the state (`float32`).
        public init(axis: Int = -1, name: String? = nil, dtype: DType = .float32) {
            self.axis = axis
            super.init(name: name ?? "cosine_similarity", dtype: dtype) {
                // Keras's metric function is the loss function without its minus sign.
                try -Losses.cosineSimilarity($0, $1, axis: axis)
            }
        }
    }
}

/// The mean Pearson correlation of targets and predictions along `axis` (Keras's
/// `keras.metrics.PearsonCorrelation`).
///
/// ```swift
/// let pearson = PearsonCorrelation()
/// try pearson.update(Tensor([1, 2, 3.0], shape: [1, 3]), Tensor([2, 4, 7.0], shape: [1, 3]))
/// try pearson.result()   // 0.9934
/// ```
public final class PearsonCorrelation: MeanMetricWrapper, @unchecked Sendable {
    /// The axis along which samples are correlated.
    public let axis: Int

    /// Makes the metric.
    ///
    /// - Parameters:
    ///   - axis: the axis to correlate along (-1).
    ///   - name: `"pearson_correlation"` unless given.
    ///   - dtype: the dtype of the state (`float32`).
    public init(axis: Int = -1, name: String? = nil, dtype: DType = .float32) {
        self.axis = axis
        super.init(name: name ?? "pearson_correlation", dtype: dtype) {
            try CorrelationFunctions.pearsonCorrelation($0, $1, axis: axis)
        }
    }

    /// `{"name", "dtype", "axis"}`.
    public override var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["axis"] = .int(axis)
        return config
    }
}

/// The mean concordance correlation coefficient of targets and predictions along `axis`
/// (Keras's `keras.metrics.ConcordanceCorrelation`).
///
/// ```swift
/// let ccc = ConcordanceCorrelation()
/// try ccc.update(Tensor([1, 2, 3.0], shape: [1, 3]), Tensor([2, 4, 7.0], shape: [1, 3]))
/// try ccc.result()   // 0.3226
/// ```
public final class ConcordanceCorrelation: MeanMetricWrapper, @unchecked Sendable {
    /// The axis along which samples are compared.
    public let axis: Int

    /// Makes the metric.
    ///
    /// - Parameters:
    ///   - axis: the axis to compare along (-1).
    ///   - name: `"concordance_correlation"` unless given.
    ///   - dtype: the dtype of the state (`float32`).
    public init(axis: Int = -1, name: String? = nil, dtype: DType = .float32) {
        self.axis = axis
        super.init(name: name ?? "concordance_correlation", dtype: dtype) {
            try CorrelationFunctions.concordanceCorrelation($0, $1, axis: axis)
        }
    }

    /// `{"name", "dtype", "axis"}`.
    public override var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["axis"] = .int(axis)
        return config
    }
}

/// The square root of the weighted mean of `(yPred - yTrue)²` (Keras's
/// `keras.metrics.RootMeanSquaredError`). State: `total` and `count`.
///
/// ```swift
/// let rmse = RootMeanSquaredError()
/// try rmse.update(Tensor([0, 1, 0, 0.0], shape: [2, 2]), Tensor([1, 1, 0, 0.0], shape: [2, 2]))
/// try rmse.result()   // 0.5
/// ```
public final class RootMeanSquaredError: Metric, @unchecked Sendable {
    private var state: MeanState!

    /// Makes the metric, named `"root_mean_squared_error"` unless given another name.
    public override init(name: String? = nil, dtype: DType = .float32) {
        super.init(name: name ?? "root_mean_squared_error", dtype: dtype)
        state = MeanState(in: self)
    }

    /// Adds the squared errors of one batch (weighted as ``Mean`` weights values).
    public override func update(_ yTrue: Tensor, _ yPred: Tensor, sampleWeight: Tensor? = nil) throws {
        try withoutGradients {
            let (t, p) = Loss.squeezeOrExpandToSameRank(yTrue.cast(to: dtype), yPred.cast(to: dtype))
            try MetricSupport.requireBroadcastable(t, p, metric: name)
            try state.update(values: square(p - t), sampleWeight: sampleWeight, metric: self)
        }
    }

    /// `sqrt(total / count)`.
    public override func result() throws -> Tensor { sqrt(state.result) }
}
