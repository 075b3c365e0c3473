// Keras's segmentation loss classes: Dice and Tversky.

/// The Dice loss (Keras's `Dice`): one minus the Dice coefficient of masks and predicted
/// probabilities. See ``Losses/dice(_:_:axis:)``.
///
/// With the default `axis: nil` the whole batch gives one scalar; pass the non-batch axes
/// (`[1, 2, 3]` for images) for one value per sample, which sample weights can then weigh.
///
/// ```swift
/// let loss = Dice(axis: [1])
/// try loss(Tensor([1.0, 0, 1, 0, 1, 1], shape: [2, 3]), Tensor([0.9, 0.2, 0.7, 0.1, 0.8, 0.9], shape: [2, 3]))   // 0.1316
/// ```
public final class Dice: LossFunctionWrapper, @unchecked Sendable {
    /// The axes summed over; `nil` sums everything.
    public let axis: [Int]?

    /// Makes the loss.
    ///
    /// - Parameters:
    ///   - axis: the axes summed over; `nil` (the default) sums everything.
    ///   - reduction: the reduction.
    ///   - name: the name. Defaults to `"dice"`.
    ///   - dtype: the dtype inputs are converted to.
    /// - Throws: ``KerasError`` `.invalidArgument` when `axis` repeats an axis.
    public init(axis: [Int]? = nil, reduction: LossReduction = .sumOverBatchSize, name: String = "dice",
                dtype: DType = .float32) throws {
        try Losses.validateAxes(axis, "Dice")
        self.axis = axis
        super.init(builtin: "dice", arguments: ["axis": Dice.axisValue(axis)], name: name, reduction: reduction,
                   dtype: dtype) { t, p in
            (try Losses.dice(t, p, axis: axis), nil)
        }
    }

    /// `name`, `reduction` and `axis` (a list, or null).
    public override var kerasConfig: JSONObject { baseConfig.merging(["axis": Dice.axisValue(axis)]) }

    /// `axis` as Keras writes a list of axes.
    static func axisValue(_ axis: [Int]?) -> JSONValue {
        axis.map { .array($0.map { .int($0) }) } ?? .null
    }
}

/// The Tversky loss (Keras's `Tversky`): Dice with separate weights `alpha` on the mask's mass
/// that is missed and `beta` on predicted mass outside the mask. See
/// ``Losses/tversky(_:_:alpha:beta:axis:)``.
///
/// ```swift
/// let loss = try Tversky(alpha: 0.7, beta: 0.3, axis: [1])
/// try loss(Tensor([1.0, 0, 1], shape: [1, 3]), Tensor([0.9, 0.2, 0.7], shape: [1, 3]))   // 0.1753
/// ```
public final class Tversky: LossFunctionWrapper, @unchecked Sendable {
    /// The weight of the missed mass.
    public let alpha: Double
    /// The weight of the spurious mass.
    public let beta: Double
    /// The axes summed over; `nil` sums everything.
    public let axis: [Int]?

    /// Makes the loss.
    ///
    /// - Parameters:
    ///   - alpha: finite, non-negative. Defaults to 0.5.
    ///   - beta: finite, non-negative. Defaults to 0.5.
    ///   - axis: the axes summed over; `nil` (the default) sums everything.
    ///   - reduction: the reduction.
    ///   - name: the name. Defaults to `"tversky"`.
    ///   - dtype: the dtype inputs are converted to.
    /// - Throws: ``KerasError`` `.invalidArgument` for a negative weight or a repeated axis.
    public init(alpha: Double = 0.5, beta: Double = 0.5, axis: [Int]? = nil, reduction: LossReduction = .sumOverBatchSize,
                name: String = "tversky", dtype: DType = .float32) throws {
        try Losses.validate(alpha, "alpha", in: 0...Double.infinity, "Tversky")
        try Losses.validate(beta, "beta", in: 0...Double.infinity, "Tversky")
        try Losses.validateAxes(axis, "Tversky")
        (self.alpha, self.beta, self.axis) = (alpha, beta, axis)
        let arguments: JSONObject = ["alpha": .double(alpha), "beta": .double(beta), "axis": Dice.axisValue(axis)]
        super.init(builtin: "tversky", arguments: arguments, name: name, reduction: reduction, dtype: dtype) { t, p in
            (try Losses.tversky(t, p, alpha: alpha, beta: beta, axis: axis), nil)
        }
    }

    /// `name`, `reduction`, `alpha`, `beta` and `axis`.
    public override var kerasConfig: JSONObject { baseConfig.merging(functionArguments) }
}
