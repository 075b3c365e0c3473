// The superblock (versions 0 to 3): where the file starts and where its root group is.

struct Superblock {
    let version: Int
    /// The file offset of address 0.
    let base: Int
    /// The root group's object header address.
    let rootAddress: UInt64
    /// The superblock extension's object header, when the file has one (versions 2 and 3).
    let extensionAddress: UInt64

    static let signature: [UInt8] = [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Finds the signature at 0, 512, 1024, 2048, ... and decodes the superblock there.
    static func read(_ bytes: [UInt8]) throws -> Superblock {
        var start = 0
        while !(start + 8 <= bytes.count && bytes[start..<(start + 8)].elementsEqual(signature)) {
            start = start == 0 ? 512 : start * 2
            guard start < bytes.count, start > 0 else {
                throw HDF5Error(.notHDF5, "no HDF5 signature (89 48 44 46 0D 0A 1A 0A) at offset 0, 512, 1024, ... of the \(bytes.count)-byte input")
            }
        }
        var r = ByteReader(bytes, range: start..<bytes.count, structure: "superblock")
        try r.skip(8, "signature")
        let version = Int(try r.u8("superblock version"))
        switch version {
        case 0, 1: return try versions0And1(&r, version: version, start: start)
        case 2, 3: return try versions2And3(&r, version: version, start: start)
        default: throw HDF5Error(.unsupported, "superblock version \(version) at \(hex(start)) (expected 0 to 3)")
        }
    }

    private static func checkSizes(offsets: UInt8, lengths: UInt8, _ r: ByteReader) throws {
        guard offsets == 8, lengths == 8 else {
            throw HDF5Error(.unsupported, "\(r.location): \(offsets)-byte addresses and \(lengths)-byte lengths (only 8 and 8, as h5py writes, are read)")
        }
    }

    private static func baseAndEOF(_ r: inout ByteReader, start: Int) throws -> Int {
        let base = try r.address("base address")
        guard base == 0 || base == UInt64(start) else {
            throw HDF5Error(.unsupported, "\(r.location): base address \(hex(base)) for a superblock at \(hex(start))")
        }
        return start
    }

    private static func checkEOF(_ eof: UInt64, base: Int, _ r: ByteReader) throws {
        // libhdf5 stores the end of file counting a user block, so compare with the whole size.
        let size = r.bytes.count
        guard eof != .undefinedAddress, eof <= UInt64(size) else {
            throw HDF5Error(.truncated, "\(r.location): the end-of-file address is \(eof) but the file has \(size) bytes (truncated file)")
        }
    }

    private static func versions0And1(_ r: inout ByteReader, version: Int, start: Int) throws -> Superblock {
        try r.skip(4, "free-space, root entry and shared-header versions")
        let offsets = try r.u8("size of offsets"), lengths = try r.u8("size of lengths")
        try checkSizes(offsets: offsets, lengths: lengths, r)
        try r.skip(1 + 2 + 2 + 4, "group K values and consistency flags")
        if version == 1 { try r.skip(4, "indexed storage K") }
        let base = try baseAndEOF(&r, start: start)
        try r.skip(8, "free-space info address")
        let eof = try r.address("end-of-file address")
        try checkEOF(eof, base: base, r)
        try r.skip(8, "driver info address")
        // Root group symbol table entry: name offset, object header address, cache, scratch.
        try r.skip(8, "root entry name offset")
        let root = try r.address("root object header address")
        try r.skip(4 + 4 + 16, "root entry cache")
        return Superblock(version: version, base: base, rootAddress: root, extensionAddress: .undefinedAddress)
    }

    private static func versions2And3(_ r: inout ByteReader, version: Int, start: Int) throws -> Superblock {
        let offsets = try r.u8("size of offsets"), lengths = try r.u8("size of lengths")
        try checkSizes(offsets: offsets, lengths: lengths, r)
        _ = try r.u8("file consistency flags")
        let base = try baseAndEOF(&r, start: start)
        let extensionAddress = try r.address("superblock extension address")
        let eof = try r.address("end-of-file address")
        let root = try r.address("root object header address")
        try r.require(4, "superblock checksum")
        try Checksum.verifyLookup3(r.bytes, start..<r.position, structure: "superblock")
        try checkEOF(eof, base: base, r)
        return Superblock(version: version, base: base, rootAddress: root, extensionAddress: extensionAddress)
    }
}
