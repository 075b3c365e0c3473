import Testing
@testable import Keras

/// The `///` examples of the normalization and attention layers, and those of their
/// LayerVocabulary sections, run as written.
@Suite struct NormAttentionDocumentationExamplesTests {
    @Test func normalizationExamples() throws {
        let bn = try BatchNormalization(momentum: 0.9)
        #expect(try bn(Tensor.ones([8, 4]), training: true).shape == [8, 4])
        expectClose(bn.movingMean!.value, [0.1, 0.1, 0.1, 0.1], tolerance: 1e-6)

        let norm = try LayerNormalization()
        #expect(try norm(Tensor.ones([2, 5, 8])).shape == [2, 5, 8])
        #expect(norm.weights.map(\.shape) == [[8], [8]])
        let image = try LayerNormalization(axes: [1, 2, 3])
        _ = try image(Tensor.ones([1, 4, 4, 3]))
        #expect(image.gamma!.shape == [4, 4, 3])
        #expect(try LayerNormalization(axes: [-2, -1], epsilon: 1e-6).axes == [-2, -1])
        #expect(try LayerNormalization(axis: -1, epsilon: 1e-6).epsilon == 1e-6)

        let groups = try GroupNormalization(groups: 4)
        #expect(try groups(Tensor.ones([2, 8, 8, 16])).shape == [2, 8, 8, 16])
        #expect(try GroupNormalization(groups: 8).groups == 8)

        let rms = try RMSNormalization()
        #expect(try rms(Tensor.ones([2, 7, 16])).shape == [2, 7, 16])
        #expect(rms.scale!.shape == [16] && rms.epsilon == 1e-6)
        #expect(try RMSNormalization(axes: [-2, -1]).axes == [-2, -1])
        #expect(try RMSNormalization(epsilon: 1e-5).epsilon == 1e-5)

        let unit = try UnitNormalization()
        expectClose(try unit(Tensor([3.0, 4], shape: [1, 2])), [0.6, 0.8], tolerance: 1e-6)
        #expect(try UnitNormalization(axes: [1, 2]).axes == [1, 2])
        #expect(try UnitNormalization(axis: 1).axes == [1])
    }

    @Test func attentionExamples() throws {
        let mha = try MultiHeadAttention(numHeads: 2, keyDim: 4)
        let x = Tensor.ones([3, 6, 8])
        #expect(try mha(query: x, value: x, useCausalMask: true).shape == [3, 6, 8])
        let (out, scores) = try mha.outputAndScores(query: x, value: x)
        #expect(out.shape == [3, 6, 8] && scores.shape == [3, 2, 6, 6])
        let tokens = Input(shape: [6, 8])
        #expect(try mha(query: tokens, value: tokens).shape == [nil, 6, 8])

        let gqa = try GroupQueryAttention(headDim: 4, numQueryHeads: 4, numKeyValueHeads: 2)
        #expect(try gqa(query: Tensor.ones([2, 5, 8]), value: Tensor.ones([2, 5, 8]), useCausalMask: true).shape == [2, 5, 8])
        #expect(gqa.name.hasPrefix("grouped_query_attention"))

        let attention = try Attention(useScale: true)
        let q = Tensor.ones([2, 3, 4]), v = Tensor.ones([2, 5, 4])
        #expect(try attention(query: q, value: v).shape == [2, 3, 4])
        let luong = try attention.outputAndScores(query: q, value: v, useCausalMask: true)
        #expect(luong.output.shape == [2, 3, 4] && luong.scores.shape == [2, 3, 5])
        #expect(try Attention.ScoreMode(keras: "concat") == .concat)

        let additive = try AdditiveAttention()
        #expect(try additive(query: q, value: v).shape == [2, 3, 4])
        #expect(additive.weights.map(\.shape) == [[4]])
    }

    @Test func vocabularyExamples() throws {
        #expect(try LayerNormalization(axes: [-2, -1], epsilon: 1e-6).axes == [-2, -1])
        #expect(try GroupNormalization(groups: 8).groups == 8)
        let mha = try MultiHeadAttention(numHeads: 4, keyDim: 16)
        let x = Input(shape: [10, 64])
        #expect(try mha(query: x, value: x, useCausalMask: true).shape == [nil, 10, 64])
        let (out, scores) = try mha.outputAndScores(query: Tensor.ones([2, 10, 64]), value: Tensor.ones([2, 10, 64]))
        #expect(out.shape == [2, 10, 64] && scores.shape == [2, 4, 10, 10])
    }
}
