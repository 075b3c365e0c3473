// Keras's dtype policies as they appear in configs.

/// Reading and writing Keras's `DTypePolicy` objects in configs.
///
/// A layer's `"dtype"` is `{"module": "keras", "class_name": "DTypePolicy", "config": {"name":
/// "float32"}, "registered_name": null}`; older files have a plain string. Mixed policies
/// (`mixed_float16`, `mixed_bfloat16`) keep float32 variables; swift-keras computes them in
/// float32 too (the CPU backend widens 16-bit math anyway), which stays within Keras's mixed
/// precision rounding.
public enum DTypePolicy {
    /// The policy object Keras writes for a layer whose variables have `dtype`.
    public static func serialized(_ dtype: DType) -> JSONValue {
        serialized(name: dtype.rawValue)
    }

    /// The policy object for a policy `name` (`"float32"`, `"mixed_float16"`, ...).
    public static func serialized(name: String) -> JSONValue {
        ["module": "keras", "class_name": "DTypePolicy", "config": ["name": .string(name)],
         "registered_name": nil]
    }

    /// The policy name in a config value: a string, a `DTypePolicy` object, or a dict without
    /// `module` (legacy files). `null` gives `nil`.
    ///
    /// - Throws: ``KerasError`` `.unsupported` for quantized policies, `.invalidConfig` for
    ///   anything else that is not a policy.
    public static func name(in value: JSONValue, owner: String) throws -> String? {
        switch value {
        case .null: return nil
        case .string(let s): return s
        case .object(let object):
            let className = object["class_name"]?.stringValue ?? "DTypePolicy"
            guard className == "DTypePolicy" || className == "Policy" else {
                throw KerasError(.unsupported, "\(owner) uses the dtype policy \(className), which swift-keras does not support (quantized layers). Save the model without quantization.")
            }
            if let name = object["config"]?.objectValue?["name"]?.stringValue { return name }
            throw KerasError(.invalidConfig, "\(owner) has a dtype policy without a \"name\": \(value.serialized()).")
        default:
            throw KerasError(.invalidConfig, "\(owner) needs a dtype name or a DTypePolicy object for \"dtype\", but received \(value.serialized()).")
        }
    }

    /// The variable dtype of a policy name: the name itself, or float32 for `mixed_*` policies.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` naming the policies Keras knows.
    public static func variableDType(of name: String, owner: String) throws -> DType {
        if name == "mixed_float16" || name == "mixed_bfloat16" { return .float32 }
        if let dtype = DType(rawValue: name) { return dtype }
        if name == "float" { return .float32 }
        throw KerasError(.invalidConfig, "\(owner) has the unknown dtype policy \"\(name)\". Keras's policies: float32, float16, bfloat16, float64, mixed_float16, mixed_bfloat16 (and integer dtypes for inputs).")
    }
}
