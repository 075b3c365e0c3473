// Reading helpers for configs that hold arrays of numbers, closed sets of strings and flags
// swift-keras only takes at one value, and the bookkeeping that writes numbers back with the
// kinds (int or float) a file gave them.

extension LayerConfig {
    /// A number, a nested list of numbers, or a NumPy array as Keras serializes it
    /// (`{"class_name": "__numpy__", "config": {"value": ..., "dtype": ...}}`), as a tensor;
    /// `nil` when absent or `null`.
    ///
    /// Plain numbers become int64 when every one is an integer (as `numpy.array` reads Python
    /// ints) and float64 otherwise; a NumPy array keeps its dtype where swift-keras has it.
    ///
    /// ```swift
    /// // {"mean": [[1, 2]]}  ->  int64 tensor of shape [1, 2]
    /// let mean = try config.optionalTensor("mean")
    /// ```
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for anything else, or ragged lists.
    public func optionalTensor(_ key: String) throws -> Tensor? {
        guard let value = values[key], !value.isNull else { return nil }
        let owner = "\(className) \"\(name ?? "?")\""
        var dtype: DType?
        var content = value
        if let object = value.objectValue, object["class_name"]?.stringValue == "__numpy__" {
            guard let inner = object["config"]?.objectValue, let array = inner["value"] else {
                throw KerasError(.invalidConfig, "\(owner) has a NumPy array under \"\(key)\" without a \"value\": \(value.serialized().prefix(200)).")
            }
            content = array
            dtype = inner["dtype"]?.stringValue.flatMap { DType(rawValue: $0) }
        }
        // The shape follows the first elements; every list must then match it.
        var shape: [Int] = []
        var probe = content
        while let list = probe.arrayValue {
            shape.append(list.count)
            guard let first = list.first else { break }
            probe = first
        }
        var numbers: [JSONValue] = []
        func walk(_ v: JSONValue, depth: Int) -> Bool {
            if depth == shape.count {
                guard v.doubleValue != nil else { return false }
                numbers.append(v)
                return true
            }
            guard let list = v.arrayValue, list.count == shape[depth] else { return false }
            return list.allSatisfy { walk($0, depth: depth + 1) }
        }
        guard walk(content, depth: 0) else {
            throw KerasError(.invalidConfig, "\(owner) needs a number or a rectangular list of numbers under \"\(key)\", but received \(value.serialized().prefix(200)).")
        }
        let integral = numbers.allSatisfy { if case .int = $0 { return true } else { return false } }
        let resolved = dtype ?? (integral ? .int64 : .float64)
        if resolved.isInteger {
            return Tensor(numbers.map { $0.intValue ?? Int($0.doubleValue!) }, shape: shape, dtype: resolved)
        }
        return Tensor(numbers.map { $0.doubleValue! }, shape: shape, dtype: resolved)
    }

    /// A value of a closed set of Swift cases whose raw values are Keras's strings (`Padding`,
    /// `DataFormat`, ...); absent or `null` give `defaultValue`.
    ///
    /// ```swift
    /// let format = try config.enumeration("data_format", default: DataFormat.channelsLast)
    /// ```
    ///
    /// - Throws: ``KerasError`` `.unsupported` for a string swift-keras does not have (naming the
    ///   ones it has), `.invalidConfig` for a value that is not a string.
    public func enumeration<Value: RawRepresentable & CaseIterable>(_ key: String, default defaultValue: Value) throws -> Value
        where Value.RawValue == String {
        guard let text = try optionalString(key) else { return defaultValue }
        guard let value = Value(rawValue: text) else {
            let known = Value.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw KerasError(.unsupported, "\(className) \"\(name ?? "?")\" has \(key)=\"\(text)\", which swift-keras does not support; it supports \(known).")
        }
        return value
    }

    /// Throws `.unsupported` when `key` holds a value other than `null` and `allowed` (Keras's
    /// `sparse=True`, `time_major=True`, ...), naming it: for flags swift-keras takes only at
    /// their default.
    ///
    /// ```swift
    /// try config.refuse("sparse", unless: false)
    /// ```
    public func refuse(_ key: String, unless allowed: JSONValue...) throws {
        guard let value = values[key], !value.isNull, !allowed.contains(value) else { return }
        throw KerasError(.unsupported, "\(className) \"\(name ?? "?")\" sets \"\(key)\" = \(value.serialized()), which swift-keras does not support yet (only \(allowed.map { $0.serialized() }.joined(separator: " or ")) is). Change it in the model before saving it in Python.")
    }
}

