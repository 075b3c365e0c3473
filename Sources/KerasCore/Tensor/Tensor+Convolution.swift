// Convolution and pooling ops (`keras.ops.conv`, `depthwise_conv`, `separable_conv`,
// `conv_transpose`, `max_pool`, `average_pool`).

/// How a convolution or pooling window treats the borders (Keras's `padding`).
public enum Padding: String, Sendable, Hashable, CaseIterable {
    /// No padding: windows lie fully inside the input.
    case valid
    /// Zero padding so that the output size is `ceil(input / stride)`, split as evenly as
    /// possible with the extra element after (TensorFlow's rule, which Keras follows).
    case same
    /// Padding only before (1-D convolutions): output `t` never sees inputs after `t`.
    case causal
}

/// Where the channel axis sits (Keras's `data_format`).
public enum DataFormat: String, Sendable, Hashable, CaseIterable {
    /// `[batch, *spatial, channels]`, Keras's default.
    case channelsLast = "channels_last"
    /// `[batch, channels, *spatial]`.
    case channelsFirst = "channels_first"
}

enum ConvolutionGeometryRules {
    /// Explicit (before, after) padding for one axis under Keras's rules.
    static func padding(_ padding: Padding, inputSize: Int, kernelSize: Int, stride: Int, dilation: Int) -> PadWidth {
        let effective = (kernelSize - 1) * dilation + 1
        switch padding {
        case .valid: return PadWidth(0, 0)
        case .causal: return PadWidth(effective - 1, 0)
        case .same:
            let out = (inputSize + stride - 1) / stride
            let total = Swift.max((out - 1) * stride + effective - inputSize, 0)
            return PadWidth(total / 2, total - total / 2)
        }
    }

    /// Expands an integer or a per-axis list to one entry per spatial axis.
    static func perAxis(_ values: [Int], rank: Int, name: String, op: String) -> [Int] {
        if values.count == 1 { return [Int](repeating: values[0], count: rank) }
        guard values.count == rank else {
            opFailure(op, "\(name) \(values) needs 1 or \(rank) entries for \(rank) spatial axes.")
        }
        return values
    }

    /// Moves channels last (and back): the kernels are channels-last.
    static func toChannelsLast(_ x: Tensor, _ format: DataFormat) -> Tensor {
        format == .channelsLast ? x : x.movingAxis(1, to: -1)
    }

    static func fromChannelsLast(_ y: Tensor, _ format: DataFormat) -> Tensor {
        format == .channelsLast ? y : y.movingAxis(-1, to: 1)
    }
}

/// An N-dimensional convolution (N = 1, 2, 3) (Keras's `ops.conv`).
///
/// - Parameters:
///   - x: `[batch, *spatial, inChannels]` (or channels first).
///   - kernel: `[*kernelSize, inChannels / groups, outChannels]`; `groups` is inferred as
///     `inChannels / kernel.shape[-2]`, as Keras does.
///   - strides: the step of the window, one value for all spatial axes or one per axis.
///   - padding: `.valid` (no padding), `.same` (output size `ceil(input / stride)`) or `.causal`.
///   - dataFormat: where the channels axis is (`.channelsLast` by default).
///   - dilationRate: the spacing of the kernel's taps, one value for all axes or one per axis.
///
/// ```swift
/// let y = conv(images, kernel, strides: [2], padding: .same)   // [8, 28, 28, 3] -> [8, 14, 14, 16]
/// ```
public func conv(_ x: Tensor, _ kernel: Tensor, strides: [Int] = [1], padding: Padding = .valid,
                 dataFormat: DataFormat = .channelsLast, dilationRate: [Int] = [1]) -> Tensor {
    let r = x.rank - 2
    guard (1...3).contains(r), kernel.rank == x.rank else {
        opFailure("conv", "expects an input of rank 3, 4 or 5 and a kernel of the same rank, got input \(Shape.describe(x.shape)) and kernel \(Shape.describe(kernel.shape)).")
    }
    let input = ConvolutionGeometryRules.toChannelsLast(x, dataFormat)
    let cin = input.shape[r + 1], kin = kernel.shape[r]
    guard cin > 0, kin > 0, kernel.shape[r + 1] > 0 else {
        opFailure("conv", "input \(Shape.describe(x.shape)) and kernel \(Shape.describe(kernel.shape)) need at least one input and one output channel.")
    }
    guard cin % kin == 0, kernel.shape[r + 1] % (cin / kin) == 0 else {
        opFailure("conv", "input has \(cin) channels but the kernel \(Shape.describe(kernel.shape)) expects \(kin) per group; the channel count must be a multiple of kernel.shape[-2] and the groups must divide the \(kernel.shape[r + 1]) output channels.")
    }
    if padding == .causal && r != 1 {
        opFailure("conv", "causal padding applies to 1-D convolutions only; got \(r) spatial axes.")
    }
    let s = ConvolutionGeometryRules.perAxis(strides, rank: r, name: "strides", op: "conv")
    let d = ConvolutionGeometryRules.perAxis(dilationRate, rank: r, name: "dilation_rate", op: "conv")
    guard s.allSatisfy({ $0 >= 1 }), d.allSatisfy({ $0 >= 1 }) else {
        opFailure("conv", "strides \(s) and dilation rates \(d) must be >= 1.")
    }
    let pads = (0..<r).map { ConvolutionGeometryRules.padding(padding, inputSize: input.shape[$0 + 1], kernelSize: kernel.shape[$0], stride: s[$0], dilation: d[$0]) }
    let spec = ConvolutionSpec(strides: s, dilations: d, padding: pads, groups: cin / kin)
    for a in 0..<r where spec.outputSize(inputSize: input.shape[a + 1], kernelSize: kernel.shape[a], axis: a) < 1 {
        opFailure("conv", "the kernel \(Shape.describe(kernel.shape)) with dilation \(d) does not fit spatial axis \(a) of the input \(Shape.describe(x.shape)) under \(padding.rawValue) padding.")
    }
    let dtype = DType.promoted(input.dtype, kernel.dtype).floatingResult
    let y = dispatch(.convolution(spec), [cast(input, to: dtype), cast(kernel, to: dtype)])
    return ConvolutionGeometryRules.fromChannelsLast(y, dataFormat)
}

