#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An element type the fast convolution kernels run on: a float with a GEMM (`Float`, `Double`).
protocol ConvolutionScalar: BinaryFloatingPoint {
    /// Row-major `C = alpha * op(A) * op(B) + beta * C`; `op(A)`: [m, k], `op(B)`: [k, n], `C`: [m, n].
    static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Self,
        a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
        beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
}

extension Float: ConvolutionScalar {
    /// `GEMM.sgemm`.
    static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        GEMM.sgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                   a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }
}

extension Double: ConvolutionScalar {
    /// `GEMM.dgemm`.
    static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Double,
        a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        GEMM.dgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                   a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }
}

extension ConvolutionScalar {
    /// `gemm` that is safe for empty shapes: nothing for m == 0 or n == 0, and `C = beta * C` for
    /// k == 0 (BLAS implementations disagree on k == 0 and reject leading dimensions of 0).
    @inline(__always)
    static func safeGEMM(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
        beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int
    ) {
        if m == 0 || n == 0 { return }
        if k == 0 {
            for i in 0..<m {
                let row = c + i * ldc
                for j in 0..<n { row[j] = beta == 0 ? 0 : beta * row[j] }
            }
            return
        }
        gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 1,
             a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }
}

/// A convolution's shapes normalised to three spatial axes (missing leading axes have size 1,
/// stride 1, dilation 1, no padding), so every spatial rank 0...3 runs the same loops.
///
/// Layouts: `x: [batch, inD, inH, inW, cin]`, `kernel: [kD, kH, kW, cinG, cout]`,
/// `y: [batch, outD, outH, outW, cout]`.
struct ConvolutionGeometry: Sendable {
    /// Batch size.
    var batch: Int
    /// Input channels, output channels, groups, and channels per group.
    var cin: Int, cout: Int, groups: Int, cinG: Int, coutG: Int
    /// Input spatial sizes.
    var inD: Int, inH: Int, inW: Int
    /// Kernel spatial sizes.
    var kD: Int, kH: Int, kW: Int
    /// Output spatial sizes (`ConvolutionSpec.outputSize`).
    var outD: Int, outH: Int, outW: Int
    /// Strides.
    var strideD: Int, strideH: Int, strideW: Int
    /// Dilations.
    var dilD: Int, dilH: Int, dilW: Int
    /// Padding before each axis (padding after only shapes the output size).
    var padD: Int, padH: Int, padW: Int

    /// Normalises `inputShape` ([batch, *spatial, cin]) and `kernelShape` ([*k, cin/groups, cout]).
    /// Spatial rank must be 0...3.
    init(inputShape: [Int], kernelShape: [Int], spec: ConvolutionSpec) {
        let rank = spec.spatialRank
        let lead = 3 - rank
        var size = [1, 1, 1], kernel = [1, 1, 1], output = [1, 1, 1]
        var stride = [1, 1, 1], dilation = [1, 1, 1], pad = [0, 0, 0]
        for axis in 0..<rank {
            let t = axis + lead
            size[t] = inputShape[1 + axis]
            kernel[t] = kernelShape[axis]
            output[t] = spec.outputSize(inputSize: size[t], kernelSize: kernel[t], axis: axis)
            stride[t] = spec.strides[axis]
            dilation[t] = spec.dilations[axis]
            pad[t] = spec.padding[axis].before
        }
        batch = inputShape[0]
        cin = inputShape[rank + 1]
        cout = kernelShape[rank + 1]
        groups = max(1, spec.groups)
        cinG = cin / groups
        coutG = cout / groups
        (inD, inH, inW) = (size[0], size[1], size[2])
        (kD, kH, kW) = (kernel[0], kernel[1], kernel[2])
        (outD, outH, outW) = (output[0], output[1], output[2])
        (strideD, strideH, strideW) = (stride[0], stride[1], stride[2])
        (dilD, dilH, dilW) = (dilation[0], dilation[1], dilation[2])
        (padD, padH, padW) = (pad[0], pad[1], pad[2])
    }

    /// Kernel taps per channel: kD * kH * kW.
    var kernelVolume: Int { kD * kH * kW }
    /// Width of one im2col row: kernelVolume * cinG (tap-major, channel-minor, as the kernel).
    var columnWidth: Int { kernelVolume * cinG }
    /// Output positions per batch element.
    var outputVolume: Int { outD * outH * outW }
    /// Input positions per batch element.
    var inputVolume: Int { inD * inH * inW }
    /// Elements in the kernel: [kD, kH, kW, cinG, cout].
    var kernelCount: Int { kernelVolume * cinG * cout }

    /// A 1×1 convolution that maps every input position to the same output position: y = x · W.
    var isPointwise: Bool {
        groups == 1 && kernelVolume == 1 && strideD == 1 && strideH == 1 && strideW == 1
            && padD == 0 && padH == 0 && padW == 0 && outD == inD && outH == inH && outW == inW
    }

    /// One input channel per group (depthwise, with cout / cin as the multiplier).
    var isDepthwise: Bool { groups > 1 && cinG == 1 }

