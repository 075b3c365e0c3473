import Testing
@testable import Keras

@Suite struct DigitsTests {
    @Test func bundledDigitsMatchScikitLearn() throws {
        let (images, labels) = try Datasets.digits()
        #expect(images.shape == [1797, 8, 8])
        #expect(labels.shape == [1797])
        // Class counts and first rows from ../shared/datasets/README.md and the CSV itself.
        let counts = (0..<10).map { c in labels.scalars(as: UInt8.self).filter { $0 == c }.count }
        #expect(counts == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
        #expect(Array(images.scalars(as: UInt8.self).prefix(8)) == [0, 0, 5, 13, 9, 1, 0, 0])
        #expect(Array(labels.scalars(as: UInt8.self).prefix(2)) == [0, 1])
    }

    @Test func inflateRejectsCorruptStreams() throws {
        #expect(throws: KerasError.self) { try Inflate.gunzip([0x1F, 0x8B, 8, 0] + [UInt8](repeating: 0, count: 20)) }
        #expect(throws: KerasError.self) { try Inflate.inflate([0xFF, 0xFF, 0xFF]) }
        // A stored block declaring more bytes than present.
        #expect(throws: KerasError.self) { try Inflate.inflate([0x01, 0x10, 0x00, 0xEF, 0xFF, 0x41]) }
    }

    @Test func inflateStopsAtTheOutputLimit() throws {
        // A stored block of 5 bytes "hello" with a 4-byte limit.
        let stored: [UInt8] = [0x01, 0x05, 0x00, 0xFA, 0xFF] + Array("hello".utf8)
        #expect(try Inflate.inflate(stored) == Array("hello".utf8))
        #expect(throws: KerasError.self) { try Inflate.inflate(stored, limit: 4) }
    }
}
