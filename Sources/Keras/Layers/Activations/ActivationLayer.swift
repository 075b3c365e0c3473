/// Applies an activation function to its input (Keras's `Activation` layer).
///
/// The Swift name differs from Keras's because ``Activation`` already names the activation
/// functions themselves; the layer still saves and prints as `Activation`.
///
/// ```swift
/// let layer = ActivationLayer(.relu)
/// try layer(Tensor([-3.0, -1, 0, 2])).floats   // [0, 0, 0, 2]
/// ```
public final class ActivationLayer: Layer {
    /// The function applied element by element.
    public let activation: Activation

    override public class var kerasClassName: String { "Activation" }

    /// Makes the layer.
    public init(_ activation: Activation, name: String? = nil, dtype: DType = .float32) {
        self.activation = activation
        super.init(name: name, dtype: dtype)
        supportsMasking = true
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        activation(input)
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape { inputShape }
}
