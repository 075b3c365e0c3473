// Keras's regression loss classes: each wraps its `Losses` function (rank matching, weights, masks,
// reduction) and writes Keras's config.

/// The mean of squared errors (Keras's `MeanSquaredError`, `"mse"`): `mean(square(yTrue -
/// yPred))` over the last axis, then reduced.
///
/// ```swift
/// let loss = MeanSquaredError()
/// try loss(Tensor([0.0, 1, 0, 0], shape: [2, 2]), Tensor([1.0, 1, 1, 0], shape: [2, 2]))   // 0.5
/// ```
public final class MeanSquaredError: LossFunctionWrapper, @unchecked Sendable {
    /// Makes the loss.
    ///
    /// - Parameters:
    ///   - reduction: the reduction. Defaults to ``LossReduction/sumOverBatchSize``.
    ///   - name: the name. Defaults to `"mean_squared_error"`.
    ///   - dtype: the dtype inputs are converted to. Defaults to `float32`.
    public init(reduction: LossReduction = .sumOverBatchSize, name: String = "mean_squared_error", dtype: DType = .float32) {
        super.init(builtin: "mean_squared_error", name: name, reduction: reduction, dtype: dtype) { t, p in
            (try Losses.meanSquaredError(t, p), nil)
        }
    }

    /// `name` and `reduction`, as Keras writes them.
    public override var kerasConfig: JSONObject { baseConfig }
}

/// The mean of absolute errors (Keras's `MeanAbsoluteError`, `"mae"`).
///
/// ```swift
/// try MeanAbsoluteError()(Tensor([1.0, 0.3, 1], shape: [1, 3]), Tensor([1.9, 0.3, 1.8], shape: [1, 3]))   // 0.5667
/// ```
public final class MeanAbsoluteError: LossFunctionWrapper, @unchecked Sendable {
    /// Makes the loss; see ``MeanSquaredError/init(reduction:name:dtype:)`` for the arguments.
    public init(reduction: LossReduction = .sumOverBatchSize, name: String = "mean_absolute_error", dtype: DType = .float32) {
        super.init(builtin: "mean_absolute_error", name: name, reduction: reduction, dtype: dtype) { t, p in
            (try Losses.meanAbsoluteError(t, p), nil)
        }
    }

    /// `name` and `reduction`, as Keras writes them.
    public override var kerasConfig: JSONObject { baseConfig }
}

/// The mean absolute percentage error (Keras's `MeanAbsolutePercentageError`, `"mape"`):
/// `100 * mean(|yTrue - yPred| / max(|yTrue|, epsilon))`.
///
/// ```swift
/// try MeanAbsolutePercentageError()(Tensor([100.0, 200, 300]), Tensor([90.0, 210, 310]))   // 6.1111
/// ```
public final class MeanAbsolutePercentageError: LossFunctionWrapper, @unchecked Sendable {
    /// Makes the loss; see ``MeanSquaredError/init(reduction:name:dtype:)`` for the arguments.
    public init(reduction: LossReduction = .sumOverBatchSize, name: String = "mean_absolute_percentage_error",
                dtype: DType = .float32) {
        super.init(builtin: "mean_absolute_percentage_error", name: name, reduction: reduction, dtype: dtype) { t, p in
            (try Losses.meanAbsolutePercentageError(t, p), nil)
        }
    }

    /// `name` and `reduction`, as Keras writes them.
    public override var kerasConfig: JSONObject { baseConfig }
}

/// The mean squared logarithmic error (Keras's `MeanSquaredLogarithmicError`, `"msle"`):
/// `mean(square(log(yPred + 1) - log(yTrue + 1)))`, both clipped below at `epsilon`.
///
/// ```swift
/// try MeanSquaredLogarithmicError()(Tensor([0.0, 1], shape: [1, 2]), Tensor([1.0, 1], shape: [1, 2]))   // 0.2402
/// ```
public final class MeanSquaredLogarithmicError: LossFunctionWrapper, @unchecked Sendable {
    /// Makes the loss; see ``MeanSquaredError/init(reduction:name:dtype:)`` for the arguments.
    public init(reduction: LossReduction = .sumOverBatchSize, name: String = "mean_squared_logarithmic_error",
                dtype: DType = .float32) {
        super.init(builtin: "mean_squared_logarithmic_error", name: name, reduction: reduction, dtype: dtype) { t, p in
            (try Losses.meanSquaredLogarithmicError(t, p), nil)
        }
    }

