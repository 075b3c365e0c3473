/// A Swift type that can be a tensor element: `Float`, `Double`, `Float16`, ``BFloat16``,
/// `Int32`, `Int64`, `UInt8` and `Bool`.
///
/// Conversions between element types follow numpy's `astype`: floats to integers truncate toward
/// zero (NaN becomes 0 and out-of-range values saturate, so a cast never traps), anything to
/// `Bool` tests for non-zero.
public protocol TensorScalar: Sendable {
    /// The dtype a tensor of this element type has.
    static var dtype: DType { get }
    /// The value widened to `Double` (exact for every type but large `Int64`s).
    var doubleValue: Double { get }
    /// The value as an `Int64` (floats truncate and saturate; NaN gives 0).
    var int64Value: Int64 { get }
    /// Converts a `Double` the way a cast does.
    init(castingDouble value: Double)
    /// Converts an `Int64` the way a cast does.
    init(castingInt64 value: Int64)
}

@inline(__always)
func saturatingInt64(_ v: Double) -> Int64 {
    if v.isNaN { return 0 }
    if v >= 9.223372036854775807e18 { return .max }
    if v <= -9.223372036854775808e18 { return .min }
    return Int64(v)
}

extension Float: TensorScalar {
    /// The dtype of tensors holding this type.
    public static var dtype: DType { .float32 }
    /// The value as a `Double`.
    public var doubleValue: Double { Double(self) }
    /// The value as an `Int64`, the way a cast converts it.
    public var int64Value: Int64 { saturatingInt64(Double(self)) }
    /// Converts a `Double` the way a cast does.
    public init(castingDouble value: Double) { self = Float(value) }
    /// Converts an `Int64` the way a cast does.
    public init(castingInt64 value: Int64) { self = Float(value) }
}

extension Double: TensorScalar {
    /// The dtype of tensors holding this type.
    public static var dtype: DType { .float64 }
    /// The value as a `Double`.
    public var doubleValue: Double { self }
    /// The value as an `Int64`, the way a cast converts it.
    public var int64Value: Int64 { saturatingInt64(self) }
    /// Converts a `Double` the way a cast does.
    public init(castingDouble value: Double) { self = value }
    /// Converts an `Int64` the way a cast does.
    public init(castingInt64 value: Int64) { self = Double(value) }
}

extension Float16: TensorScalar {
    /// The dtype of tensors holding this type.
    public static var dtype: DType { .float16 }
    /// The value as a `Double`.
    public var doubleValue: Double { Double(Float(self)) }
    /// The value as an `Int64`, the way a cast converts it.
    public var int64Value: Int64 { saturatingInt64(Double(Float(self))) }
    /// Converts a `Double` the way a cast does.
    public init(castingDouble value: Double) { self = Float16(Float(value)) }
    /// Converts an `Int64` the way a cast does.
    public init(castingInt64 value: Int64) { self = Float16(Float(value)) }
}

extension BFloat16: TensorScalar {
    /// The dtype of tensors holding this type.
    public static var dtype: DType { .bfloat16 }
    /// The value as a `Double`.
    public var doubleValue: Double { Double(float) }
    /// The value as an `Int64`, the way a cast converts it.
    public var int64Value: Int64 { saturatingInt64(Double(float)) }
    /// Converts a `Double` the way a cast does.
    public init(castingDouble value: Double) { self.init(Float(value)) }
    /// Converts an `Int64` the way a cast does.
    public init(castingInt64 value: Int64) { self.init(Float(value)) }
}

extension Int32: TensorScalar {
    /// The dtype of tensors holding this type.
    public static var dtype: DType { .int32 }
    /// The value as a `Double`.
    public var doubleValue: Double { Double(self) }
    /// The value as an `Int64`, the way a cast converts it.
    public var int64Value: Int64 { Int64(self) }
    /// Converts a `Double` the way a cast does.
    public init(castingDouble value: Double) { self = Int32(truncatingIfNeeded: Swift.max(Swift.min(saturatingInt64(value), Int64(Int32.max)), Int64(Int32.min))) }
    /// Converts an `Int64` the way a cast does.
    public init(castingInt64 value: Int64) { self = Int32(truncatingIfNeeded: value) }
}

extension Int64: TensorScalar {
    /// The dtype of tensors holding this type.
    public static var dtype: DType { .int64 }
    /// The value as a `Double`.
    public var doubleValue: Double { Double(self) }
    /// The value as an `Int64`, the way a cast converts it.
    public var int64Value: Int64 { self }
    /// Converts a `Double` the way a cast does.
    public init(castingDouble value: Double) { self = saturatingInt64(value) }
    /// Converts an `Int64` the way a cast does.
    public init(castingInt64 value: Int64) { self = value }
}

extension UInt8: TensorScalar {
    /// The dtype of tensors holding this type.
    public static var dtype: DType { .uint8 }
    /// The value as a `Double`.
    public var doubleValue: Double { Double(self) }
    /// The value as an `Int64`, the way a cast converts it.
    public var int64Value: Int64 { Int64(self) }
    /// Converts a `Double` the way a cast does.
    public init(castingDouble value: Double) { self = UInt8(truncatingIfNeeded: Swift.max(Swift.min(saturatingInt64(value), 255), 0)) }
    /// Converts an `Int64` the way a cast does.
    public init(castingInt64 value: Int64) { self = UInt8(truncatingIfNeeded: value) }
}

extension Bool: TensorScalar {
    /// The dtype of tensors holding this type.
    public static var dtype: DType { .bool }
    /// The value as a `Double`.
    public var doubleValue: Double { self ? 1 : 0 }
    /// The value as an `Int64`, the way a cast converts it.
    public var int64Value: Int64 { self ? 1 : 0 }
    /// Converts a `Double` the way a cast does.
    public init(castingDouble value: Double) { self = value != 0 }
    /// Converts an `Int64` the way a cast does.
    public init(castingInt64 value: Int64) { self = value != 0 }
}

/// Calls `body` with the Swift element type of `dtype`; the one place that maps dtypes to types.
@inline(__always)
func withScalarType<R>(_ dtype: DType, _ body: (any TensorScalar.Type) -> R) -> R {
    switch dtype {
    case .float32: return body(Float.self)
    case .float64: return body(Double.self)
    case .float16: return body(Float16.self)
    case .bfloat16: return body(BFloat16.self)
    case .int32: return body(Int32.self)
    case .int64: return body(Int64.self)
    case .uint8: return body(UInt8.self)
    case .bool: return body(Bool.self)
    case .string:
        opFailure("string tensor", "string tensors hold text, not numbers; read them with `strings`, or map them to numbers with a StringLookup or TextVectorization layer.")
    }
}
