/// Evaluates `body` on `tensors` and returns its value with the gradient with respect to each
/// tensor (reverse mode).
///
/// The gradient is that of the sum of the value, so a scalar loss gives the usual gradient. A
/// tensor the value does not depend on gets zeros.
///
/// ```swift
/// let (value, grads) = valueWithGradients(at: [x, w]) { t in
///     (matmul(t[0], t[1]) ** 2).mean()
/// }
/// ```
public func valueWithGradients(
    at tensors: [Tensor], _ body: ([Tensor]) throws -> Tensor
) rethrows -> (value: Tensor, gradients: [Tensor]) {
    let tape = GradientTape()
    return try GradientTape.$current.withValue(tape) {
        let leaves = tensors.map { tape.watch($0) }
        let value = try body(leaves)
        let grads = tape.gradients(of: value, withRespectTo: leaves)
        var plain = value
        plain.tapeHandle = nil
        return (plain, grads)
    }
}

/// Evaluates `body`, reading `variables` through their ``Variable/value``, and returns the value
/// with the gradient with respect to each variable: the custom-training-loop form.
///
/// ```swift
/// let (loss, grads) = try valueWithGradients(of: model.trainableVariables) {
///     try lossFunction(y, model(x, training: true))
/// }
/// optimizer.apply(grads, to: model.trainableVariables)
/// ```
public func valueWithGradients(
    of variables: [Variable], _ body: () throws -> Tensor
) rethrows -> (value: Tensor, gradients: [Tensor]) {
    let tape = GradientTape()
    return try GradientTape.$current.withValue(tape) {
        for v in variables { tape.watch(v) }
        let leaves = variables.map { tape.trackedValue(of: $0) ?? $0.storedValue }
        let value = try body()
        let grads = tape.gradients(of: value, withRespectTo: leaves)
        var plain = value
        plain.tapeHandle = nil
        return (plain, grads)
    }
}

/// The gradient of the sum of `body(x)` with respect to `x`.
public func gradient(at x: Tensor, _ body: (Tensor) throws -> Tensor) rethrows -> Tensor {
    try valueWithGradients(at: [x]) { try body($0[0]) }.gradients[0]
}

/// Runs `body` with nothing recorded for differentiation: inference and metric updates.
public func withoutGradients<R>(_ body: () throws -> R) rethrows -> R {
    try GradientTape.$current.withValue(nil) { try body() }
}

/// The same values, cut from differentiation: gradients do not flow back through the result
/// (Keras's `ops.stop_gradient`).
public func stopGradient(_ x: Tensor) -> Tensor {
    var t = x
    t.tapeHandle = nil
    return t
}
