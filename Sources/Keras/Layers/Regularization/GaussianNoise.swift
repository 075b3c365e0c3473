/// Adds zero-centred Gaussian noise of standard deviation `stddev` while training (Keras's
/// `GaussianNoise`); inference passes the input through.
///
/// ```swift
/// let noise = try GaussianNoise(0.1, seed: 3)
/// let y = try noise(x, training: true)   // x + N(0, 0.1²)
/// ```
public final class GaussianNoise: Layer {
    /// The standard deviation of the noise, in `[0, 1]` (Keras's bounds).
    public let stddev: Double
    /// The seed given at construction (`nil`: a random one).
    public let seed: UInt64?
    /// The stream of seeds, one per training call.
    public let seedGenerator: SeedGenerator
    /// Config keys read as integers, written back as integers.
    var integerConfigKeys: Set<String> = []

    /// Makes the layer.
    ///
    /// - Throws: ``KerasError`` when `stddev` is outside `[0, 1]`.
    public init(_ stddev: Double, seed: UInt64? = nil, name: String? = nil, dtype: DType = .float32) throws {
        guard stddev >= 0 && stddev <= 1 else {
            throw KerasError(.invalidArgument, "GaussianNoise expects a stddev between 0 and 1, but received stddev=\(stddev). Give the standard deviation of the added noise, such as 0.1.")
        }
        self.stddev = stddev
        self.seed = seed
        self.seedGenerator = SeedGenerator(seed: seed)
        super.init(name: name, dtype: dtype)
        supportsMasking = true
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        guard training, stddev > 0 else { return input }
        let noise = Random.normal(input.shape, mean: 0, stddev: stddev, dtype: input.dtype.floatingResult,
                                  seed: seedGenerator.next())
        return input + noise
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape { inputShape }

    override public class var kerasBuildsAtInit: Bool { true }

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["stddev"] = LayerConfig.number(stddev, integer: integerConfigKeys.contains("stddev"))
        config["seed"] = LayerConfig.seedValue(seed)
        return config
    }
}

extension GaussianNoise: KerasSerializable {
    /// GaussianNoise's config keys (Keras 3.15).
    public static let kerasConfigKeys = ["stddev", "seed", "activity_regularizer"]

    /// Rebuilds a GaussianNoise layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` when `stddev` is missing, `.invalidArgument` for a
    ///   value outside `[0, 1]`, `.unsupported` for a `SeedGenerator` seed.
    public convenience init(config: LayerConfig) throws {
        try self.init(Dropout.rate(in: config, key: "stddev"), seed: config.seed(), name: config.name, dtype: config.dtype)
        trainable = config.trainable
        integerConfigKeys = config.integerValuedKeys(["stddev"])
    }
}
