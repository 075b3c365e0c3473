// Reading axes from a Keras config in the form Keras wrote them.

extension LayerConfig {
    /// An `axis` as Keras holds it, to be written back in the same form: an integer stays an
    /// integer and a list stays a list; absent or `null` give `defaultValue`.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for a value that is neither.
    public func axisValue(_ key: String = "axis", default defaultValue: Int = -1) throws -> JSONValue {
        guard let value = values[key], !value.isNull else { return .int(defaultValue) }
        if let i = value.intValue {
            try checkMagnitude(key, i)
            return .int(i)
        }
        return Self.intsValue(try ints(key, default: []))
    }
}
