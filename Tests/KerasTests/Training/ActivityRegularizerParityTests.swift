import Testing
@testable import Keras

/// Activity regularizers reproduce Keras 3.15.1: the losses a call records (divided by the batch
/// size, one per call of a shared layer, one per output of an LSTM returning its states), the
/// loss of `testOnBatch`, `evaluate`, `trainOnBatch` and `fit`, and the weights SGD reaches.
///
/// A shared layer is penalized once per call, as an eager Keras call and Keras's TensorFlow and
/// torch trainers (`y_pred = self(x)`) do; Keras's JAX trainer (`stateless_call` runs
/// `self.call`, so each graph layer clears its own losses) keeps only the last call's penalty,
/// and ``sharedLayerIsPenalizedOncePerCall()`` shows both numbers.
/// Expected values: `scripts/pyref/activity_regularizer.py` →
/// `Tests/Fixtures/training/activity_regularizer.json`.
@Suite struct ActivityRegularizerParityTests {
    let fixture: JSONObject

    init() throws {
        fixture = try TrainingFixture.load("activity_regularizer")
    }

    /// The fixture's functional model: activity regularizers on Conv1D (L2), LSTM (L1L2), Conv2D
    /// (L1) and two Dense layers (L2, L1); a kernel regularizer on the head.
    private func makeModel(_ c: JSONObject) throws -> Model {
        let seq = Input(shape: [5, 3], name: "seq")
        let img = Input(shape: [4, 4, 2], name: "img")
        let c1 = try Conv1D(4, kernelSize: 2, activation: .tanh, activityRegularizer: .l2(0.02), name: "conv1d")(seq)
        let h = try LSTM(3, activityRegularizer: .l1L2(l1: 0.01, l2: 0.03), name: "lstm")(c1)
        let c2 = try Conv2D(2, kernelSize: 2, activityRegularizer: .l1(0.01), name: "conv2d")(img)
        let g0 = try Dense(3, activation: .tanh, activityRegularizer: .l2(0.05), name: "dense")(Flatten(name: "flatten")(c2))
        let g = try Dense(3, activation: .tanh, activityRegularizer: .l1(0.02), name: "dense_1")(g0)
        let s = try Add(name: "add")([h, g])
        let out = try Dense(2, kernelRegularizer: .l2(0.01), name: "out")(s)
        let model = try Model(inputs: [seq, img], outputs: [out], name: "activity")
        try setWeights(model, c["initial_weights"])
        return model
    }

