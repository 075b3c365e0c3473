import Testing
@testable import Keras

/// `checkLayer` for every preprocessing layer: symbolic and concrete shapes, weights, inference
/// determinism, training mode, and gradients where the layer is differentiable.
@Suite struct PreprocessingLayerChecks {
    @Test func normalization() throws {
        try checkLayer({ try Normalization(mean: Tensor([1.0, -2, 0.5]), variance: Tensor([4.0, 0.25, 1]), dtype: $0) },
                       inputShape: [4, 3], outputShape: [4, 3])
        try checkLayer({ try Normalization(dtype: $0) }, inputShape: [4, 3], outputShape: [4, 3],
                       weightShapes: [[3], [3], []], trainableCount: 0)
        try checkLayer({ try Normalization(axis: nil, invert: true, dtype: $0) }, inputShape: [2, 3, 2], outputShape: [2, 3, 2],
                       weightShapes: [[], [], []], trainableCount: 0)
        try checkLayer({ try Normalization(axis: [1, -1], dtype: $0) }, inputShape: [2, 3, 2], outputShape: [2, 3, 2],
                       weightShapes: [[3, 2], [3, 2], []], trainableCount: 0)
    }

    @Test func discretization() throws {
        try checkLayer({ _ in try Discretization(binBoundaries: [-0.5, 0, 0.5]) }, inputShape: [2, 5], outputShape: [2, 5],
                       gradientCheck: false)
        try checkLayer({ _ in try Discretization(binBoundaries: [0], outputMode: .oneHot) }, inputShape: [2, 5],
                       outputShape: [2, 5, 2], gradientCheck: false)
        try checkLayer({ _ in try Discretization(binBoundaries: [0, 0.5], outputMode: .count) }, inputShape: [2, 5],
                       outputShape: [2, 3], gradientCheck: false)
    }

    @Test func rescaling() throws {
        try checkLayer({ try Rescaling(scale: 1.0 / 127.5, offset: -1, dtype: $0) }, inputShape: [2, 4, 4, 3], outputShape: [2, 4, 4, 3])
        try checkLayer({ try Rescaling(scale: Tensor([0.5, 2, -1]), offset: Tensor(0.25), dtype: $0) },
                       inputShape: [2, 3], outputShape: [2, 3])
    }

    @Test func categoryEncoding() throws {
        let indices = Tensor([0, 1, 1, 3, 2, 2, 0, 3], shape: [2, 4], dtype: .int32)
        try checkLayer({ _ in try CategoryEncoding(numTokens: 4) }, inputShape: [2, 4], outputShape: [2, 4],
                       gradientCheck: false, input: indices, inputDType: .int32)
        try checkLayer({ _ in try CategoryEncoding(numTokens: 5, outputMode: .oneHot) }, inputShape: [2, 4],
                       outputShape: [2, 4, 5], gradientCheck: false, input: indices, inputDType: .int32)
        try checkLayer({ _ in try CategoryEncoding(numTokens: 4, outputMode: .count) }, inputShape: [2, 4],
                       outputShape: [2, 4], gradientCheck: false, input: indices, inputDType: .int32)
    }

    @Test func hashing() throws {
        let values = Tensor([0, 1, 12, 3, -2, 2, 0, 3], shape: [2, 4], dtype: .int64)
        try checkLayer({ _ in try Hashing(numBins: 10) }, inputShape: [2, 4], outputShape: [2, 4],
                       gradientCheck: false, input: values, inputDType: .int64)
        try checkLayer({ _ in try Hashing(numBins: 6, salt: [7], outputMode: .multiHot) }, inputShape: [2, 4],
                       outputShape: [2, 6], gradientCheck: false, input: values, inputDType: .int64)
        try checkLayer({ _ in try Hashing(numBins: 6, maskValue: "0", outputMode: .count) }, inputShape: [2, 4],
                       outputShape: [2, 6], gradientCheck: false, input: values, inputDType: .int64)
    }

    @Test func integerLookup() throws {
        let tokens = Tensor([12, 36, 7, 42, 1138, 12, 0, 5], shape: [2, 4], dtype: .int64)
        let vocabulary: [Int64] = [12, 36, 1138, 42]
        try checkLayer({ _ in try IntegerLookup(vocabulary: vocabulary) }, inputShape: [2, 4], outputShape: [2, 4],
                       gradientCheck: false, input: tokens, inputDType: .int64)
        try checkLayer({ _ in try IntegerLookup(vocabulary: vocabulary, outputMode: .multiHot) }, inputShape: [2, 4],
                       outputShape: [2, 5], gradientCheck: false, input: tokens, inputDType: .int64)
        try checkLayer({ _ in try IntegerLookup(maskToken: 0, vocabulary: vocabulary, outputMode: .oneHot) }, inputShape: [2, 4],
                       outputShape: [2, 4, 5], gradientCheck: false, input: tokens, inputDType: .int64)
        try checkLayer({ _ in try IntegerLookup(vocabulary: vocabulary, idfWeights: [1, 2, 3, 4], outputMode: .tfIdf) },
                       inputShape: [2, 4], outputShape: [2, 5], gradientCheck: false, input: tokens, inputDType: .int64)
        try checkLayer({ _ in try IntegerLookup(vocabulary: vocabulary, invert: true) }, inputShape: [2, 4], outputShape: [2, 4],
                       gradientCheck: false, input: Tensor([0, 1, 2, 3, 4, 5, 1, 2], shape: [2, 4], dtype: .int64), inputDType: .int64)
    }

    @Test func integerLookupRoundTripsThroughInvert() throws {
        let forward = try IntegerLookup(numOOVIndices: 2, maskToken: 0)
        try forward.adapt(Tensor([3, 3, 3, 9, 9, 4, 0, 0, 0, 0], dtype: .int64))
        #expect(forward.vocabulary() == [0, -1, -1, 3, 9, 4])
        #expect(forward.vocabulary(includeSpecialTokens: false) == [3, 9, 4])
        let inverse = try IntegerLookup(numOOVIndices: 2, maskToken: 0, vocabulary: forward.vocabulary(), invert: true)
        let tokens = Tensor([4, 9, 0, 3], dtype: .int64)
        #expect(try inverse(forward(tokens)).scalars(as: Int64.self) == [4, 9, 0, 3])
        // A second adapt starts afresh.
        try forward.adapt(Tensor([8, 8, 6], dtype: .int64))
        #expect(forward.vocabulary(includeSpecialTokens: false) == [8, 6])
    }
}
