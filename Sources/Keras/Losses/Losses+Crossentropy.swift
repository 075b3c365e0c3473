// Cross-entropies: binary, categorical and sparse categorical, with their focal variants, from
// probabilities (clipped to [epsilon, 1 - epsilon]) or from logits (log-sigmoid / log-softmax).

extension Losses {
    /// The binary cross-entropy averaged over `axis` (Keras's `binary_crossentropy`).
    ///
    /// From probabilities, `yPred` is clipped to `[epsilon, 1 - epsilon]` and the loss is
    /// `-(y log p + (1 - y) log(1 - p))`; from logits it is `-y logσ(x) - (1 - y) logσ(-x)`,
    /// stable for large logits.
    ///
    /// - Parameters:
    ///   - yTrue: labels in `[0, 1]`, the shape of `yPred`.
    ///   - yPred: probabilities, or logits when `fromLogits` is true.
    ///   - fromLogits: whether `yPred` holds logits.
    ///   - labelSmoothing: in `[0, 1]`; labels become `y * (1 - s) + s / 2`.
    ///   - axis: the axis averaged over. Defaults to -1.
    /// - Returns: the shape of `yPred` without `axis`.
    ///
    /// ```swift
    /// try Losses.binaryCrossentropy(Tensor([0.0, 1], shape: [1, 2]), Tensor([-2.0, 3], shape: [1, 2]), fromLogits: true)   // [0.0878]
    /// ```
    public static func binaryCrossentropy(_ yTrue: Tensor, _ yPred: Tensor, fromLogits: Bool = false,
                                          labelSmoothing: Double = 0, axis: Int = -1) throws -> Tensor {
        let loss = "binary_crossentropy"
        try validateLabelSmoothing(labelSmoothing, loss)
        var (t, p) = prepared(yTrue, yPred)
        try requireSameShape(t, p, loss)
        let a = try resolvedAxis(axis, p.shape, loss)
        if labelSmoothing != 0 { t = t * (1 - labelSmoothing) + 0.5 * labelSmoothing }
        return elementwiseBinaryCrossentropy(t, p, fromLogits: fromLogits).mean(axes: [a])
    }

    /// The binary focal cross-entropy averaged over `axis` (Keras's `binary_focal_crossentropy`):
    /// the cross-entropy scaled by `(1 - p_t)^gamma`, where `p_t = y p + (1 - y)(1 - p)`, so that
    /// confident correct predictions count less; with `applyClassBalancing`, positives are also
    /// weighted by `alpha` and negatives by `1 - alpha`.
    ///
    /// - Parameters:
    ///   - yTrue: labels in `[0, 1]`, the shape of `yPred`.
    ///   - yPred: probabilities, or logits when `fromLogits` is true.
    ///   - applyClassBalancing: whether to weight by `alpha`.
    ///   - alpha: the positive class's weight, in `[0, 1]`.
    ///   - gamma: the focusing exponent, non-negative; 0 gives the plain cross-entropy.
    ///   - fromLogits: whether `yPred` holds logits (a sigmoid is applied first).
    ///   - labelSmoothing: in `[0, 1]`; labels become `y * (1 - s) + s / 2`.
    ///   - axis: the axis averaged over.
    /// - Returns: the shape of `yPred` without `axis`.
    ///
    /// ```swift
    /// try Losses.binaryFocalCrossentropy(Tensor([0.0, 1], shape: [1, 2]), Tensor([0.4, 0.6], shape: [1, 2]), gamma: 2)   // [0.0817]
    /// ```
    public static func binaryFocalCrossentropy(_ yTrue: Tensor, _ yPred: Tensor, applyClassBalancing: Bool = false,
                                               alpha: Double = 0.25, gamma: Double = 2, fromLogits: Bool = false,
                                               labelSmoothing: Double = 0, axis: Int = -1) throws -> Tensor {
        let loss = "binary_focal_crossentropy"
        try validateFocal(alpha: alpha, gamma: gamma, labelSmoothing: labelSmoothing, loss)
        var (t, p) = prepared(yTrue, yPred)
        try requireSameShape(t, p, loss)
        let a = try resolvedAxis(axis, p.shape, loss)
        if labelSmoothing != 0 { t = t * (1 - labelSmoothing) + 0.5 * labelSmoothing }
        if fromLogits { p = sigmoid(p) }
        let bce = elementwiseBinaryCrossentropy(t, p, fromLogits: false)
        let pT = t * p + (1 - t) * (1 - p)
        var focal = power(1 - pT, gamma) * bce
        if applyClassBalancing {
            focal = (t * alpha + (1 - t) * (1 - alpha)) * focal
        }
        return focal.mean(axes: [a])
    }

