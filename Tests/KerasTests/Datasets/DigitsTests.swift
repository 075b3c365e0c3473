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
}
