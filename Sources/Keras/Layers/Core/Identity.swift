/// Returns its input unchanged, mask included (Keras's `Identity` layer): a placeholder, or a
/// named point in a graph.
///
/// ```swift
/// let y = try Identity()(x)   // y == x
/// ```
public final class Identity: Layer {
    /// Makes the layer.
    public override init(name: String? = nil, dtype: DType = .float32, trainable: Bool = true) {
        super.init(name: name, dtype: dtype, trainable: trainable)
        supportsMasking = true
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor { input }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape { inputShape }

    override public func computeOutputDType(_ inputDTypes: [DType]) -> DType { inputDTypes.first ?? dtype }
}
