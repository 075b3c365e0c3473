import Foundation
import ZIPFoundation
@testable import Keras

// Mutations of valid files that damaged or hostile files could show: generic byte damage, and
// aimed damage to the fields of zip and .npy structures that a reader trusts.

/// A field of a binary structure: where it is and how wide (2, 4 or 8 bytes, little-endian).
struct FuzzField {
    let offset: Int
    let width: Int
    let name: String
}

/// Byte-level damage anywhere in a file.
enum ByteMutator {
    /// Values a length, size, offset or count field must not be trusted with.
    static let hostile64: [UInt64] = [.max, 0xFFFF_FFFF_FFFF_FFF0, 0x8000_0000_0000_0000, 0x7FFF_FFFF_FFFF_FFFF,
                                      1 << 62, 1 << 40, 1 << 32, 0xFFFF_FFFF, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF, 0]
    static let hostile32: [UInt64] = [0xFFFF_FFFF, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFE, 0x0100_0000, 0xFFFF, 0]
    static let hostile16: [UInt64] = [0xFFFF, 0x7FFF, 0x8000, 0xFFFE, 0x0100, 0]

    /// Writes `value`'s low `width` bytes at `offset`, little-endian (clipped to the file).
    static func put(_ value: UInt64, width: Int, at offset: Int, in bytes: inout [UInt8]) {
        for k in 0..<width where offset + k < bytes.count && offset + k >= 0 {
            bytes[offset + k] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(k)))
        }
    }

    /// The little-endian value of `width` bytes at `offset`.
    static func get(width: Int, at offset: Int, in bytes: [UInt8]) -> UInt64 {
        var value: UInt64 = 0
        for k in 0..<width where offset + k < bytes.count { value |= UInt64(bytes[offset + k]) << (8 * UInt64(k)) }
        return value
    }

    /// A hostile value for a field of `width` bytes that now holds `old` in a file of `size` bytes.
    static func hostileValue(width: Int, old: UInt64, size: Int, using rng: inout SplitMix64) -> UInt64 {
        switch rng.int(0..<6) {
        case 0: return old &+ UInt64(bitPattern: Int64(rng.int(-3...3)))
        case 1: return UInt64(size) &+ UInt64(bitPattern: Int64(rng.int(-64...64)))
        case 2: return old &* 2 &+ 1
        default:
            switch width {
            case 8: return rng.pick(hostile64)
            case 4: return rng.pick(hostile32)
            default: return rng.pick(hostile16)
            }
        }
    }

    /// One mutant of `original`: one to three rounds of damage, half of it aimed at `fields`.
    static func mutate(_ original: [UInt8], fields: [FuzzField] = [], using rng: inout SplitMix64) -> (bytes: [UInt8], note: String) {
        var bytes = original
        var notes: [String] = []
        for _ in 0..<rng.int(1...3) where !bytes.isEmpty {
            func position(_ width: Int) -> Int {
                if !fields.isEmpty && rng.chance(0.5) {
                    return min(max(0, bytes.count - 1), rng.pick(fields).offset + rng.int(-2...2)).clamped(0, bytes.count - 1)
                }
                return rng.int(0..<max(1, bytes.count - width + 1))
            }
            switch rng.int(0..<10) {
            case 0:
                let length = rng.chance(0.3) && !fields.isEmpty ? rng.pick(fields).offset + rng.int(-4...4) : rng.int(0..<bytes.count)
                bytes = Array(bytes.prefix(max(0, length)))
                notes.append("truncated to \(bytes.count)")
            case 1:
                let n = rng.int(1...8)
                for _ in 0..<n { bytes[position(1)] ^= UInt8(1) << UInt8(rng.int(0..<8)) }
                notes.append("\(n) bit flips")
            case 2:
                let n = rng.int(1...8)
                for _ in 0..<n { bytes[position(1)] = UInt8(truncatingIfNeeded: rng.next()) }
                notes.append("\(n) random bytes")
            case 3, 4, 5:
                if !fields.isEmpty && rng.chance(0.75) {
                    let field = rng.pick(fields)
                    let value = hostileValue(width: field.width, old: get(width: field.width, at: field.offset, in: bytes), size: bytes.count, using: &rng)
                    put(value, width: field.width, at: field.offset, in: &bytes)
                    notes.append("\(field.name)@\(field.offset)=0x\(String(value, radix: 16))")
                } else {
                    let width = rng.pick([2, 4, 4, 8])
                    let value = hostileValue(width: width, old: 0, size: bytes.count, using: &rng)
                    let at = position(width)
                    put(value, width: width, at: at, in: &bytes)
                    notes.append("\(width) bytes@\(at)=0x\(String(value, radix: 16))")
                }
            case 6:
                let start = position(1)
                let length = min(bytes.count - start, rng.int(1...256))
                for i in start..<(start + length) { bytes[i] = 0 }
                notes.append("zeroed \(length)@\(start)")
            case 7:
                let length = min(bytes.count, rng.int(1...512))
                let source = rng.int(0...(bytes.count - length))
                let target = rng.int(0...(bytes.count - length))
                let region = Array(bytes[source..<(source + length)])
                if rng.chance(0.5) {
                    bytes.replaceSubrange(target..<(target + length), with: region)
                    notes.append("copied \(length) from \(source) to \(target)")
                } else {
                    bytes.insert(contentsOf: region, at: target)
                    notes.append("inserted \(length) from \(source) at \(target)")
                }
            case 8:
                let start = position(1)
                let length = min(bytes.count - start, rng.int(1...64))
                bytes.removeSubrange(start..<(start + length))
                notes.append("removed \(length)@\(start)")
            default:
                let n = rng.int(1...64)
                bytes += (0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
                notes.append("appended \(n)")
            }
        }
        return (bytes, notes.joined(separator: ", "))
    }
}

