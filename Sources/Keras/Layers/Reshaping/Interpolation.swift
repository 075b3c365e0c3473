import Foundation

/// How an image is resampled to a larger size (Keras's `interpolation` of `UpSampling2D` and
/// `ops.image.resize`), with the numerics of Keras's JAX backend (`jax.image.resize` without
/// antialiasing).
///
/// Every method but `nearest` samples the input at half-pixel centres,
/// `(o + 0.5) / scale - 0.5`, weights its neighbours with a kernel, and renormalizes the weights
/// that fall inside the image, so borders repeat the edge values.
///
/// ```swift
/// let up = try UpSampling2D(size: 2, interpolation: .bilinear)
/// let y = try up(Tensor([0.0, 1, 2, 3], shape: [1, 2, 2, 1]))   // [1, 4, 4, 1]
/// ```
public enum Interpolation: String, Sendable, Hashable, CaseIterable {
    /// Each output takes the value of the input it falls in.
    case nearest
    /// Linear in each axis (a triangle kernel of radius 1).
    case bilinear
    /// Keys's cubic kernel with `a = -0.5` (radius 2).
    case bicubic
    /// The Lanczos kernel of radius 3.
    case lanczos3
    /// The Lanczos kernel of radius 5.
    case lanczos5

    /// The kernel's weight at distance `x >= 0`, as `jax.image` computes it.
    func weight(_ x: Double) -> Double {
        switch self {
        case .nearest, .bilinear:
            return Swift.max(0, 1 - x)
        case .bicubic:
            if x >= 2 { return 0 }
            if x >= 1 { return ((-0.5 * x + 2.5) * x - 4) * x + 2 }
            return ((1.5 * x - 2.5) * x) * x + 1
        case .lanczos3, .lanczos5:
            let radius: Double = self == .lanczos3 ? 3 : 5
            if x > radius { return 0 }
            if x <= 1e-3 { return 1 }
            return radius * sin(Double.pi * x) * sin(Double.pi * x / radius) / (Double.pi * Double.pi * x * x)
        }
    }

    /// `[inputSize, outputSize]`: how much input `i` contributes to output `o` when an axis is
    /// resized from `inputSize` to `outputSize` (`jax.image`'s `compute_weight_mat`).
    func weightMatrix(inputSize: Int, outputSize: Int) -> [Double] {
        let inverseScale = Double(inputSize) / Double(outputSize)
        var weights = [Double](repeating: 0, count: inputSize * outputSize)
        for o in 0..<outputSize {
            let sample = (Double(o) + 0.5) * inverseScale - 0.5
            // Samples outside the image get no weight at all.
            guard sample >= -0.5 && sample <= Double(inputSize) - 0.5 else { continue }
            var column = [Double](repeating: 0, count: inputSize)
            for i in 0..<inputSize { column[i] = weight(Swift.abs(sample - Double(i))) }
            let total = column.reduce(0, +)
            guard Swift.abs(total) > 1000 * Double(Float.ulpOfOne) else { continue }
            for i in 0..<inputSize { weights[i * outputSize + o] = column[i] / total }
        }
        return weights
    }

    /// Resizes axis `axis` of `x` to `size` with this kernel (not for `nearest`): a product with
    /// the weight matrix along that axis.
    func resized(_ input: Tensor, axis: Int, to size: Int) -> Tensor {
        // Integer images interpolate in float32, as `jax.image.resize` promotes them.
        let x = input.dtype.isFloatingPoint ? input : cast(input, to: .float32)
        let n = x.shape[axis]
        if n == size { return x }
        let matrix = Tensor(weightMatrix(inputSize: n, outputSize: size), shape: [n, size], dtype: x.dtype)
        // x: [..., n, ...] -> [..., n] · [n, size] -> [..., size] -> back in place.
        return matmul(x.movingAxis(axis, to: -1), matrix).movingAxis(-1, to: axis)
    }
}
