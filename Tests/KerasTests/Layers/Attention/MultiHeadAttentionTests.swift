import Testing
@testable import Keras

/// MultiHeadAttention's Keras details beyond the numbers: sublayer names and paths, the
/// initializer's einsum fans, output masks, call arguments recorded for the graph.
@Suite struct MultiHeadAttentionTests {
    /// Keras's EinsumDense gives variance-scaling kernels the fans of their einsum axes: the
    /// query kernel [6, 2, 3] has fan-in 6 and fan-out 2 × 3, not the convolution-style fans.
    @Test func kernelInitializerUsesEinsumFans() throws {
        let mha = try MultiHeadAttention(numHeads: 2, keyDim: 3, kernelInitializer: .glorotUniform(seed: 5), name: "fans")
        _ = try mha(query: Tensor.ones([1, 4, 6]), value: Tensor.ones([1, 4, 6]))
        let expected = try Initializer.glorotUniform(seed: 5, inputAxes: [0], outputAxes: [1, 2])([6, 2, 3])
        #expect(mha.queryDense!.kernel!.value.doubles == expected.doubles)
        let output = try Initializer.glorotUniform(seed: 5, inputAxes: [0, 1], outputAxes: [2])([2, 3, 6])
        #expect(mha.outputDense!.kernel!.value.doubles == output.doubles)
        // A non-scaling initializer is used as given.
        let constant = try MultiHeadAttention(numHeads: 1, keyDim: 2, kernelInitializer: .constant(0.5))
        _ = try constant(query: Tensor.ones([1, 2, 3]), value: Tensor.ones([1, 2, 3]))
        #expect(constant.keyDense!.kernel!.value.doubles.allSatisfy { $0 == 0.5 })
    }

    @Test func sublayersAndPaths() throws {
        let mha = try MultiHeadAttention(numHeads: 2, keyDim: 3, useGate: true, name: "block")
        _ = try mha(query: Input(shape: [4, 6]), value: Input(shape: [5, 6]))
        #expect(mha.weights.map(\.path) == ["block/query/kernel", "block/query/bias", "block/key/kernel", "block/key/bias",
                                             "block/gate/kernel", "block/gate/bias", "block/value/kernel", "block/value/bias",
                                             "block/attention_output/kernel", "block/attention_output/bias"])
        #expect([mha.queryDense, mha.keyDense, mha.gateDense, mha.valueDense, mha.outputDense].map { $0?.equation } ==
                ["abc,cde->abde", "abc,cde->abde", "abc,cde->abde", "abc,cde->abde", "abcd,cde->abe"])
        let gqa = try GroupQueryAttention(headDim: 2, numQueryHeads: 2, numKeyValueHeads: 1)
        #expect(gqa.name.hasPrefix("grouped_query_attention") && gqa.className == "GroupQueryAttention")
    }

    /// The output carries the query's mask (Keras sets it on the attention output); the scores none.
    @Test func outputMaskIsTheQueryMask() throws {
        let mha = try MultiHeadAttention(numHeads: 1, keyDim: 2)
        let q = Tensor.ones([1, 3, 4]), v = Tensor.ones([1, 2, 4])
        let queryMask = Tensor([true, false, true], shape: [1, 3])
        let plain = try mha.invoke([q, v], training: false, masks: [queryMask, nil])
        #expect(plain.masks.count == 1 && plain.masks[0]?.doubles == [1, 0, 1])
        let withScores = try mha.invokeAttention([q, v], masks: [queryMask, nil], call: AttentionCall(returnAttentionScores: true), training: false)
        #expect(withScores.count == 2)
        let attention = try Attention()
        let outputs = try attention.invoke([q, v], training: false, masks: [queryMask, Tensor([true, true], shape: [1, 2])])
        #expect(outputs.masks.count == 1 && outputs.masks[0]?.doubles == [1, 0, 1])
    }

    /// Call arguments given symbolically are what the model graph runs with.
    @Test func graphRunsWithTheRecordedCallArguments() throws {
        let mha = try MultiHeadAttention(numHeads: 2, keyDim: 2, name: "causal_block")
        let x = Input(shape: [4, 4]), k = Input(shape: [4, 3])
        let (out, scores) = try mha.outputAndScores(query: x, value: x, key: k, useCausalMask: true)
        #expect(out.shape == [nil, 4, 4] && scores.shape == [nil, 2, 4, 4])
        let model = try Model(inputs: [x, k], outputs: [out, scores])
        var data = TestData(3)
        let xv = data.tensor([2, 4, 4]), kv = data.tensor([2, 4, 3])
        let graph = try model.allOutputs([xv, kv])
        let direct = try mha.outputAndScores(query: xv, value: xv, key: kv, useCausalMask: true)
        expectClose(graph[0], direct.output, tolerance: 0)
        expectClose(graph[1], direct.scores, tolerance: 0)
        // Causal: nothing attends to a later position.
        let s = graph[1].doubles
        for b in 0..<2 { for h in 0..<2 { for i in 0..<4 { for j in (i + 1)..<4 where j < 4 {
            #expect(s[((b * 2 + h) * 4 + i) * 4 + j] == 0)
        } } } }
    }
}
