/// The elements of an attribute or dataset, flattened in C (row-major) order.
///
/// The case follows the stored type: signed integers and enumerations read as ``integers(_:)``,
/// unsigned ones as ``unsignedIntegers(_:)``, every float width as ``floats(_:)`` (exact, also
/// for float16), h5py booleans as ``bools(_:)``, every string type as ``strings(_:)``.
///
/// ```swift
/// if let name = group.attribute("name")?.value.string { print(name) }
/// let layerNames = group.attribute("layer_names")?.value.strings ?? []
/// ```
public enum HDF5Value: Equatable, Hashable, Sendable {
    /// Signed integers (any width) and enumeration values.
    case integers([Int64])
    /// Unsigned integers (any width).
    case unsignedIntegers([UInt64])
    /// Floats of any width, widened exactly to `Double`.
    case floats([Double])
    /// Booleans (h5py's `enum<int8>{FALSE, TRUE}`).
    case bools([Bool])
    /// Strings, fixed- or variable-length; fixed-length padding is removed.
    case strings([String])
    /// Opaque elements, concatenated.
    case opaque([UInt8])

    /// The number of elements (for ``opaque(_:)``, the number of bytes).
    public var count: Int {
        switch self {
        case .integers(let v): return v.count
        case .unsignedIntegers(let v): return v.count
        case .floats(let v): return v.count
        case .bools(let v): return v.count
        case .strings(let v): return v.count
        case .opaque(let v): return v.count
        }
    }

    /// The strings, when the value holds strings.
    public var strings: [String]? {
        if case .strings(let v) = self { return v }
        return nil
    }

    /// The only string, when the value holds exactly one string.
    public var string: String? {
        if case .strings(let v) = self, v.count == 1 { return v[0] }
        return nil
    }

    /// The elements as `Int64`, when they are integers (or booleans) that all fit.
    public var int64s: [Int64]? {
        switch self {
        case .integers(let v): return v
        case .unsignedIntegers(let v):
            guard v.allSatisfy({ $0 <= UInt64(Int64.max) }) else { return nil }
            return v.map { Int64($0) }
        case .bools(let v): return v.map { $0 ? 1 : 0 }
        default: return nil
        }
    }

    /// The only element as `Int64`, when the value holds exactly one integer that fits.
    public var int64: Int64? {
        guard let v = int64s, v.count == 1 else { return nil }
        return v[0]
    }

    /// The elements as `Double`, when they are numbers (integers convert, possibly rounding).
    public var doubles: [Double]? {
        switch self {
        case .floats(let v): return v
        case .integers(let v): return v.map { Double($0) }
        case .unsignedIntegers(let v): return v.map { Double($0) }
        case .bools(let v): return v.map { $0 ? 1 : 0 }
        default: return nil
        }
    }

    /// The only element as `Double`, when the value holds exactly one number.
    public var double: Double? {
        guard let v = doubles, v.count == 1 else { return nil }
        return v[0]
    }

    /// The only element as `Bool`, when the value holds exactly one boolean.
    public var bool: Bool? {
        if case .bools(let v) = self, v.count == 1 { return v[0] }
        return nil
    }
}
