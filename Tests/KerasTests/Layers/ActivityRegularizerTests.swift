import Testing
@testable import Keras

/// `Layer.activityRegularizer`: Keras 3.15's `Layer.__call__` adds `regularizer(output) /
/// batch_size` to the layer's losses after every call (training or not), once per output, and
/// clears losses when the outermost call begins. Numbers against Keras itself are in
/// ActivityRegularizerParityTests; these check the rules and the gradient.
@Suite struct ActivityRegularizerTests {
    let x = Tensor([1.0, -2, 0.5, 3, 0.25, -1, 2, 1.5, -0.5, 4, -3, 1], shape: [4, 3])

    @Test func penaltyIsDividedByTheBatchInTrainingAndInference() throws {
        let dense = try Dense(2, kernelInitializer: .ones, activityRegularizer: .l2(0.5))
        let y = try dense(x)
        let expected = 0.5 * (y * y).sum().item() / 4
        #expect(dense.losses.count == 1)
        expectRelativelyClose(dense.losses[0].item(), expected, "inference")
        _ = try dense(x, training: true)
        #expect(dense.losses.count == 1, "the next call replaces the loss")
        expectRelativelyClose(dense.losses[0].item(), expected, "training")
        expectRelativelyClose(try #require(try dense.activityLoss(of: y)).item(), expected, "activityLoss(of:)")
    }

    @Test func scalarOutputsAreNotDividedEmptyBatchesGiveZeroAndIntegersNothing() throws {
        let layer = Identity()
        layer.activityRegularizer = .l1(0.5)
        #expect(try layer.activityLoss(of: Tensor(-3.0))?.item() == 1.5)
        #expect(try layer.activityLoss(of: Tensor.zeros([0, 3]))?.item() == 0)
        #expect(try layer.activityLoss(of: Tensor([1, 2], shape: [2], dtype: .int32)) == nil)
        layer.activityRegularizer = nil
        _ = try layer(x)
        #expect(layer.losses.isEmpty)
    }

    @Test func weightPenaltiesFollowTheActivityPenalty() throws {
        let dense = try Dense(2, kernelInitializer: .ones, kernelRegularizer: .l2(0.1), activityRegularizer: .l1(0.01))
        let y = try dense(x)
        let losses = dense.losses.map { $0.item() }
        #expect(losses.count == 2)
        expectRelativelyClose(losses[0], Double(Float(0.01)) * abs(y).sum().item() / 4, "activity first")
        expectRelativelyClose(losses[1], 0.1 * 6, "kernel penalty second")
    }

    @Test func aSharedLayerRecordsEachCallAndTheNextCallStartsAfresh() throws {
        let input = Input(shape: [3])
        let shared = try Dense(3, activityRegularizer: .l2(0.1))
        let out = try Add()([shared(input), shared(shared(input))])
        let model = try Model(inputs: input, outputs: out)
        _ = try model(x)
        #expect(model.losses.count == 3)
        #expect(shared.losses.count == 3)
        _ = try model(x, training: true)
        #expect(model.losses.count == 3)
        // A direct call of the layer is an outermost call of its own.
        _ = try shared(x)
        #expect(shared.losses.count == 1)
    }

    @Test func anyLayerTakesOneAndWritesItInItsConfig() throws {
        let flatten = Flatten()
        flatten.activityRegularizer = .l2(0.25)
        let y = try flatten(Tensor.ones([2, 3, 2]))
        expectRelativelyClose(flatten.losses[0].item(), 0.25 * 12 / 2, "Flatten penalty")
        #expect(y.shape == [2, 6])
        let object = try flatten.serializedKerasObject()
        let config = try #require(object.objectValue?["config"]?.objectValue)
        #expect(config.keys == ["name", "trainable", "dtype", "activity_regularizer", "data_format"])
        #expect(config["activity_regularizer"] == Regularizer.l2(0.25).kerasConfig)
        let rebuilt = try LayerRegistry.deserialize(object)
        #expect(rebuilt.activityRegularizer == .l2(0.25))
    }

    @Test func aSavedModelKeepsItsActivityRegularizers() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let input = Input(shape: [4, 3])
        let h = try LSTM(2, activityRegularizer: .l1L2(l1: 0.01, l2: 0.02))(try Conv1D(3, kernelSize: 2, activityRegularizer: .l1(0.1))(input))
        let model = try Model(inputs: input, outputs: try Dense(1, activityRegularizer: .l2(0.3))(h))
        let path = folder.file("activity.keras")
        try model.save(to: path)
        let loaded = try loadModel(from: path)
        let sample = Tensor.ones([2, 4, 3]) * 0.5
        _ = try model(sample)
        _ = try loaded(sample)
        #expect(loaded.losses.count == 3)
        for (a, b) in zip(model.losses, loaded.losses) { expectRelativelyClose(b.item(), a.item(), "loaded penalty") }
        #expect(loaded.layers.compactMap(\.activityRegularizer) == [.l1(0.1), .l1L2(l1: 0.01, l2: 0.02), .l2(0.3)])
    }

