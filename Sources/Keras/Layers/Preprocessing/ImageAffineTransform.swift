/// How points that fall outside an image are filled by the random geometric layers (Keras's
/// `fill_mode`, with `jax.scipy.ndimage.map_coordinates`'s meaning).
///
/// ```swift
/// let rotate = try RandomRotation(factor: 0.1, fillMode: .constant, fillValue: 0)
/// ```
public enum FillMode: String, Sendable, Hashable, CaseIterable {
    /// Mirror about the edge of the last pixel: `(d c b a | a b c d | d c b a)`.
    case reflect
    /// Wrap around to the opposite edge: `(a b c d | a b c d | a b c d)`.
    case wrap
    /// Fill with `fillValue`: `(k k k k | a b c d | k k k k)`.
    case constant
    /// Repeat the nearest pixel: `(a a a a | a b c d | d d d d)`.
    case nearest

    /// `index` brought inside `0..<size` (`constant` leaves it; the caller checks it).
    func fixed(_ index: Int, size: Int) -> Int {
        switch self {
        case .constant: return index
        case .nearest: return Swift.min(Swift.max(index, 0), size - 1)
        case .wrap: return floorMod(index, size)
        case .reflect:
            // floor((mirror(2 i + 1, 2 size + 1) - 1) / 2), mirror(i, n) = |(i + s) mod 2s - s|, s = n - 1.
            let s = 2 * size
            let mirrored = Swift.abs(floorMod(2 * index + 1 + s, 2 * s) - s)
            return floorDiv(mirrored - 1, 2)
        }
    }
}

private func floorMod(_ a: Int, _ b: Int) -> Int { let r = a % b; return r < 0 ? r + b : r }
private func floorDiv(_ a: Int, _ b: Int) -> Int { (a - floorMod(a, b)) / b }

/// Keras's `ops.image.affine_transform` on the JAX backend: each output pixel `(y, x)` of image
/// `b` samples the input at `(b0 x + b1 y + b2, a0 x + a1 y + a2)` from
/// `transforms[b] = [a0, a1, a2, b0, b1, b2, c0, c1]`, with `nearest` (round half away from zero)
/// or `bilinear` interpolation, in float32. Points outside are filled per `fillMode`.
///
/// `images`: `[batch, h, w, c]` or `[h, w, c]` (channels last, or first per `dataFormat`);
/// one transform per image, or one for all.
func affineTransform(_ images: Tensor, transforms: [[Float]], interpolation: Interpolation, fillMode: FillMode,
                     fillValue: Double, dataFormat: DataFormat) -> Tensor {
    let unbatched = images.rank == 3
    var x = unbatched ? images.expandingDimensions(axis: 0) : images
    if dataFormat == .channelsFirst { x = x.transposed(axes: [0, 2, 3, 1]) }
    let inputDType = x.dtype
    let (batch, height, width, channels) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let pixels = cast(x, to: .float32).floats
    let cval = Float(fillValue)
    var out = [Float](repeating: 0, count: pixels.count)
    let plane = height * width * channels
    for b in 0..<batch {
        let t = transforms[transforms.count == 1 ? 0 : b]
        let (a0, a1, a2, b0, b1, b2) = (t[0], t[1], t[2], t[3], t[4], t[5])
        let base = b * plane
        // The value at integer (row, column) of channel c, or the fill value off the image.
        func value(_ row: Int, _ column: Int, _ c: Int) -> Float {
            if fillMode == .constant && (row < 0 || row >= height || column < 0 || column >= width) { return cval }
            let r = fillMode.fixed(row, size: height), q = fillMode.fixed(column, size: width)
            return pixels[base + (r * width + q) * channels + c]
        }
        for row in 0..<height {
            for column in 0..<width {
                let (fy, fx) = (Float(row), Float(column))
                let cy = (fy * b1 + fx * b0) + b2
                let cx = (fy * a1 + fx * a0) + a2
                let dst = base + (row * width + column) * channels
                if interpolation == .nearest {
                    let r = Int(cy.rounded(.toNearestOrAwayFromZero)), q = Int(cx.rounded(.toNearestOrAwayFromZero))
                    for c in 0..<channels { out[dst + c] = value(r, q, c) }
                } else {
                    let y0 = cy.rounded(.down), x0 = cx.rounded(.down)
                    let wy1 = cy - y0, wx1 = cx - x0
                    let wy0 = 1 - wy1, wx0 = 1 - wx1
                    let (r, q) = (Int(y0), Int(x0))
                    let w00 = wy0 * wx0, w01 = wy0 * wx1, w10 = wy1 * wx0, w11 = wy1 * wx1
                    for c in 0..<channels {
                        var v = w00 * value(r, q, c)
                        v = v + w01 * value(r, q + 1, c)
                        v = v + w10 * value(r + 1, q, c)
                        v = v + w11 * value(r + 1, q + 1, c)
                        out[dst + c] = v
                    }
                }
            }
        }
    }
    var y = Tensor(out, shape: [batch, height, width, channels])
    if inputDType.isInteger {
        y = cast(Tensor(out.map { $0.rounded(.toNearestOrAwayFromZero) }, shape: y.shape), to: inputDType)
    } else if inputDType != .float32 {
        y = cast(y, to: inputDType)
    }
    if dataFormat == .channelsFirst { y = y.transposed(axes: [0, 3, 1, 2]) }
    return unbatched ? y.squeezed(axes: [0]) : y
}
