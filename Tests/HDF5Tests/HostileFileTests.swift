import HDF5
import Testing

/// Specific hostile shapes: each must give a thrown `HDF5Error` of the right kind, quickly,
/// without allocating what the file claims.
@Suite struct HostileFileTests {
    /// Replaces the first occurrence of `pattern` in `bytes` by `replacement` (same length).
    static func patched(_ bytes: [UInt8], _ pattern: [UInt8], _ replacement: [UInt8], after start: Int = 0) throws -> [UInt8] {
        let n = pattern.count
        let at = try #require((start...(bytes.count - n)).first { bytes[$0..<($0 + n)].elementsEqual(pattern) }, "pattern not found")
        var out = bytes
        out.replaceSubrange(at..<(at + n), with: replacement)
        return out
    }

    static func u64(_ v: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: v >> (8 * UInt64($0))) } }

    @Test func nestingIsBounded() throws {
        func nested(_ depth: Int) throws -> [UInt8] {
            let w = HDF5Writer()
            _ = try w.root.group(Array(repeating: "g", count: depth).joined(separator: "/"))
            return try w.bytes()
        }
        let deep = try HDF5File(bytes: nested(64))
        #expect(deep.root[Array(repeating: "g", count: 64).joined(separator: "/")]?.group != nil)
        let error = #expect(throws: HDF5Error.self) { try HDF5File(bytes: nested(65)) }
        #expect(error?.kind == .limitExceeded)
    }

    @Test func hugeDimensionsThrowInsteadOfAllocating() throws {
        let w = HDF5Writer()
        try w.root.createDataset("stored", shape: [12345], datatype: .integer(bytes: 1, signed: false),
                                 littleEndianBytes: [UInt8](repeating: 7, count: 12345))
        try w.root.createDataset("empty", shape: [0, 54321], floats: [])
        let bytes = try w.bytes()
        // 2^60 elements of stored data: the layout's 12,345 bytes cannot hold them.
        let big = try Self.patched(bytes, Self.u64(12345), Self.u64(1 << 60))
        let f1 = try HDF5File(bytes: big)
        let e1 = #expect(throws: HDF5Error.self) { try f1.root.dataset("stored").readRawLittleEndian() }
        #expect(e1?.kind == .corrupt)
        #expect(e1?.message.contains("contiguous storage of 12345 bytes") == true, "\(e1?.message ?? "")")
        // An unwritten dataset claiming 2^40 x 54321 elements: too much to synthesize.
        let unwritten = try Self.patched(bytes, Self.u64(0) + Self.u64(54321), Self.u64(1 << 40) + Self.u64(54321))
        let f2 = try HDF5File(bytes: unwritten)
        let e2 = #expect(throws: HDF5Error.self) { try f2.root.dataset("empty").readFloats() }
        #expect(e2?.kind == .limitExceeded)
        // 2^62 x 2^62 elements overflow the element count: rejected when the file is opened.
        let overflow = try Self.patched(bytes, Self.u64(0) + Self.u64(54321), Self.u64(1 << 62) + Self.u64(1 << 62))
        let e3 = #expect(throws: HDF5Error.self) { try HDF5File(bytes: overflow) }
        #expect(e3?.kind == .limitExceeded)
    }

    @Test func groupCyclesAreRejected() throws {
        let w = HDF5Writer()
        _ = try w.root.group("a/b")
        var bytes = try w.bytes()
        // The superblock's root entry holds the root header address at offset 64.
        let rootHeader = Array(bytes[64..<72])
        // Point group "b" (the only entry of a's symbol table node) back at the root.
        let snods = (0..<(bytes.count - 4)).filter { bytes[$0..<($0 + 4)].elementsEqual("SNOD".utf8) }
        for node in snods where bytes[node + 6] == 1 {
            let entryAddress = node + 8 + 8
            let target = Array(bytes[entryAddress..<(entryAddress + 8)])
            if target != rootHeader { bytes.replaceSubrange(entryAddress..<(entryAddress + 8), with: rootHeader) }
        }
        let error = #expect(throws: HDF5Error.self) { try HDF5File(bytes: bytes) }
        #expect(error?.kind == .corrupt)
        #expect(error?.message.contains("cycle") == true, "\(error?.message ?? "")")
    }

    @Test func everyTruncationThrows() throws {
        let original = try Fixtures.bytes("keras3/tiny_sequential.weights.h5")
        var rejected = 0
        for length in stride(from: 0, to: original.count, by: 7) {
            do {
                let file = try HDF5File(bytes: Array(original.prefix(length)))
                try TreeWalk.readEverything(file)
            } catch is HDF5Error {
                rejected += 1
            }
        }
        // The end-of-file address makes every truncation detectable.
        #expect(rejected == (original.count + 6) / 7)
    }

    @Test func notHDF5IsSaidPlainly() throws {
        let error = #expect(throws: HDF5Error.self) { try HDF5File(bytes: Array("PK\u{3}\u{4} a zip file".utf8)) }
        #expect(error?.kind == .notHDF5)
        let missing = #expect(throws: HDF5Error.self) { try HDF5File(path: "/nonexistent/model.h5") }
        #expect(missing?.kind == .io)
    }
}
