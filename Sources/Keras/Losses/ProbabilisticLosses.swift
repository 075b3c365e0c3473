// Keras's probabilistic loss classes: the cross-entropies, KL divergence and Poisson.

/// The binary cross-entropy (Keras's `BinaryCrossentropy`) for one or more independent yes/no
/// labels per sample; see ``Losses/binaryCrossentropy(_:_:fromLogits:labelSmoothing:axis:)``.
///
/// ```swift
/// let loss = try BinaryCrossentropy(fromLogits: true)
/// try loss(Tensor([0.0, 1, 0, 0]), Tensor([-18.6, 0.51, 2.94, -12.8]))   // 0.8654
/// ```
public final class BinaryCrossentropy: LossFunctionWrapper, @unchecked Sendable {
    /// Whether predictions are logits rather than probabilities.
    public let fromLogits: Bool
    /// How much labels are pulled toward 0.5, in `[0, 1]`.
    public let labelSmoothing: Double
    /// The axis averaged over.
    public let axis: Int

    /// Makes the loss.
    ///
    /// - Parameters:
    ///   - fromLogits: whether predictions are logits (more stable than probabilities).
    ///   - labelSmoothing: in `[0, 1]`; labels become `y * (1 - s) + s / 2`.
    ///   - axis: the axis averaged over. Defaults to -1.
    ///   - reduction: the reduction.
    ///   - name: the name. Defaults to `"binary_crossentropy"`.
    ///   - dtype: the dtype inputs are converted to.
    /// - Throws: ``KerasError`` `.invalidArgument` for a `labelSmoothing` outside `[0, 1]`.
    public init(fromLogits: Bool = false, labelSmoothing: Double = 0, axis: Int = -1,
                reduction: LossReduction = .sumOverBatchSize, name: String = "binary_crossentropy",
                dtype: DType = .float32) throws {
        try Losses.validateLabelSmoothing(labelSmoothing, "BinaryCrossentropy")
        self.fromLogits = fromLogits
        self.labelSmoothing = labelSmoothing
        self.axis = axis
        let arguments: JSONObject = ["from_logits": .bool(fromLogits), "label_smoothing": .double(labelSmoothing), "axis": .int(axis)]
        super.init(builtin: "binary_crossentropy", arguments: arguments, name: name, reduction: reduction, dtype: dtype) { t, p in
            (try Losses.binaryCrossentropy(t, p, fromLogits: fromLogits, labelSmoothing: labelSmoothing, axis: axis), nil)
        }
    }

    /// `name`, `reduction`, `from_logits`, `label_smoothing` and `axis`.
    public override var kerasConfig: JSONObject { baseConfig.merging(functionArguments) }
}

/// The binary focal cross-entropy (Keras's `BinaryFocalCrossentropy`): the binary cross-entropy
/// down-weighting easy examples by `(1 - p_t)^gamma`, for imbalanced data; see
/// ``Losses/binaryFocalCrossentropy(_:_:applyClassBalancing:alpha:gamma:fromLogits:labelSmoothing:axis:)``.
///
/// ```swift
/// let loss = try BinaryFocalCrossentropy(gamma: 2, fromLogits: true)
/// try loss(Tensor([0.0, 1, 0, 0]), Tensor([-18.6, 0.51, 2.94, -12.8]))   // 0.6912
/// ```
public final class BinaryFocalCrossentropy: LossFunctionWrapper, @unchecked Sendable {
    /// Whether positives weigh `alpha` and negatives `1 - alpha`.
    public let applyClassBalancing: Bool
    /// The positive class's weight with class balancing, in `[0, 1]`.
    public let alpha: Double
    /// The focusing exponent; 0 gives the binary cross-entropy.
    public let gamma: Double
    /// Whether predictions are logits.
    public let fromLogits: Bool
    /// How much labels are pulled toward 0.5.
    public let labelSmoothing: Double
    /// The axis averaged over.
    public let axis: Int