    /// The categorical cross-entropy `-sum(yTrue * log(yPred), axis)` (Keras's
    /// `categorical_crossentropy`): predictions are renormalized to sum to 1 and clipped to
    /// `[epsilon, 1 - epsilon]`, or passed through a log-softmax when `fromLogits` is true.
    ///
    /// - Parameters:
    ///   - yTrue: one-hot (or soft) labels, the shape of `yPred`.
    ///   - yPred: class probabilities or logits, `[batch, ..., classes]`.
    ///   - fromLogits: whether `yPred` holds logits.
    ///   - labelSmoothing: in `[0, 1]`; labels become `y * (1 - s) + s / classes`, with
    ///     `classes` the size of the last axis.
    ///   - axis: the class axis. Defaults to -1.
    /// - Returns: the shape of `yPred` without `axis`.
    /// - Throws: ``KerasError`` when `yTrue` holds integer class indices
    ///   (use ``sparseCategoricalCrossentropy(_:_:fromLogits:ignoreClass:axis:)``) or the shapes differ.
    ///
    /// ```swift
    /// try Losses.categoricalCrossentropy(Tensor([0.0, 1, 0], shape: [1, 3]), Tensor([0.05, 0.95, 0], shape: [1, 3]))   // [0.0513]
    /// ```
    public static func categoricalCrossentropy(_ yTrue: Tensor, _ yPred: Tensor, fromLogits: Bool = false,
                                               labelSmoothing: Double = 0, axis: Int = -1) throws -> Tensor {
        let loss = "categorical_crossentropy"
        try validateLabelSmoothing(labelSmoothing, loss)
        var (t, p) = prepared(yTrue, yPred)
        try requireOneHotLabels(t, p, loss)
        let a = try resolvedAxis(axis, p.shape, loss)
        if labelSmoothing != 0 { t = smoothedCategorical(t, labelSmoothing) }
        return -(t * categoricalLogProbabilities(p, axis: a, fromLogits: fromLogits)).sum(axes: [a])
    }

    /// The categorical focal cross-entropy (Keras's `categorical_focal_crossentropy`):
    /// `-sum(alpha * (1 - p)^gamma * y * log p, axis)` with `p` renormalized and clipped to
    /// `[epsilon, 1 - epsilon]` (a softmax is applied first when `fromLogits` is true).
    ///
    /// - Parameters:
    ///   - yTrue: one-hot (or soft) labels, the shape of `yPred`.
    ///   - yPred: class probabilities or logits, `[batch, ..., classes]`.
    ///   - alpha: the weight of every class, in `[0, 1]`.
    ///   - gamma: the focusing exponent, non-negative.
    ///   - fromLogits: whether `yPred` holds logits.
    ///   - labelSmoothing: in `[0, 1]`, as for ``categoricalCrossentropy(_:_:fromLogits:labelSmoothing:axis:)``.
    ///   - axis: the class axis.
    /// - Returns: the shape of `yPred` without `axis`.
    ///
    /// ```swift
    /// try Losses.categoricalFocalCrossentropy(Tensor([0.0, 1, 0], shape: [1, 3]), Tensor([0.1, 0.8, 0.1], shape: [1, 3]))   // [0.0022]
    /// ```
    public static func categoricalFocalCrossentropy(_ yTrue: Tensor, _ yPred: Tensor, alpha: Double = 0.25,
                                                    gamma: Double = 2, fromLogits: Bool = false,
                                                    labelSmoothing: Double = 0, axis: Int = -1) throws -> Tensor {
        let loss = "categorical_focal_crossentropy"
        try validateFocal(alpha: alpha, gamma: gamma, labelSmoothing: labelSmoothing, loss)
        var (t, p) = prepared(yTrue, yPred)
        try requireOneHotLabels(t, p, loss)
        let a = try resolvedAxis(axis, p.shape, loss)
        if labelSmoothing != 0 { t = smoothedCategorical(t, labelSmoothing) }
        if fromLogits { p = softmax(p, axis: a) }
        let output = clip(p / p.sum(axes: [a], keepingDimensions: true), min: epsilon, max: 1 - epsilon)
        let crossentropy = -t * log(output)
        let weighting = power(1 - output, gamma) * alpha
        return (weighting * crossentropy).sum(axes: [a])
    }

