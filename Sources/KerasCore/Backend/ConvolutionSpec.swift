/// The geometry of an N-dimensional convolution (N = 1, 2 or 3) as a backend sees it.
///
/// Layout is channels-last: `x: [batch, *spatial, inChannels]`,
/// `kernel: [*kernelSpatial, inChannels / groups, outChannels]` (Keras's kernel layout),
/// `y: [batch, *outSpatial, outChannels]`. Padding is explicit; ops turn `valid`, `same` and
/// `causal` into widths.
public struct ConvolutionSpec: Sendable, Hashable {
    /// Step between windows, per spatial axis.
    public var strides: [Int]
    /// Spacing between kernel taps, per spatial axis.
    public var dilations: [Int]
    /// Zeros added before and after each spatial axis.
    public var padding: [PadWidth]
    /// Channel groups: input and output channels split into this many independent convolutions.
    public var groups: Int

    /// Makes a spec; all arrays have one entry per spatial axis.
    public init(strides: [Int], dilations: [Int], padding: [PadWidth], groups: Int = 1) {
        self.strides = strides
        self.dilations = dilations
        self.padding = padding
        self.groups = groups
    }

    /// The number of spatial axes.
    public var spatialRank: Int { strides.count }

    /// The output size of one spatial axis, or a negative number when the window does not fit.
    public func outputSize(inputSize: Int, kernelSize: Int, axis: Int) -> Int {
        let effective = (kernelSize - 1) * dilations[axis] + 1
        let padded = inputSize + padding[axis].before + padding[axis].after
        return padded < effective ? 0 : (padded - effective) / strides[axis] + 1
    }
}

/// The kind of pooling.
public enum PoolingKind: String, Sendable, Hashable {
    /// The largest element of each window.
    case max
    /// The mean of each window, counting only elements inside the input (padding excluded), as Keras.
    case average
}

/// The geometry of N-dimensional pooling (N = 1, 2 or 3), channels-last: `x: [batch, *spatial, channels]`.
public struct PoolingSpec: Sendable, Hashable {
    /// Max or average.
    public var kind: PoolingKind
    /// Window size per spatial axis.
    public var window: [Int]
    /// Step between windows per spatial axis.
    public var strides: [Int]
    /// Padding per spatial axis; padded positions never win a max and are not counted in a mean.
    public var padding: [PadWidth]

    /// Makes a spec; all arrays have one entry per spatial axis.
    public init(kind: PoolingKind, window: [Int], strides: [Int], padding: [PadWidth]) {
        self.kind = kind
        self.window = window
        self.strides = strides
        self.padding = padding
    }

    /// The output size of one spatial axis.
    public func outputSize(inputSize: Int, axis: Int) -> Int {
        let padded = inputSize + padding[axis].before + padding[axis].after
        return padded < window[axis] ? 0 : (padded - window[axis]) / strides[axis] + 1
    }
}
