/// The shared base of ``Cropping1D``, ``Cropping2D`` and ``Cropping3D``: removes a margin before
/// and after each spatial axis.
///
/// ```swift
/// let crop: BaseCropping = try Cropping2D(cropping: [[2, 2], [4, 4]])
/// let y = try crop(Tensor.ones([1, 28, 28, 3]))   // [1, 24, 20, 3]
/// ```
public class BaseCropping: Layer {
    /// What is removed (before, after) each spatial axis.
    public let cropping: [PadWidth]
    /// Where the channel axis sits.
    public let dataFormat: DataFormat

    /// Validates and stores the configuration for `rank` spatial axes.
    init(rank: Int, cropping: Margins, dataFormat: DataFormat, name: String?, dtype: DType) throws {
        self.cropping = try cropping.resolved(rank: rank, argument: "cropping", layer: Self.kerasClassName)
        self.dataFormat = dataFormat
        super.init(name: name, dtype: dtype)
        inputSpec = [InputSpec(rank: rank + 2)]
    }

    /// The first spatial axis of an input.
    var firstSpatialAxis: Int { dataFormat == .channelsLast ? 1 : 2 }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        let output = try computeOutputShape(input.shape.asTensorShape).map { $0 ?? 0 }
        var starts = [Int](repeating: 0, count: input.rank)
        for (axis, crop) in cropping.enumerated() { starts[firstSpatialAxis + axis] = crop.before }
        return input.slice(starts: starts, sizes: output)
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape {
        guard inputShape.count == cropping.count + 2 else {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (\(className)) expects inputs of rank \(cropping.count + 2), but received shape \(inputShape.kerasDescription).")
        }
        var shape = inputShape
        for (axis, crop) in cropping.enumerated() {
            guard let n = inputShape[firstSpatialAxis + axis] else { continue }
            guard crop.before + crop.after < n else {
                throw KerasError(.incompatibleShape, "Layer \"\(name)\" (\(className)): values in `cropping` should be smaller than the corresponding spatial dimension of the input. Received: input_shape=\(inputShape.kerasDescription), cropping=\(describePairs(cropping)) (\(crop.before) + \(crop.after) removed from spatial axis \(axis) of size \(n)).")
            }
            shape[firstSpatialAxis + axis] = n - crop.before - crop.after
        }
        return shape
    }

    override public func computeOutputDType(_ inputDTypes: [DType]) -> DType { inputDTypes.first ?? dtype }
}

/// `((1, 1), (2, 2))`, as Keras prints margins.
func describePairs(_ pairs: [PadWidth]) -> String {
    let parts = pairs.map { "(\($0.before), \($0.after))" }
    return pairs.count == 1 ? parts[0] : "(" + parts.joined(separator: ", ") + ")"
}

/// Removes steps at the start and end of `[batch, steps, features]` (Keras's `Cropping1D`).
///
/// ```swift
/// let y = try Cropping1D(cropping: [1, 2])(Tensor.ones([2, 10, 4]))   // [2, 7, 4]
/// ```
public final class Cropping1D: BaseCropping {
    /// Makes the layer.
    ///
    /// - Parameters:
    ///   - cropping: steps removed at the start and the end: one amount for both, or a
    ///     (start, end) pair (`[1, 2]`).
    ///   - name: the layer's name (`cropping1d`, ... by default).
    ///   - dtype: the layer's dtype.
    /// - Throws: ``KerasError`` when an amount is negative or the form is not one of those.
    public init(cropping: Margins = 1, name: String? = nil, dtype: DType = .float32) throws {
        try super.init(rank: 1, cropping: cropping, dataFormat: .channelsLast, name: name, dtype: dtype)
    }

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["cropping"] = LayerConfig.marginsValue(cropping)
        return config
    }
}

extension Cropping1D: KerasSerializable {
    /// Cropping1D's config keys (Keras 3.15).
    public static let kerasConfigKeys = ["cropping", "activity_regularizer"]

