// Encoding values as stored elements (little-endian), with range and type checks.

enum ElementEncoding {
    /// IEEE binary16 bits of `value`, rounded to nearest, ties to even (overflow gives infinity).
    static func float16Bits(_ value: Double) -> UInt16 {
        if value.isNaN { return 0x7E00 }
        let sign: UInt16 = value.sign == .minus ? 0x8000 : 0
        let magnitude = value.magnitude
        if magnitude >= 65520 { return sign | 0x7C00 }            // rounds past the largest half, 65504
        if magnitude < 0x1p-14 {                                  // subnormal (or zero)
            return sign | UInt16((magnitude * 0x1p24).rounded(.toNearestOrEven))
        }
        var exponent = Int(magnitude.exponent)
        var mantissa = ((magnitude / Double(sign: .plus, exponent: exponent, significand: 1) - 1) * 1024).rounded(.toNearestOrEven)
        if mantissa >= 1024 {
            mantissa = 0
            exponent += 1
        }
        return sign | UInt16(exponent + 15) << 10 | UInt16(mantissa)
    }

    /// The stored bytes of `value` as `count` elements of `datatype`; variable-length strings
    /// become 16-byte references made by `reference`.
    static func encode(_ value: HDF5Value, as datatype: HDF5Datatype, count: Int,
                       reference: (String) throws -> [UInt8]) throws -> [UInt8] {
        guard value.count == count || (datatype.isOpaque && value.count == count * datatype.elementSize) else {
            throw HDF5Error(.invalidArgument, "\(value.count) values for \(count) elements of type \(datatype)")
        }
        var out: [UInt8] = []
        out.reserveCapacity(count * datatype.elementSize)
        func put(_ v: UInt64, _ width: Int) {
            for k in 0..<width { out.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(k)))) }
        }
        func mismatch() -> HDF5Error {
            HDF5Error(.invalidArgument, "values of kind \(value.kindName) cannot be stored as \(datatype)")
        }
        switch datatype {
        case .integer(let width, let signed), .enumeration(let width, let signed, _):
            let integers: [Int64]?
            switch value {
            case .integers(let v): integers = v
            case .bools(let v): integers = v.map { $0 ? 1 : 0 }
            case .unsignedIntegers(let v):
                guard !signed || width < 8 || v.allSatisfy({ $0 <= UInt64(Int64.max) }) else {
                    throw HDF5Error(.invalidArgument, "an unsigned value above Int64.max does not fit \(datatype)")
                }
                if !signed {
                    try checkUnsigned(v, width: width, datatype)
                    v.forEach { put($0, width) }
                    return out
                }
                integers = v.map { Int64($0) }
            default: integers = nil
            }
            guard let ints = integers else { throw mismatch() }
            if case .enumeration(_, _, let members) = datatype {
                let allowed = Set(members.map(\.value))
                if let bad = ints.first(where: { !allowed.contains($0) }) {
                    throw HDF5Error(.invalidArgument, "\(bad) is not a value of the enumeration \(members.map(\.name))")
                }
            }
            let bits = Int64(8 * width)
            for v in ints {
                let fits = signed ? (width == 8 || (v >= -(1 << (bits - 1)) && v < 1 << (bits - 1)))
                                  : (v >= 0 && (width == 8 || v < 1 << bits))
                guard fits else { throw HDF5Error(.invalidArgument, "\(v) does not fit \(datatype)") }
                put(UInt64(bitPattern: v), width)
            }
        case .float(let width):
            guard let doubles = value.doubles, !value.isBool else { throw mismatch() }
            for d in doubles {
                switch width {
                case 2: put(UInt64(float16Bits(d)), 2)
                case 4: put(UInt64(Float(d).bitPattern), 4)
                default: put(d.bitPattern, 8)
                }
            }
        case .bool:
            guard case .bools(let v) = value else { throw mismatch() }
            out = v.map { $0 ? 1 : 0 }
        case .fixedString(let length, let charset):
            guard case .strings(let v) = value else { throw mismatch() }
            for s in v {
                let utf8 = try checkedString(s, charset)
                guard utf8.count <= length else {
                    throw HDF5Error(.invalidArgument, "the string \"\(s)\" has \(utf8.count) bytes, more than the fixed length \(length)")
                }
                out += utf8
                out += repeatElement(0, count: length - utf8.count)
            }
        case .variableString(let charset):
            guard case .strings(let v) = value else { throw mismatch() }
            for s in v {
                _ = try checkedString(s, charset)
                out += try reference(s)
            }
        case .opaque:
            guard case .opaque(let v) = value else { throw mismatch() }
            out = v
        }
        return out
    }

    private static func checkUnsigned(_ values: [UInt64], width: Int, _ datatype: HDF5Datatype) throws {
        guard width < 8 else { return }
        if let bad = values.first(where: { $0 >= UInt64(1) << UInt64(8 * width) }) {
            throw HDF5Error(.invalidArgument, "\(bad) does not fit \(datatype)")
        }
    }

    /// The UTF-8 bytes of `s`, checking that ASCII strings are ASCII.
    static func checkedString(_ s: String, _ charset: HDF5Charset) throws -> [UInt8] {
        let utf8 = Array(s.utf8)
        if charset == .ascii, utf8.contains(where: { $0 >= 0x80 }) {
            throw HDF5Error(.invalidArgument, "the string \"\(s)\" is not ASCII; use the UTF-8 character set")
        }
        return utf8
    }
}

