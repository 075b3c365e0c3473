/// A projection applied to a weight after each optimizer update (`keras.constraints`): a Keras
/// class name, its config, and a function from the weight to its projected value.
///
/// Norms are taken along `axis` (Keras's default 0: for a Dense kernel `[in, out]`, the norm of
/// each unit's incoming weights), with Keras's `epsilon = 1e-7` added to the norm in the
/// denominator, so a zero vector stays zero.
///
/// ```swift
/// let dense = Dense(64, kernelConstraint: .maxNorm(3))
/// let w = Constraint.nonNeg(Tensor([-1.0, 2]))   // [0, 2]
/// let fromConfig = try Constraint(keras: "unit_norm")
/// ```
public struct Constraint: Sendable {
    /// The Keras class name (`"MaxNorm"`), or a custom constraint's name.
    public let className: String
    /// The config Keras writes for it (`get_config()`), keys in Keras's order.
    public let config: JSONObject
    /// Whether this is a Keras built-in (false for ``custom(name:config:_:)``).
    public let isBuiltin: Bool
    let function: @Sendable (Tensor) -> Tensor

    init(builtin className: String, config: JSONObject, _ function: @escaping @Sendable (Tensor) -> Tensor) {
        self.className = className
        self.config = config
        self.isBuiltin = true
        self.function = function
    }

    private init(custom name: String, config: JSONObject, _ function: @escaping @Sendable (Tensor) -> Tensor) {
        self.className = name
        self.config = config
        self.isBuiltin = false
        self.function = function
    }

    /// A constraint from your own projection.
    ///
    /// ```swift
    /// let clipped = Constraint.custom(name: "Clip") { w in clip(w, min: -1, max: 1) }
    /// ```
    public static func custom(name: String, config: JSONObject = [:],
                              _ function: @escaping @Sendable (Tensor) -> Tensor) -> Constraint {
        Constraint(custom: name, config: config, function)
    }

    /// The projected weight, same shape as `weight`.
    ///
    /// ```swift
    /// Constraint.unitNorm(Tensor([3.0, 4]))   // ≈ [0.6, 0.8]
    /// ```
    public func callAsFunction(_ weight: Tensor) -> Tensor { function(weight) }

    /// What `keras.saving.serialize_keras_object` writes for it:
    /// `{"module": "keras.constraints", "class_name": ..., "config": {...}, "registered_name": null}`.
    ///
    /// ```swift
    /// Constraint.maxNorm.kerasConfig.serialized()
    /// // {"module": "keras.constraints", "class_name": "MaxNorm", "config": {"max_value": 2, "axis": 0}, "registered_name": null}
    /// ```
    public var kerasConfig: JSONValue {
        if isBuiltin {
            return ["module": "keras.constraints", "class_name": .string(className),
                    "config": .object(config), "registered_name": nil]
        }
        return ["module": nil, "class_name": .string(className), "config": .object(config),
                "registered_name": .string(className)]
    }
}

extension Constraint: Hashable {
    /// Same class, same config, both built in or both custom.
    public static func == (lhs: Constraint, rhs: Constraint) -> Bool {
        lhs.className == rhs.className && lhs.config == rhs.config && lhs.isBuiltin == rhs.isBuiltin
    }

    /// Hashes the class name and config.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(className)
        hasher.combine(config)
    }
}

extension Constraint: CustomStringConvertible {
    /// `ClassName(config)`, e.g. `MaxNorm({"max_value": 2, "axis": 0})`.
    public var description: String { "\(className)(\(JSONValue.object(config).serialized()))" }
}

// MARK: - Built-ins

extension Constraint {
    /// Keras's `backend.epsilon()`, added to norms before dividing.
    static let epsilon = 1e-7

    /// The L2 norms of `w` along `axes`, kept as size-1 axes.
    static func norms(_ w: Tensor, _ axes: [Int]) -> Tensor {
        sqrt(square(w).sum(axes: axes, keepingDimensions: true))
    }

    static func axisConfig(_ axes: [Int], single: Bool) -> JSONValue {
        single && axes.count == 1 ? .int(axes[0]) : .array(axes.map { .int($0) })
    }

    /// Keras's `MaxNorm` with its defaults (max 2, axis 0).
    public static var maxNorm: Constraint { maxNorm(2) }

    /// Rescales each vector along `axis` whose norm exceeds `maxValue` down to `maxValue`:
    /// `w * clip(n, 0, maxValue) / (epsilon + n)` (Keras's `MaxNorm`). Keras's default `max_value`
    /// is the integer 2, so a whole `maxValue` is written as an integer.
    ///
    /// ```swift
    /// Constraint.maxNorm(1)(Tensor([3.0, 4], shape: [2, 1]))   // ≈ [[0.6], [0.8]]
    /// ```
    public static func maxNorm(_ maxValue: Double, axis: Int = 0) -> Constraint {
        maxNorm(maxValue, axes: [axis], single: true)
    }

