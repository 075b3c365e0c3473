import Testing
@testable import Keras

@Suite struct FlattenTests {
    @Test func layerChecks() throws {
        try checkLayer({ Flatten(dtype: $0) }, inputShape: [2, 3, 4], outputShape: [2, 12])
        try checkLayer({ Flatten(dataFormat: .channelsFirst, dtype: $0) }, inputShape: [2, 3, 2, 2], outputShape: [2, 12])
        try checkLayer({ Flatten(dtype: $0) }, inputShape: [3], outputShape: [3, 1])
    }

    @Test func channelsFirstMovesChannelsLastAsKeras() throws {
        let x = Tensor.arange(24).reshaped(to: [2, 3, 4])
        #expect(try Flatten()(x).doubles == (0..<24).map(Double.init))
        #expect(try Flatten(dataFormat: .channelsFirst)(x).doubles == [0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11, 12, 16, 20, 13, 17, 21, 14, 18, 22, 15, 19, 23])
    }

    @Test func symbolicShapes() throws {
        #expect(try Flatten()(Input(shape: [nil, 4])).shape == [nil, nil])
        #expect(try Flatten()(Input(shape: [3, 4, 5])).shape == [nil, 60])
        #expect(try Flatten()(Input(shape: [3], dtype: .int32)).dtype == .int32)
        expectKerasError(.incompatibleShape, containing: ["min_ndim=1"]) { _ = try Flatten()(Tensor(1.0)) }
    }
}
