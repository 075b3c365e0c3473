extension Metric {
    /// Whether larger values are better (`.up`) or smaller (`.down`), as Keras marks its metrics
    /// (`_direction`); `nil` for metrics without a known direction (counts, custom metrics).
    /// Monitoring callbacks with `mode: .auto` read it.
    public var direction: MetricDirection? {
        switch self {
        case is Accuracy, is BinaryAccuracy, is CategoricalAccuracy, is SparseCategoricalAccuracy,
             is TopKCategoricalAccuracy, is SparseTopKCategoricalAccuracy, is Precision, is Recall, is AUC,
             is SensitivitySpecificityBase, is FBetaScore, is IoU, is MeanIoU, is BinaryIoU, is OneHotIoU,
             is OneHotMeanIoU, is R2Score, is Metrics.CosineSimilarity, is PearsonCorrelation,
             is ConcordanceCorrelation:
            return .up
        case is Metrics.MeanSquaredError, is Metrics.MeanAbsoluteError, is Metrics.MeanAbsolutePercentageError,
             is Metrics.MeanSquaredLogarithmicError, is RootMeanSquaredError, is LogCoshError,
             is Metrics.BinaryCrossentropy, is Metrics.CategoricalCrossentropy, is Metrics.SparseCategoricalCrossentropy,
             is Metrics.KLDivergence, is Metrics.Poisson, is Metrics.Hinge, is Metrics.SquaredHinge,
             is Metrics.CategoricalHinge:
            return .down
        default:
            return nil
        }
    }
}
