// Metrics.Hinge, Metrics.SquaredHinge and Metrics.CategoricalHinge: the mean of a margin loss over every sample seen.

extension Metrics {
    /// The mean hinge loss `max(1 - yTrue · yPred, 0)` (Keras's `keras.metrics.Hinge`).
    ///
    /// Targets are -1/1; a batch whose targets are all 0 or 1 is converted to -1/1 first.
    ///
    /// ```swift
    /// let hinge = Metrics.Hinge()
    /// try hinge.update(Tensor([0, 1, 0, 0.0], shape: [2, 2]), Tensor([0.6, 0.4, 0.4, 0.6], shape: [2, 2]))
    /// try hinge.result()   // 1.3
    /// ```
    public final class Hinge: MeanMetricWrapper, @unchecked Sendable {
        /// Makes the metric, named `"hinge"` unless given another name.
        public init(name: String? = nil, dtype: DType = .float32) {
            super.init(name: name ?? "hinge", dtype: dtype) { try Losses.hinge($0, $1) }
        }
    }
}

extension Metrics {
    /// The mean squared hinge loss `max(1 - yTrue · yPred, 0)²` (Keras's
    /// `keras.metrics.SquaredHinge`); targets as for ``Hinge``.
    ///
    /// ```swift
    /// let squaredHinge = Metrics.SquaredHinge()
    /// try squaredHinge.update(Tensor([0, 1, 0, 0.0], shape: [2, 2]), Tensor([0.6, 0.4, 0.4, 0.6], shape: [2, 2]))
    /// try squaredHinge.result()   // 1.86
    /// ```
    public final class SquaredHinge: MeanMetricWrapper, @unchecked Sendable {
        /// Makes the metric, named `"squared_hinge"` unless given another name.
        public init(name: String? = nil, dtype: DType = .float32) {
            super.init(name: name ?? "squared_hinge", dtype: dtype) { try Losses.squaredHinge($0, $1) }
        }
    }
}

extension Metrics {
    /// The mean categorical hinge loss `max(max((1 - yTrue) · yPred) - Σ yTrue · yPred + 1, 0)`
    /// over one-hot targets (Keras's `keras.metrics.CategoricalHinge`).
    ///
    /// ```swift
    /// let categoricalHinge = Metrics.CategoricalHinge()
    /// try categoricalHinge.update(Tensor([0, 1, 0, 0.0], shape: [2, 2]), Tensor([0.6, 0.4, 0.4, 0.6], shape: [2, 2]))
    /// try categoricalHinge.result()   // 1.4
    /// ```
    public final class CategoricalHinge: MeanMetricWrapper, @unchecked Sendable {
        /// Makes the metric, named `"categorical_hinge"` unless given another name.
        public init(name: String? = nil, dtype: DType = .float32) {
            super.init(name: name ?? "categorical_hinge", dtype: dtype) { try Losses.categoricalHinge($0, $1) }
        }
    }
}
