// Batch normalization as one op: fused on backends that can (``FusedBatchNormalizationBackend``),
// the composite reference elsewhere.

/// Normalizes `x` per feature as Keras's `BatchNormalization` does, as one op:
/// `y = (x - mean) / sqrt(variance + epsilon) * gamma + beta`, with the batch's mean and
/// population variance over every axis but `axis` in training, and the given moving statistics
/// in inference.
///
/// On the CPU backend (float32 and float64) this is one fused kernel with its own backward (in
/// training, the full gradient through the batch statistics); elsewhere the same computation is
/// composed from primitives. The moving averages are the caller's to update from the returned
/// statistics.
///
/// ```swift
/// let x = Tensor([1.0, 10, 3, 20], shape: [2, 2])
/// let r = batchNormalization(x, gamma: Tensor.ones([2]), beta: Tensor.zeros([2]), training: true)
/// r.mean       // [2, 15]
/// r.variance   // [1, 25]
/// r.output     // ≈ [[-1, -1], [1, 1]]
/// ```
///
/// - Parameters:
///   - x: the input, float, any rank of at least 1.
///   - axis: the feature axis (negative counts from the end).
///   - gamma: the scale `[features]`, or `nil`.
///   - beta: the offset `[features]`, or `nil`.
///   - movingMean: the mean used in inference, `[features]`.
///   - movingVariance: the variance used in inference, `[features]`.
///   - epsilon: added to the variance before the square root.
///   - training: whether to use the batch statistics.
public func batchNormalization(_ x: Tensor, axis: Int = -1, gamma: Tensor? = nil, beta: Tensor? = nil,
                               movingMean: Tensor? = nil, movingVariance: Tensor? = nil, epsilon: Double = 1e-3,
                               training: Bool) -> BatchNormalizationResult {
    guard let a = Shape.normalizedAxis(axis, rank: x.rank) else {
        opFailure("batchNormalization", "axis \(axis) is out of range for an input of shape \(Shape.describe(x.shape)).")
    }
    return batchNormalization(BatchNormalizationSpec(axis: a, epsilon: epsilon, training: training),
                              BatchNormalizationInputs(x: x, gamma: gamma, beta: beta, mean: movingMean, variance: movingVariance))
}

/// Runs a batch normalization as one op: the fused kernel of a
/// ``FusedBatchNormalizationBackend`` when it supports the dtype, else the composite reference.
///
/// - Precondition: the shapes and dtypes of ``BatchNormalizationInputs``, and the moving
///   statistics in inference.
public func batchNormalization(_ spec: BatchNormalizationSpec, _ inputs: BatchNormalizationInputs) -> BatchNormalizationResult {
    validate(spec, inputs)
    guard let backend = fusedBatchNormalizationBackend, backend.supportsFusedBatchNormalization(dtype: inputs.x.dtype),
          inputs.x.count > 0 else {
        return BatchNormalizationReference.normalize(spec, inputs)
    }
    let differentiable = inputs.differentiable(training: spec.training)
    let needed = differentiable.map(\.isTracked)
    let outputs = customGradient(differentiable) { plain in
        let arguments = inputs.replacing(differentiable: plain, training: spec.training)
        let (outputs, residuals) = backend.runBatchNormalization(spec, arguments)
        return (outputs, { cotangents in
            backend.batchNormalizationBackward(spec, arguments, residuals: residuals, outputCotangent: cotangents[0],
                                               needed: needed)
        })
    }
    if spec.training {
        // The batch statistics feed the moving averages only: no gradient flows back through them.
        return BatchNormalizationResult(output: outputs[0], mean: stopGradient(outputs[1]), variance: stopGradient(outputs[2]))
    }
    return BatchNormalizationResult(output: outputs[0], mean: inputs.mean!, variance: inputs.variance!)
}

/// Whether ``batchNormalization(_:_:)`` runs a fused kernel for `dtype` on this backend (float32
/// and float64 on the CPU); other dtypes run the composite reference.
public func hasFusedBatchNormalization(for dtype: DType) -> Bool {
    fusedBatchNormalizationBackend?.supportsFusedBatchNormalization(dtype: dtype) ?? false
}

/// The backend's fused batch-normalization capability, if it has one.
private var fusedBatchNormalizationBackend: (any FusedBatchNormalizationBackend)? {
    (CPUBackend.shared as any Backend) as? any FusedBatchNormalizationBackend
}

/// Stops with a precise message unless `inputs` fit `spec` (tier 2: a programmer's call).
private func validate(_ spec: BatchNormalizationSpec, _ inputs: BatchNormalizationInputs) {
    let op = "batchNormalization"
    let x = inputs.x
    guard x.dtype.isFloatingPoint else { opFailure(op, "x must be floating point, but has dtype \(x.dtype).") }
    guard spec.axis >= 0 && spec.axis < x.rank else {
        opFailure(op, "axis \(spec.axis) is out of range for an input of shape \(Shape.describe(x.shape)).")
    }
    let features = x.shape[spec.axis]
    var given: [(String, Tensor)] = []
    if let gamma = inputs.gamma { given.append(("gamma", gamma)) }
    if let beta = inputs.beta { given.append(("beta", beta)) }
    if !spec.training {
        guard let mean = inputs.mean, let variance = inputs.variance else {
            opFailure(op, "inference (training: false) normalizes with the moving statistics; pass both mean and variance.")
        }
        given += [("mean", mean), ("variance", variance)]
    }
    for (name, tensor) in given {
        guard tensor.shape == [features] else {
            opFailure(op, "\(name) must have shape \(Shape.describe([features])) for x of shape \(Shape.describe(x.shape)) and axis \(spec.axis), but has shape \(Shape.describe(tensor.shape)).")
        }
        guard tensor.dtype == x.dtype else {
            opFailure(op, "\(name) has dtype \(tensor.dtype) but x has dtype \(x.dtype); cast them to one dtype.")
        }
    }
}

/// The composite form of ``batchNormalization(_:_:)``, written as Keras's `BatchNormalization`
/// computes it: `x * inv + (beta - mean * inv)` with `inv = gamma / sqrt(variance + epsilon)`.
/// The fused kernels' test oracle, and the path for backends and dtypes without one.
enum BatchNormalizationReference {
    static func normalize(_ spec: BatchNormalizationSpec, _ inputs: BatchNormalizationInputs) -> BatchNormalizationResult {
        let x = inputs.x
        var broadcastShape = [Int](repeating: 1, count: x.rank)
        broadcastShape[spec.axis] = x.shape[spec.axis]
        let mean: Tensor, variance: Tensor
        if spec.training {
            let reduced = (0..<x.rank).filter { $0 != spec.axis }
            (mean, variance) = (x.mean(axes: reduced), x.variance(axes: reduced))
        } else {
            (mean, variance) = (inputs.mean!, inputs.variance!)
        }
        var inv = rsqrt(variance + spec.epsilon).reshaped(to: broadcastShape)
        if let gamma = inputs.gamma { inv = inv * gamma.reshaped(to: broadcastShape) }
        var shift = -mean.reshaped(to: broadcastShape) * inv
        if let beta = inputs.beta { shift = shift + beta.reshaped(to: broadcastShape) }
        let output = x * inv + shift
        return spec.training
            ? BatchNormalizationResult(output: output, mean: stopGradient(mean), variance: stopGradient(variance))
            : BatchNormalizationResult(output: output, mean: mean, variance: variance)
    }
}
