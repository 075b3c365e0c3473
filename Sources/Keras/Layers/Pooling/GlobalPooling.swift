/// The largest value of each channel over the steps (Keras's `GlobalMaxPooling1D`):
/// `[batch, steps, channels]` becomes `[batch, channels]`. A mask is ignored, as in Keras.
///
/// ```swift
/// let y = try GlobalMaxPooling1D()(Tensor.ones([4, 10, 8]))   // [4, 8]
/// ```
public final class GlobalMaxPooling1D: GlobalMaxPooling {
    override class var spatialRank: Int { 1 }
}

/// The largest value of each channel over height and width (Keras's `GlobalMaxPooling2D`).
///
/// ```swift
/// let y = try GlobalMaxPooling2D(keepdims: true)(Tensor.ones([8, 7, 7, 64]))   // [8, 1, 1, 64]
/// ```
public final class GlobalMaxPooling2D: GlobalMaxPooling {
    override class var spatialRank: Int { 2 }
}

/// The largest value of each channel over the three spatial axes (Keras's `GlobalMaxPooling3D`).
///
/// ```swift
/// let y = try GlobalMaxPooling3D(dataFormat: .channelsFirst)(Tensor.ones([2, 3, 4, 4, 4]))   // [2, 3]
/// ```
public final class GlobalMaxPooling3D: GlobalMaxPooling {
    override class var spatialRank: Int { 3 }
}

/// The mean of each channel over the steps (Keras's `GlobalAveragePooling1D`):
/// `[batch, steps, channels]` becomes `[batch, channels]`.
///
/// With a mask (`[batch, steps]`, from `Embedding(maskZero: true)` or `Masking`), only the kept
/// steps are averaged, as in Keras; the output carries no mask.
///
/// ```swift
/// let pool = try GlobalAveragePooling1D()
/// let x = Tensor([1.0, 2, 3, 4], shape: [1, 4, 1])
/// let y = try pool(x, mask: Tensor([true, true, false, false], shape: [1, 4]))   // [[1.5]]
/// ```
public final class GlobalAveragePooling1D: GlobalAveragePooling {
    override class var spatialRank: Int { 1 }

    /// Makes the layer; see ``BaseGlobalPooling/init(dataFormat:keepdims:name:dtype:)``.
    override public init(dataFormat: DataFormat = .channelsLast, keepdims: Bool = false, name: String? = nil,
                         dtype: DType = .float32) throws {
        try super.init(dataFormat: dataFormat, keepdims: keepdims, name: name, dtype: dtype)
        supportsMasking = true
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        guard let mask else { return try super.call(input, training: training, mask: nil) }
        let stepsAxis = dataFormat == .channelsLast ? 1 : 2
        guard mask.shape == [input.shape[0], input.shape[stepsAxis]] else {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (GlobalAveragePooling1D) expects a mask of shape [batch, steps] = \(Shape.describe([input.shape[0], input.shape[stepsAxis]])) for its input of shape \(Shape.describe(input.shape)), but received a mask of shape \(Shape.describe(mask.shape)).")
        }
        // mask: [batch, steps] -> [batch, steps, 1] (or [batch, 1, steps]).
        let kept = notEqual(mask, Tensor.zeros([], dtype: mask.dtype)).expandingDimensions(axis: dataFormat == .channelsLast ? 2 : 1)
        let weights = cast(kept, to: input.dtype)
        let total = select(kept, input, Tensor.zeros([], dtype: input.dtype)).sum(axes: [stepsAxis], keepingDimensions: keepdims)
        return total / weights.sum(axes: [stepsAxis], keepingDimensions: keepdims)
    }

    /// No mask leaves the layer, as in Keras.
    override public func computeMask(_ inputs: [Tensor], masks: [Tensor?]) throws -> [Tensor?] { [nil] }

    override public class var kerasCallTakesMask: Bool { true }
}

/// The mean of each channel over height and width (Keras's `GlobalAveragePooling2D`), the usual
/// head of a convolutional classifier.
///
/// ```swift
/// let y = try GlobalAveragePooling2D()(Tensor.ones([8, 7, 7, 64]))   // [8, 64]
/// ```
public final class GlobalAveragePooling2D: GlobalAveragePooling {
    override class var spatialRank: Int { 2 }
}

/// The mean of each channel over the three spatial axes (Keras's `GlobalAveragePooling3D`).
///
/// ```swift
/// let y = try GlobalAveragePooling3D()(Tensor.ones([2, 4, 4, 4, 3]))   // [2, 3]
/// ```
public final class GlobalAveragePooling3D: GlobalAveragePooling {
    override class var spatialRank: Int { 3 }
}

extension GlobalMaxPooling1D: KerasSerializable {
    /// GlobalMaxPooling1D's config keys (Keras 3.15).
    public static let kerasConfigKeys = BaseGlobalPooling.globalPoolingConfigKeys

    /// Rebuilds a GlobalMaxPooling1D layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for an unknown `data_format`.
    public convenience init(config: LayerConfig) throws { try self.init(globalPoolingConfig: config) }
}

extension GlobalMaxPooling2D: KerasSerializable {
    /// GlobalMaxPooling2D's config keys (Keras 3.15).
    public static let kerasConfigKeys = BaseGlobalPooling.globalPoolingConfigKeys

    /// Rebuilds a GlobalMaxPooling2D layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for an unknown `data_format`.
    public convenience init(config: LayerConfig) throws { try self.init(globalPoolingConfig: config) }
}

extension GlobalMaxPooling3D: KerasSerializable {
    /// GlobalMaxPooling3D's config keys (Keras 3.15).
    public static let kerasConfigKeys = BaseGlobalPooling.globalPoolingConfigKeys

    /// Rebuilds a GlobalMaxPooling3D layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for an unknown `data_format`.
    public convenience init(config: LayerConfig) throws { try self.init(globalPoolingConfig: config) }
}

extension GlobalAveragePooling1D: KerasSerializable {
    /// GlobalAveragePooling1D's config keys (Keras 3.15).
    public static let kerasConfigKeys = BaseGlobalPooling.globalPoolingConfigKeys

    /// Rebuilds a GlobalAveragePooling1D layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for an unknown `data_format`.
    public convenience init(config: LayerConfig) throws { try self.init(globalPoolingConfig: config) }
}

extension GlobalAveragePooling2D: KerasSerializable {
    /// GlobalAveragePooling2D's config keys (Keras 3.15).
    public static let kerasConfigKeys = BaseGlobalPooling.globalPoolingConfigKeys

    /// Rebuilds a GlobalAveragePooling2D layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for an unknown `data_format`.
    public convenience init(config: LayerConfig) throws { try self.init(globalPoolingConfig: config) }
}

extension GlobalAveragePooling3D: KerasSerializable {
    /// GlobalAveragePooling3D's config keys (Keras 3.15).
    public static let kerasConfigKeys = BaseGlobalPooling.globalPoolingConfigKeys

    /// Rebuilds a GlobalAveragePooling3D layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for an unknown `data_format`.
    public convenience init(config: LayerConfig) throws { try self.init(globalPoolingConfig: config) }
}