extension JSONValue {
    /// A tensor's values as NumPy's `tolist()` writes them: a number for a scalar, nested lists
    /// otherwise; integers for integer dtypes, booleans for `bool` and floats for the others.
    ///
    /// ```swift
    /// JSONValue(listing: Tensor([1.0, 2], shape: [1, 2]))   // [[1.0, 2.0]]
    /// ```
    public init(listing tensor: Tensor) {
        let numbers: [JSONValue]
        if tensor.dtype == .bool {
            numbers = tensor.doubles.map { .bool($0 != 0) }
        } else if tensor.dtype.isInteger {
            numbers = tensor.scalars(as: Int64.self).map { .int(Int($0)) }
        } else {
            numbers = tensor.doubles.map { .double($0) }
        }
        func nest(_ start: Int, _ axis: Int) -> JSONValue {
            guard axis < tensor.rank else { return numbers[start] }
            let stride = tensor.shape[(axis + 1)...].reduce(1, *)
            return .array((0..<tensor.shape[axis]).map { nest(start + $0 * stride, axis + 1) })
        }
        self = nest(0, 0)
    }

    /// Whether `self` and `other` hold the same numbers in the same structure, an integer and a
    /// float of equal value counting as the same (`2` and `2.0`; `-0.0` and `0`); a NumPy array
    /// object is compared by its values.
    func hasSameNumbers(as other: JSONValue) -> Bool {
        switch (self, other) {
        case (.int, .int), (.int, .double), (.double, .int), (.double, .double):
            let a = doubleValue!, b = other.doubleValue!
            return a == b || (a.isNaN && b.isNaN)
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.hasSameNumbers(as: $1) }
        case (.object(let a), .object(let b)):
            if b["class_name"]?.stringValue == "__numpy__", a["class_name"]?.stringValue != "__numpy__",
               let value = b["config"]?.objectValue?["value"] {
                return hasSameNumbers(as: value)
            }
            return a.count == b.count && a.keys.allSatisfy { key in b[key].map { a[key]!.hasSameNumbers(as: $0) } ?? false }
        case (_, .object(let b)) where b["class_name"]?.stringValue == "__numpy__":
            return b["config"]?.objectValue?["value"].map { hasSameNumbers(as: $0) } ?? false
        default:
            return self == other
        }
    }

    /// `self`, or `original` when it holds the same numbers (compared as numbers): a value
    /// read from a file is written back with the number kinds the file gave it (Keras writes
    /// many arguments as the user passed them, `1` or `1.0`).
    ///
    /// ```swift
    /// JSONValue.double(0).keepingNumberKinds(of: .int(0))   // .int(0)
    /// ```
    public func keepingNumberKinds(of original: JSONValue?) -> JSONValue {
        guard let original, original != self, hasSameNumbers(as: original) else { return self }
        return original
    }

    /// A Python number as Keras computes it: an `int` when `integral` (Keras's own integer
    /// defaults and bounds, like `value_range=(0, 255)`), a float otherwise.
    static func pythonNumber(_ value: Double, integral: Bool) -> JSONValue {
        if integral, let i = Int(exactly: value) { return .int(i) }
        return .double(value)
    }
}

extension JSONObject {
    /// Replaces each value that holds the same numbers as `original`'s value of the same key
    /// by that original value (see ``JSONValue/keepingNumberKinds(of:)``).
    ///
    /// ```swift
    /// var config: JSONObject = ["fill_value": 1.0]
    /// config.keepNumberKinds(of: ["fill_value": 1])   // config["fill_value"] == 1
    /// ```
    public mutating func keepNumberKinds(of original: JSONObject) {
        for key in keys {
            if let old = original[key] { self[key] = self[key]!.keepingNumberKinds(of: old) }
        }
    }
}

extension LayerConfig {
    /// A random seed (Keras's `seed`, a Python int) as the `UInt64` swift-keras seeds with
    /// (negative values keep their bits); `nil` when absent or `null`.
    ///
    /// ```swift
    /// let seed = try config.uint64Seed("seed")   // {"seed": 42} -> 42
    /// ```
    public func uint64Seed(_ key: String) throws -> UInt64? {
        try optionalInt(key).map { UInt64(truncatingIfNeeded: $0) }
    }
}

extension JSONValue {
    /// A seed as Keras writes it: the integer, or `null` for none (the inverse of
    /// ``LayerConfig/uint64Seed(_:)``).
    ///
    /// ```swift
    /// JSONValue.seedNumber(42)   // 42
    /// ```
    public static func seedNumber(_ seed: UInt64?) -> JSONValue {
        seed.map { .int(Int(truncatingIfNeeded: $0)) } ?? .null
    }
}

extension LayerConfig {
    /// An activation whose Keras default is not `linear` (`"tanh"` for recurrent layers):
    /// absent gives `absent`, while `null` means `linear`, as Keras's `activations.get(None)`.
    ///
    /// ```swift
    /// let activation = try config.activation("activation", absent: .tanh)
    /// ```
    public func activation(_ key: String, absent: Activation) throws -> Activation {
        switch values[key] {
        case nil: return absent
        case .null?: return .linear
        default: return try activation(key)
        }
    }
}

extension LayerConfig {
    /// A required integer or list of integers (Keras's tuples such as `kernel_size`), as a list.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` when the key is absent, `null` or not integers.
    public func requiredInts(_ key: String) throws -> [Int] {
        guard let list = try optionalInts(key) else {
            throw KerasError(.invalidConfig, "\(className) \"\(name ?? "?")\" needs the config key \"\(key)\" (an integer or a list of integers), but the config has none.")
        }
        return list
    }
}
