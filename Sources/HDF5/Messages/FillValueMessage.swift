// Fill value messages: the old one (0x04) and the current one (0x05), versions 1 to 3. The
// value fills elements of storage that was never written.

enum FillValueMessage {
    /// The fill value bytes of the current message (0x05), or `nil` when it is undefined or
    /// the default (zeros).
    static func parse(_ r: inout ByteReader) throws -> [UInt8]? {
        let version = try r.u8("fill value version")
        switch version {
        case 1, 2:
            try r.skip(2, "allocation and write times")
            let defined = try r.u8("fill value defined")
            if version == 2 && defined == 0 { return nil }
            return try value(&r)
        case 3:
            let flags = try r.u8("fill value flags")
            return flags & 0x20 != 0 ? try value(&r) : nil
        default:
            throw HDF5Error(.unsupported, "\(r.location): fill value message version \(version) (expected 1 to 3)")
        }
    }

    /// The fill value bytes of the old message (0x04).
    static func parseOld(_ r: inout ByteReader) throws -> [UInt8]? {
        try value(&r)
    }

    private static func value(_ r: inout ByteReader) throws -> [UInt8]? {
        let size = Int(try r.u32("fill value size"))
        let bytes = try r.bytes(size, "fill value")
        return bytes.isEmpty ? nil : bytes
    }
}
