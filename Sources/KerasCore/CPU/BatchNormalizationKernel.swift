/// An element type the fused batch-normalization kernel runs on (`Float`, `Double`): statistics
/// accumulate in `Double` whatever the element type.
protocol BatchNormalizationScalar: BinaryFloatingPoint {
    /// The value as a `Double`, exactly.
    var widened: Double { get }
    /// `value` rounded to this type.
    init(narrowing value: Double)
}

extension Float: BatchNormalizationScalar {
    @inline(__always) var widened: Double { Double(self) }
    @inline(__always) init(narrowing value: Double) { self = Float(value) }
}

extension Double: BatchNormalizationScalar {
    @inline(__always) var widened: Double { self }
    @inline(__always) init(narrowing value: Double) { self = value }
}

/// Keras's batch normalization as a few fused passes over memory, for any rank and feature axis:
/// the input is seen as `[outer, channels, inner]` (`channels` the feature axis). Training takes
/// the batch mean, then the population variance from the deviations (two passes, sums in
/// `Double`: as careful as the composite, without its intermediate tensors), then writes
/// `y = (x - mean) · a + beta` per channel. The backward pass takes `Σ dy` and `Σ dy · (x - mean)` per
/// channel in one pass and writes `dx` in a second.
///
/// Work is split into units: rows of `channels` elements when the feature axis is the last
/// (`inner == 1`, loops over channels vectorize), else blocks of `inner` contiguous elements of
/// one channel. Per-channel sums are added per chunk of units, then the chunks in a fixed order.
/// The output is computed as `(x - mean) · a + beta`, Keras's `x · a + (beta - mean · a)`
/// rearranged: the same value, without float32 cancellation when the mean is large.
///
/// Residuals: the mean and `1 / sqrt(variance + epsilon)` used, `[channels]` float64 (the batch's
/// in training, the moving ones in inference).
enum BatchNormalizationKernel {
    // x: [outer, channels, inner] (any shape, seen so)
    struct Geometry {
        let outer: Int, channels: Int, inner: Int

        init(shape: [Int], axis: Int) {
            outer = shape[..<axis].reduce(1, *)
            channels = shape[axis]
            inner = shape[(axis + 1)...].reduce(1, *)
        }

        /// The number of elements averaged per channel.
        var reducedCount: Int { outer * inner }
        /// Rows of `channels` elements (feature axis last), else blocks of `inner` elements.
        var units: Int { inner == 1 ? outer : outer * channels }
        var unitLength: Int { inner == 1 ? channels : inner }
        /// Enough units per chunk that a chunk is worth a thread (about 16K elements).
        var minimumUnitsPerChunk: Int { Swift.max(1, 16384 / Swift.max(unitLength, 1)) }
        /// The number of chunks the reductions use (fixed for a shape, so sums are reproducible).
        var chunks: Int {
            Swift.min(Parallel.threadCount == 1 ? 1 : Parallel.threadCount * 4, Swift.max(1, units / minimumUnitsPerChunk))
        }

        func units(ofChunk k: Int, of chunks: Int) -> Range<Int> { (units * k / chunks)..<(units * (k + 1) / chunks) }
    }

