/// The shared base of every convolution layer, of every rank and kind: ``Convolution``
/// (`Conv1D`, `Conv2D`, `Conv3D`), ``ConvolutionTranspose``, ``DepthwiseConvolution`` and
/// ``SeparableConvolution`` (Keras's `BaseConv` and its siblings).
///
/// It holds what they all share: the window geometry (kernel size, strides, padding, dilation),
/// the data format, the bias and the activation. A layer computes
/// `activation(convolution(x) + bias)`; the kinds differ only in their kernels and in how they
/// convolve. Inputs are `[batch, *spatial, channels]` (`channelsLast`) or
/// `[batch, channels, *spatial]` (`channelsFirst`), with `rank` spatial axes.
///
/// ```swift
/// let conv: BaseConv = try Conv2D(8, kernelSize: 3, padding: .same)
/// let y = try conv(Tensor.ones([2, 16, 16, 3]))   // [2, 16, 16, 8]
/// ```
public class BaseConv: Layer {
    /// The number of spatial axes: 1, 2 or 3.
    public let rank: Int
    /// The window size along each spatial axis.
    public let kernelSize: [Int]
    /// The step of the window along each spatial axis.
    public let strides: [Int]
    /// How the borders are treated: `valid`, `same`, or `causal` (`Conv1D` only).
    public let padding: Padding
    /// Where the channel axis sits.
    public let dataFormat: DataFormat
    /// The spacing of the kernel taps along each spatial axis.
    public let dilationRate: [Int]
    /// Applied to the output.
    public let activation: Activation
    /// Whether a bias is added.
    public let useBias: Bool
    /// How the bias starts.
    public let biasInitializer: Initializer
    /// A penalty on the bias, added to ``Layer/losses``.
    public let biasRegularizer: Regularizer?
    /// A projection of the bias after each update.
    public let biasConstraint: Constraint?

    /// The bias, one entry per output channel (after build, when ``useBias``).
    public internal(set) var bias: Variable?

    /// The number of spatial axes of the concrete layer (`Conv2D`: 2); 0 for the abstract bases.
    class var spatialRank: Int { 0 }

    /// Validates and stores the shared configuration.
    ///
    /// - Throws: ``KerasError`` for an abstract base, a size or stride that is not positive, a
    ///   list with neither 1 nor `rank` entries, `causal` padding where it does not apply, or
    ///   strides and dilation both above 1 where Keras forbids it.
    init(kernelSize: PerAxis, strides: PerAxis, padding: Padding, dataFormat: DataFormat,
         dilationRate: PerAxis, activation: Activation, useBias: Bool, biasInitializer: Initializer,
         biasRegularizer: Regularizer?, activityRegularizer: Regularizer?, biasConstraint: Constraint?,
         allowsCausal: Bool,
         forbidsStridedDilation: Bool, name: String?, dtype: DType, trainable: Bool) throws {
        let layer = Self.kerasClassName, rank = Self.spatialRank
        guard rank > 0 else {
            throw KerasError(.invalidArgument, "\(layer) is an abstract base of the convolution layers; use a layer of a given rank, such as Conv1D, Conv2D or Conv3D.")
        }
        self.rank = rank
        self.kernelSize = try kernelSize.resolved(rank: rank, argument: "kernel_size", layer: layer)
        self.strides = try strides.resolved(rank: rank, argument: "strides", layer: layer)
        self.dilationRate = try dilationRate.resolved(rank: rank, argument: "dilation_rate", layer: layer)
        if padding == .causal && !allowsCausal {
            throw KerasError(.invalidArgument, "\(layer) does not support causal padding (only Conv1D does). Use padding: .valid or .same.")
        }
        if forbidsStridedDilation && self.strides.contains(where: { $0 > 1 }) && self.dilationRate.contains(where: { $0 > 1 }) {
            throw KerasError(.invalidArgument, "\(layer): `strides > 1` is not supported in conjunction with `dilation_rate > 1`. Received: strides=\(strides) and dilation_rate=\(dilationRate).")
        }
        self.padding = padding
        self.dataFormat = dataFormat
        self.activation = activation
        self.useBias = useBias
        self.biasInitializer = biasInitializer
        self.biasRegularizer = biasRegularizer
        self.biasConstraint = biasConstraint
        super.init(name: name, dtype: dtype, trainable: trainable, activityRegularizer: activityRegularizer)
        inputSpec = [InputSpec(minRank: rank + 2, maxRank: rank + 2)]
    }

