/// Fast CPU kernels for N-d (N = 1, 2, 3) channels-last max and average pooling.
///
/// Layouts: `x: [batch, *spatial, channels]`, `y: [batch, *outSpatial, channels]` with
/// `outSpatial[i] = spec.outputSize(...)`. Semantics (Keras/TF):
/// - max: the largest in-bounds element; padded positions never win. Ties (and NaNs) resolve to
///   the FIRST in-bounds element of the window in row-major window order that is not exceeded,
///   i.e. the running best is replaced only by a strictly greater value, and the backward pass
///   routes each gradient to exactly that element.
/// - average: the sum of the in-bounds elements divided by their count (padding not counted).
/// - A window with no in-bounds element (only possible with padding ≥ window) outputs 0 and
///   passes no gradient.
/// Shapes and specs are trusted; spatial rank 1...3 (0 also works). Outputs are fully overwritten.
enum PoolingKernels {
    /// y = pool(x). Threads over output lines (batch, od, oh).
    /// x: [batch, *spatial, channels], output: [batch, *outSpatial, channels]
    static func forward<T: BinaryFloatingPoint>(
        x: UnsafePointer<T>, xShape: [Int], spec: PoolingSpec, output: UnsafeMutablePointer<T>
    ) {
        let g = PoolingGeometry(inputShape: xShape, spec: spec)
        let lines = g.batch * g.outD * g.outH
        let channels = g.channels
        guard lines > 0, g.outW > 0, channels > 0 else { return }
        let isMax = spec.kind == .max
        Parallel.forEach(lines) { range in
            for line in range {
                let oh = line % g.outH
                let od = (line / g.outH) % g.outD
                let b = line / (g.outH * g.outD)
                let d0 = od * g.strideD - g.padD, h0 = oh * g.strideH - g.padH
                let dTaps = inBoundsTaps(start: d0, dilation: 1, kernel: g.kD, size: g.inD)
                let hTaps = inBoundsTaps(start: h0, dilation: 1, kernel: g.kH, size: g.inH)
                for ow in 0..<g.outW {
                    let out = output + (line * g.outW + ow) * channels
                    let w0 = ow * g.strideW - g.padW
                    let wTaps = inBoundsTaps(start: w0, dilation: 1, kernel: g.kW, size: g.inW)
                    let count = dTaps.count * hTaps.count * wTaps.count
                    out.update(repeating: 0, count: channels)
                    if count == 0 { continue }
                    var first = true
                    for kd in dTaps {
                        for kh in hTaps {
                            let inLine = x + ((b * g.inD + d0 + kd) * g.inH + h0 + kh) * g.inW * channels
                            for kw in wTaps {
                                let src = inLine + (w0 + kw) * channels
                                if first {
                                    for c in 0..<channels { out[c] = src[c] }
                                    first = false
                                } else if isMax {
                                    for c in 0..<channels where src[c] > out[c] { out[c] = src[c] }
                                } else {
                                    for c in 0..<channels { out[c] += src[c] }
                                }
                            }
                        }
                    }
                    if !isMax {
                        let n = T(count)
                        for c in 0..<channels { out[c] /= n }
                    }
                }
            }
        }
    }

    /// dx = gradient of `forward` with respect to x (max: each dy goes to its window's winning
    /// element; average: dy / count to each in-bounds element; overlapping windows accumulate).
    /// Threads over (batch, channel block), so workers never write the same element.
    /// x: [batch, *spatial, channels], dy: [batch, *outSpatial, channels],
    /// dx: [batch, *spatial, channels]
    static func backward<T: BinaryFloatingPoint>(
        x: UnsafePointer<T>, xShape: [Int], dy: UnsafePointer<T>, spec: PoolingSpec,
        dx: UnsafeMutablePointer<T>
    ) {
        let g = PoolingGeometry(inputShape: xShape, spec: spec)
        let channels = g.channels
        guard g.batch > 0, channels > 0, g.inputVolume > 0 else { return }
        let isMax = spec.kind == .max
        let blocks = channelBlocks(channels: channels, batch: g.batch)
        Parallel.forEach(g.batch * blocks.count) { range in
            // Per-channel running best value and its input offset, for max.
            let best = UnsafeMutablePointer<T>.allocate(capacity: isMax ? channels : 0)
            let bestAt = UnsafeMutablePointer<Int>.allocate(capacity: isMax ? channels : 0)
            defer {
                best.deallocate()
                bestAt.deallocate()
            }
            for item in range {
                let b = item / blocks.count
                let cs = blocks.range(item % blocks.count)
                let xBatch = x + b * g.inputVolume * channels
                let dxBatch = dx + b * g.inputVolume * channels
                for p in 0..<g.inputVolume {
                    (dxBatch + p * channels + cs.lowerBound).update(repeating: 0, count: cs.count)
                }
                for od in 0..<g.outD {
                    let d0 = od * g.strideD - g.padD
                    let dTaps = inBoundsTaps(start: d0, dilation: 1, kernel: g.kD, size: g.inD)
                    for oh in 0..<g.outH {
                        let h0 = oh * g.strideH - g.padH
                        let hTaps = inBoundsTaps(start: h0, dilation: 1, kernel: g.kH, size: g.inH)
                        for ow in 0..<g.outW {
                            let w0 = ow * g.strideW - g.padW
                            let wTaps = inBoundsTaps(start: w0, dilation: 1, kernel: g.kW, size: g.inW)
                            let count = dTaps.count * hTaps.count * wTaps.count
                            if count == 0 { continue }
                            let grad = dy + (((b * g.outD + od) * g.outH + oh) * g.outW + ow) * channels
                            if isMax {
                                var first = true
                                for kd in dTaps {
                                    for kh in hTaps {
                                        for kw in wTaps {
                                            let at = (((d0 + kd) * g.inH + h0 + kh) * g.inW + w0 + kw) * channels
                                            let src = xBatch + at
                                            if first {
                                                for c in cs {
                                                    best[c] = src[c]
                                                    bestAt[c] = at
                                                }
                                                first = false
                                            } else {
                                                for c in cs where src[c] > best[c] {
                                                    best[c] = src[c]
                                                    bestAt[c] = at
                                                }
                                            }
                                        }
                                    }
                                }
                                for c in cs { dxBatch[bestAt[c] + c] += grad[c] }
                            } else {
                                let n = T(count)
                                for kd in dTaps {
                                    for kh in hTaps {
                                        for kw in wTaps {
                                            let dst = dxBatch + (((d0 + kd) * g.inH + h0 + kh) * g.inW + w0 + kw) * channels
                                            for c in cs { dst[c] += grad[c] / n }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
