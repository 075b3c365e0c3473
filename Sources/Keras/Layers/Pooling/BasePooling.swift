/// The shared base of the max and average pooling layers of every rank (Keras's `BasePooling`):
/// a window slides over the spatial axes and each position keeps the largest value or the mean.
///
/// Inputs are `[batch, *spatial, channels]` (`channelsLast`) or `[batch, channels, *spatial]`
/// (`channelsFirst`). Along each spatial axis the output has `floor((n - pool) / stride) + 1`
/// positions with `valid` padding and `ceil(n / stride)` with `same`; with `same`, border windows
/// of average pooling average only the values inside the input, as in Keras.
///
/// ```swift
/// let pool: BasePooling = try MaxPooling2D(poolSize: 2)
/// let y = try pool(Tensor.ones([8, 28, 28, 16]))   // [8, 14, 14, 16]
/// ```
public class BasePooling: Layer {
    /// The number of spatial axes: 1, 2 or 3.
    public let rank: Int
    /// The window size along each spatial axis.
    public let poolSize: [Int]
    /// The step of the window along each spatial axis (the pool size unless given).
    public let strides: [Int]
    /// `valid` (windows inside the input) or `same` (output size `ceil(n / stride)`).
    public let padding: Padding
    /// Where the channel axis sits.
    public let dataFormat: DataFormat

    /// The number of spatial axes of the concrete layer; 0 for the abstract bases.
    class var spatialRank: Int { 0 }
    /// Whether the layer keeps the maximum (or the mean) of each window.
    class var takesMaximum: Bool { true }

    /// Validates and stores the configuration.
    ///
    /// - Throws: ``KerasError`` for an abstract base, a pool size or stride that is not positive
    ///   or has neither 1 nor `rank` entries, or `causal` padding.
    init(poolSize: PerAxis, strides: PerAxis?, padding: Padding, dataFormat: DataFormat, name: String?,
         dtype: DType) throws {
        let layer = Self.kerasClassName, rank = Self.spatialRank
        guard rank > 0 else {
            throw KerasError(.invalidArgument, "\(layer) is an abstract base of the pooling layers; use a layer of a given rank, such as MaxPooling2D or AveragePooling1D.")
        }
        guard padding != .causal else {
            throw KerasError(.invalidArgument, "\(layer) expects padding \"valid\" or \"same\", but received padding=\"causal\".")
        }
        self.rank = rank
        self.poolSize = try poolSize.resolved(rank: rank, argument: "pool_size", layer: layer)
        self.strides = try (strides ?? poolSize).resolved(rank: rank, argument: "strides", layer: layer)
        self.padding = padding
        self.dataFormat = dataFormat
        super.init(name: name, dtype: dtype)
        inputSpec = [InputSpec(rank: rank + 2)]
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        // Spatial sizes unknown when the layer was wired are checked here, before the kernel.
        _ = try computeOutputShape(input.shape.asTensorShape)
        if Self.takesMaximum {
            return maxPool(input, poolSize: poolSize, strides: strides, padding: padding, dataFormat: dataFormat)
        }
        return averagePool(input, poolSize: poolSize, strides: strides, padding: padding, dataFormat: dataFormat)
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape {
        guard inputShape.count == rank + 2 else {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (\(className)) expects inputs of rank \(rank + 2), but received shape \(inputShape.kerasDescription).")
        }
        var shape = inputShape
        let first = dataFormat == .channelsLast ? 1 : 2
        for axis in 0..<rank {
            guard let n = inputShape[first + axis] else { continue }
            let out = padding == .valid ? (n < poolSize[axis] ? 0 : (n - poolSize[axis]) / strides[axis] + 1)
                                        : (n - 1) / strides[axis] + 1
            guard out >= 1 else {
                throw KerasError(.incompatibleShape, "Layer \"\(name)\" (\(className)): pool_size=\(PerAxis(poolSize)) with strides=\(PerAxis(strides)) does not fit spatial axis \(axis) (size \(n)) of the input shape \(inputShape.kerasDescription) under \(padding.rawValue) padding: the computed output size would be \(out). Use padding: .same or a smaller pool size.")
            }
            shape[first + axis] = out
        }
        return shape
    }

    override public func computeOutputDType(_ inputDTypes: [DType]) -> DType {
        inputDTypes.first.map { $0.isFloatingPoint ? $0 : dtype } ?? dtype
    }

    override public class var kerasBuildsAtInit: Bool { true }

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["pool_size"] = LayerConfig.intsValue(poolSize)
        config["padding"] = .string(padding.rawValue)
        config["strides"] = LayerConfig.intsValue(strides)
        config["data_format"] = .string(dataFormat.rawValue)
        return config
    }

    /// The config keys of the pooling layers (Keras 3.15).
    static let poolingConfigKeys = ["pool_size", "strides", "padding", "data_format", "activity_regularizer"]
}