extension HDF5Datatype {
    var isOpaque: Bool {
        if case .opaque = self { return true }
        return false
    }

    /// Checks that the writer can store this type.
    func validateForWriting() throws {
        switch self {
        case .integer(let bytes, _), .enumeration(let bytes, _, _):
            guard [1, 2, 4, 8].contains(bytes) else { throw HDF5Error(.invalidArgument, "integers of \(bytes) bytes (use 1, 2, 4 or 8)") }
            if case .enumeration(_, _, let members) = self {
                guard !members.isEmpty, members.count <= 0xFFFF, Set(members.map(\.name)).count == members.count,
                      members.allSatisfy({ !$0.name.isEmpty && !$0.name.utf8.contains(0) }) else {
                    throw HDF5Error(.invalidArgument, "an enumeration needs 1 to 65,535 members with distinct, non-empty names")
                }
            }
        case .float(let bytes):
            guard [2, 4, 8].contains(bytes) else { throw HDF5Error(.invalidArgument, "floats of \(bytes) bytes (use 2, 4 or 8)") }
        case .bool, .variableString: break
        case .fixedString(let length, _):
            guard length > 0 else { throw HDF5Error(.invalidArgument, "fixed-length strings of length \(length) (use at least 1)") }
        case .opaque(let bytes, let tag):
            guard bytes > 0, tag.utf8.count < 248, !tag.utf8.contains(0) else {
                throw HDF5Error(.invalidArgument, "opaque elements of \(bytes) bytes with a \(tag.utf8.count)-byte tag (use at least 1 byte and a tag under 248 bytes)")
            }
        }
    }
}

extension HDF5Value {
    var isBool: Bool {
        if case .bools = self { return true }
        return false
    }

    /// The case name, for messages.
    var kindName: String {
        switch self {
        case .integers: return "integers"
        case .unsignedIntegers: return "unsignedIntegers"
        case .floats: return "floats"
        case .bools: return "bools"
        case .strings: return "strings"
        case .opaque: return "opaque"
        }
    }

    /// The type h5py would pick for the value: int64, uint64, float64, bool, UTF-8 strings,
    /// opaque bytes.
    var naturalDatatype: HDF5Datatype {
        switch self {
        case .integers: return .integer(bytes: 8, signed: true)
        case .unsignedIntegers: return .integer(bytes: 8, signed: false)
        case .floats: return .float(bytes: 8)
        case .bools: return .bool
        case .strings: return .variableString(charset: .utf8)
        case .opaque: return .opaque(bytes: 1, tag: "")
        }
    }
}
