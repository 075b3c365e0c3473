// Reading regularizers from Keras configs: the names `keras.regularizers.get` accepts and the
// dict form `serialize_keras_object` writes.

extension Regularizer {
    /// Keras's class for each accepted name: class names and their snake_case forms (Keras 3 spells
    /// L1L2's as `"l1l2"`; we also take `"l1_l2"`, the Keras 2 spelling).
    static let classNames: [String: String] = [
        "L1": "L1", "l1": "L1", "L2": "L2", "l2": "L2", "L1L2": "L1L2", "l1l2": "L1L2", "l1_l2": "L1L2",
        "OrthogonalRegularizer": "OrthogonalRegularizer", "orthogonal_regularizer": "OrthogonalRegularizer",
    ]

    /// Every name ``init(keras:)`` accepts, sorted.
    public static var knownNames: [String] { classNames.keys.sorted() }

    /// Reads a regularizer from a Keras config value: a name (`"l2"`, `"L1L2"`,
    /// `"orthogonal_regularizer"`), which gives the class with its defaults, or the dict
    /// `{"module": "keras.regularizers", "class_name": "L2", "config": {"l2": 0.01}, ...}`.
    ///
    /// Throws ``KerasError`` `.unknownName` with the nearest name, `.invalidConfig` for unknown
    /// keys or mistyped values, `.invalidArgument` for negative or non-finite factors and unknown
    /// modes.
    ///
    /// ```swift
    /// let r = try Regularizer(keras: ["class_name": "L1L2", "config": ["l1": 0.01, "l2": 0.02]])
    /// ```
    public init(keras value: JSONValue) throws {
        let reference = try KerasObjectReference(value, what: "regularizer")
        guard let className = Regularizer.classNames[reference.name] else {
            throw KerasError.unknown("regularizer", reference.name, known: Regularizer.knownNames)
        }
        let owner = "Regularizer \(className)"
        func factor(_ reader: ConfigReader, _ key: String, _ defaultValue: Double) throws -> Double {
            let v = try reader.double(key, default: defaultValue)
            guard v.isFinite && v >= 0 else {
                throw KerasError(.invalidArgument, "\(owner) needs a finite, non-negative \(key), but received \(key)=\(v).")
            }
            return v
        }
        let made: Regularizer
        let reader: ConfigReader
        switch className {
        case "L1":
            reader = try ConfigReader(owner, reference.config, allowed: ["l1"])
            made = .l1(try factor(reader, "l1", 0.01))
        case "L2":
            reader = try ConfigReader(owner, reference.config, allowed: ["l2"])
            made = .l2(try factor(reader, "l2", 0.01))
        case "L1L2":
            reader = try ConfigReader(owner, reference.config, allowed: ["l1", "l2"])
            made = .l1L2(l1: try factor(reader, "l1", 0), l2: try factor(reader, "l2", 0))
        default:
            reader = try ConfigReader(owner, reference.config, allowed: ["factor", "mode"])
            let modeName = try reader.string("mode", default: "rows")
            guard let mode = OrthogonalRegularizerMode(rawValue: modeName) else {
                throw KerasError(.invalidArgument, "\(owner) has mode \"\(modeName)\"; use \"rows\" or \"columns\".")
            }
            made = .orthogonal(factor: try factor(reader, "factor", 0.01), mode: mode)
        }
        // Keras writes every factor back as a float (`float(self.l1)`), so only the float32
        // rounding of L1 and OrthogonalRegularizer changes what was read.
        self = made
    }
}
