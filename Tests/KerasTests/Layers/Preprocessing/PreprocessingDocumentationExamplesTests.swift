import Testing
@testable import Keras

/// The `///` and DocC examples of the preprocessing layers, run as written.
@Suite struct PreprocessingDocumentationExamplesTests {
    @Test func numericExamples() throws {
        let norm = try Normalization(axis: nil)
        try norm.adapt(Tensor([1.0, 2, 3, 4, 5]))
        expectClose(try norm(Tensor([1.0, 2, 3])), [-1.4142135, -0.70710677, 0])

        let bucket = try Discretization(binBoundaries: [0, 1, 2])
        #expect(try bucket(Tensor([-1.5, 1.0, 3.4, 0.5], shape: [1, 4])).scalars(as: Int32.self) == [0, 2, 3, 1])

        let rescale = try Rescaling(scale: 1.0 / 127.5, offset: -1)
        expectClose(try rescale(Tensor([0.0, 127.5, 255], shape: [1, 3])), [-1, 0, 1])
    }

    @Test func categoricalExamples() throws {
        let count = try CategoryEncoding(numTokens: 4, outputMode: .count)
        #expect(try count(Tensor([0, 1, 1, 3], shape: [1, 4])).doubles == [1, 2, 0, 1])
        let oneHot = try CategoryEncoding(numTokens: 4, outputMode: .oneHot)
        let y = try oneHot(Tensor([3, 2, 0, 1]))
        #expect(y.shape == [4, 4] && y.sum(axes: [1]).doubles == [1, 1, 1, 1])

        let hash = try Hashing(numBins: 3)
        #expect(try hash(strings: ["A", "B", "C", "D", "E"], shape: [5, 1]).scalars(as: Int64.self) == [1, 0, 1, 1, 2])
    }

    @Test func vocabularyExample() throws {
        let norm = try Normalization()
        try norm.adapt(Tensor([0.0, 7, 4, 2, 9, 6], shape: [2, 3]))
        expectClose(norm.adaptMean!.value, [1, 8, 5])
        let bins = try Discretization(numBins: 4)
        try bins.adapt(Tensor.arange(0, 100))
        #expect(bins.binBoundaries?.count == 3)
        let ids = try Hashing(numBins: 64)(strings: ["cat", "dog"])
        #expect(ids.shape == [2] && ids.dtype == .int64)
    }
}
