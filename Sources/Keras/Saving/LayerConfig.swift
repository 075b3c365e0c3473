// The reading side of a layer's config: typed access with Keras's defaults and errors that
// name the layer class and the key.

/// A layer's Keras config (`get_config()` dict) being read back into a Swift layer.
///
/// Built-in and user layers read their keys with it in their ``KerasSerializable`` initializer.
/// It checks that every key of the config is one the class takes (as Keras's constructor would),
/// supplies the base keys (`name`, `trainable`, `dtype`), and reads nested Keras objects
/// (initializers, regularizers, constraints, activations, layers).
///
/// ```swift
/// extension Scale: KerasSerializable {
///     convenience init(config: LayerConfig) throws {
///         try self.init(factor: config.double("factor", default: 1), name: config.name)
///     }
/// }
/// ```
public struct LayerConfig {
    /// The class name being read (`"Dense"`).
    public let className: String
    /// The raw config dict.
    public let values: JSONObject
    /// The layer's `name`, or `nil` for an automatic name.
    public let name: String?
    /// The layer's `trainable` flag (`true` when absent).
    public let trainable: Bool
    /// The variable dtype of the layer's policy (`float32` when absent).
    public let dtype: DType
    /// The policy name as written (`"mixed_float16"`), when it is not a plain dtype.
    public let dtypePolicyName: String?

    /// The keys every layer config may hold besides its own: the base keys and the input-shape
    /// keys older Keras versions put on a model's first layer.
    public static let baseKeys = ["name", "trainable", "dtype", "batch_input_shape", "input_shape",
                                  "batch_size", "input_dim", "autocast"]

    /// Reads `values` for `className`, which takes `keys` besides ``baseKeys``.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for a key the class does not take (naming the
    ///   keys it does take) or a base key of the wrong type.
    public init(className: String, values: JSONObject, keys: [String]) throws {
        self.className = className
        self.values = values
        let allowed = keys + Self.baseKeys
        for key in values.keys where !allowed.contains(key) {
            let suggestion = KerasError.closestMatch(to: key, among: keys).map { " Did you mean \"\($0)\"?" } ?? ""
            throw KerasError(.invalidConfig, "\(className) does not take the config key \"\(key)\".\(suggestion) Its keys: \(keys.sorted().joined(separator: ", ")).")
        }
        let owner = className
        switch values["name"] {
        case nil, .null?: name = nil
        case .string(let s)?: name = s
        case let other?: throw KerasError(.invalidConfig, "\(owner) needs a string \"name\", but received \(other.serialized()).")
        }
        switch values["trainable"] {
        case nil, .null?: trainable = true
        case .bool(let b)?: trainable = b
        case let other?: throw KerasError(.invalidConfig, "\(owner) needs true or false for \"trainable\", but received \(other.serialized()).")
        }
        let label = "\(owner) \"\(name ?? "?")\""
        let policy = try values["dtype"].flatMap { try DTypePolicy.name(in: $0, owner: label) }
        dtype = try policy.map { try DTypePolicy.variableDType(of: $0, owner: owner) } ?? .float32
        dtypePolicyName = policy.flatMap { DType(rawValue: $0) == nil ? $0 : nil }
    }

    private func wrongType(_ key: String, _ value: JSONValue, _ expected: String) -> KerasError {
        KerasError(.invalidConfig, "\(className) \"\(name ?? "?")\" needs \(expected) for \"\(key)\", but received \(value.serialized()).")
    }

    /// The raw value of `key`, `nil` when absent.
    public subscript(key: String) -> JSONValue? { values[key] }

    /// Whether `key` is present and not `null`.
    public func has(_ key: String) -> Bool { values[key].map { !$0.isNull } ?? false }

    /// A whole number; absent or `null` give `defaultValue`.
    public func int(_ key: String, default defaultValue: Int) throws -> Int {
        try optionalInt(key) ?? defaultValue
    }

    /// The largest magnitude of a whole number read by ``int(_:)``, ``ints(_:default:)`` and
    /// the shape readers (2^31 − 1): configs hold sizes, axes and counts, and a bound keeps
    /// the shape arithmetic of layers from overflowing on a hostile file.
    public static let integerLimit = Int(Int32.max)

    /// A whole number or `nil` (absent or `null`).
    public func optionalInt(_ key: String) throws -> Int? {
        guard let value = values[key], !value.isNull else { return nil }
        guard let i = value.intValue else { throw wrongType(key, value, "an integer") }
        try checkMagnitude(key, i)
        return i
    }

    /// Throws when `i`, read for `key`, is beyond ``integerLimit``.
    func checkMagnitude(_ key: String, _ i: Int) throws {
        guard i.magnitude <= UInt(Self.integerLimit) else {
            throw KerasError(.invalidConfig, "\(className) \"\(name ?? "?")\" has \(i) for \"\(key)\", beyond the ±\(Self.integerLimit) (2^31 − 1) that sizes, axes and counts may take.")
        }
    }

    /// A required whole number.
    public func int(_ key: String) throws -> Int {
        guard let i = try optionalInt(key) else {
            throw KerasError(.invalidConfig, "\(className) \"\(name ?? "?")\" needs the config key \"\(key)\" (an integer), but the config has none.")
        }
        return i
    }

    /// A number; absent or `null` give `defaultValue`.
    public func double(_ key: String, default defaultValue: Double) throws -> Double {
        try optionalDouble(key) ?? defaultValue
    }

    /// A number or `nil` (absent or `null`).
    public func optionalDouble(_ key: String) throws -> Double? {
        guard let value = values[key], !value.isNull else { return nil }
        guard let d = value.doubleValue else { throw wrongType(key, value, "a number") }
        return d
    }

