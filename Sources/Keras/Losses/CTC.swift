/// The connectionist temporal classification loss (Keras's `CTC`) for unsegmented sequences:
/// labels `[batch, maxLabelLength]` padded with 0 (also the blank class), logits
/// `[batch, time, classes]`. See ``Losses/ctc(_:_:)``.
///
/// ```swift
/// let loss = CTC()
/// let labels = Tensor([1, 2, 0], shape: [1, 3])
/// try loss(labels, Tensor.zeros([1, 4, 3]))   // 1.6864
/// ```
public final class CTC: LossFunctionWrapper, @unchecked Sendable {
    /// Makes the loss; `name` defaults to `"ctc"`. See
    /// ``MeanSquaredError/init(reduction:name:dtype:)`` for the arguments.
    public init(reduction: LossReduction = .sumOverBatchSize, name: String = "ctc", dtype: DType = .float32) {
        super.init(builtin: "ctc", name: name, reduction: reduction, dtype: dtype) { t, p in
            (try Losses.ctc(t, p), nil)
        }
    }

    /// `name` and `reduction`, as Keras writes them.
    public override var kerasConfig: JSONObject { baseConfig }
}
