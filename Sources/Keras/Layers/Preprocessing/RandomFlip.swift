/// Flips images at random while training (Keras's `RandomFlip`): each image is flipped with
/// probability one half. As in Keras 3.15.1, `horizontalAndVertical` draws one decision per
/// image for both flips, so an image is either turned by 180° or left as it is. In inference the
/// input passes through (cast to the layer's dtype).
///
/// ```swift
/// let flip = try RandomFlip(mode: .horizontal, seed: 42)
/// let y = try flip(Tensor.ones([4, 32, 32, 3]), training: true)
/// ```
public final class RandomFlip: BaseRandomImageLayer {
    /// Which flips are applied (Keras's `mode`).
    public enum Mode: String, Sendable, Hashable, CaseIterable {
        /// Left-right.
        case horizontal
        /// Upside down.
        case vertical
        /// Both, decided together.
        case horizontalAndVertical = "horizontal_and_vertical"
    }

    /// Which flips are applied.
    public let mode: Mode

    /// Makes the layer.
    ///
    /// - Parameters:
    ///   - mode: `.horizontalAndVertical` (the default), `.horizontal` or `.vertical`.
    ///   - seed: makes the flips reproducible.
    ///   - dataFormat: `.channelsLast` (the default) or `.channelsFirst`.
    ///   - name: the layer's name (`random_flip`, ... by default).
    ///   - dtype: the dtype of the output.
    public init(mode: Mode = .horizontalAndVertical, seed: UInt64? = nil, dataFormat: DataFormat = .channelsLast,
                name: String? = nil, dtype: DType = .float32) throws {
        self.mode = mode
        super.init(seed: seed, dataFormat: dataFormat, name: name, dtype: dtype)
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        let x = computeCast(input)
        guard training else { return x }
        let count = batchSize(of: x)
        let flips = uniform(count, 0, 1).map { $0 <= 0.5 }
        return flipped(x, decisions: flips)
    }

    /// `x` with image `i` flipped where `decisions[i]` holds.
    func flipped(_ x: Tensor, decisions: [Bool]) -> Tensor {
        let batched = x.rank == 4 ? x : x.expandingDimensions(axis: 0)
        let axes = spatialAxes(rank: 4)
        var flipAxes: [Int] = []
        if mode != .vertical { flipAxes.append(axes.width) }
        if mode != .horizontal { flipAxes.append(axes.height) }
        let flippedAll = batched.flipped(axes: flipAxes)
        let condition = Tensor(decisions, shape: [decisions.count, 1, 1, 1])
        let y = select(condition, flippedAll, batched)
        return x.rank == 4 ? y : y.squeezed(axes: [0])
    }

    /// Keras's keys: `seed`, `mode` and `data_format`.
    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["seed"] = .seedNumber(seed)
        config["mode"] = .string(mode.rawValue)
        config["data_format"] = .string(dataFormat.rawValue)
        return config
    }
}

extension RandomFlip: KerasSerializable {
    /// RandomFlip's config keys (Keras 3.15).
    public static let kerasConfigKeys = ["mode", "seed", "data_format", "bounding_box_format"]

    /// Rebuilds the layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.unsupported` for a `bounding_box_format`, `.invalidConfig` for
    ///   an unknown `mode` or malformed values.
    public convenience init(config: LayerConfig) throws {
        try self.init(mode: config.enumeration("mode", default: Mode.horizontalAndVertical), seed: config.uint64Seed("seed"),
                      dataFormat: Self.dataFormat(in: config), name: config.name, dtype: config.dtype)
        trainable = config.trainable
    }
}