    private func setWeights(_ model: Model, _ value: JSONValue?) throws {
        for (name, weights) in try #require(value?.objectValue).pairs {
            try model.getLayer(named: name).setWeights(TrainingFixture.tensors(weights))
        }
    }

    private func expectWeights(_ model: Model, _ value: JSONValue?, _ what: String,
                               sourceLocation: SourceLocation = #_sourceLocation) throws {
        for (name, weights) in try #require(value?.objectValue).pairs {
            expectTensorsClose(try model.getLayer(named: name).getWeights(), try TrainingFixture.tensors(weights),
                               "\(what): \(name)", sourceLocation: sourceLocation)
        }
    }

    private func doubles(_ value: JSONValue?) -> [Double] { value?.arrayValue?.compactMap(\.doubleValue) ?? [] }

    @Test func callRecordsKerasLossesInKerasOrder() throws {
        let c = try #require(fixture["model"]?.objectValue)
        let model = try makeModel(c)
        let x = [try TrainingFixture.tensor(c["x_seq"]), try TrainingFixture.tensor(c["x_img"])]
        let y = try model(x)
        expectTensorsClose([y], [try TrainingFixture.tensor(c["prediction"])], "prediction")
        // Keras's model.losses: each layer's activity penalty in model.layers order, then the
        // head's kernel penalty.
        let losses = model.losses.map { $0.item() }
        let expected = doubles(c["losses"])
        #expect(losses.count == expected.count)
        for (i, (got, want)) in zip(losses, expected).enumerated() { expectRelativelyClose(got, want, "losses[\(i)]") }
        // The next call starts afresh: the same inputs give the same losses, not twice as many.
        _ = try model(x, training: true)
        #expect(model.losses.count == expected.count)
    }

    @Test func testOnBatchEvaluateTrainOnBatchAndFitMatchKeras() throws {
        let c = try #require(fixture["model"]?.objectValue)
        let model = try makeModel(c)
        let xs = try TrainingFixture.tensor(c["x_seq"]), xi = try TrainingFixture.tensor(c["x_img"])
        let y = try TrainingFixture.tensor(c["y"])
        let first4 = { (t: Tensor) in t.indexed([.range(0..<4)]) }
        try model.compile(optimizer: SGD(learningRate: 0.1), loss: "mse")

        let tested = try model.testOnBatch([first4(xs), first4(xi)], first4(y))
        expectRelativelyClose(tested["loss"]!, c["test_on_batch"]!.doubleValue!, "test_on_batch")
        // Batches of 4 and 2: each batch's penalties are divided by its own size.
        let evaluated = try model.evaluate([xs, xi], y, batchSize: 4, verbose: 0)
        expectRelativelyClose(evaluated["loss"]!, c["evaluate"]!.doubleValue!, "evaluate")

        for (step, want) in doubles(c["train_on_batch"]).enumerated() {
            let logs = try model.trainOnBatch([first4(xs), first4(xi)], first4(y))
            expectRelativelyClose(logs["loss"]!, want, "train_on_batch \(step + 1)")
        }
        try expectWeights(model, c["weights_after_train_on_batch"], "after train_on_batch")

        let history = try model.fit([xs, xi], y, batchSize: 4, epochs: 1, verbose: 0, shuffle: false)
        for (got, want) in zip(history["loss"] ?? [], doubles(c["fit_loss"])) { expectRelativelyClose(got, want, "fit loss") }
        try expectWeights(model, c["weights_after_fit"], "after fit")
    }

    @Test func sharedLayerIsPenalizedOncePerCall() throws {
        let c = try #require(fixture["shared"]?.objectValue)
        let input = Input(shape: [3], name: "x")
        let shared = try Dense(3, activation: .tanh, activityRegularizer: .l1(0.02), name: "shared")
        let twice = try Add(name: "add")([shared(input), shared(shared(input))])
        let model = try Model(inputs: input, outputs: try Dense(1, name: "head")(twice), name: "shared_model")
        try setWeights(model, c["initial_weights"])
        let x = try TrainingFixture.tensor(c["x"]), y = try TrainingFixture.tensor(c["y"])
        _ = try model(x)
        let expected = doubles(c["losses"])
        #expect(model.losses.count == 3 && shared.losses.count == 3)
        for (i, (got, want)) in zip(model.losses.map { $0.item() }, expected).enumerated() {
            expectRelativelyClose(got, want, "losses[\(i)]")
        }
        try model.compile(optimizer: SGD(), loss: "mse")
        let tested = try model.testOnBatch(x, y)["loss"]!
        expectRelativelyClose(tested, c["eager_total"]!.doubleValue!, "testOnBatch: mse + every call's penalty")
        // JAX's trainer leaves out the earlier calls' penalties (the two first, equal here).
        expectRelativelyClose(tested - 2 * expected[0], c["jax_test_on_batch"]!.doubleValue!, "JAX's number")
    }

    @Test func everyOutputOfAnLSTMWithStatesIsPenalized() throws {
        let c = try #require(fixture["lstm_state"]?.objectValue)
        let lstm = try LSTM(2, activityRegularizer: .l2(0.1), returnSequences: true, returnState: true)
        let x = try TrainingFixture.tensor(c["x"])
        try lstm.buildIfNeeded([x.shape.asTensorShape])
        try lstm.setWeights(TrainingFixture.tensors(c["weights"]))
        let outputs = try lstm.allOutputs([x])
        expectTensorsClose(outputs, try TrainingFixture.tensors(c["outputs"]), "outputs")
        let expected = doubles(c["losses"])
        #expect(lstm.losses.count == 3)
        for (i, (got, want)) in zip(lstm.losses.map { $0.item() }, expected).enumerated() {
            expectRelativelyClose(got, want, "loss of output \(i)")
        }
    }
}
