// DEFLATE (RFC 1951) with its zlib (RFC 1950) and gzip (RFC 1952) wrappers, in plain Swift so
// that the package needs no system zlib. Hostile input is bounded: every read is checked and
// the output may not grow past a caller-given limit.

/// Decompresses DEFLATE data: raw, zlib-wrapped (HDF5's deflate filter) or gzip-wrapped.
///
/// Every function takes a `limit`, the largest output accepted, so a hostile stream cannot
/// exhaust memory; going past it throws ``InflateError``.
///
/// ```swift
/// let text = try Inflate.gunzip(fileBytes, limit: 1 << 22)
/// let chunk = try Inflate.inflate(zlib: compressedChunk, limit: chunkByteCount)
/// ```
public enum Inflate {
    /// Decompresses a raw DEFLATE stream (no header or trailer).
    ///
    /// - Parameters:
    ///   - bytes: the compressed stream.
    ///   - limit: the largest output accepted.
    /// - Throws: ``InflateError`` for malformed data or output past `limit`.
    public static func inflate(_ bytes: [UInt8], limit: Int = 1 << 30) throws -> [UInt8] {
        var reader = BitReader(bytes[...])
        return try inflateBlocks(&reader, limit: limit)
    }

    /// Decompresses a zlib stream (RFC 1950): 2-byte header, DEFLATE data, Adler-32 trailer,
    /// which is checked. This is the format of HDF5's deflate filter.
    ///
    /// - Parameters:
    ///   - bytes: the zlib stream.
    ///   - limit: the largest output accepted.
    /// - Throws: ``InflateError`` for a bad header, malformed data, a checksum mismatch or
    ///   output past `limit`.
    public static func inflate(zlib bytes: ArraySlice<UInt8>, limit: Int) throws -> [UInt8] {
        let start = bytes.startIndex
        guard bytes.count >= 6 else { throw InflateError("a zlib stream needs at least 6 bytes, found \(bytes.count)", offset: 0) }
        let cmf = bytes[start], flg = bytes[start + 1]
        guard cmf & 0x0F == 8 else { throw InflateError("zlib compression method \(cmf & 0x0F) is not deflate (8)", offset: 0) }
        guard cmf >> 4 <= 7 else { throw InflateError("zlib window size exponent \(cmf >> 4) is larger than 7", offset: 0) }
        guard (UInt16(cmf) << 8 | UInt16(flg)) % 31 == 0 else { throw InflateError("zlib header check bits are wrong", offset: 1) }
        guard flg & 0x20 == 0 else { throw InflateError("zlib preset dictionaries are not supported", offset: 1) }
        var reader = BitReader(bytes[(start + 2)...])
        let output = try inflateBlocks(&reader, limit: limit)
        let trailer = reader.byteOffsetAfterAlignment
        guard bytes.endIndex - trailer >= 4 else {
            throw InflateError("the zlib stream ends before its Adler-32 trailer", offset: trailer - start)
        }
        let stored = UInt32(bytes[trailer]) << 24 | UInt32(bytes[trailer + 1]) << 16
            | UInt32(bytes[trailer + 2]) << 8 | UInt32(bytes[trailer + 3])
        let computed = adler32(output)
        guard stored == computed else {
            throw InflateError("zlib Adler-32 mismatch: stored \(hex(stored)), computed \(hex(computed))", offset: trailer - start)
        }
        return output
    }

    /// Decompresses a zlib stream (RFC 1950): the same as the `ArraySlice` form, for an array.
    ///
    /// - Throws: ``InflateError`` as the `ArraySlice` form does.
    public static func inflate(zlib bytes: [UInt8], limit: Int) throws -> [UInt8] {
        try inflate(zlib: bytes[...], limit: limit)
    }

    /// Decompresses a gzip file's bytes (one member; the CRC-32 and size trailer are checked).
    ///
    /// - Parameters:
    ///   - bytes: the gzip file.
    ///   - limit: the largest output accepted, so a hostile file cannot exhaust memory.
    /// - Throws: ``InflateError`` naming what is wrong with the data.
    public static func gunzip(_ bytes: [UInt8], limit: Int = 1 << 30) throws -> [UInt8] {
        guard bytes.count >= 18, bytes[0] == 0x1F, bytes[1] == 0x8B else {
            throw InflateError("not a gzip stream (it does not start with 1f 8b)", offset: 0)
        }
        guard bytes[2] == 8 else { throw InflateError("gzip compression method \(bytes[2]) is not deflate (8)", offset: 2) }
        let flags = bytes[3]
        var offset = 10
        if flags & 0x04 != 0 {                        // FEXTRA: 2-byte length, then that many bytes
            guard offset + 2 <= bytes.count else { throw InflateError("truncated gzip header", offset: offset) }
            offset += 2 + (Int(bytes[offset]) | Int(bytes[offset + 1]) << 8)
        }
        for flag in [UInt8(0x08), 0x10] where flags & flag != 0 {   // FNAME, FCOMMENT: zero-terminated
            while offset < bytes.count && bytes[offset] != 0 { offset += 1 }
            offset += 1
        }
        if flags & 0x02 != 0 { offset += 2 }           // FHCRC
        guard offset < bytes.count - 8 else { throw InflateError("truncated gzip header", offset: min(offset, bytes.count)) }
        var reader = BitReader(bytes[offset..<(bytes.count - 8)])
        let output = try inflateBlocks(&reader, limit: limit)
        let trailer = bytes.count - 8
        let crc = littleEndian32(bytes, trailer)
        let size = littleEndian32(bytes, trailer + 4)
        guard crc == crc32(output) else { throw InflateError("gzip CRC-32 mismatch", offset: trailer) }
        guard size == UInt32(truncatingIfNeeded: output.count) else { throw InflateError("gzip size mismatch", offset: trailer + 4) }
        return output
    }

    /// The CRC-32 (IEEE 802.3, as gzip and zip use) of `bytes`.
    public static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in bytes { crc = crcTable[Int((crc ^ UInt32(b)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }

    /// The Adler-32 checksum (as zlib uses) of `bytes`.
    public static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        var index = 0
        while index < bytes.count {
            // 5552 is the largest run for which b cannot overflow 32 bits before the reduction.
            let stop = min(bytes.count, index + 5552)
            while index < stop {
                a &+= UInt32(bytes[index])
                b &+= a
                index += 1
            }
            a %= 65521
            b %= 65521
        }
        return b << 16 | a
    }

    private static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    private static func littleEndian32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }
}
