// Reading the window geometry of convolution-like layers (`kernel_size`, `strides`, `padding`,
// `data_format`), axes and layer seeds from a Keras config, with Keras's defaults and checks.

extension LayerConfig {
    /// An integer or a list of integers (Keras's `kernel_size=3` or `(3, 5)`) as a ``PerAxis``;
    /// absent or `null` give `defaultValue`.
    ///
    /// ```swift
    /// let strides = try config.perAxis("strides", default: 1)
    /// ```
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for a value that is neither.
    public func perAxis(_ key: String, default defaultValue: PerAxis) throws -> PerAxis {
        try optionalPerAxis(key) ?? defaultValue
    }

    /// A required integer or list of integers as a ``PerAxis``.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` when the key is absent or holds something else.
    public func perAxis(_ key: String) throws -> PerAxis {
        guard let value = try optionalPerAxis(key) else {
            throw KerasError(.invalidConfig, "\(className) \"\(name ?? "?")\" needs the config key \"\(key)\" (an integer or a list of integers), but the config has none.")
        }
        return value
    }

    /// An integer or a list of integers as a ``PerAxis``, or `nil` (absent or `null`).
    public func optionalPerAxis(_ key: String) throws -> PerAxis? {
        try optionalInts(key).map(PerAxis.init)
    }

    /// Keras's `padding` (`"valid"`, `"same"`, `"causal"`, in any case as Keras lowercases it);
    /// absent gives `.valid`.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` naming the accepted values.
    public func padding(_ key: String = "padding", default defaultValue: Padding = .valid) throws -> Padding {
        guard let text = try optionalString(key) else { return defaultValue }
        guard let padding = Padding(rawValue: text.lowercased()) else {
            throw KerasError(.invalidConfig, "\(className) \"\(name ?? "?")\" has \(key)=\"\(text)\"; expected one of \"valid\", \"same\" or \"causal\".")
        }
        return padding
    }

    /// Keras's `data_format`; absent or `null` give `"channels_last"` (Keras's
    /// `image_data_format()` default).
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for anything but `"channels_last"` and
    ///   `"channels_first"`.
    public func dataFormat(_ key: String = "data_format") throws -> DataFormat {
        guard let text = try optionalString(key) else { return .channelsLast }
        guard let format = DataFormat(rawValue: text.lowercased()) else {
            throw KerasError(.invalidConfig, "\(className) \"\(name ?? "?")\" has \(key)=\"\(text)\"; expected \"channels_last\" or \"channels_first\".")
        }
        return format
    }

    /// A layer's random seed (Keras's `seed`, any Python integer that fits in 64 bits), or `nil`
    /// (absent or `null`). Negative seeds keep their bit pattern, so ``seedValue(_:)`` writes
    /// them back unchanged.
    public func seed(_ key: String = "seed") throws -> UInt64? {
        try optionalInt(key).map { UInt64(bitPattern: Int64($0)) }
    }

    /// The config value of a layer's seed: the integer Keras wrote, or `null`.
    public static func seedValue(_ seed: UInt64?) -> JSONValue {
        seed.map { .int(Int(Int64(bitPattern: $0))) } ?? .null
    }

    /// An `axis` as Keras holds it, to be written back in the same form: an integer stays an
    /// integer and a list stays a list; absent or `null` give `defaultValue`.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for a value that is neither.
    public func axisValue(_ key: String = "axis", default defaultValue: Int = -1) throws -> JSONValue {
        guard let value = values[key], !value.isNull else { return .int(defaultValue) }
        if let i = value.intValue { return .int(i) }
        return Self.intsValue(try ints(key, default: []))
    }

    /// The config value of a list of integers (Keras's tuples: `kernel_size`, `strides`).
    public static func intsValue(_ values: [Int]) -> JSONValue {
        .array(values.map { .int($0) })
    }
}
