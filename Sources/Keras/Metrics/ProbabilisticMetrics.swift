// Metrics.BinaryCrossentropy, Metrics.CategoricalCrossentropy, Metrics.SparseCategoricalCrossentropy, Metrics.KLDivergence and
// Metrics.Poisson: the mean of a probabilistic loss over every sample seen.

/// Keras's `label_smoothing` default is the integer 0; a config keeps what was given.
private func labelSmoothingConfig(_ value: Double) -> JSONValue { value == 0 ? .int(0) : .double(value) }

extension Metrics {
    /// The mean binary crossentropy (Keras's `keras.metrics.BinaryCrossentropy`).
    ///
    /// Shapes: `yTrue` 0/1 (or soft) and `yPred` probabilities (or logits) of the same shape,
    /// `[batch, d]`; the per-sample value averages the last axis.
    ///
    /// ```swift
    /// let bce = Metrics.BinaryCrossentropy()
    /// try bce.update(Tensor([0, 1, 0, 0.0], shape: [2, 2]), Tensor([0.6, 0.4, 0.4, 0.6], shape: [2, 2]))
    /// try bce.result()   // 0.8149
    /// ```
    public final class BinaryCrossentropy: MeanMetricWrapper, @unchecked Sendable {
        /// Whether predictions are logits.
        public let fromLogits: Bool
        /// Targets are squeezed toward 0.5 by this amount.
        public let labelSmoothing: Double

        /// Makes the metric.
        ///
        /// - Parameters:
        ///   - fromLogits: predictions are logits, not probabilities.
        ///   - labelSmoothing: in [0, 1]: targets become `t · (1 - s) + s / 2`.
        ///   - name: `"binary_crossentropy"` unless given.
        ///   - dtype: the dtype of the state (`float32`).
        public init(fromLogits: Bool = false, labelSmoothing: Double = 0, name: String? = nil, dtype: DType = .float32) {
            self.fromLogits = fromLogits
            self.labelSmoothing = labelSmoothing
            super.init(name: name ?? "binary_crossentropy", dtype: dtype) {
                try Losses.binaryCrossentropy($0, $1, fromLogits: fromLogits, labelSmoothing: labelSmoothing)
            }
        }

        /// `{"name", "dtype", "from_logits", "label_smoothing"}`.
        public override var kerasConfig: JSONObject {
            var config = super.kerasConfig
            config["from_logits"] = .bool(fromLogits)
            config["label_smoothing"] = labelSmoothingConfig(labelSmoothing)
            return config
        }
    }
}

extension Metrics {
    /// The mean categorical crossentropy of one-hot (or soft) targets (Keras's
    /// `keras.metrics.CategoricalCrossentropy`).
    ///
    /// Shapes: `yTrue` and `yPred` `[batch, classes]`.
    ///
    /// ```swift
    /// let cce = Metrics.CategoricalCrossentropy()
    /// try cce.update(Tensor([0, 1, 0, 0, 0, 1.0], shape: [2, 3]), Tensor([0.05, 0.95, 0, 0.1, 0.8, 0.1], shape: [2, 3]))
    /// try cce.result()   // 1.1769
    /// ```
    public final class CategoricalCrossentropy: MeanMetricWrapper, @unchecked Sendable {
        /// Whether predictions are logits.
        public let fromLogits: Bool
        /// Targets are mixed with a uniform distribution by this amount.
        public let labelSmoothing: Double
        /// The class axis.
        public let axis: Int

        /// Makes the metric.
        ///
        /// - Parameters:
        ///   - fromLogits: predictions are logits, not probabilities.
        ///   - labelSmoothing: in [0, 1]: targets become `t · (1 - s) + s / classes`.
        ///   - axis: the class axis (-1).
        ///   - name: `"categorical_crossentropy"` unless given.
        ///   - dtype: the dtype of the state (`float32`).
        public init(fromLogits: Bool = false, labelSmoothing: Double = 0, axis: Int = -1,
                    name: String? = nil, dtype: DType = .float32) {
            self.fromLogits = fromLogits
            self.labelSmoothing = labelSmoothing
            self.axis = axis
            super.init(name: name ?? "categorical_crossentropy", dtype: dtype) {
                try Losses.categoricalCrossentropy($0, $1, fromLogits: fromLogits,
                                                   labelSmoothing: labelSmoothing, axis: axis)
            }
        }

