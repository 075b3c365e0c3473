import Testing
@testable import Keras

@Suite struct OptimizerEndToEndTests {
    /// A 2-layer Dense model trained 3 steps with Adam on a hand-written MSE ends with the
    /// weights (and optimizer state) Keras's `compile(optimizer=Adam(0.05), loss="mse")` +
    /// `train_on_batch` gives.
    @Test func denseModelWithAdamMatchesKeras() throws {
        let reference = try #require(try OptimizerFixture.load().root["end_to_end"])
        let x = try tensor(reference["x"], shape: reference["x_shape"])
        let y = try tensor(reference["y"], shape: reference["y_shape"])
        let model = try Sequential(name: "sequential") {
            Input(shape: [4])
            try Dense(5, activation: .tanh, name: "dense")
            try Dense(1, name: "dense_1")
        }
        let shapes = reference["weight_shapes"]?.arrayValue ?? []
        try model.setWeights(zip(reference["initial_weights"]?.arrayValue ?? [], shapes).map { try tensor($0, shape: $1) })
        let optimizer = try Adam(learningRate: 0.05, name: "adam")

        var losses: [Double] = []
        for _ in 0..<3 {
            let (loss, grads) = try valueWithGradients(of: model.trainableVariables) {
                square(try model(x, training: true) - y).mean()
            }
            try optimizer.apply(grads, to: model.trainableVariables)
            losses.append(loss.item())
        }
        expectValues(losses, try numbers(reference["losses"]), "losses")
        for (k, (weight, expected)) in zip(model.getWeights(), reference["weights"]?.arrayValue ?? []).enumerated() {
            expectValues(weight.doubles, try numbers(expected), "weight \(k)")
        }
        let state = reference["optimizer_variables"]?.arrayValue ?? []
        #expect(optimizer.variables.count == state.count)
        for (variable, expected) in zip(optimizer.variables, state) {
            expectValues(variable.value.doubles, try numbers(expected), variable.path)
        }
        #expect(optimizer.variables.map(\.path).prefix(4) == ["adam/iteration", "adam/learning_rate",
                                                              "adam/sequential_dense_kernel_momentum",
                                                              "adam/sequential_dense_kernel_velocity"])
    }

    /// Training outside a gradient recording and from many threads is safe: each apply is one step.
    @Test func concurrentAppliesAreSerialized() async throws {
        let w = Variable(Tensor.zeros([3]), name: "w")
        let optimizer = try SGD(learningRate: 1)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<16 {
                group.addTask { try optimizer.apply([Tensor.ones([3])], to: [w]) }
            }
            try await group.waitForAll()
        }
        #expect(optimizer.iterations == 16 && w.value.doubles == [-16, -16, -16])
    }
}
