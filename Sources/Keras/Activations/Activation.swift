/// An activation function with its Keras name (`keras.activations`).
///
/// Every name in Keras 3's `keras.activations` is a static member, with Keras's default
/// arguments (`gelu` is the exact, erf-based GELU, as `keras.activations.gelu` defaults to
/// `approximate=False`). A layer config stores the plain name string, which ``kerasConfig`` gives
/// and ``init(keras:)`` reads back.
///
/// ```swift
/// let dense = Dense(10, activation: .relu)
/// let y = Activation.gelu(Tensor([-1.0, 0, 1]))
/// let act = try Activation.named("swish")      // silu; its kerasConfig is "silu"
/// let mine = Activation.custom(name: "cube") { x in x * x * x }
/// ```
public struct Activation: Sendable {
    /// The Keras name (`"relu"`, `"silu"`, ...) or, for a custom activation, its given name.
    public let name: String
    /// Whether this is one of Keras's built-in activations (false for ``custom(name:_:)``).
    public let isBuiltin: Bool
    private let function: @Sendable (Tensor) -> Tensor

    init(builtin name: String, _ function: @escaping @Sendable (Tensor) -> Tensor) {
        self.name = name
        self.isBuiltin = true
        self.function = function
    }

    /// An activation from your own function; `name` identifies it in configs.
    ///
    /// ```swift
    /// let cube = Activation.custom(name: "cube") { x in x * x * x }
    /// cube(Tensor([2.0]))   // [8.0]
    /// ```
    public static func custom(name: String, _ function: @escaping @Sendable (Tensor) -> Tensor) -> Activation {
        Activation(name: name, isBuiltin: false, function: function)
    }

    private init(name: String, isBuiltin: Bool, function: @escaping @Sendable (Tensor) -> Tensor) {
        self.name = name
        self.isBuiltin = isBuiltin
        self.function = function
    }

    /// Applies the activation elementwise (or along the last axis, for `softmax`, `log_softmax`,
    /// `sparsemax` and `glu`).
    ///
    /// ```swift
    /// Activation.relu(Tensor([-1.0, 2]))   // [0.0, 2.0]
    /// ```
    public func callAsFunction(_ x: Tensor) -> Tensor { function(x) }
}

extension Activation: Equatable {
    /// Two activations are equal when they have the same name and both are built in or both
    /// custom (functions themselves cannot be compared).
    public static func == (lhs: Activation, rhs: Activation) -> Bool {
        lhs.name == rhs.name && lhs.isBuiltin == rhs.isBuiltin
    }
}

extension Activation: CustomStringConvertible {
    /// The name.
    public var description: String { name }
}

// MARK: - Names and configs

extension Activation {
    /// Every built-in activation by the names `keras.activations.get` accepts, aliases included
    /// (`"swish"` is `silu`, `"hard_swish"` is `hard_silu`).
    static let registry: [String: Activation] = {
        var table: [String: Activation] = [:]
        for activation in all { table[activation.name] = activation }
        table["swish"] = .silu
        table["hard_swish"] = .hardSilu
        return table
    }()

    /// Keras's built-in activations under their canonical names (Keras's `ALL_OBJECTS`), except
    /// `threshold`, which has no default arguments (see ``threshold(_:defaultValue:)``).
    ///
    /// ```swift
    /// Activation.all.map(\.name)   // ["relu", "leaky_relu", "relu6", ...]
    /// ```
    public static var all: [Activation] {
        [.relu, .leakyRelu, .relu6, .softmax, .celu, .elu, .selu, .softplus, .softsign, .squareplus,
         .softShrink, .sparsePlus, .silu, .gelu, .glu, .tanh, .tanhShrink, .sigmoid, .sparseSigmoid,
         .exponential, .hardSigmoid, .hardSilu, .hardTanh, .hardShrink, .linear, .mish, .logSoftmax,
         .logSigmoid, .sparsemax]
    }

    /// Every name ``named(_:)`` knows, aliases and `"threshold"` included, sorted.
    public static var knownNames: [String] { (Array(registry.keys) + ["threshold"]).sorted() }

    /// The built-in activation called `name` in Keras, aliases included.
    ///
    /// Throws ``KerasError`` `.unknownName` with the nearest name for a typo, and `.invalidConfig`
    /// for `"threshold"`, whose arguments a name cannot carry (Keras fails too, when it calls it).
    ///
    /// ```swift
    /// try Activation.named("relu")         // .relu
    /// try Activation.named("hard_swish")   // .hardSilu
    /// try Activation.named("rleu")         // throws: Unknown activation "rleu". Did you mean "relu"? ...
    /// ```
    public static func named(_ name: String) throws -> Activation {
        if let activation = registry[name] { return activation }
        if name == "threshold" {
            throw KerasError(.invalidConfig, "The \"threshold\" activation needs `threshold` and `default_value`, which a name cannot carry. Use Activation.threshold(_:defaultValue:) in code.")
        }
        throw KerasError.unknown("activation", name, known: knownNames)
    }

    /// Reads an activation from a Keras config value: a name string (`"relu"`), `null` (Keras's
    /// `None`, meaning `linear`), or the dict `serialize_keras_object` writes for a function
    /// (`{"module": "builtins", "class_name": "function", "config": "relu", ...}`).
    ///
    /// ```swift
    /// let act = try Activation(keras: "softmax")
    /// ```
    public init(keras value: JSONValue) throws {
        switch value {
        case .null:
            self = .linear
        case .string(let name):
            self = try Activation.named(name)
        case .object(let object):
            guard object["class_name"]?.stringValue == "function", let name = object["config"]?.stringValue else {
                let className = object["class_name"]?.stringValue ?? "?"
                throw KerasError(.invalidConfig, "Cannot read an activation from a config of class \"\(className)\": expected a name string or {\"class_name\": \"function\", \"config\": <name>}.")
            }
            self = try Activation.named(name)
        default:
            throw KerasError(.invalidConfig, "Cannot read an activation from \(value.serialized()): expected a name string such as \"relu\".")
        }
    }

    /// What Keras writes for this activation in a layer config: the plain name string for a
    /// built-in (`"silu"` for `swish`), and `serialize_keras_object`'s function dict for a custom
    /// one, which Keras resolves through its registry of custom objects.
    ///
    /// ```swift
    /// Activation.swish.kerasConfig.serialized()   // "\"silu\""
    /// ```
    public var kerasConfig: JSONValue {
        if isBuiltin { return .string(name) }
        return ["module": "builtins", "class_name": "function", "config": .string(name),
                "registered_name": "function"]
    }
}
