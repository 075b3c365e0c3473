import Testing
@testable import Keras

/// Attention layers on Keras 3.15.1's inputs, masks and weights give Keras's outputs and attention
/// scores within 1e-5, on both of Keras's paths (the fused kernel it uses without scores, where a
/// fully masked query row averages every position, and the explicit one with scores, where it
/// gives zeros).
@Suite struct AttentionKerasParityTests {
    static func layer(_ name: String) throws -> Layer {
        switch name {
        case "mha_self", "mha_masks", "mha_causal", "mha_causal_value_mask":
            return try MultiHeadAttention(numHeads: 2, keyDim: 3, name: name)
        case "mha_cross_key": return try MultiHeadAttention(numHeads: 3, keyDim: 2, valueDim: 4, outputShape: [5], name: name)
        case "mha_key_mask": return try MultiHeadAttention(numHeads: 2, keyDim: 2, useBias: false, name: name)
        case "mha_gate_window": return try MultiHeadAttention(numHeads: 2, keyDim: 3, slidingWindow: 2, useGate: true, name: name)
        case "mha_2d_all_axes": return try MultiHeadAttention(numHeads: 2, keyDim: 2, name: name)
        case "mha_2d_axis2": return try MultiHeadAttention(numHeads: 2, keyDim: 2, outputShape: [2, 3], attentionAxes: [2], name: name)
        case "mha_2d_negative_axis": return try MultiHeadAttention(numHeads: 1, keyDim: 2, attentionAxes: [-3], name: name)
        case "gqa_self": return try GroupQueryAttention(headDim: 2, numQueryHeads: 4, numKeyValueHeads: 2, name: name)
        case "gqa_masks_causal": return try GroupQueryAttention(headDim: 3, numQueryHeads: 2, numKeyValueHeads: 1, name: name)
        case "gqa_key_gate_window":
            return try GroupQueryAttention(headDim: 2, numQueryHeads: 4, numKeyValueHeads: 4, useBias: false,
                                           slidingWindow: 2, useGate: true, name: name)
        case "attention_dot", "attention_fully_masked_value": return try Attention(name: name)
        case "attention_scale_key_masks": return try Attention(useScale: true, name: name)
        case "attention_concat_causal": return try Attention(useScale: true, scoreMode: .concat, name: name)
        case "additive": return try AdditiveAttention(name: name)
        case "additive_no_scale_causal": return try AdditiveAttention(useScale: false, name: name)
        default: throw KerasError(.invalidArgument, "no Swift layer for case \(name)")
        }
    }

    static let keyCases: Set = ["mha_cross_key", "mha_key_mask", "gqa_key_gate_window", "attention_scale_key_masks", "additive"]

    /// Runs `layer` as the case calls it: the plain output, or the output and the scores.
    static func run(_ layer: Layer, _ inputs: [Tensor], _ masks: [Tensor?], hasKey: Bool, causal: Bool, scores: Bool) throws -> [Tensor] {
        let q = inputs[0], v = inputs[1]
        let k = hasKey ? inputs[2] : nil
        let attentionMask = inputs.count > (hasKey ? 3 : 2) ? inputs.last : nil
        let qm = masks[0], vm = masks[1], km = hasKey ? masks[2] : nil
        switch layer {
        case let mha as MultiHeadAttention:
            if scores {
                let r = try mha.outputAndScores(query: q, value: v, key: k, queryMask: qm, valueMask: vm, keyMask: km,
                                                attentionMask: attentionMask, useCausalMask: causal)
                return [r.output, r.scores]
            }
            return [try mha(query: q, value: v, key: k, queryMask: qm, valueMask: vm, keyMask: km,
                            attentionMask: attentionMask, useCausalMask: causal)]
        case let gqa as GroupQueryAttention:
            if scores {
                let r = try gqa.outputAndScores(query: q, value: v, key: k, queryMask: qm, valueMask: vm, keyMask: km,
                                                attentionMask: attentionMask, useCausalMask: causal)
                return [r.output, r.scores]
            }
            return [try gqa(query: q, value: v, key: k, queryMask: qm, valueMask: vm, keyMask: km,
                            attentionMask: attentionMask, useCausalMask: causal)]
        case let attention as Attention:
            if scores {
                let r = try attention.outputAndScores(query: q, value: v, key: k, queryMask: qm, valueMask: vm, useCausalMask: causal)
                return [r.output, r.scores]
            }
            return [try attention(query: q, value: v, key: k, queryMask: qm, valueMask: vm, useCausalMask: causal)]
        default:
            throw KerasError(.invalidArgument, "not an attention layer: \(layer)")
        }
    }

