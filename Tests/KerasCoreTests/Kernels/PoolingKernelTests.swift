import Testing
@testable import KerasCore

/// One pooling configuration.
struct PoolCase: Sendable, CustomTestStringConvertible {
    /// Batch size, input spatial sizes, channels.
    var batch: Int, spatial: [Int], channels: Int
    /// The spec with explicit padding.
    var spec: PoolingSpec
    /// Draw inputs from a few integers, so max windows have ties.
    var coarse: Bool
    /// A readable summary, also the data seed.
    var label: String

    /// Makes a case; `padding` is resolved per axis unless `explicitPadding` is given.
    init(batch: Int, spatial: [Int], channels: Int, kind: PoolingKind, window: [Int], strides: [Int],
         padding: PaddingMode = .valid, explicitPadding: [PadWidth]? = nil, coarse: Bool = false) {
        let pads = explicitPadding ?? (0..<spatial.count).map {
            padding.widths(size: spatial[$0], effective: window[$0], stride: strides[$0])
        }
        self.batch = batch
        self.spatial = spatial
        self.channels = channels
        self.spec = PoolingSpec(kind: kind, window: window, strides: strides, padding: pads)
        self.coarse = coarse
        label = "\(kind) b\(batch) x\(spatial) c\(channels) w\(window) s\(strides) "
            + "p\(pads.map { "\($0.before),\($0.after)" })\(coarse ? " ties" : "")"
    }

    /// The label.
    var testDescription: String { label }
    /// x: [batch, *spatial, channels]
    var xShape: [Int] { [batch] + spatial + [channels] }
    /// y: [batch, *outSpatial, channels]
    var yShape: [Int] {
        [batch] + (0..<spatial.count).map { spec.outputSize(inputSize: spatial[$0], axis: $0) } + [channels]
    }
}

/// The sweep (ranks 1–3 × window/stride pairs × valid/same × max/average) plus edges.
let poolCases: [PoolCase] = {
    var cases = [PoolCase]()
    let shapes: [[Int]] = [[9], [5, 6], [4, 5, 3]]
    // (window, stride): tiling, overlapping (stride < window), gaps (stride > window).
    let windows = [(2, 2), (3, 1), (3, 2), (2, 3)]
    var n = 0
    for spatial in shapes {
        let r = spatial.count
        for (window, stride) in windows {
            for mode in [PaddingMode.valid, .same] {
                for kind in [PoolingKind.max, .average] {
                    n += 1
                    cases.append(PoolCase(
                        batch: n % 2 == 0 ? 3 : 1, spatial: spatial, channels: n % 3 == 0 ? 1 : 3, kind: kind,
                        window: [Int](repeating: window, count: r), strides: [Int](repeating: stride, count: r),
                        padding: mode, coarse: kind == .max && n % 4 < 2))
                }
            }
        }
    }
    for kind in [PoolingKind.max, .average] {
        // Mixed per-axis windows and asymmetric padding.
        cases.append(PoolCase(batch: 3, spatial: [6, 5], channels: 2, kind: kind, window: [3, 2], strides: [1, 2],
                              explicitPadding: [PadWidth(2, 0), PadWidth(1, 1)], coarse: kind == .max))
        // Windows entirely in the padding output 0 and pass no gradient.
        cases.append(PoolCase(batch: 1, spatial: [4], channels: 2, kind: kind, window: [2], strides: [1],
                              explicitPadding: [PadWidth(3, 2)]))
        // Several channel blocks per batch element.
        cases.append(PoolCase(batch: 1, spatial: [5, 5], channels: 20, kind: kind, window: [3, 3], strides: [2, 2],
                              padding: .same, coarse: kind == .max))
        // Output size 0 and batch 0.
        cases.append(PoolCase(batch: 2, spatial: [2, 5], channels: 2, kind: kind, window: [3, 2], strides: [1, 1]))
        cases.append(PoolCase(batch: 0, spatial: [5], channels: 2, kind: kind, window: [2], strides: [2]))
    }
    return cases
}()

/// Fast pooling kernels against the reference, and the documented semantics.
@Suite struct PoolingKernelTests {
    /// Both element types, forward and backward.
    @Test(arguments: poolCases)
    func fastKernelsMatchReference(_ c: PoolCase) {
        var rng = LCG(seed: UInt64(c.label.utf8.reduce(0) { $0 &* 31 &+ UInt64($1) }))
        let xCount = c.xShape.reduce(1, *), yCount = c.yShape.reduce(1, *)
        let x = c.coarse ? rng.coarse(xCount) : rng.doubles(xCount)
        let dy = rng.doubles(yCount)
        var y = [Double](repeating: .nan, count: yCount), dx = [Double](repeating: .nan, count: xCount)
        ReferencePooling.forward(x: x, xShape: c.xShape, spec: c.spec, output: &y)
        ReferencePooling.backward(x: x, xShape: c.xShape, dy: dy, spec: c.spec, dx: &dx)
        check(c, x: x, dy: dy, y: y, dx: dx, as: Double.self, tolerance: 1e-14)
        check(c, x: x, dy: dy, y: y, dx: dx, as: Float.self, tolerance: 1e-6)
    }

    private func check<T: BinaryFloatingPoint>(
        _ c: PoolCase, x: [Double], dy: [Double], y: [Double], dx: [Double], as: T.Type, tolerance: Double
    ) {
        let xt = x.map { T($0) }, dyt = dy.map { T($0) }
        var fy = [T](repeating: .nan, count: y.count), fdx = [T](repeating: .nan, count: dx.count)
        PoolingKernels.forward(x: xt, xShape: c.xShape, spec: c.spec, output: &fy)
        PoolingKernels.backward(x: xt, xShape: c.xShape, dy: dyt, spec: c.spec, dx: &fdx)
        #expect(relativeError(fy, y) < tolerance, "forward \(T.self)")
        #expect(relativeError(fdx, dx) < tolerance, "backward \(T.self)")
    }

    /// Ties go to the first element of the window in row-major order.
    @Test func maxRoutesToFirstMaximum() {
        // x: [1, 2, 2, 1]: one 2×2 window, all equal.
        let x: [Float] = [5, 5, 5, 5]
        var dx = [Float](repeating: .nan, count: 4)
        let spec = PoolingSpec(kind: .max, window: [2, 2], strides: [2, 2], padding: [PadWidth(0, 0), PadWidth(0, 0)])
        PoolingKernels.backward(x: x, xShape: [1, 2, 2, 1], dy: [Float(3)], spec: spec, dx: &dx)
        #expect(dx == [3, 0, 0, 0])
        // Overlapping 1-D windows of 3, stride 1, over [1, 4, 2, 4, 0]: the first 4 wins twice, the second once.
        var dx1 = [Float](repeating: .nan, count: 5)
        let spec1 = PoolingSpec(kind: .max, window: [3], strides: [1], padding: [PadWidth(0, 0)])
        PoolingKernels.backward(x: [1, 4, 2, 4, 0] as [Float], xShape: [1, 5, 1], dy: [1, 10, 100] as [Float],
                                spec: spec1, dx: &dx1)
        #expect(dx1 == [0, 11, 0, 100, 0])
    }

    /// Average pooling with 'same' padding divides by the in-bounds count.
    @Test func averageCountsOnlyInBounds() {
        let spec = PoolingSpec(kind: .average, window: [3], strides: [1], padding: [PadWidth(1, 1)])
        var y = [Double](repeating: .nan, count: 3)
        PoolingKernels.forward(x: [3, 6, 9] as [Double], xShape: [1, 3, 1], spec: spec, output: &y)
        #expect(y == [4.5, 6, 7.5])
    }
}