    /// Makes the loss.
    ///
    /// - Parameters:
    ///   - applyClassBalancing: whether to weight positives by `alpha`, negatives by `1 - alpha`.
    ///   - alpha: in `[0, 1]`. Defaults to 0.25.
    ///   - gamma: non-negative. Defaults to 2.
    ///   - fromLogits: whether predictions are logits.
    ///   - labelSmoothing: in `[0, 1]`.
    ///   - axis: the axis averaged over.
    ///   - reduction: the reduction.
    ///   - name: the name. Defaults to `"binary_focal_crossentropy"`.
    ///   - dtype: the dtype inputs are converted to.
    /// - Throws: ``KerasError`` `.invalidArgument` for arguments outside those ranges.
    public init(applyClassBalancing: Bool = false, alpha: Double = 0.25, gamma: Double = 2, fromLogits: Bool = false,
                labelSmoothing: Double = 0, axis: Int = -1, reduction: LossReduction = .sumOverBatchSize,
                name: String = "binary_focal_crossentropy", dtype: DType = .float32) throws {
        try Losses.validateFocal(alpha: alpha, gamma: gamma, labelSmoothing: labelSmoothing, "BinaryFocalCrossentropy")
        (self.applyClassBalancing, self.alpha, self.gamma) = (applyClassBalancing, alpha, gamma)
        (self.fromLogits, self.labelSmoothing, self.axis) = (fromLogits, labelSmoothing, axis)
        let arguments: JSONObject = [
            "apply_class_balancing": .bool(applyClassBalancing), "alpha": .double(alpha), "gamma": .double(gamma),
            "from_logits": .bool(fromLogits), "label_smoothing": .double(labelSmoothing), "axis": .int(axis),
        ]
        super.init(builtin: "binary_focal_crossentropy", arguments: arguments, name: name, reduction: reduction, dtype: dtype) { t, p in
            (try Losses.binaryFocalCrossentropy(t, p, applyClassBalancing: applyClassBalancing, alpha: alpha, gamma: gamma,
                                                fromLogits: fromLogits, labelSmoothing: labelSmoothing, axis: axis), nil)
        }
    }

    /// Keras's keys: `name`, `reduction`, `from_logits`, `label_smoothing`, `axis`,
    /// `apply_class_balancing`, `alpha`, `gamma`.
    public override var kerasConfig: JSONObject {
        baseConfig.merging(["from_logits": .bool(fromLogits), "label_smoothing": .double(labelSmoothing), "axis": .int(axis),
                            "apply_class_balancing": .bool(applyClassBalancing), "alpha": .double(alpha), "gamma": .double(gamma)])
    }
}

/// The categorical cross-entropy of one-hot labels (Keras's `CategoricalCrossentropy`); use
/// ``SparseCategoricalCrossentropy`` for integer labels. See
/// ``Losses/categoricalCrossentropy(_:_:fromLogits:labelSmoothing:axis:)``.
///
/// ```swift
/// let loss = try CategoricalCrossentropy()
/// try loss(Tensor([0.0, 1, 0, 0, 0, 1], shape: [2, 3]), Tensor([0.05, 0.95, 0, 0.1, 0.8, 0.1], shape: [2, 3]))   // 1.1769
/// ```
public final class CategoricalCrossentropy: LossFunctionWrapper, @unchecked Sendable {
    /// Whether predictions are logits.
    public let fromLogits: Bool
    /// How much labels are pulled toward uniform, in `[0, 1]`.
    public let labelSmoothing: Double
    /// The class axis.
    public let axis: Int

    /// Makes the loss.
    ///
    /// - Parameters:
    ///   - fromLogits: whether predictions are logits.
    ///   - labelSmoothing: in `[0, 1]`; labels become `y * (1 - s) + s / classes`.
    ///   - axis: the class axis. Defaults to -1.
    ///   - reduction: the reduction.
    ///   - name: the name. Defaults to `"categorical_crossentropy"`.
    ///   - dtype: the dtype inputs are converted to.
    /// - Throws: ``KerasError`` `.invalidArgument` for a `labelSmoothing` outside `[0, 1]`.
    public init(fromLogits: Bool = false, labelSmoothing: Double = 0, axis: Int = -1,
                reduction: LossReduction = .sumOverBatchSize, name: String = "categorical_crossentropy",
                dtype: DType = .float32) throws {
        try Losses.validateLabelSmoothing(labelSmoothing, "CategoricalCrossentropy")
        self.fromLogits = fromLogits
        self.labelSmoothing = labelSmoothing
        self.axis = axis
        let arguments: JSONObject = ["from_logits": .bool(fromLogits), "label_smoothing": .double(labelSmoothing), "axis": .int(axis)]
        super.init(builtin: "categorical_crossentropy", arguments: arguments, name: name, reduction: reduction, dtype: dtype) { t, p in
            (try Losses.categoricalCrossentropy(t, p, fromLogits: fromLogits, labelSmoothing: labelSmoothing, axis: axis), nil)
        }
    }

