/// The shared base of ``MaxPooling1D``, ``MaxPooling2D`` and ``MaxPooling3D``: each window
/// position keeps its largest value. See ``BasePooling`` for shapes and padding.
///
/// ```swift
/// let pool = try MaxPooling2D(poolSize: 3, strides: 2, padding: .same)
/// let y = try pool(Tensor.ones([1, 9, 9, 4]))   // [1, 5, 5, 4]
/// ```
public class MaxPooling: BasePooling {
    /// Makes a max pooling layer of the rank of the class.
    ///
    /// - Parameters:
    ///   - poolSize: the window size, one value for every spatial axis or one per axis (2).
    ///   - strides: the step of the window; the pool size when `nil`.
    ///   - padding: `.valid` or `.same`.
    ///   - dataFormat: `.channelsLast` (`[batch, *spatial, channels]`) or `.channelsFirst`.
    ///   - name: the layer's name (`max_pooling2d`, ... by default).
    ///   - dtype: the layer's dtype.
    /// - Throws: ``KerasError`` when a pool size or stride is not positive or has the wrong number
    ///   of entries, or padding is `causal`.
    required override public init(poolSize: PerAxis = 2, strides: PerAxis? = nil, padding: Padding = .valid,
                dataFormat: DataFormat = .channelsLast, name: String? = nil, dtype: DType = .float32) throws {
        try super.init(poolSize: poolSize, strides: strides, padding: padding, dataFormat: dataFormat, name: name, dtype: dtype)
    }

    /// Rebuilds a max pooling layer of this class from its Keras config (`pool_size` 2 when
    /// absent, as in Keras).
    convenience init(poolingConfig config: LayerConfig) throws {
        try self.init(poolSize: config.perAxis("pool_size", default: 2), strides: config.optionalPerAxis("strides"),
                      padding: config.padding(), dataFormat: config.dataFormat(), name: config.name, dtype: config.dtype)
        trainable = config.trainable
    }
}

/// Max pooling over the steps of `[batch, steps, channels]` (Keras's `MaxPooling1D`); see
/// ``MaxPooling`` for the arguments.
///
/// ```swift
/// let y = try MaxPooling1D(poolSize: 2)(Tensor.ones([4, 10, 8]))   // [4, 5, 8]
/// ```
public final class MaxPooling1D: MaxPooling {
    override class var spatialRank: Int { 1 }
}

/// Max pooling over the height and width of images (Keras's `MaxPooling2D`); see ``MaxPooling``
/// for the arguments.
///
/// ```swift
/// let y = try MaxPooling2D()(Tensor.ones([8, 28, 28, 16]))   // [8, 14, 14, 16]
/// ```
public final class MaxPooling2D: MaxPooling {
    override class var spatialRank: Int { 2 }
}

/// Max pooling over the three spatial axes of volumes (Keras's `MaxPooling3D`); see
/// ``MaxPooling`` for the arguments.
///
/// ```swift
/// let y = try MaxPooling3D(poolSize: [1, 2, 2])(Tensor.ones([2, 4, 8, 8, 3]))   // [2, 4, 4, 4, 3]
/// ```
public final class MaxPooling3D: MaxPooling {
    override class var spatialRank: Int { 3 }
}

extension MaxPooling1D: KerasSerializable {
    /// MaxPooling1D's config keys (Keras 3.15).
    public static let kerasConfigKeys = BasePooling.poolingConfigKeys

    /// Rebuilds a MaxPooling1D layer from its Keras config (`pool_size` defaults to 2).
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for a malformed or missing size, padding or data
    ///   format, `.invalidArgument` for sizes Keras rejects.
    public convenience init(config: LayerConfig) throws { try self.init(poolingConfig: config) }
}

extension MaxPooling2D: KerasSerializable {
    /// MaxPooling2D's config keys (Keras 3.15).
    public static let kerasConfigKeys = BasePooling.poolingConfigKeys

    /// Rebuilds a MaxPooling2D layer from its Keras config (`pool_size` defaults to 2).
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for a malformed or missing size, padding or data
    ///   format, `.invalidArgument` for sizes Keras rejects.
    public convenience init(config: LayerConfig) throws { try self.init(poolingConfig: config) }
}

extension MaxPooling3D: KerasSerializable {
    /// MaxPooling3D's config keys (Keras 3.15).
    public static let kerasConfigKeys = BasePooling.poolingConfigKeys

    /// Rebuilds a MaxPooling3D layer from its Keras config (`pool_size` defaults to 2).
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for a malformed or missing size, padding or data
    ///   format, `.invalidArgument` for sizes Keras rejects.
    public convenience init(config: LayerConfig) throws { try self.init(poolingConfig: config) }
}
