// Regression losses: squared, absolute, percentage and logarithmic errors, Huber, log-cosh and
// cosine similarity, as `keras.losses` computes them.

extension Losses {
    /// `mean(square(yTrue - yPred), axis: -1)` (Keras's `mean_squared_error`, alias `"mse"`).
    ///
    /// Ranks that differ by a trailing size-1 axis are matched first (`[batch]` labels with
    /// `[batch, 1]` predictions).
    ///
    /// - Parameters:
    ///   - yTrue: targets, `[batch, d0, ..., dN]`.
    ///   - yPred: predictions of the same shape.
    /// - Returns: `[batch, d0, ..., dN-1]`.
    ///
    /// ```swift
    /// try Losses.meanSquaredError(Tensor([0.0, 1], shape: [1, 2]), Tensor([1.0, 1], shape: [1, 2]))   // [0.5]
    /// ```
    public static func meanSquaredError(_ yTrue: Tensor, _ yPred: Tensor) throws -> Tensor {
        let (t, p) = try matched(yTrue, yPred, "mean_squared_error")
        return square(t - p).mean(axes: [-1])
    }

    /// `mean(abs(yTrue - yPred), axis: -1)` (Keras's `mean_absolute_error`, alias `"mae"`).
    ///
    /// - Returns: one value per sample, the last axis reduced.
    ///
    /// ```swift
    /// try Losses.meanAbsoluteError(Tensor([0.0, 1], shape: [1, 2]), Tensor([1.0, 3], shape: [1, 2]))   // [1.5]
    /// ```
    public static func meanAbsoluteError(_ yTrue: Tensor, _ yPred: Tensor) throws -> Tensor {
        let (t, p) = try matched(yTrue, yPred, "mean_absolute_error")
        return abs(t - p).mean(axes: [-1])
    }

    /// `100 * mean(abs((yTrue - yPred) / max(abs(yTrue), epsilon)), axis: -1)` (Keras's
    /// `mean_absolute_percentage_error`, alias `"mape"`).
    ///
    /// - Returns: one value per sample, in percent.
    ///
    /// ```swift
    /// try Losses.meanAbsolutePercentageError(Tensor([100.0, 200], shape: [1, 2]), Tensor([90.0, 210], shape: [1, 2]))   // [7.5]
    /// ```
    public static func meanAbsolutePercentageError(_ yTrue: Tensor, _ yPred: Tensor) throws -> Tensor {
        let (t, p) = try matched(yTrue, yPred, "mean_absolute_percentage_error")
        let difference = abs((t - p) / maximum(abs(t), epsilon))
        return difference.mean(axes: [-1]) * 100
    }

    /// `mean(square(log(max(yPred, epsilon) + 1) - log(max(yTrue, epsilon) + 1)), axis: -1)`
    /// (Keras's `mean_squared_logarithmic_error`, alias `"msle"`).
    ///
    /// - Returns: one value per sample.
    ///
    /// ```swift
    /// try Losses.meanSquaredLogarithmicError(Tensor([0.0, 1], shape: [1, 2]), Tensor([1.0, 1], shape: [1, 2]))   // [0.2402]
    /// ```
    public static func meanSquaredLogarithmicError(_ yTrue: Tensor, _ yPred: Tensor) throws -> Tensor {
        let (t, p) = try matched(yTrue, yPred, "mean_squared_logarithmic_error")
        let first = log(maximum(p, epsilon) + 1)
        let second = log(maximum(t, epsilon) + 1)
        return square(first - second).mean(axes: [-1])
    }

    /// The Huber loss (Keras's `huber`): `0.5 * e^2` where `|e| <= delta`, `delta * |e| - 0.5 *
    /// delta^2` beyond, for `e = yPred - yTrue`, averaged over the last axis.
    ///
    /// - Parameters:
    ///   - yTrue: targets, `[batch, ..., features]`.
    ///   - yPred: predictions of the same shape.
    ///   - delta: where the loss turns from quadratic to linear; non-negative.
    /// - Returns: one value per sample.
    ///
    /// ```swift
    /// try Losses.huber(Tensor([0.0, 0], shape: [1, 2]), Tensor([0.5, 3], shape: [1, 2]))   // [1.3125]
    /// ```
    public static func huber(_ yTrue: Tensor, _ yPred: Tensor, delta: Double = 1) throws -> Tensor {
        try validate(delta, "delta", in: 0...Double.infinity, "huber")
        let (t, p) = try matched(yTrue, yPred, "huber")
        let d = Tensor(delta, dtype: p.dtype)
        let half = Tensor(0.5, dtype: p.dtype)
        let error = p - t
        let absError = abs(error)
        let values = select(lessEqual(absError, d), half * square(error), d * absError - half * square(d))
        return values.mean(axes: [-1])
    }