    static let cases = ["mha_self", "mha_cross_key", "mha_masks", "mha_key_mask", "mha_causal", "mha_causal_value_mask",
                        "mha_gate_window", "mha_2d_all_axes", "mha_2d_axis2", "mha_2d_negative_axis",
                        "gqa_self", "gqa_masks_causal", "gqa_key_gate_window",
                        "attention_dot", "attention_scale_key_masks", "attention_concat_causal",
                        "attention_fully_masked_value", "additive", "additive_no_scale_causal"]

    @Test(arguments: cases)
    func matchesKeras(_ name: String) throws {
        let fixture = try NormAttentionFixture.fixtureCase(name)
        let layer = try Self.layer(name)
        #expect(fixture["class"]?.stringValue == layer.className || (fixture["class"]?.stringValue == "GroupedQueryAttention" && layer is GroupQueryAttention))
        let inputs = NormAttentionFixture.tensors(fixture["inputs"]).compactMap { $0 }
        let masks = NormAttentionFixture.tensors(fixture["masks"])
        let causal = fixture["use_causal_mask"]?.boolValue ?? false
        let hasKey = Self.keyCases.contains(name)
        let outputs = NormAttentionFixture.tensors(fixture["outputs"])
        _ = try Self.run(layer, inputs, masks, hasKey: hasKey, causal: causal, scores: true)   // builds
        try loadFixtureWeights(layer, fixture)
        if layer is Attention {
            // Keras's Attention has one path: outputs are [output, scores].
            let r = try Self.run(layer, inputs, masks, hasKey: hasKey, causal: causal, scores: true)
            expectKeras(r[0], outputs[0], "\(name) output")
            expectKeras(r[1], outputs[1], "\(name) scores")
            let plain = try Self.run(layer, inputs, masks, hasKey: hasKey, causal: causal, scores: false)
            expectKeras(plain[0], outputs[0], "\(name) output without scores")
            return
        }
        if let expected = outputs[0] {
            let plain = try Self.run(layer, inputs, masks, hasKey: hasKey, causal: causal, scores: false)
            expectKeras(plain[0], expected, "\(name) output (fused path)")
        }
        let r = try Self.run(layer, inputs, masks, hasKey: hasKey, causal: causal, scores: true)
        expectKeras(r[0], outputs[1], "\(name) output (with scores)")
        expectKeras(r[1], outputs[2], "\(name) scores")
    }

    /// The same MultiHeadAttention in a functional model, the query's mask coming from a Masking
    /// layer as Keras's graph gives it: Keras's fused-path output.
    @Test func maskedQueryThroughAFunctionalGraph() throws {
        let fixture = try NormAttentionFixture.fixtureCase("mha_masks")
        let inputs = NormAttentionFixture.tensors(fixture["inputs"]).compactMap { $0 }
        let masks = NormAttentionFixture.tensors(fixture["masks"])
        let mha = try MultiHeadAttention(numHeads: 2, keyDim: 3, name: "mha_masks")
        _ = try mha(query: inputs[0], value: inputs[1])
        try loadFixtureWeights(mha, fixture)
        // Zero the masked query rows and value positions so Masking(0) recreates the fixture's masks.
        func zeroed(_ x: Tensor, _ mask: Tensor) -> Tensor { x * cast(mask, to: .float32).expandingDimensions(axis: -1) }
        let q = zeroed(inputs[0], masks[0]!), v = zeroed(inputs[1], masks[1]!)
        let qIn = Input(shape: [4, 6], name: "q"), vIn = Input(shape: [5, 6], name: "v")
        let maskedQ = try Masking(maskValue: 0)(qIn), maskedV = try Masking(maskValue: 0)(vIn)
        let model = try Model(inputs: [qIn, vIn], outputs: [try mha(query: maskedQ, value: maskedV)], name: "masked_mha")
        let direct = try mha(query: q, value: v, queryMask: masks[0], valueMask: masks[1])
        expectClose(try model([q, v]), direct, tolerance: 1e-6)
    }
}