    /// A boolean; absent or `null` give `defaultValue`.
    public func bool(_ key: String, default defaultValue: Bool) throws -> Bool {
        guard let value = values[key], !value.isNull else { return defaultValue }
        guard let b = value.boolValue else { throw wrongType(key, value, "true or false") }
        return b
    }

    /// A string; absent or `null` give `defaultValue`.
    public func string(_ key: String, default defaultValue: String) throws -> String {
        try optionalString(key) ?? defaultValue
    }

    /// A string or `nil` (absent or `null`).
    public func optionalString(_ key: String) throws -> String? {
        guard let value = values[key], !value.isNull else { return nil }
        guard let s = value.stringValue else { throw wrongType(key, value, "a string") }
        return s
    }

    /// An integer or a list of integers (Keras's tuples), as a list; absent or `null` give
    /// `defaultValue`.
    public func ints(_ key: String, default defaultValue: [Int]) throws -> [Int] {
        try optionalInts(key) ?? defaultValue
    }

    /// An integer or a list of integers, or `nil` (absent or `null`).
    public func optionalInts(_ key: String) throws -> [Int]? {
        guard let value = values[key], !value.isNull else { return nil }
        if let i = value.intValue {
            try checkMagnitude(key, i)
            return [i]
        }
        guard let list = value.arrayValue else { throw wrongType(key, value, "an integer or a list of integers") }
        return try list.map { element in
            guard let i = element.intValue else { throw wrongType(key, value, "a list of integers") }
            try checkMagnitude(key, i)
            return i
        }
    }

    /// A list of strings, or `nil` (absent or `null`).
    public func optionalStrings(_ key: String) throws -> [String]? {
        guard let value = values[key], !value.isNull else { return nil }
        guard let list = value.arrayValue else { throw wrongType(key, value, "a list of strings") }
        return try list.map { element in
            guard let s = element.stringValue else { throw wrongType(key, value, "a list of strings") }
            return s
        }
    }

    /// A list of numbers, or `nil` (absent or `null`); a single number gives a list of one.
    public func optionalDoubles(_ key: String) throws -> [Double]? {
        guard let value = values[key], !value.isNull else { return nil }
        if let d = value.doubleValue { return [d] }
        guard let list = value.arrayValue else { throw wrongType(key, value, "a number or a list of numbers") }
        return try list.map { element in
            guard let d = element.doubleValue else { throw wrongType(key, value, "a list of numbers") }
            return d
        }
    }

    /// A shape with `null` for unknown sizes, or `nil` (absent or `null`).
    public func optionalShape(_ key: String) throws -> TensorShape? {
        guard let value = values[key], !value.isNull else { return nil }
        return try ShapeConfig.shape(from: value, owner: "\(className) \"\(name ?? "?")\" \(key)")
    }

    /// An activation by name or serialized function; absent or `null` give `defaultValue`.
    public func activation(_ key: String, default defaultValue: Activation = .linear) throws -> Activation {
        guard let value = values[key], !value.isNull else { return defaultValue }
        return try Activation(keras: value)
    }

    /// An initializer; absent gives `defaultValue`.
    public func initializer(_ key: String, default defaultValue: Initializer) throws -> Initializer {
        guard let value = values[key], !value.isNull else { return defaultValue }
        return try Initializer(keras: value)
    }

    /// A regularizer, or `nil` (absent or `null`).
    public func regularizer(_ key: String) throws -> Regularizer? {
        guard let value = values[key], !value.isNull else { return nil }
        return try Regularizer(keras: value)
    }

    /// A constraint, or `nil` (absent or `null`).
    public func constraint(_ key: String) throws -> Constraint? {
        guard let value = values[key], !value.isNull else { return nil }
        return try Constraint(keras: value)
    }

    /// A nested serialized layer (Bidirectional's `layer`, TimeDistributed's `layer`), made
    /// through the registry.
    public func layer(_ key: String) throws -> Layer {
        guard let value = values[key], !value.isNull else {
            throw KerasError(.invalidConfig, "\(className) \"\(name ?? "?")\" needs a serialized layer under \"\(key)\", but the config has none.")
        }
        return try LayerRegistry.deserialize(value)
    }

    /// A nested serialized layer, or `nil` (absent or `null`).
    public func optionalLayer(_ key: String) throws -> Layer? {
        guard let value = values[key], !value.isNull else { return nil }
        return try LayerRegistry.deserialize(value)
    }

    /// A string from a closed set (`"valid"`, `"same"`); absent gives `defaultValue`.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` naming the accepted values.
    public func choice(_ key: String, among allowed: [String], default defaultValue: String) throws -> String {
        let s = try string(key, default: defaultValue)
        guard allowed.contains(s) else {
            throw KerasError(.invalidConfig, "\(className) \"\(name ?? "?")\" has \(key)=\"\(s)\"; expected one of \(allowed.map { "\"\($0)\"" }.joined(separator: ", ")).")
        }
        return s
    }

    /// Throws `.unsupported` when any of `keys` holds a value other than `null` (a feature of
    /// Keras's class that swift-keras does not have yet, e.g. `lora_rank`), naming it.
    public static func refuse(_ config: LayerConfig, _ keys: [String]) throws {
        for key in keys where config.has(key) {
            throw KerasError(.unsupported, "\(config.className) \"\(config.name ?? "?")\" sets \"\(key)\" = \(config[key]!.serialized()), which swift-keras does not support yet. Remove it from the model before saving it in Python.")
        }
    }
}
