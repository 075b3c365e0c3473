/// The shared base of ``DepthwiseConv1D`` and ``DepthwiseConv2D``: each input channel convolved
/// with its own `depthMultiplier` filters, with no mixing across channels (Keras's
/// `BaseDepthwiseConv`).
///
/// Weights, in Keras's order: `kernel` of shape `[*kernelSize, inputChannels, depthMultiplier]`,
/// then `bias` of shape `[inputChannels * depthMultiplier]`. Output channel `c * depthMultiplier + m`
/// is input channel `c` convolved with filter `m`.
///
/// ```swift
/// let depthwise = try DepthwiseConv2D(kernelSize: 3, padding: .same, depthMultiplier: 2)
/// let y = try depthwise(Tensor.ones([1, 8, 8, 3]))   // [1, 8, 8, 6]
/// ```
public class DepthwiseConvolution: BaseConv {
    /// How many output channels each input channel gets.
    public let depthMultiplier: Int
    /// How the kernel starts.
    public let depthwiseInitializer: Initializer
    /// A penalty on the kernel, added to ``Layer/losses``.
    public let depthwiseRegularizer: Regularizer?
    /// A projection of the kernel after each update.
    public let depthwiseConstraint: Constraint?

    /// The depthwise kernel, `[*kernelSize, inputChannels, depthMultiplier]` (after build); Keras
    /// names it `kernel`.
    public internal(set) var kernel: Variable?

    /// Makes a depthwise convolution layer of the rank of the class.
    ///
    /// - Parameters:
    ///   - kernelSize: the window size, one value for every spatial axis or one per axis.
    ///   - strides: the step of the window (1 by default).
    ///   - padding: `.valid` or `.same`.
    ///   - depthMultiplier: how many output channels each input channel gets.
    ///   - dataFormat: `.channelsLast` (`[batch, *spatial, channels]`) or `.channelsFirst`.
    ///   - dilationRate: the spacing of the kernel taps.
    ///   - activation: applied to the output (none by default).
    ///   - useBias: whether a bias is added.
    ///   - depthwiseInitializer: how the depthwise kernel starts.
    ///   - biasInitializer: how the bias starts.
    ///   - depthwiseRegularizer: a penalty on the depthwise kernel, added to ``Layer/losses``.
    ///   - biasRegularizer: a penalty on the bias, added to ``Layer/losses``.
    ///   - activityRegularizer: a penalty on the output, added to ``Layer/losses`` after every
    ///     call (see ``Layer/activityRegularizer``).
    ///   - depthwiseConstraint: a projection of the depthwise kernel after each optimizer update.
    ///   - biasConstraint: a projection of the bias after each optimizer update.
    ///   - name: the layer's name (`depthwise_conv2d`, ... by default).
    ///   - dtype: the dtype of the weights and the computation.
    ///   - trainable: whether the weights are trained.
    /// - Throws: ``KerasError`` when `depthMultiplier`, a size or a stride is not positive, a
    ///   list has the wrong number of entries, or padding is `causal`.
    required public init(kernelSize: PerAxis, strides: PerAxis = 1, padding: Padding = .valid, depthMultiplier: Int = 1,
                dataFormat: DataFormat = .channelsLast, dilationRate: PerAxis = 1,
                activation: Activation = .linear, useBias: Bool = true,
                depthwiseInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros,
                depthwiseRegularizer: Regularizer? = nil, biasRegularizer: Regularizer? = nil,
                activityRegularizer: Regularizer? = nil,
                depthwiseConstraint: Constraint? = nil, biasConstraint: Constraint? = nil,
                name: String? = nil, dtype: DType = .float32, trainable: Bool = true) throws {
        guard depthMultiplier > 0 else {
            throw KerasError(.invalidArgument, "\(Self.kerasClassName): invalid value for argument `depth_multiplier`. Expected a strictly positive value. Received depth_multiplier=\(depthMultiplier).")
        }
        self.depthMultiplier = depthMultiplier
        self.depthwiseInitializer = depthwiseInitializer
        self.depthwiseRegularizer = depthwiseRegularizer
        self.depthwiseConstraint = depthwiseConstraint
        try super.init(kernelSize: kernelSize, strides: strides, padding: padding, dataFormat: dataFormat,
                       dilationRate: dilationRate, activation: activation, useBias: useBias,
                       biasInitializer: biasInitializer, biasRegularizer: biasRegularizer,
                       activityRegularizer: activityRegularizer,
                       biasConstraint: biasConstraint, allowsCausal: false, forbidsStridedDilation: false,
                       name: name, dtype: dtype, trainable: trainable)
    }