    /// The cross-entropy of integer class labels (Keras's `sparse_categorical_crossentropy`):
    /// `-log(yPred[label])`, with `yPred` renormalized and clipped, or log-softmaxed from logits.
    /// Labels outside `0..<classes` give 0.
    ///
    /// - Parameters:
    ///   - yTrue: class indices, `yPred`'s shape without `axis` (or with a size-1 axis there);
    ///     any numeric dtype, truncated to integers.
    ///   - yPred: probabilities or logits, `[batch, ..., classes]`.
    ///   - fromLogits: whether `yPred` holds logits.
    ///   - ignoreClass: a label value that contributes nothing (its loss is 0, and a
    ///     ``Loss`` masks it out of the reduction), e.g. `-1` for padding.
    ///   - axis: the class axis. Defaults to -1.
    /// - Returns: the shape of `yTrue` (without its size-1 class axis).
    /// - Throws: ``KerasError`` when `yTrue` is one-hot (use
    ///   ``categoricalCrossentropy(_:_:fromLogits:labelSmoothing:axis:)``) or the shapes do not fit.
    ///
    /// ```swift
    /// try Losses.sparseCategoricalCrossentropy(Tensor([1, 2]), Tensor([0.05, 0.95, 0, 0.1, 0.8, 0.1], shape: [2, 3]))
    /// // [0.0513, 2.3026]
    /// ```
    public static func sparseCategoricalCrossentropy(_ yTrue: Tensor, _ yPred: Tensor, fromLogits: Bool = false,
                                                     ignoreClass: Int? = nil, axis: Int = -1) throws -> Tensor {
        try sparseCategoricalCrossentropyWithMask(yTrue, yPred, fromLogits: fromLogits, ignoreClass: ignoreClass, axis: axis).values
    }

    /// ``sparseCategoricalCrossentropy(_:_:fromLogits:ignoreClass:axis:)`` with the mask of the
    /// labels that are not `ignoreClass` (nil without `ignoreClass`), which Keras attaches to the
    /// values.
    static func sparseCategoricalCrossentropyWithMask(_ yTrue: Tensor, _ yPred: Tensor, fromLogits: Bool,
                                                      ignoreClass: Int?, axis: Int) throws -> (values: Tensor, mask: Tensor?) {
        let loss = "sparse_categorical_crossentropy"
        var p = yPred.dtype.isFloatingPoint ? yPred : yPred.cast(to: .float32)
        var t = yTrue
        guard p.rank >= 1 else {
            throw KerasError(.incompatibleShape, "\(loss) needs y_pred with a class axis, but received a scalar y_pred.")
        }
        let a = try resolvedAxis(axis, p.shape, loss)
        let classes = p.shape[a]
        if t.rank == p.rank && t.shape == p.shape && classes > 1 {
            throw KerasError(.incompatibleShape, "\(loss) received y_true of shape \(Shape.describe(t.shape)), the shape of y_pred \(Shape.describe(p.shape)): these look like one-hot labels; use CategoricalCrossentropy for one-hot labels, or pass integer class indices of shape \(Shape.describe(p.shape.enumerated().filter { $0.offset != a }.map(\.element))).")
        }
        if t.rank == p.rank && t.shape[a] == 1 { t = t.squeezed(axes: [a]) }
        var expected = p.shape
        expected.remove(at: a)
        guard t.shape == expected else {
            throw KerasError(.incompatibleShape, "\(loss) needs integer labels of shape \(Shape.describe(expected)) (y_pred's shape \(Shape.describe(p.shape)) without the class axis \(axis)), but received y_true of shape \(Shape.describe(yTrue.shape)).")
        }
        var valid: Tensor?
        if let ignoreClass {
            let isValid = notEqual(t.cast(to: p.dtype), Tensor(Double(ignoreClass), dtype: p.dtype))
            t = select(isValid, t, Tensor.zeros([], dtype: t.dtype))
            p = select(isValid.expandingDimensions(axis: a), p, Tensor.zeros([], dtype: p.dtype))
            valid = isValid
        }
        let labels = t.dtype.isInteger ? t : t.cast(to: .int32)
        var target = oneHot(labels, numClasses: classes, dtype: p.dtype)
        if a != p.rank - 1 { target = target.movingAxis(-1, to: a) }
        var values = -(target * categoricalLogProbabilities(p, axis: a, fromLogits: fromLogits)).sum(axes: [a])
        if let valid {
            values = select(valid, values, Tensor.zeros([], dtype: values.dtype))
        }
        return (values, valid)
    }

