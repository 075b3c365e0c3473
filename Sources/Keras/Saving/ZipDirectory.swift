// Reading a zip archive's structure from bytes that may be hostile. Every offset, length, size
// and count is checked against the bytes before it is used, in checked arithmetic, so a damaged
// or hostile archive is a thrown reason, never a trap, an out-of-bounds read or a huge
// allocation. (ZIPFoundation's in-memory reader is not used for reading: it traps on offsets
// past the end, converts 64-bit fields with trapping conversions, and its inflate loop spins
// forever on a truncated stream.)

/// The members of a zip archive as its central directory lists them, with the place of each
/// one's data checked to lie inside the archive.
///
/// Zip64 archives (64-bit sizes and offsets in extended information, ZIP64 end records) are
/// read; archives split over several disks, encrypted members and data before the first local
/// header that the offsets do not account for are refused.
struct ZipDirectory {
    struct Entry {
        /// The member's path inside the archive (`config.json`).
        let path: String
        /// 0 (STORED) or 8 (DEFLATE); others are listed and refused when read.
        let method: UInt16
        let crc32: UInt32
        /// Where the member's stored (possibly compressed) bytes are.
        let data: Range<Int>
        /// The size the member declares once decompressed.
        let uncompressedSize: UInt64
        /// Whether the member is a folder (its path ends in "/").
        var isDirectory: Bool { path.hasSuffix("/") }
    }

    /// Why bytes are not a readable archive.
    struct FormatError: Error {
        let reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// The most members an archive may list.
    static let maximumEntries = 100_000

    let entries: [Entry]

