/// Multiplies the input by noise drawn from `N(1, rate / (1 - rate))` while training (Keras's
/// `GaussianDropout`); inference passes the input through.
///
/// ```swift
/// let layer = try GaussianDropout(0.2, seed: 5)
/// let y = try layer(x, training: true)   // x * N(1, 0.5²)
/// ```
public final class GaussianDropout: Layer {
    /// The drop probability of the equivalent Dropout, in `[0, 1]`.
    public let rate: Double
    /// The seed given at construction (`nil`: a random one).
    public let seed: UInt64?
    /// The stream of seeds, one per training call.
    public let seedGenerator: SeedGenerator
    /// Config keys read as integers, written back as integers.
    var integerConfigKeys: Set<String> = []

    /// Makes the layer.
    ///
    /// - Throws: ``KerasError`` when `rate` is outside `[0, 1]`.
    public init(_ rate: Double, seed: UInt64? = nil, name: String? = nil, dtype: DType = .float32) throws {
        try checkRate(rate, layer: "GaussianDropout")
        self.rate = rate
        self.seed = seed
        self.seedGenerator = SeedGenerator(seed: seed)
        super.init(name: name, dtype: dtype)
        supportsMasking = true
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        guard training, rate > 0 else { return input }
        guard rate < 1 else {
            // Keras accepts rate=1 but fails here too: the noise would have infinite variance.
            throw KerasError(.invalidArgument, "Layer \"\(name)\" (GaussianDropout) cannot train with rate=1: the noise standard deviation sqrt(rate / (1 - rate)) is infinite. Use a rate below 1.")
        }
        let stddev = (rate / (1 - rate)).squareRoot()
        let noise = Random.normal(input.shape, mean: 1, stddev: stddev, dtype: input.dtype.floatingResult,
                                  seed: seedGenerator.next())
        return input * noise
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape { inputShape }

    override public class var kerasBuildsAtInit: Bool { true }

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["rate"] = LayerConfig.number(rate, integer: integerConfigKeys.contains("rate"))
        config["seed"] = LayerConfig.seedValue(seed)
        return config
    }
}

extension GaussianDropout: KerasSerializable {
    /// GaussianDropout's config keys (Keras 3.15).
    public static let kerasConfigKeys = ["rate", "seed", "activity_regularizer"]

    /// Rebuilds a GaussianDropout layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` when `rate` is missing, `.invalidArgument` for a
    ///   value outside `[0, 1]`, `.unsupported` for a `SeedGenerator` seed.
    public convenience init(config: LayerConfig) throws {
        try self.init(Dropout.rate(in: config, key: "rate"), seed: config.seed(), name: config.name, dtype: config.dtype)
        trainable = config.trainable
        integerConfigKeys = config.integerValuedKeys(["rate"])
    }
}
