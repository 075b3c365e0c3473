/// The shared base of ``Conv1DTranspose``, ``Conv2DTranspose`` and ``Conv3DTranspose``: the
/// transpose of a convolution, which maps each input position to a window of outputs (Keras's
/// `BaseConvTranspose`), as decoders and generators use to up-sample.
///
/// Weights, in Keras's order: `kernel` of shape `[*kernelSize, filters, inputChannels]` (output
/// channels before input channels, the forward convolution's layout), then `bias` `[filters]`.
/// The output size along each spatial axis follows Keras: `valid` gives
/// `(n - 1) * stride + max(k, stride)`, `same` gives `n * stride`, and an `outputPadding` `p`
/// gives `(n - 1) * stride + k + p` (`valid`) or `(n - 1) * stride + k % 2 + p` (`same`), with
/// `k` the dilated kernel size.
///
/// ```swift
/// let up = try Conv2DTranspose(16, kernelSize: 3, strides: 2, padding: .same)
/// let y = try up(Tensor.ones([1, 7, 7, 32]))   // [1, 14, 14, 16]
/// ```
public class ConvolutionTranspose: BaseConv {
    /// The number of output channels.
    public let filters: Int
    /// Extra output size after each spatial axis (`nil`: Keras's default rule); each entry is
    /// below the stride of its axis.
    public let outputPadding: [Int]?
    /// How the kernel starts.
    public let kernelInitializer: Initializer
    /// A penalty on the kernel, added to ``Layer/losses``.
    public let kernelRegularizer: Regularizer?
    /// A projection of the kernel after each update.
    public let kernelConstraint: Constraint?

    /// The kernel, `[*kernelSize, filters, inputChannels]` (after build).
    public internal(set) var kernel: Variable?

    /// Makes a transposed convolution layer of the rank of the class.
    ///
    /// - Parameters:
    ///   - filters: the number of output channels.
    ///   - kernelSize: the window size, one value for every spatial axis or one per axis.
    ///   - strides: the up-sampling factor of each spatial axis (1 by default).
    ///   - padding: `.valid` or `.same` (see the output sizes above).
    ///   - outputPadding: extra output size per axis, each below its stride; `nil` for Keras's
    ///     default sizes.
    ///   - dataFormat: `.channelsLast` (`[batch, *spatial, channels]`) or `.channelsFirst`.
    ///   - dilationRate: the spacing of the kernel taps; with strides above 1 only when every
    ///     rate is 1, as in Keras.
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
    ///   - name: the layer's name (`conv2d_transpose`, ... by default).
    ///   - dtype: the dtype of the weights and the computation.
    ///   - trainable: whether the weights are trained.
    /// - Throws: ``KerasError`` when `filters` is not positive, a size or stride is not positive,
    ///   an output padding is negative or not below its stride, padding is `causal`, or strides
    ///   and dilation rates are both above 1.
    required public init(_ filters: Int, kernelSize: PerAxis, strides: PerAxis = 1, padding: Padding = .valid,
                outputPadding: PerAxis? = nil, dataFormat: DataFormat = .channelsLast,
                dilationRate: PerAxis = 1, activation: Activation = .linear, useBias: Bool = true,
                kernelInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros,
                kernelRegularizer: Regularizer? = nil, biasRegularizer: Regularizer? = nil,
                activityRegularizer: Regularizer? = nil,
                kernelConstraint: Constraint? = nil, biasConstraint: Constraint? = nil,
                name: String? = nil, dtype: DType = .float32, trainable: Bool = true) throws {
        let layer = Self.kerasClassName, rank = max(Self.spatialRank, 1)
        guard filters > 0 else {
            throw KerasError(.invalidArgument, "\(layer): invalid value for argument `filters`. Expected a strictly positive value. Received filters=\(filters).")
        }
        self.filters = filters
        self.outputPadding = try outputPadding?.resolved(rank: rank, argument: "output_padding", layer: layer, allowZero: true)
        self.kernelInitializer = kernelInitializer
        self.kernelRegularizer = kernelRegularizer
        self.kernelConstraint = kernelConstraint
        try super.init(kernelSize: kernelSize, strides: strides, padding: padding, dataFormat: dataFormat,
                       dilationRate: dilationRate, activation: activation, useBias: useBias,
                       biasInitializer: biasInitializer, biasRegularizer: biasRegularizer,
                       activityRegularizer: activityRegularizer,
                       biasConstraint: biasConstraint, allowsCausal: false, forbidsStridedDilation: true,
                       name: name, dtype: dtype, trainable: trainable)
        if let pads = self.outputPadding, let axis = pads.indices.first(where: { pads[$0] >= self.strides[$0] }) {
            throw KerasError(.invalidArgument, "\(layer): `output_padding` must be strictly less than `strides` for all dimensions. At dimension \(axis), `output_padding` is \(pads[axis]) but `strides` is \(self.strides[axis]). Received: output_padding=\(PerAxis(pads)), strides=\(PerAxis(self.strides)).")
        }
    }

