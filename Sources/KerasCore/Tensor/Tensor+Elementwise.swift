// Elementwise ops (Keras's `ops.add`, `ops.exp`, ...): numpy broadcasting, Keras's dtype rules.

/// Runs a unary primitive, widening integer and bool inputs to `float32` for float-only functions.
func unaryOp(_ op: UnaryOp, _ x: Tensor) -> Tensor {
    switch op {
    case .negative, .abs, .sign, .square, .relu:
        let input = x.dtype == .bool ? cast(x, to: .int32) : x
        return dispatch(.unary(op), [input])
    case .round:
        // Rounding an integer changes nothing; Keras keeps its dtype.
        if !x.dtype.isFloatingPoint { return x }
        return dispatch(.unary(op), [x])
    case .floor, .ceil:
        // Keras returns a float for integer input.
        if !x.dtype.isFloatingPoint { return cast(x, to: .float32) }
        return dispatch(.unary(op), [x])
    case .logicalNot:
        return dispatch(.unary(op), [x.dtype == .bool ? x : cast(x, to: .bool)])
    default:
        let input = x.dtype.isFloatingPoint ? x : cast(x, to: .float32)
        return dispatch(.unary(op), [input])
    }
}

/// Runs a binary primitive after checking that the shapes broadcast and promoting the dtypes.
func binaryOp(_ op: BinaryOp, _ a: Tensor, _ b: Tensor) -> Tensor {
    guard Shape.broadcast(a.shape, b.shape) != nil else {
        opFailure(op.rawValue, "shapes \(Shape.describe(a.shape)) and \(Shape.describe(b.shape)) cannot be broadcast together: each axis (aligned from the right) must be equal or 1. Reshape or expand one operand.")
    }
    if (a.dtype == .string) != (b.dtype == .string) {
        opFailure(op.rawValue, "cannot combine a string tensor with a \(a.dtype == .string ? b.dtype : a.dtype) tensor; compare strings with strings (Tensor(strings:)).")
    }
    var dtype: DType
    switch op {
    case .logicalAnd, .logicalOr, .logicalXor:
        dtype = .bool
    case .divide:
        dtype = DType.promoted(a.dtype, b.dtype).floatingResult
    default:
        dtype = DType.promoted(a.dtype, b.dtype)
        // bool + bool and bool * bool stay bool (logical or / and), as Keras's result_type says;
        // other arithmetic on bools counts them as integers.
        let boolClosed: Set<BinaryOp> = [.add, .multiply, .maximum, .minimum]
        if dtype == .bool && !op.isComparison && !boolClosed.contains(op) { dtype = .int32 }
    }
    let lhs = a.dtype == dtype ? a : cast(a, to: dtype)
    let rhs = b.dtype == dtype ? b : cast(b, to: dtype)
    return dispatch(.binary(op), [lhs, rhs])
}

/// A scalar that takes `x`'s dtype (a "weak" Python scalar in Keras): `x + 1` keeps `x` float16,
/// while a fractional scalar with an integer tensor gives `float32`.
func weakScalar(_ value: Double, like x: Tensor) -> Tensor {
    var dtype = x.dtype
    if !dtype.isFloatingPoint && value.rounded() != value { dtype = .float32 }
    if dtype == .bool { dtype = value == 0 || value == 1 ? .bool : .float32 }
    return Tensor(value, dtype: dtype)
}

/// Converts `x` to `dtype` (Keras's `ops.cast`). Float-to-integer truncates toward zero; the
/// gradient flows between float dtypes only.
public func cast(_ x: Tensor, to dtype: DType) -> Tensor {
    if x.dtype == dtype { return x }
    return dispatch(.cast(dtype), [x])
}

extension Tensor {
    /// The tensor converted to `dtype` (see ``cast(_:to:)``).
    public func cast(to dtype: DType) -> Tensor { KerasCore.cast(self, to: dtype) }

