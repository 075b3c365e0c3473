/// The leaky rectified linear unit: `x` for `x >= 0`, `negativeSlope * x` below (Keras's
/// `LeakyReLU` layer).
///
/// The layer's default slope is 0.3, as in Keras (the `leakyRelu` function's is 0.2).
///
/// ```swift
/// let layer = try LeakyReLU(negativeSlope: 0.5)
/// try layer(Tensor([-10.0, -5, 0, 5, 10])).floats   // [-5, -2.5, 0, 5, 10]
/// ```
public final class LeakyReLU: Layer {
    /// The slope for negative inputs.
    public let negativeSlope: Double

    /// Makes the layer.
    ///
    /// - Throws: ``KerasError`` when `negativeSlope` is negative.
    public init(negativeSlope: Double = 0.3, name: String? = nil, dtype: DType = .float32) throws {
        guard negativeSlope >= 0 else {
            throw KerasError(.invalidArgument, "LeakyReLU expects negativeSlope >= 0, but received negativeSlope=\(negativeSlope). Use a small positive slope such as 0.3.")
        }
        self.negativeSlope = negativeSlope
        super.init(name: name, dtype: dtype)
        supportsMasking = true
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        leakyRelu(input, negativeSlope: negativeSlope)
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape { inputShape }
}