    /// Rebuilds a Cropping1D layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for a malformed `cropping`,
    ///   `.invalidArgument` for amounts Keras rejects.
    public convenience init(config: LayerConfig) throws {
        try self.init(cropping: config.margins("cropping", default: 1), name: config.name, dtype: config.dtype)
        trainable = config.trainable
    }
}

/// Removes rows and columns at the borders of images (Keras's `Cropping2D`).
///
/// ```swift
/// let y = try Cropping2D(cropping: [[2, 2], [4, 4]])(Tensor.ones([1, 28, 28, 3]))   // [1, 24, 20, 3]
/// ```
public final class Cropping2D: BaseCropping {
    /// Makes the layer.
    ///
    /// - Parameters:
    ///   - cropping: one amount for every border (`2`), symmetric amounts for height and width
    ///     (`[2, 4]`), or (top, bottom) and (left, right) pairs (`[[1, 2], [3, 4]]`).
    ///   - dataFormat: `.channelsLast` (`[batch, height, width, channels]`) or `.channelsFirst`.
    ///   - name: the layer's name (`cropping2d`, ... by default).
    ///   - dtype: the layer's dtype.
    /// - Throws: ``KerasError`` when an amount is negative or the form is not one of those.
    public init(cropping: Margins = 0, dataFormat: DataFormat = .channelsLast, name: String? = nil,
                dtype: DType = .float32) throws {
        try super.init(rank: 2, cropping: cropping, dataFormat: dataFormat, name: name, dtype: dtype)
    }

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["cropping"] = LayerConfig.marginsValue(cropping)
        config["data_format"] = .string(dataFormat.rawValue)
        return config
    }
}

extension Cropping2D: KerasSerializable {
    /// Cropping2D's config keys (Keras 3.15).
    public static let kerasConfigKeys = ["cropping", "data_format", "activity_regularizer"]

    /// Rebuilds a Cropping2D layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for a malformed `cropping` or `data_format`,
    ///   `.invalidArgument` for amounts Keras rejects.
    public convenience init(config: LayerConfig) throws {
        try self.init(cropping: config.margins("cropping", default: 0), dataFormat: config.dataFormat(), name: config.name, dtype: config.dtype)
        trainable = config.trainable
    }
}

/// Removes margins along the three spatial axes of volumes (Keras's `Cropping3D`).
///
/// ```swift
/// let y = try Cropping3D(cropping: [1, 2, 0])(Tensor.ones([1, 8, 8, 8, 2]))   // [1, 6, 4, 8, 2]
/// ```
public final class Cropping3D: BaseCropping {
    /// Makes the layer.
    ///
    /// - Parameters:
    ///   - cropping: one amount for every border (`1`), symmetric amounts per axis (`[1, 2, 0]`),
    ///     or a (before, after) pair per axis.
    ///   - dataFormat: `.channelsLast` (`[batch, d1, d2, d3, channels]`) or `.channelsFirst`.
    ///   - name: the layer's name (`cropping3d`, ... by default).
    ///   - dtype: the layer's dtype.
    /// - Throws: ``KerasError`` when an amount is negative or the form is not one of those.
    public init(cropping: Margins = 1, dataFormat: DataFormat = .channelsLast, name: String? = nil,
                dtype: DType = .float32) throws {
        try super.init(rank: 3, cropping: cropping, dataFormat: dataFormat, name: name, dtype: dtype)
    }

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["cropping"] = LayerConfig.marginsValue(cropping)
        config["data_format"] = .string(dataFormat.rawValue)
        return config
    }
}

extension Cropping3D: KerasSerializable {
    /// Cropping3D's config keys (Keras 3.15).
    public static let kerasConfigKeys = ["cropping", "data_format", "activity_regularizer"]

    /// Rebuilds a Cropping3D layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for a malformed `cropping` or `data_format`,
    ///   `.invalidArgument` for amounts Keras rejects.
    public convenience init(config: LayerConfig) throws {
        try self.init(cropping: config.margins("cropping", default: 1), dataFormat: config.dataFormat(), name: config.name, dtype: config.dtype)
        trainable = config.trainable
    }
}
