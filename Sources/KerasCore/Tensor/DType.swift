/// The element type of a ``Tensor``, named as Keras names it (`"float32"`, `"int64"`, ...).
///
/// `float32` is the compute default. `float16` and `bfloat16` are storage types: math on them
/// widens to `float32` and narrows the result back, as Keras does on CPU. `string` tensors hold
/// text for the text preprocessing layers; they move (reshape, slice, gather, concatenate) and
/// compare for equality, and nothing else (see ``Tensor/init(strings:shape:)``).
///
/// ```swift
/// let x = Tensor.zeros([2, 3], dtype: .int32)
/// x.dtype            // .int32
/// DType("float64")   // .float64
/// ```
public enum DType: String, Sendable, CaseIterable, CustomStringConvertible {
    case float32, float64, float16, bfloat16, int32, int64, uint8, bool, string

    /// Keras's name of the dtype, e.g. `"float32"`.
    public var description: String { rawValue }

    /// Bytes taken by one element (a `string` element is an 8-byte index into its tensor's
    /// string table).
    public var byteSize: Int {
        switch self {
        case .float64, .int64, .string: return 8
        case .float32, .int32: return 4
        case .float16, .bfloat16: return 2
        case .uint8, .bool: return 1
        }
    }

    /// `true` for the four floating-point dtypes.
    public var isFloatingPoint: Bool {
        switch self {
        case .float32, .float64, .float16, .bfloat16: return true
        default: return false
        }
    }

    /// `true` for `int32`, `int64` and `uint8`.
    public var isInteger: Bool {
        switch self {
        case .int32, .int64, .uint8: return true
        default: return false
        }
    }

    /// `true` for the 16-bit storage types, which compute in `float32`.
    public var isHalf: Bool { self == .float16 || self == .bfloat16 }

    /// The dtype kernels compute in: `float32` for the 16-bit floats, the dtype itself otherwise.
    public var computeType: DType { isHalf ? .float32 : self }

    // Rank in the promotion lattice: bool < uint8 < int32 < int64 < (b)float16 < float32 < float64.
    // `string` promotes with nothing; ops refuse to mix it with numbers before promoting.
    private var promotionRank: Int {
        switch self {
        case .bool: return 0
        case .uint8: return 1
        case .int32: return 2
        case .int64: return 3
        case .float16, .bfloat16: return 4
        case .float32: return 5
        case .float64: return 6
        case .string: return 7
        }
    }

    /// The dtype of a binary op's result on `a` and `b`, Keras's `result_type` for the common cases:
    /// the wider of the two; `float16` with `bfloat16` gives `float32`; any integer with any float
    /// gives that float.
    public static func promoted(_ a: DType, _ b: DType) -> DType {
        if a == b { return a }
        if (a == .float16 && b == .bfloat16) || (a == .bfloat16 && b == .float16) { return .float32 }
        return a.promotionRank >= b.promotionRank ? a : b
    }

    /// The float dtype an op like `exp` or `mean` returns for an input of this dtype:
    /// the dtype itself for floats, `float32` for integers and bools.
    public var floatingResult: DType { isFloatingPoint ? self : .float32 }
}
