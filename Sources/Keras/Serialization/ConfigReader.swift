// Reading Keras's serialized objects (`serialize_keras_object` dicts and their string
// shorthands) with messages that say which object and key were wrong.

/// A Keras object reference as found in a config: a bare name (`"glorot_uniform"`) or the dict
/// `{"module": ..., "class_name": ..., "config": {...}, "registered_name": ...}`.
struct KerasObjectReference {
    /// The name or class name as written.
    let name: String
    /// The `config` dict, empty for a bare name.
    let config: JSONObject
    /// Whether it came as a bare name (Keras builds the class with its defaults then).
    let isBareName: Bool

    /// Reads `value` as a reference to a `what` (`"initializer"`, ...).
    init(_ value: JSONValue, what: String) throws {
        switch value {
        case .string(let s):
            name = s
            config = [:]
            isBareName = true
        case .object(let object):
            guard let className = object["class_name"]?.stringValue else {
                throw KerasError(.invalidConfig, "A serialized \(what) needs a string \"class_name\", but received \(value.serialized()).")
            }
            switch object["config"] {
            case .object(let c)?: config = c
            case .null?, nil: config = [:]
            case let other?:
                throw KerasError(.invalidConfig, "The \"config\" of \(what) \"\(className)\" must be a dict, but received \(other.serialized()).")
            }
            if let registered = object["registered_name"]?.stringValue, registered != className {
                throw KerasError(.unsupported, "The \(what) \"\(registered)\" is a custom object registered in Python; swift-keras cannot rebuild it. Replace it with a built-in \(what), or make it in Swift.")
            }
            name = className
            isBareName = false
        default:
            throw KerasError(.invalidConfig, "Cannot read a \(what) from \(value.serialized()): expected a name string or a dict with \"class_name\" and \"config\".")
        }
    }
}

/// Typed access to a Keras `get_config()` dict, rejecting keys the class does not take (as the
/// Python constructor would) and values of the wrong type.
struct ConfigReader {
    let owner: String
    let config: JSONObject

    /// Checks that every key of `config` is one of `allowed`.
    init(_ owner: String, _ config: JSONObject, allowed: [String]) throws {
        self.owner = owner
        self.config = config
        for key in config.keys where !allowed.contains(key) {
            let known = allowed.isEmpty ? "none" : allowed.joined(separator: ", ")
            throw KerasError(.invalidConfig, "\(owner) does not take the config key \"\(key)\". Its keys: \(known).")
        }
    }

    private func wrongType(_ key: String, _ value: JSONValue, _ expected: String) -> KerasError {
        KerasError(.invalidConfig, "\(owner) needs \(expected) for \"\(key)\", but received \(value.serialized()).")
    }

    /// A number (int or float); `nil` or `null` give `defaultValue`.
    func double(_ key: String, default defaultValue: Double) throws -> Double {
        guard let value = config[key], !value.isNull else { return defaultValue }
        guard let d = value.doubleValue else { throw wrongType(key, value, "a number") }
        return d
    }

    /// A whole number; `nil` or `null` give `defaultValue`.
    func int(_ key: String, default defaultValue: Int?) throws -> Int? {
        guard let value = config[key], !value.isNull else { return defaultValue }
        guard let i = value.intValue else { throw wrongType(key, value, "an integer") }
        return i
    }

    /// A random seed: an integer or `null`.
    func seed() throws -> Int? {
        guard let value = config["seed"], !value.isNull else { return nil }
        if value.objectValue != nil {
            throw KerasError(.unsupported, "\(owner) has a SeedGenerator as its seed; swift-keras reads integer seeds only. Use an integer seed.")
        }
        guard let i = value.intValue else { throw wrongType("seed", value, "an integer or null") }
        return i
    }

    /// A string; `nil` gives `defaultValue`.
    func string(_ key: String, default defaultValue: String) throws -> String {
        guard let value = config[key] else { return defaultValue }
        guard let s = value.stringValue else { throw wrongType(key, value, "a string") }
        return s
    }

    /// A boolean; `nil` gives `defaultValue`.
    func bool(_ key: String, default defaultValue: Bool) throws -> Bool {
        guard let value = config[key] else { return defaultValue }
        guard let b = value.boolValue else { throw wrongType(key, value, "true or false") }
        return b
    }

    /// An axis or list of axes; `null` or absent give `nil`.
    func axes(_ key: String) throws -> [Int]? {
        guard let value = config[key], !value.isNull else { return nil }
        if let i = value.intValue { return [i] }
        guard let list = value.arrayValue else { throw wrongType(key, value, "an axis or a list of axes") }
        return try list.map { element in
            guard let i = element.intValue else { throw wrongType(key, value, "a list of integer axes") }
            return i
        }
    }

    /// `canonical` with the numbers of this config put back as written, so `2` stays `2` and
    /// `2.0` stays `2.0` when the object is written again.
    func preservingNumbers(in canonical: JSONObject) -> JSONObject {
        var result = canonical
        for key in canonical.keys {
            guard let given = config[key] else { continue }
            switch given {
            case .int, .double:
                if canonical[key]?.doubleValue != nil { result[key] = given }
            case .array:
                if canonical[key]?.arrayValue != nil { result[key] = given }
            default: break
            }
        }
        return result
    }
}
