import Synchronization

/// A layer that can be rebuilt from its Keras config: what saving a model needs of each layer.
///
/// Every built-in layer conforms. Your own layer conforms by listing its config keys, reading
/// them back in ``init(config:)``, writing them in ``Layer/kerasConfig``, and registering once:
///
/// ```swift
/// final class Scale: Layer, KerasSerializable {
///     let factor: Double
///     init(factor: Double, name: String? = nil) { self.factor = factor; super.init(name: name) }
///     static let kerasConfigKeys = ["factor"]
///     convenience init(config: LayerConfig) throws {
///         self.init(factor: try config.double("factor", default: 1), name: config.name)
///     }
///     override var kerasConfig: JSONObject {
///         var config = super.kerasConfig
///         config["factor"] = .double(factor)
///         return config
///     }
///     override func call(_ x: Tensor, training: Bool, mask: Tensor?) throws -> Tensor { x * factor }
/// }
/// LayerRegistry.register(Scale.self, package: "MyApp")   // saved as "MyApp>Scale"
/// ```
///
/// A class that lists `"activity_regularizer"` among its keys (as Keras's base `Layer` takes it)
/// gets it read into ``Layer/activityRegularizer`` by ``LayerRegistry/deserialize(_:)``; its
/// initializer need not read it, and ``Layer/baseKerasConfig`` writes it back.
public protocol KerasSerializable: Layer {
    /// The config keys this class reads, besides ``LayerConfig/baseKeys``.
    static var kerasConfigKeys: [String] { get }
    /// Rebuilds the layer from its config.
    init(config: LayerConfig) throws
}

/// Maps Keras class names to Swift layer types, so configs read from files become layers.
///
/// Built-in layers are registered already; ``register(_:package:)`` adds yours. An unknown class
/// gives an error naming it and the nearest known name.
public enum LayerRegistry {
    struct Entry: @unchecked Sendable {
        let type: Layer.Type
        let keys: [String]
        let make: (LayerConfig) throws -> Layer
        /// `package>Class` for user layers, `nil` for built-ins.
        let registeredName: String?
    }

    private static let table = Mutex<[String: Entry]>(builtinEntries())

    private static func builtinEntries() -> [String: Entry] {
        var entries: [String: Entry] = [:]
        for type in builtinTypes {
            entries[type.kerasClassName] = entry(type, registeredName: nil)
        }
        entries["Sequential"] = Entry(type: Sequential.self, keys: Sequential.kerasConfigKeys,
                                      make: { try Sequential.fromKerasConfig($0) }, registeredName: nil)
        entries["Functional"] = Entry(type: Model.self, keys: Model.functionalKerasConfigKeys,
                                      make: { try Model.functionalFromKerasConfig($0) }, registeredName: nil)
        for (alias, name) in aliases { entries[alias] = entries[name] }
        return entries
    }

    private static func entry<T: KerasSerializable>(_ type: T.Type, registeredName: String?) -> Entry {
        Entry(type: type, keys: type.kerasConfigKeys, make: { try type.init(config: $0) },
              registeredName: registeredName)
    }

    /// Registers your layer class under `package>ClassName` (Keras's
    /// `register_keras_serializable(package=...)`), so models holding it save and load. Python
    /// Keras loads such a file when a class is registered there under the same name.
    public static func register<T: KerasSerializable>(_ type: T.Type, package: String = "Custom") {
        let registered = "\(package)>\(type.kerasClassName)"
        let made = entry(type, registeredName: registered)
        table.withLock { entries in
            entries[registered] = made
            if entries[type.kerasClassName]?.registeredName != nil || entries[type.kerasClassName] == nil {
                entries[type.kerasClassName] = made
            }
        }
    }

    /// Every class name a config may use, sorted.
    public static var knownClassNames: [String] {
        table.withLock { Array($0.keys) }.sorted()
    }

    static func lookup(className: String, registeredName: String?) throws -> Entry {
        let found = table.withLock { entries in
            registeredName.flatMap { entries[$0] } ?? entries[className]
        }
        guard let found else {
            var text = "Unknown layer class \"\(className)\" in the config."
            if let guess = KerasError.closestMatch(to: className, among: knownClassNames) { text += " Did you mean \"\(guess)\"?" }
            text += registeredName.map { " It was registered in Python as \"\($0)\": make the class in Swift and register it with LayerRegistry.register(_:package:)." }
                ?? " Register your own layers with LayerRegistry.register(_:package:)."
            throw KerasError(.unknownName, text)
        }
        return found
    }

    /// The registry's entry for `layer`'s exact class, if registered.
    static func entry(for layer: Layer) -> Entry? {
        let type = ObjectIdentifier(Swift.type(of: layer))
        return table.withLock { entries in
            if let e = entries[Swift.type(of: layer).kerasClassName], ObjectIdentifier(e.type) == type { return e }
            return entries.values.first { ObjectIdentifier($0.type) == type }
        }
    }