    /// ``maxNorm(_:axis:)`` with the norm over several axes (`[0, 1, 2]` for a Conv2D kernel
    /// `[kh, kw, in, out]`).
    ///
    /// ```swift
    /// let c = Constraint.maxNorm(3, axes: [0, 1, 2])
    /// ```
    public static func maxNorm(_ maxValue: Double, axes: [Int]) -> Constraint {
        maxNorm(maxValue, axes: axes, single: false)
    }

    static func maxNorm(_ maxValue: Double, axes: [Int], single: Bool) -> Constraint {
        let value: JSONValue = maxValue.rounded() == maxValue && Swift.abs(maxValue) < 1e15
            ? .int(Int(maxValue)) : .double(maxValue)
        let config: JSONObject = ["max_value": value, "axis": axisConfig(axes, single: single)]
        return Constraint(builtin: "MaxNorm", config: config) { w in
            let n = norms(w, axes)
            return w * (clip(n, min: 0, max: maxValue) / (n + epsilon))
        }
    }

    /// Keras's `MinMaxNorm` with its defaults (min 0, max 1, rate 1, axis 0).
    public static var minMaxNorm: Constraint { minMaxNorm() }

    /// Moves each vector's norm `n` along `axis` toward `[minValue, maxValue]`:
    /// `w * (rate * clip(n, minValue, maxValue) + (1 - rate) * n) / (epsilon + n)` (Keras's
    /// `MinMaxNorm`; `rate: 1` enforces the bounds strictly).
    ///
    /// ```swift
    /// let c = Constraint.minMaxNorm(minValue: 0.5, maxValue: 2, rate: 0.5)
    /// ```
    public static func minMaxNorm(minValue: Double = 0, maxValue: Double = 1, rate: Double = 1,
                                  axis: Int = 0) -> Constraint {
        minMaxNorm(minValue: minValue, maxValue: maxValue, rate: rate, axes: [axis], single: true)
    }

    /// ``minMaxNorm(minValue:maxValue:rate:axis:)`` with the norm over several axes.
    ///
    /// ```swift
    /// let c = Constraint.minMaxNorm(maxValue: 2, axes: [0, 1, 2])
    /// ```
    public static func minMaxNorm(minValue: Double = 0, maxValue: Double = 1, rate: Double = 1,
                                  axes: [Int]) -> Constraint {
        minMaxNorm(minValue: minValue, maxValue: maxValue, rate: rate, axes: axes, single: false)
    }

    static func minMaxNorm(minValue: Double, maxValue: Double, rate: Double, axes: [Int], single: Bool) -> Constraint {
        let config: JSONObject = ["min_value": .double(minValue), "max_value": .double(maxValue),
                                  "rate": .double(rate), "axis": axisConfig(axes, single: single)]
        return Constraint(builtin: "MinMaxNorm", config: config) { w in
            let n = norms(w, axes)
            let desired = clip(n, min: minValue, max: maxValue) * rate + n * (1 - rate)
            return w * (desired / (n + epsilon))
        }
    }

    /// `max(w, 0)` (Keras's `NonNeg`).
    ///
    /// ```swift
    /// Constraint.nonNeg(Tensor([-1.0, 2]))   // [0, 2]
    /// ```
    public static var nonNeg: Constraint {
        Constraint(builtin: "NonNeg", config: [:]) { w in maximum(w, 0) }
    }

    /// Keras's `UnitNorm` along axis 0.
    public static var unitNorm: Constraint { unitNorm(axis: 0) }

    /// `w / (epsilon + n)`, each vector along `axis` scaled to unit norm (Keras's `UnitNorm`).
    ///
    /// ```swift
    /// Constraint.unitNorm(axis: -1)(Tensor([3.0, 4], shape: [1, 2]))   // ≈ [[0.6, 0.8]]
    /// ```
    public static func unitNorm(axis: Int) -> Constraint { unitNorm(axes: [axis], single: true) }

    /// ``unitNorm(axis:)`` with the norm over several axes.
    ///
    /// ```swift
    /// let c = Constraint.unitNorm(axes: [0, 1, 2])
    /// ```
    public static func unitNorm(axes: [Int]) -> Constraint { unitNorm(axes: axes, single: false) }

    static func unitNorm(axes: [Int], single: Bool) -> Constraint {
        Constraint(builtin: "UnitNorm", config: ["axis": axisConfig(axes, single: single)]) { w in
            w / (norms(w, axes) + epsilon)
        }
    }
}
