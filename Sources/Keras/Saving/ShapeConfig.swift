// Shapes in Keras configs: `build_config` input shapes, `batch_shape`, `shapes_dict` entries,
// written as lists of sizes with `null` for unknown axes.

/// Reading and writing shapes as Keras configs hold them (`[null, 4]`).
///
/// ```swift
/// ShapeConfig.value([nil, 4]).serialized()                      // "[null, 4]"
/// try ShapeConfig.shapes(from: [[nil, 3], [nil, 3]], owner: "Add")   // two shapes
/// ```
public enum ShapeConfig {
    /// A shape as a JSON list: `[null, 4]`.
    public static func value(_ shape: TensorShape) -> JSONValue {
        .array(shape.map { $0.map { .int($0) } ?? .null })
    }

    /// One shape (`[null, 4]`) or several (`[[null, 3], [null, 3]]`) from a build config.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for anything else.
    public static func shapes(from value: JSONValue, owner: String) throws -> [TensorShape] {
        guard let list = value.arrayValue else {
            throw KerasError(.invalidConfig, "\(owner) needs a shape list such as [null, 4], but received \(value.serialized()).")
        }
        if list.contains(where: { $0.arrayValue != nil }) {
            return try list.map { try shape(from: $0, owner: owner) }
        }
        return [try shape(from: value, owner: owner)]
    }

    /// One shape: a list of sizes and `null`s.
    public static func shape(from value: JSONValue, owner: String) throws -> TensorShape {
        guard let list = value.arrayValue else {
            throw KerasError(.invalidConfig, "\(owner) needs a shape list such as [null, 4], but received \(value.serialized()).")
        }
        let shape = try list.map { element -> Int? in
            if element.isNull { return nil }
            guard let n = element.intValue, n >= 0, n <= LayerConfig.integerLimit else {
                throw KerasError(.invalidConfig, "\(owner) has a shape entry \(element.serialized()); expected a size from 0 to \(LayerConfig.integerLimit), or null.")
            }
            return n
        }
        guard Shape.isAddressable(shape.compactMap { $0 }) else {
            throw KerasError(.invalidConfig, "\(owner) has the shape \(value.serialized()), too large for any tensor (its sizes multiply past 2^60).")
        }
        return shape
    }
}
