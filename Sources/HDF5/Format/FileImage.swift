// The file's bytes and the mapping from HDF5 addresses to offsets in them. All address
// arithmetic on file-derived values goes through here, with overflow and bounds checks.

/// The bytes of an HDF5 file and its base address.
struct FileImage: Sendable {
    let bytes: [UInt8]
    /// The byte offset that address 0 refers to (the superblock's position; 0 without a user block).
    let base: Int

    var count: Int { bytes.count }

    /// The file offset of `address`, checking that `length` bytes from there lie in the file.
    func offset(of address: UInt64, length: Int, _ what: @autoclosure () -> String) throws -> Int {
        guard address != .undefinedAddress else {
            throw HDF5Error(.corrupt, "\(what()) has an undefined address")
        }
        guard length >= 0, address <= UInt64(Int.max - base) else {
            throw HDF5Error(.truncated, "\(what()) at address \(hex(address)) lies beyond the end of the \(count)-byte file")
        }
        let start = base + Int(address)
        guard start <= count, length <= count - start else {
            throw HDF5Error(.truncated, "\(what()) at address \(hex(address)) needs \(length) bytes but the file has \(max(0, count - start)) from there (file size \(count))")
        }
        return start
    }

    /// The file range of `length` bytes at `address`.
    func range(at address: UInt64, length: Int, _ what: @autoclosure () -> String) throws -> Range<Int> {
        let start = try offset(of: address, length: length, what())
        return start..<(start + length)
    }

    /// A reader over exactly `length` bytes at `address`.
    func reader(at address: UInt64, length: Int, structure: StaticString) throws -> ByteReader {
        let r = try range(at: address, length: length, "the \(structure)")
        return ByteReader(bytes, range: r, structure: structure)
    }

    /// A reader from `address` to the end of the file (for structures whose size is in them).
    func reader(at address: UInt64, structure: StaticString) throws -> ByteReader {
        let start = try offset(of: address, length: 0, "the \(structure)")
        return ByteReader(bytes, range: start..<count, structure: structure)
    }

    /// A reader over the file range `range` (already checked).
    func reader(over range: Range<Int>, structure: StaticString, origin: Int? = nil) -> ByteReader {
        ByteReader(bytes, range: range, structure: structure, origin: origin)
    }

    /// The HDF5 address of file offset `offset` (for error messages).
    func address(ofOffset offset: Int) -> Int { offset - base }
}

/// A bound on the work of one parse: every structure read charges the bytes it scans, so
/// structures that point at each other (cycles, shared subtrees, overlapping blocks) cannot make
/// a small file cost unbounded time. Well-formed files scan each structure about once.
struct WorkBudget {
    private(set) var remaining: Int
    let total: Int

    /// A budget of `multiple` times the file size plus a constant floor.
    init(fileSize: Int, multiple: Int = 16, floor: Int = 1 << 22) {
        let (scaled, overflow) = fileSize.multipliedReportingOverflow(by: multiple)
        total = overflow ? Int.max / 2 : scaled + floor
        remaining = total
    }

    mutating func charge(_ bytes: Int, _ what: @autoclosure () -> String) throws {
        guard bytes <= remaining else {
            throw HDF5Error(.limitExceeded, "reading \(what()) would exceed the parse budget of \(total) bytes for this file; its structures reference each other far more than a well-formed file does")
        }
        remaining -= max(0, bytes)
    }
}