    /// `mean(log(cosh(yPred - yTrue)), axis: -1)` computed stably as `x + softplus(-2x) - log 2`
    /// (Keras's `log_cosh`): about `x^2 / 2` for small errors and `|x| - log 2` for large ones.
    ///
    /// - Returns: one value per sample.
    ///
    /// ```swift
    /// try Losses.logCosh(Tensor([0.0, 0], shape: [1, 2]), Tensor([1.0, -1], shape: [1, 2]))   // [0.4338]
    /// ```
    public static func logCosh(_ yTrue: Tensor, _ yPred: Tensor) throws -> Tensor {
        let (t, p) = try matched(yTrue, yPred, "log_cosh")
        let x = p - t
        return (x + softplus(x * -2) - 0.693147180559945309417232121458176568).mean(axes: [-1])
    }

    /// The negative cosine similarity along `axis` (Keras's `cosine_similarity`): `-sum(l2norm(yTrue)
    /// * l2norm(yPred), axis)`, between -1 (same direction) and 1; 0 when either is a zero vector.
    ///
    /// - Parameters:
    ///   - yTrue: target vectors.
    ///   - yPred: predicted vectors of the same shape.
    ///   - axis: the feature axis. Defaults to -1.
    /// - Returns: the inputs' shape without `axis`.
    ///
    /// ```swift
    /// try Losses.cosineSimilarity(Tensor([1.0, 0], shape: [1, 2]), Tensor([2.0, 0], shape: [1, 2]))   // [-1]
    /// ```
    public static func cosineSimilarity(_ yTrue: Tensor, _ yPred: Tensor, axis: Int = -1) throws -> Tensor {
        var (t, p) = prepared(yTrue, yPred)
        (t, p) = Loss.squeezeOrExpandToSameRank(t, p)
        try requireBroadcast(t, p, "cosine_similarity")
        if t.rank == 0 { t = t.expandingDimensions(axis: 0) }
        if p.rank == 0 { p = p.expandingDimensions(axis: 0) }
        let tAxis = try resolvedAxis(axis, t.shape, "cosine_similarity")
        let pAxis = try resolvedAxis(axis, p.shape, "cosine_similarity")
        let product = l2Normalized(t, axis: tAxis) * l2Normalized(p, axis: pAxis)
        return -product.sum(axes: [try resolvedAxis(axis, product.shape, "cosine_similarity")])
    }

    /// Keras's `ops.normalize(x, axis, order: 2)`: `x * min(rsqrt(sum(x^2, axis)), 1 / epsilon)`.
    static func l2Normalized(_ x: Tensor, axis: Int) -> Tensor {
        let inverseNorm = rsqrt(square(x).sum(axes: [axis], keepingDimensions: true))
        return x * minimum(inverseNorm, 1 / epsilon)
    }

    /// Labels and predictions in the predictions' dtype with their ranks matched (Keras's
    /// `squeeze_or_expand_to_same_rank`), checked to broadcast, of rank 1 at least.
    static func matched(_ yTrue: Tensor, _ yPred: Tensor, _ loss: String) throws -> (Tensor, Tensor) {
        let (t, p) = prepared(yTrue, yPred)
        let (a, b) = Loss.squeezeOrExpandToSameRank(t, p)
        try requireBroadcast(a, b, loss)
        try requireRank1(a.rank >= b.rank ? a : b, loss)
        return (a, b)
    }

    /// Labels and predictions in the predictions' dtype, checked to broadcast, of rank 1 at least
    /// (no rank matching: Keras's probabilistic and hinge functions leave that to the classes).
    static func broadcastable(_ yTrue: Tensor, _ yPred: Tensor, _ loss: String) throws -> (Tensor, Tensor) {
        let (t, p) = prepared(yTrue, yPred)
        try requireBroadcast(t, p, loss)
        try requireRank1(t.rank >= p.rank ? t : p, loss)
        return (t, p)
    }
}
