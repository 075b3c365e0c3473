/// The Circle loss for metric learning (Keras's `Circle`): integer labels `[batch]` and
/// L2-normalized embeddings `[batch, dim]`; pairs within the batch are compared. See
/// ``Losses/circle(_:_:refLabels:refEmbeddings:removeDiagonal:gamma:margin:)``.
///
/// Samples whose loss is 0 (no positive pair, or all pairs already well separated) are masked
/// out of the reduction, as Keras does.
///
/// ```swift
/// let loss = try Circle(gamma: 80, margin: 0.4)
/// try loss(Tensor([0, 0, 1]), Tensor([1.0, 0, 0.8, 0.6, 0, 1], shape: [3, 2]))   // 3.2008
/// ```
public final class Circle: LossFunctionWrapper, @unchecked Sendable {
    /// The scale of the similarities.
    public let gamma: Double
    /// The relaxation margin.
    public let margin: Double
    /// Whether a sample is left out of its own positive pairs.
    public let removeDiagonal: Bool

    /// Makes the loss.
    ///
    /// - Parameters:
    ///   - gamma: finite, non-negative. Defaults to 80.
    ///   - margin: finite. Defaults to 0.4.
    ///   - removeDiagonal: whether to leave out self-similarities. Defaults to true.
    ///   - reduction: the reduction.
    ///   - name: the name. Defaults to `"circle"`.
    ///   - dtype: the dtype inputs are converted to.
    /// - Throws: ``KerasError`` `.invalidArgument` for a negative or non-finite `gamma` or a
    ///   non-finite `margin`.
    public init(gamma: Double = 80, margin: Double = 0.4, removeDiagonal: Bool = true,
                reduction: LossReduction = .sumOverBatchSize, name: String = "circle", dtype: DType = .float32) throws {
        try Losses.validate(gamma, "gamma", in: 0...Double.infinity, "Circle")
        try Losses.validateFinite(margin, "margin", "Circle")
        (self.gamma, self.margin, self.removeDiagonal) = (gamma, margin, removeDiagonal)
        let arguments: JSONObject = ["gamma": .double(gamma), "margin": .double(margin), "remove_diagonal": .bool(removeDiagonal)]
        super.init(builtin: "circle", arguments: arguments, name: name, reduction: reduction, dtype: dtype) { t, p in
            try Losses.circleWithMask(t, p, refLabels: nil, refEmbeddings: nil, removeDiagonal: removeDiagonal,
                                      gamma: gamma, margin: margin)
        }
    }

    /// `name`, `reduction`, `gamma`, `margin` and `remove_diagonal`.
    public override var kerasConfig: JSONObject { baseConfig.merging(functionArguments) }
}
