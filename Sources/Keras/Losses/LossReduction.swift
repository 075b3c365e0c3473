/// How a ``Loss`` turns its per-sample values into what it returns (Keras's `reduction`
/// argument); raw values are Keras's strings.
///
/// With values `v` and sample weights `w` (a mask folded into `w`, see
/// ``Loss/callAsFunction(_:_:sampleWeight:mask:)``):
///
/// | reduction | result |
/// |---|---|
/// | ``sumOverBatchSize``, ``mean`` | `sum(v * w) / count(v)` |
/// | ``sum`` | `sum(v * w)` |
/// | ``meanWithSampleWeight`` | `sum(v * w) / sum(w)` (`count(v)` without weights) |
/// | ``none`` | `v * w`, unreduced |
///
/// A division by zero gives 0, as Keras's `divide_no_nan`.
///
/// ```swift
/// let loss = MeanAbsoluteError(reduction: .sum)
/// LossReduction(rawValue: "sum_over_batch_size")   // .sumOverBatchSize
/// ```
public enum LossReduction: String, Sendable, CaseIterable {
    /// The weighted sum divided by the number of values (Keras's default).
    case sumOverBatchSize = "sum_over_batch_size"
    /// The weighted sum.
    case sum
    /// The same as ``sumOverBatchSize``.
    case mean
    /// The weighted sum divided by the sum of the sample weights.
    case meanWithSampleWeight = "mean_with_sample_weight"
    /// The weighted values, unreduced (Keras's `"none"` or `None`).
    case none

    /// Reads Keras's `reduction` value: one of the raw values, or `null` for ``none``.
    ///
    /// ```swift
    /// try LossReduction(keras: .null)   // .none
    /// ```
    public init(keras value: JSONValue) throws {
        if value.isNull {
            self = .none
            return
        }
        guard let text = value.stringValue, let reduction = LossReduction(rawValue: text) else {
            let allowed = LossReduction.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw KerasError(.invalidArgument, "Invalid value for argument `reduction`: received \(value.serialized()). Use one of \(allowed) or null.")
        }
        self = reduction
    }
}
