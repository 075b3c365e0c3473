/// im2col and its adjoint col2im for channels-last N-d convolution (via `ConvolutionGeometry`).
///
/// A column matrix holds one row per output position (flattened over batch and output spatial
/// axes, so a run of rows may cross batch elements) and `columnWidth = kD*kH*kW*cinG` columns,
/// tap-major and channel-minor, matching the kernel's `[kD, kH, kW, cinG, cout]` layout.
enum Im2Col {
    /// Fills `col` ([rows.count, columnWidth]) with the input patches of one channel group;
    /// taps that fall in the padding are zero.
    /// x: [batch, inD, inH, inW, cin]
    static func gather<T: BinaryFloatingPoint>(
        x: UnsafePointer<T>, geometry g: ConvolutionGeometry, group: Int, rows: Range<Int>,
        into col: UnsafeMutablePointer<T>
    ) {
        guard !rows.isEmpty else { return }
        let cin = g.cin, cinG = g.cinG
        let rowSpan = g.kW * cinG, planeSpan = g.kH * rowSpan
        var (b, od, oh, ow) = g.outputCoordinates(rows.lowerBound)
        var dst = col
        for _ in rows {
            let d0 = od * g.strideD - g.padD, h0 = oh * g.strideH - g.padH, w0 = ow * g.strideW - g.padW
            for kd in 0..<g.kD {
                let id = d0 + kd * g.dilD
                if id < 0 || id >= g.inD {
                    dst.update(repeating: 0, count: planeSpan)
                    dst += planeSpan
                    continue
                }
                for kh in 0..<g.kH {
                    let ih = h0 + kh * g.dilH
                    if ih < 0 || ih >= g.inH {
                        dst.update(repeating: 0, count: rowSpan)
                        dst += rowSpan
                        continue
                    }
                    let line = x + (((b * g.inD + id) * g.inH + ih) * g.inW) * cin + group * cinG
                    for kw in 0..<g.kW {
                        let iw = w0 + kw * g.dilW
                        if iw >= 0 && iw < g.inW {
                            let src = line + iw * cin
                            for c in 0..<cinG { dst[c] = src[c] }
                        } else {
                            dst.update(repeating: 0, count: cinG)
                        }
                        dst += cinG
                    }
                }
            }
            g.advance(&b, &od, &oh, &ow)
        }
    }

    /// Adds `col` ([rows.count, columnWidth]) back into the input positions its entries came from
    /// (the adjoint of `gather`); entries for padded taps are dropped.
    /// dx: [batch, inD, inH, inW, cin]
    static func scatterAdd<T: BinaryFloatingPoint>(
        col: UnsafePointer<T>, geometry g: ConvolutionGeometry, group: Int, rows: Range<Int>,
        into dx: UnsafeMutablePointer<T>
    ) {
        guard !rows.isEmpty else { return }
        let cin = g.cin, cinG = g.cinG
        let rowSpan = g.kW * cinG, planeSpan = g.kH * rowSpan
        var (b, od, oh, ow) = g.outputCoordinates(rows.lowerBound)
        var src = col
        for _ in rows {
            let d0 = od * g.strideD - g.padD, h0 = oh * g.strideH - g.padH, w0 = ow * g.strideW - g.padW
            for kd in 0..<g.kD {
                let id = d0 + kd * g.dilD
                if id < 0 || id >= g.inD {
                    src += planeSpan
                    continue
                }
                for kh in 0..<g.kH {
                    let ih = h0 + kh * g.dilH
                    if ih < 0 || ih >= g.inH {
                        src += rowSpan
                        continue
                    }
                    let line = dx + (((b * g.inD + id) * g.inH + ih) * g.inW) * cin + group * cinG
                    for kw in 0..<g.kW {
                        let iw = w0 + kw * g.dilW
                        if iw >= 0 && iw < g.inW {
                            let dst = line + iw * cin
                            for c in 0..<cinG { dst[c] += src[c] }
                        }
                        src += cinG
                    }
                }
            }
            g.advance(&b, &od, &oh, &ow)
        }
    }
}
