// A DEFLATE (RFC 1951) decoder and the gzip (RFC 1952) wrapper around it, in plain Swift so
// that the package needs no system zlib to read its bundled data set. Hostile input is bounded:
// every read is checked, and the output may not grow past a caller-given limit.

/// Decompresses DEFLATE and gzip data.
enum Inflate {
    /// Decompresses a gzip file's bytes (one member; the CRC-32 and size trailer are checked).
    ///
    /// - Parameter limit: the largest output accepted, so a hostile file cannot exhaust memory.
    /// - Throws: ``KerasError`` naming what is wrong with the data.
    static func gunzip(_ bytes: [UInt8], limit: Int = 1 << 30) throws -> [UInt8] {
        guard bytes.count >= 18, bytes[0] == 0x1F, bytes[1] == 0x8B else {
            throw corrupt("not a gzip stream (it does not start with 1f 8b)")
        }
        guard bytes[2] == 8 else { throw corrupt("gzip compression method \(bytes[2]) is not deflate (8)") }
        let flags = bytes[3]
        var offset = 10
        if flags & 0x04 != 0 {                        // FEXTRA
            guard offset + 2 <= bytes.count else { throw corrupt("truncated gzip header") }
            offset += 2 + Int(bytes[offset]) | Int(bytes[offset + 1]) << 8
        }
        for flag in [UInt8(0x08), 0x10] where flags & flag != 0 {   // FNAME, FCOMMENT: zero-terminated
            while offset < bytes.count && bytes[offset] != 0 { offset += 1 }
            offset += 1
        }
        if flags & 0x02 != 0 { offset += 2 }           // FHCRC
        guard offset < bytes.count - 8 else { throw corrupt("truncated gzip header") }
        var reader = BitReader(bytes: bytes, start: offset, end: bytes.count - 8)
        let output = try inflate(&reader, limit: limit)
        let trailer = bytes.count - 8
        let crc = littleEndian32(bytes, trailer)
        let size = littleEndian32(bytes, trailer + 4)
        guard crc == crc32(output) else { throw corrupt("gzip CRC-32 mismatch") }
        guard size == UInt32(truncatingIfNeeded: output.count) else { throw corrupt("gzip size mismatch") }
        return output
    }

    /// Decompresses a raw DEFLATE stream.
    static func inflate(_ bytes: [UInt8], limit: Int = 1 << 30) throws -> [UInt8] {
        var reader = BitReader(bytes: bytes, start: 0, end: bytes.count)
        return try inflate(&reader, limit: limit)
    }

    /// The CRC-32 (IEEE) of `bytes`.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in bytes { crc = crcTable[Int((crc ^ UInt32(b)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }

