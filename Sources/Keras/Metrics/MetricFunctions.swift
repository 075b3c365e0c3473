// The per-sample functions behind the loss-like metrics (Keras's `keras.losses.*` functions),
// kept in this one file so they can later be shared with the Losses module. Each returns one
// value per sample: the inputs' shape without the last axis.

enum MetricFunctions {
    /// Squeezes or expands the last axis of one operand when the ranks differ by exactly one
    /// and that axis has size 1 (Keras's `squeeze_or_expand_to_same_rank`).
    static func squeezeOrExpandToSameRank(_ x1: Tensor, _ x2: Tensor, expandRank1: Bool = true) -> (Tensor, Tensor) {
        var x1 = x1, x2 = x2
        if x1.rank == x2.rank + 1, x1.shape.last == 1 {
            if x2.rank == 1 && expandRank1 { x2 = x2.expandingDimensions(axis: -1) } else { x1 = x1.squeezed(axes: [-1]) }
        } else if x2.rank == x1.rank + 1, x2.shape.last == 1 {
            if x1.rank == 1 && expandRank1 { x1 = x1.expandingDimensions(axis: -1) } else { x2 = x2.squeezed(axes: [-1]) }
        }
        return (x1, x2)
    }

    /// `yTrue` cast to `yPred`'s float dtype, both brought to the same rank.
    static func aligned(_ yTrue: Tensor, _ yPred: Tensor, metric: String) throws -> (Tensor, Tensor) {
        let yPred = yPred.dtype.isFloatingPoint ? yPred : yPred.cast(to: .float32)
        let pair = squeezeOrExpandToSameRank(yTrue.cast(to: yPred.dtype), yPred)
        try MetricSupport.requireBroadcastable(pair.0, pair.1, metric: metric)
        return pair
    }

    /// The last axis, as Keras's `axis=-1`, of a tensor that may be a scalar.
    private static func lastAxis(_ x: Tensor) -> [Int] { x.rank == 0 ? [] : [-1] }

    // MARK: Regression

    static func meanSquaredError(_ yTrue: Tensor, _ yPred: Tensor) throws -> Tensor {
        let (t, p) = try aligned(yTrue, yPred, metric: "mean_squared_error")
        let d = square(t - p)
        return d.mean(axes: lastAxis(d))
    }

    static func meanAbsoluteError(_ yTrue: Tensor, _ yPred: Tensor) throws -> Tensor {
        let (t, p) = try aligned(yTrue, yPred, metric: "mean_absolute_error")
        let d = abs(t - p)
        return d.mean(axes: lastAxis(d))
    }

    static func meanAbsolutePercentageError(_ yTrue: Tensor, _ yPred: Tensor) throws -> Tensor {
        let (t, p) = try aligned(yTrue, yPred, metric: "mean_absolute_percentage_error")
        let d = abs((t - p) / maximum(abs(t), MetricSupport.epsilon))
        return 100 * d.mean(axes: lastAxis(d))
    }

    static func meanSquaredLogarithmicError(_ yTrue: Tensor, _ yPred: Tensor) throws -> Tensor {
        let (t, p) = try aligned(yTrue, yPred, metric: "mean_squared_logarithmic_error")
        let d = square(log(maximum(p, MetricSupport.epsilon) + 1) - log(maximum(t, MetricSupport.epsilon) + 1))
        return d.mean(axes: lastAxis(d))
    }

    static func logCosh(_ yTrue: Tensor, _ yPred: Tensor) throws -> Tensor {
        let (t, p) = try aligned(yTrue, yPred, metric: "logcosh")
        let x = p - t
        // log(cosh(x)) = x + softplus(-2x) - log(2), stable for large |x|.
        let v = x + softplus(x * -2) - 0.6931471805599453
        return v.mean(axes: lastAxis(v))
    }

    /// L2-normalizes along `axis` as Keras's `ops.normalize` (`x * min(rsqrt(sum x²), 1/eps)`).
    private static func l2Normalized(_ x: Tensor, axis: Int) -> Tensor {
        let x = x.rank == 0 ? x.expandingDimensions(axis: 0) : x
        let inverseNorm = minimum(rsqrt(square(x).sum(axes: [axis], keepingDimensions: true)), 1 / MetricSupport.epsilon)
        return x * inverseNorm
    }

    static func cosineSimilarity(_ yTrue: Tensor, _ yPred: Tensor, axis: Int) throws -> Tensor {
        let (t, p) = try aligned(yTrue, yPred, metric: "cosine_similarity")
        return (l2Normalized(t, axis: axis) * l2Normalized(p, axis: axis)).sum(axes: [axis])
    }

