import Testing
@testable import Keras

/// Keras's `run_layer_test` for each attention layer (several inputs and outputs), gradients with
/// respect to the inputs and every weight included (float64).
@Suite struct AttentionLayerChecks {
    /// `[query, value]` run as `outputAndScores` with a causal mask, concretely and symbolically.
    static func mhaScores(_ l: Layer, _ x: [Tensor], _ training: Bool) throws -> [Tensor] {
        let r = try (l as! MultiHeadAttention).outputAndScores(query: x[0], value: x[1], useCausalMask: true, training: training)
        return [r.output, r.scores]
    }
    static func mhaScores(_ l: Layer, _ x: [KerasTensor]) throws -> [KerasTensor] {
        let r = try (l as! MultiHeadAttention).outputAndScores(query: x[0], value: x[1], useCausalMask: true)
        return [r.output, r.scores]
    }

    @Test func multiHeadAttention() throws {
        try checkMultiInputLayer({ try MultiHeadAttention(numHeads: 2, keyDim: 3, dtype: $0) }, inputShapes: [[2, 4, 5], [2, 4, 5]], outputShapes: [[2, 4, 5]], weightShapes: [[5, 2, 3], [2, 3], [5, 2, 3], [2, 3], [5, 2, 3], [2, 3], [2, 3, 5], [5]])
        try checkMultiInputLayer({ try MultiHeadAttention(numHeads: 2, keyDim: 2, valueDim: 3, outputShape: [4], dtype: $0) }, inputShapes: [[2, 3, 4], [2, 5, 3], [2, 5, 2]], outputShapes: [[2, 3, 4]], weightShapes: [[4, 2, 2], [2, 2], [2, 2, 2], [2, 2], [3, 2, 3], [2, 3], [2, 3, 4], [4]])
        try checkMultiInputLayer({ try MultiHeadAttention(numHeads: 2, keyDim: 2, useBias: false, dtype: $0) }, inputShapes: [[2, 3, 4], [2, 3, 4]], outputShapes: [[2, 3, 4], [2, 2, 3, 3]], weightShapes: [[4, 2, 2], [4, 2, 2], [4, 2, 2], [2, 2, 4]], call: Self.mhaScores, symbolicCall: Self.mhaScores)
        try checkMultiInputLayer({ try MultiHeadAttention(numHeads: 1, keyDim: 2, slidingWindow: 2, useGate: true, dtype: $0) }, inputShapes: [[2, 4, 3], [2, 4, 3]], outputShapes: [[2, 4, 3]], weightShapes: [[3, 1, 2], [1, 2], [3, 1, 2], [1, 2], [3, 1, 2], [1, 2], [3, 1, 2], [1, 2], [1, 2, 3], [3]])
        try checkMultiInputLayer({ try MultiHeadAttention(numHeads: 1, keyDim: 2, attentionAxes: [2], dtype: $0) }, inputShapes: [[2, 2, 3, 2], [2, 2, 3, 2]], outputShapes: [[2, 2, 3, 2]], weightShapes: [[2, 1, 2], [1, 2], [2, 1, 2], [1, 2], [2, 1, 2], [1, 2], [1, 2, 2], [2]])
        try checkMultiInputLayer({ try MultiHeadAttention(numHeads: 2, keyDim: 2, dropout: 0.5, seed: 3, dtype: $0) }, inputShapes: [[2, 3, 4], [2, 3, 4]], outputShapes: [[2, 3, 4]], weightShapes: [[4, 2, 2], [2, 2], [4, 2, 2], [2, 2], [4, 2, 2], [2, 2], [2, 2, 4], [4]], trainingChangesOutput: true)
    }