    /// `a + b` with broadcasting.
    public static func + (a: Tensor, b: Tensor) -> Tensor { binaryOp(.add, a, b) }
    /// `a - b` with broadcasting.
    public static func - (a: Tensor, b: Tensor) -> Tensor { binaryOp(.subtract, a, b) }
    /// `a * b` elementwise with broadcasting (use ``matmul(_:_:)`` for matrix products).
    public static func * (a: Tensor, b: Tensor) -> Tensor { binaryOp(.multiply, a, b) }
    /// `a / b` with broadcasting; integers divide to `float32`, as in Keras.
    public static func / (a: Tensor, b: Tensor) -> Tensor { binaryOp(.divide, a, b) }
    /// `a + s`; the scalar takes the tensor's dtype.
    public static func + (a: Tensor, s: Double) -> Tensor { binaryOp(.add, a, weakScalar(s, like: a)) }
    /// `s + a`.
    public static func + (s: Double, a: Tensor) -> Tensor { binaryOp(.add, weakScalar(s, like: a), a) }
    /// `a - s`.
    public static func - (a: Tensor, s: Double) -> Tensor { binaryOp(.subtract, a, weakScalar(s, like: a)) }
    /// `s - a`.
    public static func - (s: Double, a: Tensor) -> Tensor { binaryOp(.subtract, weakScalar(s, like: a), a) }
    /// `a * s`.
    public static func * (a: Tensor, s: Double) -> Tensor { binaryOp(.multiply, a, weakScalar(s, like: a)) }
    /// `s * a`.
    public static func * (s: Double, a: Tensor) -> Tensor { binaryOp(.multiply, weakScalar(s, like: a), a) }
    /// `a / s`.
    public static func / (a: Tensor, s: Double) -> Tensor { binaryOp(.divide, a, weakScalar(s, like: a)) }
    /// `s / a`.
    public static func / (s: Double, a: Tensor) -> Tensor { binaryOp(.divide, weakScalar(s, like: a), a) }
    /// `-a`.
    public static prefix func - (a: Tensor) -> Tensor { unaryOp(.negative, a) }
    /// `a += b`.
    public static func += (a: inout Tensor, b: Tensor) { a = a + b }
    /// `a -= b`.
    public static func -= (a: inout Tensor, b: Tensor) { a = a - b }
    /// `a *= b`.
    public static func *= (a: inout Tensor, b: Tensor) { a = a * b }
    /// `a /= b`.
    public static func /= (a: inout Tensor, b: Tensor) { a = a / b }
}

/// `a + b` with broadcasting (Keras's `ops.add`).
public func add(_ a: Tensor, _ b: Tensor) -> Tensor { binaryOp(.add, a, b) }
/// `a - b` with broadcasting (Keras's `ops.subtract`).
public func subtract(_ a: Tensor, _ b: Tensor) -> Tensor { binaryOp(.subtract, a, b) }
/// `a * b` elementwise (Keras's `ops.multiply`).
public func multiply(_ a: Tensor, _ b: Tensor) -> Tensor { binaryOp(.multiply, a, b) }
/// `a / b`, true division (Keras's `ops.divide`).
public func divide(_ a: Tensor, _ b: Tensor) -> Tensor { binaryOp(.divide, a, b) }
/// `floor(a / b)` (Keras's `ops.floor_divide`); integer division by zero gives 0.
public func floorDivide(_ a: Tensor, _ b: Tensor) -> Tensor { binaryOp(.floorDivide, a, b) }
/// The remainder with the sign of `b`, like Python's `%` (Keras's `ops.mod`).
public func mod(_ a: Tensor, _ b: Tensor) -> Tensor { binaryOp(.mod, a, b) }
/// `a` raised to `b` elementwise (Keras's `ops.power`).
public func power(_ a: Tensor, _ b: Tensor) -> Tensor { binaryOp(.power, a, b) }
/// `a` raised to a scalar power.
public func power(_ a: Tensor, _ exponent: Double) -> Tensor { binaryOp(.power, a, weakScalar(exponent, like: a)) }
/// The larger of `a` and `b` elementwise (Keras's `ops.maximum`); ties split the gradient.
public func maximum(_ a: Tensor, _ b: Tensor) -> Tensor { binaryOp(.maximum, a, b) }
/// The larger of `a` and a scalar.
public func maximum(_ a: Tensor, _ b: Double) -> Tensor { binaryOp(.maximum, a, weakScalar(b, like: a)) }
/// The smaller of `a` and `b` elementwise (Keras's `ops.minimum`); ties split the gradient.
public func minimum(_ a: Tensor, _ b: Tensor) -> Tensor { binaryOp(.minimum, a, b) }
/// The smaller of `a` and a scalar.
public func minimum(_ a: Tensor, _ b: Double) -> Tensor { binaryOp(.minimum, a, weakScalar(b, like: a)) }

/// `a == b` elementwise, as `bool` (Keras's `ops.equal`).
public func equal(_ a: Tensor, _ b: Tensor) -> Tensor { binaryOp(.equal, a, b) }
/// `a != b` elementwise (Keras's `ops.not_equal`).
public func notEqual(_ a: Tensor, _ b: Tensor) -> Tensor { binaryOp(.notEqual, a, b) }
/// `a < b` elementwise (Keras's `ops.less`).
public func less(_ a: Tensor, _ b: Tensor) -> Tensor { binaryOp(.less, a, b) }
/// `a <= b` elementwise (Keras's `ops.less_equal`).
public func lessEqual(_ a: Tensor, _ b: Tensor) -> Tensor { binaryOp(.lessEqual, a, b) }
/// `a > b` elementwise (Keras's `ops.greater`).
public func greater(_ a: Tensor, _ b: Tensor) -> Tensor { binaryOp(.greater, a, b) }
/// `a >= b` elementwise (Keras's `ops.greater_equal`).
public func greaterEqual(_ a: Tensor, _ b: Tensor) -> Tensor { binaryOp(.greaterEqual, a, b) }
/// Logical and of the truth values (Keras's `ops.logical_and`).
public func logicalAnd(_ a: Tensor, _ b: Tensor) -> Tensor { binaryOp(.logicalAnd, a, b) }
/// Logical or (Keras's `ops.logical_or`).
public func logicalOr(_ a: Tensor, _ b: Tensor) -> Tensor { binaryOp(.logicalOr, a, b) }
/// Logical exclusive or (Keras's `ops.logical_xor`).
public func logicalXor(_ a: Tensor, _ b: Tensor) -> Tensor { binaryOp(.logicalXor, a, b) }
/// Logical not (Keras's `ops.logical_not`).
public func logicalNot(_ x: Tensor) -> Tensor { unaryOp(.logicalNot, x) }