extension Int {
    func clamped(_ low: Int, _ high: Int) -> Int { Swift.max(low, Swift.min(high, self)) }
}

// MARK: - Zip

/// The fields of a well-formed zip archive that a reader trusts: signatures, sizes, offsets,
/// lengths and counts in the local headers, the central directory and the end records.
enum ZipFields {
    static func of(_ bytes: [UInt8]) -> [FuzzField] {
        func u32(_ at: Int) -> Int { Int(ByteMutator.get(width: 4, at: at, in: bytes)) }
        func u16(_ at: Int) -> Int { Int(ByteMutator.get(width: 2, at: at, in: bytes)) }
        var fields: [FuzzField] = []
        guard bytes.count >= 22 else { return fields }
        guard let eocd = (0...(bytes.count - 22)).reversed().first(where: { u32($0) == 0x0605_4B50 }) else { return fields }
        fields += [FuzzField(offset: eocd, width: 4, name: "eocd.signature"),
                   FuzzField(offset: eocd + 8, width: 2, name: "eocd.entriesOnDisk"),
                   FuzzField(offset: eocd + 10, width: 2, name: "eocd.entries"),
                   FuzzField(offset: eocd + 12, width: 4, name: "eocd.cdSize"),
                   FuzzField(offset: eocd + 16, width: 4, name: "eocd.cdOffset"),
                   FuzzField(offset: eocd + 20, width: 2, name: "eocd.commentLength")]
        if eocd >= 76, u32(eocd - 20) == 0x0706_4B50 {
            let record = eocd - 76
            fields += [FuzzField(offset: eocd - 20, width: 4, name: "zip64locator.signature"),
                       FuzzField(offset: eocd - 12, width: 8, name: "zip64locator.recordOffset"),
                       FuzzField(offset: record, width: 4, name: "zip64eocd.signature"),
                       FuzzField(offset: record + 4, width: 8, name: "zip64eocd.recordSize"),
                       FuzzField(offset: record + 14, width: 2, name: "zip64eocd.versionNeeded"),
                       FuzzField(offset: record + 24, width: 8, name: "zip64eocd.entriesOnDisk"),
                       FuzzField(offset: record + 32, width: 8, name: "zip64eocd.entries"),
                       FuzzField(offset: record + 40, width: 8, name: "zip64eocd.cdSize"),
                       FuzzField(offset: record + 48, width: 8, name: "zip64eocd.cdOffset")]
        }
        var at = u32(eocd + 16)
        var count = u16(eocd + 10)
        if eocd >= 76, u32(eocd - 20) == 0x0706_4B50 {
            at = Int(ByteMutator.get(width: 8, at: eocd - 76 + 48, in: bytes))
            count = Int(ByteMutator.get(width: 8, at: eocd - 76 + 32, in: bytes))
        }
        var locals: [Int] = []
        for _ in 0..<min(count, 1000) {
            guard at + 46 <= bytes.count, u32(at) == 0x0201_4B50 else {
                // A ZIP64 archive keeps the real directory offset in the ZIP64 record.
                break
            }
            let nameLength = u16(at + 28), extraLength = u16(at + 30), commentLength = u16(at + 32)
            fields += [FuzzField(offset: at, width: 4, name: "cd.signature"),
                       FuzzField(offset: at + 6, width: 2, name: "cd.versionNeeded"),
                       FuzzField(offset: at + 8, width: 2, name: "cd.flags"),
                       FuzzField(offset: at + 10, width: 2, name: "cd.method"),
                       FuzzField(offset: at + 16, width: 4, name: "cd.crc"),
                       FuzzField(offset: at + 20, width: 4, name: "cd.compressedSize"),
                       FuzzField(offset: at + 24, width: 4, name: "cd.uncompressedSize"),
                       FuzzField(offset: at + 28, width: 2, name: "cd.nameLength"),
                       FuzzField(offset: at + 30, width: 2, name: "cd.extraLength"),
                       FuzzField(offset: at + 32, width: 2, name: "cd.commentLength"),
                       FuzzField(offset: at + 38, width: 4, name: "cd.externalAttributes"),
                       FuzzField(offset: at + 42, width: 4, name: "cd.localHeaderOffset")]
            fields += extraFields(at: at + 46 + nameLength, length: extraLength, in: bytes, owner: "cd")
            var local = u32(at + 42)
            if local == 0xFFFF_FFFF, extraLength >= 28 { local = Int(ByteMutator.get(width: 8, at: at + 46 + nameLength + 20, in: bytes)) }
            locals.append(local)
            at += 46 + nameLength + extraLength + commentLength
        }
        for local in locals where local + 30 <= bytes.count && u32(local) == 0x0403_4B50 {
            fields += [FuzzField(offset: local, width: 4, name: "local.signature"),
                       FuzzField(offset: local + 6, width: 2, name: "local.flags"),
                       FuzzField(offset: local + 8, width: 2, name: "local.method"),
                       FuzzField(offset: local + 14, width: 4, name: "local.crc"),
                       FuzzField(offset: local + 18, width: 4, name: "local.compressedSize"),
                       FuzzField(offset: local + 22, width: 4, name: "local.uncompressedSize"),
                       FuzzField(offset: local + 26, width: 2, name: "local.nameLength"),
                       FuzzField(offset: local + 28, width: 2, name: "local.extraLength")]
            fields += extraFields(at: local + 30 + u16(local + 26), length: u16(local + 28), in: bytes, owner: "local")
        }
        return fields
    }

