/// The shared base of ``SeparableConv1D`` and ``SeparableConv2D``: a depthwise convolution
/// (each input channel with its own `depthMultiplier` filters) followed by a 1×1 convolution
/// that mixes the channels into `filters` outputs (Keras's `BaseSeparableConv`).
///
/// Weights, in Keras's order: `depthwise_kernel` `[*kernelSize, inputChannels, depthMultiplier]`,
/// `pointwise_kernel` `[1, ..., 1, inputChannels * depthMultiplier, filters]`, then `bias`
/// `[filters]`. Strides, padding and dilation apply to the depthwise step.
///
/// ```swift
/// let separable = try SeparableConv2D(16, kernelSize: 3, padding: .same, activation: .relu)
/// let y = try separable(Tensor.ones([2, 12, 12, 8]))   // [2, 12, 12, 16]
/// ```
public class SeparableConvolution: BaseConv {
    /// The number of output channels.
    public let filters: Int
    /// How many intermediate channels each input channel gets.
    public let depthMultiplier: Int
    /// How the depthwise kernel starts.
    public let depthwiseInitializer: Initializer
    /// How the pointwise kernel starts.
    public let pointwiseInitializer: Initializer
    /// A penalty on the depthwise kernel.
    public let depthwiseRegularizer: Regularizer?
    /// A penalty on the pointwise kernel.
    public let pointwiseRegularizer: Regularizer?
    /// A projection of the depthwise kernel after each update.
    public let depthwiseConstraint: Constraint?
    /// A projection of the pointwise kernel after each update.
    public let pointwiseConstraint: Constraint?

    /// `[*kernelSize, inputChannels, depthMultiplier]` (after build).
    public internal(set) var depthwiseKernel: Variable?
    /// `[1, ..., 1, inputChannels * depthMultiplier, filters]` (after build).
    public internal(set) var pointwiseKernel: Variable?

    /// Makes a separable convolution layer of the rank of the class.
    ///
    /// - Parameters:
    ///   - filters: the number of output channels.
    ///   - kernelSize: the depthwise window size, one value for every spatial axis or one per axis.
    ///   - strides: the step of the depthwise window (1 by default).
    ///   - padding: `.valid` or `.same`.
    ///   - dataFormat: `.channelsLast` (`[batch, *spatial, channels]`) or `.channelsFirst`.
    ///   - dilationRate: the spacing of the depthwise kernel taps.
    ///   - depthMultiplier: how many intermediate channels each input channel gets.
    ///   - activation: applied to the output (none by default).
    ///   - useBias: whether a bias is added.
    ///   - depthwiseInitializer: how the depthwise kernel starts.
    ///   - pointwiseInitializer: how the pointwise kernel starts.
    ///   - biasInitializer: how the bias starts.
    ///   - depthwiseRegularizer: a penalty on the depthwise kernel, added to ``Layer/losses``.
    ///   - pointwiseRegularizer: a penalty on the pointwise kernel, added to ``Layer/losses``.
    ///   - biasRegularizer: a penalty on the bias, added to ``Layer/losses``.
    ///   - activityRegularizer: a penalty on the output, added to ``Layer/losses`` after every
    ///     call (see ``Layer/activityRegularizer``).
    ///   - depthwiseConstraint: a projection of the depthwise kernel after each optimizer update.
    ///   - pointwiseConstraint: a projection of the pointwise kernel after each optimizer update.
    ///   - biasConstraint: a projection of the bias after each optimizer update.
    ///   - name: the layer's name (`separable_conv2d`, ... by default).
    ///   - dtype: the dtype of the weights and the computation.
    ///   - trainable: whether the weights are trained.
    /// - Throws: ``KerasError`` when `filters`, `depthMultiplier`, a size or a stride is not
    ///   positive, a list has the wrong number of entries, or padding is `causal`.
    required public init(_ filters: Int, kernelSize: PerAxis, strides: PerAxis = 1, padding: Padding = .valid,
                dataFormat: DataFormat = .channelsLast, dilationRate: PerAxis = 1, depthMultiplier: Int = 1,
                activation: Activation = .linear, useBias: Bool = true,
                depthwiseInitializer: Initializer = .glorotUniform, pointwiseInitializer: Initializer = .glorotUniform,
                biasInitializer: Initializer = .zeros, depthwiseRegularizer: Regularizer? = nil,
                pointwiseRegularizer: Regularizer? = nil, biasRegularizer: Regularizer? = nil,
                activityRegularizer: Regularizer? = nil,
                depthwiseConstraint: Constraint? = nil, pointwiseConstraint: Constraint? = nil,
                biasConstraint: Constraint? = nil,
                name: String? = nil, dtype: DType = .float32, trainable: Bool = true) throws {
        let layer = Self.kerasClassName
        guard depthMultiplier > 0 else {
            throw KerasError(.invalidArgument, "\(layer): invalid value for argument `depth_multiplier`. Expected a strictly positive value. Received depth_multiplier=\(depthMultiplier).")
        }
        guard filters > 0 else {
            throw KerasError(.invalidArgument, "\(layer): invalid value for argument `filters`. Expected a strictly positive value. Received filters=\(filters).")
        }
        self.filters = filters
        self.depthMultiplier = depthMultiplier
        self.depthwiseInitializer = depthwiseInitializer
        self.pointwiseInitializer = pointwiseInitializer
        self.depthwiseRegularizer = depthwiseRegularizer
        self.pointwiseRegularizer = pointwiseRegularizer
        self.depthwiseConstraint = depthwiseConstraint
        self.pointwiseConstraint = pointwiseConstraint
        try super.init(kernelSize: kernelSize, strides: strides, padding: padding, dataFormat: dataFormat,
                       dilationRate: dilationRate, activation: activation, useBias: useBias,
                       biasInitializer: biasInitializer, biasRegularizer: biasRegularizer,
                       activityRegularizer: activityRegularizer,
                       biasConstraint: biasConstraint, allowsCausal: false, forbidsStridedDilation: false,
                       name: name, dtype: dtype, trainable: trainable)
    }