    static func pearsonCorrelation(_ yTrue: Tensor, _ yPred: Tensor, axis: Int) throws -> Tensor {
        let (t, p) = try aligned(yTrue, yPred, metric: "pearson_correlation")
        var tn = t - t.mean(axes: [axis], keepingDimensions: true)
        var pn = p - p.mean(axes: [axis], keepingDimensions: true)
        tn = tn / tn.standardDeviation(axes: [axis], keepingDimensions: true)
        pn = pn / pn.standardDeviation(axes: [axis], keepingDimensions: true)
        return (tn * pn).mean(axes: [axis])
    }

    static func concordanceCorrelation(_ yTrue: Tensor, _ yPred: Tensor, axis: Int) throws -> Tensor {
        let (t, p) = try aligned(yTrue, yPred, metric: "concordance_correlation")
        let tMean = t.mean(axes: [axis], keepingDimensions: true)
        let pMean = p.mean(axes: [axis], keepingDimensions: true)
        let tVar = (t - tMean).variance(axes: [axis], keepingDimensions: true)
        let pVar = (p - pMean).variance(axes: [axis], keepingDimensions: true)
        // Keras centres yTrue on yPred's mean here; kept for identical numbers.
        let covariance = (t - pMean) * (p - pMean)
        let norm = tVar + pVar + square(tMean - pMean)
        return (2 * covariance / (norm + MetricSupport.epsilon)).mean(axes: [axis])
    }

    // MARK: Metrics.Hinge

    /// Labels in {0, 1} become {-1, 1}; anything else is kept (Keras's `convert_binary_labels_to_hinge`).
    private static func hingeLabels(_ yTrue: Tensor) -> Tensor {
        let binary = yTrue.doubles.allSatisfy { $0 == 0 || $0 == 1 }
        return binary ? 2 * yTrue - 1 : yTrue
    }

    private static func hingeInputs(_ yTrue: Tensor, _ yPred: Tensor, metric: String) throws -> (Tensor, Tensor) {
        let p = yPred.dtype.isFloatingPoint ? yPred : yPred.cast(to: .float32)
        let t = hingeLabels(yTrue.cast(to: p.dtype))
        try MetricSupport.requireBroadcastable(t, p, metric: metric)
        return (t, p)
    }

    static func hinge(_ yTrue: Tensor, _ yPred: Tensor) throws -> Tensor {
        let (t, p) = try hingeInputs(yTrue, yPred, metric: "hinge")
        let v = maximum(1 - t * p, 0)
        return v.mean(axes: lastAxis(v))
    }

    static func squaredHinge(_ yTrue: Tensor, _ yPred: Tensor) throws -> Tensor {
        let (t, p) = try hingeInputs(yTrue, yPred, metric: "squared_hinge")
        let v = square(maximum(1 - t * p, 0))
        return v.mean(axes: lastAxis(v))
    }

    static func categoricalHinge(_ yTrue: Tensor, _ yPred: Tensor) throws -> Tensor {
        let p = yPred.dtype.isFloatingPoint ? yPred : yPred.cast(to: .float32)
        let t = yTrue.cast(to: p.dtype)
        try MetricSupport.requireBroadcastable(t, p, metric: "categorical_hinge")
        try MetricSupport.requireRank(p, atLeast: 1, metric: "categorical_hinge", argument: "yPred")
        let positive = (t * p).sum(axes: [-1])
        let negative = ((1 - t) * p).max(axes: [-1])
        return maximum(negative - positive + 1, 0)
    }

    // MARK: Probabilistic

    static func klDivergence(_ yTrue: Tensor, _ yPred: Tensor) throws -> Tensor {
        let p0 = yPred.dtype.isFloatingPoint ? yPred : yPred.cast(to: .float32)
        let t = clip(yTrue.cast(to: p0.dtype), min: MetricSupport.epsilon, max: 1)
        let p = clip(p0, min: MetricSupport.epsilon, max: 1)
        try MetricSupport.requireBroadcastable(t, p, metric: "kl_divergence")
        let v = t * log(t / p)
        return v.sum(axes: lastAxis(v))
    }

    static func poisson(_ yTrue: Tensor, _ yPred: Tensor) throws -> Tensor {
        let p = yPred.dtype.isFloatingPoint ? yPred : yPred.cast(to: .float32)
        let t = yTrue.cast(to: p.dtype)
        try MetricSupport.requireBroadcastable(t, p, metric: "poisson")
        let v = p - t * log(p + MetricSupport.epsilon)
        return v.mean(axes: lastAxis(v))
    }

