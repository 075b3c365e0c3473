// Reading and writing the argument forms Keras's layers share: data formats, padding modes,
// "an int or a tuple" sizes, padding/cropping margins, seeds, and numbers whose integer or float
// kind must survive a round trip.

extension LayerConfig {
    /// Keras's `data_format`; absent or `null` give `channels_last` (Keras's
    /// `image_data_format()` default).
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for any other string.
    public func dataFormat(_ key: String = "data_format") throws -> DataFormat {
        let text = try choice(key, among: DataFormat.allCases.map(\.rawValue), default: DataFormat.channelsLast.rawValue)
        return DataFormat(rawValue: text)!
    }

    /// A padding mode among `allowed` (`"valid"`, `"same"`); absent or `null` give `defaultValue`.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` naming the accepted modes.
    public func padding(_ key: String = "padding", among allowed: [Padding] = [.valid, .same],
                        default defaultValue: Padding = .valid) throws -> Padding {
        // Keras lowercases the mode (`standardize_padding`).
        let text = try string(key, default: defaultValue.rawValue).lowercased()
        guard let padding = Padding(rawValue: text), allowed.contains(padding) else {
            throw KerasError(.invalidConfig, "\(className) \"\(name ?? "?")\" has \(key)=\"\(text)\"; expected one of \(allowed.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")).")
        }
        return padding
    }

    /// An integer or a list of integers (Keras's "an int or a tuple"), or `nil` (absent or `null`).
    public func optionalPerAxis(_ key: String) throws -> PerAxis? {
        try optionalInts(key).map(PerAxis.init)
    }

    /// An integer or a list of integers; absent or `null` give `defaultValue`.
    public func perAxis(_ key: String, default defaultValue: PerAxis) throws -> PerAxis {
        try optionalPerAxis(key) ?? defaultValue
    }

    /// A required integer or list of integers.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` when the key is absent.
    public func perAxis(_ key: String) throws -> PerAxis {
        guard let value = try optionalPerAxis(key) else {
            throw KerasError(.invalidConfig, "\(className) \"\(name ?? "?")\" needs the config key \"\(key)\" (an integer or a list of integers), but the config has none.")
        }
        return value
    }

    /// Padding or cropping margins: an integer, a list of integers, or a list of
    /// `[before, after]` pairs; absent or `null` give `defaultValue`.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for any other form.
    public func margins(_ key: String, default defaultValue: Margins) throws -> Margins {
        guard let value = values[key], !value.isNull else { return defaultValue }
        func fail() -> KerasError {
            KerasError(.invalidConfig, "\(className) \"\(name ?? "?")\" needs an integer, a list of integers or a list of [before, after] pairs for \"\(key)\", but received \(value.serialized()).")
        }
        if let i = value.intValue {
            try checkMagnitude(key, i)
            return Margins(i)
        }
        guard let list = value.arrayValue else { throw fail() }
        return Margins(try list.map { entry -> PerAxis in
            if let i = entry.intValue {
                try checkMagnitude(key, i)
                return PerAxis(i)
            }
            guard let pair = entry.arrayValue else { throw fail() }
            return PerAxis(try pair.map {
                guard let i = $0.intValue else { throw fail() }
                try checkMagnitude(key, i)
                return i
            })
        })
    }

    /// A random seed: an integer (negative ones keep their bits) or `nil` (absent or `null`).
    ///
    /// - Throws: ``KerasError`` `.unsupported` for a serialized `SeedGenerator`, `.invalidConfig`
    ///   for anything else that is not an integer.
    public func seed(_ key: String = "seed") throws -> UInt64? {
        if let object = values[key]?.objectValue {
            throw KerasError(.unsupported, "\(className) \"\(name ?? "?")\" sets \"\(key)\" to a \(object["class_name"]?.stringValue ?? "serialized object"), which swift-keras does not support yet; it reads integer seeds only. Use an integer seed.")
        }
        // Seeds are any 64-bit integer (no size bound, unlike optionalInt).
        guard let value = values[key], !value.isNull else { return nil }
        guard let i = value.intValue else {
            throw KerasError(.invalidConfig, "\(className) \"\(name ?? "?")\" needs an integer for \"\(key)\", but received \(value.serialized()).")
        }
        return UInt64(bitPattern: Int64(i))
    }

    /// The keys among `keys` whose values are written as integers (`6` rather than `6.0`), so a
    /// layer can write them back in the same kind (``LayerConfig/number(_:integer:)``).
    public func integerValuedKeys(_ keys: [String]) -> Set<String> {
        Set(keys.filter { if case .int? = values[$0] { return true } else { return false } })
    }

    /// A number as Keras writes it: an integer when `integer` is set and the value is whole
    /// (a config that held `6` gives `6` back), a float otherwise.
    public static func number(_ value: Double, integer: Bool) -> JSONValue {
        if integer, let i = Int(exactly: value) { return .int(i) }
        return .double(value)
    }

    /// A seed as Keras writes it: the integer, or `null`.
    public static func seedValue(_ seed: UInt64?) -> JSONValue {
        seed.map { .int(Int(Int64(bitPattern: $0))) } ?? .null
    }

    /// `[before, after]` margins as Keras writes them: one pair for a single axis
    /// (`[1, 2]`), a list of pairs otherwise (`[[1, 1], [2, 2]]`).
    public static func marginsValue(_ margins: [PadWidth]) -> JSONValue {
        let pairs = margins.map { JSONValue.array([.int($0.before), .int($0.after)]) }
        return margins.count == 1 ? pairs[0] : .array(pairs)
    }

    /// A list of integers as Keras writes a tuple.
    public static func intsValue(_ values: [Int]) -> JSONValue {
        .array(values.map { .int($0) })
    }
}
