import Testing
@testable import Keras

/// `fit`, `evaluate` and `predict` reproduce Keras 3.15.1's numbers: the same initial weights,
/// the same data in the same order (no shuffling) give the same history and final weights.
/// Expected values: `scripts/pyref/fit.py` → `Tests/Fixtures/training/fit.json`.
@Suite struct FitParityTests {
    let cases: JSONObject

    init() throws {
        cases = try TrainingFixture.load("fit")["cases"]!.objectValue!
    }

    private func expectHistory(_ history: History, _ expected: JSONObject) {
        let keys = expected.pairs.map(\.key).sorted()
        #expect(history.history.keys.sorted() == keys)
        for (key, values) in expected.pairs {
            let want = values.arrayValue!.compactMap(\.doubleValue)
            let got = history[key] ?? []
            #expect(got.count == want.count, "\(key) epochs")
            for (g, w) in zip(got, want) { expectRelativelyClose(g, w, key) }
        }
    }

    @Test func regressionWithSGDMomentumValidationSplitEvaluateAndPredict() throws {
        let c = cases["regression_sgd"]!.objectValue!
        let model = try Sequential(name: "mlp_fit") {
            Input(shape: [3])
            try Dense(4, activation: .tanh, name: "hidden")
            try Dense(2, name: "out")
        }
        try model.setWeights(TrainingFixture.tensors(c["initial_weights"]))
        try model.compile(optimizer: SGD(learningRate: 0.1, momentum: 0.9), loss: "mse", metrics: ["mae"])
        let x = try TrainingFixture.tensor(c["x"]), y = try TrainingFixture.tensor(c["y"])
        let history = try model.fit(x, y, batchSize: 4, epochs: 3, verbose: 0, validationSplit: 0.2, shuffle: false)
        expectHistory(history, c["history"]!.objectValue!)
        expectTensorsClose(model.getWeights(), try TrainingFixture.tensors(c["final_weights"]), "final weights")
        #expect(history.params == TrainingParameters(verbose: 0, epochs: 3, steps: 2))

        let results = try model.evaluate(x, y, batchSize: 3, verbose: 0)
        #expect(results.names == ["loss", "mae"])
        for (k, v) in c["evaluate"]!.objectValue!.pairs { expectRelativelyClose(results[k]!, v.doubleValue!, k) }
        let predicted = try model.predict(x, batchSize: 3, verbose: 0)
        expectTensorsClose([predicted], [try TrainingFixture.tensor(c["predict"])], "predict")
    }

    @Test func classificationWithAdamSampleWeightsAndWeightedMetrics() throws {
        let c = cases["classification_adam_sample_weight"]!.objectValue!
        let model = try Sequential(name: "cls_fit") {
            Input(shape: [4])
            try Dense(5, activation: .tanh, name: "hidden")
            try Dense(3, activation: .softmax, name: "out")
        }
        try model.setWeights(TrainingFixture.tensors(c["initial_weights"]))
        try model.compile(optimizer: Adam(learningRate: 0.01), loss: "sparse_categorical_crossentropy",
                          metrics: ["accuracy"], weightedMetrics: ["accuracy"])
        let history = try model.fit(TrainingFixture.tensor(c["x"]), TrainingFixture.tensor(c["y"], dtype: .int32),
                                    batchSize: 5, epochs: 2, verbose: 0, shuffle: false,
                                    sampleWeight: TrainingFixture.tensor(c["sample_weight"]))
        expectHistory(history, c["history"]!.objectValue!)
        expectTensorsClose(model.getWeights(), try TrainingFixture.tensors(c["final_weights"]), "final weights")
    }

    @Test func classWeightsOneHotTargetsRMSpropAndRegularization() throws {
        let c = cases["class_weight_rmsprop_l2"]!.objectValue!
        let model = try Sequential(name: "reg_fit") {
            Input(shape: [3])
            try Dense(2, activation: .softmax, kernelRegularizer: .l2(0.01), name: "out")
        }
        try model.setWeights(TrainingFixture.tensors(c["initial_weights"]))
        try model.compile(optimizer: RMSprop(learningRate: 0.01), loss: "categorical_crossentropy", metrics: ["acc"])
        let history = try model.fit(TrainingFixture.tensor(c["x"]), TrainingFixture.tensor(c["y"]), batchSize: 8,
                                    epochs: 2, verbose: 0, shuffle: false, classWeight: [0: 1, 1: 3])
        expectHistory(history, c["history"]!.objectValue!)
        expectTensorsClose(model.getWeights(), try TrainingFixture.tensors(c["final_weights"]), "final weights")
    }

    @Test func twoOutputsWithLossWeightsAndMetricsByName() throws {
        let c = cases["two_outputs"]!.objectValue!
        let input = Input(shape: [3], name: "features")
        let hidden = try Dense(4, activation: .relu, name: "shared")(input)
        let price = try Dense(1, name: "price")(hidden)
        let buy = try Dense(1, activation: .sigmoid, name: "buy")(hidden)
        let model = try Model(inputs: [input], outputs: [price, buy], name: "two_heads")
        try model.setWeights(TrainingFixture.tensors(c["initial_weights"]))
        try model.compile(optimizer: SGD(learningRate: 0.05), loss: ["mse", "binary_crossentropy"],
                          metrics: ["price": ["mae"], "buy": ["accuracy"]], lossWeights: [0.5, 2.0])
        let x = try TrainingFixture.tensor(c["x"]), ys = try TrainingFixture.tensors(c["y"])
        let history = try model.fit(x, ys, batchSize: 4, epochs: 2, verbose: 0, shuffle: false)
        expectHistory(history, c["history"]!.objectValue!)
        expectTensorsClose(model.getWeights(), try TrainingFixture.tensors(c["final_weights"]), "final weights")

        let results = try model.evaluate(x, ["price": ys[0], "buy": ys[1]], verbose: 0)
        #expect(results.names == ["loss", "price_loss", "buy_loss", "buy_accuracy", "price_mae"])
        let expected = c["evaluate_list"]!.arrayValue!.compactMap(\.doubleValue)
        for (g, w) in zip(results.values, expected) { expectRelativelyClose(g, w, "evaluate") }
    }
}
