/// Passes its input through and records the activity penalty
/// `(l1 * Σ|x| + l2 * Σx²) / batchSize` in ``Layer/losses`` (Keras's `ActivityRegularization`).
///
/// The penalty is recorded on every call, in training and in inference, and is divided by the
/// batch size (the first axis) as Keras does for activity regularizers.
///
/// ```swift
/// let layer = ActivityRegularization(l1: 0.01)
/// _ = try layer(x)
/// layer.losses   // [0.01 * sum(|x|) / batch]
/// ```
public final class ActivityRegularization: Layer {
    /// The weight of the L1 term.
    public let l1: Double
    /// The weight of the L2 term.
    public let l2: Double
    /// Config keys read as integers, written back as integers.
    var integerConfigKeys: Set<String> = []

    /// Makes the layer; both factors default to 0.
    public init(l1: Double = 0, l2: Double = 0, name: String? = nil, dtype: DType = .float32) {
        self.l1 = l1
        self.l2 = l2
        super.init(name: name, dtype: dtype)
        supportsMasking = true
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        var penalty = Tensor.zeros([], dtype: input.dtype.floatingResult)
        if l1 != 0 { penalty = penalty + abs(input).sum() * l1 }
        if l2 != 0 { penalty = penalty + square(input).sum() * l2 }
        if input.rank > 0 {
            // Keras divides with divide_no_nan: an empty batch gives 0.
            let batch = input.shape[0]
            penalty = batch == 0 ? Tensor.zeros([], dtype: penalty.dtype) : penalty / Double(batch)
        }
        addLoss(penalty)
        return input
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape { inputShape }

    override public class var kerasBuildsAtInit: Bool { true }

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["l1"] = LayerConfig.number(l1, integer: integerConfigKeys.contains("l1"))
        config["l2"] = LayerConfig.number(l2, integer: integerConfigKeys.contains("l2"))
        return config
    }
}

extension ActivityRegularization: KerasSerializable {
    /// ActivityRegularization's config keys (Keras 3.15; its constructor sets the base layer's
    /// `activity_regularizer` itself, so a config cannot).
    public static let kerasConfigKeys = ["l1", "l2"]

    /// Rebuilds an ActivityRegularization layer from its Keras config.
    public convenience init(config: LayerConfig) throws {
        self.init(l1: try config.double("l1", default: 0), l2: try config.double("l2", default: 0),
                  name: config.name, dtype: config.dtype)
        trainable = config.trainable
        integerConfigKeys = config.integerValuedKeys(["l1", "l2"])
    }
}
