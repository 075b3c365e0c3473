// Overlap losses for image segmentation: Dice and Tversky.

extension Losses {
    /// The Dice loss `1 - 2 sum(y p) / (sum(y) + sum(p) + epsilon)` over `axis` (Keras's `dice`).
    ///
    /// - Parameters:
    ///   - yTrue: binary masks, e.g. `[batch, height, width, 1]`.
    ///   - yPred: predicted probabilities of the same shape.
    ///   - axis: the axes summed over; `nil` (Keras's default) sums everything into one scalar,
    ///     `[1, 2, 3]` gives one value per image.
    /// - Returns: the inputs' shape without `axis` (a scalar for `nil`).
    ///
    /// ```swift
    /// try Losses.dice(Tensor([1.0, 0, 1], shape: [1, 3]), Tensor([0.9, 0.2, 0.7], shape: [1, 3]), axis: [1])   // [0.1579]
    /// ```
    public static func dice(_ yTrue: Tensor, _ yPred: Tensor, axis: [Int]? = nil) throws -> Tensor {
        let (t, p) = prepared(yTrue, yPred)
        try requireBroadcast(t, p, "dice")
        let axes = try resolvedAxes(axis, (t * p).shape, "dice")
        let intersection = (t * p).sum(axes: axes)
        let denominator = t.sum(axes: try resolvedAxes(axis, t.shape, "dice"))
            + p.sum(axes: try resolvedAxes(axis, p.shape, "dice")) + epsilon
        return 1 - (intersection * 2) / denominator
    }

    /// The Tversky loss `1 - TP / (TP + alpha * sum(y (1 - p)) + beta * sum(p (1 - y)) + epsilon)`
    /// over `axis` (Keras's `tversky`): Dice with separate weights on missed and spurious mass
    /// (`alpha = beta = 0.5` gives Dice).
    ///
    /// - Parameters:
    ///   - yTrue: binary masks.
    ///   - yPred: predicted probabilities of the same shape.
    ///   - alpha: the weight of `sum(y (1 - p))`, the mass the prediction misses.
    ///   - beta: the weight of `sum(p (1 - y))`, the mass predicted outside the mask.
    ///   - axis: the axes summed over; `nil` sums everything.
    /// - Returns: the inputs' shape without `axis` (a scalar for `nil`).
    ///
    /// ```swift
    /// try Losses.tversky(Tensor([1.0, 0, 1], shape: [1, 3]), Tensor([0.9, 0.2, 0.7], shape: [1, 3]), alpha: 0.7, beta: 0.3, axis: [1])
    /// // [0.1753]
    /// ```
    public static func tversky(_ yTrue: Tensor, _ yPred: Tensor, alpha: Double = 0.5, beta: Double = 0.5,
                               axis: [Int]? = nil) throws -> Tensor {
        try validate(alpha, "alpha", in: 0...Double.infinity, "tversky")
        try validate(beta, "beta", in: 0...Double.infinity, "tversky")
        let (t, p) = prepared(yTrue, yPred)
        try requireBroadcast(t, p, "tversky")
        let axes = try resolvedAxes(axis, (t * p).shape, "tversky")
        let intersection = (t * p).sum(axes: axes)
        let missed = ((1 - p) * t).sum(axes: axes)
        let spurious = (p * (1 - t)).sum(axes: axes)
        return 1 - intersection / (intersection + missed * alpha + spurious * beta + epsilon)
    }
}
