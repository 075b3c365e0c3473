// The fused path of BatchNormalization: when a call is one the engine's fused kernel covers, the
// layer normalizes with one op (its own backward) instead of the composite of reductions and
// broadcasts.

extension BatchNormalization {
    /// The normalized input in the compute dtype through ``batchNormalization(_:_:)``, after
    /// updating the moving statistics in training; or `nil` when the call is not covered
    /// (``allowsFusedKernel`` off, a dtype without a fused kernel, an empty input, or in training
    /// a mask or `renorm`), so ``call(_:training:mask:)`` runs the composite.
    ///
    /// - Parameters:
    ///   - x: the input in its compute dtype.
    ///   - axis: the feature axis, non-negative.
    ///   - gamma: `gamma` in `x`'s dtype, or `nil`.
    ///   - beta: `beta` in `x`'s dtype, or `nil`.
    ///   - batchStatistics: whether this call normalizes with the batch's statistics (training a
    ///     trainable layer).
    ///   - mask: the call's mask (it only matters with the batch statistics).
    func fusedCall(_ x: Tensor, axis: Int, gamma: Tensor?, beta: Tensor?, batchStatistics: Bool, mask: Tensor?) -> Tensor? {
        guard allowsFusedKernel, hasFusedBatchNormalization(for: x.dtype), x.count > 0,
              !batchStatistics || (mask == nil && !renorm),
              let movingMean, let movingVariance else { return nil }
        let spec = BatchNormalizationSpec(axis: axis, epsilon: epsilon, training: batchStatistics)
        let inputs = BatchNormalizationInputs(
            x: x, gamma: gamma, beta: beta,
            mean: batchStatistics ? nil : cast(movingMean.value, to: x.dtype),
            variance: batchStatistics ? nil : cast(movingVariance.value, to: x.dtype))
        let result = batchNormalization(spec, inputs)
        if batchStatistics { updateMovingStatistics(mean: result.mean, variance: result.variance) }
        lastCallWasFused = true
        return result.output
    }
}