    // MARK: What each kind provides

    /// The number of output channels for `inputChannels` input channels (`nil`: unknown).
    func outputChannels(inputChannels: Int?) -> Int? { inputChannels }

    /// Checks the input channels against the configuration (groups) before any weight exists.
    func validate(inputChannels: Int, inputShape: TensorShape) throws {}

    /// Creates the kernels, in Keras's order, before the bias.
    func buildKernels(inputChannels: Int) throws {}

    /// The convolution itself, without bias or activation.
    func convolve(_ input: Tensor) throws -> Tensor { input }

    /// The size of spatial axis `axis` of the output for an input of size `size` (may be < 1
    /// when the window does not fit); the forward convolution's rule by default.
    func outputSize(_ size: Int, axis: Int) -> Int {
        let effective = (kernelSize[axis] - 1) * dilationRate[axis] + 1
        switch padding {
        case .valid: return size < effective ? 0 : (size - effective) / strides[axis] + 1
        case .same, .causal: return (size - 1) / strides[axis] + 1
        }
    }

    // MARK: Geometry

    /// The channel axis of an input of this layer (`-1` or `1`, as Keras's input spec writes it).
    var channelAxis: Int { dataFormat == .channelsLast ? -1 : 1 }

    /// The first spatial axis of the input.
    var firstSpatialAxis: Int { dataFormat == .channelsLast ? 1 : 2 }

    /// The shape that broadcasts a per-channel vector of `channels` over an output.
    func channelBroadcastShape(_ channels: Int) -> [Int] {
        let ones = [Int](repeating: 1, count: rank)
        return dataFormat == .channelsLast ? [1] + ones + [channels] : [1, channels] + ones
    }

    // MARK: The layer contract

    override public func build(inputShape: TensorShape) throws {
        guard inputShape.count == rank + 2 else {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (\(className)) expects inputs of rank \(rank + 2) ([batch, \(rank) spatial axes, channels]), but received shape \(inputShape.kerasDescription).")
        }
        guard let channels = inputShape[channelAxis < 0 ? rank + 1 : 1], channels > 0 else {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (\(className)) needs the channel axis of its input (\(dataFormat.rawValue)) to be known and positive, but received shape \(inputShape.kerasDescription).")
        }
        try validate(inputChannels: channels, inputShape: inputShape)
        _ = try computeOutputShape(inputShape)
        try buildKernels(inputChannels: channels)
        if useBias {
            bias = try addWeight(name: "bias", shape: [outputChannels(inputChannels: channels) ?? channels], initializer: biasInitializer,
                                 regularizer: biasRegularizer, constraint: biasConstraint)
        }
        inputSpec = [InputSpec(minRank: rank + 2, maxRank: rank + 2, axes: [channelAxis: channels])]
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        // Spatial sizes unknown at build time are checked here, before the kernel sees them.
        _ = try computeOutputShape(input.shape.asTensorShape)
        var y = try convolve(input)
        if let bias { y = y + bias.value.reshaped(to: channelBroadcastShape(bias.shape[0])) }
        return activation(y)
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape {
        guard inputShape.count == rank + 2 else {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (\(className)) expects inputs of rank \(rank + 2), but received shape \(inputShape.kerasDescription).")
        }
        var spatial: TensorShape = []
        for axis in 0..<rank {
            guard let size = inputShape[firstSpatialAxis + axis] else { spatial.append(nil); continue }
            let out = outputSize(size, axis: axis)
            guard out >= 1 else {
                throw KerasError(.incompatibleShape, "Layer \"\(name)\" (\(className)): the kernel \(PerAxis(kernelSize)) with dilation_rate=\(PerAxis(dilationRate)) and strides=\(PerAxis(strides)) does not fit spatial axis \(axis) (size \(size)) of the input shape \(inputShape.kerasDescription) under \(padding.rawValue) padding: the computed output size would be \(out). Use padding: .same, a smaller kernel or a larger input.")
            }
            spatial.append(out)
        }
        let channels = outputChannels(inputChannels: inputShape[channelAxis < 0 ? rank + 1 : 1])
        return dataFormat == .channelsLast ? [inputShape[0]] + spatial + [channels] : [inputShape[0], channels] + spatial
    }
}
