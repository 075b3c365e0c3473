/// The shared base of ``Conv1D``, ``Conv2D`` and ``Conv3D``: a convolution with `filters` output
/// channels, optionally in `groups` (Keras's `BaseConv`).
///
/// Weights, in Keras's order: `kernel` of shape `[*kernelSize, inputChannels / groups, filters]`,
/// then `bias` of shape `[filters]` (when `useBias`). The output is
/// `activation(conv(x, kernel) + bias)`; with `groups > 1` the input channels are split into
/// `groups` parts, each convolved with its own `filters / groups` filters, and the results are
/// concatenated along the channel axis.
///
/// ```swift
/// let conv = try Conv2D(32, kernelSize: 3, strides: 2, padding: .same, activation: .relu)
/// let y = try conv(Tensor.ones([8, 28, 28, 3]))   // [8, 14, 14, 32]
/// ```
public class Convolution: BaseConv {
    /// The number of output channels.
    public let filters: Int
    /// The number of groups the channels are split into (1: an ordinary convolution).
    public let groups: Int
    /// How the kernel starts.
    public let kernelInitializer: Initializer
    /// A penalty on the kernel, added to ``Layer/losses``.
    public let kernelRegularizer: Regularizer?
    /// A projection of the kernel after each update.
    public let kernelConstraint: Constraint?

    /// The kernel, `[*kernelSize, inputChannels / groups, filters]` (after build).
    public internal(set) var kernel: Variable?

    /// Makes a convolution layer of the rank of the class (`Conv1D`: 1, `Conv2D`: 2, `Conv3D`: 3).
    ///
    /// - Parameters:
    ///   - filters: the number of output channels.
    ///   - kernelSize: the window size, one value for every spatial axis or one per axis.
    ///   - strides: the step of the window (1 by default).
    ///   - padding: `.valid` (no padding), `.same` (output size `ceil(input / stride)`), or
    ///     `.causal` (`Conv1D` only: output step `t` sees no input after `t`).
    ///   - dataFormat: `.channelsLast` (`[batch, *spatial, channels]`) or `.channelsFirst`.
    ///   - dilationRate: the spacing of the kernel taps (1: contiguous); with strides above 1
    ///     only when every rate is 1, as in Keras.
    ///   - groups: how many groups the input channels and the filters are split into; it must
    ///     divide both.
    ///   - activation: applied to the output (none by default).
    ///   - useBias: whether a bias is added.
    ///   - kernelInitializer: how the kernel starts.
    ///   - biasInitializer: how the bias starts.
    ///   - kernelRegularizer: a penalty on the kernel, added to ``Layer/losses``.
    ///   - biasRegularizer: a penalty on the bias, added to ``Layer/losses``.
    ///   - activityRegularizer: a penalty on the output, added to ``Layer/losses`` after every
    ///     call (see ``Layer/activityRegularizer``).
    ///   - kernelConstraint: a projection of the kernel after each optimizer update.
    ///   - biasConstraint: a projection of the bias after each optimizer update.
    ///   - name: the layer's name (`conv2d`, `conv2d_1`, ... by default).
    ///   - dtype: the dtype of the weights and the computation.
    ///   - trainable: whether the weights are trained.
    /// - Throws: ``KerasError`` when `filters` or `groups` is not positive, `groups` does not
    ///   divide `filters`, a size, stride or dilation rate is not positive or has the wrong
    ///   number of entries, `causal` padding is used above one spatial axis, or strides and
    ///   dilation rates are both above 1.
    required public init(_ filters: Int, kernelSize: PerAxis, strides: PerAxis = 1, padding: Padding = .valid,
                dataFormat: DataFormat = .channelsLast, dilationRate: PerAxis = 1, groups: Int = 1,
                activation: Activation = .linear, useBias: Bool = true,
                kernelInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros,
                kernelRegularizer: Regularizer? = nil, biasRegularizer: Regularizer? = nil,
                activityRegularizer: Regularizer? = nil,
                kernelConstraint: Constraint? = nil, biasConstraint: Constraint? = nil,
                name: String? = nil, dtype: DType = .float32, trainable: Bool = true) throws {
        let layer = Self.kerasClassName
        guard filters > 0 else {
            throw KerasError(.invalidArgument, "\(layer): invalid value for argument `filters`. Expected a strictly positive value. Received filters=\(filters).")
        }
        guard groups > 0 else {
            throw KerasError(.invalidArgument, "\(layer): the number of groups must be a positive integer. Received: groups=\(groups).")
        }
        guard filters % groups == 0 else {
            throw KerasError(.invalidArgument, "\(layer): the number of filters must be evenly divisible by the number of groups. Received: groups=\(groups), filters=\(filters).")
        }
        self.filters = filters
        self.groups = groups
        self.kernelInitializer = kernelInitializer
        self.kernelRegularizer = kernelRegularizer
        self.kernelConstraint = kernelConstraint
        try super.init(kernelSize: kernelSize, strides: strides, padding: padding, dataFormat: dataFormat,
                       dilationRate: dilationRate, activation: activation, useBias: useBias,
                       biasInitializer: biasInitializer, biasRegularizer: biasRegularizer,
                       activityRegularizer: activityRegularizer,
                       biasConstraint: biasConstraint, allowsCausal: Self.spatialRank == 1,
                       forbidsStridedDilation: true, name: name, dtype: dtype, trainable: trainable)
    }

