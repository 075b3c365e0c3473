/// Row-major multi-index helpers for the reference kernels (any rank).
enum ReferenceIndexing {
    /// Calls `body` with every index of `shape` in row-major order (once with `[]` for rank 0,
    /// never when a dimension is 0).
    static func forEachIndex(_ shape: [Int], _ body: ([Int]) -> Void) {
        if shape.contains(where: { $0 <= 0 }) { return }
        var index = [Int](repeating: 0, count: shape.count)
        while true {
            body(index)
            var axis = shape.count - 1
            while axis >= 0 {
                index[axis] += 1
                if index[axis] < shape[axis] { break }
                index[axis] = 0
                axis -= 1
            }
            if axis < 0 { return }
        }
    }

    /// The row-major offset of `index` in `shape`.
    static func offset(_ index: [Int], in shape: [Int]) -> Int {
        var result = 0
        for (i, n) in zip(index, shape) { result = result * n + i }
        return result
    }

    /// The input index that output `out` reads through kernel tap `tap`, or nil in the padding.
    static func inputIndex(output out: [Int], tap: [Int], strides: [Int], dilations: [Int],
                           padding: [PadWidth], inputSpatial: [Int]) -> [Int]? {
        var index = [Int]()
        for axis in 0..<out.count {
            let i = out[axis] * strides[axis] - padding[axis].before + tap[axis] * dilations[axis]
            if i < 0 || i >= inputSpatial[axis] { return nil }
            index.append(i)
        }
        return index
    }
}

/// Plain direct-loop convolution, written for obviousness: the test oracle for
/// `ConvolutionKernels`. Same layouts and semantics: `x: [batch, *spatial, cin]`,
/// `kernel: [*k, cin/groups, cout]`, `y: [batch, *outSpatial, cout]`; any spatial rank.
enum ReferenceConvolution {
    // The shapes a convolution works with, spelled out.
    private struct Shapes {
        var batch: Int, cin: Int, cout: Int, cinG: Int, coutG: Int
        var inSpatial: [Int], kSpatial: [Int], outSpatial: [Int]

        init(inputShape: [Int], kernelShape: [Int], spec: ConvolutionSpec) {
            let r = spec.spatialRank
            batch = inputShape[0]
            cin = inputShape[r + 1]
            cout = kernelShape[r + 1]
            cinG = cin / spec.groups
            coutG = cout / spec.groups
            inSpatial = Array(inputShape[1..<(r + 1)])
            kSpatial = Array(kernelShape[0..<r])
            let ins = inSpatial, ks = kSpatial
            outSpatial = (0..<r).map { spec.outputSize(inputSize: ins[$0], kernelSize: ks[$0], axis: $0) }
        }

        // Visits every (batch, output position, output channel, tap, group input channel) whose tap
        // lands inside the input, with flat offsets into x, kernel and y.
        func forEachProduct(spec: ConvolutionSpec, _ body: (_ xAt: Int, _ kAt: Int, _ yAt: Int) -> Void) {
            for b in 0..<batch {
                ReferenceIndexing.forEachIndex(outSpatial) { out in
                    let yRow = b * outSpatial.reduce(1, *) + ReferenceIndexing.offset(out, in: outSpatial)
                    for co in 0..<cout {
                        let group = co / coutG
                        ReferenceIndexing.forEachIndex(kSpatial) { tap in
                            guard let input = ReferenceIndexing.inputIndex(
                                output: out, tap: tap, strides: spec.strides, dilations: spec.dilations,
                                padding: spec.padding, inputSpatial: inSpatial) else { return }
                            let xRow = b * inSpatial.reduce(1, *) + ReferenceIndexing.offset(input, in: inSpatial)
                            let kRow = ReferenceIndexing.offset(tap, in: kSpatial)
                            for ci in 0..<cinG {
                                body(xRow * cin + group * cinG + ci, (kRow * cinG + ci) * cout + co, yRow * cout + co)
                            }
                        }
                    }
                }
            }
        }

        var xCount: Int { batch * inSpatial.reduce(1, *) * cin }
        var yCount: Int { batch * outSpatial.reduce(1, *) * cout }
        var kCount: Int { kSpatial.reduce(1, *) * cinG * cout }
    }

    /// y[b, o, co] = Σ_{tap, ci} x[b, o*stride - pad + tap*dilation, g*cinG + ci] · kernel[tap, ci, co]
    /// with g = co / coutG. x: [batch, *spatial, cin], output: [batch, *outSpatial, cout]
    static func forward<T: BinaryFloatingPoint>(
        x: UnsafePointer<T>, xShape: [Int], kernel: UnsafePointer<T>, kernelShape: [Int],
        spec: ConvolutionSpec, output: UnsafeMutablePointer<T>
    ) {
        let s = Shapes(inputShape: xShape, kernelShape: kernelShape, spec: spec)
        for i in 0..<s.yCount { output[i] = 0 }
        s.forEachProduct(spec: spec) { xAt, kAt, yAt in output[yAt] += x[xAt] * kernel[kAt] }
    }

    /// dx[b, i, c] = Σ over the (output, tap) pairs that read x[b, i, c] of dy · kernel.
    /// dy: [batch, *outSpatial, cout], dx: [batch, *spatial, cin] (`inputShape`)
    static func backpropInput<T: BinaryFloatingPoint>(
        dy: UnsafePointer<T>, dyShape: [Int], kernel: UnsafePointer<T>, kernelShape: [Int],
        spec: ConvolutionSpec, inputShape: [Int], dx: UnsafeMutablePointer<T>
    ) {
        let s = Shapes(inputShape: inputShape, kernelShape: kernelShape, spec: spec)
        for i in 0..<s.xCount { dx[i] = 0 }
        s.forEachProduct(spec: spec) { xAt, kAt, yAt in dx[xAt] += dy[yAt] * kernel[kAt] }
    }

    /// dkernel[tap, ci, co] = Σ over batch and outputs of x · dy.
    /// x: [batch, *spatial, cin], dy: [batch, *outSpatial, cout], dkernel: [*k, cin/groups, cout]
    static func backpropKernel<T: BinaryFloatingPoint>(
        x: UnsafePointer<T>, xShape: [Int], dy: UnsafePointer<T>, dyShape: [Int],
        spec: ConvolutionSpec, kernelShape: [Int], dkernel: UnsafeMutablePointer<T>
    ) {
        let s = Shapes(inputShape: xShape, kernelShape: kernelShape, spec: spec)
        for i in 0..<s.kCount { dkernel[i] = 0 }
        s.forEachProduct(spec: spec) { xAt, kAt, yAt in dkernel[kAt] += x[xAt] * dy[yAt] }
    }
}
