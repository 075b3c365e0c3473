import HDF5
import Testing

/// The DEFLATE decoder: zlib and gzip wrappers, checksums, limits and corrupt input.
@Suite struct InflateTests {
    @Test func zlibStreamsFromPythonInflate() throws {
        for (name, stream, text) in try ZlibSamples.all() {
            #expect(try Inflate.inflate(zlib: stream, limit: text.count) == text, "\(name)")
            // One byte short of the output is refused.
            #expect(throws: InflateError.self, "\(name)") { try Inflate.inflate(zlib: stream, limit: text.count - 1) }
        }
    }

    @Test func zlibTrailerAndHeaderAreChecked() throws {
        let (_, stream, _) = try #require(try ZlibSamples.all().last)
        var badAdler = stream
        badAdler[badAdler.count - 1] ^= 1
        let error = #expect(throws: InflateError.self) { try Inflate.inflate(zlib: badAdler, limit: 1 << 20) }
        #expect(error?.message.contains("Adler-32 mismatch") == true)
        var badHeader = stream
        badHeader[1] ^= 1
        #expect(throws: InflateError.self) { try Inflate.inflate(zlib: badHeader, limit: 1 << 20) }
        #expect(throws: InflateError.self) { try Inflate.inflate(zlib: Array(stream.dropLast(2)), limit: 1 << 20) }
    }

    @Test func rejectsCorruptStreams() throws {
        #expect(throws: InflateError.self) { try Inflate.gunzip([0x1F, 0x8B, 8, 0] + [UInt8](repeating: 0, count: 20)) }
        #expect(throws: InflateError.self) { try Inflate.inflate([0xFF, 0xFF, 0xFF]) }
        // A stored block declaring more bytes than present.
        #expect(throws: InflateError.self) { try Inflate.inflate([0x01, 0x10, 0x00, 0xEF, 0xFF, 0x41]) }
    }

    @Test func stopsAtTheOutputLimit() throws {
        // A stored block of 5 bytes "hello" with a 4-byte limit.
        let stored: [UInt8] = [0x01, 0x05, 0x00, 0xFA, 0xFF] + Array("hello".utf8)
        #expect(try Inflate.inflate(stored) == Array("hello".utf8))
        #expect(throws: InflateError.self) { try Inflate.inflate(stored, limit: 4) }
    }

    @Test func checksumsMatchKnownValues() {
        #expect(Inflate.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(Inflate.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
        #expect(Inflate.adler32([UInt8](repeating: 0xFF, count: 100_000)) == 0x149A_302C)
    }
}
