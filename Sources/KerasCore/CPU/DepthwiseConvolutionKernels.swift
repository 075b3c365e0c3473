/// Direct loops for depthwise convolution (groups == cin, one input channel per group), where
/// im2col + GEMM would run `cin` tiny GEMMs. Output channel `c*M + m` (M = cout / cin, the depth
/// multiplier) reads input channel `c`; channel loops are innermost and contiguous.
///
/// Layouts (via `ConvolutionGeometry`): `x: [batch, inD, inH, inW, cin]`,
/// `kernel: [kD, kH, kW, 1, cin*M]`, `y: [batch, outD, outH, outW, cin*M]`.
enum DepthwiseConvolutionKernels {
    /// y = depthwise conv(x, kernel); threads over output lines (batch, od, oh).
    /// x: [batch, *spatial, cin], kernel: [*k, 1, cout], output: [batch, *outSpatial, cout]
    static func forward<T: BinaryFloatingPoint>(
        x: UnsafePointer<T>, kernel: UnsafePointer<T>, geometry g: ConvolutionGeometry,
        output: UnsafeMutablePointer<T>
    ) {
        let lines = g.batch * g.outD * g.outH
        guard lines > 0, g.outW > 0 else { return }
        let cin = g.cin, cout = g.cout, multiplier = g.coutG
        Parallel.forEach(lines) { range in
            for line in range {
                let oh = line % g.outH
                let od = (line / g.outH) % g.outD
                let b = line / (g.outH * g.outD)
                let dTaps = inBoundsTaps(start: od * g.strideD - g.padD, dilation: g.dilD, kernel: g.kD, size: g.inD)
                let hTaps = inBoundsTaps(start: oh * g.strideH - g.padH, dilation: g.dilH, kernel: g.kH, size: g.inH)
                for ow in 0..<g.outW {
                    let out = output + (line * g.outW + ow) * cout
                    out.update(repeating: 0, count: cout)
                    let w0 = ow * g.strideW - g.padW
                    let wTaps = inBoundsTaps(start: w0, dilation: g.dilW, kernel: g.kW, size: g.inW)
                    for kd in dTaps {
                        let id = od * g.strideD - g.padD + kd * g.dilD
                        for kh in hTaps {
                            let ih = oh * g.strideH - g.padH + kh * g.dilH
                            let inLine = x + ((b * g.inD + id) * g.inH + ih) * g.inW * cin
                            for kw in wTaps {
                                let src = inLine + (w0 + kw * g.dilW) * cin
                                let tap = kernel + ((kd * g.kH + kh) * g.kW + kw) * cout
                                if multiplier == 1 {
                                    for c in 0..<cin { out[c] += src[c] * tap[c] }
                                } else {
                                    for c in 0..<cin {
                                        let v = src[c]
                                        let o = out + c * multiplier, t = tap + c * multiplier
                                        for m in 0..<multiplier { o[m] += v * t[m] }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// dx = gradient of `forward` with respect to x; threads over (batch, channel block) so
    /// scatter-adds of different workers never touch the same element.
    /// dy: [batch, *outSpatial, cout], kernel: [*k, 1, cout], dx: [batch, *spatial, cin]
    static func backpropInput<T: BinaryFloatingPoint>(
        dy: UnsafePointer<T>, kernel: UnsafePointer<T>, geometry g: ConvolutionGeometry,
        dx: UnsafeMutablePointer<T>
    ) {
        let cin = g.cin, cout = g.cout, multiplier = g.coutG
        let blocks = channelBlocks(channels: cin, batch: g.batch)
        Parallel.forEach(g.batch * blocks.count) { range in
            for item in range {
                let b = item / blocks.count
                let channels = blocks.range(item % blocks.count)
                let dxBatch = dx + b * g.inputVolume * cin
                for p in 0..<g.inputVolume {
                    (dxBatch + p * cin + channels.lowerBound).update(repeating: 0, count: channels.count)
                }
                for od in 0..<g.outD {
                    let dTaps = inBoundsTaps(start: od * g.strideD - g.padD, dilation: g.dilD, kernel: g.kD, size: g.inD)
                    for oh in 0..<g.outH {
                        let hTaps = inBoundsTaps(start: oh * g.strideH - g.padH, dilation: g.dilH, kernel: g.kH, size: g.inH)
                        for ow in 0..<g.outW {
                            let w0 = ow * g.strideW - g.padW
                            let wTaps = inBoundsTaps(start: w0, dilation: g.dilW, kernel: g.kW, size: g.inW)
                            let grad = dy + (((b * g.outD + od) * g.outH + oh) * g.outW + ow) * cout
                            for kd in dTaps {
                                let id = od * g.strideD - g.padD + kd * g.dilD
                                for kh in hTaps {
                                    let ih = oh * g.strideH - g.padH + kh * g.dilH
                                    let inLine = dxBatch + (id * g.inH + ih) * g.inW * cin
                                    for kw in wTaps {
                                        let dst = inLine + (w0 + kw * g.dilW) * cin
                                        let tap = kernel + ((kd * g.kH + kh) * g.kW + kw) * cout
                                        if multiplier == 1 {
                                            for c in channels { dst[c] += grad[c] * tap[c] }
                                        } else {
                                            for c in channels {
                                                var s: T = 0
                                                for m in 0..<multiplier { s += grad[c * multiplier + m] * tap[c * multiplier + m] }
                                                dst[c] += s
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

    /// dkernel = gradient of `forward` with respect to the kernel, summed over the batch; threads
    /// over channel blocks, each summing in (batch, position, tap) order, so the result does not
    /// depend on the thread count.
    /// x: [batch, *spatial, cin], dy: [batch, *outSpatial, cout], dkernel: [*k, 1, cout]
    static func backpropKernel<T: BinaryFloatingPoint>(
        x: UnsafePointer<T>, dy: UnsafePointer<T>, geometry g: ConvolutionGeometry,
        dkernel: UnsafeMutablePointer<T>
    ) {
        let cin = g.cin, cout = g.cout, multiplier = g.coutG
        let blocks = channelBlocks(channels: cin, batch: 1)
        Parallel.forEach(blocks.count) { range in
            for block in range {
                let channels = blocks.range(block)
                let outs = (channels.lowerBound * multiplier)..<(channels.upperBound * multiplier)
                for tap in 0..<g.kernelVolume {
                    (dkernel + tap * cout + outs.lowerBound).update(repeating: 0, count: outs.count)
                }
                for b in 0..<g.batch {
                    for od in 0..<g.outD {
                        let dTaps = inBoundsTaps(start: od * g.strideD - g.padD, dilation: g.dilD, kernel: g.kD, size: g.inD)
                        for oh in 0..<g.outH {
                            let hTaps = inBoundsTaps(start: oh * g.strideH - g.padH, dilation: g.dilH, kernel: g.kH, size: g.inH)
                            for ow in 0..<g.outW {
                                let w0 = ow * g.strideW - g.padW
                                let wTaps = inBoundsTaps(start: w0, dilation: g.dilW, kernel: g.kW, size: g.inW)
                                let grad = dy + (((b * g.outD + od) * g.outH + oh) * g.outW + ow) * cout
                                for kd in dTaps {
                                    let id = od * g.strideD - g.padD + kd * g.dilD
                                    for kh in hTaps {
                                        let ih = oh * g.strideH - g.padH + kh * g.dilH
                                        let inLine = x + ((b * g.inD + id) * g.inH + ih) * g.inW * cin
                                        for kw in wTaps {
                                            let src = inLine + (w0 + kw * g.dilW) * cin
                                            let dst = dkernel + ((kd * g.kH + kh) * g.kW + kw) * cout
                                            if multiplier == 1 {
                                                for c in channels { dst[c] += src[c] * grad[c] }
                                            } else {
                                                for c in channels {
                                                    let v = src[c]
                                                    for m in 0..<multiplier { dst[c * multiplier + m] += v * grad[c * multiplier + m] }
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
    }
}

/// `channels` cut into `count` near-equal contiguous blocks, enough that `batch * count` items
/// keep every worker busy (used where workers must own disjoint channels).
struct ChannelBlocks: Sendable {
    /// Channels in all.
    var channels: Int
    /// Number of blocks, at least 1.
    var count: Int

    /// The channels of block `i`.
    func range(_ i: Int) -> Range<Int> { (channels * i / count)..<(channels * (i + 1) / count) }
}

/// Blocks of `channels` for `batch` independent items: 1 block when the batch alone feeds every
/// worker, otherwise enough blocks (of at least 8 channels where possible) to make up the rest.
func channelBlocks(channels: Int, batch: Int) -> ChannelBlocks {
    let workers = Parallel.threadCount
    if batch >= workers || channels <= 1 { return ChannelBlocks(channels: channels, count: 1) }
    let wanted = (workers + max(batch, 1) - 1) / max(batch, 1)
    let count = max(1, min(wanted, channels / 8, channels))
    return ChannelBlocks(channels: channels, count: count)
}