    override func outputChannels(inputChannels: Int?) -> Int? { filters }

    override func buildKernels(inputChannels: Int) throws {
        depthwiseKernel = try addWeight(name: "depthwise_kernel", shape: kernelSize + [inputChannels, depthMultiplier],
                                        initializer: depthwiseInitializer, regularizer: depthwiseRegularizer,
                                        constraint: depthwiseConstraint)
        pointwiseKernel = try addWeight(name: "pointwise_kernel",
                                        shape: [Int](repeating: 1, count: rank) + [inputChannels * depthMultiplier, filters],
                                        initializer: pointwiseInitializer, regularizer: pointwiseRegularizer,
                                        constraint: pointwiseConstraint)
    }

    override func convolve(_ input: Tensor) throws -> Tensor {
        guard let depthwiseKernel, let pointwiseKernel else { throw notBuilt(self) }
        return separableConv(input, depthwiseKernel: depthwiseKernel.value, pointwiseKernel: pointwiseKernel.value,
                             strides: strides, padding: padding, dataFormat: dataFormat, dilationRate: dilationRate)
    }

    override public var kerasConfig: JSONObject {
        convolutionConfig(head: ["depth_multiplier": .int(depthMultiplier), "filters": .int(filters)],
                          kernels: [KernelConfig(prefix: "depthwise", initializer: depthwiseInitializer,
                                                 regularizer: depthwiseRegularizer, constraint: depthwiseConstraint),
                                    KernelConfig(prefix: "pointwise", initializer: pointwiseInitializer,
                                                 regularizer: pointwiseRegularizer, constraint: pointwiseConstraint)])
    }
}

/// A 1-D separable convolution over `[batch, steps, channels]` (Keras's `SeparableConv1D`); see
/// ``SeparableConvolution`` for the arguments.
///
/// Weights: `depthwise_kernel` `[kernelSize, inputChannels, depthMultiplier]`,
/// `pointwise_kernel` `[1, inputChannels * depthMultiplier, filters]`, then `bias` `[filters]`.
///
/// ```swift
/// let separable = try SeparableConv1D(8, kernelSize: 3, depthMultiplier: 2)
/// let y = try separable(Tensor.ones([2, 10, 4]))   // [2, 8, 8]
/// ```
public final class SeparableConv1D: SeparableConvolution {
    override class var spatialRank: Int { 1 }
}

/// A 2-D separable convolution over images (Keras's `SeparableConv2D`); see
/// ``SeparableConvolution`` for the arguments.
///
/// Weights: `depthwise_kernel` `[kh, kw, inputChannels, depthMultiplier]`, `pointwise_kernel`
/// `[1, 1, inputChannels * depthMultiplier, filters]`, then `bias` `[filters]`.
///
/// ```swift
/// let separable = try SeparableConv2D(16, kernelSize: 3, padding: .same, activation: .relu)
/// let y = try separable(Tensor.ones([2, 12, 12, 8]))   // [2, 12, 12, 16]
/// ```
public final class SeparableConv2D: SeparableConvolution {
    override class var spatialRank: Int { 2 }
}

extension SeparableConvolution {
    /// The config keys of SeparableConv1D and SeparableConv2D (Keras 3.15).
    public static let kerasConfigKeys = convolutionConfigKeys(own: ["filters", "depth_multiplier"],
                                                              kernels: ["depthwise", "pointwise"])

    /// Rebuilds a separable convolution of the class's rank from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for a
    ///   missing `filters` or `kernel_size` or a malformed value, and the initializer's errors for
    ///   invalid values.
    public convenience init(config: LayerConfig) throws {
        let shared = try SharedConfig(config)
        let depthwise = try Self.kernelSettings(config, "depthwise")
        let pointwise = try Self.kernelSettings(config, "pointwise")
        try self.init(config.int("filters"), kernelSize: shared.kernelSize, strides: shared.strides,
                      padding: shared.padding, dataFormat: shared.dataFormat, dilationRate: shared.dilationRate,
                      depthMultiplier: config.int("depth_multiplier", default: 1), activation: shared.activation,
                      useBias: shared.useBias, depthwiseInitializer: depthwise.0, pointwiseInitializer: pointwise.0,
                      biasInitializer: shared.biasInitializer, depthwiseRegularizer: depthwise.1,
                      pointwiseRegularizer: pointwise.1, biasRegularizer: shared.biasRegularizer,
                      depthwiseConstraint: depthwise.2, pointwiseConstraint: pointwise.2,
                      biasConstraint: shared.biasConstraint,
                      name: config.name, dtype: config.dtype, trainable: config.trainable)
    }
}

extension SeparableConv1D: KerasSerializable {}
extension SeparableConv2D: KerasSerializable {}
