import Testing
@testable import KerasCore

@Suite struct ConvolutionOpTests {
    /// Direct 1-D convolution with explicit padding, the textbook definition.
    func direct1D(_ x: [Double], _ w: [Double], stride: Int, dilation: Int, padBefore: Int, outLength: Int) -> [Double] {
        (0..<outLength).map { o in
            (0..<w.count).reduce(0.0) { acc, k in
                let i = o * stride + k * dilation - padBefore
                return (i >= 0 && i < x.count) ? acc + x[i] * w[k] : acc
            }
        }
    }

    @Test func paddingRulesMatchKeras() {
        let x = Tensor((0..<7).map(Double.init), shape: [1, 7, 1], dtype: .float64)
        let w = Tensor([1.0, 2, 3], shape: [3, 1, 1], dtype: .float64)
        let xs = x.doubles, ws = w.doubles
        // valid, stride 2: out 3
        expectClose(conv(x, w, strides: [2]), direct1D(xs, ws, stride: 2, dilation: 1, padBefore: 0, outLength: 3), shape: [1, 3, 1])
        // same, stride 2: out ceil(7/2) = 4, total pad = 3*2 + 3 - 7 = 2 -> (1, 1)
        expectClose(conv(x, w, strides: [2], padding: .same), direct1D(xs, ws, stride: 2, dilation: 1, padBefore: 1, outLength: 4), shape: [1, 4, 1])
        // causal, dilation 2: pad (4, 0), out 7
        expectClose(conv(x, w, padding: .causal, dilationRate: [2]), direct1D(xs, ws, stride: 1, dilation: 2, padBefore: 4, outLength: 7), shape: [1, 7, 1])
        // same with an even kernel puts the extra padding after: k = 2, total 1 -> (0, 1)
        let w2 = Tensor([1.0, 10], shape: [2, 1, 1], dtype: .float64)
        expectClose(conv(x, w2, padding: .same), direct1D(xs, [1, 10], stride: 1, dilation: 1, padBefore: 0, outLength: 7))
    }

    @Test func channelsFirstEqualsChannelsLast() {
        var rng = TestRNG(1)
        let x = rng.tensor([2, 5, 6, 3])
        let w = rng.tensor([3, 2, 3, 4])
        let last = conv(x, w, strides: [2, 1], padding: .same)
        let first = conv(x.movingAxis(-1, to: 1), w, strides: [2, 1], padding: .same, dataFormat: .channelsFirst)
        expectClose(first.movingAxis(1, to: -1), last, tolerance: 1e-12)
        let p1 = maxPool(x, poolSize: [2, 2], padding: .same)
        let p2 = maxPool(x.movingAxis(-1, to: 1), poolSize: [2, 2], padding: .same, dataFormat: .channelsFirst)
        expectClose(p2.movingAxis(1, to: -1), p1)
    }

    @Test func groupedAndDepthwise() {
        var rng = TestRNG(2)
        let x = rng.tensor([1, 6, 4])
        let w = rng.tensor([3, 2, 6])   // groups = 4 / 2 = 2
        let y = conv(x, w)
        // Group 0 sees channels 0..<2 and makes outputs 0..<3.
        let g0 = conv(x[.all, .all, .range(0..<2)], w[.all, .all, .range(0..<3)])
        expectClose(y[.all, .all, .range(0..<3)], g0, tolerance: 1e-12)
        let dk = rng.tensor([3, 4, 2])  // 4 channels, multiplier 2
        let dy = depthwiseConv(x, dk, padding: .same)
        #expect(dy.shape == [1, 6, 8])
        // Output channel c * 2 + m is channel c convolved with dk[:, c, m].
        let c1m1 = conv(x[.all, .all, .range(1..<2)], dk[.all, .range(1..<2), .range(1..<2)], padding: .same)
        expectClose(dy[.all, .all, .range(3..<4)], c1m1, tolerance: 1e-12)
        let pk = rng.tensor([1, 8, 5])
        expectClose(separableConv(x, depthwiseKernel: dk, pointwiseKernel: pk, padding: .same), conv(dy, pk), tolerance: 1e-12)
    }

    @Test func transposedConvolutionShapesFollowKeras() {
        let w = Tensor.ones([3, 3, 2, 5])
        let x = Tensor.ones([1, 4, 4, 5])
        #expect(convTranspose(x, w, strides: [2]).shape == [1, 9, 9, 2])
        #expect(convTranspose(x, w, strides: [2], padding: .same).shape == [1, 8, 8, 2])
        #expect(convTranspose(x, w, strides: [2], padding: .same, outputPadding: [1]).shape == [1, 8, 8, 2])
        #expect(convTranspose(x, w, strides: [2], padding: .valid, outputPadding: [1]).shape == [1, 10, 10, 2])
        #expect(convTranspose(x, w, strides: [1], padding: .same).shape == [1, 4, 4, 2])
        let w4 = Tensor.ones([4, 2, 5])
        #expect(convTranspose(Tensor.ones([1, 4, 5]), w4, strides: [2], padding: .same).shape == [1, 8, 2])
    }

