/// Dropout that keeps the mean and variance of its inputs, for self-normalizing networks with
/// SELU activations (Keras's `AlphaDropout`).
///
/// While training, dropped units are set to SELU's negative saturation value
/// `-scale * alpha`, and the result goes through the affine map `a * x + b` that restores zero
/// mean and unit variance:
/// `a = ((1 - rate) * (1 + rate * alphaP²))^(-1/2)` and `b = -a * alphaP * rate`.
/// Inference passes the input through.
///
/// ```swift
/// let layer = try AlphaDropout(0.1, seed: 9)
/// let y = try layer(x, training: true)
/// ```
public final class AlphaDropout: Layer {
    /// The fraction of units to drop, in `[0, 1]`.
    public let rate: Double
    /// The shape of the keep mask (`nil` entries take the input's size); `nil` for one draw per
    /// element.
    public let noiseShape: TensorShape?
    /// The seed given at construction (`nil`: a random one).
    public let seed: UInt64?
    /// The stream of seeds, one per training call.
    public let seedGenerator: SeedGenerator
    /// Config keys read as integers, written back as integers.
    var integerConfigKeys: Set<String> = []

    /// Makes the layer.
    ///
    /// - Throws: ``KerasError`` when `rate` is outside `[0, 1]`.
    public init(_ rate: Double, noiseShape: TensorShape? = nil, seed: UInt64? = nil,
                name: String? = nil, dtype: DType = .float32) throws {
        try checkRate(rate, layer: "AlphaDropout")
        self.rate = rate
        self.noiseShape = noiseShape
        self.seed = seed
        self.seedGenerator = SeedGenerator(seed: seed)
        super.init(name: name, dtype: dtype)
        supportsMasking = true
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        guard training, rate > 0 else { return input }
        guard rate < 1 else {
            // Keras accepts rate=1 but fails here too: `a` divides by 1 - rate.
            throw KerasError(.invalidArgument, "Layer \"\(name)\" (AlphaDropout) cannot train with rate=1: its scale ((1 - rate) * (1 + rate * alpha_p^2))^(-1/2) is infinite. Use a rate below 1.")
        }
        let shape = try resolvedNoiseShape(noiseShape, for: input, layer: self)
        guard Shape.broadcast(shape, input.shape) == input.shape else {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (AlphaDropout) draws a mask of shape \(shape.asTensorShape.kerasDescription) that does not broadcast to its input of shape \(input.shape.asTensorShape.kerasDescription). Each mask size must be 1 or the input's size.")
        }
        let alpha = 1.6732632423543772848170429916717
        let scale = 1.0507009873554804934193349852946
        let alphaP = -alpha * scale
        let uniform = Random.uniform(shape, dtype: .float32, seed: seedGenerator.next())
        let kept = cast(greaterEqual(uniform, Tensor(rate, dtype: .float32)), to: input.dtype.floatingResult)
        let a = 1 / ((1 - rate) * (1 + rate * alphaP * alphaP)).squareRoot()
        let b = -a * alphaP * rate
        let x = input * kept + (1 - kept) * alphaP
        return x * a + b
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape { inputShape }

    override public class var kerasBuildsAtInit: Bool { true }

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["rate"] = LayerConfig.number(rate, integer: integerConfigKeys.contains("rate"))
        config["seed"] = LayerConfig.seedValue(seed)
        config["noise_shape"] = noiseShape.map(ShapeConfig.value) ?? .null
        return config
    }
}

extension AlphaDropout: KerasSerializable {
    /// AlphaDropout's config keys (Keras 3.15).
    public static let kerasConfigKeys = ["rate", "noise_shape", "seed", "activity_regularizer"]

    /// Rebuilds an AlphaDropout layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` when `rate` is missing, `.invalidArgument` for a
    ///   value outside `[0, 1]`, `.unsupported` for a `SeedGenerator` seed.
    public convenience init(config: LayerConfig) throws {
        try self.init(Dropout.rate(in: config, key: "rate"), noiseShape: config.optionalShape("noise_shape"), seed: config.seed(), name: config.name, dtype: config.dtype)
        trainable = config.trainable
        integerConfigKeys = config.integerValuedKeys(["rate"])
    }
}
