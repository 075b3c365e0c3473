import Testing
@testable import Keras

@Suite struct SoftmaxTests {
    @Test func layerChecks() throws {
        try checkLayer({ Softmax(dtype: $0) }, inputShape: [2, 3, 4], outputShape: [2, 3, 4])
        try checkLayer({ Softmax(axis: 1, dtype: $0) }, inputShape: [2, 3, 4], outputShape: [2, 3, 4])
        try checkLayer({ try Softmax(axes: [1, 2], dtype: $0) }, inputShape: [2, 3, 4], outputShape: [2, 3, 4])
    }

    @Test func matchesKeras() throws {
        let x = kerasReferenceInput
        expectClose(try Softmax()(x), [0.036829811, 0.16505976, 0.34943151, 0.44867894, 0.064160146, 0.13582703, 0.78163064, 0.018382192, 0.62206262, 1.0389504e-05, 0.00062690559, 0.37730005], shape: [3, 4])
        expectClose(try Softmax(axis: 0)(x), [7.4733878e-05, 0.094898961, 0.035449166, 0.0015001185, 0.00150107, 0.90037632, 0.91424608, 0.0007086058, 0.99842417, 0.0047247414, 0.050304759, 0.99779129])
        expectClose(try Softmax(axes: [0, 1])(x), [4.5836452e-05, 0.00020542473, 0.00043488396, 0.00055840204, 0.00092064939, 0.0019490147, 0.011215806, 0.00026377058, 0.61236221, 1.0227495e-05, 0.00061712967, 0.37141645])
    }

    @Test func maskedPositionsGetZeroAndAFullyMaskedRowIsZero() throws {
        let mask = Tensor([true, true, false, true, false, false, false, false, true, false, true, true], shape: [3, 4])
        let expected = [0.056611728, 0.25371617, 0, 0.68967205, 0, 0, 0, 0, 0.62206912, 0, 0.00062691211, 0.37730399]
        expectClose(try Softmax()(kerasReferenceInput, mask: mask), expected)
        // A float mask keeps the positions above 0.5.
        let floatMask = Tensor(mask.doubles.map { $0 * 0.9 }, shape: [3, 4])
        expectClose(try Softmax()(kerasReferenceInput, mask: floatMask), expected)
        // A mask that broadcasts: [3, 1] masks whole rows.
        let rows = Tensor([true, false, true], shape: [3, 1])
        let y = try Softmax()(kerasReferenceInput, mask: rows)
        #expect(Array(y.doubles[4..<8]) == [0, 0, 0, 0])
    }

    @Test func rejectsAMaskThatDoesNotBroadcast() {
        expectKerasError(.incompatibleShape, containing: ["(3, 5)", "(3, 4)"]) {
            _ = try Softmax()(kerasReferenceInput, mask: Tensor.ones([3, 5], dtype: .bool))
        }
        expectKerasError(.invalidArgument, containing: ["axes=[]"]) { _ = try Softmax(axes: []) }
        expectKerasError(.invalidArgument, containing: ["axis 2", "rank 2"]) { _ = try Softmax(axis: 2)(kerasReferenceInput) }
    }
}
