// Keras's hinge loss classes for maximum-margin classification.

/// The hinge loss `mean(max(1 - yTrue * yPred, 0))` (Keras's `Hinge`); labels are -1 or 1, and
/// all-0/1 labels are converted. See ``Losses/hinge(_:_:)``.
///
/// ```swift
/// try Hinge()(Tensor([1.0, 0], shape: [1, 2]), Tensor([0.3, -2], shape: [1, 2]))   // 0.35
/// ```
public final class Hinge: LossFunctionWrapper, @unchecked Sendable {
    /// Makes the loss; `name` defaults to `"hinge"`. See
    /// ``MeanSquaredError/init(reduction:name:dtype:)`` for the arguments.
    public init(reduction: LossReduction = .sumOverBatchSize, name: String = "hinge", dtype: DType = .float32) {
        super.init(builtin: "hinge", name: name, reduction: reduction, dtype: dtype) { t, p in
            (try Losses.hinge(t, p), nil)
        }
    }

    /// `name` and `reduction`, as Keras writes them.
    public override var kerasConfig: JSONObject { baseConfig }
}

/// The squared hinge loss `mean(square(max(1 - yTrue * yPred, 0)))` (Keras's `SquaredHinge`).
/// See ``Losses/squaredHinge(_:_:)``.
///
/// ```swift
/// try SquaredHinge()(Tensor([1.0, -1], shape: [1, 2]), Tensor([0.5, 0.5], shape: [1, 2]))   // 1.25
/// ```
public final class SquaredHinge: LossFunctionWrapper, @unchecked Sendable {
    /// Makes the loss; `name` defaults to `"squared_hinge"`. See
    /// ``MeanSquaredError/init(reduction:name:dtype:)`` for the arguments.
    public init(reduction: LossReduction = .sumOverBatchSize, name: String = "squared_hinge", dtype: DType = .float32) {
        super.init(builtin: "squared_hinge", name: name, reduction: reduction, dtype: dtype) { t, p in
            (try Losses.squaredHinge(t, p), nil)
        }
    }

    /// `name` and `reduction`, as Keras writes them.
    public override var kerasConfig: JSONObject { baseConfig }
}

/// The categorical hinge loss (Keras's `CategoricalHinge`) for one-hot labels: the margin of
/// the true class over the best other class. See ``Losses/categoricalHinge(_:_:)``.
///
/// ```swift
/// try CategoricalHinge()(Tensor([0.0, 1, 0], shape: [1, 3]), Tensor([0.2, 0.9, 0.5], shape: [1, 3]))   // 0.6
/// ```
public final class CategoricalHinge: LossFunctionWrapper, @unchecked Sendable {
    /// Makes the loss; `name` defaults to `"categorical_hinge"`. See
    /// ``MeanSquaredError/init(reduction:name:dtype:)`` for the arguments.
    public init(reduction: LossReduction = .sumOverBatchSize, name: String = "categorical_hinge", dtype: DType = .float32) {
        super.init(builtin: "categorical_hinge", name: name, reduction: reduction, dtype: dtype) { t, p in
            (try Losses.categoricalHinge(t, p), nil)
        }
    }

    /// `name` and `reduction`, as Keras writes them.
    public override var kerasConfig: JSONObject { baseConfig }
}
