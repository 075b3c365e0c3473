import Testing
@testable import Keras

/// Misuse of the attention layers throws a KerasError naming the layer, the argument and the
/// shapes.
@Suite struct AttentionErrorTests {
    @Test func invalidArgumentsAtInit() {
        expectKerasError(.invalidArgument, containing: ["num_heads", "num_heads=0"]) { _ = try MultiHeadAttention(numHeads: 0, keyDim: 2) }
        expectKerasError(.invalidArgument, containing: ["key_dim", "key_dim=-1"]) { _ = try MultiHeadAttention(numHeads: 2, keyDim: -1) }
        expectKerasError(.invalidArgument, containing: ["value_dim", "value_dim=0"]) { _ = try MultiHeadAttention(numHeads: 2, keyDim: 2, valueDim: 0) }
        expectKerasError(.invalidArgument, containing: ["MultiHeadAttention", "rate=1.5"]) { _ = try MultiHeadAttention(numHeads: 2, keyDim: 2, dropout: 1.5) }
        expectKerasError(.invalidArgument, containing: ["attention_axes", "[1, 1]"]) { _ = try MultiHeadAttention(numHeads: 2, keyDim: 2, attentionAxes: [1, 1]) }
        expectKerasError(.invalidArgument, containing: ["attention_axes", "[]"]) { _ = try MultiHeadAttention(numHeads: 2, keyDim: 2, attentionAxes: []) }
        expectKerasError(.invalidArgument, containing: ["output_shape", "[0]"]) { _ = try MultiHeadAttention(numHeads: 2, keyDim: 2, outputShape: [0]) }
        expectKerasError(.invalidArgument, containing: ["sliding_window=0"]) { _ = try MultiHeadAttention(numHeads: 2, keyDim: 2, slidingWindow: 0) }
        expectKerasError(.invalidArgument, containing: ["num_query_heads", "divisible", "num_key_value_heads=2"]) {
            _ = try GroupQueryAttention(headDim: 2, numQueryHeads: 3, numKeyValueHeads: 2)
        }
        expectKerasError(.invalidArgument, containing: ["head_dim=0"]) { _ = try GroupQueryAttention(headDim: 0, numQueryHeads: 2, numKeyValueHeads: 2) }
        expectKerasError(.invalidArgument, containing: ["score_mode", "{'dot', 'concat'}", "score_mode=bahdanau"]) { _ = try Attention.ScoreMode(keras: "bahdanau") }
        expectKerasError(.invalidArgument, containing: ["Attention", "rate=-0.1"]) { _ = try Attention(dropout: -0.1) }
        expectKerasError(.invalidArgument, containing: ["AdditiveAttention", "rate=2.0"]) { _ = try AdditiveAttention(dropout: 2) }
    }

    @Test func mismatchedBatchSizes() throws {
        let mha = try MultiHeadAttention(numHeads: 2, keyDim: 2, name: "mha_batch")
        expectKerasError(.incompatibleShape, containing: ["\"mha_batch\"", "MultiHeadAttention", "(2, 3, 4)", "(3, 5, 4)", "batch sizes differ (2 vs 3)"]) {
            _ = try mha(query: Tensor.ones([2, 3, 4]), value: Tensor.ones([3, 5, 4]))
        }
        expectKerasError(.incompatibleShape, containing: ["\"mha_batch\"", "key of shape (4, 5, 4)", "batch sizes differ"]) {
            _ = try mha(query: Tensor.ones([2, 3, 4]), value: Tensor.ones([2, 5, 4]), key: Tensor.ones([4, 5, 4]))
        }
        let symbolic = try MultiHeadAttention(numHeads: 2, keyDim: 2, name: "mha_symbolic")
        expectKerasError(.incompatibleShape, containing: ["\"mha_symbolic\"", "(8, 3, 4)", "(16, 5, 4)"]) {
            _ = try symbolic(query: Input(shape: [3, 4], batchSize: 8), value: Input(shape: [5, 4], batchSize: 16))
        }
        let gqa = try GroupQueryAttention(headDim: 2, numQueryHeads: 2, numKeyValueHeads: 1, name: "gqa_batch")
        expectKerasError(.incompatibleShape, containing: ["\"gqa_batch\"", "batch sizes differ (1 vs 2)"]) {
            _ = try gqa(query: Tensor.ones([1, 3, 4]), value: Tensor.ones([2, 5, 4]))
        }
        let attention = try Attention(name: "attention_batch")
        expectKerasError(.incompatibleShape, containing: ["\"attention_batch\"", "(2, 3, 4)", "(5, 3, 4)"]) {
            _ = try attention(query: Tensor.ones([2, 3, 4]), value: Tensor.ones([5, 3, 4]))
        }
    }

