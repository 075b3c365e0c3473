/// A learning rate that is constant between step boundaries (Keras's `PiecewiseConstantDecay`).
///
/// `values[0]` applies up to and including `boundaries[0]`, `values[i]` for steps in
/// `(boundaries[i-1], boundaries[i]]`, and the last value after the last boundary.
///
/// ```swift
/// let schedule = try PiecewiseConstantDecay(boundaries: [100, 110], values: [1.0, 0.5, 0.1])
/// schedule(100)   // 1.0
/// schedule(101)   // 0.5
/// schedule(111)   // 0.1
/// ```
public final class PiecewiseConstantDecay: LearningRateSchedule {
    /// The steps at which the rate changes, ascending.
    public let boundaries: [Int]
    /// The rates: one more than the boundaries.
    public let values: [Double]
    /// The schedule's name, as recorded in its config.
    public let name: String

    /// Makes the schedule.
    ///
    /// - Parameters:
    ///   - boundaries: the steps where the rate changes, in increasing order; at least one.
    ///   - values: the rate in each interval; exactly one more than `boundaries`.
    ///   - name: the config's `name`.
    /// - Throws: ``KerasError`` when the counts do not fit together.
    ///
    /// ```swift
    /// let schedule = try PiecewiseConstantDecay(boundaries: [10], values: [0.1, 0.01])
    /// ```
    public init(boundaries: [Int], values: [Double], name: String = "PiecewiseConstant") throws {
        guard boundaries.count == values.count - 1 else {
            throw KerasError(.invalidArgument, "PiecewiseConstantDecay needs one more value than boundaries, but received boundaries: \(boundaries) (\(boundaries.count)) and values: \(values) (\(values.count)).")
        }
        guard !boundaries.isEmpty else {
            throw KerasError(.invalidArgument, "PiecewiseConstantDecay needs at least one boundary, but received boundaries: []. Use a constant learning rate instead.")
        }
        self.boundaries = boundaries
        self.values = values
        self.name = name
    }

    /// The rate at `step`.
    ///
    /// Keras adds up each interval's value times whether the step is in it, in float32; doing
    /// the same keeps its result even for boundaries given out of order.
    ///
    /// ```swift
    /// let lr = schedule(50)
    /// ```
    public func callAsFunction(_ step: Int) -> Double {
        var result: Float = 0
        if step <= boundaries[0] { result += Float(values[0]) }
        if step > boundaries[boundaries.count - 1] { result += Float(values[values.count - 1]) }
        for i in 0..<(boundaries.count - 1) where step > boundaries[i] && step <= boundaries[i + 1] {
            result += Float(values[i + 1])
        }
        return Double(result)
    }

    /// `"PiecewiseConstantDecay"`.
    public var kerasClassName: String { "PiecewiseConstantDecay" }

    /// Keras's `get_config()`: `boundaries`, `values`, `name`.
    ///
    /// ```swift
    /// schedule.kerasConfig["boundaries"]   // [10]
    /// ```
    public var kerasConfig: JSONObject {
        ["boundaries": .array(boundaries.map { .int($0) }), "values": .array(values.map { .double($0) }),
         "name": .string(name)]
    }
}
