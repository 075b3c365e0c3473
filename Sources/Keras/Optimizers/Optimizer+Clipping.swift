// Gradient clipping: Keras's `clipnorm`, `global_clipnorm` and `clipvalue`.

extension Optimizer {
    /// The gradients clipped as the optimizer is configured (Keras's `_clip_gradients`):
    /// each to norm ``clipnorm``, all together to global norm ``globalClipnorm``, or each
    /// element to ``clipvalue``. A non-positive setting clips nothing, as in Keras.
    ///
    /// ```swift
    /// let optimizer = try SGD(clipnorm: 1)
    /// optimizer.clipGradients([Tensor([3.0, 4.0])])   // [[0.6, 0.8]]
    /// ```
    public func clipGradients(_ gradients: [Tensor]) -> [Tensor] {
        if let limit = clipnorm, limit > 0 {
            return gradients.map { Self.clipped($0, toNorm: limit) }
        }
        if let limit = globalClipnorm, limit > 0 {
            return Self.clipped(gradients, toGlobalNorm: limit)
        }
        if let limit = clipvalue, limit > 0 {
            return gradients.map { clip($0, min: -limit, max: limit) }
        }
        return gradients
    }

    /// `gradient` scaled down so that its L2 norm is at most `limit` (Keras's `_clip_by_norm`
    /// over all axes): `gradient * limit / max(norm, limit)`.
    static func clipped(_ gradient: Tensor, toNorm limit: Double) -> Tensor {
        let norm = sqrt(square(gradient).sum())
        return gradient * limit / maximum(norm, limit)
    }

    /// `gradients` scaled together so that their global L2 norm is at most `limit` (Keras's
    /// `clip_by_global_norm`). A non-finite norm makes every gradient NaN, as in Keras.
    static func clipped(_ gradients: [Tensor], toGlobalNorm limit: Double) -> [Tensor] {
        guard let first = gradients.first else { return gradients }
        let squares = gradients.map { square($0).sum() }
        let norm = sqrt(squares.dropFirst().reduce(squares[0], +))
        // limit * min(1/norm, 1/limit) is 1 below the limit; adding norm - norm turns inf/NaN into NaN.
        let scale = limit * minimum(1.0 / norm, 1.0 / limit) + (norm - norm)
        let typed = scale.dtype == first.dtype ? scale : cast(scale, to: first.dtype)
        return gradients.map { $0 * typed }
    }
}
