/// Randomly sets input units to 0 with frequency `rate` while training, scaling the others by
/// `1 / (1 - rate)` so the expected sum is unchanged (Keras's `Dropout`).
///
/// In inference (`training: false`, the default) the layer passes its input through unchanged.
/// Each training call draws a fresh mask from the layer's ``SeedGenerator``, so a given `seed`
/// makes a whole run reproducible.
///
/// ```swift
/// let dropout = try Dropout(0.5, seed: 42)
/// let y = try dropout(Tensor.ones([2, 4]), training: true)   // about half 0, the rest 2
/// ```
open class Dropout: Layer {
    /// The fraction of units to drop, in `[0, 1]`.
    public let rate: Double
    /// The shape of the binary mask, broadcast against the input (`nil` entries take the input's
    /// size); `nil` draws one value per element.
    public let noiseShape: TensorShape?
    /// The seed given at construction (`nil`: a random one).
    public let seed: UInt64?
    /// The stream of seeds, one per training call.
    public let seedGenerator: SeedGenerator
    /// Config keys read as integers, written back as integers.
    var integerConfigKeys: Set<String> = []

    /// Makes a Dropout layer.
    ///
    /// - Parameters:
    ///   - rate: the fraction of units to drop, in `[0, 1]` (`1` drops everything, as in Keras).
    ///   - noiseShape: the mask's shape, for example `[nil, 1, nil]` to drop the same features at
    ///     every time step of a `[batch, time, features]` input.
    ///   - seed: makes the masks reproducible.
    ///   - name: the layer's name; the class's snake-case name, numbered, by default.
    ///   - dtype: the dtype of the computation.
    /// - Throws: ``KerasError`` when `rate` is outside `[0, 1]` or `noiseShape` has a size below 1.
    public init(_ rate: Double, noiseShape: TensorShape? = nil, seed: UInt64? = nil,
                name: String? = nil, dtype: DType = .float32) throws {
        try checkRate(rate, layer: Self.kerasClassName)
        if let noiseShape {
            for (i, size) in noiseShape.enumerated() {
                if let size, size <= 0 {
                    throw KerasError(.invalidArgument, "\(Self.kerasClassName) expects every size in noiseShape to be positive or nil, but received noiseShape=\(noiseShape.kerasDescription) with \(size) at index \(i). Use nil to take the input's size on that axis.")
                }
            }
        }
        self.rate = rate
        self.noiseShape = noiseShape
        self.seed = seed
        self.seedGenerator = SeedGenerator(seed: seed)
        super.init(name: name, dtype: dtype)
        supportsMasking = true
    }

    /// The concrete shape of the mask for `input`: ``noiseShape`` with unknown entries filled
    /// from the input, or the input's own shape.
    open func noiseShape(for input: Tensor) throws -> [Int] {
        try resolvedNoiseShape(noiseShape, for: input, layer: self)
    }

    override open func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        guard training, rate > 0 else { return input }
        return try droppingOut(input, rate: rate, noiseShape: noiseShape(for: input), seed: seedGenerator.next(), layer: self)
    }

    override open func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape { inputShape }

    override open class var kerasBuildsAtInit: Bool { true }

    override open var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["rate"] = LayerConfig.number(rate, integer: integerConfigKeys.contains("rate"))
        config["seed"] = LayerConfig.seedValue(seed)
        config["noise_shape"] = noiseShape.map(ShapeConfig.value) ?? .null
        return config
    }

    /// Dropout's config keys (Keras 3.15); subclasses list their own.
    open class var kerasConfigKeys: [String] { ["rate", "noise_shape", "seed", "activity_regularizer"] }

    /// Rebuilds a Dropout layer from its Keras config. A subclass that adds designated
    /// initializers implements this for its own keys.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` when `rate` is missing, `.invalidArgument` for a
    ///   rate outside `[0, 1]`, `.unsupported` for a `SeedGenerator` seed.
    public required convenience init(config: LayerConfig) throws {
        try self.init(Dropout.rate(in: config), noiseShape: config.optionalShape("noise_shape"), seed: config.seed(),
                      name: config.name, dtype: config.dtype)
        trainable = config.trainable
        integerConfigKeys = config.integerValuedKeys(["rate"])
    }

    /// The required `rate` of a dropout layer's config.
    static func rate(in config: LayerConfig, key: String = "rate") throws -> Double {
        guard let rate = try config.optionalDouble(key) else {
            throw KerasError(.invalidConfig, "\(config.className) \"\(config.name ?? "?")\" needs the config key \"\(key)\" (a number in [0, 1]), but the config has none.")
        }
        return rate
    }
}

extension Dropout: KerasSerializable {}

/// Throws unless `rate` lies in `[0, 1]` (Keras's check for every dropout layer).
func checkRate(_ rate: Double, layer: String) throws {
    guard rate >= 0 && rate <= 1 else {
        throw KerasError(.invalidArgument, "\(layer) expects a rate between 0 and 1, but received rate=\(rate). Give the fraction of units to drop, such as 0.5.")
    }
}

/// Keras's `random.dropout`: keeps each mask position with probability `1 - rate`, broadcasts the
/// mask over `x`, and scales what is kept by `1 / (1 - rate)`; `rate == 1` gives zeros.
func droppingOut(_ x: Tensor, rate: Double, noiseShape: [Int], seed: UInt64, layer: Layer) throws -> Tensor {
    if rate >= 1 { return Tensor.zeros(like: x) }
    guard noiseShape.count == x.rank, Shape.broadcast(noiseShape, x.shape) == x.shape else {
        throw KerasError(.incompatibleShape, "Layer \"\(layer.name)\" (\(layer.className)) draws a mask of shape \(noiseShape.asTensorShape.kerasDescription) that does not broadcast to its input of shape \(x.shape.asTensorShape.kerasDescription). Each mask size must be 1 or the input's size on that axis.")
    }
    let keepProbability = 1 - rate
    let keep = Random.bernoulli(noiseShape, p: keepProbability, dtype: x.dtype.floatingResult, seed: seed)
    return (x / keepProbability) * keep
}

/// A layer's `noise_shape` for `input`: unknown entries filled from the input, or the input's own
/// shape when there is none.
func resolvedNoiseShape(_ noiseShape: TensorShape?, for input: Tensor, layer: Layer) throws -> [Int] {
    guard let noiseShape else { return input.shape }
    guard noiseShape.count == input.rank else {
        throw KerasError(.incompatibleShape, "Layer \"\(layer.name)\" (\(layer.className)) has noiseShape=\(noiseShape.kerasDescription) of rank \(noiseShape.count), but received an input of shape \(input.shape.asTensorShape.kerasDescription). Give a noiseShape with one entry per input axis.")
    }
    return zip(noiseShape, input.shape).map { $0 ?? $1 }
}
