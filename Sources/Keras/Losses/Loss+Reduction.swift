// Weighting and reducing loss values as Keras's `keras.src.losses.loss` module does:
// `squeeze_or_expand_to_same_rank`, `apply_mask`, `reduce_values`, `reduce_weighted_values`.

extension Loss {
    /// Makes the ranks of `x1` and `x2` agree when they differ by one and the longer one ends in a
    /// size-1 axis (Keras's `squeeze_or_expand_to_same_rank`): that axis is squeezed, or, when the
    /// other tensor is a vector and `expandRank1` is true, a size-1 axis is appended to the vector.
    ///
    /// ```swift
    /// let (a, b) = Loss.squeezeOrExpandToSameRank(Tensor.zeros([4]), Tensor.zeros([4, 1]))
    /// // a: [4, 1], b: [4, 1]
    /// ```
    public static func squeezeOrExpandToSameRank(_ x1: Tensor, _ x2: Tensor,
                                                 expandRank1: Bool = true) -> (Tensor, Tensor) {
        var x1 = x1, x2 = x2
        let rank1 = x1.rank, rank2 = x2.rank
        if rank1 == rank2 { return (x1, x2) }
        if rank1 == rank2 + 1, x1.shape[rank1 - 1] == 1 {
            if rank2 == 1 && expandRank1 { x2 = x2.expandingDimensions(axis: -1) } else { x1 = x1.squeezed(axes: [-1]) }
        }
        if rank2 == rank1 + 1, x2.shape[rank2 - 1] == 1 {
            if rank1 == 1 && expandRank1 { x1 = x1.expandingDimensions(axis: -1) } else { x2 = x2.squeezed(axes: [-1]) }
        }
        return (x1, x2)
    }

    /// Weights and reduces loss values as Keras's `reduce_weighted_values`: the mask is folded
    /// into the sample weights (see ``callAsFunction(_:_:sampleWeight:mask:)``), the weights are
    /// brought to the values' rank and multiplied in, then `reduction` applies.
    ///
    /// - Parameters:
    ///   - values: unreduced loss values.
    ///   - sampleWeight: weights broadcast against `values`, or `nil`.
    ///   - mask: a `bool` or 0/1 mask over `values`, or `nil`.
    ///   - reduction: the reduction.
    ///   - dtype: the dtype everything is converted to first.
    /// - Throws: ``KerasError`` `.incompatibleShape` when weights, mask and values do not broadcast.
    ///
    /// ```swift
    /// try Loss.reduceWeightedValues(Tensor([1.0, 2, 3]), sampleWeight: Tensor([1.0, 0, 1]),
    ///                               reduction: .meanWithSampleWeight)   // 2.0
    /// ```
    public static func reduceWeightedValues(_ values: Tensor, sampleWeight: Tensor? = nil, mask: Tensor? = nil,
                                            reduction: LossReduction = .sumOverBatchSize,
                                            dtype: DType = .float32) throws -> Tensor {
        var values = values.cast(to: dtype)
        var weight = try applyMask(sampleWeight?.cast(to: dtype), mask: mask?.cast(to: dtype),
                                   dtype: values.dtype, reduction: reduction)
        if let w = weight {
            let (v, squeezed) = squeezeOrExpandToSameRank(values, w)
            try requireBroadcast(v.shape, squeezed.shape, "the loss values", "the sample weights (with the mask)")
            values = v * squeezed
            weight = squeezed
        }
        return reduceValues(values, sampleWeight: weight, reduction: reduction)
    }

    /// Keras's `apply_mask`: the mask as weights (0 where masked; for ``LossReduction/mean`` and
    /// ``LossReduction/sumOverBatchSize`` `total / valid` elsewhere, so the later division by the
    /// count averages over valid entries), times the sample weights if any.
    static func applyMask(_ sampleWeight: Tensor?, mask: Tensor?, dtype: DType,
                          reduction: LossReduction) throws -> Tensor? {
        guard let mask else { return sampleWeight }
        var floatMask: Tensor
        if reduction == .mean || reduction == .sumOverBatchSize {
            let total = Tensor(Double(mask.count), dtype: dtype)
            let valid = mask.cast(to: dtype).sum()   // may be 0
            let maskWeight = divideNoNaN(total, valid)
            floatMask = select(mask.cast(to: .bool), maskWeight, Tensor.zeros([], dtype: dtype))
        } else {
            floatMask = mask.cast(to: dtype)
        }
        guard let sampleWeight else { return floatMask }
        let (m, w) = squeezeOrExpandToSameRank(floatMask, sampleWeight.cast(to: dtype))
        try requireBroadcast(w.shape, m.shape, "the sample weights", "the mask")
        floatMask = m
        return w * floatMask
    }

    /// Keras's `reduce_values`: scalars and `(0,)`-shaped values are returned as they are.
    static func reduceValues(_ values: Tensor, sampleWeight: Tensor?, reduction: LossReduction) -> Tensor {
        if reduction == .none || values.shape == [] || values.shape == [0] { return values }
        let total = values.sum()
        switch reduction {
        case .sum, .none:
            return total
        case .sumOverBatchSize, .mean, .meanWithSampleWeight:
            let divisor: Tensor
            if reduction == .meanWithSampleWeight, let sampleWeight {
                divisor = sampleWeight.sum().cast(to: total.dtype)
            } else {
                divisor = Tensor(Double(values.count), dtype: total.dtype)
            }
            return divideNoNaN(total, divisor)
        }
    }

    /// `a / b`, or 0 where `b` is 0 (Keras's `ops.divide_no_nan`).
    static func divideNoNaN(_ a: Tensor, _ b: Tensor) -> Tensor {
        let zero = Tensor.zeros([], dtype: b.dtype)
        let isZero = equal(b, zero)
        let safe = select(isZero, Tensor.ones([], dtype: b.dtype), b)
        return select(isZero, Tensor.zeros([], dtype: a.dtype), a / safe)
    }

    /// Throws `.incompatibleShape` naming both shapes when they do not broadcast.
    static func requireBroadcast(_ a: [Int], _ b: [Int], _ aName: String, _ bName: String,
                                 in loss: String? = nil) throws {
        guard Shape.broadcast(a, b) == nil else { return }
        let prefix = loss.map { "Loss \"\($0)\": " } ?? ""
        throw KerasError(.incompatibleShape, "\(prefix)\(aName) of shape \(Shape.describe(a)) and \(bName) of shape \(Shape.describe(b)) cannot be broadcast together. Give them shapes that match axis by axis from the right (or are 1 there), e.g. a weight per sample of shape (batch,).")
    }
}
