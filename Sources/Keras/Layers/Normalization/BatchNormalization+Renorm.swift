// Batch Renormalization (Ioffe 2017), Keras's `renorm=True` for BatchNormalization: in training
// the batch statistics are corrected by `r = batch_std / renorm_std` and
// `d = (batch_mean - renorm_mean) / renorm_std` (clipped, without gradients), which fold into gamma
// and beta; moving statistics track the standard deviation, and the variance is derived from it.

/// Limits on Batch Renormalization's corrections (Keras's `renorm_clipping` dict): `r` is clipped
/// to `[rmin, rmax]` and `d` to `[-dmax, dmax]`; `nil` leaves that side open.
///
/// ```swift
/// let bn = try BatchNormalization(renorm: true, renormClipping: RenormClipping(rmax: 3, rmin: 1.0 / 3, dmax: 5))
/// ```
public struct RenormClipping: Sendable, Equatable {
    /// The largest `r` (Keras's `"rmax"`).
    public var rmax: Double?
    /// The smallest `r` (Keras's `"rmin"`).
    public var rmin: Double?
    /// The largest `|d|` (Keras's `"dmax"`).
    public var dmax: Double?

    /// Makes the limits; each is optional.
    ///
    /// - Parameters:
    ///   - rmax: the largest `r`.
    ///   - rmin: the smallest `r`.
    ///   - dmax: the largest `|d|`.
    public init(rmax: Double? = nil, rmin: Double? = nil, dmax: Double? = nil) {
        self.rmax = rmax
        self.rmin = rmin
        self.dmax = dmax
    }

    /// Throws Keras's errors for `rmax < rmin` and a negative `dmax`.
    func validate() throws {
        if let rmax, let rmin, rmax < rmin {
            throw KerasError(.invalidArgument, "rmax should be greater than rmin in the `renorm_clipping` argument of BatchNormalization. Received: rmax=\(rmax), rmin=\(rmin).")
        }
        if let dmax, dmax < 0 {
            throw KerasError(.invalidArgument, "dmax should be non-negative in the `renorm_clipping` argument of BatchNormalization. Received: dmax=\(dmax).")
        }
    }
}

extension BatchNormalization {
    /// Creates `moving_stddev` (the square root of the moving-variance initializer's values),
    /// `renorm_mean` and `renorm_stddev`, after the moving statistics, as Keras does.
    func buildRenorm(features: Int) throws {
        let variance = initializers.variance
        let stddev = Initializer.custom(name: "MovingStddev") { shape, dtype in sqrt(try variance(shape, dtype: dtype)) }
        movingStddev = try addWeight(name: "moving_stddev", shape: [features], initializer: stddev, trainable: false)
        renormMean = try addWeight(name: "renorm_mean", shape: [features], initializer: initializers.mean, trainable: false)
        renormStddev = try addWeight(name: "renorm_stddev", shape: [features], initializer: stddev, trainable: false)
    }

    /// The effective gamma and beta of a renormalized training step, after updating the
    /// renormalization and moving statistics (Keras's `_renorm_correction_and_moments`,
    /// `_compose_transforms` and `_update_renorm_statistics`).
    func renormalized(mean: Tensor, variance: Tensor, gamma: Tensor?, beta: Tensor?) -> (gamma: Tensor, beta: Tensor?) {
        let dtype = mean.dtype
        let stddev = sqrt(variance + epsilon)
        let renormMeanValue = cast(renormMean!.value, to: dtype)
        let renormStddevValue = cast(renormStddev!.value, to: dtype)
        // Avoid dividing by zero early in training.
        let floor = maximum(renormStddevValue, epsilon.squareRoot())
        var r = stddev / floor
        var d = (mean - renormMeanValue) / floor
        if let rmin = renormClipping?.rmin { r = maximum(r, rmin) }
        if let rmax = renormClipping?.rmax { r = minimum(r, rmax) }
        if let dmax = renormClipping?.dmax { d = clip(d, min: -dmax, max: dmax) }
        r = stopGradient(r)
        d = stopGradient(d)
        var effectiveGamma = r, effectiveBeta = d
        if let gamma {
            effectiveGamma = r * gamma
            effectiveBeta = d * gamma
        }
        if let beta { effectiveBeta = effectiveBeta + beta }

        let batchMean = stopGradient(mean), batchStddev = stopGradient(stddev)
        func update(_ v: Variable, _ value: Tensor) { v.assign(cast(value, to: v.value.dtype)) }
        update(renormMean!, renormMeanValue * renormMomentum + batchMean * (1 - renormMomentum))
        update(renormStddev!, renormStddevValue * renormMomentum + batchStddev * (1 - renormMomentum))
        update(movingMean!, cast(movingMean!.value, to: dtype) * momentum + batchMean * (1 - momentum))
        let newStddev = cast(movingStddev!.value, to: dtype) * momentum + batchStddev * (1 - momentum)
        update(movingStddev!, newStddev)
        // The variance follows from the standard deviation, kept non-negative against rounding.
        update(movingVariance!, relu(newStddev * newStddev - epsilon))
        return (effectiveGamma, effectiveBeta)
    }
}
