// A JSON value shaped like Python's `json` module output: the currency of Keras configs
// (`config.json` in a `.keras` file, `get_config()` dicts, `serialize_keras_object`).

/// A JSON value, as Python's `json` module reads and writes it.
///
/// Integers and floating-point numbers stay distinct (`2` and `2.0` are different values, as in
/// Python), objects keep their keys in insertion order, and ``serialized()`` writes exactly what
/// `json.dumps(obj)` writes with default arguments.
///
/// ```swift
/// let config: JSONValue = ["class_name": "Dense", "config": ["units": 10, "use_bias": true]]
/// config["config"]?["units"]?.intValue   // 10
/// config.serialized()   // {"class_name": "Dense", "config": {"units": 10, "use_bias": true}}
/// let parsed = try JSONValue(parsing: #"{"rate": 0.5}"#)
/// ```
public enum JSONValue: Sendable, Hashable {
    /// `null` (Python's `None`).
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number written without a fraction or exponent that fits in `Int`.
    case int(Int)
    /// Any other number, including `NaN`, `Infinity` and `-Infinity` as Python writes them.
    case double(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object whose keys keep their insertion order.
    case object(JSONObject)
}

// MARK: - Accessors

extension JSONValue {
    /// The string, if this is `.string`.
    ///
    /// ```swift
    /// JSONValue.string("relu").stringValue   // "relu"
    /// ```
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The number as a `Double`, if this is `.int` or `.double`.
    ///
    /// ```swift
    /// JSONValue.int(2).doubleValue   // 2.0
    /// ```
    public var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    /// The number as an `Int`, if this is `.int`, or a `.double` holding a whole number in range.
    ///
    /// ```swift
    /// JSONValue.double(3.0).intValue   // 3
    /// JSONValue.double(3.5).intValue   // nil
    /// ```
    public var intValue: Int? {
        switch self {
        case .int(let i): return i
        case .double(let d): return Int(exactly: d)
        default: return nil
        }
    }

    /// The boolean, if this is `.bool`.
    ///
    /// ```swift
    /// JSONValue.bool(true).boolValue   // true
    /// ```
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The elements, if this is `.array`.
    ///
    /// ```swift
    /// JSONValue.array([1, 2]).arrayValue?.count   // 2
    /// ```
    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The object, if this is `.object`.
    ///
    /// ```swift
    /// let keys = (try JSONValue(parsing: #"{"a": 1}"#)).objectValue?.keys   // ["a"]
    /// ```
    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// Whether this is `.null`.
    ///
    /// ```swift
    /// JSONValue.null.isNull   // true
    /// ```
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The value under `key`, if this is an object that has it.
    ///
    /// ```swift
    /// let units = config["config"]?["units"]
    /// ```
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }
}

// MARK: - Literals

extension JSONValue: ExpressibleByNilLiteral {
    /// `nil` makes `.null`.
    ///
    /// ```swift
    /// let seed: JSONValue = nil
    /// ```
    public init(nilLiteral: ()) { self = .null }
}

extension JSONValue: ExpressibleByBooleanLiteral {
    /// `true` and `false` make `.bool`.
    ///
    /// ```swift
    /// let flag: JSONValue = true
    /// ```
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension JSONValue: ExpressibleByIntegerLiteral {
    /// An integer literal makes `.int`.
    ///
    /// ```swift
    /// let units: JSONValue = 10
    /// ```
    public init(integerLiteral value: Int) { self = .int(value) }
}

extension JSONValue: ExpressibleByFloatLiteral {
    /// A floating-point literal makes `.double`.
    ///
    /// ```swift
    /// let rate: JSONValue = 0.5
    /// ```
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension JSONValue: ExpressibleByStringLiteral {
    /// A string literal makes `.string`.
    ///
    /// ```swift
    /// let name: JSONValue = "relu"
    /// ```
    public init(stringLiteral value: String) { self = .string(value) }
}

extension JSONValue: ExpressibleByArrayLiteral {
    /// An array literal makes `.array`.
    ///
    /// ```swift
    /// let shape: JSONValue = [nil, 28, 28, 1]
    /// ```
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
}

extension JSONValue: ExpressibleByDictionaryLiteral {
    /// A dictionary literal makes `.object`, keeping the literal's key order.
    ///
    /// ```swift
    /// let config: JSONValue = ["units": 10, "activation": "relu"]
    /// ```
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        var object = JSONObject()
        for (key, value) in elements { object[key] = value }
        self = .object(object)
    }
}

extension JSONValue: CustomStringConvertible {
    /// The value as `json.dumps` writes it (see ``serialized()``).
    public var description: String { serialized() }
}
