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
}