    /// The Kullback-Leibler divergence `sum(y * log(y / p), axis: -1)` with both clipped to
    /// `[epsilon, 1]` (Keras's `kl_divergence`, alias `"kld"`).
    ///
    /// - Returns: one value per sample.
    ///
    /// ```swift
    /// try Losses.klDivergence(Tensor([0.5, 0.5], shape: [1, 2]), Tensor([0.25, 0.75], shape: [1, 2]))   // [0.1438]
    /// ```
    public static func klDivergence(_ yTrue: Tensor, _ yPred: Tensor) throws -> Tensor {
        var (t, p) = try broadcastable(yTrue, yPred, "kl_divergence")
        t = clip(t, min: epsilon, max: 1)
        p = clip(p, min: epsilon, max: 1)
        return (t * log(t / p)).sum(axes: [-1])
    }

    /// The Poisson loss `mean(yPred - yTrue * log(yPred + epsilon), axis: -1)` (Keras's `poisson`),
    /// for predicted rates of count data.
    ///
    /// - Returns: one value per sample.
    ///
    /// ```swift
    /// try Losses.poisson(Tensor([1.0, 2], shape: [1, 2]), Tensor([1.0, 1], shape: [1, 2]))   // [1.0]
    /// ```
    public static func poisson(_ yTrue: Tensor, _ yPred: Tensor) throws -> Tensor {
        let (t, p) = try broadcastable(yTrue, yPred, "poisson")
        return (p - t * log(p + epsilon)).mean(axes: [-1])
    }

    // MARK: Shared pieces

    /// Keras's backend `binary_crossentropy`, elementwise.
    static func elementwiseBinaryCrossentropy(_ t: Tensor, _ p: Tensor, fromLogits: Bool) -> Tensor {
        if fromLogits {
            // log σ(x) = -softplus(-x), as jax.nn.log_sigmoid.
            let logP = -softplus(-p)
            let logNotP = -softplus(p)
            return (t * -1) * logP - (1 - t) * logNotP
        }
        let clipped = clip(p, min: epsilon, max: 1 - epsilon)
        let bce = t * log(clipped) + (1 - t) * log(1 - clipped)
        return -bce
    }

    /// `log p` along the class axis: a log-softmax of logits, or the renormalized, clipped log of
    /// probabilities (Keras's backend `categorical_crossentropy`).
    static func categoricalLogProbabilities(_ p: Tensor, axis: Int, fromLogits: Bool) -> Tensor {
        if fromLogits { return logSoftmax(p, axis: axis) }
        let normalized = p / p.sum(axes: [axis], keepingDimensions: true)
        return log(clip(normalized, min: epsilon, max: 1 - epsilon))
    }

    /// `y * (1 - s) + s / classes`, with `classes` the last axis's size, divided in `y`'s dtype
    /// as Keras does.
    static func smoothedCategorical(_ t: Tensor, _ labelSmoothing: Double) -> Tensor {
        let classes = Tensor(Double(t.shape[t.rank - 1]), dtype: t.dtype)
        return t * (1 - labelSmoothing) + Tensor(labelSmoothing, dtype: t.dtype) / classes
    }

    /// Throws unless `t` has `p`'s shape, with a pointer to the sparse loss when `t` looks like
    /// integer class indices (`[batch]` or `[batch, 1]` for `[batch, classes]` predictions).
    static func requireOneHotLabels(_ t: Tensor, _ p: Tensor, _ loss: String) throws {
        guard t.shape != p.shape else { return }
        guard p.rank >= 1 else { try requireSameShape(t, p, loss); return }
        let leading = Array(p.shape.dropLast())
        let classes = p.shape[p.rank - 1]
        let looksSparse = classes > 1 && (t.shape == leading || t.shape == leading + [1])
        if looksSparse {
            throw KerasError(.incompatibleShape, "\(loss) received y_true of shape \(Shape.describe(t.shape)) for y_pred of shape \(Shape.describe(p.shape)): these look like integer class indices; use SparseCategoricalCrossentropy (\"sparse_categorical_crossentropy\") for integer labels, or one-hot encode them to shape \(Shape.describe(p.shape)).")
        }
        try requireSameShape(t, p, loss)
    }

    /// Validates the focal losses' arguments.
    static func validateFocal(alpha: Double, gamma: Double, labelSmoothing: Double, _ loss: String) throws {
        try validate(alpha, "alpha", in: 0...1, loss)
        try validate(gamma, "gamma", in: 0...Double.infinity, loss)
        try validateLabelSmoothing(labelSmoothing, loss)
    }
}
