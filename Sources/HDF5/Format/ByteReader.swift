// A bounds-checked little-endian cursor over a window of the file. Every read checks the window
// before touching a byte, so a hostile length or offset becomes a thrown error, never a trap.

/// A cursor over `bytes[position..<end]` that reads little-endian fields.
struct ByteReader {
    let bytes: [UInt8]
    private(set) var position: Int
    /// One past the last readable byte.
    let end: Int
    /// What is being read, for error messages ("object header", "B-tree node" ...).
    let structure: StaticString
    /// The file offset of the structure's start, for error messages.
    let origin: Int

    /// A reader over `range`, which the caller has checked lies inside `bytes`.
    init(_ bytes: [UInt8], range: Range<Int>, structure: StaticString, origin: Int? = nil) {
        self.bytes = bytes
        let lower = max(0, min(range.lowerBound, bytes.count))
        self.position = lower
        self.end = max(lower, min(range.upperBound, bytes.count))
        self.structure = structure
        self.origin = origin ?? lower
    }

    /// Bytes left in the window.
    var remaining: Int { end - position }

    /// Where the structure is, as error messages say it.
    var location: String { "\(structure) at \(hex(origin))" }

    func truncated(_ needed: Int, _ field: String) -> HDF5Error {
        HDF5Error(.truncated, "\(location): the \(field) needs \(needed) bytes at offset \(hex(position)), but only \(remaining) remain in the structure")
    }

    mutating func require(_ count: Int, _ field: @autoclosure () -> String) throws {
        guard count >= 0, count <= end - position else { throw truncated(count, field()) }
    }

    mutating func skip(_ count: Int, _ field: @autoclosure () -> String = "skipped field") throws {
        try require(count, field())
        position += count
    }

    /// Moves to `offset` bytes after the window start check: `offset` must lie in the window.
    mutating func seek(to absolute: Int) throws {
        guard absolute >= 0, absolute <= end else {
            throw HDF5Error(.corrupt, "\(location): a field points to offset \(hex(absolute)), outside the structure (which ends at \(hex(end)))")
        }
        position = absolute
    }

    mutating func u8(_ field: @autoclosure () -> String = "byte") throws -> UInt8 {
        try require(1, field())
        defer { position += 1 }
        return bytes[position]
    }

    mutating func u16(_ field: @autoclosure () -> String = "16-bit field") throws -> Int {
        try require(2, field())
        defer { position += 2 }
        return Int(bytes[position]) | Int(bytes[position + 1]) << 8
    }

    mutating func u32(_ field: @autoclosure () -> String = "32-bit field") throws -> UInt32 {
        try require(4, field())
        defer { position += 4 }
        return UInt32(bytes[position]) | UInt32(bytes[position + 1]) << 8
            | UInt32(bytes[position + 2]) << 16 | UInt32(bytes[position + 3]) << 24
    }

    mutating func u64(_ field: @autoclosure () -> String = "64-bit field") throws -> UInt64 {
        try uint(width: 8, field())
    }

    /// An unsigned little-endian integer of `width` bytes (0...8).
    mutating func uint(width: Int, _ field: @autoclosure () -> String = "variable-size field") throws -> UInt64 {
        guard (0...8).contains(width) else {
            throw HDF5Error(.corrupt, "\(location): a \(field()) of \(width) bytes is wider than 8")
        }
        try require(width, field())
        var value: UInt64 = 0
        for i in 0..<width { value |= UInt64(bytes[position + i]) << (8 * UInt64(i)) }
        position += width
        return value
    }

    /// A count or size of `width` bytes that must fit in `Int` and not exceed `maximum`.
    mutating func count(width: Int, maximum: Int, _ field: @autoclosure () -> String) throws -> Int {
        let name = field()
        let value = try uint(width: width, name)
        guard value <= UInt64(maximum) else {
            throw HDF5Error(.corrupt, "\(location): the \(name) is \(value), more than the \(maximum) the structure or file can hold")
        }
        return Int(value)
    }

    /// An address field (8 bytes); ``UInt64/undefinedAddress`` marks "none".
    mutating func address(_ field: @autoclosure () -> String = "address") throws -> UInt64 {
        try uint(width: 8, field())
    }

    /// A length field (8 bytes) that must fit in `Int` and not exceed `maximum`.
    mutating func length(maximum: Int, _ field: @autoclosure () -> String) throws -> Int {
        try count(width: 8, maximum: maximum, field())
    }

    /// The range of the next `count` bytes, consumed without copying.
    mutating func range(_ count: Int, _ field: @autoclosure () -> String) throws -> Range<Int> {
        try require(count, field())
        defer { position += count }
        return position..<(position + count)
    }

    /// A copy of the next `count` bytes.
    mutating func bytes(_ count: Int, _ field: @autoclosure () -> String) throws -> [UInt8] {
        let r = try range(count, field())
        return Array(bytes[r])
    }

    /// Checks a 4-byte signature such as `"OHDR"`.
    mutating func signature(_ expected: StaticString) throws {
        let count = expected.utf8CodeUnitCount
        try require(count, "signature \"\(expected)\"")
        let matches = expected.withUTF8Buffer { sig in
            (0..<count).allSatisfy { bytes[position + $0] == sig[$0] }
        }
        guard matches else {
            let found = bytes[position..<(position + count)].map { b in
                (0x20..<0x7F).contains(b) ? String(UnicodeScalar(b)) : "\\x" + String(b, radix: 16)
            }.joined()
            throw HDF5Error(.corrupt, "\(location): expected the signature \"\(expected)\" but found \"\(found)\"")
        }
        position += count
    }

    /// Advances to the next multiple of 8 relative to `base` (v1 message padding).
    mutating func align8(from base: Int) throws {
        let misalignment = (position - base) & 7
        if misalignment != 0 { try skip(8 - misalignment, "alignment padding") }
    }
}

extension UInt64 {
    /// HDF5's "undefined address": all bits set.
    static let undefinedAddress = UInt64.max
}

/// `value` rounded up to a multiple of 8; `nil` on overflow.
@inline(__always)
func paddedTo8(_ value: Int) -> Int? {
    let (sum, overflow) = value.addingReportingOverflow(7)
    return overflow ? nil : sum & ~7
}
