// Reading constraints from Keras configs: the names `keras.constraints.get` accepts and the
// dict form `serialize_keras_object` writes.

extension Constraint {
    /// Keras's class for each accepted name: class names and their snake_case forms.
    static let classNames: [String: String] = [
        "MaxNorm": "MaxNorm", "max_norm": "MaxNorm", "MinMaxNorm": "MinMaxNorm", "min_max_norm": "MinMaxNorm",
        "NonNeg": "NonNeg", "non_neg": "NonNeg", "UnitNorm": "UnitNorm", "unit_norm": "UnitNorm",
    ]

    /// Every name ``init(keras:)`` accepts, sorted.
    public static var knownNames: [String] { classNames.keys.sorted() }

    /// Reads a constraint from a Keras config value: a name (`"max_norm"`, `"NonNeg"`), which
    /// gives the class with its defaults, or the dict
    /// `{"module": "keras.constraints", "class_name": "MaxNorm", "config": {"max_value": 2, "axis": 0}, ...}`.
    /// Numbers keep the form they were written in (`2` or `2.0`) when written back.
    ///
    /// ```swift
    /// let c = try Constraint(keras: ["class_name": "MaxNorm", "config": ["max_value": 3, "axis": [0, 1, 2]]])
    /// ```
    public init(keras value: JSONValue) throws {
        let reference = try KerasObjectReference(value, what: "constraint")
        guard let className = Constraint.classNames[reference.name] else {
            throw KerasError.unknown("constraint", reference.name, known: Constraint.knownNames)
        }
        let owner = "Constraint \(className)"
        let made: Constraint
        let reader: ConfigReader
        func axes(_ reader: ConfigReader) throws -> (axes: [Int], single: Bool) {
            let single = reader.config["axis"]?.arrayValue == nil
            return (try reader.axes("axis") ?? [0], single)
        }
        switch className {
        case "MaxNorm":
            reader = try ConfigReader(owner, reference.config, allowed: ["max_value", "axis"])
            let (a, single) = try axes(reader)
            made = .maxNorm(try reader.double("max_value", default: 2), axes: a, single: single)
        case "MinMaxNorm":
            reader = try ConfigReader(owner, reference.config, allowed: ["min_value", "max_value", "rate", "axis"])
            let (a, single) = try axes(reader)
            made = .minMaxNorm(minValue: try reader.double("min_value", default: 0),
                               maxValue: try reader.double("max_value", default: 1),
                               rate: try reader.double("rate", default: 1), axes: a, single: single)
        case "NonNeg":
            reader = try ConfigReader(owner, reference.config, allowed: [])
            made = .nonNeg
        default:
            reader = try ConfigReader(owner, reference.config, allowed: ["axis"])
            let (a, single) = try axes(reader)
            made = .unitNorm(axes: a, single: single)
        }
        self = Constraint(builtin: made.className, config: reader.preservingNumbers(in: made.config), made.function)
    }
}
