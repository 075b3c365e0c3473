import Testing
@testable import Keras

@Suite struct EmbeddingTests {
    let ids = Tensor([0, 3, 1, 4, 0, 2], shape: [2, 3])

    @Test func layerChecks() throws {
        try checkLayer({ try Embedding(inputDim: 5, outputDim: 2, dtype: $0) }, inputShape: [2, 3], outputShape: [2, 3, 2],
                       weightShapes: [[5, 2]], input: ids, inputDType: .int32)
        try checkLayer({ try Embedding(inputDim: 5, outputDim: 3, maskZero: true, dtype: $0) }, inputShape: [6], outputShape: [6, 3],
                       weightShapes: [[5, 3]], input: ids.reshaped(to: [6]), inputDType: .int32)
    }

    @Test func looksUpRowsAndMasksZeroAsKeras() throws {
        let layer = try Embedding(inputDim: 5, outputDim: 2, maskZero: true)
        _ = try layer(ids)
        #expect(layer.weights.map(\.name) == ["embeddings"])
        try layer.setWeights([Tensor((0..<10).map { Double($0) / 10 }, shape: [5, 2])])
        expectClose(try layer(ids), [0, 0.1, 0.60000002, 0.69999999, 0.2, 0.30000001, 0.80000001, 0.89999998, 0, 0.1, 0.40000001, 0.5], shape: [2, 3, 2])
        let mask = try layer.invoke([ids], training: false, masks: [nil]).masks[0]
        #expect(mask?.doubles == [0, 1, 1, 1, 0, 1])
        #expect(try Embedding(inputDim: 5, outputDim: 2).invoke([ids], training: false, masks: [nil]).masks[0] == nil)
    }

    @Test func defaultTableIsUniformWithinFiveHundredths() throws {
        let layer = try Embedding(inputDim: 100, outputDim: 20)
        _ = try layer(ids)
        let values = layer.weights[0].value.doubles
        #expect(values.allSatisfy { $0 >= -0.05 && $0 <= 0.05 })
        #expect(values.max()! > 0.04 && values.min()! < -0.04)
    }

    @Test func acceptsFloatAndInt64IndicesAndOutputsFloats() throws {
        let layer = try Embedding(inputDim: 5, outputDim: 2)
        let a = try layer(ids)
        #expect(a.dtype == .float32)
        #expect(try layer(cast(ids, to: .int64)).doubles == a.doubles)
        #expect(try layer(cast(ids, to: .float32)).doubles == a.doubles)
        let symbolic = try Embedding(inputDim: 5, outputDim: 2)(Input(shape: [nil], dtype: .int32))
        #expect(symbolic.shape == [nil, nil, 2])
        #expect(symbolic.dtype == .float32)
    }

    @Test func validation() throws {
        expectKerasError(.invalidArgument, containing: ["inputDim=0", "positive"]) { _ = try Embedding(inputDim: 0, outputDim: 2) }
        expectKerasError(.invalidArgument, containing: ["outputDim=-1", "positive"]) { _ = try Embedding(inputDim: 3, outputDim: -1) }
        expectKerasError(.invalidArgument, containing: ["index 5", "inputDim=5", "0..<5"]) {
            _ = try Embedding(inputDim: 5, outputDim: 2)(Tensor([1, 5], shape: [1, 2]))
        }
        expectKerasError(.invalidArgument, containing: ["index -1"]) {
            _ = try Embedding(inputDim: 5, outputDim: 2)(Tensor([-1, 2], shape: [1, 2]))
        }
    }
}
