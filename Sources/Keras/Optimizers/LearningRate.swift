/// An optimizer's learning rate: a number, or a schedule evaluated at each step (Keras's
/// `learning_rate` argument, which takes a float or a `LearningRateSchedule`).
///
/// A number literal makes ``constant(_:)``.
///
/// ```swift
/// let fixed = try Adam(learningRate: 1e-3)
/// let decayed = try Adam(learningRate: .schedule(
///     try ExponentialDecay(initialLearningRate: 1e-2, decaySteps: 1000, decayRate: 0.9)))
/// let rate = 0.05
/// let fromVariable = try SGD(learningRate: .constant(rate))
/// ```
public enum LearningRate: Sendable, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    /// A fixed rate, kept in the optimizer's float32 `learning_rate` variable.
    case constant(Double)
    /// A rate computed from the optimizer's iteration count before every update.
    case schedule(any LearningRateSchedule)

    /// A literal such as `1e-3` makes a constant rate.
    public init(floatLiteral value: Double) { self = .constant(value) }

    /// A literal such as `1` makes a constant rate.
    public init(integerLiteral value: Int) { self = .constant(Double(value)) }

    /// Every schedule class name a config may hold.
    static let scheduleClassNames = ["CosineDecay", "CosineDecayRestarts", "ExponentialDecay", "InverseTimeDecay",
                                     "PiecewiseConstantDecay", "PolynomialDecay"]

    /// Reads a learning rate from an optimizer config's `learning_rate`: a number, or the dict
    /// `keras.optimizers.schedules.serialize` writes.
    ///
    /// - Throws: ``KerasError``: `.unknownName` for a schedule class Keras does not have (with
    ///   the nearest name), `.invalidConfig` for a key the schedule does not take or a value of
    ///   the wrong type, `.invalidArgument` for values the schedule rejects.
    ///
    /// ```swift
    /// let rate = try LearningRate(keras: 0.001)
    /// let decay = try LearningRate(keras: ["class_name": "ExponentialDecay",
    ///     "config": ["initial_learning_rate": 0.1, "decay_steps": 100, "decay_rate": 0.9]])
    /// ```
    public init(keras value: JSONValue) throws {
        if let number = value.doubleValue {
            self = .constant(number)
            return
        }
        let reference = try KerasObjectReference(value, what: "learning rate schedule")
        guard Self.scheduleClassNames.contains(reference.name) else {
            throw KerasError.unknown("learning rate schedule", reference.name, known: Self.scheduleClassNames)
        }
        self = .schedule(try Self.decodeSchedule(reference.name, reference.config))
    }

    private static func decodeSchedule(_ className: String, _ config: JSONObject) throws -> any LearningRateSchedule {
        func number(_ r: ConfigReader, _ key: String) throws -> Double {
            guard config[key] != nil, config[key] != .null else {
                throw KerasError(.invalidConfig, "\(className) needs \"\(key)\" in its config.")
            }
            return try r.double(key, default: 0)
        }
        func whole(_ r: ConfigReader, _ key: String, default value: Int? = nil) throws -> Int {
            guard let found = try r.int(key, default: value) else {
                throw KerasError(.invalidConfig, "\(className) needs \"\(key)\" in its config.")
            }
            return found
        }
        switch className {
        case "ExponentialDecay", "InverseTimeDecay":
            let r = try ConfigReader(className, config, allowed: ["initial_learning_rate", "decay_steps", "decay_rate", "staircase", "name"])
            let (initial, steps, rate) = (try number(r, "initial_learning_rate"), try whole(r, "decay_steps"), try number(r, "decay_rate"))
            let staircase = try r.bool("staircase", default: false)
            if className == "ExponentialDecay" {
                return try ExponentialDecay(initialLearningRate: initial, decaySteps: steps, decayRate: rate, staircase: staircase,
                                            name: try r.string("name", default: "ExponentialDecay"))
            }
            return try InverseTimeDecay(initialLearningRate: initial, decaySteps: steps, decayRate: rate, staircase: staircase,
                                        name: try r.string("name", default: "InverseTimeDecay"))
        case "PiecewiseConstantDecay":
            let r = try ConfigReader(className, config, allowed: ["boundaries", "values", "name"])
            guard let boundaries = config["boundaries"]?.arrayValue, let values = config["values"]?.arrayValue else {
                throw KerasError(.invalidConfig, "PiecewiseConstantDecay needs \"boundaries\" and \"values\" lists in its config.")
            }
            // Keras casts boundaries to the step's integer dtype, truncating toward zero.
            let steps = try boundaries.map { b -> Int in
                guard let d = b.doubleValue, d.isFinite, Swift.abs(d) < 1e15 else {
                    throw KerasError(.invalidConfig, "PiecewiseConstantDecay boundaries must be numbers, but received \(b.serialized()).")
                }
                return Int(d)
            }
            let rates = try values.map { v -> Double in
                guard let d = v.doubleValue else {
                    throw KerasError(.invalidConfig, "PiecewiseConstantDecay values must be numbers, but received \(v.serialized()).")
                }
                return d
            }
            return try PiecewiseConstantDecay(boundaries: steps, values: rates, name: try r.string("name", default: "PiecewiseConstant"))
        case "PolynomialDecay":
            let r = try ConfigReader(className, config, allowed: ["initial_learning_rate", "decay_steps", "end_learning_rate", "power", "cycle", "name"])
            return try PolynomialDecay(initialLearningRate: try number(r, "initial_learning_rate"), decaySteps: try whole(r, "decay_steps"),
                                       endLearningRate: try r.double("end_learning_rate", default: 0.0001),
                                       power: try r.double("power", default: 1.0), cycle: try r.bool("cycle", default: false),
                                       name: try r.string("name", default: "PolynomialDecay"))
        case "CosineDecay":
            let r = try ConfigReader(className, config, allowed: ["initial_learning_rate", "decay_steps", "alpha", "name", "warmup_target", "warmup_steps"])
            let target: Double? = (config["warmup_target"]?.isNull ?? true) ? nil : try r.double("warmup_target", default: 0)
            return try CosineDecay(initialLearningRate: try number(r, "initial_learning_rate"), decaySteps: try whole(r, "decay_steps"),
                                   alpha: try r.double("alpha", default: 0), name: try r.string("name", default: "CosineDecay"),
                                   warmupTarget: target, warmupSteps: try whole(r, "warmup_steps", default: 0))
        default:
            let r = try ConfigReader(className, config, allowed: ["initial_learning_rate", "first_decay_steps", "t_mul", "m_mul", "alpha", "name"])
            return try CosineDecayRestarts(initialLearningRate: try number(r, "initial_learning_rate"),
                                           firstDecaySteps: try whole(r, "first_decay_steps"),
                                           tMul: try r.double("t_mul", default: 2.0), mMul: try r.double("m_mul", default: 1.0),
                                           alpha: try r.double("alpha", default: 0), name: try r.string("name", default: "SGDRDecay"))
        }
    }
}
