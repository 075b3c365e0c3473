/// The shared base of ``UpSampling1D``, ``UpSampling2D`` and ``UpSampling3D``: enlarges each
/// spatial axis by an integer factor, repeating values (`nearest`) or interpolating them.
///
/// ```swift
/// let up: BaseUpSampling = try UpSampling2D(size: [2, 3])
/// let y = try up(Tensor.ones([1, 4, 4, 3]))   // [1, 8, 12, 3]
/// ```
public class BaseUpSampling: Layer {
    /// The factor of each spatial axis.
    public let size: [Int]
    /// Where the channel axis sits.
    public let dataFormat: DataFormat
    /// How new values are made (`nearest` repeats; `UpSampling2D` can interpolate).
    public let interpolation: Interpolation

    /// Validates and stores the configuration for `rank` spatial axes.
    init(rank: Int, size: PerAxis, dataFormat: DataFormat, interpolation: Interpolation, name: String?,
         dtype: DType) throws {
        self.size = try size.resolved(rank: rank, argument: "size", layer: Self.kerasClassName)
        self.dataFormat = dataFormat
        self.interpolation = interpolation
        super.init(name: name, dtype: dtype)
        inputSpec = [InputSpec(rank: rank + 2)]
    }

    /// The first spatial axis of an input.
    var firstSpatialAxis: Int { dataFormat == .channelsLast ? 1 : 2 }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        var y = input
        for (axis, factor) in size.enumerated() {
            let a = firstSpatialAxis + axis
            y = interpolation == .nearest ? y.repeated(factor, axis: a)
                                          : interpolation.resized(y, axis: a, to: y.shape[a] * factor)
        }
        return y
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape {
        guard inputShape.count == size.count + 2 else {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (\(className)) expects inputs of rank \(size.count + 2), but received shape \(inputShape.kerasDescription).")
        }
        var shape = inputShape
        for (axis, factor) in size.enumerated() { shape[firstSpatialAxis + axis] = inputShape[firstSpatialAxis + axis].map { $0 * factor } }
        return shape
    }

    override public func computeOutputDType(_ inputDTypes: [DType]) -> DType {
        guard let first = inputDTypes.first else { return dtype }
        return interpolation == .nearest || first.isFloatingPoint ? first : dtype
    }
}

/// Repeats each step `size` times along the steps of `[batch, steps, features]` (Keras's
/// `UpSampling1D`).
///
/// ```swift
/// let y = try UpSampling1D(size: 3)(Tensor.ones([2, 5, 4]))   // [2, 15, 4]
/// ```
public final class UpSampling1D: BaseUpSampling {
    /// Makes the layer.
    ///
    /// - Parameters:
    ///   - size: how many times each step is repeated.
    ///   - name: the layer's name (`up_sampling1d`, ... by default).
    ///   - dtype: the layer's dtype.
    /// - Throws: ``KerasError`` when `size` is not positive.
    public init(size: Int = 2, name: String? = nil, dtype: DType = .float32) throws {
        guard size > 0 else {
            throw KerasError(.invalidArgument, "UpSampling1D: argument `size` should be a positive integer. Received: size=\(size).")
        }
        try super.init(rank: 1, size: PerAxis(size), dataFormat: .channelsLast, interpolation: .nearest,
                       name: name, dtype: dtype)
    }

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["size"] = .int(size[0])
        return config
    }
}

extension UpSampling1D: KerasSerializable {
    /// UpSampling1D's config keys (Keras 3.15).
    public static let kerasConfigKeys = ["size", "activity_regularizer"]

    /// Rebuilds an UpSampling1D layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for a `size` that is not an integer, `.invalidArgument` for
    ///   factors Keras rejects.
    public convenience init(config: LayerConfig) throws {
        try self.init(size: config.int("size", default: 2), name: config.name, dtype: config.dtype)
        trainable = config.trainable
    }
}

