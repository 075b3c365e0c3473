// Small pieces the metrics share: shape checks whose errors name the metric, threshold checks,
// config values. (Keras's epsilon and divide_no_nan are `Losses.epsilon` and `Loss.divideNoNaN`.)

enum MetricSupport {
    /// Whether `shape` broadcasts to exactly `target` (numpy's `broadcast_to` rule).
    static func broadcasts(_ shape: [Int], to target: [Int]) -> Bool {
        Shape.broadcast(shape, target) == target
    }

    /// `x` broadcast to `target`, or a thrown error naming the metric and the argument.
    static func broadcast(_ x: Tensor, to target: [Int], metric: String, argument: String) throws -> Tensor {
        guard broadcasts(x.shape, to: target) else {
            throw KerasError(.incompatibleShape, "Metric \"\(metric)\" cannot broadcast \(argument) of shape \(Shape.describe(x.shape)) to shape \(Shape.describe(target)). Give \(argument) a shape that broadcasts to it, such as \(Shape.describe(Array(target.prefix(1)))).")
        }
        return x.broadcasted(to: target)
    }

    /// Throws unless `a` and `b` broadcast together.
    static func requireBroadcastable(_ a: Tensor, _ b: Tensor, metric: String, names: (String, String) = ("yTrue", "yPred")) throws {
        guard Shape.broadcast(a.shape, b.shape) != nil else {
            throw KerasError(.incompatibleShape, "Metric \"\(metric)\" received \(names.0) of shape \(Shape.describe(a.shape)) and \(names.1) of shape \(Shape.describe(b.shape)), which do not broadcast together. Give them the same shape.")
        }
    }

    /// Throws unless `x` has at least `rank` axes.
    static func requireRank(_ x: Tensor, atLeast rank: Int, metric: String, argument: String) throws {
        guard x.rank >= rank else {
            throw KerasError(.incompatibleShape, "Metric \"\(metric)\" expects \(argument) of rank \(rank) or more, but received shape \(Shape.describe(x.shape)).")
        }
    }

    /// Throws `invalidArgument` unless every threshold is in [0, 1] (Keras's `assert_thresholds_range`).
    static func checkThresholds(_ thresholds: [Double], metric: String) throws {
        let invalid = thresholds.filter { !($0 >= 0 && $0 <= 1) }
        guard invalid.isEmpty else {
            throw KerasError(.invalidArgument, "\(metric) expects every value of thresholds in [0, 1], but received thresholds=\(thresholds) with \(invalid). Give thresholds between 0 and 1.")
        }
    }

    /// Whether `thresholds` are `0, 1/(n-1), ..., 1` within Keras's tolerance, which lets the
    /// confusion-matrix update use buckets instead of comparisons
    /// (Keras's `is_evenly_distributed_thresholds`).
    static func evenlyDistributed(_ thresholds: [Double]) -> Bool {
        let n = thresholds.count
        guard n >= 3 else { return false }
        for (i, t) in thresholds.enumerated() {
            // numpy: arange(n, dtype=float32) / (n - 1) in float32, then allclose(atol=epsilon).
            let even = Double(Float(i) / Float(n - 1))
            if !(Swift.abs(t - even) <= Losses.epsilon + 1e-5 * Swift.abs(even)) { return false }
        }
        return true
    }

    /// A Keras config value for an optional integer argument (`null` when `nil`).
    static func json(_ value: Int?) -> JSONValue { value.map { .int($0) } ?? .null }

    /// A Keras config value for an optional list of floats (`null` when `nil`).
    static func json(_ values: [Double]?) -> JSONValue {
        values.map { .array($0.map { .double($0) }) } ?? .null
    }
}