    static func binaryCrossentropy(_ yTrue: Tensor, _ yPred: Tensor, fromLogits: Bool,
                                   labelSmoothing: Double, axis: Int = -1) throws -> Tensor {
        let p = yPred.dtype.isFloatingPoint ? yPred : yPred.cast(to: .float32)
        var t = yTrue.cast(to: p.dtype)
        guard t.shape == p.shape else {
            throw KerasError(.incompatibleShape, "Metric \"binary_crossentropy\" expects yTrue and yPred of the same shape, but received \(Shape.describe(t.shape)) and \(Shape.describe(p.shape)).")
        }
        if labelSmoothing != 0 { t = t * (1 - labelSmoothing) + 0.5 * labelSmoothing }
        let elementwise: Tensor
        if fromLogits {
            // -t·log σ(x) - (1-t)·log σ(-x), with log σ(x) = -softplus(-x).
            elementwise = t * softplus(-p) + (1 - t) * softplus(p)
        } else {
            let q = clip(p, min: MetricSupport.epsilon, max: 1 - MetricSupport.epsilon)
            elementwise = -(t * log(q) + (1 - t) * log(1 - q))
        }
        return elementwise.mean(axes: elementwise.rank == 0 ? [] : [axis])
    }

    static func categoricalCrossentropy(_ yTrue: Tensor, _ yPred: Tensor, fromLogits: Bool,
                                        labelSmoothing: Double, axis: Int) throws -> Tensor {
        let p = yPred.dtype.isFloatingPoint ? yPred : yPred.cast(to: .float32)
        var t = yTrue.cast(to: p.dtype)
        guard t.shape == p.shape, p.rank >= 1 else {
            throw KerasError(.incompatibleShape, "Metric \"categorical_crossentropy\" expects yTrue and yPred of the same shape, of rank 1 or more, but received \(Shape.describe(t.shape)) and \(Shape.describe(p.shape)).")
        }
        guard Shape.normalizedAxis(axis, rank: p.rank) != nil else {
            throw KerasError(.invalidArgument, "CategoricalCrossentropy's axis \(axis) is out of range for yPred of shape \(Shape.describe(p.shape)).")
        }
        if labelSmoothing != 0 {
            let classes = Double(t.shape[t.rank - 1])
            t = t * (1 - labelSmoothing) + labelSmoothing / classes
        }
        return -(t * logProbabilities(p, fromLogits: fromLogits, axis: axis)).sum(axes: [axis])
    }

    /// log-softmax of logits, or the log of probabilities renormalized along `axis` and clipped.
    private static func logProbabilities(_ p: Tensor, fromLogits: Bool, axis: Int) -> Tensor {
        if fromLogits { return logSoftmax(p, axis: axis) }
        let normalized = p / p.sum(axes: [axis], keepingDimensions: true)
        return log(clip(normalized, min: MetricSupport.epsilon, max: 1 - MetricSupport.epsilon))
    }

    /// Sparse categorical crossentropy per sample, and the mask of samples whose label is not
    /// `ignoreClass` (those get 0), as Keras's loss function sets on its result.
    static func sparseCategoricalCrossentropy(_ yTrue: Tensor, _ yPred: Tensor, fromLogits: Bool,
                                              ignoreClass: Int?, axis: Int) throws -> (values: Tensor, mask: Tensor?) {
        var p = yPred.dtype.isFloatingPoint ? yPred : yPred.cast(to: .float32)
        guard p.rank >= 1, let classAxis = Shape.normalizedAxis(axis, rank: p.rank) else {
            throw KerasError(.incompatibleShape, "Metric \"sparse_categorical_crossentropy\" expects yPred of rank 1 or more with axis \(axis) in range, but received shape \(Shape.describe(p.shape)).")
        }
        var t = yTrue
        if t.rank == p.rank, t.shape[classAxis] == 1 { t = t.squeezed(axes: [classAxis]) }
        var expected = p.shape
        expected.remove(at: classAxis)
        guard t.shape == expected else {
            throw KerasError(.incompatibleShape, "Metric \"sparse_categorical_crossentropy\" expects yTrue of shape \(Shape.describe(expected)) for yPred of shape \(Shape.describe(p.shape)), but received \(Shape.describe(yTrue.shape)).")
        }
        var valid: Tensor?
        if let ignoreClass {
            let keep = notEqual(t.cast(to: p.dtype), Tensor(Double(ignoreClass), dtype: p.dtype))
            t = select(keep, t, Tensor.zeros([], dtype: t.dtype))
            p = select(keep.expandingDimensions(axis: classAxis), p, Tensor.zeros([], dtype: p.dtype))
            valid = keep
        }
        // Out-of-range labels one-hot to zeros (a zero loss), as in Keras.
        var target = oneHot(t.cast(to: .int32), numClasses: p.shape[classAxis], dtype: p.dtype)
        if classAxis != p.rank - 1 { target = target.movingAxis(-1, to: classAxis) }
        var values = -(target * logProbabilities(p, fromLogits: fromLogits, axis: classAxis)).sum(axes: [classAxis])
        if let valid { values = select(valid, values, Tensor.zeros([], dtype: values.dtype)) }
        return (values, valid)
    }
}
