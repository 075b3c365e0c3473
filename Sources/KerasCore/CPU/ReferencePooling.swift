/// Plain direct-loop pooling, written for obviousness: the test oracle for `PoolingKernels`
/// (same layouts and semantics; any spatial rank).
/// x: [batch, *spatial, channels], y: [batch, *outSpatial, channels]
enum ReferencePooling {
    // Calls `body(yAt, xAts)` for every output element with the flat x offsets of its in-bounds
    // window elements in row-major window order.
    private static func forEachWindow(xShape: [Int], spec: PoolingSpec, _ body: (Int, [Int]) -> Void) {
        let r = spec.window.count
        let batch = xShape[0], channels = xShape[r + 1]
        let inSpatial = Array(xShape[1..<(r + 1)])
        let outSpatial = (0..<r).map { spec.outputSize(inputSize: inSpatial[$0], axis: $0) }
        let ones = [Int](repeating: 1, count: r)
        for b in 0..<batch {
            ReferenceIndexing.forEachIndex(outSpatial) { out in
                let yRow = b * outSpatial.reduce(1, *) + ReferenceIndexing.offset(out, in: outSpatial)
                for c in 0..<channels {
                    var xAts = [Int]()
                    ReferenceIndexing.forEachIndex(spec.window) { tap in
                        guard let input = ReferenceIndexing.inputIndex(
                            output: out, tap: tap, strides: spec.strides, dilations: ones,
                            padding: spec.padding, inputSpatial: inSpatial) else { return }
                        let xRow = b * inSpatial.reduce(1, *) + ReferenceIndexing.offset(input, in: inSpatial)
                        xAts.append(xRow * channels + c)
                    }
                    body(yRow * channels + c, xAts)
                }
            }
        }
    }

    // The first in-bounds element not exceeded by any later one (strictly-greater replaces).
    private static func winner<T: BinaryFloatingPoint>(_ x: UnsafePointer<T>, _ xAts: [Int]) -> Int {
        var best = xAts[0]
        for at in xAts.dropFirst() where x[at] > x[best] { best = at }
        return best
    }

    /// Max: the window's winning element; average: mean of the in-bounds elements;
    /// 0 for a window with no in-bounds element.
    /// x: [batch, *spatial, channels], output: [batch, *outSpatial, channels]
    static func forward<T: BinaryFloatingPoint>(
        x: UnsafePointer<T>, xShape: [Int], spec: PoolingSpec, output: UnsafeMutablePointer<T>
    ) {
        forEachWindow(xShape: xShape, spec: spec) { yAt, xAts in
            if xAts.isEmpty {
                output[yAt] = 0
            } else if spec.kind == .max {
                output[yAt] = x[winner(x, xAts)]
            } else {
                var sum: T = 0
                for at in xAts { sum += x[at] }
                output[yAt] = sum / T(xAts.count)
            }
        }
    }

    /// Max: dy to the window's winning element; average: dy / count to each in-bounds element.
    /// x, dx: [batch, *spatial, channels], dy: [batch, *outSpatial, channels]
    static func backward<T: BinaryFloatingPoint>(
        x: UnsafePointer<T>, xShape: [Int], dy: UnsafePointer<T>, spec: PoolingSpec,
        dx: UnsafeMutablePointer<T>
    ) {
        let count = xShape.reduce(1, *)
        for i in 0..<count { dx[i] = 0 }
        forEachWindow(xShape: xShape, spec: spec) { yAt, xAts in
            if xAts.isEmpty { return }
            if spec.kind == .max {
                dx[winner(x, xAts)] += dy[yAt]
            } else {
                for at in xAts { dx[at] += dy[yAt] / T(xAts.count) }
            }
        }
    }
}
