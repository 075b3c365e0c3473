/// Passes its input through and records the activity penalty
/// `(l1 * Σ|x| + l2 * Σx²) / batchSize` in ``Layer/losses`` (Keras's `ActivityRegularization`).
///
/// It is a layer whose ``Layer/activityRegularizer`` is `L1L2(l1, l2)`, as in Keras: the penalty
/// is recorded on every call, in training and in inference, and divided by the batch size (the
/// first axis). Any other layer takes the same penalty on its output with
/// `activityRegularizer: .l1L2(l1:l2:)`.
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

    /// Makes the layer; both factors default to 0 and must be finite and non-negative (a
    /// precondition, as for ``Regularizer/l1L2(l1:l2:)``).
    public init(l1: Double = 0, l2: Double = 0, name: String? = nil, dtype: DType = .float32) {
        self.l1 = l1
        self.l2 = l2
        super.init(name: name, dtype: dtype, activityRegularizer: .l1L2(l1: l1, l2: l2))
        supportsMasking = true
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor { input }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape { inputShape }

    override public class var kerasBuildsAtInit: Bool { true }

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        // Keras's get_config pops the regularizer its constructor makes from l1 and l2.
        config["activity_regularizer"] = nil
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
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for a factor that is not a number,
    ///   `.invalidArgument` for a negative or non-finite one (Keras's `L1L2` rejects them too).
    public convenience init(config: LayerConfig) throws {
        let l1 = try config.double("l1", default: 0), l2 = try config.double("l2", default: 0)
        for (key, value) in [("l1", l1), ("l2", l2)] where !(value.isFinite && value >= 0) {
            throw KerasError(.invalidArgument, "ActivityRegularization \"\(config.name ?? "?")\" needs a finite, non-negative \(key), but received \(key)=\(value).")
        }
        self.init(l1: l1, l2: l2, name: config.name, dtype: config.dtype)
        trainable = config.trainable
        integerConfigKeys = config.integerValuedKeys(["l1", "l2"])
    }
}