    override func outputChannels(inputChannels: Int?) -> Int? { inputChannels.map { $0 * depthMultiplier } }

    override func buildKernels(inputChannels: Int) throws {
        kernel = try addWeight(name: "kernel", shape: kernelSize + [inputChannels, depthMultiplier],
                               initializer: depthwiseInitializer, regularizer: depthwiseRegularizer,
                               constraint: depthwiseConstraint)
    }

    override func convolve(_ input: Tensor) throws -> Tensor {
        guard let kernel else { throw notBuilt(self) }
        return depthwiseConv(input, kernel.value, strides: strides, padding: padding, dataFormat: dataFormat,
                             dilationRate: dilationRate)
    }

    override public var kerasConfig: JSONObject {
        convolutionConfig(head: ["depth_multiplier": .int(depthMultiplier)],
                          kernels: [KernelConfig(prefix: "depthwise", initializer: depthwiseInitializer,
                                                 regularizer: depthwiseRegularizer, constraint: depthwiseConstraint)])
    }
}

/// A 1-D depthwise convolution over `[batch, steps, channels]` (Keras's `DepthwiseConv1D`); see
/// ``DepthwiseConvolution`` for the arguments.
///
/// Weights: `kernel` `[kernelSize, inputChannels, depthMultiplier]`, then `bias`
/// `[inputChannels * depthMultiplier]`.
///
/// ```swift
/// let depthwise = try DepthwiseConv1D(kernelSize: 5, padding: .same)
/// let y = try depthwise(Tensor.ones([2, 30, 4]))   // [2, 30, 4]
/// ```
public final class DepthwiseConv1D: DepthwiseConvolution {
    override class var spatialRank: Int { 1 }
}

/// A 2-D depthwise convolution over images (Keras's `DepthwiseConv2D`); see
/// ``DepthwiseConvolution`` for the arguments.
///
/// Weights: `kernel` `[kh, kw, inputChannels, depthMultiplier]`, then `bias`
/// `[inputChannels * depthMultiplier]`.
///
/// ```swift
/// let depthwise = try DepthwiseConv2D(kernelSize: 3, padding: .same, depthMultiplier: 2)
/// let y = try depthwise(Tensor.ones([1, 8, 8, 3]))   // [1, 8, 8, 6]
/// ```
public final class DepthwiseConv2D: DepthwiseConvolution {
    override class var spatialRank: Int { 2 }
}

extension DepthwiseConvolution {
    /// The config keys of DepthwiseConv1D and DepthwiseConv2D (Keras 3.15).
    public static let kerasConfigKeys = convolutionConfigKeys(own: ["depth_multiplier"], kernels: ["depthwise"])

    /// Rebuilds a depthwise convolution of the class's rank from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for a
    ///   missing `kernel_size` or a malformed value, and the initializer's errors for invalid
    ///   values.
    public convenience init(config: LayerConfig) throws {
        let shared = try SharedConfig(config)
        let (initializer, regularizer, constraint) = try Self.kernelSettings(config, "depthwise")
        try self.init(kernelSize: shared.kernelSize, strides: shared.strides, padding: shared.padding,
                      depthMultiplier: config.int("depth_multiplier", default: 1), dataFormat: shared.dataFormat,
                      dilationRate: shared.dilationRate, activation: shared.activation, useBias: shared.useBias,
                      depthwiseInitializer: initializer, biasInitializer: shared.biasInitializer,
                      depthwiseRegularizer: regularizer, biasRegularizer: shared.biasRegularizer,
                      depthwiseConstraint: constraint, biasConstraint: shared.biasConstraint,
                      name: config.name, dtype: config.dtype, trainable: config.trainable)
    }
}

extension DepthwiseConv1D: KerasSerializable {}
extension DepthwiseConv2D: KerasSerializable {}
