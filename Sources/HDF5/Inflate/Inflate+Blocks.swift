// The DEFLATE block decoder: stored, fixed-Huffman and dynamic-Huffman blocks.

extension Inflate {
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

    // The fixed codes of RFC 1951 section 3.2.6 are valid by construction.
    private static let fixedLiteral = HuffmanCode(validLengths: (0..<288).map { $0 < 144 ? 8 : $0 < 256 ? 9 : $0 < 280 ? 7 : 8 })
    private static let fixedDistance = HuffmanCode(validLengths: Array(repeating: 5, count: 30))

    /// Decodes blocks until the last one; `reader` is left just after it.
    static func inflateBlocks(_ reader: inout BitReader, limit: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(max(0, min(limit, max(1024, reader.byteCount * 4))))
        var isLast = false
        while !isLast {
            isLast = try reader.bits(1) == 1
            switch try reader.bits(2) {
            case 0:
                reader.alignToByte()
                let len = try reader.bits(16), nlen = try reader.bits(16)
                guard len == ~nlen & 0xFFFF else { throw reader.error("stored block length check failed") }
                guard len <= limit - out.count else { throw reader.error("output larger than the limit of \(limit) bytes") }
                try reader.copyBytes(len, into: &out)
            case 1:
                try decodeBlock(&reader, &out, literal: fixedLiteral, distance: fixedDistance, limit: limit)
            case 2:
                let (literal, distance) = try dynamicCodes(&reader)
                try decodeBlock(&reader, &out, literal: literal, distance: distance, limit: limit)
            default:
                throw reader.error("reserved block type 3")
            }
        }
        return out
    }

    private static func decodeBlock(_ reader: inout BitReader, _ out: inout [UInt8],
                                    literal: HuffmanCode, distance: HuffmanCode, limit: Int) throws {
        while true {
            let symbol = try literal.decode(&reader)
            if symbol < 256 {
                guard out.count < limit else { throw reader.error("output larger than the limit of \(limit) bytes") }
                out.append(UInt8(truncatingIfNeeded: symbol))
            } else if symbol == 256 {
                return
            } else {
                let li = symbol - 257
                guard li < lengthBase.count else { throw reader.error("invalid length symbol \(symbol)") }
                let length = lengthBase[li] + (try reader.bits(lengthExtra[li]))
                let di = try distance.decode(&reader)
                guard di < distanceBase.count else { throw reader.error("invalid distance symbol \(di)") }
                let dist = distanceBase[di] + (try reader.bits(distanceExtra[di]))
                guard dist <= out.count else { throw reader.error("distance \(dist) reaches before the start of the output") }
                guard length <= limit - out.count else { throw reader.error("output larger than the limit of \(limit) bytes") }
                let start = out.count - dist
                for k in 0..<length { out.append(out[start + k]) }
            }
        }
    }

    private static func dynamicCodes(_ reader: inout BitReader) throws -> (HuffmanCode, HuffmanCode) {
        let hlit = try reader.bits(5) + 257, hdist = try reader.bits(5) + 1, hclen = try reader.bits(4) + 4
        guard hlit <= 286, hdist <= 30 else { throw reader.error("dynamic block declares \(hlit) literal and \(hdist) distance codes (at most 286 and 30)") }
        var codeLengths = [Int](repeating: 0, count: 19)
        for i in 0..<hclen { codeLengths[codeLengthOrder[i]] = try reader.bits(3) }
        let codeLengthCode = try HuffmanCode(lengths: codeLengths, reader: reader)
        var lengths: [Int] = []
        lengths.reserveCapacity(hlit + hdist)
        while lengths.count < hlit + hdist {
            let symbol = try codeLengthCode.decode(&reader)
            let repeated: Int, count: Int
            switch symbol {
            case 0..<16:
                lengths.append(symbol)
                continue
            case 16:
                guard let previous = lengths.last else { throw reader.error("a repeat code with no previous length") }
                repeated = previous
                count = 3 + (try reader.bits(2))
            case 17:
                repeated = 0
                count = 3 + (try reader.bits(3))
            default:
                repeated = 0
                count = 11 + (try reader.bits(7))
            }
            guard count <= hlit + hdist - lengths.count else { throw reader.error("code lengths overrun the declared count") }
            lengths += repeatElement(repeated, count: count)
        }
        guard lengths[256] != 0 else { throw reader.error("the literal code has no end-of-block symbol") }
        return (try HuffmanCode(lengths: Array(lengths[..<hlit]), reader: reader),
                try HuffmanCode(lengths: Array(lengths[hlit...]), reader: reader))
    }
}