    @Test func shapesThatDoNotFit() throws {
        expectKerasError(.incompatibleShape, containing: ["\"mha_kv\"", "value_shape=(2, 5, 4) and key_shape=(2, 6, 4)"]) {
            _ = try MultiHeadAttention(numHeads: 1, keyDim: 2, name: "mha_kv")(query: Tensor.ones([2, 3, 4]), value: Tensor.ones([2, 5, 4]), key: Tensor.ones([2, 6, 4]))
        }
        expectKerasError(.incompatibleShape, containing: ["\"mha_rank\"", "at least 3", "query (None, 4)"]) {
            _ = try MultiHeadAttention(numHeads: 1, keyDim: 2, name: "mha_rank")(query: Input(shape: [4]), value: Input(shape: [4]))
        }
        expectKerasError(.incompatibleShape, containing: ["\"mha_amask\"", "attention mask of shape (2, 3, 4)", "(2, 1, 3, 5)"]) {
            _ = try MultiHeadAttention(numHeads: 1, keyDim: 2, name: "mha_amask")(query: Tensor.ones([2, 3, 4]), value: Tensor.ones([2, 5, 4]), attentionMask: Tensor.ones([2, 3, 4], dtype: .bool))
        }
        expectKerasError(.incompatibleShape, containing: ["\"gqa_dims\"", "last dimension", "(None, 3, 4)", "(None, 5, 6)"]) {
            _ = try GroupQueryAttention(headDim: 2, numQueryHeads: 2, numKeyValueHeads: 1, name: "gqa_dims")(query: Input(shape: [3, 4]), value: Input(shape: [5, 6]))
        }
        expectKerasError(.incompatibleShape, containing: ["\"dot_features\"", "last sizes 4 and 3"]) {
            _ = try Attention(name: "dot_features")(query: Tensor.ones([2, 3, 4]), value: Tensor.ones([2, 5, 3]))
        }
        expectKerasError(.invalidArgument, containing: ["\"mha_list\"", "list of inputs", "received 1 input"]) {
            _ = try MultiHeadAttention(numHeads: 1, keyDim: 2, name: "mha_list")([Tensor.ones([2, 3, 4])])
        }
    }

    @Test func invalidAttentionAxes() throws {
        expectKerasError(.invalidArgument, containing: ["\"mha_axes\"", "attention_axes=[3]", "(None, 3, 4)", "1..<2"]) {
            _ = try MultiHeadAttention(numHeads: 1, keyDim: 2, attentionAxes: [3], name: "mha_axes")(query: Input(shape: [3, 4]), value: Input(shape: [3, 4]))
        }
        // -1 is the feature axis, never a positions axis.
        expectKerasError(.invalidArgument, containing: ["\"mha_feature_axis\"", "attention_axes=[-1]", "(2, 3, 4)"]) {
            _ = try MultiHeadAttention(numHeads: 1, keyDim: 2, attentionAxes: [-1], name: "mha_feature_axis")(query: Tensor.ones([2, 3, 4]), value: Tensor.ones([2, 3, 4]))
        }
        expectKerasError(.invalidArgument, containing: ["\"mha_same_axis\"", "attention_axes=[1, -3]", "twice"]) {
            _ = try MultiHeadAttention(numHeads: 1, keyDim: 2, attentionAxes: [1, -3], name: "mha_same_axis")(query: Tensor.ones([2, 3, 2, 4]), value: Tensor.ones([2, 3, 2, 4]))
        }
    }

    /// A layer shared by symbolic calls with different call arguments is refused, since the graph
    /// keeps one set of arguments per layer.
    @Test func sharedWithDifferentCallArguments() throws {
        let mha = try MultiHeadAttention(numHeads: 1, keyDim: 2, name: "mha_shared")
        let x = Input(shape: [3, 4])
        _ = try mha(query: x, value: x, useCausalMask: true)
        _ = try mha(query: x, value: x, useCausalMask: true)
        expectKerasError(.unsupported, containing: ["\"mha_shared\"", "use_causal_mask: true", "use_causal_mask: false"]) {
            _ = try mha(query: x, value: x)
        }
    }
}
