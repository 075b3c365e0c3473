/// The shared base of ``AveragePooling1D``, ``AveragePooling2D`` and ``AveragePooling3D``: each
/// window position keeps the mean of its values. See ``BasePooling`` for shapes and padding;
/// with `same` padding, border windows average only the values inside the input.
///
/// ```swift
/// let pool = try AveragePooling2D(poolSize: 2)
/// let y = try pool(Tensor.ones([8, 28, 28, 16]))   // [8, 14, 14, 16]
/// ```
public class AveragePooling: BasePooling {
    override class var takesMaximum: Bool { false }

    /// Makes an average pooling layer of the rank of the class.
    ///
    /// - Parameters:
    ///   - poolSize: the window size, one value for every spatial axis or one per axis (no
    ///     default, as in Keras).
    ///   - strides: the step of the window; the pool size when `nil`.
    ///   - padding: `.valid` or `.same`.
    ///   - dataFormat: `.channelsLast` (`[batch, *spatial, channels]`) or `.channelsFirst`.
    ///   - name: the layer's name (`average_pooling2d`, ... by default).
    ///   - dtype: the layer's dtype.
    /// - Throws: ``KerasError`` when a pool size or stride is not positive or has the wrong number
    ///   of entries, or padding is `causal`.
    required override public init(poolSize: PerAxis, strides: PerAxis? = nil, padding: Padding = .valid,
                dataFormat: DataFormat = .channelsLast, name: String? = nil, dtype: DType = .float32) throws {
        try super.init(poolSize: poolSize, strides: strides, padding: padding, dataFormat: dataFormat, name: name, dtype: dtype)
    }

    /// Rebuilds an average pooling layer of this class from its Keras config (`pool_size` is
    /// required, as in Keras).
    convenience init(poolingConfig config: LayerConfig) throws {
        try self.init(poolSize: config.perAxis("pool_size"), strides: config.optionalPerAxis("strides"),
                      padding: config.padding(), dataFormat: config.dataFormat(), name: config.name, dtype: config.dtype)
        trainable = config.trainable
    }
}

/// Average pooling over the steps of `[batch, steps, channels]` (Keras's `AveragePooling1D`);
/// see ``AveragePooling`` for the arguments.
///
/// ```swift
/// let y = try AveragePooling1D(poolSize: 3, strides: 1, padding: .same)(Tensor.ones([4, 10, 8]))   // [4, 10, 8]
/// ```
public final class AveragePooling1D: AveragePooling {
    override class var spatialRank: Int { 1 }
}

/// Average pooling over the height and width of images (Keras's `AveragePooling2D`); see
/// ``AveragePooling`` for the arguments.
///
/// ```swift
/// let y = try AveragePooling2D(poolSize: 2)(Tensor.ones([8, 28, 28, 16]))   // [8, 14, 14, 16]
/// ```
public final class AveragePooling2D: AveragePooling {
    override class var spatialRank: Int { 2 }
}

/// Average pooling over the three spatial axes of volumes (Keras's `AveragePooling3D`); see
/// ``AveragePooling`` for the arguments.
///
/// ```swift
/// let y = try AveragePooling3D(poolSize: 2, dataFormat: .channelsFirst)(Tensor.ones([2, 3, 4, 4, 4]))   // [2, 3, 2, 2, 2]
/// ```
public final class AveragePooling3D: AveragePooling {
    override class var spatialRank: Int { 3 }
}

extension AveragePooling1D: KerasSerializable {
    /// AveragePooling1D's config keys (Keras 3.15).
    public static let kerasConfigKeys = BasePooling.poolingConfigKeys

    /// Rebuilds an AveragePooling1D layer from its Keras config (`pool_size` is required).
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for a malformed or missing size, padding or data
    ///   format, `.invalidArgument` for sizes Keras rejects.
    public convenience init(config: LayerConfig) throws { try self.init(poolingConfig: config) }
}

extension AveragePooling2D: KerasSerializable {
    /// AveragePooling2D's config keys (Keras 3.15).
    public static let kerasConfigKeys = BasePooling.poolingConfigKeys

    /// Rebuilds an AveragePooling2D layer from its Keras config (`pool_size` is required).
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for a malformed or missing size, padding or data
    ///   format, `.invalidArgument` for sizes Keras rejects.
    public convenience init(config: LayerConfig) throws { try self.init(poolingConfig: config) }
}

extension AveragePooling3D: KerasSerializable {
    /// AveragePooling3D's config keys (Keras 3.15).
    public static let kerasConfigKeys = BasePooling.poolingConfigKeys

    /// Rebuilds an AveragePooling3D layer from its Keras config (`pool_size` is required).
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for a malformed or missing size, padding or data
    ///   format, `.invalidArgument` for sizes Keras rejects.
    public convenience init(config: LayerConfig) throws { try self.init(poolingConfig: config) }
}