/// Enlarges images by integer factors (Keras's `UpSampling2D`): `nearest` repeats rows and
/// columns; `bilinear`, `bicubic`, `lanczos3` and `lanczos5` interpolate as Keras's
/// `ops.image.resize` does on the JAX backend (half-pixel centres, edges repeated).
///
/// ```swift
/// let y = try UpSampling2D(size: 2, interpolation: .bilinear)(Tensor.ones([1, 4, 4, 3]))   // [1, 8, 8, 3]
/// ```
public final class UpSampling2D: BaseUpSampling {
    /// Makes the layer.
    ///
    /// - Parameters:
    ///   - size: the factor for height and width: one for both or one each (`[2, 3]`).
    ///   - dataFormat: `.channelsLast` (`[batch, height, width, channels]`) or `.channelsFirst`.
    ///   - interpolation: how new pixels are made.
    ///   - name: the layer's name (`up_sampling2d`, ... by default).
    ///   - dtype: the layer's dtype.
    /// - Throws: ``KerasError`` when a factor is not positive or there are more than two.
    public init(size: PerAxis = 2, dataFormat: DataFormat = .channelsLast, interpolation: Interpolation = .nearest,
                name: String? = nil, dtype: DType = .float32) throws {
        try super.init(rank: 2, size: size, dataFormat: dataFormat, interpolation: interpolation, name: name, dtype: dtype)
    }

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["size"] = LayerConfig.intsValue(size)
        config["data_format"] = .string(dataFormat.rawValue)
        config["interpolation"] = .string(interpolation.rawValue)
        return config
    }

    /// The `interpolation` of a config, which Keras lowercases.
    static func interpolation(in config: LayerConfig) throws -> Interpolation {
        let text = try config.string("interpolation", default: "nearest").lowercased()
        guard let interpolation = Interpolation(rawValue: text) else {
            throw KerasError(.invalidConfig, "UpSampling2D \"\(config.name ?? "?")\" has interpolation=\"\(text)\"; expected one of \(Interpolation.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")).")
        }
        return interpolation
    }
}

extension UpSampling2D: KerasSerializable {
    /// UpSampling2D's config keys (Keras 3.15).
    public static let kerasConfigKeys = ["size", "data_format", "interpolation", "activity_regularizer"]

    /// Rebuilds an UpSampling2D layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for a malformed `size`, `data_format` or `interpolation`, `.invalidArgument` for
    ///   factors Keras rejects.
    public convenience init(config: LayerConfig) throws {
        try self.init(size: config.perAxis("size", default: 2), dataFormat: config.dataFormat(),
                      interpolation: UpSampling2D.interpolation(in: config), name: config.name, dtype: config.dtype)
        trainable = config.trainable
    }
}

/// Enlarges volumes by repeating values along their three spatial axes (Keras's `UpSampling3D`).
///
/// ```swift
/// let y = try UpSampling3D(size: [1, 2, 2])(Tensor.ones([1, 3, 4, 4, 2]))   // [1, 3, 8, 8, 2]
/// ```
public final class UpSampling3D: BaseUpSampling {
    /// Makes the layer.
    ///
    /// - Parameters:
    ///   - size: the factor of each spatial axis: one for all or one each.
    ///   - dataFormat: `.channelsLast` (`[batch, d1, d2, d3, channels]`) or `.channelsFirst`.
    ///   - name: the layer's name (`up_sampling3d`, ... by default).
    ///   - dtype: the layer's dtype.
    /// - Throws: ``KerasError`` when a factor is not positive or the count is wrong.
    public init(size: PerAxis = 2, dataFormat: DataFormat = .channelsLast, name: String? = nil,
                dtype: DType = .float32) throws {
        try super.init(rank: 3, size: size, dataFormat: dataFormat, interpolation: .nearest, name: name, dtype: dtype)
    }

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["size"] = LayerConfig.intsValue(size)
        config["data_format"] = .string(dataFormat.rawValue)
        return config
    }
}

extension UpSampling3D: KerasSerializable {
    /// UpSampling3D's config keys (Keras 3.15).
    public static let kerasConfigKeys = ["size", "data_format", "activity_regularizer"]

    /// Rebuilds an UpSampling3D layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for a malformed `size` or `data_format`, `.invalidArgument` for
    ///   factors Keras rejects.
    public convenience init(config: LayerConfig) throws {
        try self.init(size: config.perAxis("size", default: 2), dataFormat: config.dataFormat(), name: config.name, dtype: config.dtype)
        trainable = config.trainable
    }
}