    // x [.., C, ..], gamma?, beta?, (inference: mean, variance [C]) -> y, mean [C], variance [C]
    static func forward<T: BatchNormalizationScalar>(_ spec: BatchNormalizationSpec, _ inputs: BatchNormalizationInputs,
                                                     _: T.Type) -> (outputs: [Tensor], residuals: [Tensor]) {
        let g = Geometry(shape: inputs.x.shape, axis: spec.axis)
        let C = g.channels
        let x = UnsafePointer(inputs.x.pointer(as: T.self))
        let meanD = Tensor(uninitializedShape: [C], dtype: .float64), invD = Tensor(uninitializedShape: [C], dtype: .float64)
        let mean = meanD.pointer(as: Double.self), inv = invD.pointer(as: Double.self)
        var outputs: [Tensor] = []
        if spec.training {
            let n = Double(g.reducedCount)
            let sums = channelSums(g, count: 1) { units, p in accumulate(g, x, units, p) { v, _ in v.widened } }
            for c in 0..<C { mean[c] = sums[c] / n }
            let squares = channelSums(g, count: 1) { units, p in
                accumulate(g, x, units, p) { v, c in
                    let d = v.widened - mean[c]
                    return d * d
                }
            }
            let meanT = Tensor(uninitializedShape: [C], dtype: inputs.x.dtype)
            let varianceT = Tensor(uninitializedShape: [C], dtype: inputs.x.dtype)
            for c in 0..<C {
                let variance = squares[c] / n
                inv[c] = 1 / (variance + spec.epsilon).squareRoot()
                meanT.pointer(as: T.self)[c] = T(narrowing: mean[c])
                varianceT.pointer(as: T.self)[c] = T(narrowing: variance)
            }
            outputs = [meanT, varianceT]
        } else {
            let m = inputs.mean!.pointer(as: T.self), v = inputs.variance!.pointer(as: T.self)
            for c in 0..<C {
                mean[c] = m[c].widened
                inv[c] = 1 / (v[c].widened + spec.epsilon).squareRoot()
            }
            outputs = [inputs.mean!, inputs.variance!]
        }
        // y = (x - mean) · a + beta, a = gamma / sqrt(variance + epsilon): Keras's
        // x · a + (beta - mean · a) rearranged so that a large mean does not cancel in float32.
        let m = UnsafeMutablePointer<T>.allocate(capacity: C), a = UnsafeMutablePointer<T>.allocate(capacity: C)
        let b = UnsafeMutablePointer<T>.allocate(capacity: C)
        defer { m.deallocate(); a.deallocate(); b.deallocate() }
        let gamma = inputs.gamma?.pointer(as: T.self), beta = inputs.beta?.pointer(as: T.self)
        for c in 0..<C {
            m[c] = T(narrowing: mean[c])
            a[c] = T(narrowing: inv[c] * (gamma?[c].widened ?? 1))
            b[c] = beta?[c] ?? 0
        }
        let out = Tensor(uninitializedShape: inputs.x.shape, dtype: inputs.x.dtype)
        affine(g, x, out.pointer(as: T.self), center: m, scale: a, shift: b)
        return ([out] + outputs, [meanD, invD])
    }