    override func outputChannels(inputChannels: Int?) -> Int? { filters }

    override func outputSize(_ size: Int, axis: Int) -> Int {
        let k = (kernelSize[axis] - 1) * dilationRate[axis] + 1, s = strides[axis]
        switch (padding, outputPadding?[axis]) {
        case (.valid, nil): return (size - 1) * s + max(k, s)
        case (.valid, let p?): return (size - 1) * s + k + p
        case (_, nil): return size * s
        case (_, let p?): return (size - 1) * s + k % 2 + p
        }
    }

    override func buildKernels(inputChannels: Int) throws {
        kernel = try addWeight(name: "kernel", shape: kernelSize + [filters, inputChannels],
                               initializer: kernelInitializer, regularizer: kernelRegularizer,
                               constraint: kernelConstraint)
    }

    override func convolve(_ input: Tensor) throws -> Tensor {
        guard let kernel else { throw notBuilt(self) }
        return convTranspose(input, kernel.value, strides: strides, padding: padding, outputPadding: outputPadding,
                             dataFormat: dataFormat, dilationRate: dilationRate)
    }

    override public var kerasConfig: JSONObject {
        convolutionConfig(head: ["filters": .int(filters)],
                          afterPadding: ["output_padding": outputPadding.map(LayerConfig.intsValue) ?? .null],
                          kernels: [KernelConfig(prefix: "kernel", initializer: kernelInitializer,
                                                 regularizer: kernelRegularizer, constraint: kernelConstraint)])
    }
}

/// A 1-D transposed convolution over `[batch, steps, channels]` (Keras's `Conv1DTranspose`); see
/// ``ConvolutionTranspose`` for the arguments and output sizes.
///
/// Weights: `kernel` `[kernelSize, filters, inputChannels]`, then `bias` `[filters]`.
///
/// ```swift
/// let up = try Conv1DTranspose(8, kernelSize: 4, strides: 2)
/// let y = try up(Tensor.ones([2, 10, 3]))   // [2, 22, 8]
/// ```
public final class Conv1DTranspose: ConvolutionTranspose {
    override class var spatialRank: Int { 1 }
}

/// A 2-D transposed convolution over images (Keras's `Conv2DTranspose`); see
/// ``ConvolutionTranspose`` for the arguments and output sizes.
///
/// Weights: `kernel` `[kh, kw, filters, inputChannels]`, then `bias` `[filters]`.
///
/// ```swift
/// let up = try Conv2DTranspose(16, kernelSize: 3, strides: 2, padding: .same)
/// let y = try up(Tensor.ones([1, 7, 7, 32]))   // [1, 14, 14, 16]
/// ```
public final class Conv2DTranspose: ConvolutionTranspose {
    override class var spatialRank: Int { 2 }
}

/// A 3-D transposed convolution over volumes (Keras's `Conv3DTranspose`); see
/// ``ConvolutionTranspose`` for the arguments and output sizes.
///
/// Weights: `kernel` `[kd, kh, kw, filters, inputChannels]`, then `bias` `[filters]`.
///
/// ```swift
/// let up = try Conv3DTranspose(2, kernelSize: 2, strides: 2)
/// let y = try up(Tensor.ones([1, 3, 3, 3, 4]))   // [1, 6, 6, 6, 2]
/// ```
public final class Conv3DTranspose: ConvolutionTranspose {
    override class var spatialRank: Int { 3 }
}

extension ConvolutionTranspose {
    /// The config keys of Conv1DTranspose, Conv2DTranspose and Conv3DTranspose (Keras 3.15).
    public static let kerasConfigKeys = convolutionConfigKeys(own: ["filters", "output_padding"], kernels: ["kernel"])

    /// Rebuilds a transposed convolution of the class's rank from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for a
    ///   missing `filters` or `kernel_size` or a malformed value, and the initializer's errors for
    ///   invalid values.
    public convenience init(config: LayerConfig) throws {
        let shared = try SharedConfig(config)
        let (initializer, regularizer, constraint) = try Self.kernelSettings(config, "kernel")
        try self.init(config.int("filters"), kernelSize: shared.kernelSize, strides: shared.strides,
                      padding: shared.padding, outputPadding: config.optionalPerAxis("output_padding"),
                      dataFormat: shared.dataFormat, dilationRate: shared.dilationRate,
                      activation: shared.activation, useBias: shared.useBias,
                      kernelInitializer: initializer, biasInitializer: shared.biasInitializer,
                      kernelRegularizer: regularizer, biasRegularizer: shared.biasRegularizer,
                      kernelConstraint: constraint, biasConstraint: shared.biasConstraint,
                      name: config.name, dtype: config.dtype, trainable: config.trainable)
    }
}

extension Conv1DTranspose: KerasSerializable {}
extension Conv2DTranspose: KerasSerializable {}
extension Conv3DTranspose: KerasSerializable {}
