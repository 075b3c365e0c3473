/// A JSON object whose keys keep their insertion order, like a Python `dict`.
///
/// Setting an existing key replaces its value in place; setting `nil` removes the key. Two
/// objects are equal when they hold the same keys with equal values, in any order (as Python's
/// dict equality); ``JSONValue/serialized()`` writes the keys in insertion order.
///
/// ```swift
/// var config = JSONObject()
/// config["seed"] = nil          // no key
/// config["mean"] = 0.0
/// config["stddev"] = 0.05
/// config.keys                   // ["mean", "stddev"]
/// ```
public struct JSONObject: Sendable, Hashable {
    /// The keys, in insertion order.
    public private(set) var keys: [String] = []
    private var values: [JSONValue] = []
    private var positions: [String: Int] = [:]

    /// An empty object.
    ///
    /// ```swift
    /// let empty = JSONObject()   // {}
    /// ```
    public init() {}

    /// An object holding `pairs` in order; a repeated key keeps its first position and last value,
    /// as Python's `dict` does.
    ///
    /// ```swift
    /// let o = JSONObject([("l1", 0.0), ("l2", 0.01)])
    /// ```
    public init(_ pairs: [(String, JSONValue)]) {
        for (key, value) in pairs { self[key] = value }
    }

    /// The number of keys.
    public var count: Int { keys.count }

    /// Whether the object has no keys.
    public var isEmpty: Bool { keys.isEmpty }

    /// The key-value pairs in insertion order.
    ///
    /// ```swift
    /// for (key, value) in object.pairs { print(key, value) }
    /// ```
    public var pairs: [(key: String, value: JSONValue)] {
        Array(zip(keys, values)).map { (key: $0.0, value: $0.1) }
    }

    /// The value under `key`; assigning `nil` removes the key.
    ///
    /// ```swift
    /// object["units"] = 10
    /// object["units"]?.intValue   // 10
    /// ```
    public subscript(key: String) -> JSONValue? {
        get { positions[key].map { values[$0] } }
        set {
            if let newValue {
                if let i = positions[key] {
                    values[i] = newValue
                } else {
                    positions[key] = keys.count
                    keys.append(key)
                    values.append(newValue)
                }
            } else if let i = positions.removeValue(forKey: key) {
                keys.remove(at: i)
                values.remove(at: i)
                for j in i..<keys.count { positions[keys[j]] = j }
            }
        }
    }

    /// Equal keys with equal values, in any order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for (i, key) in lhs.keys.enumerated() {
            guard let other = rhs[key], other == lhs.values[i] else { return false }
        }
        return true
    }

    /// Hashes keys and values independently of their order, matching `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        var combined = 0
        for (i, key) in keys.enumerated() {
            var entry = Hasher()
            entry.combine(key)
            entry.combine(values[i])
            combined ^= entry.finalize()
        }
        hasher.combine(combined)
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// A dictionary literal, keeping the literal's key order.
    ///
    /// ```swift
    /// let config: JSONObject = ["l1": 0.0, "l2": 0.01]
    /// ```
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }
}