    // dy [x's shape] -> gradients of x, gamma?, beta?, (inference: mean, variance)
    static func backward<T: BatchNormalizationScalar>(_ spec: BatchNormalizationSpec, _ inputs: BatchNormalizationInputs,
                                                      residuals: [Tensor], dy dyTensor: Tensor, needed: [Bool],
                                                      _: T.Type) -> [Tensor?] {
        let g = Geometry(shape: inputs.x.shape, axis: spec.axis)
        let C = g.channels, n = Double(g.reducedCount)
        let x = UnsafePointer(inputs.x.pointer(as: T.self)), dy = UnsafePointer(dyTensor.pointer(as: T.self))
        let mean = UnsafePointer(residuals[0].pointer(as: Double.self)), inv = UnsafePointer(residuals[1].pointer(as: Double.self))
        // s[c] = Σ dy, s[C + c] = Σ dy · (x - mean).
        let s = channelSums(g, count: 2) { units, p in accumulatePair(g, dy, x, mean, units, p) }
        let gamma = inputs.gamma?.pointer(as: T.self)
        func gammaValue(_ c: Int) -> Double { gamma?[c].widened ?? 1 }
        func perChannel(_ value: (Int) -> Double) -> Tensor {
            let t = Tensor(uninitializedShape: [C], dtype: inputs.x.dtype)
            let p = t.pointer(as: T.self)
            for c in 0..<C { p[c] = T(narrowing: value(c)) }
            return t
        }
        var grads: [Tensor?] = []
        if needed[0] {
            // Training: dx = a·dy - a·Σdy/n - a·inv²·Σdy(x - mean)/n · (x - mean), a = gamma·inv (the
            // gradient through the batch mean and variance). Inference: dx = a·dy.
            let k1 = UnsafeMutablePointer<T>.allocate(capacity: C), k2 = UnsafeMutablePointer<T>.allocate(capacity: C)
            let k3 = UnsafeMutablePointer<T>.allocate(capacity: C), m = UnsafeMutablePointer<T>.allocate(capacity: C)
            defer { k1.deallocate(); k2.deallocate(); k3.deallocate(); m.deallocate() }
            for c in 0..<C {
                let a = gammaValue(c) * inv[c]
                k1[c] = T(narrowing: a)
                k2[c] = spec.training ? T(narrowing: -a * inv[c] * inv[c] * s[C + c] / n) : 0
                k3[c] = spec.training ? T(narrowing: -a * s[c] / n) : 0
                m[c] = T(narrowing: mean[c])
            }
            let dx = Tensor(uninitializedShape: inputs.x.shape, dtype: inputs.x.dtype)
            if spec.training {
                inputGradient(g, dy, x, dx.pointer(as: T.self), k1, k2, k3, m)
            } else {
                affine(g, dy, dx.pointer(as: T.self), center: nil, scale: k1, shift: nil)
            }
            grads.append(dx)
        } else {
            grads.append(nil)
        }
        var k = 1
        if inputs.gamma != nil {
            grads.append(needed[k] ? perChannel { s[C + $0] * inv[$0] } : nil)
            k += 1
        }
        if inputs.beta != nil {
            grads.append(needed[k] ? perChannel { s[$0] } : nil)
            k += 1
        }
        if !spec.training, inputs.mean != nil, inputs.variance != nil {
            // y = (x - mean) · gamma · (variance + epsilon)^(-1/2) + beta.
            grads.append(needed[k] ? perChannel { -s[$0] * gammaValue($0) * inv[$0] } : nil)
            grads.append(needed[k + 1] ? perChannel { -0.5 * s[C + $0] * gammaValue($0) * inv[$0] * inv[$0] * inv[$0] } : nil)
        }
        return grads
    }

    // MARK: Passes

    /// Per-channel sums of `count` quantities in `Double`, `[count · channels]`: `accumulate`
    /// adds a range of units into a zeroed partial buffer of that layout; partials are summed in
    /// chunk order.
    static func channelSums(_ g: Geometry, count: Int,
                            _ accumulate: (Range<Int>, UnsafeMutablePointer<Double>) -> Void) -> [Double] {
        let width = count * g.channels, chunks = g.chunks
        let partials = UnsafeMutablePointer<Double>.allocate(capacity: chunks * width)
        partials.initialize(repeating: 0, count: chunks * width)
        defer { partials.deallocate() }
        Parallel.forEachIndex(chunks) { k in accumulate(g.units(ofChunk: k, of: chunks), partials + k * width) }
        var total = [Double](repeating: 0, count: width)
        for k in 0..<chunks {
            let p = partials + k * width
            for j in 0..<width { total[j] += p[j] }
        }
        return total
    }

    /// Adds `f(x, channel)` over `units` into `p[channel]`.
    @inline(__always)
    static func accumulate<T: BatchNormalizationScalar>(_ g: Geometry, _ x: UnsafePointer<T>, _ units: Range<Int>,
                                                        _ p: UnsafeMutablePointer<Double>, _ f: (T, Int) -> Double) {
        let C = g.channels
        if g.inner == 1 {
            for r in units {
                let row = x + r * C
                for c in 0..<C { p[c] += f(row[c], c) }
            }
            return
        }
        let L = g.inner
        for u in units {
            let c = u % C, block = x + u * L
            // Four accumulators: independent additions keep the pipeline full.
            var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
            var i = 0
            while i + 4 <= L {
                s0 += f(block[i], c); s1 += f(block[i + 1], c); s2 += f(block[i + 2], c); s3 += f(block[i + 3], c)
                i += 4
            }
            while i < L { s0 += f(block[i], c); i += 1 }
            p[c] += (s0 + s1) + (s2 + s3)
        }
    }