    /// `name`, `reduction`, `from_logits`, `label_smoothing` and `axis`.
    public override var kerasConfig: JSONObject { baseConfig.merging(functionArguments) }
}

/// The categorical focal cross-entropy (Keras's `CategoricalFocalCrossentropy`): the categorical
/// cross-entropy down-weighting confident classes by `alpha * (1 - p)^gamma`. See
/// ``Losses/categoricalFocalCrossentropy(_:_:alpha:gamma:fromLogits:labelSmoothing:axis:)``.
///
/// ```swift
/// let loss = try CategoricalFocalCrossentropy()
/// try loss(Tensor([0.0, 1, 0, 0, 0, 1], shape: [2, 3]), Tensor([0.05, 0.95, 0, 0.1, 0.8, 0.1], shape: [2, 3]))   // 0.2332
/// ```
public final class CategoricalFocalCrossentropy: LossFunctionWrapper, @unchecked Sendable {
    /// The weight of every class, in `[0, 1]`.
    public let alpha: Double
    /// The focusing exponent.
    public let gamma: Double
    /// Whether predictions are logits.
    public let fromLogits: Bool
    /// How much labels are pulled toward uniform.
    public let labelSmoothing: Double
    /// The class axis.
    public let axis: Int

    /// Makes the loss.
    ///
    /// - Parameters:
    ///   - alpha: in `[0, 1]`. Defaults to 0.25.
    ///   - gamma: non-negative. Defaults to 2.
    ///   - fromLogits: whether predictions are logits.
    ///   - labelSmoothing: in `[0, 1]`.
    ///   - axis: the class axis.
    ///   - reduction: the reduction.
    ///   - name: the name. Defaults to `"categorical_focal_crossentropy"`.
    ///   - dtype: the dtype inputs are converted to.
    /// - Throws: ``KerasError`` `.invalidArgument` for arguments outside those ranges.
    public init(alpha: Double = 0.25, gamma: Double = 2, fromLogits: Bool = false, labelSmoothing: Double = 0,
                axis: Int = -1, reduction: LossReduction = .sumOverBatchSize,
                name: String = "categorical_focal_crossentropy", dtype: DType = .float32) throws {
        try Losses.validateFocal(alpha: alpha, gamma: gamma, labelSmoothing: labelSmoothing, "CategoricalFocalCrossentropy")
        (self.alpha, self.gamma, self.fromLogits, self.labelSmoothing, self.axis) = (alpha, gamma, fromLogits, labelSmoothing, axis)
        let arguments: JSONObject = [
            "alpha": .double(alpha), "gamma": .double(gamma), "from_logits": .bool(fromLogits),
            "label_smoothing": .double(labelSmoothing), "axis": .int(axis),
        ]
        super.init(builtin: "categorical_focal_crossentropy", arguments: arguments, name: name, reduction: reduction,
                   dtype: dtype) { t, p in
            (try Losses.categoricalFocalCrossentropy(t, p, alpha: alpha, gamma: gamma, fromLogits: fromLogits,
                                                     labelSmoothing: labelSmoothing, axis: axis), nil)
        }
    }

    /// Keras's keys: `name`, `reduction`, `from_logits`, `label_smoothing`, `axis`, `alpha`, `gamma`.
    public override var kerasConfig: JSONObject {
        baseConfig.merging(["from_logits": .bool(fromLogits), "label_smoothing": .double(labelSmoothing), "axis": .int(axis),
                            "alpha": .double(alpha), "gamma": .double(gamma)])
    }
}

/// The cross-entropy of integer class labels (Keras's `SparseCategoricalCrossentropy`), with an
/// optional class to ignore (padding, "void" pixels). See
/// ``Losses/sparseCategoricalCrossentropy(_:_:fromLogits:ignoreClass:axis:)``.
///
/// Entries labelled `ignoreClass` get a loss of 0 and are masked out of the reduction, so the
/// default reduction averages over the other entries only.
///
/// ```swift
/// let loss = SparseCategoricalCrossentropy(ignoreClass: -1)
/// try loss(Tensor([1, -1]), Tensor([0.05, 0.95, 0, 0.1, 0.8, 0.1], shape: [2, 3]))   // 0.0513
/// ```
public final class SparseCategoricalCrossentropy: LossFunctionWrapper, @unchecked Sendable {
    /// Whether predictions are logits.
    public let fromLogits: Bool
    /// The label value that contributes nothing, if any.
    public let ignoreClass: Int?
    /// The class axis of the predictions.
    public let axis: Int

