// Datatype message (0x03) bodies: the classes Keras/h5py files use, decoded into a public
// `HDF5Datatype` plus the storage details (byte order, string padding) readers need.

/// How fixed-length strings are padded.
enum StringPadding: Sendable, Equatable {
    case nullTerminated, nullPadded, spacePadded
}

/// A datatype as stored: the public description plus byte order and padding.
struct StoredType: Sendable, Equatable {
    var datatype: HDF5Datatype
    /// Bytes per element in the file.
    var size: Int
    var bigEndian = false
    var padding = StringPadding.nullTerminated

    /// The little-endian form used by the writer.
    init(_ datatype: HDF5Datatype) {
        self.datatype = datatype
        self.size = datatype.elementSize
    }

    init(datatype: HDF5Datatype, size: Int, bigEndian: Bool = false, padding: StringPadding = .nullTerminated) {
        self.datatype = datatype
        self.size = size
        self.bigEndian = bigEndian
        self.padding = padding
    }
}

enum DatatypeMessage {
    /// Deepest nesting of base types (enum and variable-length types have one).
    static let maxNesting = 4

    /// Decodes a datatype; `reader` is left after it (base types nest).
    static func parse(_ r: inout ByteReader, depth: Int = 0) throws -> StoredType {
        guard depth <= maxNesting else {
            throw HDF5Error(.limitExceeded, "\(r.location): datatypes nested more than \(maxNesting) deep")
        }
        let classAndVersion = try r.u8("datatype class and version")
        let typeClass = Int(classAndVersion & 0x0F), version = Int(classAndVersion >> 4)
        guard (1...4).contains(version) else {
            throw HDF5Error(.unsupported, "\(r.location): datatype message version \(version) (expected 1 to 4)")
        }
        let bits = try Int(r.u8()) | Int(r.u8()) << 8 | Int(r.u8()) << 16
        let size = Int(try r.u32("datatype size"))
        guard size > 0, size <= 1 << 30 else {
            throw HDF5Error(.corrupt, "\(r.location): datatype size \(size) is not between 1 and 2^30 bytes")
        }
        switch typeClass {
        case 0: return try fixedPoint(&r, bits: bits, size: size)
        case 1: return try floatingPoint(&r, bits: bits, size: size)
        case 3: return try fixedString(&r, bits: bits, size: size)
        case 5:
            let tagLength = bits & 0xFF
            let tag = try r.bytes(tagLength, "opaque tag")
            let text = String(decoding: tag.prefix { $0 != 0 }, as: UTF8.self)
            return StoredType(datatype: .opaque(bytes: size, tag: text), size: size)
        case 8: return try enumeration(&r, bits: bits, size: size, version: version, depth: depth)
        case 9: return try variableLength(&r, bits: bits, size: size, depth: depth)
        case 2: throw HDF5Error(.unsupported, "\(r.location): the time datatype (class 2)")
        case 4: throw HDF5Error(.unsupported, "\(r.location): the bitfield datatype (class 4)")
        case 6: throw HDF5Error(.unsupported, "\(r.location): compound datatypes (class 6, e.g. h5py complex numbers or structured arrays)")
        case 7: throw HDF5Error(.unsupported, "\(r.location): reference datatypes (class 7)")
        case 10: throw HDF5Error(.unsupported, "\(r.location): array datatypes (class 10)")
        default: throw HDF5Error(.corrupt, "\(r.location): unknown datatype class \(typeClass)")
        }
    }

    private static func fixedPoint(_ r: inout ByteReader, bits: Int, size: Int) throws -> StoredType {
        let offset = try r.u16("integer bit offset"), precision = try r.u16("integer precision")
        guard [1, 2, 4, 8].contains(size), offset == 0, precision == size * 8 else {
            throw HDF5Error(.unsupported, "\(r.location): an integer of \(size) bytes with bit offset \(offset) and precision \(precision) (only whole 1-, 2-, 4- and 8-byte integers are read)")
        }
        return StoredType(datatype: .integer(bytes: size, signed: bits & 0x08 != 0), size: size, bigEndian: bits & 1 != 0)
    }

