/// Elementwise functions of one tensor that a backend computes directly.
public enum UnaryOp: String, Sendable, CaseIterable {
    case negative, abs, sign, exp, expm1, log, log1p, sqrt, rsqrt, square, reciprocal
    case sin, cos, tan, tanh, sigmoid, erf, floor, ceil, round, relu, logicalNot
}

/// Elementwise functions of two broadcast tensors that a backend computes directly.
public enum BinaryOp: String, Sendable, CaseIterable {
    case add, subtract, multiply, divide, floorDivide, mod, power, maximum, minimum
    case equal, notEqual, less, lessEqual, greater, greaterEqual
    case logicalAnd, logicalOr, logicalXor

    /// `true` when the result is `bool` whatever the input dtype.
    public var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual,
             .logicalAnd, .logicalOr, .logicalXor: return true
        default: return false
        }
    }
}

/// Reductions over a set of axes.
public enum ReduceOp: String, Sendable {
    case sum, max, min, prod, any, all
}

/// Running (scan) reductions along one axis.
public enum CumulativeOp: String, Sendable {
    case sum, prod
}

/// One axis's part of a strided slice: elements `start, start + step, ...` below `end`.
public struct SliceRange: Sendable, Hashable {
    /// The first index taken (already resolved into `0..<size`).
    public var start: Int
    /// The number of elements taken.
    public var count: Int
    /// The distance between taken elements (`>= 1`).
    public var step: Int

    /// Makes a resolved range.
    public init(start: Int, count: Int, step: Int) {
        self.start = start
        self.count = count
        self.step = step
    }
}

/// Padding before and after one axis.
public struct PadWidth: Sendable, Hashable {
    /// Elements added before the first one.
    public var before: Int
    /// Elements added after the last one.
    public var after: Int

    /// Makes a padding pair.
    public init(_ before: Int, _ after: Int) {
        self.before = before
        self.after = after
    }
}

/// The distributions a backend samples from.
public enum RandomDistribution: Sendable, Hashable {
    /// Uniform in `[low, high)`.
    case uniform(low: Double, high: Double)
    /// Normal with the given mean and standard deviation.
    case normal(mean: Double, stddev: Double)
    /// Normal restricted to two standard deviations around the mean (Keras's `truncated_normal`).
    case truncatedNormal(mean: Double, stddev: Double)
    /// `1` with probability `p`, else `0`.
    case bernoulli(p: Double)
}

/// The primitives every backend computes: the one vocabulary between ops and kernels.
///
/// Everything else (softmax, gelu, losses, `einsum`, ...) is written once from these, and gets its
/// gradient for free. Inputs are validated by the op that builds the primitive; a backend may
/// assume valid shapes and matching dtypes.
public enum Primitive: Sendable {
    /// `f(x)` elementwise; the output has the input's dtype.
    case unary(UnaryOp)
    /// `f(a, b)` with numpy broadcasting; inputs share a dtype; comparisons give `bool`.
    case binary(BinaryOp)
    /// Converts to another dtype.
    case cast(DType)
    /// `condition ? a : b` with broadcasting of the three inputs (`condition` is `bool`).
    case select
    /// A reduction over sorted `axes`.
    case reduce(ReduceOp, axes: [Int], keepDimensions: Bool)
    /// The index (`int32`) of the largest or smallest element along `axis`; the first one on ties.
    case argReduce(largest: Bool, axis: Int, keepDimensions: Bool)
    /// Running sum or product along `axis`.
    case cumulative(CumulativeOp, axis: Int)
    /// `[..., m, k] x [..., k, n] -> [..., m, n]`, batch axes broadcast.
    case matmul
    /// The same elements under a new shape.
    case reshape([Int])
    /// Permutes the axes: output axis `i` is input axis `permutation[i]`.
    case transpose([Int])
    /// Broadcasts to a shape (numpy rules).
    case broadcast([Int])
    /// A strided slice, one range per axis.
    case slice([SliceRange])
    /// Places its input into zeros of `shape` at the strided slice (the transpose of `slice`).
    case sliceScatter([SliceRange], shape: [Int])
    /// Joins the inputs along `axis`.
    case concatenate(axis: Int)
    /// Pads with a constant.
    case pad([PadWidth], value: Double)
    /// Reverses the order along each axis in `axes`.
    case flip(axes: [Int])
    /// `(x, indices)`: numpy's `take` along `axis`; the output replaces that axis with `indices.shape`.
    case take(axis: Int)
    /// `(base, indices, updates)`: adds `updates` into `base` at `indices` along `axis` (transpose of `take`).
    case indexAdd(axis: Int)
    /// `(x, indices)`: numpy's `take_along_axis`.
    case takeAlongAxis(axis: Int)
    /// `(base, indices, updates)`: the transpose of `takeAlongAxis`, adding duplicates.
    case scatterAlongAxisAdd(axis: Int)
    /// The `int32` permutation that sorts along `axis` (stable).
    case argsort(axis: Int, descending: Bool)
    /// A sample of `shape` from a counter-based generator keyed by `seed`.
    case random(RandomDistribution, shape: [Int], dtype: DType, seed: UInt64)
    /// A convolution; see ``ConvolutionSpec``. Inputs `(x, kernel)`.
    case convolution(ConvolutionSpec)
    /// The gradient of a convolution with respect to its input. Inputs `(dy, kernel)`.
    case convolutionBackpropInput(ConvolutionSpec, inputShape: [Int])
    /// The gradient of a convolution with respect to its kernel. Inputs `(x, dy)`.
    case convolutionBackpropKernel(ConvolutionSpec, kernelShape: [Int])
    /// Max or average pooling; see ``PoolingSpec``. Input `x`.
    case pool(PoolingSpec)
    /// The gradient of pooling. Inputs `(x, dy)`.
    case poolBackprop(PoolingSpec)

    /// The primitive's name, used in messages.
    public var name: String {
        switch self {
        case .unary(let op): return op.rawValue
        case .binary(let op): return op.rawValue
        case .cast: return "cast"
        case .select: return "where"
        case .reduce(let op, _, _): return op.rawValue
        case .argReduce(let largest, _, _): return largest ? "argmax" : "argmin"
        case .cumulative(let op, _): return "cum" + op.rawValue
        case .matmul: return "matmul"
        case .reshape: return "reshape"
        case .transpose: return "transpose"
        case .broadcast: return "broadcast_to"
        case .slice: return "slice"
        case .sliceScatter: return "slice_scatter"
        case .concatenate: return "concatenate"
        case .pad: return "pad"
        case .flip: return "flip"
        case .take: return "take"
        case .indexAdd: return "index_add"
        case .takeAlongAxis: return "take_along_axis"
        case .scatterAlongAxisAdd: return "scatter_along_axis_add"
        case .argsort: return "argsort"
        case .random: return "random"
        case .convolution: return "conv"
        case .convolutionBackpropInput: return "conv_backprop_input"
        case .convolutionBackpropKernel: return "conv_backprop_kernel"
        case .pool(let spec): return spec.kind == .max ? "max_pool" : "average_pool"
        case .poolBackprop: return "pool_backprop"
        }
    }
}