    override func outputChannels(inputChannels: Int?) -> Int? { filters }

    override func validate(inputChannels: Int, inputShape: TensorShape) throws {
        guard inputChannels % groups == 0 else {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (\(className)): the number of input channels must be evenly divisible by the number of groups. Received groups=\(groups), but the input has \(inputChannels) channels (full input shape is \(inputShape.kerasDescription)).")
        }
    }

    override func buildKernels(inputChannels: Int) throws {
        kernel = try addWeight(name: "kernel", shape: kernelSize + [inputChannels / groups, filters],
                               initializer: kernelInitializer, regularizer: kernelRegularizer,
                               constraint: kernelConstraint)
    }

    override func convolve(_ input: Tensor) throws -> Tensor {
        guard let kernel else { throw notBuilt(self) }
        return conv(input, kernel.value, strides: strides, padding: padding, dataFormat: dataFormat,
                    dilationRate: dilationRate)
    }

    override public var kerasConfig: JSONObject {
        convolutionConfig(head: ["filters": .int(filters)], afterDilation: ["groups": .int(groups)],
                          kernels: [KernelConfig(prefix: "kernel", initializer: kernelInitializer,
                                                 regularizer: kernelRegularizer, constraint: kernelConstraint)])
    }
}

extension Convolution {
    /// The config keys of Conv1D, Conv2D and Conv3D (Keras 3.15).
    public static let kerasConfigKeys = convolutionConfigKeys(own: ["filters", "groups", "lora_rank", "lora_alpha"],
                                                              kernels: ["kernel"])

    /// Rebuilds a convolution of the class's rank from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.unsupported` for `lora_rank`,
    ///   `.invalidConfig` for a missing `filters` or `kernel_size` or a malformed value, and the
    ///   initializer's errors for invalid values.
    public convenience init(config: LayerConfig) throws {
        try LayerConfig.refuse(config, ["lora_rank"])
        let shared = try SharedConfig(config)
        let (initializer, regularizer, constraint) = try Self.kernelSettings(config, "kernel")
        try self.init(config.int("filters"), kernelSize: shared.kernelSize, strides: shared.strides,
                      padding: shared.padding, dataFormat: shared.dataFormat, dilationRate: shared.dilationRate,
                      groups: config.int("groups", default: 1), activation: shared.activation, useBias: shared.useBias,
                      kernelInitializer: initializer, biasInitializer: shared.biasInitializer,
                      kernelRegularizer: regularizer, biasRegularizer: shared.biasRegularizer,
                      kernelConstraint: constraint, biasConstraint: shared.biasConstraint,
                      name: config.name, dtype: config.dtype, trainable: config.trainable)
    }
}

/// A 1-D convolution over `[batch, steps, channels]` (Keras's `Conv1D`), with `valid`, `same` or
/// `causal` padding; see ``Convolution`` for the arguments.
///
/// Weights: `kernel` `[kernelSize, inputChannels / groups, filters]`, then `bias` `[filters]`.
///
/// ```swift
/// let conv = try Conv1D(16, kernelSize: 3, padding: .causal, dilationRate: 2)
/// let y = try conv(Tensor.ones([4, 20, 8]))   // [4, 20, 16]
/// ```
public final class Conv1D: Convolution {
    override class var spatialRank: Int { 1 }
}

/// A 2-D convolution over images `[batch, height, width, channels]` (Keras's `Conv2D`); see
/// ``Convolution`` for the arguments.
///
/// Weights: `kernel` `[kh, kw, inputChannels / groups, filters]`, then `bias` `[filters]`.
///
/// ```swift
/// let conv = try Conv2D(32, kernelSize: 3, activation: .relu)
/// let y = try conv(Tensor.ones([8, 28, 28, 1]))   // [8, 26, 26, 32]
/// ```
public final class Conv2D: Convolution {
    override class var spatialRank: Int { 2 }
}

/// A 3-D convolution over volumes `[batch, depth, height, width, channels]` (Keras's `Conv3D`);
/// see ``Convolution`` for the arguments.
///
/// Weights: `kernel` `[kd, kh, kw, inputChannels / groups, filters]`, then `bias` `[filters]`.
///
/// ```swift
/// let conv = try Conv3D(4, kernelSize: [1, 3, 3], padding: .same)
/// let y = try conv(Tensor.ones([2, 5, 8, 8, 2]))   // [2, 5, 8, 8, 4]
/// ```
public final class Conv3D: Convolution {
    override class var spatialRank: Int { 3 }
}

extension Conv1D: KerasSerializable {}
extension Conv2D: KerasSerializable {}
extension Conv3D: KerasSerializable {}