    /// Makes the loss.
    ///
    /// - Parameters:
    ///   - fromLogits: whether predictions are logits.
    ///   - ignoreClass: a label value to ignore, e.g. -1. Defaults to none.
    ///   - axis: the class axis. Defaults to -1.
    ///   - reduction: the reduction.
    ///   - name: the name. Defaults to `"sparse_categorical_crossentropy"`.
    ///   - dtype: the dtype inputs are converted to.
    public init(fromLogits: Bool = false, ignoreClass: Int? = nil, axis: Int = -1,
                reduction: LossReduction = .sumOverBatchSize, name: String = "sparse_categorical_crossentropy",
                dtype: DType = .float32) {
        self.fromLogits = fromLogits
        self.ignoreClass = ignoreClass
        self.axis = axis
        let arguments: JSONObject = ["from_logits": .bool(fromLogits), "ignore_class": ignoreClass.map { .int($0) } ?? .null,
                                     "axis": .int(axis)]
        super.init(builtin: "sparse_categorical_crossentropy", arguments: arguments, name: name, reduction: reduction,
                   dtype: dtype) { t, p in
            try Losses.sparseCategoricalCrossentropyWithMask(t, p, fromLogits: fromLogits, ignoreClass: ignoreClass, axis: axis)
        }
    }

    /// `name`, `reduction`, `from_logits` and `ignore_class`: Keras does not write `axis`.
    public override var kerasConfig: JSONObject {
        baseConfig.merging(["from_logits": .bool(fromLogits), "ignore_class": ignoreClass.map { .int($0) } ?? .null])
    }
}

/// The Kullback-Leibler divergence from predicted to true distributions (Keras's
/// `KLDivergence`, `"kld"`); see ``Losses/klDivergence(_:_:)``.
///
/// ```swift
/// try KLDivergence()(Tensor([0.5, 0.5], shape: [1, 2]), Tensor([0.25, 0.75], shape: [1, 2]))   // 0.1438
/// ```
public final class KLDivergence: LossFunctionWrapper, @unchecked Sendable {
    /// Makes the loss; `name` defaults to `"kl_divergence"`. See
    /// ``MeanSquaredError/init(reduction:name:dtype:)`` for the arguments.
    public init(reduction: LossReduction = .sumOverBatchSize, name: String = "kl_divergence", dtype: DType = .float32) {
        super.init(builtin: "kl_divergence", name: name, reduction: reduction, dtype: dtype) { t, p in
            (try Losses.klDivergence(t, p), nil)
        }
    }

    /// `name` and `reduction`, as Keras writes them.
    public override var kerasConfig: JSONObject { baseConfig }
}

/// The Poisson loss `mean(yPred - yTrue * log(yPred + epsilon))` (Keras's `Poisson`) for
/// predicted rates of counts.
///
/// ```swift
/// try Poisson()(Tensor([1.0, 2], shape: [1, 2]), Tensor([1.0, 1], shape: [1, 2]))   // 1.0
/// ```
public final class Poisson: LossFunctionWrapper, @unchecked Sendable {
    /// Makes the loss; `name` defaults to `"poisson"`. See
    /// ``MeanSquaredError/init(reduction:name:dtype:)`` for the arguments.
    public init(reduction: LossReduction = .sumOverBatchSize, name: String = "poisson", dtype: DType = .float32) {
        super.init(builtin: "poisson", name: name, reduction: reduction, dtype: dtype) { t, p in
            (try Losses.poisson(t, p), nil)
        }
    }

    /// `name` and `reduction`, as Keras writes them.
    public override var kerasConfig: JSONObject { baseConfig }
}

extension JSONObject {
    /// This object with `other`'s keys set after its own, in `other`'s order.
    func merging(_ other: JSONObject) -> JSONObject {
        var result = self
        for (key, value) in other.pairs { result[key] = value }
        return result
    }
}