    @Test func activityRegularizationIsTheSameMechanism() throws {
        let layer = ActivityRegularization(l1: 0.01, l2: 0.1)
        #expect(layer.activityRegularizer == .l1L2(l1: 0.01, l2: 0.1))
        #expect(layer.kerasConfig["activity_regularizer"] == nil)
        expectKerasError(.invalidArgument, containing: ["ActivityRegularization", "l1=-1"]) {
            _ = try LayerRegistry.deserialize(["class_name": "ActivityRegularization", "config": ["l1": -1]])
        }
    }

    @Test func bidirectionalCopiesCarryTheRegularizerToBothDirections() throws {
        let bi = try Bidirectional(LSTM(2, activityRegularizer: .l2(0.1)))
        #expect(bi.forwardLayer.activityRegularizer == .l2(0.1) && bi.backwardLayer.activityRegularizer == .l2(0.1))
        #expect(bi.activityRegularizer == nil)
        _ = try bi(Tensor.ones([3, 4, 2]))
        #expect(bi.losses.count == 2)   // as Keras: one per direction
    }

    @Test func anOrthogonalActivityRegularizerNeedsRankTwoOutputs() throws {
        let conv = try Conv1D(2, kernelSize: 2, activityRegularizer: .orthogonal, name: "conv_orth")
        expectKerasError(.incompatibleShape, containing: ["conv_orth", "OrthogonalRegularizer", "rank 2", "(2, 3, 2)"]) {
            _ = try conv(Tensor.ones([2, 4, 3]))
        }
        let dense = try Dense(3, activityRegularizer: .orthogonal)
        _ = try dense(x)
        #expect(dense.losses.count == 1)
    }

    @Test func recurrentCellsRefuseOneByName() {
        expectKerasError(.unsupported, containing: ["LSTMCell", "activity_regularizer"]) {
            _ = try LayerRegistry.deserialize(["class_name": "LSTMCell", "config": ["units": 2, "activity_regularizer": "l2"]])
        }
    }

    // MARK: Gradient

    /// A float64 model calling its layers from its own `call`: Conv1D (L2), LSTM (L1L2) and Dense
    /// (L1) penalize their outputs.
    final class Net: Model {
        let conv: Conv1D, lstm: LSTM, flatten: Flatten, dense: Dense
        init() throws {
            conv = try Conv1D(3, kernelSize: 2, activation: .tanh, activityRegularizer: .l2(0.3), dtype: .float64)
            lstm = try LSTM(2, activityRegularizer: .l1L2(l1: 0.05, l2: 0.2), returnSequences: true, dtype: .float64)
            flatten = Flatten(dtype: .float64)
            dense = try Dense(2, activityRegularizer: .l1(0.1), dtype: .float64)
            super.init(name: "net", dtype: .float64)
        }
        override func call(_ x: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
            try dense(flatten(lstm(conv(x, training: training), training: training)), training: training)
        }
    }

    /// The gradient of `mse + sum(losses)` with respect to every weight matches central finite
    /// differences, and one SGD step of `trainOnBatch` (learning rate 1) moves each weight by
    /// exactly that gradient: the activity penalties are part of what training minimizes.
    @Test func gradientOfTheTotalLossMatchesFiniteDifferencesAndTraining() throws {
        var data = TestData(3)
        let x = data.tensor([3, 4, 2], dtype: .float64), y = data.tensor([3, 2], dtype: .float64)
        let net = try Net()
        _ = try net(x)
        let variables = net.trainableVariables
        #expect(variables.count == 7)
        func objective() throws -> Tensor {
            let prediction = try net(x, training: true)
            let penalties = net.losses
            #expect(penalties.count == 3)
            return ((prediction - y) * (prediction - y)).mean() + penalties.dropFirst().reduce(penalties[0], +)
        }
        let (value, gradients) = try valueWithGradients(of: variables) { try objective() }
        let eps = 1e-6
        for (v, g) in zip(variables, gradients) {
            let base = v.value
            var values = base.doubles
            var numeric: [Double] = []
            for i in values.indices {
                let original = values[i]
                values[i] = original + eps; v.assign(Tensor(values, shape: base.shape, dtype: .float64))
                let plus = try withoutGradients { try objective().item() }
                values[i] = original - eps; v.assign(Tensor(values, shape: base.shape, dtype: .float64))
                let minus = try withoutGradients { try objective().item() }
                values[i] = original
                numeric.append((plus - minus) / (2 * eps))
            }
            v.assign(base)
            let worst = zip(g.doubles, numeric).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
            #expect(worst < 1e-6, "gradient of \(v.path): largest relative difference \(worst)")
        }

        let before = net.getWeights()
        try net.compile(optimizer: SGD(learningRate: 1), loss: "mse")
        let logs = try net.trainOnBatch(x, y)
        // The compiled loss computes and sums in float32, as Keras does (floatx).
        expectRelativelyClose(logs["loss"]!, value.item(), tolerance: 1e-6, "trainOnBatch loss")
        // The compiled MSE computes in float32 (the Loss's dtype, as Keras's floatx), so the step
        // matches the float64 gradient to float32 precision.
        for ((w0, w1), g) in zip(zip(before, net.getWeights()), gradients) {
            let step = zip(w0.doubles, w1.doubles).map { $0 - $1 }
            let worst = zip(step, g.doubles).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
            #expect(worst < 1e-6, "SGD step follows the gradient: \(worst)")
        }
    }
}
