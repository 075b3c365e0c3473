/// The exponential linear unit: `x` for `x > 0`, `alpha * (e^x - 1)` below (Keras's `ELU` layer).
///
/// ```swift
/// let layer = ELU(alpha: 0.5)
/// try layer(Tensor([-1.0, 0, 2])).floats   // [-0.316, 0, 2]
/// ```
public final class ELU: Layer {
    /// The scale of the negative part.
    public let alpha: Double

    /// Makes the layer.
    public init(alpha: Double = 1, name: String? = nil, dtype: DType = .float32) {
        self.alpha = alpha
        super.init(name: name, dtype: dtype)
        supportsMasking = true
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        elu(input, alpha: alpha)
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape { inputShape }
}
