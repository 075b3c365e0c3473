import Testing
@testable import Keras

/// The `transformer` fixture (MultiHeadAttention self-attention, residual Adds, LayerNormalization,
/// a feed-forward block, GlobalAveragePooling1D and a Dense head), rebuilt in Swift with the
/// weights exported by `scripts/export_fixture_weights.py transformer`, reproduces Keras's output.
@Suite struct TransformerFixtureTests {
    @Test func transformerBlock() throws {
        let tokens = Input(shape: [6, 8], name: "tokens")
        let mha = try MultiHeadAttention(numHeads: 2, keyDim: 4, valueDim: 4, attentionAxes: [1], name: "mha")
        let ln1 = try LayerNormalization(axes: [-1], epsilon: 1e-3, name: "ln1")
        let ffn1 = try Dense(16, activation: .relu, name: "ffn1")
        let ffn2 = try Dense(8, name: "ffn2")
        let ln2 = try LayerNormalization(axes: [-1], epsilon: 1e-3, name: "ln2")
        let out = try Dense(2, name: "out")
        let attended = try mha(query: tokens, value: tokens)
        let res1 = try ln1(Add(name: "res1")([tokens, attended]))
        let res2 = try ln2(Add(name: "res2")([res1, ffn2(ffn1(res1))]))
        let pooled = try GlobalAveragePooling1D(name: "pool")(res2)
        let model = try Model(inputs: tokens, outputs: try out(pooled), name: "transformer")

        let paths = model.weights.map(\.path)
        #expect(paths == ["mha/query/kernel", "mha/query/bias", "mha/key/kernel", "mha/key/bias", "mha/value/kernel",
                          "mha/value/bias", "mha/attention_output/kernel", "mha/attention_output/bias", "ln1/gamma",
                          "ln1/beta", "ffn1/kernel", "ffn1/bias", "ffn2/kernel", "ffn2/bias", "ln2/gamma", "ln2/beta",
                          "out/kernel", "out/bias"])
        // Keras's weight files are named after the paths, in Keras's order.
        try model.setWeights(paths.map { try Fixtures.array("transformer", $0.replacingOccurrences(of: "/", with: "__")) })
        let y = try model(Fixtures.array("transformer", "in0"))
        expectClose(y, try Fixtures.array("transformer", "out0"), tolerance: 1e-5)
        #expect(model.layers.map(\.name) == ["tokens", "mha", "res1", "ln1", "ffn1", "ffn2", "res2", "ln2", "pool", "out"])
    }
}
