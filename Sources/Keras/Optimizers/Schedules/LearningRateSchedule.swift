/// A learning rate that changes with the optimizer's step (`keras.optimizers.schedules`).
///
/// An optimizer made with a schedule evaluates it at its iteration count before every update.
/// Keras computes schedules in float32, and so do the built-in ones here: the value returned is
/// a float32 number widened to `Double`.
///
/// Write your own by conforming a final class; ``kerasClassName`` and ``kerasConfig`` are what a
/// saved optimizer config records for it.
///
/// ```swift
/// final class Halving: LearningRateSchedule {
///     func callAsFunction(_ step: Int) -> Double { 0.1 / Double(1 << min(step / 100, 30)) }
///     var kerasClassName: String { "Halving" }
///     var kerasConfig: JSONObject { [:] }
/// }
/// let optimizer = try SGD(learningRate: .schedule(Halving()))
/// ```
public protocol LearningRateSchedule: AnyObject, Sendable {
    /// The learning rate at optimizer step `step` (0 before the first update).
    func callAsFunction(_ step: Int) -> Double
    /// Keras's class name (`"ExponentialDecay"`).
    var kerasClassName: String { get }
    /// Keras's `get_config()` for the schedule, keys in Keras's order.
    var kerasConfig: JSONObject { get }
}

extension LearningRateSchedule {
    /// What `keras.optimizers.schedules.serialize` writes: `{"module":
    /// "keras.optimizers.schedules", "class_name": ..., "config": {...}, "registered_name": null}`,
    /// the form an optimizer config holds as its `learning_rate`.
    ///
    /// ```swift
    /// try ExponentialDecay(initialLearningRate: 0.1, decaySteps: 100, decayRate: 0.9)
    ///     .serializedKerasObject.serialized()
    /// // {"module": "keras.optimizers.schedules", "class_name": "ExponentialDecay", "config": {...
    /// ```
    public var serializedKerasObject: JSONValue {
        ["module": "keras.optimizers.schedules", "class_name": .string(kerasClassName),
         "config": .object(kerasConfig), "registered_name": nil]
    }
}

/// Checks a schedule's step count the way Keras does (`decay_steps` must be > 0).
func requirePositiveSteps(_ value: Int, _ label: String, in schedule: String) throws {
    guard value > 0 else {
        throw KerasError(.invalidArgument, "\(schedule) needs \(label) > 0, but received \(label): \(value).")
    }
}