    private static func floatingPoint(_ r: inout ByteReader, bits: Int, size: Int) throws -> StoredType {
        let offset = try r.u16("float bit offset"), precision = try r.u16("float precision")
        let exponentLocation = Int(try r.u8()), exponentSize = Int(try r.u8())
        let mantissaLocation = Int(try r.u8()), mantissaSize = Int(try r.u8())
        let bias = Int(try r.u32("exponent bias"))
        let sign = (bits >> 8) & 0xFF, normalization = (bits >> 4) & 3
        guard bits & 0x40 == 0 else {
            throw HDF5Error(.unsupported, "\(r.location): VAX-order floats")
        }
        let ieee: [Int: (Int, Int, Int, Int, Int)] = [2: (15, 10, 5, 10, 15), 4: (31, 23, 8, 23, 127), 8: (63, 52, 11, 52, 1023)]
        guard let layout = ieee[size], offset == 0, precision == size * 8, normalization == 2,
              layout == (sign, exponentLocation, exponentSize, mantissaSize, bias), mantissaLocation == 0 else {
            throw HDF5Error(.unsupported, "\(r.location): a \(size)-byte float with sign bit \(sign), exponent \(exponentSize) bits at \(exponentLocation) (bias \(bias)), mantissa \(mantissaSize) bits at \(mantissaLocation) (only IEEE binary16/32/64 are read)")
        }
        return StoredType(datatype: .float(bytes: size), size: size, bigEndian: bits & 1 != 0)
    }

    private static func padding(_ value: Int, _ r: ByteReader) throws -> StringPadding {
        switch value {
        case 0: return .nullTerminated
        case 1: return .nullPadded
        case 2: return .spacePadded
        default: throw HDF5Error(.corrupt, "\(r.location): string padding type \(value) (expected 0, 1 or 2)")
        }
    }

    private static func charset(_ value: Int, _ r: ByteReader) throws -> HDF5Charset {
        switch value {
        case 0: return .ascii
        case 1: return .utf8
        default: throw HDF5Error(.unsupported, "\(r.location): string character set \(value) (expected 0 ASCII or 1 UTF-8)")
        }
    }

    private static func fixedString(_ r: inout ByteReader, bits: Int, size: Int) throws -> StoredType {
        StoredType(datatype: .fixedString(length: size, charset: try charset((bits >> 4) & 0xF, r)), size: size,
                   padding: try padding(bits & 0xF, r))
    }

    private static func enumeration(_ r: inout ByteReader, bits: Int, size: Int, version: Int, depth: Int) throws -> StoredType {
        let count = bits & 0xFFFF
        let base = try parse(&r, depth: depth + 1)
        guard case .integer(let baseSize, let signed) = base.datatype, baseSize == size else {
            throw HDF5Error(.unsupported, "\(r.location): an enumeration over \(base.datatype) of size \(size) (only enumerations over integers of their own size are read)")
        }
        guard count <= r.remaining else {
            throw HDF5Error(.corrupt, "\(r.location): an enumeration declares \(count) members but the message has \(r.remaining) bytes left")
        }
        var names: [String] = []
        for _ in 0..<count {
            let start = r.position
            var name: [UInt8] = []
            while true {
                let byte = try r.u8("enumeration member name")
                if byte == 0 { break }
                name.append(byte)
            }
            if version < 3 { try r.align8(from: start) }
            names.append(String(decoding: name, as: UTF8.self))
        }
        var members: [HDF5EnumMember] = []
        for name in names {
            let raw = try r.uint(width: size, "enumeration value")
            let value = ElementDecoding.integer(raw, bytes: size, signed: signed, bigEndian: base.bigEndian)
            members.append(HDF5EnumMember(name: name, value: value))
        }
        let isBool = size == 1 && members == [HDF5EnumMember(name: "FALSE", value: 0), HDF5EnumMember(name: "TRUE", value: 1)]
        return StoredType(datatype: isBool ? .bool : .enumeration(bytes: size, signed: signed, members: members),
                          size: size, bigEndian: base.bigEndian)
    }

    private static func variableLength(_ r: inout ByteReader, bits: Int, size: Int, depth: Int) throws -> StoredType {
        guard bits & 0xF == 1 else {
            throw HDF5Error(.unsupported, "\(r.location): variable-length sequences (only variable-length strings are read)")
        }
        let pad = try padding((bits >> 4) & 0xF, r), set = try charset((bits >> 8) & 0xF, r)
        let base = try parse(&r, depth: depth + 1)
        guard base.size == 1 else {
            throw HDF5Error(.unsupported, "\(r.location): a variable-length string of \(base.size)-byte characters")
        }
        guard size == 16 else {
            throw HDF5Error(.corrupt, "\(r.location): a variable-length string element of \(size) bytes (expected 16: length, heap address, index)")
        }
        return StoredType(datatype: .variableString(charset: set), size: size, padding: pad)
    }
}