    /// The ZIP64 extended-information values inside an extra-field area.
    private static func extraFields(at start: Int, length: Int, in bytes: [UInt8], owner: String) -> [FuzzField] {
        var fields: [FuzzField] = []
        var at = start
        while at + 4 <= min(bytes.count, start + length) {
            let id = ByteMutator.get(width: 2, at: at, in: bytes), size = Int(ByteMutator.get(width: 2, at: at + 2, in: bytes))
            fields.append(FuzzField(offset: at + 2, width: 2, name: "\(owner).extra.size"))
            if id == 1 {
                for k in stride(from: 0, to: size - 7, by: 8) { fields.append(FuzzField(offset: at + 4 + k, width: 8, name: "\(owner).zip64[\(k / 8)]")) }
            }
            at += 4 + size
        }
        return fields
    }
}

/// One member of a hand-built zip archive, with sizes that may lie.
struct ZipMember {
    var path: String
    /// The bytes stored in the archive: the data itself (STORED) or raw DEFLATE.
    var payload: [UInt8]
    var method: UInt16
    var crc: UInt32
    var uncompressedSize: UInt64
    var compressedSize: UInt64

    /// A STORED member.
    static func stored(_ path: String, _ data: [UInt8]) -> ZipMember {
        ZipMember(path: path, payload: data, method: 0, crc: Data(data).crc32(checksum: 0),
                  uncompressedSize: UInt64(data.count), compressedSize: UInt64(data.count))
    }

    /// A DEFLATE member of `data`.
    static func deflated(_ path: String, _ data: [UInt8]) throws -> ZipMember {
        let source = Data(data)
        var out: [UInt8] = []
        let crc = try Data.compress(size: Int64(data.count), bufferSize: 1 << 16,
                                    provider: { position, size in source.subdata(in: Int(position)..<Int(position) + size) },
                                    consumer: { out += $0 })
        return ZipMember(path: path, payload: out, method: 8, crc: crc, uncompressedSize: UInt64(data.count), compressedSize: UInt64(out.count))
    }