    @Test func groupQueryAttention() throws {
        try checkMultiInputLayer({ try GroupQueryAttention(headDim: 2, numQueryHeads: 4, numKeyValueHeads: 2, dtype: $0) }, inputShapes: [[2, 3, 4], [2, 5, 4]], outputShapes: [[2, 3, 4]], weightShapes: [[4, 4, 2], [4, 2], [4, 2, 2], [2, 2], [4, 2, 2], [2, 2], [4, 2, 4], [4]])
        try checkMultiInputLayer({ try GroupQueryAttention(headDim: 2, numQueryHeads: 2, numKeyValueHeads: 1, useBias: false, useGate: true, dtype: $0) }, inputShapes: [[2, 3, 4], [2, 3, 4], [2, 3, 5]], outputShapes: [[2, 3, 4], [2, 2, 3, 3]], weightShapes: [[4, 2, 2], [5, 1, 2], [4, 2, 2], [4, 1, 2], [2, 2, 4]], call: { l, x, t in let r = try (l as! GroupQueryAttention).outputAndScores(query: x[0], value: x[1], key: x[2], useCausalMask: true, training: t); return [r.output, r.scores] }, symbolicCall: { l, x in let r = try (l as! GroupQueryAttention).outputAndScores(query: x[0], value: x[1], key: x[2], useCausalMask: true); return [r.output, r.scores] })
        try checkMultiInputLayer({ try GroupQueryAttention(headDim: 2, numQueryHeads: 2, numKeyValueHeads: 2, dropout: 0.5, seed: 1, dtype: $0) }, inputShapes: [[2, 3, 4], [2, 3, 4]], outputShapes: [[2, 3, 4]], weightShapes: [[4, 2, 2], [2, 2], [4, 2, 2], [2, 2], [4, 2, 2], [2, 2], [2, 2, 4], [4]], trainingChangesOutput: true)
    }

    @Test func attention() throws {
        try checkMultiInputLayer({ try Attention(dtype: $0) }, inputShapes: [[2, 3, 4], [2, 5, 4]], outputShapes: [[2, 3, 4]])
        try checkMultiInputLayer({ try Attention(useScale: true, dtype: $0) }, inputShapes: [[2, 3, 4], [2, 5, 2], [2, 5, 4]], outputShapes: [[2, 3, 2]], weightShapes: [[]])
        try checkMultiInputLayer({ try Attention(useScale: true, scoreMode: .concat, dtype: $0) }, inputShapes: [[2, 3, 4], [2, 3, 4]], outputShapes: [[2, 3, 4], [2, 3, 3]], weightShapes: [[], []], call: { l, x, t in let r = try (l as! Attention).outputAndScores(query: x[0], value: x[1], useCausalMask: true, training: t); return [r.output, r.scores] }, symbolicCall: { l, x in let r = try (l as! Attention).outputAndScores(query: x[0], value: x[1], useCausalMask: true); return [r.output, r.scores] })
        try checkMultiInputLayer({ try Attention(dropout: 0.5, seed: 2, dtype: $0) }, inputShapes: [[2, 3, 4], [2, 5, 4]], outputShapes: [[2, 3, 4]], trainingChangesOutput: true)
    }

    @Test func additiveAttention() throws {
        try checkMultiInputLayer({ try AdditiveAttention(dtype: $0) }, inputShapes: [[2, 3, 4], [2, 5, 4]], outputShapes: [[2, 3, 4]], weightShapes: [[4]])
        try checkMultiInputLayer({ try AdditiveAttention(useScale: false, dtype: $0) }, inputShapes: [[2, 3, 4], [2, 5, 3], [2, 5, 4]], outputShapes: [[2, 3, 3]])
    }

    /// Masks in a gradient check: the value mask keeps positions out, the query mask zeroes rows.
    @Test func maskedGradients() throws {
        let queryMask = Tensor([true, false, true, true, true, true], shape: [2, 3])
        let valueMask = Tensor([true, true, false, true, false, true, true, true], shape: [2, 4])
        try checkMultiInputLayer({ try MultiHeadAttention(numHeads: 2, keyDim: 2, dtype: $0) }, inputShapes: [[2, 3, 4], [2, 4, 4]], outputShapes: [[2, 3, 4]], weightShapes: [[4, 2, 2], [2, 2], [4, 2, 2], [2, 2], [4, 2, 2], [2, 2], [2, 2, 4], [4]], call: { l, x, t in [try (l as! MultiHeadAttention)(query: x[0], value: x[1], queryMask: queryMask, valueMask: valueMask, training: t)] })
        try checkMultiInputLayer({ try AdditiveAttention(dtype: $0) }, inputShapes: [[2, 3, 4], [2, 4, 4]], outputShapes: [[2, 3, 4]], weightShapes: [[4]], call: { l, x, t in [try (l as! AdditiveAttention)(query: x[0], value: x[1], queryMask: queryMask, valueMask: valueMask, training: t)] })
    }
}