    /// `name` and `reduction`, as Keras writes them.
    public override var kerasConfig: JSONObject { baseConfig }
}

/// The Huber loss (Keras's `Huber`): quadratic for errors up to `delta`, linear beyond, so
/// outliers weigh less than with ``MeanSquaredError``.
///
/// ```swift
/// let loss = try Huber(delta: 1)
/// try loss(Tensor([0.0, 0], shape: [1, 2]), Tensor([0.5, 3], shape: [1, 2]))   // 1.3125
/// ```
public final class Huber: LossFunctionWrapper, @unchecked Sendable {
    /// Where the loss turns from quadratic to linear.
    public let delta: Double

    /// Makes the loss.
    ///
    /// - Parameters:
    ///   - delta: where the loss turns linear; finite and non-negative. Defaults to 1.
    ///   - reduction: the reduction.
    ///   - name: the name. Defaults to `"huber_loss"`, as in Keras.
    ///   - dtype: the dtype inputs are converted to.
    /// - Throws: ``KerasError`` `.invalidArgument` for a negative or non-finite `delta`.
    public init(delta: Double = 1, reduction: LossReduction = .sumOverBatchSize, name: String = "huber_loss",
                dtype: DType = .float32) throws {
        try Losses.validate(delta, "delta", in: 0...Double.infinity, "Huber")
        self.delta = delta
        super.init(builtin: "huber", arguments: ["delta": .double(delta)], name: name, reduction: reduction, dtype: dtype) { t, p in
            (try Losses.huber(t, p, delta: delta), nil)
        }
    }

    /// `name` and `reduction`: Keras's `Huber` does not write `delta`.
    public override var kerasConfig: JSONObject { baseConfig }
}

/// The logarithm of the hyperbolic cosine of the error (Keras's `LogCosh`): like the squared
/// error for small errors and the absolute error for large ones.
///
/// ```swift
/// try LogCosh()(Tensor([0.0, 0], shape: [1, 2]), Tensor([1.0, -1], shape: [1, 2]))   // 0.4338
/// ```
public final class LogCosh: LossFunctionWrapper, @unchecked Sendable {
    /// Makes the loss; `name` defaults to `"log_cosh"`. See
    /// ``MeanSquaredError/init(reduction:name:dtype:)`` for the arguments.
    public init(reduction: LossReduction = .sumOverBatchSize, name: String = "log_cosh", dtype: DType = .float32) {
        super.init(builtin: "log_cosh", name: name, reduction: reduction, dtype: dtype) { t, p in
            (try Losses.logCosh(t, p), nil)
        }
    }

    /// `name` and `reduction`, as Keras writes them.
    public override var kerasConfig: JSONObject { baseConfig }
}

/// The negative cosine similarity between labels and predictions (Keras's `CosineSimilarity`):
/// -1 for vectors pointing the same way, so minimizing it aligns them.
///
/// ```swift
/// try CosineSimilarity()(Tensor([0.0, 1, 1, 1], shape: [2, 2]), Tensor([1.0, 0, 1, 1], shape: [2, 2]))   // -0.5
/// ```
public final class CosineSimilarity: LossFunctionWrapper, @unchecked Sendable {
    /// The feature axis the similarity is computed along.
    public let axis: Int

    /// Makes the loss.
    ///
    /// - Parameters:
    ///   - axis: the feature axis. Defaults to -1.
    ///   - reduction: the reduction.
    ///   - name: the name. Defaults to `"cosine_similarity"`.
    ///   - dtype: the dtype inputs are converted to.
    public init(axis: Int = -1, reduction: LossReduction = .sumOverBatchSize, name: String = "cosine_similarity",
                dtype: DType = .float32) {
        self.axis = axis
        super.init(builtin: "cosine_similarity", arguments: ["axis": .int(axis)], name: name, reduction: reduction,
                   dtype: dtype) { t, p in
            (try Losses.cosineSimilarity(t, p, axis: axis), nil)
        }
    }

    /// `name` and `reduction`: Keras's `CosineSimilarity` does not write `axis`.
    public override var kerasConfig: JSONObject { baseConfig }
}