    /// A DEFLATE member of `count` zero bytes, made without holding them in memory.
    static func deflatedZeros(_ path: String, count: Int) throws -> ZipMember {
        var out: [UInt8] = []
        let crc = try Data.compress(size: Int64(count), bufferSize: 1 << 16,
                                    provider: { _, size in Data(count: size) }, consumer: { out += $0 })
        return ZipMember(path: path, payload: out, method: 8, crc: crc, uncompressedSize: UInt64(count), compressedSize: UInt64(out.count))
    }
}

/// Zip archives built byte by byte, so that their sizes, offsets and ZIP64 fields can say
/// anything (ZIPFoundation's writer only writes the truth).
enum ZipBuilder {
    /// An archive of `members` in order; with `zip64`, every size and offset goes through ZIP64
    /// extended information and the ZIP64 end records, as large archives have them.
    static func archive(_ members: [ZipMember], zip64: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        func le(_ value: UInt64, _ width: Int, into bytes: inout [UInt8]) {
            for k in 0..<width { bytes.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(k)))) }
        }
        for member in members {
            let offset = UInt64(out.count)
            let name = Array(member.path.utf8)
            let version: UInt64 = zip64 ? 45 : 20
            var localExtra: [UInt8] = []
            var centralExtra: [UInt8] = []
            if zip64 {
                le(1, 2, into: &localExtra); le(16, 2, into: &localExtra)
                le(member.uncompressedSize, 8, into: &localExtra); le(member.compressedSize, 8, into: &localExtra)
                le(1, 2, into: &centralExtra); le(24, 2, into: &centralExtra)
                le(member.uncompressedSize, 8, into: &centralExtra); le(member.compressedSize, 8, into: &centralExtra)
                le(offset, 8, into: &centralExtra)
            }
            let small: (UInt64) -> UInt64 = { zip64 ? 0xFFFF_FFFF : $0 }
            // Local file header.
            le(0x0403_4B50, 4, into: &out); le(version, 2, into: &out); le(0, 2, into: &out)
            le(UInt64(member.method), 2, into: &out); le(0, 2, into: &out); le(0x21, 2, into: &out)
            le(UInt64(member.crc), 4, into: &out)
            le(small(member.compressedSize), 4, into: &out); le(small(member.uncompressedSize), 4, into: &out)
            le(UInt64(name.count), 2, into: &out); le(UInt64(localExtra.count), 2, into: &out)
            out += name + localExtra + member.payload
            // Central directory entry.
            le(0x0201_4B50, 4, into: &central); le(0x031E, 2, into: &central); le(version, 2, into: &central)
            le(0, 2, into: &central); le(UInt64(member.method), 2, into: &central); le(0, 2, into: &central)
            le(0x21, 2, into: &central); le(UInt64(member.crc), 4, into: &central)
            le(small(member.compressedSize), 4, into: &central); le(small(member.uncompressedSize), 4, into: &central)
            le(UInt64(name.count), 2, into: &central); le(UInt64(centralExtra.count), 2, into: &central)
            le(0, 2, into: &central); le(0, 2, into: &central); le(0, 2, into: &central)
            le(0o100644 << 16, 4, into: &central); le(small(offset), 4, into: &central)
            central += name + centralExtra
        }
        let cdOffset = UInt64(out.count)
        out += central
        if zip64 {
            let record = UInt64(out.count)
            le(0x0606_4B50, 4, into: &out); le(44, 8, into: &out); le(0x031E, 2, into: &out); le(45, 2, into: &out)
            le(0, 4, into: &out); le(0, 4, into: &out)
            le(UInt64(members.count), 8, into: &out); le(UInt64(members.count), 8, into: &out)
            le(UInt64(central.count), 8, into: &out); le(cdOffset, 8, into: &out)
            le(0x0706_4B50, 4, into: &out); le(0, 4, into: &out); le(record, 8, into: &out); le(1, 4, into: &out)
        }
        le(0x0605_4B50, 4, into: &out); le(0, 2, into: &out); le(0, 2, into: &out)
        le(zip64 ? 0xFFFF : UInt64(members.count), 2, into: &out); le(zip64 ? 0xFFFF : UInt64(members.count), 2, into: &out)
        le(zip64 ? 0xFFFF_FFFF : UInt64(central.count), 4, into: &out); le(zip64 ? 0xFFFF_FFFF : cdOffset, 4, into: &out)
        le(0, 2, into: &out)
        return out
    }
}