/// `-x` (Keras's `ops.negative`).
public func negative(_ x: Tensor) -> Tensor { unaryOp(.negative, x) }
/// `|x|` (Keras's `ops.abs`).
public func abs(_ x: Tensor) -> Tensor { unaryOp(.abs, x) }
/// `-1`, `0` or `1` by the sign of `x` (Keras's `ops.sign`).
public func sign(_ x: Tensor) -> Tensor { unaryOp(.sign, x) }
/// `e^x` (Keras's `ops.exp`).
public func exp(_ x: Tensor) -> Tensor { unaryOp(.exp, x) }
/// `e^x - 1`, accurate near zero (Keras's `ops.expm1`).
public func expm1(_ x: Tensor) -> Tensor { unaryOp(.expm1, x) }
/// The natural logarithm (Keras's `ops.log`).
public func log(_ x: Tensor) -> Tensor { unaryOp(.log, x) }
/// `log(1 + x)`, accurate near zero (Keras's `ops.log1p`).
public func log1p(_ x: Tensor) -> Tensor { unaryOp(.log1p, x) }
/// The base-2 logarithm (Keras's `ops.log2`).
public func log2(_ x: Tensor) -> Tensor { let l = log(x); return l * (1 / 0.693147180559945309417232121458176568) }
/// The square root (Keras's `ops.sqrt`).
public func sqrt(_ x: Tensor) -> Tensor { unaryOp(.sqrt, x) }
/// `1 / sqrt(x)` (Keras's `ops.rsqrt`).
public func rsqrt(_ x: Tensor) -> Tensor { unaryOp(.rsqrt, x) }
/// `x * x` (Keras's `ops.square`).
public func square(_ x: Tensor) -> Tensor { unaryOp(.square, x) }
/// `1 / x` (Keras's `ops.reciprocal`).
public func reciprocal(_ x: Tensor) -> Tensor { unaryOp(.reciprocal, x) }
/// The sine (Keras's `ops.sin`).
public func sin(_ x: Tensor) -> Tensor { unaryOp(.sin, x) }
/// The cosine (Keras's `ops.cos`).
public func cos(_ x: Tensor) -> Tensor { unaryOp(.cos, x) }
/// The tangent (Keras's `ops.tan`).
public func tan(_ x: Tensor) -> Tensor { unaryOp(.tan, x) }
/// The hyperbolic tangent (Keras's `ops.tanh`).
public func tanh(_ x: Tensor) -> Tensor { unaryOp(.tanh, x) }
/// The error function (Keras's `ops.erf`).
public func erf(_ x: Tensor) -> Tensor { unaryOp(.erf, x) }
/// Rounds down (Keras's `ops.floor`); no gradient flows through rounding.
public func floor(_ x: Tensor) -> Tensor { unaryOp(.floor, x) }
/// Rounds up (Keras's `ops.ceil`).
public func ceil(_ x: Tensor) -> Tensor { unaryOp(.ceil, x) }
/// Rounds half to even, like numpy (Keras's `ops.round`).
public func round(_ x: Tensor) -> Tensor { unaryOp(.round, x) }

/// Limits `x` to `[minValue, maxValue]` (Keras's `ops.clip`).
public func clip(_ x: Tensor, min minValue: Double, max maxValue: Double) -> Tensor {
    minimum(maximum(x, minValue), maxValue)
}

/// Picks `x` where `condition` is true and `y` elsewhere, broadcasting all three (Keras's `ops.where`).
///
/// ```swift
/// let positive = select(greater(x, Tensor(0.0)), x, Tensor.zeros(like: x))
/// ```
public func select(_ condition: Tensor, _ x: Tensor, _ y: Tensor) -> Tensor {
    guard let xy = Shape.broadcast(x.shape, y.shape), Shape.broadcast(xy, condition.shape) != nil else {
        opFailure("where", "condition \(Shape.describe(condition.shape)), x \(Shape.describe(x.shape)) and y \(Shape.describe(y.shape)) cannot be broadcast together.")
    }
    let dtype = DType.promoted(x.dtype, y.dtype)
    return dispatch(.select, [cast(condition, to: .bool), cast(x, to: dtype), cast(y, to: dtype)])
}
