/// The shared base of the global pooling layers of every rank (Keras's `BaseGlobalPooling`):
/// the spatial axes are reduced to one value per channel, by maximum or by mean.
///
/// `[batch, *spatial, channels]` becomes `[batch, channels]`, or `[batch, 1, ..., 1, channels]`
/// with `keepdims` (`[batch, channels, 1, ..., 1]` for `channelsFirst`).
///
/// ```swift
/// let pool: BaseGlobalPooling = try GlobalAveragePooling2D(keepdims: true)
/// let y = try pool(Tensor.ones([8, 7, 7, 64]))   // [8, 1, 1, 64]
/// ```
public class BaseGlobalPooling: Layer {
    /// The number of spatial axes: 1, 2 or 3.
    public let rank: Int
    /// Where the channel axis sits.
    public let dataFormat: DataFormat
    /// Whether the reduced spatial axes stay, with size 1.
    public let keepdims: Bool

    /// The number of spatial axes of the concrete layer; 0 for the abstract bases.
    class var spatialRank: Int { 0 }

    /// Makes a global pooling layer of the rank of the class.
    ///
    /// - Parameters:
    ///   - dataFormat: `.channelsLast` (`[batch, *spatial, channels]`) or `.channelsFirst`.
    ///   - keepdims: whether the spatial axes stay with size 1.
    ///   - name: the layer's name (`global_average_pooling2d`, ... by default).
    ///   - dtype: the layer's dtype.
    /// - Throws: ``KerasError`` when called on an abstract base rather than a layer of a rank.
    public init(dataFormat: DataFormat = .channelsLast, keepdims: Bool = false, name: String? = nil,
                dtype: DType = .float32) throws {
        let rank = Self.spatialRank
        guard rank > 0 else {
            throw KerasError(.invalidArgument, "\(Self.kerasClassName) is an abstract base of the global pooling layers; use a layer of a given rank, such as GlobalAveragePooling2D.")
        }
        self.rank = rank
        self.dataFormat = dataFormat
        self.keepdims = keepdims
        super.init(name: name, dtype: dtype)
        inputSpec = [InputSpec(rank: rank + 2)]
    }

    /// The spatial axes of an input.
    var spatialAxes: [Int] { dataFormat == .channelsLast ? Array(1...rank) : Array(2..<(rank + 2)) }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape {
        guard inputShape.count == rank + 2 else {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (\(className)) expects inputs of rank \(rank + 2), but received shape \(inputShape.kerasDescription).")
        }
        let channels = dataFormat == .channelsLast ? inputShape[rank + 1] : inputShape[1]
        guard keepdims else { return [inputShape[0], channels] }
        let ones = TensorShape(repeating: 1, count: rank)
        return dataFormat == .channelsLast ? [inputShape[0]] + ones + [channels] : [inputShape[0], channels] + ones
    }

    override public func computeOutputDType(_ inputDTypes: [DType]) -> DType {
        inputDTypes.first.map { $0.isFloatingPoint ? $0 : dtype } ?? dtype
    }

    override public class var kerasBuildsAtInit: Bool { true }

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["data_format"] = .string(dataFormat.rawValue)
        config["keepdims"] = .bool(keepdims)
        return config
    }

    /// Rebuilds a global pooling layer of this class from its Keras config.
    convenience init(globalPoolingConfig config: LayerConfig) throws {
        try self.init(dataFormat: config.dataFormat(), keepdims: config.bool("keepdims", default: false),
                      name: config.name, dtype: config.dtype)
        trainable = config.trainable
    }

    /// The config keys of the global pooling layers (Keras 3.15).
    static let globalPoolingConfigKeys = ["data_format", "keepdims", "activity_regularizer"]
}

/// The shared base of ``GlobalMaxPooling1D``, ``GlobalMaxPooling2D`` and ``GlobalMaxPooling3D``:
/// the largest value of each channel over the spatial axes. See ``BaseGlobalPooling``.
///
/// Masks are not supported, as in Keras: a mask on the input is dropped and padded steps count.
///
/// ```swift
/// let y = try GlobalMaxPooling1D()(Tensor.ones([4, 10, 8]))   // [4, 8]
/// ```
public class GlobalMaxPooling: BaseGlobalPooling {
    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        input.max(axes: spatialAxes, keepingDimensions: keepdims)
    }
}

/// The shared base of ``GlobalAveragePooling1D``, ``GlobalAveragePooling2D`` and
/// ``GlobalAveragePooling3D``: the mean of each channel over the spatial axes. See
/// ``BaseGlobalPooling``.
///
/// ```swift
/// let y = try GlobalAveragePooling2D()(Tensor.ones([8, 7, 7, 64]))   // [8, 64]
/// ```
public class GlobalAveragePooling: BaseGlobalPooling {
    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        input.mean(axes: spatialAxes, keepingDimensions: keepdims)
    }
}
