import Testing
@testable import KerasCore

/// One convolution configuration.
struct ConvCase: Sendable, CustomTestStringConvertible {
    /// Batch size, input spatial sizes, kernel spatial sizes.
    var batch: Int, spatial: [Int], kernel: [Int]
    /// Channels and groups.
    var cin: Int, cout: Int, groups: Int
    /// The spec with explicit padding.
    var spec: ConvolutionSpec
    /// A readable summary, also the data seed.
    var label: String

    /// Makes a case; `padding` is resolved per axis unless `explicitPadding` is given.
    init(batch: Int, spatial: [Int], kernel: [Int], cin: Int, cout: Int, groups: Int = 1,
         strides: [Int]? = nil, dilations: [Int]? = nil, padding: PaddingMode = .valid,
         explicitPadding: [PadWidth]? = nil) {
        let r = spatial.count
        let strides = strides ?? [Int](repeating: 1, count: r)
        let dilations = dilations ?? [Int](repeating: 1, count: r)
        let pads = explicitPadding ?? (0..<r).map {
            padding.widths(size: spatial[$0], effective: (kernel[$0] - 1) * dilations[$0] + 1, stride: strides[$0])
        }
        self.batch = batch
        self.spatial = spatial
        self.kernel = kernel
        self.cin = cin
        self.cout = cout
        self.groups = groups
        self.spec = ConvolutionSpec(strides: strides, dilations: dilations, padding: pads, groups: groups)
        label = "b\(batch) x\(spatial) k\(kernel) \(cin)->\(cout) g\(groups) s\(strides) d\(dilations) "
            + "p\(pads.map { "\($0.before),\($0.after)" })"
    }

    /// The label.
    var testDescription: String { label }
    /// x: [batch, *spatial, cin]
    var xShape: [Int] { [batch] + spatial + [cin] }
    /// kernel: [*k, cin/groups, cout]
    var kernelShape: [Int] { kernel + [cin / groups, cout] }
    /// y: [batch, *outSpatial, cout]
    var yShape: [Int] {
        [batch] + (0..<spatial.count).map {
            spec.outputSize(inputSize: spatial[$0], kernelSize: kernel[$0], axis: $0)
        } + [cout]
    }
}

/// Inputs, cotangent and the reference results (in Double) for one case.
struct ConvData {
    /// Inputs and the cotangent.
    var x: [Double], w: [Double], dy: [Double]
    /// Reference forward, input gradient, kernel gradient.
    var y: [Double], dx: [Double], dw: [Double]

    /// Random data from `seed` and the reference results on it.
    init(_ c: ConvCase, seed: UInt64) {
        var rng = LCG(seed: seed)
        x = rng.doubles(c.xShape.reduce(1, *))
        w = rng.doubles(c.kernelShape.reduce(1, *))
        dy = rng.doubles(c.yShape.reduce(1, *))
        y = [Double](repeating: .nan, count: dy.count)
        dx = [Double](repeating: .nan, count: x.count)
        dw = [Double](repeating: .nan, count: w.count)
        ReferenceConvolution.forward(x: x, xShape: c.xShape, kernel: w, kernelShape: c.kernelShape,
                                     spec: c.spec, output: &y)
        ReferenceConvolution.backpropInput(dy: dy, dyShape: c.yShape, kernel: w, kernelShape: c.kernelShape,
                                           spec: c.spec, inputShape: c.xShape, dx: &dx)
        ReferenceConvolution.backpropKernel(x: x, xShape: c.xShape, dy: dy, dyShape: c.yShape, spec: c.spec,
                                            kernelShape: c.kernelShape, dkernel: &dw)
    }
}

/// Runs the three fast kernels on `T` (outputs pre-filled with NaN to catch unwritten elements).
func fastConvolution<T: ConvolutionScalar>(
    _ c: ConvCase, _ d: ConvData, as: T.Type, algorithm: ConvolutionAlgorithm
) -> (y: [T], dx: [T], dw: [T]) {
    let x = d.x.map { T($0) }, w = d.w.map { T($0) }, dy = d.dy.map { T($0) }
    var y = [T](repeating: .nan, count: d.y.count)
    var dx = [T](repeating: .nan, count: d.x.count)
    var dw = [T](repeating: .nan, count: d.w.count)
    ConvolutionKernels.forward(x: x, xShape: c.xShape, kernel: w, kernelShape: c.kernelShape,
                               spec: c.spec, output: &y, algorithm: algorithm)
    ConvolutionKernels.backpropInput(dy: dy, dyShape: c.yShape, kernel: w, kernelShape: c.kernelShape,
                                     spec: c.spec, inputShape: c.xShape, dx: &dx, algorithm: algorithm)
    ConvolutionKernels.backpropKernel(x: x, xShape: c.xShape, dy: dy, dyShape: c.yShape, spec: c.spec,
                                      kernelShape: c.kernelShape, dkernel: &dw, algorithm: algorithm)
    return (y, dx, dw)
}