/// A depthwise convolution (Keras's `ops.depthwise_conv`): each input channel convolved with its
/// own `depthMultiplier` filters. `kernel`: `[*kernelSize, inChannels, depthMultiplier]`.
public func depthwiseConv(_ x: Tensor, _ kernel: Tensor, strides: [Int] = [1], padding: Padding = .valid,
                          dataFormat: DataFormat = .channelsLast, dilationRate: [Int] = [1]) -> Tensor {
    let r = x.rank - 2
    guard (1...3).contains(r), kernel.rank == x.rank else {
        opFailure("depthwise_conv", "expects an input of rank 3, 4 or 5 and a kernel of the same rank, got input \(Shape.describe(x.shape)) and kernel \(Shape.describe(kernel.shape)).")
    }
    let cin = dataFormat == .channelsLast ? x.shape[r + 1] : x.shape[1]
    guard kernel.shape[r] == cin else {
        opFailure("depthwise_conv", "input has \(cin) channels but the kernel \(Shape.describe(kernel.shape)) is for \(kernel.shape[r]).")
    }
    let grouped = kernel.reshaped(to: Array(kernel.shape[..<r]) + [1, cin * kernel.shape[r + 1]])
    return conv(x, grouped, strides: strides, padding: padding, dataFormat: dataFormat, dilationRate: dilationRate)
}

/// A depthwise convolution followed by a 1×1 convolution (Keras's `ops.separable_conv`).
/// `pointwiseKernel`: `[1, ..., 1, inChannels * depthMultiplier, outChannels]`.
public func separableConv(_ x: Tensor, depthwiseKernel: Tensor, pointwiseKernel: Tensor, strides: [Int] = [1],
                          padding: Padding = .valid, dataFormat: DataFormat = .channelsLast,
                          dilationRate: [Int] = [1]) -> Tensor {
    let depthwise = depthwiseConv(x, depthwiseKernel, strides: strides, padding: padding,
                                  dataFormat: dataFormat, dilationRate: dilationRate)
    return conv(depthwise, pointwiseKernel, strides: [1], padding: .valid, dataFormat: dataFormat)
}

