/// Returns its input unchanged, mask included (Keras's `Identity` layer): a placeholder, or a
/// named point in a graph.
///
/// ```swift
/// let y = try Identity()(x)   // y == x
/// ```
public final class Identity: Layer {
    /// Makes the layer.
    public init(name: String? = nil, dtype: DType = .float32, trainable: Bool = true) {
        super.init(name: name, dtype: dtype, trainable: trainable)
        supportsMasking = true
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor { input }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape { inputShape }

    override public func computeOutputDType(_ inputDTypes: [DType]) -> DType { inputDTypes.first ?? dtype }

    override public class var kerasBuildsAtInit: Bool { true }
}

extension Identity: KerasSerializable {
    /// Identity's config keys (Keras 3.15): the base keys only, and the base layer's
    /// `activity_regularizer` (read by the registry).
    public static let kerasConfigKeys = ["activity_regularizer"]

    /// Rebuilds an Identity layer from its Keras config.
    public convenience init(config: LayerConfig) throws {
        self.init(name: config.name, dtype: config.dtype, trainable: config.trainable)
    }
}