/// The sweep: ranks 1–3 × strides 1/2/3 × dilations 1/2 × padding modes × groups 1/2/depthwise.
let sweepCases: [ConvCase] = {
    var cases = [ConvCase]()
    let geometries: [([Int], [Int])] = [([9], [3]), ([5, 6], [3, 2]), ([4, 5, 3], [2, 3, 2])]
    // (cin, cout, groups): plain, two groups, depthwise with multiplier 2.
    let groupings = [(3, 4, 1), (4, 6, 2), (3, 6, 3)]
    var n = 0
    for (spatial, kernel) in geometries {
        let r = spatial.count
        for stride in [1, 2, 3] {
            for dilation in [1, 2] {
                for mode in PaddingMode.allCases where !(mode == .oversized && r == 3) {
                    for (cin, cout, groups) in groupings {
                        n += 1
                        cases.append(ConvCase(
                            batch: n % 2 == 0 ? 3 : 1, spatial: spatial, kernel: kernel, cin: cin, cout: cout,
                            groups: groups, strides: [Int](repeating: stride, count: r),
                            dilations: [Int](repeating: dilation, count: r), padding: mode))
                    }
                }
            }
        }
    }
    return cases
}()

/// Hand-picked edges.
let edgeCases: [ConvCase] = [
    // Pointwise fast path, all ranks.
    ConvCase(batch: 3, spatial: [7], kernel: [1], cin: 5, cout: 3),
    ConvCase(batch: 3, spatial: [5, 4], kernel: [1, 1], cin: 5, cout: 3),
    ConvCase(batch: 1, spatial: [2, 3, 4], kernel: [1, 1, 1], cin: 4, cout: 6),
    // 1×1 but not pointwise: strided, padded, grouped.
    ConvCase(batch: 3, spatial: [5, 4], kernel: [1, 1], cin: 4, cout: 3, strides: [2, 3]),
    ConvCase(batch: 1, spatial: [5, 4], kernel: [1, 1], cin: 4, cout: 3, explicitPadding: [PadWidth(1, 0), PadWidth(0, 2)]),
    ConvCase(batch: 3, spatial: [5, 4], kernel: [1, 1], cin: 4, cout: 6, groups: 2),
    // Output size 0, batch 0.
    ConvCase(batch: 3, spatial: [2], kernel: [5], cin: 2, cout: 3),
    ConvCase(batch: 2, spatial: [4, 2], kernel: [2, 3], cin: 2, cout: 2, groups: 2),
    ConvCase(batch: 0, spatial: [5, 5], kernel: [3, 3], cin: 2, cout: 3),
    // Stride larger than the kernel, 'same' with a kernel larger than the input.
    ConvCase(batch: 3, spatial: [11], kernel: [2], cin: 2, cout: 3, strides: [3]),
    ConvCase(batch: 1, spatial: [4], kernel: [7], cin: 2, cout: 3, padding: .same),
    ConvCase(batch: 1, spatial: [3, 4], kernel: [5, 6], cin: 2, cout: 2, padding: .same),
    // Asymmetric, mixed per-axis settings; 3-D with oversized padding on one axis.
    ConvCase(batch: 3, spatial: [6, 5], kernel: [3, 2], cin: 3, cout: 2, strides: [2, 1], dilations: [1, 3],
             explicitPadding: [PadWidth(3, 0), PadWidth(0, 4)]),
    ConvCase(batch: 1, spatial: [3, 4, 5], kernel: [2, 2, 3], cin: 2, cout: 3, strides: [1, 2, 1],
             dilations: [2, 1, 1], explicitPadding: [PadWidth(0, 0), PadWidth(1, 1), PadWidth(4, 3)]),
    // Depthwise with enough channels for several channel blocks.
    ConvCase(batch: 1, spatial: [5, 5], kernel: [3, 3], cin: 17, cout: 17, groups: 17, padding: .same),
    ConvCase(batch: 1, spatial: [6], kernel: [3], cin: 16, cout: 32, groups: 16, strides: [2], padding: .causal),
    // Groups with cin/groups == 1 but cout/groups > 1 are depthwise; cin 1 with groups 1 is not.
    ConvCase(batch: 3, spatial: [7], kernel: [3], cin: 1, cout: 4, padding: .same),
    // Big enough for several default-sized tiles and workers.
    ConvCase(batch: 3, spatial: [12, 11], kernel: [3, 3], cin: 3, cout: 4, strides: [1, 1], padding: .same),
    // No spatial axes: a plain matrix product.
    ConvCase(batch: 3, spatial: [], kernel: [], cin: 4, cout: 5),
    ConvCase(batch: 3, spatial: [], kernel: [], cin: 4, cout: 6, groups: 2),
]

