/// The shared base of ``ZeroPadding1D``, ``ZeroPadding2D`` and ``ZeroPadding3D``: adds zeros
/// before and after each spatial axis.
///
/// ```swift
/// let pad: BaseZeroPadding = try ZeroPadding2D(padding: 1)
/// let y = try pad(Tensor.ones([1, 28, 28, 3]))   // [1, 30, 30, 3]
/// ```
public class BaseZeroPadding: Layer {
    /// What is added (before, after) each spatial axis.
    public let padding: [PadWidth]
    /// Where the channel axis sits.
    public let dataFormat: DataFormat

    /// Validates and stores the configuration for `rank` spatial axes.
    init(rank: Int, padding: Margins, dataFormat: DataFormat, name: String?, dtype: DType) throws {
        self.padding = try padding.resolved(rank: rank, argument: "padding", layer: Self.kerasClassName)
        self.dataFormat = dataFormat
        super.init(name: name, dtype: dtype)
        inputSpec = [InputSpec(rank: rank + 2)]
    }

    /// The padding of every axis of an input: none on the batch and channel axes.
    var allAxes: [PadWidth] {
        let none = PadWidth(0, 0)
        return dataFormat == .channelsLast ? [none] + padding + [none] : [none, none] + padding
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        input.padded(allAxes)
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape {
        guard inputShape.count == padding.count + 2 else {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (\(className)) expects inputs of rank \(padding.count + 2), but received shape \(inputShape.kerasDescription).")
        }
        return zip(inputShape, allAxes).map { size, pad in size.map { $0 + pad.before + pad.after } }
    }

    override public func computeOutputDType(_ inputDTypes: [DType]) -> DType { inputDTypes.first ?? dtype }

    /// `padding` and `data_format`, as every ZeroPadding class writes them.
    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["padding"] = LayerConfig.marginsValue(padding)
        config["data_format"] = .string(dataFormat.rawValue)
        return config
    }
}

/// Adds zero steps at the start and end of `[batch, steps, features]` (Keras's `ZeroPadding1D`).
///
/// ```swift
/// let y = try ZeroPadding1D(padding: [2, 0])(Tensor.ones([2, 10, 4]))   // [2, 12, 4]
/// ```
public final class ZeroPadding1D: BaseZeroPadding {
    /// Makes the layer.
    ///
    /// - Parameters:
    ///   - padding: steps added at the start and the end: one amount for both, or a
    ///     (start, end) pair (`[2, 0]`).
    ///   - dataFormat: `.channelsLast` (`[batch, steps, features]`) or `.channelsFirst`.
    ///   - name: the layer's name (`zero_padding1d`, ... by default).
    ///   - dtype: the layer's dtype.
    /// - Throws: ``KerasError`` when an amount is negative or the form is not one of those.
    public init(padding: Margins = 1, dataFormat: DataFormat = .channelsLast, name: String? = nil,
                dtype: DType = .float32) throws {
        try super.init(rank: 1, padding: padding, dataFormat: dataFormat, name: name, dtype: dtype)
    }
}

extension ZeroPadding1D: KerasSerializable {
    /// ZeroPadding1D's config keys (Keras 3.15).
    public static let kerasConfigKeys = ["padding", "data_format", "activity_regularizer"]

    /// Rebuilds a ZeroPadding1D layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for a malformed `padding` or `data_format`,
    ///   `.invalidArgument` for amounts Keras rejects.
    public convenience init(config: LayerConfig) throws {
        try self.init(padding: config.margins("padding", default: 1), dataFormat: config.dataFormat(),
                      name: config.name, dtype: config.dtype)
        trainable = config.trainable
    }
}

/// Adds rows and columns of zeros around images (Keras's `ZeroPadding2D`).
///
/// ```swift
/// let y = try ZeroPadding2D(padding: [[1, 0], [2, 3]])(Tensor.ones([1, 4, 4, 3]))   // [1, 5, 9, 3]
/// ```
public final class ZeroPadding2D: BaseZeroPadding {
    /// Makes the layer.
    ///
    /// - Parameters:
    ///   - padding: one amount for every border (`1`), symmetric amounts for height and width
    ///     (`[1, 2]`), or (top, bottom) and (left, right) pairs (`[[1, 0], [2, 3]]`).
    ///   - dataFormat: `.channelsLast` (`[batch, height, width, channels]`) or `.channelsFirst`.
    ///   - name: the layer's name (`zero_padding2d`, ... by default).
    ///   - dtype: the layer's dtype.
    /// - Throws: ``KerasError`` when an amount is negative or the form is not one of those.
    public init(padding: Margins = 1, dataFormat: DataFormat = .channelsLast, name: String? = nil,
                dtype: DType = .float32) throws {
        try super.init(rank: 2, padding: padding, dataFormat: dataFormat, name: name, dtype: dtype)
    }
}

extension ZeroPadding2D: KerasSerializable {
    /// ZeroPadding2D's config keys (Keras 3.15).
    public static let kerasConfigKeys = ["padding", "data_format", "activity_regularizer"]

    /// Rebuilds a ZeroPadding2D layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for a malformed `padding` or `data_format`,
    ///   `.invalidArgument` for amounts Keras rejects.
    public convenience init(config: LayerConfig) throws {
        try self.init(padding: config.margins("padding", default: 1), dataFormat: config.dataFormat(),
                      name: config.name, dtype: config.dtype)
        trainable = config.trainable
    }
}

/// Adds zeros around volumes along their three spatial axes (Keras's `ZeroPadding3D`).
///
/// ```swift
/// let y = try ZeroPadding3D(padding: [1, 2, 0])(Tensor.ones([1, 4, 4, 4, 2]))   // [1, 6, 8, 4, 2]
/// ```
public final class ZeroPadding3D: BaseZeroPadding {
    /// Makes the layer.
    ///
    /// - Parameters:
    ///   - padding: one amount for every border (`1`), symmetric amounts per axis (`[1, 2, 0]`),
    ///     or a (before, after) pair per axis.
    ///   - dataFormat: `.channelsLast` (`[batch, d1, d2, d3, channels]`) or `.channelsFirst`.
    ///   - name: the layer's name (`zero_padding3d`, ... by default).
    ///   - dtype: the layer's dtype.
    /// - Throws: ``KerasError`` when an amount is negative or the form is not one of those.
    public init(padding: Margins = 1, dataFormat: DataFormat = .channelsLast, name: String? = nil,
                dtype: DType = .float32) throws {
        try super.init(rank: 3, padding: padding, dataFormat: dataFormat, name: name, dtype: dtype)
    }
}

extension ZeroPadding3D: KerasSerializable {
    /// ZeroPadding3D's config keys (Keras 3.15).
    public static let kerasConfigKeys = ["padding", "data_format", "activity_regularizer"]

    /// Rebuilds a ZeroPadding3D layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for a malformed `padding` or `data_format`,
    ///   `.invalidArgument` for amounts Keras rejects.
    public convenience init(config: LayerConfig) throws {
        try self.init(padding: config.margins("padding", default: 1), dataFormat: config.dataFormat(),
                      name: config.name, dtype: config.dtype)
        trainable = config.trainable
    }
}