/// A transposed convolution (Keras's `ops.conv_transpose`), the gradient of ``conv(_:_:strides:padding:dataFormat:dilationRate:)``
/// with respect to its input. `kernel`: `[*kernelSize, outChannels, inChannels]`.
///
/// The output size per axis follows Keras: `valid` gives `in * stride + max(k - stride, 0)`,
/// `same` gives `in * stride`, and an `outputPadding` gives
/// `(in - 1) * stride + k - 2 * pad + outputPadding`.
public func convTranspose(_ x: Tensor, _ kernel: Tensor, strides: [Int] = [1], padding: Padding = .valid,
                          outputPadding: [Int]? = nil, dataFormat: DataFormat = .channelsLast,
                          dilationRate: [Int] = [1]) -> Tensor {
    let r = x.rank - 2
    guard (1...3).contains(r), kernel.rank == x.rank, padding != .causal else {
        opFailure("conv_transpose", "expects an input of rank 3, 4 or 5, a kernel of the same rank and valid or same padding; got input \(Shape.describe(x.shape)), kernel \(Shape.describe(kernel.shape)), padding \(padding.rawValue).")
    }
    let input = ConvolutionGeometryRules.toChannelsLast(x, dataFormat)
    guard kernel.shape[r + 1] == input.shape[r + 1] else {
        opFailure("conv_transpose", "input has \(input.shape[r + 1]) channels but the kernel \(Shape.describe(kernel.shape)) expects \(kernel.shape[r + 1]) (its last axis).")
    }
    let s = ConvolutionGeometryRules.perAxis(strides, rank: r, name: "strides", op: "conv_transpose")
    let d = ConvolutionGeometryRules.perAxis(dilationRate, rank: r, name: "dilation_rate", op: "conv_transpose")
    let op = outputPadding.map { ConvolutionGeometryRules.perAxis($0, rank: r, name: "output_padding", op: "conv_transpose") }
    guard s.allSatisfy({ $0 >= 1 }), d.allSatisfy({ $0 >= 1 }), (op ?? []).allSatisfy({ $0 >= 0 }) else {
        opFailure("conv_transpose", "strides \(s) and dilation rates \(d) must be >= 1 and output padding \(op ?? []) >= 0.")
    }
    var outSpatial: [Int] = [], pads: [PadWidth] = []
    var crops: [PadWidth] = []
    for a in 0..<r {
        let k = (kernel.shape[a] - 1) * d[a] + 1
        // Keras's (JAX backend) padding of the stride-dilated input, turned into the padding of
        // the forward convolution whose input gradient this is: p = k - 1 - pad.
        var left: Int, right: Int
        if padding == .valid {
            let extra = op?[a] ?? (Swift.max(k, s[a]) - k)
            left = k - 1
            right = k - 1 + extra
        } else {
            let padLength = op.map { k + k % 2 - 2 + $0[a] } ?? (s[a] + k - 2)
            left = Swift.min(padLength / 2 + padLength % 2, k - 1)
            right = padLength - left
        }
        let length = (input.shape[a + 1] - 1) * s[a] + left + right - k + 2
        outSpatial.append(length)
        let before = k - 1 - left, after = k - 1 - right
        // Negative forward padding means output positions no input reaches: compute without
        // them and pad zeros back afterwards.
        pads.append(PadWidth(Swift.max(before, 0), Swift.max(after, 0)))
        crops.append(PadWidth(Swift.max(-before, 0), Swift.max(-after, 0)))
    }
    let spec = ConvolutionSpec(strides: s, dilations: d, padding: pads, groups: 1)
    let inner = zip(outSpatial, crops).map { $0 - $1.before - $1.after }
    let shape = [input.shape[0]] + inner + [kernel.shape[r]]
    let dtype = DType.promoted(input.dtype, kernel.dtype).floatingResult
    var y = dispatch(.convolutionBackpropInput(spec, inputShape: shape), [cast(input, to: dtype), cast(kernel, to: dtype)])
    if crops.contains(where: { $0.before > 0 || $0.after > 0 }) {
        y = y.padded([PadWidth(0, 0)] + crops + [PadWidth(0, 0)])
    }
    return ConvolutionGeometryRules.fromChannelsLast(y, dataFormat)
}

/// Max pooling over 1, 2 or 3 spatial axes (Keras's `ops.max_pool`); `strides` defaults to the
/// pool size.
public func maxPool(_ x: Tensor, poolSize: [Int], strides: [Int]? = nil, padding: Padding = .valid,
                    dataFormat: DataFormat = .channelsLast) -> Tensor {
    pool(.max, x, poolSize: poolSize, strides: strides, padding: padding, dataFormat: dataFormat)
}

/// Average pooling over 1, 2 or 3 spatial axes (Keras's `ops.average_pool`); with `same`
/// padding, border windows average only the elements inside the input.
public func averagePool(_ x: Tensor, poolSize: [Int], strides: [Int]? = nil, padding: Padding = .valid,
                        dataFormat: DataFormat = .channelsLast) -> Tensor {
    pool(.average, x, poolSize: poolSize, strides: strides, padding: padding, dataFormat: dataFormat)
}

private func pool(_ kind: PoolingKind, _ x: Tensor, poolSize: [Int], strides: [Int]?, padding: Padding,
                  dataFormat: DataFormat) -> Tensor {
    let name = kind == .max ? "max_pool" : "average_pool"
    let r = x.rank - 2
    guard (1...3).contains(r), padding != .causal else {
        opFailure(name, "expects an input of rank 3, 4 or 5 with valid or same padding, got \(Shape.describe(x.shape)) and \(padding.rawValue).")
    }
    let input = ConvolutionGeometryRules.toChannelsLast(x, dataFormat)
    let window = ConvolutionGeometryRules.perAxis(poolSize, rank: r, name: "pool_size", op: name)
    let s = ConvolutionGeometryRules.perAxis(strides ?? window, rank: r, name: "strides", op: name)
    guard window.allSatisfy({ $0 >= 1 }), s.allSatisfy({ $0 >= 1 }) else {
        opFailure(name, "pool size \(window) and strides \(s) must be >= 1.")
    }
    let pads = (0..<r).map { ConvolutionGeometryRules.padding(padding, inputSize: input.shape[$0 + 1], kernelSize: window[$0], stride: s[$0], dilation: 1) }
    let spec = PoolingSpec(kind: kind, window: window, strides: s, padding: pads)
    for a in 0..<r where spec.outputSize(inputSize: input.shape[a + 1], axis: a) < 1 && input.shape[a + 1] > 0 {
        opFailure(name, "pool size \(window) does not fit spatial axis \(a) of the input \(Shape.describe(x.shape)) under \(padding.rawValue) padding.")
    }
    let y = dispatch(.pool(spec), [cast(input, to: input.dtype.floatingResult)])
    return ConvolutionGeometryRules.fromChannelsLast(y, dataFormat)
}