        /// `{"name", "dtype", "from_logits", "label_smoothing", "axis"}`.
        public override var kerasConfig: JSONObject {
            var config = super.kerasConfig
            config["from_logits"] = .bool(fromLogits)
            config["label_smoothing"] = labelSmoothingConfig(labelSmoothing)
            config["axis"] = .int(axis)
            return config
        }
    }
}

extension Metrics {
    /// The mean categorical crossentropy of integer labels (Keras's
    /// `keras.metrics.SparseCategoricalCrossentropy`).
    ///
    /// Shapes: `yTrue` `[batch]` (or `[batch, 1]`) class indices; `yPred` `[batch, classes]`.
    /// Samples labelled `ignoreClass` contribute 0, and, when sample weights are given, no weight.
    ///
    /// ```swift
    /// let scce = Metrics.SparseCategoricalCrossentropy()
    /// try scce.update(Tensor([1, 2]), Tensor([0.05, 0.95, 0, 0.1, 0.8, 0.1], shape: [2, 3]))
    /// try scce.result()   // 1.1769
    /// ```
    public final class SparseCategoricalCrossentropy: MeanMetricWrapper, @unchecked Sendable {
        /// Whether predictions are logits.
        public let fromLogits: Bool
        /// A label whose samples are left out.
        public let ignoreClass: Int?
        /// The class axis of `yPred`.
        public let axis: Int

        /// Makes the metric.
        ///
        /// - Parameters:
        ///   - fromLogits: predictions are logits, not probabilities.
        ///   - ignoreClass: a label to leave out (e.g. padding).
        ///   - axis: the class axis of `yPred` (-1).
        ///   - name: `"sparse_categorical_crossentropy"` unless given.
        ///   - dtype: the dtype of the state (`float32`).
        public init(fromLogits: Bool = false, ignoreClass: Int? = nil, axis: Int = -1,
                    name: String? = nil, dtype: DType = .float32) {
            self.fromLogits = fromLogits
            self.ignoreClass = ignoreClass
            self.axis = axis
            super.init(name: name ?? "sparse_categorical_crossentropy", dtype: dtype, masked: {
                try Losses.sparseCategoricalCrossentropyWithMask($0, $1, fromLogits: fromLogits,
                                                                 ignoreClass: ignoreClass, axis: axis)
            })
        }

        /// `{"name", "dtype", "from_logits", "ignore_class", "axis"}`.
        public override var kerasConfig: JSONObject {
            var config = super.kerasConfig
            config["from_logits"] = .bool(fromLogits)
            config["ignore_class"] = MetricSupport.json(ignoreClass)
            config["axis"] = .int(axis)
            return config
        }
    }
}

extension Metrics {
    /// The mean Kullback-Leibler divergence `Σ yTrue · log(yTrue / yPred)` over the last axis,
    /// both clipped to [ε, 1] (Keras's `keras.metrics.KLDivergence`).
    ///
    /// ```swift
    /// let kl = Metrics.KLDivergence()
    /// try kl.update(Tensor([0, 1, 0, 0.0], shape: [2, 2]), Tensor([0.6, 0.4, 0.4, 0.6], shape: [2, 2]))
    /// try kl.result()   // 0.4581
    /// ```
    public final class KLDivergence: MeanMetricWrapper, @unchecked Sendable {
        /// Makes the metric, named `"kl_divergence"` unless given another name.
        public init(name: String? = nil, dtype: DType = .float32) {
            super.init(name: name ?? "kl_divergence", dtype: dtype) { try Losses.klDivergence($0, $1) }
        }
    }
}

extension Metrics {
    /// The mean Metrics.Poisson deviance term `yPred - yTrue · log(yPred + ε)` (Keras's
    /// `keras.metrics.Poisson`).
    ///
    /// ```swift
    /// let poisson = Metrics.Poisson()
    /// try poisson.update(Tensor([0, 1, 0, 0.0], shape: [2, 2]), Tensor([1, 1, 0, 0.0], shape: [2, 2]))
    /// try poisson.result()   // 0.5
    /// ```
    public final class Poisson: MeanMetricWrapper, @unchecked Sendable {
        /// Makes the metric, named `"poisson"` unless given another name.
        public init(name: String? = nil, dtype: DType = .float32) {
            super.init(name: name ?? "poisson", dtype: dtype) { try Losses.poisson($0, $1) }
        }
    }
}