    @Test func transposedConvolutionIsTheAdjointOfConvolution() {
        var rng = TestRNG(3)
        for (padding, stride, dilation) in [(Padding.valid, 2, 1), (.same, 2, 1), (.same, 1, 2), (.valid, 3, 2)] {
            let x = rng.tensor([2, 4, 3])
            let w = rng.tensor([3, 2, 3])  // [k, out, in]
            let y = convTranspose(x, w, strides: [stride], padding: padding, dilationRate: [dilation])
            let probe = rng.tensor(y.shape)
            let forward = conv(probe, w, strides: [stride], padding: padding, dilationRate: [dilation])
            #expect(forward.shape == x.shape, "\(padding) \(stride) \(dilation)")
            let lhs = (y * probe).sum().item(), rhs = (x * forward).sum().item()
            #expect(Swift.abs(lhs - rhs) < 1e-9 * Swift.max(1, Swift.abs(lhs)), "\(padding) \(stride) \(dilation)")
        }
    }

    @Test func convolutionGradients() {
        var rng = TestRNG(4)
        checkGradients([rng.tensor([2, 7, 3]), rng.tensor([3, 3, 2])]) { conv($0[0], $0[1], strides: [2], padding: .same) }
        checkGradients([rng.tensor([1, 9, 2]), rng.tensor([2, 2, 3])]) { conv($0[0], $0[1], padding: .causal, dilationRate: [3]) }
        checkGradients([rng.tensor([2, 5, 6, 2]), rng.tensor([3, 2, 2, 3])]) {
            conv($0[0], $0[1], strides: [2, 1], padding: .valid, dilationRate: [1, 2])
        }
        checkGradients([rng.tensor([1, 3, 4, 3, 2]), rng.tensor([2, 2, 2, 2, 2])]) { conv($0[0], $0[1], padding: .same) }
        checkGradients([rng.tensor([1, 5, 5, 4]), rng.tensor([3, 3, 4, 2])]) { depthwiseConv($0[0], $0[1], strides: [2], padding: .same) }
        checkGradients([rng.tensor([1, 4, 6]), rng.tensor([3, 2, 6])]) { conv($0[0], $0[1]) }  // grouped
        checkGradients([rng.tensor([2, 3, 3, 2]), rng.tensor([3, 3, 4, 2])]) {
            convTranspose($0[0], $0[1], strides: [2], padding: .same)
        }
        checkGradients([rng.tensor([1, 4, 2]), rng.tensor([3, 3, 2])]) {
            convTranspose($0[0], $0[1], strides: [2], padding: .valid, outputPadding: [1])
        }
        // The kernel-gradient primitive is itself differentiable in both inputs.
        let spec = ConvolutionSpec(strides: [2], dilations: [1], padding: [PadWidth(1, 1)])
        checkGradients([rng.tensor([2, 6, 2]), rng.tensor([2, 3, 3])]) {
            dispatch(.convolutionBackpropKernel(spec, kernelShape: [3, 2, 3]), [$0[0], $0[1]])
        }
    }

    @Test func pooling() {
        let x = Tensor([1.0, 5, 2, 8, 3, 0, 7], shape: [1, 7, 1], dtype: .float64)
        expectClose(maxPool(x, poolSize: [2]), [5, 8, 3], shape: [1, 3, 1])
        expectClose(maxPool(x, poolSize: [3], strides: [2], padding: .same), [5, 8, 8, 7], shape: [1, 4, 1])
        expectClose(averagePool(x, poolSize: [2]), [3, 5, 1.5])
        // same: the border window averages only real elements.
        expectClose(averagePool(x, poolSize: [2], padding: .same), [3, 5, 1.5, 7])
        var rng = TestRNG(5)
        checkGradients([rng.tensor([2, 7, 3])]) { maxPool($0[0], poolSize: [3], strides: [2], padding: .same) }
        checkGradients([rng.tensor([2, 5, 6, 2])]) { maxPool($0[0], poolSize: [2, 3], strides: [1, 2]) }
        checkGradients([rng.tensor([1, 4, 4, 4, 1])]) { averagePool($0[0], poolSize: [2], padding: .same) }
        checkGradients([rng.tensor([2, 5, 5, 3])]) { averagePool($0[0], poolSize: [3], strides: [2], padding: .same) }
    }

    @Test func float32MatchesFloat64() {
        var rng = TestRNG(6)
        let x = rng.tensor([2, 9, 9, 3]), w = rng.tensor([3, 3, 3, 8])
        let y64 = conv(x, w, strides: [2], padding: .same)
        let y32 = conv(cast(x, to: .float32), cast(w, to: .float32), strides: [2], padding: .same)
        expectClose(y32, y64.doubles, tolerance: 1e-5)
        #expect(conv(cast(x, to: .float16), cast(w, to: .float16)).dtype == .float16)
    }
}
