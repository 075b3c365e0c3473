import Testing
@testable import Keras

/// The attention layers' config round trips (they take several inputs, so `checkLayer`'s single
/// input round trip does not reach them): serialize, rebuild through the registry from the
/// build config, serialize again; the rebuilt layer with copied weights computes the same output.
@Suite struct AttentionConfigTests {
    /// `checkConfigRoundTrip` for a layer run by `call` on `inputs`. MultiHeadAttention's and
    /// GroupQueryAttention's sublayer classes (EinsumDense, Softmax, Dropout) must be registered
    /// for `serializedKerasObject()`; until they are, the object is taken without that check.
    func roundTrip(_ layer: Layer, _ inputs: [Tensor], call: (Layer, [Tensor]) throws -> Tensor,
                   sourceLocation: SourceLocation = #_sourceLocation) throws {
        let expected = try call(layer, inputs)
        func object(_ l: Layer) throws -> JSONValue {
            l.allSublayers.allSatisfy { LayerRegistry.entry(for: $0) != nil } ? try l.serializedKerasObject() : l.kerasObject
        }
        let written = try object(layer)
        let rebuilt = try LayerRegistry.deserialize(written)
        let again = try object(rebuilt)
        #expect(again == written, "config round trip:\n\(written.serialized())\nvs\n\(again.serialized())", sourceLocation: sourceLocation)
        #expect(rebuilt.isBuilt, "built from build_config", sourceLocation: sourceLocation)
        #expect(rebuilt.weights.map(\.shape) == layer.weights.map(\.shape), "weights after build_from_config", sourceLocation: sourceLocation)
        try rebuilt.setWeights(layer.getWeights())
        let actual = try call(rebuilt, inputs)
        #expect(actual.doubles == expected.doubles, "the rebuilt layer computes the same output", sourceLocation: sourceLocation)
    }

    var inputs: [Tensor] {
        var data = TestData(3)
        return [data.tensor([2, 3, 4]), data.tensor([2, 5, 4]), data.tensor([2, 5, 6])]
    }

    @Test func multiHeadAttention() throws {
        let x = inputs
        try roundTrip(try MultiHeadAttention(numHeads: 2, keyDim: 3), x) { l, t in try (l as! MultiHeadAttention)(query: t[0], value: t[1]) }
        try roundTrip(try MultiHeadAttention(numHeads: 2, keyDim: 2, valueDim: 3, useBias: false, outputShape: [2, 3], slidingWindow: 2,
                                             kernelInitializer: .heNormal(seed: 1), biasRegularizer: .l2(0.1), useGate: true, seed: 4), x) { l, t in
            try (l as! MultiHeadAttention)(query: t[0], value: t[1], key: t[2], useCausalMask: true)
        }
        // A key: the build config names it, and the rebuilt layer's key projection takes 6 features.
        let keyed = try MultiHeadAttention(numHeads: 1, keyDim: 2)
        _ = try keyed(query: x[0], value: x[1], key: x[2])
        let shapes = keyed.kerasBuildConfig?["shapes_dict"]?.objectValue
        #expect(shapes?.keys == ["query_shape", "value_shape", "key_shape"])
        #expect(shapes?["key_shape"] == [2, 5, 6])
    }

    @Test func groupQueryAttention() throws {
        let x = inputs
        try roundTrip(try GroupQueryAttention(headDim: 2, numQueryHeads: 4, numKeyValueHeads: 2), x) { l, t in
            try (l as! GroupQueryAttention)(query: t[0], value: t[1])
        }
        try roundTrip(try GroupQueryAttention(headDim: 3, numQueryHeads: 2, numKeyValueHeads: 1, useBias: false, slidingWindow: 3,
                                              kernelConstraint: .nonNeg, useGate: true, seed: 9), x) { l, t in
            try (l as! GroupQueryAttention)(query: t[0], value: t[1], key: t[2])
        }
    }

    @Test func attentionAndAdditiveAttention() throws {
        let x = inputs
        try roundTrip(try Attention(), x) { l, t in try (l as! Attention)(query: t[0], value: t[1]) }
        try roundTrip(try Attention(useScale: true, scoreMode: .concat, dropout: 0.25, seed: 2), x) { l, t in
            try (l as! Attention)(query: t[0], value: t[2], key: t[1], useCausalMask: true)
        }
        try roundTrip(try AdditiveAttention(), x) { l, t in try (l as! AdditiveAttention)(query: t[0], value: t[1]) }
        try roundTrip(try AdditiveAttention(useScale: false, dropout: 0.5, seed: 1), x) { l, t in try (l as! AdditiveAttention)(query: t[0], value: t[1]) }
        // AdditiveAttention writes no score_mode and does not take one.
        let additive = try AdditiveAttention()
        #expect(additive.kerasConfig["score_mode"] == nil)
        expectKerasError(.invalidConfig, containing: ["AdditiveAttention", "score_mode"]) {
            _ = try LayerRegistry.deserialize(["class_name": "AdditiveAttention", "config": ["score_mode": "dot"]])
        }
    }

    /// An unbuilt layer writes no build config and Keras's unbuilt values (null attention axes);
    /// built, it writes the axes it attends over.
    @Test func unbuiltAndBuiltAttentionAxes() throws {
        let mha = try MultiHeadAttention(numHeads: 2, keyDim: 2)
        #expect(mha.kerasBuildConfig == nil)
        #expect(mha.kerasConfig["attention_axes"] == .null)
        _ = try mha(query: Input(shape: [2, 3, 4]), value: Input(shape: [2, 3, 4]))
        #expect(mha.kerasConfig["attention_axes"] == [1, 2])
        let rebuilt = try #require(try LayerRegistry.deserialize(["class_name": "MultiHeadAttention", "config": ["num_heads": 2, "key_dim": 2]]) as? MultiHeadAttention)
        #expect(!rebuilt.isBuilt && rebuilt.valueDim == 2 && rebuilt.kerasConfig["value_dim"] == 2)
    }

    @Test func refusedAndMalformedConfigs() {
        expectKerasError(.unsupported, containing: ["MultiHeadAttention", "activity_regularizer"]) {
            _ = try LayerRegistry.deserialize(["class_name": "MultiHeadAttention", "config": ["num_heads": 1, "key_dim": 1, "activity_regularizer": "l2"]])
        }
        expectKerasError(.invalidConfig, containing: ["MultiHeadAttention", "key_dim"]) {
            _ = try LayerRegistry.deserialize(["class_name": "MultiHeadAttention", "config": ["num_heads": 1]])
        }
        expectKerasError(.invalidConfig, containing: ["shapes_dict", "query_shape"]) {
            _ = try LayerRegistry.deserialize(["class_name": "GroupQueryAttention", "config": ["head_dim": 1, "num_query_heads": 1, "num_key_value_heads": 1],
                                               "build_config": ["shapes_dict": ["value_shape": [nil, 2, 3]]]])
        }
        expectKerasError(.invalidConfig, containing: ["Attention", "score_mode", "\"dot\""]) {
            _ = try LayerRegistry.deserialize(["class_name": "Attention", "config": ["score_mode": "cosine"]])
        }
    }
}