// MARK: - NPY

/// Aimed damage to `.npy` files: the version, the header length and the header's dict.
enum NPYMutator {
    static let hostileShapes = ["(1099511627776, 1099511627776)", "(0, 1099511627776, 1099511627776)",
                                "(9223372036854775807,)", "(9223372036854775808,)", "(-1,)", "(3, -4)", "()", "(,)",
                                "(4294967296, 4294967296, 0)", "(2, 3", "((2, 3), 4)", "(2.5,)", "(0x10,)", "(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33)",
                                "(3037000500, 3037000500)", "(2305843009213693952,)", "(" + String(repeating: "(", count: 5000) + ")"]
    static let hostileDescrs = ["'<f16'", "'>f4'", "'>f8'", "'|O'", "'<U10'", "'<c8'", "''", "'<'", "'f4'", "'|b1'", "'<V2'", "'<i2'", "'S'", "3"]
    static let hostileFortran = ["True", "False", "1", "None", "'yes'", ""]

    static func mutate(_ original: [UInt8], using rng: inout SplitMix64) -> (bytes: [UInt8], note: String) {
        guard original.count >= 10 else { return ByteMutator.mutate(original, using: &rng) }
        let headerLength = Int(original[8]) | Int(original[9]) << 8
        let fields = [FuzzField(offset: 6, width: 2, name: "version"), FuzzField(offset: 8, width: 2, name: "headerLength"),
                      FuzzField(offset: 8, width: 4, name: "headerLength32"), FuzzField(offset: 10 + headerLength, width: 8, name: "data")]
        switch rng.int(0..<4) {
        case 0, 1:
            // Rewrite one entry of the header dict, keeping the data.
            var header = String(decoding: original[10..<min(original.count, 10 + headerLength)], as: UTF8.self)
            let data = Array(original.dropFirst(10 + headerLength))
            let note: String
            switch rng.int(0..<5) {
            case 0, 1:
                let shape = rng.pick(hostileShapes)
                header = replacing(entry: "shape", in: header, with: shape)
                note = "shape \(shape.prefix(60))"
            case 2:
                let descr = rng.pick(hostileDescrs)
                header = replacing(entry: "descr", in: header, with: descr)
                note = "descr \(descr)"
            case 3:
                let fortran = rng.pick(hostileFortran)
                header = replacing(entry: "fortran_order", in: header, with: fortran)
                note = "fortran_order \(fortran)"
            default:
                let cut = rng.int(0...header.utf8.count)
                header = String(decoding: Array(header.utf8).prefix(cut), as: UTF8.self)
                note = "header cut at \(cut)"
            }
            let version = rng.pick([1, 1, 2, 3])
            var bytes: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, UInt8(version), 0]
            let length = header.utf8.count
            bytes += version == 1 ? [UInt8(length & 0xFF), UInt8((length >> 8) & 0xFF)]
                : [UInt8(length & 0xFF), UInt8((length >> 8) & 0xFF), UInt8((length >> 16) & 0xFF), UInt8(length >> 24)]
            bytes += Array(header.utf8) + data
            return (bytes, "v\(version) " + note)
        default:
            return ByteMutator.mutate(original, fields: fields, using: &rng)
        }
    }

    /// `header` with the value of `'key'` replaced by `value` (the entry is added when missing).
    static func replacing(entry key: String, in header: String, with value: String) -> String {
        let chars = Array(header)
        let pattern = Array("'\(key)':")
        guard let start = (0...max(0, chars.count - pattern.count)).first(where: { Array(chars[$0..<min($0 + pattern.count, chars.count)]) == pattern }) else {
            return "{'\(key)': \(value), " + header.drop { $0 == "{" }
        }
        var i = start + pattern.count, depth = 0
        while i < chars.count && chars[i] == " " { i += 1 }
        var j = i
        while j < chars.count {
            if chars[j] == "(" { depth += 1 }
            if chars[j] == ")" { depth -= 1 }
            if depth <= 0 && (chars[j] == "," || chars[j] == "}") { break }
            j += 1
        }
        return String(chars[..<i]) + value + String(chars[j...])
    }
}
