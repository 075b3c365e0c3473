/// Computes `body` on `inputs` as one operation with a hand-written backward: Keras's
/// `ops.custom_gradient`, and the way fused kernels (a whole LSTM sequence, ...) join the tape.
///
/// `body` runs with nothing recorded and returns the outputs with their *pullback*: a function
/// from the cotangents of the outputs (the gradient of the differentiated value with respect to
/// each output; zeros for an output it does not depend on) to the cotangents of the inputs, one
/// per input, each of its input's shape, or `nil` for an input that gets no gradient. When a
/// gradient is being taken and an input is watched, the operation is recorded on the tape as one
/// node and the pullback replaces differentiating through `body`; otherwise the outputs are plain
/// values and the pullback is dropped. Inputs need not all be watched, nor floating point.
///
/// ```swift
/// // log(1 + e^x) with a gradient that stays finite where e^x overflows.
/// func log1pexp(_ x: Tensor) -> Tensor {
///     customGradient([x]) { t in
///         let e = exp(t[0])
///         return ([log(1 + e)], { cotangents in [cotangents[0] * (1 - 1 / (1 + e))] })
///     }[0]
/// }
/// let g = gradient(at: Tensor([100.0])) { log1pexp($0) }   // [1.0], not NaN
/// ```
///
/// Like every gradient here the pullback is first order: it runs with nothing recorded.
///
/// - Parameters:
///   - inputs: the tensors the outputs are differentiated with respect to.
///   - body: the forward computation; it receives `inputs` (as plain values) and returns the
///     outputs and the pullback.
/// - Returns: the outputs of `body`, tracked when the operation was recorded.
public func customGradient(
    _ inputs: [Tensor],
    _ body: ([Tensor]) throws -> (outputs: [Tensor], pullback: ([Tensor]) -> [Tensor?])
) rethrows -> [Tensor] {
    let tape = GradientTape.current
    let plainInputs = inputs.map(stopGradient)
    let (outputs, pullback) = try GradientTape.$current.withValue(nil) { try body(plainInputs) }
    let plainOutputs = outputs.map(stopGradient)
    guard let tape else { return plainOutputs }
    let recorded = CustomPullback(outputs: plainOutputs, body: pullback)
    return tape.recordIfTracked(recorded, inputs: inputs, outputs: plainOutputs)
}

/// ``customGradient(_:_:)`` for one input and one output.
///
/// ```swift
/// // The identity forward, the gradient clipped to [-1, 1] backward.
/// func clippingGradient(_ x: Tensor) -> Tensor {
///     customGradient(at: x) { x in (x, { clip($0, min: -1, max: 1) }) }
/// }
/// ```
///
/// - Parameters:
///   - x: the input.
///   - body: returns the value and its pullback, from the value's cotangent to `x`'s.
public func customGradient(
    at x: Tensor, _ body: (Tensor) throws -> (value: Tensor, pullback: (Tensor) -> Tensor)
) rethrows -> Tensor {
    try customGradient([x]) { inputs in
        let (value, pullback) = try body(inputs[0])
        return ([value], { [pullback($0[0])] })
    }[0]
}

/// The pullback of one recorded custom operation, with what it needs to fill absent cotangents
/// with zeros and to check what it returns.
final class CustomPullback: @unchecked Sendable {  // immutable after init; run on one thread at a time
    private let outputShapes: [[Int]]
    private let outputDTypes: [DType]
    private let body: ([Tensor]) -> [Tensor?]

    init(outputs: [Tensor], body: @escaping ([Tensor]) -> [Tensor?]) {
        outputShapes = outputs.map(\.shape)
        outputDTypes = outputs.map(\.dtype)
        self.body = body
    }

    /// The cotangents of `inputs` from those of the outputs (`nil`: no gradient reached it).
    func run(cotangents: [Tensor?], inputs: [Tensor]) -> [Tensor?] {
        let filled = cotangents.enumerated().map { k, g in g ?? Tensor.zeros(outputShapes[k], dtype: outputDTypes[k]) }
        let grads = body(filled)
        guard grads.count == inputs.count else {
            opFailure("customGradient", "the pullback returned \(grads.count) gradient(s) for \(inputs.count) input(s); return one per input (nil for an input without a gradient).")
        }
        return zip(grads, inputs).enumerated().map { k, pair -> Tensor? in
            let (g, input) = pair
            guard let g, input.dtype.isFloatingPoint else { return nil }
            guard g.shape == input.shape else {
                opFailure("customGradient", "the pullback returned a gradient of shape \(Shape.describe(g.shape)) for input \(k) of shape \(Shape.describe(input.shape)); each gradient must have its input's shape.")
            }
            return g.dtype == input.dtype ? g : cast(g, to: input.dtype)
        }
    }
}