    /// The (batch, od, oh, ow) of flattened output row `row` (requires outputVolume > 0).
    @inline(__always)
    func outputCoordinates(_ row: Int) -> (Int, Int, Int, Int) {
        let volume = outputVolume
        let b = row / volume
        let rest = row - b * volume
        let plane = outH * outW
        let od = rest / plane
        let inPlane = rest - od * plane
        let oh = inPlane / outW
        return (b, od, oh, inPlane - oh * outW)
    }

    /// Steps (b, od, oh, ow) to the next output row in row-major order.
    @inline(__always)
    func advance(_ b: inout Int, _ od: inout Int, _ oh: inout Int, _ ow: inout Int) {
        ow += 1
        if ow < outW { return }
        ow = 0
        oh += 1
        if oh < outH { return }
        oh = 0
        od += 1
        if od < outD { return }
        od = 0
        b += 1
    }
}

/// How a run of `totalRows` GEMM rows is cut into tiles, and how many scratch slots run them.
struct TilePlan: Sendable {
    /// Rows per tile (the last tile may be shorter); at least 1.
    var rowsPerTile: Int
    /// Number of tiles.
    var tiles: Int
    /// Concurrent workers, each with its own scratch: tile t belongs to slot t % slots.
    var slots: Int

    // Total im2col scratch aimed for across all workers; bounded so big layers never allocate
    // more than a few MB of columns, with a floor per worker so GEMMs stay reasonably tall.
    private static let columnBudgetBytes = 8 << 20
    private static let minimumSlotBytes = 256 << 10
    // Tiles shorter than this are not worth splitting for parallelism.
    private static let minimumParallelRows = 64

    /// Plans tiles of rows `rowWidth` elements of `elementSize` bytes wide. With
    /// `spreadAcrossWorkers`, tiles are also shortened so every worker gets one;
    /// `maximumRows` caps the tile height (tests use it to force many tiles).
    init(totalRows: Int, rowWidth: Int, elementSize: Int, spreadAcrossWorkers: Bool,
         maximumRows: Int = .max) {
        let workers = Parallel.threadCount
        let slotBytes = max(Self.columnBudgetBytes / workers, Self.minimumSlotBytes)
        var rows = max(1, slotBytes / max(1, rowWidth * elementSize))
        if spreadAcrossWorkers {
            rows = min(rows, max(Self.minimumParallelRows, (totalRows + workers - 1) / workers))
        }
        rows = max(1, min(rows, totalRows, maximumRows))
        rowsPerTile = rows
        tiles = (totalRows + rows - 1) / rows
        slots = min(workers, tiles)
    }
}

/// A pooling's shapes normalised to three spatial axes, as `ConvolutionGeometry`.
/// Layout: `x: [batch, inD, inH, inW, channels]`, `y: [batch, outD, outH, outW, channels]`.
struct PoolingGeometry: Sendable {
    /// Batch size and channels.
    var batch: Int, channels: Int
    /// Input spatial sizes.
    var inD: Int, inH: Int, inW: Int
    /// Window sizes.
    var kD: Int, kH: Int, kW: Int
    /// Output spatial sizes (`PoolingSpec.outputSize`).
    var outD: Int, outH: Int, outW: Int
    /// Strides.
    var strideD: Int, strideH: Int, strideW: Int
    /// Padding before each axis.
    var padD: Int, padH: Int, padW: Int

    /// Normalises `inputShape` ([batch, *spatial, channels]); spatial rank must be 0...3.
    init(inputShape: [Int], spec: PoolingSpec) {
        let rank = spec.window.count
        let lead = 3 - rank
        var size = [1, 1, 1], window = [1, 1, 1], output = [1, 1, 1], stride = [1, 1, 1], pad = [0, 0, 0]
        for axis in 0..<rank {
            let t = axis + lead
            size[t] = inputShape[1 + axis]
            window[t] = spec.window[axis]
            output[t] = spec.outputSize(inputSize: size[t], axis: axis)
            stride[t] = spec.strides[axis]
            pad[t] = spec.padding[axis].before
        }
        batch = inputShape[0]
        channels = inputShape[rank + 1]
        (inD, inH, inW) = (size[0], size[1], size[2])
        (kD, kH, kW) = (window[0], window[1], window[2])
        (outD, outH, outW) = (output[0], output[1], output[2])
        (strideD, strideH, strideW) = (stride[0], stride[1], stride[2])
        (padD, padH, padW) = (pad[0], pad[1], pad[2])
    }

    /// Output positions per batch element.
    var outputVolume: Int { outD * outH * outW }
    /// Input positions per batch element.
    var inputVolume: Int { inD * inH * inW }
}

/// The taps `k` in `0..<kernel` whose input index `start + k * dilation` lies in `0..<size`.
@inline(__always)
func inBoundsTaps(start: Int, dilation: Int, kernel: Int, size: Int) -> Range<Int> {
    // First k with start + k*d >= 0, and first k with start + k*d >= size.
    let lo = start >= 0 ? 0 : (-start + dilation - 1) / dilation
    let hi = size - start <= 0 ? 0 : (size - start + dilation - 1) / dilation
    let clampedLo = min(lo, kernel), clampedHi = min(hi, kernel)
    return clampedLo..<max(clampedLo, clampedHi)
}
