/// The element type of a dataset or attribute, as far as this library distinguishes them.
///
/// Numbers are read and written little-endian (big-endian files are converted on read).
///
/// ```swift
/// switch dataset.datatype {
/// case .float(bytes: 4): let weights = try dataset.readFloats()
/// case .opaque(bytes: 2, _): let bfloat16 = try dataset.readRawLittleEndian()
/// default: break
/// }
/// ```
public enum HDF5Datatype: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// A two's-complement (signed) or unsigned integer of 1, 2, 4 or 8 bytes.
    case integer(bytes: Int, signed: Bool)
    /// An IEEE 754 binary float of 2 (float16), 4 (float32) or 8 (float64) bytes.
    case float(bytes: Int)
    /// h5py's boolean: an enumeration over int8 with members `FALSE = 0` and `TRUE = 1`.
    case bool
    /// Any other enumeration over an integer type; values read as their integers.
    case enumeration(bytes: Int, signed: Bool, members: [HDF5EnumMember])
    /// A string of exactly `length` bytes per element, padded with NULs (or spaces).
    case fixedString(length: Int, charset: HDF5Charset)
    /// A variable-length string per element, stored in the file's global heap.
    case variableString(charset: HDF5Charset)
    /// Uninterpreted bytes of a fixed size with an optional tag (h5py stores bfloat16 so).
    case opaque(bytes: Int, tag: String)

    /// Bytes per element as stored in a dataset or attribute (16 for a variable-length string
    /// reference).
    public var elementSize: Int {
        switch self {
        case .integer(let bytes, _), .float(let bytes), .enumeration(let bytes, _, _), .opaque(let bytes, _):
            return bytes
        case .bool: return 1
        case .fixedString(let length, _): return length
        case .variableString: return 16
        }
    }

    /// NumPy's name for the type as h5py reads it: `float32`, `int64`, `uint8`, `bool`,
    /// `|S7`, `object` (variable-length strings), `|V2` (opaque).
    public var description: String {
        switch self {
        case .integer(let bytes, let signed): return (signed ? "int" : "uint") + String(bytes * 8)
        case .float(let bytes): return "float" + String(bytes * 8)
        case .bool: return "bool"
        case .enumeration(let bytes, let signed, _): return "enum<" + (signed ? "int" : "uint") + String(bytes * 8) + ">"
        case .fixedString(let length, _): return "|S" + String(length)
        case .variableString: return "object"
        case .opaque(let bytes, _): return "|V" + String(bytes)
        }
    }
}

/// The character set of a string type.
public enum HDF5Charset: Equatable, Hashable, Sendable {
    /// 7-bit ASCII (h5py writes Python `bytes` so).
    case ascii
    /// UTF-8 (h5py writes Python `str` so).
    case utf8
}

/// One member of an ``HDF5Datatype/enumeration(bytes:signed:members:)`` type.
public struct HDF5EnumMember: Equatable, Hashable, Sendable {
    /// The member's name.
    public let name: String
    /// The member's integer value.
    public let value: Int64

    /// A member `name = value`.
    public init(name: String, value: Int64) {
        self.name = name
        self.value = value
    }
}
