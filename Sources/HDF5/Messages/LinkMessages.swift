// New-style group messages: Link (0x06), Link Info (0x02), Attribute Info (0x15), and the
// old-style Symbol Table message (0x11).

/// A link from a group to an object.
struct Link {
    let name: String
    /// The object header address of the target (hard links only).
    let address: UInt64
    /// The creation order, when the writer tracked it.
    let creationOrder: Int64?
}

/// Link storage of a new-style group.
struct LinkInfo {
    let tracksCreationOrder: Bool
    /// The fractal heap of dense links, or undefined when links are Link messages (compact).
    let heapAddress: UInt64
    let nameIndexAddress: UInt64
}

/// Attribute storage of an object with an Attribute Info message.
struct AttributeInfo {
    let tracksCreationOrder: Bool
    /// The fractal heap of dense attributes, or undefined when attributes are messages.
    let heapAddress: UInt64
    let nameIndexAddress: UInt64
}

enum LinkMessages {
    static func link(_ r: inout ByteReader) throws -> Link {
        let version = try r.u8("link version")
        guard version == 1 else {
            throw HDF5Error(.unsupported, "\(r.location): link message version \(version) (expected 1)")
        }
        let flags = try r.u8("link flags")
        let type = flags & 0x08 != 0 ? try r.u8("link type") : 0
        let order = flags & 0x04 != 0 ? Int64(bitPattern: try r.u64("link creation order")) : nil
        if flags & 0x10 != 0 { _ = try r.u8("link name character set") }
        let nameLength = try r.count(width: 1 << Int(flags & 0x03), maximum: r.remaining, "link name length")
        let name = try GroupNames.decode(r.bytes[try r.range(nameLength, "link name")], r.location)
        switch type {
        case 0:
            return Link(name: name, address: try r.address("hard link address"), creationOrder: order)
        case 1:
            let length = try r.u16("soft link length")
            let target = String(decoding: try r.bytes(length, "soft link target"), as: UTF8.self)
            throw HDF5Error(.unsupported, "soft link \"\(name)\" -> \"\(target)\" (only hard links are followed)")
        case 64:
            throw HDF5Error(.unsupported, "external link \"\(name)\" (links into other files are not followed)")
        default:
            throw HDF5Error(.unsupported, "link \"\(name)\" of user-defined type \(type)")
        }
    }

    static func linkInfo(_ r: inout ByteReader) throws -> LinkInfo {
        let version = try r.u8("link info version")
        guard version == 0 else {
            throw HDF5Error(.unsupported, "\(r.location): link info message version \(version) (expected 0)")
        }
        let flags = try r.u8("link info flags")
        if flags & 0x01 != 0 { try r.skip(8, "maximum creation index") }
        let heap = try r.address("link fractal heap address")
        let index = try r.address("link name index address")
        return LinkInfo(tracksCreationOrder: flags & 0x01 != 0, heapAddress: heap, nameIndexAddress: index)
    }

    static func attributeInfo(_ r: inout ByteReader) throws -> AttributeInfo {
        let version = try r.u8("attribute info version")
        guard version == 0 else {
            throw HDF5Error(.unsupported, "\(r.location): attribute info message version \(version) (expected 0)")
        }
        let flags = try r.u8("attribute info flags")
        if flags & 0x01 != 0 { try r.skip(2, "maximum creation index") }
        let heap = try r.address("attribute fractal heap address")
        let index = try r.address("attribute name index address")
        return AttributeInfo(tracksCreationOrder: flags & 0x01 != 0, heapAddress: heap, nameIndexAddress: index)
    }

    /// The v1 B-tree and local heap addresses of an old-style group.
    static func symbolTable(_ r: inout ByteReader) throws -> (btree: UInt64, heap: UInt64) {
        (try r.address("symbol table B-tree address"), try r.address("symbol table local heap address"))
    }
}

/// Validation of link names read from a file.
enum GroupNames {
    /// A link name: non-empty UTF-8 without "/" (HDF5 forbids it; it would make paths ambiguous).
    static func decode(_ bytes: ArraySlice<UInt8>, _ location: String) throws -> String {
        guard !bytes.isEmpty else { throw HDF5Error(.corrupt, "\(location): a link with an empty name") }
        guard !bytes.contains(UInt8(ascii: "/")) else {
            throw HDF5Error(.corrupt, "\(location): the link name \"\(String(decoding: bytes, as: UTF8.self))\" contains \"/\"")
        }
        let name = String(decoding: bytes, as: UTF8.self)
        guard name.utf8.elementsEqual(bytes) else {
            throw HDF5Error(.corrupt, "\(location): a link name that is not valid UTF-8 (\(bytes.count) bytes)")
        }
        return name
    }
}
