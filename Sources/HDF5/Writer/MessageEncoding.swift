// Encoders for the structures the writer emits: datatype, dataspace, fill value, layout and
// attribute message bodies, and version 1 object headers (spec section 10's minimal subset).

/// A growing little-endian byte buffer.
struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func u8(_ v: UInt8) { bytes.append(v) }
    mutating func u16(_ v: Int) { put(UInt64(truncatingIfNeeded: v), 2) }
    mutating func u32(_ v: Int) { put(UInt64(truncatingIfNeeded: v), 4) }
    mutating func u64(_ v: UInt64) { put(v, 8) }
    mutating func put(_ v: UInt64, _ width: Int) {
        for k in 0..<width { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(k)))) }
    }
    mutating func append(_ data: [UInt8]) { bytes += data }
    mutating func pad8() { while bytes.count % 8 != 0 { bytes.append(0) } }
}

enum MessageEncoding {
    /// A datatype message body (version 1), as h5py writes it.
    static func datatype(_ type: HDF5Datatype) -> [UInt8] {
        var w = ByteWriter()
        switch type {
        case .integer(let bytes, let signed):
            w.append([0x10, signed ? 0x08 : 0, 0, 0])
            w.u32(bytes)
            w.u16(0)
            w.u16(8 * bytes)
        case .float(let bytes):
            let (sign, exponentLocation, exponentSize, mantissaSize, bias) =
                bytes == 2 ? (15, 10, 5, 10, 15) : bytes == 4 ? (31, 23, 8, 23, 127) : (63, 52, 11, 52, 1023)
            w.append([0x11, 0x20, UInt8(sign), 0])
            w.u32(bytes)
            w.u16(0)
            w.u16(8 * bytes)
            w.append([UInt8(exponentLocation), UInt8(exponentSize), 0, UInt8(mantissaSize)])
            w.u32(bias)
        case .bool:
            return enumeration(bytes: 1, signed: true, members: [HDF5EnumMember(name: "FALSE", value: 0), HDF5EnumMember(name: "TRUE", value: 1)])
        case .enumeration(let bytes, let signed, let members):
            return enumeration(bytes: bytes, signed: signed, members: members)
        case .fixedString(let length, let charset):
            w.append([0x13, 0x01 | (charset == .utf8 ? 0x10 : 0), 0, 0])     // null-padded
            w.u32(length)
        case .variableString(let charset):
            w.append([0x19, 0x01, charset == .utf8 ? 0x01 : 0, 0])             // string, null-terminated
            w.u32(16)
            w.append(datatype(.integer(bytes: 1, signed: false)))
        case .opaque(let bytes, let tag):
            var tagBytes = Array(tag.utf8)
            while tagBytes.count % 8 != 0 { tagBytes.append(0) }
            w.append([0x15, UInt8(tagBytes.count), 0, 0])
            w.u32(bytes)
            w.append(tagBytes)
        }
        return w.bytes
    }

    private static func enumeration(bytes: Int, signed: Bool, members: [HDF5EnumMember]) -> [UInt8] {
        var w = ByteWriter()
        w.append([0x18, UInt8(members.count & 0xFF), UInt8(members.count >> 8), 0])
        w.u32(bytes)
        w.append(datatype(.integer(bytes: bytes, signed: signed)))
        for member in members {
            let start = w.bytes.count
            w.append(Array(member.name.utf8) + [0])
            while (w.bytes.count - start) % 8 != 0 { w.u8(0) }
        }
        for member in members { w.put(UInt64(bitPattern: member.value), bytes) }
        return w.bytes
    }

    /// A dataspace message body (version 1, no maximum dimensions); `[]` is a scalar.
    static func dataspace(_ shape: [Int]) -> [UInt8] {
        var w = ByteWriter()
        w.append([1, UInt8(shape.count), 0, 0, 0, 0, 0, 0])
        for d in shape { w.u64(UInt64(d)) }
        return w.bytes
    }

    /// Fill value message version 2: allocation late, write if set, default (zero) value.
    static let fillValue: [UInt8] = [2, 2, 2, 1, 0, 0, 0, 0]

    /// Layout message version 3, contiguous.
    static func contiguousLayout(address: UInt64, size: Int) -> [UInt8] {
        var w = ByteWriter()
        w.append([3, 1])
        w.u64(address)
        w.u64(UInt64(size))
        return w.bytes
    }

    /// An attribute message body (version 1) whose element data is already encoded.
    static func attribute(name: String, datatype type: HDF5Datatype, shape: [Int], data: [UInt8]) -> [UInt8] {
        let nameBytes = Array(name.utf8) + [0]
        let typeBytes = datatype(type), spaceBytes = dataspace(shape)
        var w = ByteWriter()
        w.append([1, 0])
        w.u16(nameBytes.count)
        w.u16(typeBytes.count)
        w.u16(spaceBytes.count)
        for part in [nameBytes, typeBytes, spaceBytes] {
            w.append(part)
            w.pad8()
        }
        w.append(data)
        return w.bytes
    }

    /// A version 1 object header holding `messages` (type, body, flags) in one chunk.
    static func objectHeader(_ messages: [(type: Int, body: [UInt8], flags: UInt8)]) throws -> [UInt8] {
        var data = ByteWriter()
        for message in messages {
            var body = message.body
            while body.count % 8 != 0 { body.append(0) }
            guard body.count <= 0xFFFF else {
                throw HDF5Error(.invalidArgument, "a header message of \(body.count) bytes (HDF5 messages hold at most 65,535 bytes; large attributes are not written)")
            }
            data.u16(message.type)
            data.u16(body.count)
            data.append([message.flags, 0, 0, 0])
            data.append(body)
        }
        var w = ByteWriter()
        w.append([1, 0])
        w.u16(messages.count)
        w.u32(1)
        w.u32(data.bytes.count)
        w.u32(0)
        w.append(data.bytes)
        return w.bytes
    }
}