    /// Reads the end records and the central directory of `bytes`.
    ///
    /// - Throws: ``FormatError`` naming the first structure that is missing, damaged or points
    ///   outside the archive.
    init(_ bytes: [UInt8]) throws {
        let n = bytes.count
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> UInt64 {
            UInt64(bytes[at]) | UInt64(bytes[at + 1]) << 8 | UInt64(bytes[at + 2]) << 16 | UInt64(bytes[at + 3]) << 24
        }
        func u64(_ at: Int) -> UInt64 { u32(at) | u32(at + 4) << 32 }
        /// `value` as an offset or size inside the archive.
        func inside(_ value: UInt64, _ what: String) throws -> Int {
            guard value <= UInt64(n) else { throw FormatError("\(what) is \(value), past the end of the \(n)-byte archive") }
            return Int(value)
        }

        // End of central directory: the last signature with room for its record and comment.
        guard n >= 22 else { throw FormatError("it is too short to hold a zip end record") }
        var eocd = -1
        for at in stride(from: n - 22, through: max(0, n - 22 - 0xFFFF), by: -1)
        where bytes[at] == 0x50 && bytes[at + 1] == 0x4B && bytes[at + 2] == 0x05 && bytes[at + 3] == 0x06 && at + 22 + u16(at + 20) <= n {
            eocd = at
            break
        }
        guard eocd >= 0 else { throw FormatError("it has no end-of-central-directory record") }
        guard u16(eocd + 4) == 0 || u16(eocd + 4) == 0xFFFF, u16(eocd + 6) == 0 || u16(eocd + 6) == 0xFFFF else {
            throw FormatError("it is split over several disks")
        }
        var count = UInt64(u16(eocd + 10))
        var directorySize = u32(eocd + 12)
        var directoryOffset = u32(eocd + 16)
        // Where the central directory must end: at the ZIP64 end record, or at the end record.
        var directoryLimit = eocd
        if eocd >= 20, u32(eocd - 20) == 0x0706_4B50 {
            let locator = eocd - 20
            let record = try inside(u64(locator + 8), "the ZIP64 end record offset")
            guard record <= locator - 56, u32(record) == 0x0606_4B50 else {
                throw FormatError("its ZIP64 end-record locator points to \(record), where there is no ZIP64 end record")
            }
            count = u64(record + 32)
            directorySize = u64(record + 40)
            directoryOffset = u64(record + 48)
            directoryLimit = record
        }
        let start = try inside(directoryOffset, "the central directory offset")
        let size = try inside(directorySize, "the central directory size")
        guard start <= directoryLimit, size <= directoryLimit - start else {
            throw FormatError("the central directory (\(size) bytes at \(start)) runs past the end records at \(directoryLimit)")
        }
        guard count <= UInt64(size / 46) else {
            throw FormatError("it declares \(count) members, more than a \(size)-byte central directory can list")
        }
        guard count <= UInt64(Self.maximumEntries) else { throw FormatError("it has more than \(Self.maximumEntries) members") }

        var entries: [Entry] = []
        var at = start
        let end = start + size
        for index in 0..<Int(count) {
            guard end - at >= 46, u32(at) == 0x0201_4B50 else {
                throw FormatError("central directory entry \(index) at \(at) is missing or damaged")
            }
            let flags = u16(at + 8)
            let method = UInt16(u16(at + 10))
            let crc = UInt32(u32(at + 16))
            var compressed = u32(at + 20)
            var uncompressed = u32(at + 24)
            let nameLength = u16(at + 28), extraLength = u16(at + 30), commentLength = u16(at + 32)
            let disk = u16(at + 34)
            var localOffset = u32(at + 42)
            guard end - at - 46 >= nameLength + extraLength + commentLength else {
                throw FormatError("central directory entry \(index) runs past the end of the central directory")
            }
            let path = String(decoding: bytes[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            guard flags & 0x1 == 0 else { throw FormatError("the member \"\(path)\" is encrypted") }
            // ZIP64 extended information holds, in this order, the values whose 32-bit fields
            // are all ones.
            if uncompressed == 0xFFFF_FFFF || compressed == 0xFFFF_FFFF || localOffset == 0xFFFF_FFFF || disk == 0xFFFF {
                var extra = at + 46 + nameLength
                let extraEnd = extra + extraLength
                var found = false
                while extraEnd - extra >= 4 {
                    let id = u16(extra), length = u16(extra + 2)
                    guard extraEnd - extra - 4 >= length else { throw FormatError("the extra fields of \"\(path)\" run past their end") }
                    if id == 1 {
                        var field = extra + 4
                        let fieldEnd = field + length
                        func next(_ name: String) throws -> UInt64 {
                            guard fieldEnd - field >= 8 else { throw FormatError("the ZIP64 information of \"\(path)\" lacks its \(name)") }
                            defer { field += 8 }
                            return u64(field)
                        }
                        if uncompressed == 0xFFFF_FFFF { uncompressed = try next("uncompressed size") }
                        if compressed == 0xFFFF_FFFF { compressed = try next("compressed size") }
                        if localOffset == 0xFFFF_FFFF { localOffset = try next("local header offset") }
                        found = true
                        break
                    }
                    extra += 4 + length
                }
                guard found || (uncompressed != 0xFFFF_FFFF && compressed != 0xFFFF_FFFF && localOffset != 0xFFFF_FFFF) else {
                    throw FormatError("the member \"\(path)\" has ZIP64 markers but no ZIP64 information")
                }
            }
            // The local header, and the data after it, lie before the central directory.
            let local = try inside(localOffset, "the local header offset of \"\(path)\"")
            guard local <= start, start - local >= 30, u32(local) == 0x0403_4B50 else {
                throw FormatError("the local header of \"\(path)\" at \(local) is missing or damaged")
            }
            let dataStart = local + 30 + u16(local + 26) + u16(local + 28)
            let dataSize = try inside(compressed, "the compressed size of \"\(path)\"")
            guard dataStart <= start, dataSize <= start - dataStart else {
                throw FormatError("the data of \"\(path)\" (\(dataSize) bytes after its header at \(local)) runs into the central directory at \(start)")
            }
            guard UInt16(u16(local + 8)) == method else {
                throw FormatError("the local header and the central directory disagree on the compression of \"\(path)\"")
            }
            if method == 0 && UInt64(dataSize) != uncompressed {
                throw FormatError("the STORED member \"\(path)\" declares \(uncompressed) bytes but holds \(dataSize)")
            }
            entries.append(Entry(path: path, method: method, crc32: crc, data: dataStart..<(dataStart + dataSize), uncompressedSize: uncompressed))
            at += 46 + nameLength + extraLength + commentLength
        }
        self.entries = entries
    }
}
