/// A weight penalty added to the loss (`keras.regularizers`): a Keras class name, its config, and
/// a function from a weight to a scalar loss.
///
/// ```swift
/// let dense = Dense(64, kernelRegularizer: .l2(1e-4))
/// let penalty = Regularizer.l1(0.01)(Tensor([1.0, -2]))   // 0.03
/// let fromConfig = try Regularizer(keras: "l2")
/// ```
public struct Regularizer: Sendable {
    /// The Keras class name (`"L2"`), or a custom regularizer's name.
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

    /// A regularizer from your own function, which must return a scalar.
    ///
    /// ```swift
    /// let l4 = Regularizer.custom(name: "L4") { w in (w * w * w * w).sum() * 1e-3 }
    /// ```
    public static func custom(name: String, config: JSONObject = [:],
                              _ function: @escaping @Sendable (Tensor) -> Tensor) -> Regularizer {
        Regularizer(custom: name, config: config, function)
    }

    /// The penalty for `weight`: a scalar of its dtype.
    ///
    /// ```swift
    /// Regularizer.l2(0.5)(Tensor([1.0, 2]))   // 2.5
    /// ```
    public func callAsFunction(_ weight: Tensor) -> Tensor { function(weight) }

    /// The rank of tensor this regularizer needs (2 for the built-in orthogonal regularizer),
    /// `nil` for any rank.
    var requiredRank: Int? { className == "OrthogonalRegularizer" && isBuiltin ? 2 : nil }

    /// Throws when a weight of `shape` cannot be regularized by this regularizer (the orthogonal
    /// regularizer needs rank 2), so a layer can report it when it builds its weights.
    ///
    /// ```swift
    /// try Regularizer.orthogonal().validate(weightShape: [3, 3, 8])   // throws
    /// ```
    public func validate(weightShape shape: [Int]) throws {
        if let rank = requiredRank, shape.count != rank {
            throw KerasError(.invalidArgument, "OrthogonalRegularizer needs a rank-2 weight, but received shape \(shape). Apply it to a Dense kernel, or reshape the weight.")
        }
    }

    /// What `keras.saving.serialize_keras_object` writes for it:
    /// `{"module": "keras.regularizers", "class_name": ..., "config": {...}, "registered_name": null}`.
    ///
    /// ```swift
    /// Regularizer.l2.kerasConfig.serialized()
    /// // {"module": "keras.regularizers", "class_name": "L2", "config": {"l2": 0.01}, "registered_name": null}
    /// ```
    public var kerasConfig: JSONValue {
        if isBuiltin {
            return ["module": "keras.regularizers", "class_name": .string(className),
                    "config": .object(config), "registered_name": nil]
        }
        return ["module": nil, "class_name": .string(className), "config": .object(config),
                "registered_name": .string(className)]
    }
}

extension Regularizer: Hashable {
    /// Same class, same config, both built in or both custom.
    public static func == (lhs: Regularizer, rhs: Regularizer) -> Bool {
        lhs.className == rhs.className && lhs.config == rhs.config && lhs.isBuiltin == rhs.isBuiltin
    }

    /// Hashes the class name and config.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(className)
        hasher.combine(config)
    }
}

extension Regularizer: CustomStringConvertible {
    /// `ClassName(config)`, e.g. `L2({"l2": 0.01})`.
    public var description: String { "\(className)(\(JSONValue.object(config).serialized()))" }
}

/// Which vectors ``Regularizer/orthogonal(factor:mode:)`` pushes apart; raw values are Keras's
/// `mode` strings.
public enum OrthogonalRegularizerMode: String, Sendable, Hashable, CaseIterable {
    /// The rows of the matrix.
    case rows
    /// The columns of the matrix.
    case columns
}

// MARK: - Built-ins

extension Regularizer {
    /// `0.01 * sum(|w|)` (Keras's `L1` with its default).
    public static var l1: Regularizer { l1(0.01) }

    /// `l1 * sum(|w|)` (Keras's `L1`). Keras keeps the factor as a float32 tensor, so its config
    /// holds the float32 value (`0.009999999776482582` for `0.01`) and so does ours.
    /// `l1` must be finite and non-negative.
    ///
    /// ```swift
    /// Regularizer.l1(0.1)(Tensor([1.0, -2]))   // 0.3
    /// ```
    public static func l1(_ l1: Double) -> Regularizer {
        precondition(l1.isFinite && l1 >= 0, "L1 needs a finite, non-negative l1, but received \(l1).")
        let factor = Double(Float(l1))
        return Regularizer(builtin: "L1", config: ["l1": .double(factor)]) { w in abs(w).sum() * factor }
    }