/// Fast convolution kernels against the reference and against finite differences.
@Suite struct ConvolutionKernelTests {
    /// Every algorithm, both element types, all three kernels.
    @Test(arguments: sweepCases + edgeCases)
    func fastKernelsMatchReference(_ c: ConvCase) {
        let data = ConvData(c, seed: UInt64(c.label.utf8.reduce(0) { $0 &* 31 &+ UInt64($1) }))
        for algorithm in [ConvolutionAlgorithm.automatic, .im2col(maximumRowsPerTile: 5)] {
            let d = fastConvolution(c, data, as: Double.self, algorithm: algorithm)
            #expect(relativeError(d.y, data.y) < 1e-12, "forward Double \(algorithm)")
            #expect(relativeError(d.dx, data.dx) < 1e-12, "backpropInput Double \(algorithm)")
            #expect(relativeError(d.dw, data.dw) < 1e-12, "backpropKernel Double \(algorithm)")
            let f = fastConvolution(c, data, as: Float.self, algorithm: algorithm)
            #expect(relativeError(f.y, data.y) < 1e-5, "forward Float \(algorithm)")
            #expect(relativeError(f.dx, data.dx) < 1e-5, "backpropInput Float \(algorithm)")
            #expect(relativeError(f.dw, data.dw) < 1e-5, "backpropKernel Float \(algorithm)")
        }
    }

    /// The geometry recognises the pointwise and depthwise special cases.
    @Test func pathSelection() {
        #expect(ConvolutionGeometry(inputShape: [2, 5, 4, 3], kernelShape: [1, 1, 3, 2],
                                    spec: ConvolutionSpec(strides: [1, 1], dilations: [2, 2],
                                                          padding: [PadWidth(0, 0), PadWidth(0, 0)])).isPointwise)
        #expect(!ConvolutionGeometry(inputShape: [2, 5, 3], kernelShape: [1, 3, 2],
                                     spec: ConvolutionSpec(strides: [1], dilations: [1],
                                                           padding: [PadWidth(0, 1)])).isPointwise)
        #expect(ConvolutionGeometry(inputShape: [2, 5, 3], kernelShape: [3, 1, 6],
                                    spec: ConvolutionSpec(strides: [1], dilations: [1],
                                                          padding: [PadWidth(0, 0)], groups: 3)).isDepthwise)
    }

    /// backpropInput and backpropKernel are the true gradients of L = Σ forward(x, w) · dy.
    @Test(arguments: [
        ConvCase(batch: 2, spatial: [7], kernel: [3], cin: 2, cout: 3, strides: [2], dilations: [2], padding: .causal),
        ConvCase(batch: 2, spatial: [5, 4], kernel: [3, 2], cin: 4, cout: 2, groups: 2, strides: [2, 1], padding: .same),
        ConvCase(batch: 1, spatial: [3, 4, 3], kernel: [2, 2, 2], cin: 2, cout: 4, groups: 2, dilations: [1, 2, 1],
                 padding: .same),
        ConvCase(batch: 2, spatial: [4, 3], kernel: [1, 1], cin: 3, cout: 2),
    ])
    func gradientsMatchFiniteDifferences(_ c: ConvCase) {
        var rng = LCG(seed: 7)
        let x = rng.doubles(c.xShape.reduce(1, *)), w = rng.doubles(c.kernelShape.reduce(1, *))
        let dy = rng.doubles(c.yShape.reduce(1, *))
        func loss(_ x: [Double], _ w: [Double]) -> Double {
            var y = [Double](repeating: 0, count: dy.count)
            ConvolutionKernels.forward(x: x, xShape: c.xShape, kernel: w, kernelShape: c.kernelShape,
                                       spec: c.spec, output: &y)
            return zip(y, dy).reduce(0) { $0 + $1.0 * $1.1 }
        }
        var dx = [Double](repeating: 0, count: x.count), dw = [Double](repeating: 0, count: w.count)
        ConvolutionKernels.backpropInput(dy: dy, dyShape: c.yShape, kernel: w, kernelShape: c.kernelShape,
                                         spec: c.spec, inputShape: c.xShape, dx: &dx)
        ConvolutionKernels.backpropKernel(x: x, xShape: c.xShape, dy: dy, dyShape: c.yShape, spec: c.spec,
                                          kernelShape: c.kernelShape, dkernel: &dw)
        let h = 1e-4
        var numericDx = [Double](), numericDw = [Double]()
        for i in x.indices {
            var plus = x, minus = x
            plus[i] += h
            minus[i] -= h
            numericDx.append((loss(plus, w) - loss(minus, w)) / (2 * h))
        }
        for i in w.indices {
            var plus = w, minus = w
            plus[i] += h
            minus[i] -= h
            numericDw.append((loss(x, plus) - loss(x, minus)) / (2 * h))
        }
        #expect(relativeError(dx, numericDx) < 1e-8)
        #expect(relativeError(dw, numericDw) < 1e-8)
    }

    /// Same inputs, same bits (per-thread partial sums are reduced in a fixed order).
    @Test func backpropKernelIsDeterministic() {
        let c = ConvCase(batch: 3, spatial: [9, 8], kernel: [3, 3], cin: 3, cout: 4, padding: .same)
        let data = ConvData(c, seed: 11)
        let first = fastConvolution(c, data, as: Float.self, algorithm: .im2col(maximumRowsPerTile: 7))
        for _ in 0..<3 {
            let again = fastConvolution(c, data, as: Float.self, algorithm: .im2col(maximumRowsPerTile: 7))
            #expect(again.dw == first.dw)
        }
    }
}