    private static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    private static func littleEndian32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }

    static func corrupt(_ what: String) -> KerasError {
        KerasError(.invalidConfig, "Cannot decompress the data: \(what).")
    }

    // MARK: DEFLATE

    private static let lengthBase: [Int] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
                                            35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra: [Int] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
                                             3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBase: [Int] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
                                              257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
                                              8193, 12289, 16385, 24577]
    private static let distanceExtra: [Int] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
                                               7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    private static func inflate(_ reader: inout BitReader, limit: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        var isLast = false
        while !isLast {
            isLast = try reader.bits(1) == 1
            switch try reader.bits(2) {
            case 0:
                reader.alignToByte()
                let len = try reader.bits(16), nlen = try reader.bits(16)
                guard len == ~nlen & 0xFFFF else { throw corrupt("stored block length check failed") }
                guard out.count + len <= limit else { throw corrupt("output larger than \(limit) bytes") }
                out += try reader.bytes(len)
            case 1:
                try decodeBlock(&reader, &out, literal: fixedLiteral, distance: fixedDistance, limit: limit)
            case 2:
                let (literal, distance) = try dynamicTables(&reader)
                try decodeBlock(&reader, &out, literal: literal, distance: distance, limit: limit)
            default:
                throw corrupt("reserved block type 3")
            }
        }
        return out
    }

    private static func decodeBlock(_ reader: inout BitReader, _ out: inout [UInt8],
                                    literal: Huffman, distance: Huffman, limit: Int) throws {
        while true {
            let symbol = try literal.decode(&reader)
            if symbol < 256 {
                guard out.count < limit else { throw corrupt("output larger than \(limit) bytes") }
                out.append(UInt8(symbol))
            } else if symbol == 256 {
                return
            } else {
                let li = symbol - 257
                guard li < lengthBase.count else { throw corrupt("invalid length symbol \(symbol)") }
                let length = lengthBase[li] + (try reader.bits(lengthExtra[li]))
                let di = try distance.decode(&reader)
                guard di < distanceBase.count else { throw corrupt("invalid distance symbol \(di)") }
                let dist = distanceBase[di] + (try reader.bits(distanceExtra[di]))
                guard dist <= out.count else { throw corrupt("distance \(dist) reaches before the start") }
                guard out.count + length <= limit else { throw corrupt("output larger than \(limit) bytes") }
                let start = out.count - dist
                for k in 0..<length { out.append(out[start + k]) }
            }
        }
    }

    private static func dynamicTables(_ reader: inout BitReader) throws -> (Huffman, Huffman) {
        let hlit = try reader.bits(5) + 257, hdist = try reader.bits(5) + 1, hclen = try reader.bits(4) + 4
        var codeLengths = [Int](repeating: 0, count: 19)
        for i in 0..<hclen { codeLengths[codeLengthOrder[i]] = try reader.bits(3) }
        let codeLengthCode = try Huffman(lengths: codeLengths)
        var lengths: [Int] = []
        while lengths.count < hlit + hdist {
            let symbol = try codeLengthCode.decode(&reader)
            switch symbol {
            case 0..<16: lengths.append(symbol)
            case 16:
                guard let previous = lengths.last else { throw corrupt("repeat with no previous length") }
                lengths += Array(repeating: previous, count: 3 + (try reader.bits(2)))
            case 17: lengths += Array(repeating: 0, count: 3 + (try reader.bits(3)))
            default: lengths += Array(repeating: 0, count: 11 + (try reader.bits(7)))
            }
        }
        guard lengths.count == hlit + hdist else { throw corrupt("code lengths overrun") }
        return (try Huffman(lengths: Array(lengths[..<hlit])), try Huffman(lengths: Array(lengths[hlit...])))
    }

    private static let fixedLiteral = try! Huffman(lengths: (0..<288).map { $0 < 144 ? 8 : $0 < 256 ? 9 : $0 < 280 ? 7 : 8 })
    private static let fixedDistance = try! Huffman(lengths: Array(repeating: 5, count: 30))
}

/// A canonical Huffman code, decoded bit by bit (counts per length, symbols in code order).
private struct Huffman {
    var counts = [Int](repeating: 0, count: 16)
    var symbols: [Int] = []

    init(lengths: [Int]) throws {
        for l in lengths { counts[l] += 1 }
        counts[0] = 0
        var offsets = [Int](repeating: 0, count: 16)
        for l in 1..<16 { offsets[l] = offsets[l - 1] + counts[l - 1] }
        symbols = [Int](repeating: 0, count: lengths.count)
        for (s, l) in lengths.enumerated() where l > 0 {
            symbols[offsets[l]] = s
            offsets[l] += 1
        }
    }

    func decode(_ reader: inout BitReader) throws -> Int {
        var code = 0, first = 0, index = 0
        for length in 1..<16 {
            code |= try reader.bits(1)
            let count = counts[length]
            if code - first < count { return symbols[index + code - first] }
            index += count
            first = (first + count) << 1
            code <<= 1
        }
        throw Inflate.corrupt("invalid Huffman code")
    }
}

/// Reads bits least-significant first, as DEFLATE packs them.
private struct BitReader {
    let bytes: [UInt8]
    var position: Int
    let end: Int
    var bitBuffer = 0
    var bitCount = 0

    init(bytes: [UInt8], start: Int, end: Int) {
        self.bytes = bytes
        self.position = start
        self.end = end
    }

    mutating func bits(_ n: Int) throws -> Int {
        while bitCount < n {
            guard position < end else { throw Inflate.corrupt("unexpected end of data") }
            bitBuffer |= Int(bytes[position]) << bitCount
            position += 1
            bitCount += 8
        }
        let value = bitBuffer & ((1 << n) - 1)
        bitBuffer >>= n
        bitCount -= n
        return value
    }

    mutating func alignToByte() {
        bitBuffer = 0
        bitCount = 0
    }

    mutating func bytes(_ n: Int) throws -> [UInt8] {
        guard n <= end - position else { throw Inflate.corrupt("unexpected end of data") }
        defer { position += n }
        return Array(bytes[position..<position + n])
    }
}
