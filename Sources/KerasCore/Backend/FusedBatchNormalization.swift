/// How a fused batch normalization runs: Keras's `BatchNormalization` over every axis but one.
public struct BatchNormalizationSpec: Sendable, Hashable {
    /// The feature axis (non-negative, below the input's rank); every other axis is reduced.
    public var axis: Int
    /// Added to the variance before the square root.
    public var epsilon: Double
    /// Whether the statistics are the batch's own (mean and population variance over the
    /// reduced axes, differentiated through) rather than the given moving ones.
    public var training: Bool

    /// Makes a spec.
    ///
    /// - Parameters:
    ///   - axis: the feature axis, non-negative.
    ///   - epsilon: added to the variance before the square root.
    ///   - training: use the batch statistics (`true`) or the given moving ones (`false`).
    public init(axis: Int, epsilon: Double, training: Bool) {
        self.axis = axis
        self.epsilon = epsilon
        self.training = training
    }
}

/// The tensors of a fused batch normalization, all of one floating-point dtype.
///
/// `x` has any rank; `gamma`, `beta`, `mean` and `variance` are `[features]`, `features` being
/// `x.shape[axis]`. `mean` and `variance` (the moving statistics) are read in inference only.
public struct BatchNormalizationInputs: Sendable {
    /// The input.
    public var x: Tensor
    /// The scale, or `nil` for none (Keras's `scale=False`).
    public var gamma: Tensor?
    /// The offset, or `nil` for none (Keras's `center=False`).
    public var beta: Tensor?
    /// The moving mean, used in inference (required then).
    public var mean: Tensor?
    /// The moving variance, used in inference (required then).
    public var variance: Tensor?

    /// Collects the inputs.
    public init(x: Tensor, gamma: Tensor? = nil, beta: Tensor? = nil, mean: Tensor? = nil, variance: Tensor? = nil) {
        self.x = x
        self.gamma = gamma
        self.beta = beta
        self.mean = mean
        self.variance = variance
    }

    /// The differentiable inputs in a fixed order: `x`, `gamma` and `beta` when present, then in
    /// inference `mean` and `variance` (the order of the gradients a backward returns).
    public func differentiable(training: Bool) -> [Tensor] {
        var all = [x]
        if let gamma { all.append(gamma) }
        if let beta { all.append(beta) }
        if !training, let mean, let variance { all += [mean, variance] }
        return all
    }

    /// The same inputs with the differentiable ones replaced, in the order of ``differentiable(training:)``.
    func replacing(differentiable values: [Tensor], training: Bool) -> BatchNormalizationInputs {
        var k = 1
        func next() -> Tensor { defer { k += 1 }; return values[k] }
        var result = self
        result.x = values[0]
        if gamma != nil { result.gamma = next() }
        if beta != nil { result.beta = next() }
        if !training, mean != nil, variance != nil {
            result.mean = next()
            result.variance = next()
        }
        return result
    }
}

/// What a batch normalization returns.
public struct BatchNormalizationResult: Sendable {
    /// The normalized, scaled and shifted input, of the input's shape.
    public var output: Tensor
    /// The statistics used, `[features]`: the batch mean in training (for the moving averages;
    /// no gradient flows back through it), the given moving mean in inference.
    public var mean: Tensor
    /// The population variance of the batch in training (no gradient flows back through it),
    /// the given moving variance in inference.
    public var variance: Tensor

    /// Collects the result.
    public init(output: Tensor, mean: Tensor, variance: Tensor) {
        self.output = output
        self.mean = mean
        self.variance = variance
    }
}

/// The optional capability of a backend that runs batch normalization as one fused op with its
/// own backward, instead of the composite of reductions and broadcasts:
/// ``batchNormalization(_:_:)`` uses it when the backend has it and supports the dtype, and the
/// composite reference otherwise.
public protocol FusedBatchNormalizationBackend: Backend {
    /// Whether ``runBatchNormalization(_:_:)`` handles tensors of `dtype`.
    func supportsFusedBatchNormalization(dtype: DType) -> Bool

    /// The forward pass: `[output, mean, variance]` (see ``BatchNormalizationResult``) and the
    /// tensors the backward pass needs, in an order of the backend's choosing.
    func runBatchNormalization(_ spec: BatchNormalizationSpec, _ inputs: BatchNormalizationInputs)
        -> (outputs: [Tensor], residuals: [Tensor])

    /// The backward pass: from the cotangent of the output, the gradients of
    /// ``BatchNormalizationInputs/differentiable(training:)`` (in that order); `nil` where `needed`
    /// is `false`. In training the gradient of `x` runs through the batch statistics.
    func batchNormalizationBackward(_ spec: BatchNormalizationSpec, _ inputs: BatchNormalizationInputs,
                                    residuals: [Tensor], outputCotangent: Tensor, needed: [Bool]) -> [Tensor?]
}
