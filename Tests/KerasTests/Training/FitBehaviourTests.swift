import Testing
@testable import Keras

/// fit's less common arguments and entry points behave as Keras's do.
@Suite struct FitBehaviourTests {
    func model() throws -> Sequential {
        let m = try Sequential {
            Input(shape: [2])
            try Dense(1, kernelInitializer: .ones)
        }
        try m.compile(optimizer: SGD(learningRate: 0.01), loss: "mse", metrics: ["mae"])
        return m
    }

    let x = Tensor((0..<20).map { Double($0) / 10 }, shape: [10, 2])
    var y: Tensor { x.sum(axes: [1], keepingDimensions: true) * 2 }

    /// Counts the batches of each epoch.
    final class BatchCounter: Callback {
        var perEpoch: [Int] = []
        var tests = 0
        override func onEpochBegin(_ epoch: Int, logs: Logs) throws { perEpoch.append(0) }
        override func onTrainBatchEnd(_ batch: Int, logs: Logs) throws { perEpoch[perEpoch.count - 1] += 1 }
        override func onTestBegin(logs: Logs) throws { tests += 1 }
    }

    @Test func stepsPerEpochContinuesThroughTheDataAndStopsWhenItRunsOut() throws {
        let m = try model()
        let counter = BatchCounter()
        // 10 samples in batches of 3: 4 batches per pass; 3 steps per epoch continue across
        // epochs, and an epoch ends early when the pass runs out (Keras's EpochIterator).
        try m.fit(x, y, batchSize: 3, epochs: 3, verbose: 0, callbacks: [counter], stepsPerEpoch: 3)
        #expect(counter.perEpoch == [3, 1, 3])
        #expect(m.optimizer!.iterations == 7)
    }

    @Test func validationFrequencyByCountAndByList() throws {
        let m = try model()
        let every2 = BatchCounter()
        let h = try m.fit(x, y, epochs: 4, verbose: 0, callbacks: [every2], validationData: Batch(x: x, y: y), validationFreq: 2)
        #expect(every2.tests == 2)
        #expect(h["val_loss"]!.count == 2)
        let listed = BatchCounter()
        try m.fit(x, y, epochs: 4, verbose: 0, callbacks: [listed], validationData: Batch(x: x, y: y), validationFreq: [1, 4])
        #expect(listed.tests == 2)
    }

    @Test func batchSequencesTrainEvaluateAndPredict() throws {
        let m = try model()
        let data = try TensorDataset(x: x, y: y, batchSize: 4)
        let h = try m.fit(data, epochs: 2, verbose: 0, validationData: data)
        #expect(h.history.keys.sorted() == ["loss", "mae", "val_loss", "val_mae"])
        let fromSequence = try m.evaluate(data, verbose: 0)
        let fromArrays = try m.evaluate(x, y, batchSize: 4, verbose: 0)
        #expect(abs(fromSequence["loss"]! - fromArrays["loss"]!) < 1e-6)
        let predicted = try m.predictAll(data, verbose: 0)
        #expect(predicted[0].shape == [10, 1])
        #expect(try m.predictOnBatch(x).doubles == predicted[0].doubles)
    }

    /// Keras 3's `train_on_batch` and `test_on_batch` reset the metrics first (`self.reset_metrics()`
    /// in keras/src/backend/jax/trainer.py): each returns its own batch's values.
    @Test func onBatchMethodsReportTheirOwnBatch() throws {
        let m = try model()
        let first = try m.testOnBatch(x, y)
        let again = try m.testOnBatch(x, y)
        #expect(first["loss"] == again["loss"])
        let trained = try m.trainOnBatch(x, y)
        #expect(trained.names == ["loss", "mae"])
        #expect(m.optimizer!.iterations == 1)
        // The loss of the step is computed before the update, on the same batch.
        #expect(abs(trained["loss"]! - first["loss"]!) < 1e-6 * first["loss"]!)
        let fresh = try m.testOnBatch(x, y)
        #expect(fresh["loss"]! < first["loss"]!)
        let second = try m.trainOnBatch(x, y)
        #expect(abs(second["loss"]! - fresh["loss"]!) < 1e-6 * fresh["loss"]!)
    }

    /// A layer adding an activity penalty with addLoss: the penalty is part of the loss fit minimizes.
    final class Penalized: Layer {
        override func call(_ x: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
            addLoss((x * x).sum() * 0.5)
            return x
        }
        override func computeOutputShape(_ s: TensorShape) throws -> TensorShape { s }
    }

    @Test func addLossAndRegularizersJoinTheTrainingLoss() throws {
        let m = try Sequential {
            Input(shape: [2])
            try Dense(1, kernelInitializer: .ones, kernelRegularizer: .l2(0.1))
            Penalized()
        }
        try m.compile(optimizer: SGD(learningRate: 0), loss: "mse")
        let logs = try m.testOnBatch(x, y)
        let out = try m(x)
        let mse = ((out - y) * (out - y)).mean().item()
        let expected = mse + (out * out).sum().item() * 0.5 + 0.1 * 2
        #expect(abs(logs["loss"]! - expected) < 1e-4 * expected)
        // A model with only addLoss losses trains without targets.
        let selfSupervised = try Sequential {
            Input(shape: [2])
            try Dense(1, kernelInitializer: .ones)
            Penalized()
        }
        try selfSupervised.compile(optimizer: SGD(learningRate: 0.01))
        let h = try selfSupervised.fit(x, epochs: 3, verbose: 0)
        #expect(h["loss"]![2] < h["loss"]![0])
    }

    @Test func subclassedModelsBuildOnTheirFirstBatch() throws {
        final class Net: Model {
            let dense = try! Dense(1)
            override func call(_ x: Tensor, training: Bool, mask: Tensor?) throws -> Tensor { try dense(x) }
        }
        let net = Net()
        try net.compile(optimizer: "adam", loss: "mse")
        let h = try net.fit(x, y, epochs: 2, verbose: 0)
        #expect(h["loss"]!.count == 2)
        #expect(net.trainableVariables.count == 2)
    }
}
