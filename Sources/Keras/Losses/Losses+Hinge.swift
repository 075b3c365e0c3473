// Hinge losses for maximum-margin classifiers: labels are -1 or 1 (0/1 labels are converted).

extension Losses {
    /// `mean(max(1 - yTrue * yPred, 0), axis: -1)` (Keras's `hinge`).
    ///
    /// Labels are expected to be -1 or 1; when every label is 0 or 1 they are mapped to -1 and 1
    /// first (`2y - 1`), as Keras does.
    ///
    /// - Returns: one value per sample.
    ///
    /// ```swift
    /// try Losses.hinge(Tensor([1.0, 0], shape: [1, 2]), Tensor([0.3, -2], shape: [1, 2]))   // [0.35]
    /// ```
    public static func hinge(_ yTrue: Tensor, _ yPred: Tensor) throws -> Tensor {
        let (t, p) = try broadcastable(yTrue, yPred, "hinge")
        return maximum(1 - hingeLabels(t) * p, 0).mean(axes: [-1])
    }

    /// `mean(square(max(1 - yTrue * yPred, 0)), axis: -1)` (Keras's `squared_hinge`), with
    /// 0/1 labels mapped to -1/1 as ``hinge(_:_:)`` does.
    ///
    /// - Returns: one value per sample.
    ///
    /// ```swift
    /// try Losses.squaredHinge(Tensor([1.0, -1], shape: [1, 2]), Tensor([0.5, 0.5], shape: [1, 2]))   // [1.25]
    /// ```
    public static func squaredHinge(_ yTrue: Tensor, _ yPred: Tensor) throws -> Tensor {
        let (t, p) = try broadcastable(yTrue, yPred, "squared_hinge")
        return square(maximum(1 - hingeLabels(t) * p, 0)).mean(axes: [-1])
    }

    /// `max(max((1 - yTrue) * yPred) - sum(yTrue * yPred) + 1, 0)` over the last axis (Keras's
    /// `categorical_hinge`): the margin between the true class's score and the best other one.
    ///
    /// - Parameters:
    ///   - yTrue: one-hot labels, `[batch, classes]`.
    ///   - yPred: scores of the same shape.
    /// - Returns: one value per sample.
    ///
    /// ```swift
    /// try Losses.categoricalHinge(Tensor([0.0, 1, 0], shape: [1, 3]), Tensor([0.2, 0.9, 0.5], shape: [1, 3]))   // [0.6]
    /// ```
    public static func categoricalHinge(_ yTrue: Tensor, _ yPred: Tensor) throws -> Tensor {
        let (t, p) = try broadcastable(yTrue, yPred, "categorical_hinge")
        let positive = (t * p).sum(axes: [-1])
        let negative = ((1 - t) * p).max(axes: [-1])
        return maximum(negative - positive + 1, Tensor.zeros([], dtype: p.dtype))
    }

    /// `2y - 1` when every label is 0 or 1 (one check over the whole tensor, as Keras's
    /// `convert_binary_labels_to_hinge`), the labels unchanged otherwise.
    static func hingeLabels(_ t: Tensor) -> Tensor {
        let isBinary = logicalOr(equal(t, Tensor.zeros([], dtype: t.dtype)), equal(t, Tensor.ones([], dtype: t.dtype)))
        let allBinary = withoutGradients { isBinary.all().item() != 0 }
        return allBinary ? t * 2 - 1 : t
    }
}
