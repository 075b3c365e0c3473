// Attribute message (0x0C) bodies, versions 1 to 3: name, datatype, dataspace and raw data.

/// An attribute as stored, before its elements are decoded.
struct RawAttribute {
    let name: String
    let type: StoredType
    let space: Dataspace
    /// The file range of the element data.
    let data: Range<Int>
}

enum AttributeMessage {
    static func parse(_ r: inout ByteReader) throws -> RawAttribute {
        let version = try r.u8("attribute version")
        guard (1...3).contains(version) else {
            throw HDF5Error(.unsupported, "\(r.location): attribute message version \(version) (expected 1 to 3)")
        }
        let flags = try r.u8("attribute flags")
        if version >= 2 && flags & 0x03 != 0 {
            throw HDF5Error(.unsupported, "\(r.location): attributes with a shared datatype or dataspace")
        }
        let nameSize = try r.u16("attribute name size")
        let typeSize = try r.u16("attribute datatype size")
        let spaceSize = try r.u16("attribute dataspace size")
        if version == 3 { _ = try r.u8("attribute name character set") }
        let padded: (Int) -> Int = { version == 1 ? (paddedTo8($0) ?? $0) : $0 }

        let nameRange = try r.range(padded(nameSize), "attribute name")
        let nameBytes = r.bytes[nameRange].prefix(nameSize).prefix { $0 != 0 }
        guard !nameBytes.isEmpty else { throw HDF5Error(.corrupt, "\(r.location): an attribute with an empty name") }
        let name = String(decoding: nameBytes, as: UTF8.self)

        let typeRange = try r.range(padded(typeSize), "attribute datatype")
        var typeReader = ByteReader(r.bytes, range: typeRange.lowerBound..<(typeRange.lowerBound + typeSize),
                                    structure: "attribute datatype", origin: r.origin)
        let type = try DatatypeMessage.parse(&typeReader)

        let spaceRange = try r.range(padded(spaceSize), "attribute dataspace")
        var spaceReader = ByteReader(r.bytes, range: spaceRange.lowerBound..<(spaceRange.lowerBound + spaceSize),
                                     structure: "attribute dataspace", origin: r.origin)
        let space = try DataspaceMessage.parse(&spaceReader)

        let (byteCount, overflow) = space.count.multipliedReportingOverflow(by: type.size)
        guard !overflow, byteCount <= r.remaining else {
            throw HDF5Error(.truncated, "\(r.location): attribute \"\(name)\" has \(space.count) elements of \(type.size) bytes but the message holds \(r.remaining) bytes of data")
        }
        return RawAttribute(name: name, type: type, space: space, data: try r.range(byteCount, "attribute data"))
    }
}
