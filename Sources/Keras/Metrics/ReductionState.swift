// The weighted running total (and count) behind Mean, Sum, MeanMetricWrapper and
// RootMeanSquaredError: Keras's `reduce_to_samplewise_values` and `Mean.update_state`.

enum SamplewiseReduction {
    case mean, sum

    func callAsFunction(_ x: Tensor, axes: [Int]) -> Tensor {
        switch self {
        case .mean: return x.mean(axes: axes)
        case .sum: return x.sum(axes: axes)
        }
    }

    /// Multiplies a mask into sample weights, or makes the mask the weights (Keras's
    /// `apply_mask` with `reduction="sum"`).
    static func applyMask(_ sampleWeight: Tensor?, _ mask: Tensor?, dtype: DType, metric: String) throws -> Tensor? {
        guard let mask else { return sampleWeight }
        let floatMask = mask.cast(to: dtype)
        guard let sampleWeight else { return floatMask }
        let (m, w) = Loss.squeezeOrExpandToSameRank(floatMask, sampleWeight.cast(to: dtype))
        try MetricSupport.requireBroadcastable(m, w, metric: metric, names: ("mask", "sampleWeight"))
        return w * m
    }

    /// One value per sample and the matching weights: weights are broadcast onto the values,
    /// axes the weights lack are reduced first, and what remains past the batch axis is reduced.
    func samplewise(_ values: Tensor, sampleWeight: Tensor?, mask: Tensor?, dtype: DType,
                    metric: String) throws -> (values: Tensor, weights: Tensor?) {
        var values = values.cast(to: dtype)
        var weights: Tensor?
        if var w = sampleWeight?.cast(to: dtype) {
            if let masked = try Self.applyMask(w, mask, dtype: dtype, metric: metric) { w = masked }
            (values, w) = Loss.squeezeOrExpandToSameRank(values, w)
            let weightRank = w.rank
            if values.rank > weightRank { values = self(values, axes: Array(weightRank..<values.rank)) }
            w = try MetricSupport.broadcast(w, to: values.shape, metric: metric, argument: "sampleWeight")
            values = values * w
            if weightRank > 1 { w = self(w, axes: Array(1..<weightRank)) }
            weights = w
        }
        if values.rank > 1 { values = self(values, axes: Array(1..<values.rank)) }
        return (values, weights)
    }
}

/// A `total` and a `count` variable and Keras's weighted-mean update over them.
struct MeanState {
    let total: Variable
    let count: Variable

    init(in metric: Metric) {
        total = metric.addVariable(name: "total", shape: [])
        count = metric.addVariable(name: "count", shape: [])
    }

    /// Adds the weighted values to `total` and the weight (or the number of samples) to `count`.
    func update(values: Tensor, sampleWeight: Tensor?, valuesMask: Tensor? = nil, metric: Metric) throws {
        let (v, w) = try SamplewiseReduction.mean.samplewise(values, sampleWeight: sampleWeight, mask: valuesMask,
                                                             dtype: metric.dtype, metric: metric.name)
        let samples: Tensor
        if let w { samples = w.sum() } else { samples = Tensor(Double(v.rank >= 1 ? v.shape[0] : 1), dtype: metric.dtype) }
        total.assignAdd(v.sum().cast(to: total.dtype))
        count.assignAdd(samples.cast(to: count.dtype))
    }

    /// `total / count`, or 0 before any sample.
    var result: Tensor { Loss.divideNoNaN(total.value, count.value) }
}
