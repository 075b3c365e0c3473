import Synchronization

/// A weight initializer (`keras.initializers`): a Keras class name, its config, and a function
/// from a shape and dtype to a tensor.
///
/// The built-ins are static members named as Keras's classes in camelCase, each with Keras's
/// defaults and exact formulas. A random initializer made without a seed draws a fresh seed from a
/// process-wide stream at every call (so two layers never share weights by accident);
/// ``setGlobalSeed(_:)`` restarts that stream, as `keras.utils.set_random_seed` does, so a run can
/// be repeated. With a seed, every call gives the same tensor, as in Keras.
///
/// ```swift
/// let w = try Initializer.glorotUniform([784, 10])
/// let seeded = Initializer.heNormal(seed: 42)
/// let b = try Initializer.constant(0.5)([10], dtype: .float64)
/// let fromConfig = try Initializer(keras: "glorot_uniform")
/// Initializer.glorotUniform.kerasConfig.serialized()
/// // {"module": "keras.initializers", "class_name": "GlorotUniform", "config": {"seed": null, ...
/// ```
public struct Initializer: Sendable {
    /// The Keras class name (`"GlorotUniform"`), or a custom initializer's name.
    public let className: String
    /// The config Keras writes for it (`get_config()`), keys in Keras's order.
    public let config: JSONObject
    /// Whether this is a Keras built-in (false for ``custom(name:config:_:)``).
    public let isBuiltin: Bool
    let generator: @Sendable (_ shape: [Int], _ dtype: DType) throws -> Tensor

    init(builtin className: String, config: JSONObject,
         _ generator: @escaping @Sendable (_ shape: [Int], _ dtype: DType) throws -> Tensor) {
        self.className = className
        self.config = config
        self.isBuiltin = true
        self.generator = generator
    }

    private init(custom name: String, config: JSONObject,
                 _ generator: @escaping @Sendable (_ shape: [Int], _ dtype: DType) throws -> Tensor) {
        self.className = name
        self.config = config
        self.isBuiltin = false
        self.generator = generator
    }

    /// An initializer from your own function; `name` and `config` identify it in saved configs.
    ///
    /// ```swift
    /// let halves = Initializer.custom(name: "Halves") { shape, dtype in Tensor.full(shape, value: 0.5, dtype: dtype) }
    /// ```
    public static func custom(name: String, config: JSONObject = [:],
                              _ generator: @escaping @Sendable (_ shape: [Int], _ dtype: DType) throws -> Tensor) -> Initializer {
        Initializer(custom: name, config: config, generator)
    }

    /// The most elements one initialized tensor may have (2^31, 8 GiB of float32): a bound that
    /// keeps a hostile or mistyped config (`units: 1 << 40`) from allocating without limit.
    public static let maximumElementCount = 1 << 31

    /// A tensor of `shape` and `dtype` (Keras's `initializer(shape, dtype)`).
    ///
    /// Throws ``KerasError`` for a shape over ``maximumElementCount`` elements, and when the shape
    /// does not suit the initializer (`Identity` needs rank 2,
    /// `Orthogonal` rank 2 or more) or when the initializer was made with invalid arguments.
    ///
    /// ```swift
    /// let kernel = try Initializer.glorotUniform([3, 3, 16, 32])
    /// ```
    public func callAsFunction(_ shape: [Int], dtype: DType = .float32) throws -> Tensor {
        if let bad = shape.first(where: { $0 < 0 }) {
            throw KerasError(.invalidArgument, "\(className) cannot make a tensor of shape \(shape): dimension \(bad) is negative.")
        }
        let count = Shape.checkedElementCount(shape)
        guard let count, count <= Self.maximumElementCount else {
            throw KerasError(.invalidArgument, "\(className) cannot make a tensor of shape \(Shape.describe(shape)): \(count.map { "\($0) elements is" } ?? "its element count does not fit in 64 bits, which is") more than the \(Self.maximumElementCount) (2^31) swift-keras allows for one weight. Check the layer sizes (units, filters, kernel size, input shape) in the code or the config that made it.")
        }
        return try generator(shape, dtype)
    }

    /// What `keras.saving.serialize_keras_object` writes for this initializer:
    /// `{"module": "keras.initializers", "class_name": ..., "config": {...}, "registered_name": null}`.
    ///
    /// ```swift
    /// Initializer.zeros.kerasConfig.serialized()
    /// // {"module": "keras.initializers", "class_name": "Zeros", "config": {}, "registered_name": null}
    /// ```
    public var kerasConfig: JSONValue {
        if isBuiltin {
            return ["module": "keras.initializers", "class_name": .string(className),
                    "config": .object(config), "registered_name": nil]
        }
        return ["module": nil, "class_name": .string(className), "config": .object(config),
                "registered_name": .string(className)]
    }
}

extension Initializer: Hashable {
    /// Same class, same config, both built in or both custom.
    public static func == (lhs: Initializer, rhs: Initializer) -> Bool {
        lhs.className == rhs.className && lhs.config == rhs.config && lhs.isBuiltin == rhs.isBuiltin
    }

    /// Hashes the class name and config.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(className)
        hasher.combine(config)
        hasher.combine(isBuiltin)
    }
}

extension Initializer: CustomStringConvertible {
    /// `ClassName(config)`, e.g. `GlorotUniform({"seed": 42, ...})`.
    public var description: String { "\(className)(\(JSONValue.object(config).serialized()))" }
}

// MARK: - Seeds

/// The process-wide seed stream unseeded random initializers draw from.
private let globalSeeds = Mutex(SeedGenerator(seed: nil))

extension Initializer {
    /// Restarts the seed stream that unseeded random initializers draw from, so the weights of a
    /// run can be repeated (as `keras.utils.set_random_seed` does for Keras).
    ///
    /// ```swift
    /// Initializer.setGlobalSeed(1337)
    /// let a = try Initializer.glorotUniform([4, 4])
    /// Initializer.setGlobalSeed(1337)
    /// let b = try Initializer.glorotUniform([4, 4])   // same values as a
    /// ```
    public static func setGlobalSeed(_ seed: UInt64) {
        globalSeeds.withLock { $0 = SeedGenerator(seed: seed) }
    }

    /// The next seed of the process-wide stream.
    static func nextGlobalSeed() -> UInt64 {
        globalSeeds.withLock { $0.next() }
    }

    /// The seed to draw with: Keras's integer seed when given, else the next global seed.
    static func drawSeed(_ seed: Int?) -> UInt64 {
        if let seed { return UInt64(bitPattern: Int64(seed)) }
        return nextGlobalSeed()
    }

    /// The `"seed"` config value: the integer, or `null`.
    static func seedConfig(_ seed: Int?) -> JSONValue {
        seed.map { .int($0) } ?? .null
    }
}
