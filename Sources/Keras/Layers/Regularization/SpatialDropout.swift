/// Dropout of whole feature maps (Keras's `SpatialDropout1D`): for a `[batch, steps, channels]`
/// input, each channel of each sample is kept or dropped at every step together.
///
/// Adjacent steps are usually strongly correlated, so dropping single values hardly
/// regularizes; dropping whole channels does.
///
/// ```swift
/// let layer = try SpatialDropout1D(0.25, seed: 1)
/// let y = try layer(Tensor.ones([8, 10, 16]), training: true)
/// ```
public final class SpatialDropout1D: Dropout {
    /// Makes the layer.
    ///
    /// - Throws: ``KerasError`` when `rate` is outside `[0, 1]`.
    public init(_ rate: Double, seed: UInt64? = nil, name: String? = nil, dtype: DType = .float32) throws {
        try super.init(rate, seed: seed, name: name, dtype: dtype)
        inputSpec = [InputSpec(rank: 3)]
    }

    /// Keras writes only these keys for spatial dropout, and the dtype as a plain string.
    override public var kerasConfig: JSONObject { spatialDropoutConfig(self, dataFormat: nil) }

    /// SpatialDropout1D's config keys (Keras 3.15).
    override public class var kerasConfigKeys: [String] { ["rate", "seed"] }

    /// Rebuilds a SpatialDropout1D layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` when `rate` is missing, `.invalidArgument` for a
    ///   rate outside `[0, 1]`, `.unsupported` for a `SeedGenerator` seed.
    public required convenience init(config: LayerConfig) throws {
        try self.init(Dropout.rate(in: config), seed: config.seed(), name: config.name, dtype: config.dtype)
        trainable = config.trainable
        integerConfigKeys = config.integerValuedKeys(["rate"])
    }

    /// `[batch, 1, channels]`.
    override public func noiseShape(for input: Tensor) throws -> [Int] {
        channelNoiseShape(input, channelsFirst: false)
    }
}

/// Dropout of whole 2-D feature maps (Keras's `SpatialDropout2D`): each channel of each sample is
/// kept or dropped over its whole height and width.
///
/// ```swift
/// let layer = try SpatialDropout2D(0.2)
/// let y = try layer(Tensor.ones([4, 28, 28, 8]), training: true)
/// ```
public final class SpatialDropout2D: Dropout {
    /// Where the channel axis sits.
    public let dataFormat: DataFormat

    /// Makes the layer.
    ///
    /// - Throws: ``KerasError`` when `rate` is outside `[0, 1]`.
    public init(_ rate: Double, dataFormat: DataFormat = .channelsLast, seed: UInt64? = nil,
                name: String? = nil, dtype: DType = .float32) throws {
        self.dataFormat = dataFormat
        try super.init(rate, seed: seed, name: name, dtype: dtype)
        inputSpec = [InputSpec(rank: 4)]
    }

    /// Keras writes only these keys for spatial dropout, and the dtype as a plain string.
    override public var kerasConfig: JSONObject { spatialDropoutConfig(self, dataFormat: dataFormat) }

    /// SpatialDropout2D's config keys (Keras 3.15).
    override public class var kerasConfigKeys: [String] { ["rate", "seed", "data_format"] }

    /// Rebuilds a SpatialDropout2D layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` when `rate` is missing, `.invalidArgument` for a
    ///   rate outside `[0, 1]`, `.unsupported` for a `SeedGenerator` seed.
    public required convenience init(config: LayerConfig) throws {
        try self.init(Dropout.rate(in: config), dataFormat: config.dataFormat(), seed: config.seed(), name: config.name, dtype: config.dtype)
        trainable = config.trainable
        integerConfigKeys = config.integerValuedKeys(["rate"])
    }

    /// `[batch, 1, 1, channels]`, or `[batch, channels, 1, 1]` for channels-first.
    override public func noiseShape(for input: Tensor) throws -> [Int] {
        channelNoiseShape(input, channelsFirst: dataFormat == .channelsFirst)
    }
}

/// Dropout of whole 3-D feature maps (Keras's `SpatialDropout3D`): each channel of each sample is
/// kept or dropped over its whole volume.
///
/// ```swift
/// let layer = try SpatialDropout3D(0.2, dataFormat: .channelsFirst)
/// let y = try layer(Tensor.ones([2, 4, 8, 8, 8]), training: true)
/// ```
public final class SpatialDropout3D: Dropout {
    /// Where the channel axis sits.
    public let dataFormat: DataFormat

    /// Makes the layer.
    ///
    /// - Throws: ``KerasError`` when `rate` is outside `[0, 1]`.
    public init(_ rate: Double, dataFormat: DataFormat = .channelsLast, seed: UInt64? = nil,
                name: String? = nil, dtype: DType = .float32) throws {
        self.dataFormat = dataFormat
        try super.init(rate, seed: seed, name: name, dtype: dtype)
        inputSpec = [InputSpec(rank: 5)]
    }

    /// Keras writes only these keys for spatial dropout, and the dtype as a plain string.
    override public var kerasConfig: JSONObject { spatialDropoutConfig(self, dataFormat: dataFormat) }

    /// SpatialDropout3D's config keys (Keras 3.15).
    override public class var kerasConfigKeys: [String] { ["rate", "seed", "data_format"] }

    /// Rebuilds a SpatialDropout3D layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` when `rate` is missing, `.invalidArgument` for a
    ///   rate outside `[0, 1]`, `.unsupported` for a `SeedGenerator` seed.
    public required convenience init(config: LayerConfig) throws {
        try self.init(Dropout.rate(in: config), dataFormat: config.dataFormat(), seed: config.seed(), name: config.name, dtype: config.dtype)
        trainable = config.trainable
        integerConfigKeys = config.integerValuedKeys(["rate"])
    }

    /// `[batch, 1, 1, 1, channels]`, or `[batch, channels, 1, 1, 1]` for channels-first.
    override public func noiseShape(for input: Tensor) throws -> [Int] {
        channelNoiseShape(input, channelsFirst: dataFormat == .channelsFirst)
    }
}

/// `[batch, 1, ..., 1, channels]` (or `[batch, channels, 1, ..., 1]`): one mask entry per channel
/// of each sample, shared over every spatial position.
private func channelNoiseShape(_ input: Tensor, channelsFirst: Bool) -> [Int] {
    let s = input.shape
    let ones = [Int](repeating: 1, count: s.count - 2)
    return channelsFirst ? [s[0], s[1]] + ones : [s[0]] + ones + [s[s.count - 1]]
}

/// What Keras's spatial dropout layers write: `rate`, `seed`, `name`, the variable dtype as a
/// plain string (not a policy object), and `data_format` for the 2-D and 3-D layers; no
/// `trainable` and no `noise_shape`.
private func spatialDropoutConfig(_ layer: Dropout, dataFormat: DataFormat?) -> JSONObject {
    var config: JSONObject = [
        "rate": LayerConfig.number(layer.rate, integer: layer.integerConfigKeys.contains("rate")),
        "seed": LayerConfig.seedValue(layer.seed), "name": .string(layer.name), "dtype": .string(layer.dtype.rawValue)]
    if let dataFormat { config["data_format"] = .string(dataFormat.rawValue) }
    return config
}
