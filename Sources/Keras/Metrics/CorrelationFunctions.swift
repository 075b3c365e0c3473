// The per-sample functions of PearsonCorrelation and ConcordanceCorrelation (Keras's
// `keras.metrics.pearson_correlation` and `concordance_correlation`), the only loss-like metric
// functions without a loss: the others call the `Losses` functions, as Keras's metrics do.

enum CorrelationFunctions {
    /// The Pearson correlation along `axis`: both inputs centred and scaled to unit standard
    /// deviation, then the mean of their product. Returns the inputs' shape without `axis`.
    static func pearsonCorrelation(_ yTrue: Tensor, _ yPred: Tensor, axis: Int) throws -> Tensor {
        let (t, p) = try matched(yTrue, yPred, axis: axis, "pearson_correlation")
        var tn = t - t.mean(axes: [axis], keepingDimensions: true)
        var pn = p - p.mean(axes: [axis], keepingDimensions: true)
        tn = tn / tn.standardDeviation(axes: [axis], keepingDimensions: true)
        pn = pn / pn.standardDeviation(axes: [axis], keepingDimensions: true)
        return (tn * pn).mean(axes: [axis])
    }

    /// The concordance correlation coefficient along `axis`: `2·cov / (var_t + var_p + (mean_t -
    /// mean_p)² + ε)`. Returns the inputs' shape without `axis`.
    static func concordanceCorrelation(_ yTrue: Tensor, _ yPred: Tensor, axis: Int) throws -> Tensor {
        let (t, p) = try matched(yTrue, yPred, axis: axis, "concordance_correlation")
        let tMean = t.mean(axes: [axis], keepingDimensions: true)
        let pMean = p.mean(axes: [axis], keepingDimensions: true)
        let tVar = (t - tMean).variance(axes: [axis], keepingDimensions: true)
        let pVar = (p - pMean).variance(axes: [axis], keepingDimensions: true)
        // Keras centres yTrue on yPred's mean here; kept for identical numbers.
        let covariance = (t - pMean) * (p - pMean)
        let norm = tVar + pVar + square(tMean - pMean)
        return (2 * covariance / (norm + Losses.epsilon)).mean(axes: [axis])
    }

    /// Both inputs prepared as the regression losses prepare them (predictions' float dtype,
    /// ranks matched, checked to broadcast), with `axis` checked against both ranks.
    private static func matched(_ yTrue: Tensor, _ yPred: Tensor, axis: Int, _ function: String) throws -> (Tensor, Tensor) {
        let (t, p) = try Losses.matched(yTrue, yPred, function)
        _ = try Losses.resolvedAxis(axis, t.shape, function)
        _ = try Losses.resolvedAxis(axis, p.shape, function)
        return (t, p)
    }
}