    /// Adds `dy` into `p[c]` and `dy · (x - mean)` into `p[C + c]` over `units`.
    static func accumulatePair<T: BatchNormalizationScalar>(_ g: Geometry, _ dy: UnsafePointer<T>, _ x: UnsafePointer<T>,
                                                            _ mean: UnsafePointer<Double>, _ units: Range<Int>,
                                                            _ p: UnsafeMutablePointer<Double>) {
        let C = g.channels
        if g.inner == 1 {
            let q = p + C
            for r in units {
                let dyRow = dy + r * C, xRow = x + r * C
                for c in 0..<C {
                    let d = dyRow[c].widened
                    p[c] += d
                    q[c] += d * (xRow[c].widened - mean[c])
                }
            }
            return
        }
        let L = g.inner
        for u in units {
            let c = u % C, m = mean[c]
            let dyBlock = dy + u * L, xBlock = x + u * L
            var s0 = 0.0, s1 = 0.0, t0 = 0.0, t1 = 0.0
            var i = 0
            while i + 2 <= L {
                let d0 = dyBlock[i].widened, d1 = dyBlock[i + 1].widened
                s0 += d0; s1 += d1
                t0 += d0 * (xBlock[i].widened - m); t1 += d1 * (xBlock[i + 1].widened - m)
                i += 2
            }
            if i < L {
                let d = dyBlock[i].widened
                s0 += d
                t0 += d * (xBlock[i].widened - m)
            }
            p[c] += s0 + s1
            p[C + c] += t0 + t1
        }
    }

    /// `out = (x - center[c]) · scale[c] + shift[c]` (an absent center or shift: zeros), in parallel.
    static func affine<T: BatchNormalizationScalar>(_ g: Geometry, _ x: UnsafePointer<T>, _ out: UnsafeMutablePointer<T>,
                                                    center: UnsafeMutablePointer<T>?, scale a: UnsafeMutablePointer<T>,
                                                    shift: UnsafeMutablePointer<T>?) {
        let C = g.channels, L = g.unitLength
        let zeros = UnsafeMutablePointer<T>.allocate(capacity: C)
        zeros.initialize(repeating: 0, count: C)
        defer { zeros.deallocate() }
        let m = center ?? zeros, b = shift ?? zeros
        Parallel.forEach(g.units, minimumChunk: g.minimumUnitsPerChunk) { units in
            for u in units {
                let src = x + u * L, dst = out + u * L
                if g.inner == 1 {
                    for c in 0..<C { dst[c] = (src[c] - m[c]) * a[c] + b[c] }
                } else {
                    let c = u % C, mc = m[c], ac = a[c], bc = b[c]
                    for i in 0..<L { dst[i] = (src[i] - mc) * ac + bc }
                }
            }
        }
    }

    /// `dx = dy · k1[c] + (x - m[c]) · k2[c] + k3[c]`, in parallel.
    static func inputGradient<T: BatchNormalizationScalar>(
        _ g: Geometry, _ dy: UnsafePointer<T>, _ x: UnsafePointer<T>, _ dx: UnsafeMutablePointer<T>,
        _ k1: UnsafeMutablePointer<T>, _ k2: UnsafeMutablePointer<T>, _ k3: UnsafeMutablePointer<T>, _ m: UnsafeMutablePointer<T>
    ) {
        let C = g.channels, L = g.unitLength
        Parallel.forEach(g.units, minimumChunk: g.minimumUnitsPerChunk) { units in
            for u in units {
                let d = dy + u * L, xs = x + u * L, out = dx + u * L
                if g.inner == 1 {
                    for c in 0..<C { out[c] = d[c] * k1[c] + (xs[c] - m[c]) * k2[c] + k3[c] }
                } else {
                    let c = u % C, a = k1[c], b = k2[c], e = k3[c], mc = m[c]
                    for i in 0..<L { out[i] = d[i] * a + (xs[i] - mc) * b + e }
                }
            }
        }
    }
}
