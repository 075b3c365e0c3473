import Testing
@testable import Keras

/// The examples of the Training Loops article, compiled and run.
@Suite struct TrainingDocumentationExamplesTests {
    let x: Tensor
    let y: Tensor

    init() throws {
        let (images, labels) = try Datasets.digits()
        x = images.reshaped(to: [-1, 64]).cast(to: .float32) / 16
        y = labels.cast(to: .int32)
    }

    func digitsModel() throws -> Sequential {
        try Sequential {
            Input(shape: [64])
            try Dense(64, activation: .relu)
            try Dense(10, activation: .softmax)
        }
    }

    @Test func compileFitEvaluatePredict() throws {
        let model = try digitsModel()
        try model.compile(optimizer: Adam(learningRate: 1e-3), loss: "sparse_categorical_crossentropy",
                          metrics: ["accuracy"])
        let history = try model.fit(x, y, batchSize: 32, epochs: 5, verbose: 0, validationSplit: 0.1)
        #expect(history["val_accuracy"]!.count == 5)
        #expect(history["accuracy"]!.last! > 0.9)
        let results = try model.evaluate(x, y, verbose: 0)
        #expect(results.names == ["loss", "accuracy"])
        let probabilities = try model.predict(x, verbose: 0)
        #expect(probabilities.shape == [1797, 10])

        try model.compile(optimizer: "rmsprop", loss: try CategoricalCrossentropy(labelSmoothing: 0.1),
                          metrics: ["accuracy", try AUC(), "mae"])
        let oneHotY = oneHot(y, numClasses: 10)
        let logs = try model.fit(x, oneHotY, epochs: 1, verbose: 0)
        // AUC() is auto-named "auc", "auc_1", ... as in Keras (other tests make AUCs too).
        let keys = logs.history.keys.sorted()
        #expect(keys.count == 4 && keys[0] == "accuracy" && keys[1].hasPrefix("auc") && keys[2...] == ["loss", "mae"])
    }

    @Test func multipleOutputsByName() throws {
        let input = Input(shape: [64])
        let hidden = try Dense(16, activation: .relu)(input)
        let price = try Dense(1, name: "price")(hidden)
        let buy = try Dense(1, activation: .sigmoid, name: "buy")(hidden)
        let model = try Model(inputs: [input], outputs: [price, buy])
        let prices = y.cast(to: .float32).reshaped(to: [-1, 1]) / 9
        let decisions = greater(y, Tensor(4)).cast(to: .float32).reshaped(to: [-1, 1])
        try model.compile(optimizer: "adam",
                          loss: ["price": "mse", "buy": "binary_crossentropy"],
                          metrics: ["price": ["mae"], "buy": ["accuracy"]],
                          lossWeights: ["price": 0.5, "buy": 2.0])
        let history = try model.fit(x, ["price": prices, "buy": decisions], epochs: 2, verbose: 0)
        #expect(history.history.keys.sorted() == ["buy_accuracy", "buy_loss", "loss", "price_loss", "price_mae"])
    }

    @Test func datasetsAndCallbacks() throws {
        let model = try digitsModel()
        try model.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"])
        let train = try TensorDataset(x: x, y: y, batchSize: 64, shuffle: true, seed: 1)
        let history = try model.fit(train, epochs: 3, verbose: 0)
        #expect(history.epoch == [0, 1, 2])

        final class StopAtAccuracy: Callback {
            override func onEpochEnd(_ epoch: Int, logs: inout Logs) throws {
                if (logs["accuracy"] ?? 0) > 0.9 { model?.stopTraining = true }
            }
        }
        let stopped = try model.fit(x, y, epochs: 100, verbose: 0, callbacks: [
            EarlyStopping(monitor: "val_loss", patience: 3, restoreBestWeights: true),
            StopAtAccuracy(),
        ], validationSplit: 0.2)
        #expect(stopped.epoch.count < 100)
    }

    @Test func customTrainingLoop() throws {
        let model = try digitsModel()
        let optimizer = try Adam(learningRate: 1e-3)
        let lossFunction = SparseCategoricalCrossentropy()
        let accuracy = SparseCategoricalAccuracy()
        var losses: [Double] = []
        for step in 0..<100 {
            let batch = (step * 32) % 1760
            let xb = x[.range(batch..<batch + 32)], yb = y[.range(batch..<batch + 32)]
            let (loss, gradients) = try valueWithGradients(of: model.trainableVariables) {
                try lossFunction(yb, model(xb, training: true))
            }
            try optimizer.apply(gradients, to: model.trainableVariables)
            try accuracy.update(yb, try model(xb))
            losses.append(loss.item())
        }
        #expect(losses.suffix(10).reduce(0, +) < losses.prefix(10).reduce(0, +))
        #expect(try accuracy.result().item() > 0.5)
    }
}