    /// `0.01 * sum(w^2)` (Keras's `L2` with its default).
    public static var l2: Regularizer { l2(0.01) }

    /// `l2 * sum(w^2)` (Keras's `L2`). `l2` must be finite and non-negative.
    ///
    /// ```swift
    /// Regularizer.l2(0.5)(Tensor([1.0, 2]))   // 2.5
    /// ```
    public static func l2(_ l2: Double) -> Regularizer {
        precondition(l2.isFinite && l2 >= 0, "L2 needs a finite, non-negative l2, but received \(l2).")
        return Regularizer(builtin: "L2", config: ["l2": .double(l2)]) { w in square(w).sum() * l2 }
    }

    /// Keras's `L1L2` with its defaults, which are `l1=0, l2=0` (a zero penalty; Keras's
    /// docstring says 0.01, but its code uses 0).
    public static var l1L2: Regularizer { l1L2() }

    /// `l1 * sum(|w|) + l2 * sum(w^2)` (Keras's `L1L2`); a zero factor's term is left out. Both
    /// must be finite and non-negative.
    ///
    /// ```swift
    /// Regularizer.l1L2(l1: 0.1, l2: 0.5)(Tensor([1.0, 2]))   // 2.8
    /// ```
    public static func l1L2(l1: Double = 0, l2: Double = 0) -> Regularizer {
        precondition(l1.isFinite && l1 >= 0 && l2.isFinite && l2 >= 0,
                     "L1L2 needs finite, non-negative l1 and l2, but received l1=\(l1), l2=\(l2).")
        return Regularizer(builtin: "L1L2", config: ["l1": .double(l1), "l2": .double(l2)]) { w in
            var penalty = Tensor.zeros([], dtype: w.dtype.floatingResult)
            if l1 != 0 { penalty = penalty + abs(w).sum() * l1 }
            if l2 != 0 { penalty = penalty + square(w).sum() * l2 }
            return penalty
        }
    }

    /// Keras's `OrthogonalRegularizer` with its defaults (factor 0.01, rows).
    public static var orthogonal: Regularizer { orthogonal() }

    /// `factor * mean |<u_i, u_j>|` over pairs `i < j` of the L2-normalized rows (or columns) of a
    /// rank-2 weight (Keras's `OrthogonalRegularizer`). As with ``l1(_:)``, Keras keeps the factor
    /// in float32. The weight must have rank 2 (see ``validate(weightShape:)``).
    ///
    /// ```swift
    /// let r = Regularizer.orthogonal(factor: 0.1, mode: .columns)
    /// ```
    public static func orthogonal(factor: Double = 0.01, mode: OrthogonalRegularizerMode = .rows) -> Regularizer {
        precondition(factor.isFinite && factor >= 0, "OrthogonalRegularizer needs a finite, non-negative factor, but received \(factor).")
        let f = Double(Float(factor))
        let config: JSONObject = ["factor": .double(f), "mode": .string(mode.rawValue)]
        return Regularizer(builtin: "OrthogonalRegularizer", config: config) { w in
            precondition(w.rank == 2, "OrthogonalRegularizer needs a rank-2 weight, but received shape \(w.shape).")
            let rows = mode == .rows
            let unit = l2Normalized(w, axis: rows ? 1 : 0)
            let product = rows ? matmul(unit, unit.transposed()) : matmul(unit.transposed(), unit)
            let size = w.shape[rows ? 0 : 1]
            let offDiagonal = product * (1 - Tensor.eye(size, dtype: product.dtype))
            let pairs = Double(size) * (Double(size) - 1) / 2
            return abs(offDiagonal).sum() * (f * 0.5) / pairs
        }
    }

    /// Keras's `ops.normalize(x, axis, order=2)`: `x * min(rsqrt(sum(x^2)), 1 / epsilon)`.
    static func l2Normalized(_ x: Tensor, axis: Int) -> Tensor {
        let inverseNorm = rsqrt(square(x).sum(axes: [axis], keepingDimensions: true))
        return x * minimum(inverseNorm, 1 / 1e-7)
    }
}