    /// Makes the layer a serialized Keras object describes (`{"module", "class_name", "config",
    /// "registered_name", "build_config"}`), and builds it from its `build_config`. An object from
    /// a `keras.src.ops` module is a Keras operation of a Functional graph (``KerasOperation``).
    ///
    /// - Throws: ``KerasError`` `.unknownName` for an unregistered class (with the nearest name) or
    ///   an operation swift-keras does not compute (naming it and its module), `.invalidConfig`
    ///   for a malformed config, and the layer's own errors for bad values.
    public static func deserialize(_ value: JSONValue) throws -> Layer {
        guard let object = value.objectValue, let className = object["class_name"]?.stringValue else {
            throw KerasError(.invalidConfig, "A serialized layer must be a dict with a string \"class_name\", but received \(value.serialized().prefix(200)).")
        }
        if let module = object["module"]?.stringValue, module.hasPrefix("keras.src.ops") || module.hasPrefix("keras.ops") {
            return try KerasOperation.deserialize(object, className: className, module: module)
        }
        if object["module"] == nil, OperationClass.all[className] != nil, table.withLock({ $0[className] }) == nil {
            throw KerasError(.unsupported, "The config names \"\(className)\" without a module: a Keras operation saved in a legacy .h5 file, which Keras's legacy format cannot record (Python Keras cannot load such a file either). Save the model as .keras in Python.")
        }
        let registered = object["registered_name"]?.stringValue
        let entry = try lookup(className: className, registeredName: registered == className ? nil : registered)
        if let module = object["module"]?.stringValue, entry.registeredName == nil, !module.hasPrefix("keras"), module != "builtins" {
            throw KerasError(.unknownName, "The layer class \"\(className)\" comes from the Python module \"\(module)\", not from Keras; swift-keras cannot rebuild it. Make it in Swift and register it with LayerRegistry.register(_:package:).")
        }
        let configObject: JSONObject
        switch object["config"] {
        case .object(let c)?: configObject = c
        case nil, .null?: configObject = [:]
        case let other?:
            throw KerasError(.invalidConfig, "The \"config\" of layer class \"\(className)\" must be a dict, but received \(other.serialized().prefix(200)).")
        }
        let config = try LayerConfig(className: className, values: configObject, keys: entry.keys)
        let layer = try entry.make(config)
        if let policy = config.dtypePolicyName { layer.dtypePolicyName = policy }
        // Keras's base Layer takes `activity_regularizer` for every class that passes it on:
        // read here once for each class listing the key, not by each initializer.
        if entry.keys.contains("activity_regularizer"), let regularizer = try config.regularizer("activity_regularizer") {
            layer.activityRegularizer = regularizer
        }
        if let build = object["build_config"]?.objectValue { try layer.build(fromKerasConfig: build) }
        return layer
    }
}

extension Layer {
    /// What Keras's `serialize_keras_object` writes for this layer: `module`, `class_name`,
    /// `config`, `registered_name` and, once built, `build_config`.
    ///
    /// ```swift
    /// let object = try Dense(3).serializedKerasObject()
    /// object.objectValue?["class_name"]   // "Dense"
    /// ```
    ///
    /// - Throws: ``KerasError`` `.unsupported` when this layer or one inside it is a ``Lambda``
    ///   (a Swift closure cannot be saved) or a class not registered with ``LayerRegistry``.
    public func serializedKerasObject() throws -> JSONValue {
        let layers = [self] + allSublayers
        // A Lambda anywhere is the actionable problem; report it before registration gaps.
        for layer in layers where layer is Lambda { try layer.checkSerializable() }
        for layer in layers { try layer.checkSerializable() }
        return kerasObject
    }

    func checkSerializable() throws {
        if self is KerasOperation { return }
        if self is Lambda {
            throw KerasError(.unsupported, "Layer \"\(name)\" is a Lambda layer, whose Swift closure cannot be saved to a Keras file. Write the computation as a layer class that conforms to KerasSerializable and register it with LayerRegistry.register(_:package:).")
        }
        if let reason = unsavableReason {
            throw KerasError(.unsupported, "Layer \"\(name)\" (\(className)) cannot be saved to a Keras file: \(reason)")
        }
        guard LayerRegistry.entry(for: self) != nil else {
            throw KerasError(.unsupported, "Layer \"\(name)\" of class \(className) is not registered for saving. Conform it to KerasSerializable and call LayerRegistry.register(\(className).self, package: \"MyApp\") once.")
        }
    }

    /// The serialized object, for layers already checked by ``serializedKerasObject()``; wrappers
    /// and models use it for the layers they hold.
    var kerasObject: JSONValue {
        if let operation = self as? KerasOperation { return operation.serializedOperation }
        // A user layer's module is its package (`MyApp>Scale`); Keras writes a Functional
        // model's class name as its registered name.
        let userName = LayerRegistry.entry(for: self)?.registeredName
        let registered = type(of: self) == Model.self ? "Functional" : userName
        let module = userName.flatMap { $0.split(separator: ">").first.map(String.init) } ?? Self.kerasModule
        var config = kerasConfig
        if let policy = dtypePolicyName, config["dtype"] != nil { config["dtype"] = DTypePolicy.serialized(name: policy) }
        var object: JSONObject = [
            "module": .string(module),
            "class_name": .string(className),
            "config": .object(config),
            "registered_name": registered.map { .string($0) } ?? .null,
        ]
        if let build = kerasBuildConfig { object["build_config"] = .object(build) }
        if let model = self as? Model { object["compile_config"] = .object(model.kerasCompileConfig) }
        return .object(object)
    }
}
