// Metric learning: the Circle loss over pairs of embeddings.

extension Losses {
    /// The Circle loss (Keras's `circle`, Sun et al. 2020) for metric learning: pulls embeddings
    /// of the same label together and pushes others apart, weighting each pair by how far it is
    /// from its optimum.
    ///
    /// With cosine distances `d = max(1 - yPred · refᵀ, 0)`, it is `softplus(logsumexp(-gamma *
    /// wp * (margin - d)) + logsumexp(gamma * wn * (1 - margin - d)))` per query, the first sum
    /// over positive pairs, the second over negative ones.
    ///
    /// - Parameters:
    ///   - yTrue: integer labels, `[batch]` (or `[batch, 1]`).
    ///   - yPred: L2-normalized embeddings, `[batch, dim]`.
    ///   - refLabels: the reference labels; `nil` uses `yTrue`.
    ///   - refEmbeddings: the reference embeddings, `[refs, dim]`; `nil` uses `yPred`.
    ///   - removeDiagonal: whether a sample is left out of its own positive pairs.
    ///   - gamma: the scale of the similarities. Keras's default is 80.
    ///   - margin: the relaxation margin. Keras's default is 0.4.
    /// - Returns: `[batch]`.
    ///
    /// ```swift
    /// let embeddings = Tensor([1.0, 0, 0.8, 0.6, 0, 1], shape: [3, 2])
    /// try Losses.circle(Tensor([0, 0, 1]), embeddings)   // [1.9e-10, 6.4017, 0]
    /// ```
    public static func circle(_ yTrue: Tensor, _ yPred: Tensor, refLabels: Tensor? = nil, refEmbeddings: Tensor? = nil,
                              removeDiagonal: Bool = true, gamma: Double = 80, margin: Double = 0.4) throws -> Tensor {
        try circleWithMask(yTrue, yPred, refLabels: refLabels, refEmbeddings: refEmbeddings,
                           removeDiagonal: removeDiagonal, gamma: gamma, margin: margin).values
    }

    /// ``circle(_:_:refLabels:refEmbeddings:removeDiagonal:gamma:margin:)`` with the mask
    /// `loss > 0` that Keras attaches to it.
    static func circleWithMask(_ yTrue: Tensor, _ yPred: Tensor, refLabels: Tensor?, refEmbeddings: Tensor?,
                               removeDiagonal: Bool, gamma: Double, margin: Double) throws -> (values: Tensor, mask: Tensor?) {
        let loss = "circle"
        try validate(gamma, "gamma", in: 0...Double.infinity, loss)
        try validateFinite(margin, "margin", loss)
        let p = yPred.dtype.isFloatingPoint ? yPred : yPred.cast(to: .float32)
        let reference = refEmbeddings.map { $0.dtype.isFloatingPoint ? $0 : $0.cast(to: .float32) } ?? p
        guard p.rank == 2, reference.rank == 2, reference.shape[1] == p.shape[1] else {
            throw KerasError(.incompatibleShape, "\(loss) needs embeddings of shape (batch, dim), but received y_pred of shape \(Shape.describe(p.shape)) and reference embeddings of shape \(Shape.describe(reference.shape)).")
        }
        let query = yTrue.cast(to: .int32).reshaped(to: [-1, 1])
        let keys = (refLabels ?? yTrue).cast(to: .int32).reshaped(to: [-1, 1])
        guard query.shape[0] == p.shape[0], keys.shape[0] == reference.shape[0] else {
            throw KerasError(.incompatibleShape, "\(loss) needs one label per embedding, but received \(query.shape[0]) labels for y_pred of shape \(Shape.describe(p.shape)) and \(keys.shape[0]) reference labels for \(Shape.describe(reference.shape)).")
        }
        let zero = Tensor.zeros([], dtype: p.dtype)
        let distances = maximum(1 - matmul(p, reference.transposed()), zero)
        var positive = equal(query, keys.transposed())
        let negative = logicalNot(positive)
        if removeDiagonal {
            positive = logicalAnd(positive, logicalNot(Tensor.eye(query.shape[0], columns: keys.shape[0], dtype: .bool)))
        }
        let positiveWeights = maximum((distances + margin) * positive.cast(to: p.dtype), zero)
        let negativeWeights = maximum(((1 + margin) - distances) * negative.cast(to: p.dtype), zero)
        let positiveScores = positiveWeights * -gamma * (margin - distances)
        let negativeScores = negativeWeights * gamma * ((1 - margin) - distances)
        let minusInfinity = Tensor(-Double.infinity, dtype: p.dtype)
        let positiveLoss = select(positive, positiveScores, minusInfinity).logSumExp(axes: [1])
        let negativeLoss = select(negative, negativeScores, minusInfinity).logSumExp(axes: [1])
        let values = softplus(positiveLoss + negativeLoss)
        return (values, greater(values, zero))
    }
}
