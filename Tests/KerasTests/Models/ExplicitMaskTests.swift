import Testing
@testable import Keras

/// `layer(x, mask: m)` on symbolic tensors: the value of `m` reaches the layer's call as the mask
/// of `x` when the model runs, in place of the mask flowing from earlier layers; models with
/// explicit masks and Keras operations train, and save them as Keras does.
@Suite struct ExplicitMaskTests {
    static let tokens = Tensor([3, 1, 0, 0, 2, 0, 4, 5, 1, 1, 1, 1], shape: [3, 4], dtype: .int32)
    static let keep = Tensor([true, false, true, true, true, true, false, false, true, true, true, false], shape: [3, 4])

    @Test func explicitMaskReplacesTheFlowingMask() throws {
        let ids = Input(shape: [4], dtype: .int32, name: "ids")
        let mask = Input(shape: [4], dtype: .bool, name: "keep")
        let embedding = try Embedding(inputDim: 6, outputDim: 3, embeddingsInitializer: .randomUniform(seed: 1), maskZero: true)
        let lstm = try LSTM(2, kernelInitializer: .glorotUniform(seed: 2), recurrentInitializer: .orthogonal(seed: 3))
        let e = try embedding(ids)
        let h = try lstm(e, mask: mask)
        let model = try Model(inputs: [ids, mask], outputs: [h], name: "masked")
        let node = try #require(lstm.inboundNodes.last)
        #expect(node.masks?.count == 1 && node.masks?[0] === mask)

        let got = try model.allOutputs([Self.tokens, Self.keep])[0]
        let direct = try lstm(try embedding(Self.tokens), mask: Self.keep)
        let implicit = try lstm(try embedding(Self.tokens), mask: notEqual(Self.tokens, Tensor(0, dtype: .int32)))
        #expect(got.doubles == direct.doubles)
        #expect(got.doubles != implicit.doubles, "the explicit mask differs from the embedding's")

        // Written as Keras writes an explicit mask, and read back to the same graph.
        let entry = try #require(model.kerasConfig["layers"]?.arrayValue?.first { $0["name"]?.stringValue == lstm.name })
        let written = entry["inbound_nodes"]?.arrayValue?.first?["kwargs"]?["mask"]
        #expect(written?["config"]?["keras_history"] == ["keep", 0, 0], "\(written?.serialized() ?? "nil")")
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try model.save(to: folder.file("masked.keras"))
        let again = try loadModel(from: folder.file("masked.keras"))
        #expect(try again.allOutputs([Self.tokens, Self.keep])[0].doubles == got.doubles)
    }

    @Test func maskMustFitItsInput() throws {
        let x = Input(shape: [4, 3])
        let wrong = Input(shape: [3], dtype: .bool)
        #expect(throws: KerasError.self) { try LSTM(2)(x, mask: wrong) }
        let text = Input(shape: [4], dtype: .string)
        #expect(throws: KerasError.self) { try LSTM(2)(x, mask: text) }
        #expect(throws: KerasError.self) { try GlobalAveragePooling1D().allOutputs([x, x], masks: [Input(shape: [4], dtype: .bool)]) }
        // Keras's Dense takes no mask: Python could not load the graph.
        #expect(throws: KerasError.self) { try Dense(2)(x, mask: Input(shape: [4], dtype: .bool)) }
    }

    /// A Keras-saved graph with operations (`x + 1.0`, `cast(x > 0)`, `sum`, ...) trains: the
    /// gradient flows through the operations to the Dense layer after them.
    @Test func graphWithOperationsTrains() throws {
        let model = try loadModel(from: "\(Fixtures.root)/keras3/ops/user_ops.keras")
        let x = Tensor((0..<40).map { Double($0 % 7) / 3 - 1 }, shape: [10, 4])
        let ids = Tensor((0..<40).map { $0 % 3 }, shape: [10, 4], dtype: .int32)
        let y = Tensor((0..<30).map { Double($0 % 5) / 4 }, shape: [10, 3])
        try model.compile(optimizer: SGD(learningRate: 0.05), loss: "mean_squared_error")
        let before = model.getWeights()
        let history = try model.fit([x, ids], [y], batchSize: 5, epochs: 3, verbose: 0, shuffle: false)
        let losses = try #require(history.history["loss"])
        #expect(losses.allSatisfy(\.isFinite) && losses.last! < losses.first!, "\(losses)")
        #expect(zip(before, model.getWeights()).contains { $0.doubles != $1.doubles })
    }
}
