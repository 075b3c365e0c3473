// Image resizing as Keras's `ops.image.resize` on the JAX backend (`jax.image.resize` without
// antialiasing), with its crop- and pad-to-aspect-ratio forms and `smart_resize`.

/// The spatial axes of an image tensor of `rank` (3: one image, 4: a batch).
func imageAxes(rank: Int, dataFormat: DataFormat) -> (height: Int, width: Int) {
    dataFormat == .channelsLast ? (rank - 3, rank - 2) : (rank - 2, rank - 1)
}

/// Resizes `images` (`[batch?, h, w, c]` or channels first) to `height × width` as
/// `jax.image.resize` does: `nearest` picks `floor((o + 0.5) * in / out)` (in float32), the other
/// methods use ``Interpolation``'s weight matrices. Integer images come back as float32.
func resizeImages(_ images: Tensor, height: Int, width: Int, interpolation: Interpolation,
                  dataFormat: DataFormat) -> Tensor {
    let axes = imageAxes(rank: images.rank, dataFormat: dataFormat)
    var y = images
    for (axis, size) in [(axes.height, height), (axes.width, width)] {
        let n = y.shape[axis]
        guard n != size else { continue }
        if interpolation == .nearest {
            let indices = (0..<size).map { o -> Int in
                let offset = (Float(o) + 0.5) * Float(n) / Float(size)
                return Swift.min(Int(offset.rounded(.down)), n - 1)
            }
            y = y.take(Tensor(indices, shape: [size], dtype: .int32), axis: axis)
        } else {
            y = resizedAxis(y, axis: axis, to: size, interpolation: interpolation)
        }
    }
    if interpolation != .nearest && !y.dtype.isFloatingPoint { y = cast(y, to: .float32) }
    return y
}

/// Resizes axis `axis` of `x` with `interpolation`'s kernel, the weights computed in float32 as
/// `jax.image`'s `compute_weight_mat` computes them (so ties of integer images round as in Keras).
private func resizedAxis(_ input: Tensor, axis: Int, to size: Int, interpolation: Interpolation) -> Tensor {
    let x = input.dtype.isFloatingPoint ? input : cast(input, to: .float32)
    let n = x.shape[axis]
    let inverseScale = 1 / Float(Double(size) / Double(n))
    var weights = [Float](repeating: 0, count: n * size)
    for o in 0..<size {
        let sample = (Float(o) + 0.5) * inverseScale - 0.5
        guard sample >= -0.5 && sample <= Float(n) - 0.5 else { continue }
        var column = [Float](repeating: 0, count: n)
        var total: Float = 0
        for i in 0..<n {
            column[i] = Float(interpolation.weight(Double(Swift.abs(sample - Float(i)))))
            total += column[i]
        }
        guard Swift.abs(total) > 1000 * Float.ulpOfOne else { continue }
        for i in 0..<n { weights[i * size + o] = column[i] / total }
    }
    let matrix = cast(Tensor(weights, shape: [n, size]), to: x.dtype)
    // x: [..., n, ...] -> [..., n] · [n, size] -> [..., size] -> back in place.
    return matmul(x.movingAxis(axis, to: -1), matrix).movingAxis(-1, to: axis)
}

/// The largest centred window of a `height × width` image with the aspect ratio of
/// `targetHeight × targetWidth` (Keras's crop box, in Python's integer arithmetic).
func aspectRatioCropBox(height: Int, width: Int, targetHeight: Int, targetWidth: Int)
    -> (top: Int, left: Int, height: Int, width: Int) {
    var cropHeight = Int(Double(width * targetHeight) / Double(targetWidth))
    cropHeight = Swift.max(Swift.min(height, cropHeight), 1)
    var cropWidth = Int(Double(height * targetWidth) / Double(targetHeight))
    cropWidth = Swift.max(Swift.min(width, cropWidth), 1)
    let top = Int(Double(height - cropHeight) / 2)
    let left = Int(Double(width - cropWidth) / 2)
    return (top, left, cropHeight, cropWidth)
}

/// `images` restricted to rows `top ..< top + height` and columns `left ..< left + width`
/// (clamped to the image, as Python slicing is).
func cropImages(_ images: Tensor, top: Int, left: Int, height: Int, width: Int, dataFormat: DataFormat) -> Tensor {
    let axes = imageAxes(rank: images.rank, dataFormat: dataFormat)
    var starts = [Int](repeating: 0, count: images.rank)
    var sizes = images.shape
    let h = images.shape[axes.height], w = images.shape[axes.width]
    starts[axes.height] = Swift.min(top, h)
    starts[axes.width] = Swift.min(left, w)
    sizes[axes.height] = Swift.max(0, Swift.min(top + height, h) - starts[axes.height])
    sizes[axes.width] = Swift.max(0, Swift.min(left + width, w) - starts[axes.width])
    return images.slice(starts: starts, sizes: sizes)
}

/// Keras's `smart_resize`: the largest centred window with the target aspect ratio, resized to
/// `height × width` (bilinear by default).
func smartResize(_ images: Tensor, height: Int, width: Int, interpolation: Interpolation = .bilinear,
                 dataFormat: DataFormat) -> Tensor {
    let axes = imageAxes(rank: images.rank, dataFormat: dataFormat)
    let box = aspectRatioCropBox(height: images.shape[axes.height], width: images.shape[axes.width],
                                 targetHeight: height, targetWidth: width)
    let cropped = cropImages(images, top: box.top, left: box.left, height: box.height, width: box.width, dataFormat: dataFormat)
    return resizeImages(cropped, height: height, width: width, interpolation: interpolation, dataFormat: dataFormat)
}

/// Pads `images` with `fillValue` above and below (or left and right) to the aspect ratio of
/// `targetHeight × targetWidth`, as Keras's `pad_to_aspect_ratio` does before resizing.
func paddedToAspectRatio(_ images: Tensor, targetHeight: Int, targetWidth: Int, fillValue: Double,
                      dataFormat: DataFormat) -> Tensor {
    let axes = imageAxes(rank: images.rank, dataFormat: dataFormat)
    let height = images.shape[axes.height], width = images.shape[axes.width]
    let padHeight = Swift.max(height, Int(Double(width * targetHeight) / Double(targetWidth)))
    let padWidth = Swift.max(width, Int(Double(height * targetWidth) / Double(targetHeight)))
    let top = Int(Double(padHeight - height) / 2)
    let left = Int(Double(padWidth - width) / 2)
    var widths = [PadWidth](repeating: PadWidth(0, 0), count: images.rank)
    if top > 0 {
        widths[axes.height] = PadWidth(top, top)
    } else if left > 0 {
        widths[axes.width] = PadWidth(left, left)
    } else {
        return images
    }
    return images.padded(widths, mode: .constant(fillValue))
}

/// `x` rounded half to even and clamped to `dtype`'s range, then cast (Keras's
/// `_saturate_cast` of resized integer images).
func saturatingCast(_ x: Tensor, to dtype: DType) -> Tensor {
    guard dtype.isInteger else { return cast(x, to: dtype) }
    let bounds: (Double, Double)
    switch dtype {
    case .uint8: bounds = (0, 255)
    case .int32: bounds = (Double(Int32.min), Double(Int32.max))
    default: bounds = (-9.223372036854775e18, 9.223372036854775e18)
    }
    let values = x.doubles.map { Swift.min(Swift.max($0.rounded(.toNearestOrEven), bounds.0), bounds.1) }
    return cast(Tensor(values, shape: x.shape, dtype: .float64), to: dtype)
}
