import Testing
@testable import Keras

/// The examples of the Optimizers DocC article (and of the optimizer doc comments), compiled
/// and run.
@Suite struct OptimizerDocumentationExamplesTests {
    @Test func trainingLoop() throws {
        let model = try Sequential {
            Input(shape: [4])
            try Dense(8, activation: .relu)
            try Dense(1)
        }
        let optimizer = try Adam(learningRate: 1e-3)
        let x = Random.uniform([32, 4], seed: 1)
        let y = x.sum(axes: [1], keepingDimensions: true)

        var losses: [Double] = []
        for _ in 0..<10 {
            let (loss, grads) = try valueWithGradients(of: model.trainableVariables) {
                square(try model(x, training: true) - y).mean()
            }
            try optimizer.apply(grads, to: model.trainableVariables)
            losses.append(loss.item())
        }
        #expect(losses.last! < losses.first!)
        #expect(optimizer.iterations == 10)
        let paths = optimizer.variables.map(\.path)
        #expect(paths.count == 2 + 2 * 4 && paths[0] == "\(optimizer.name)/iteration")
        #expect(paths[2].hasSuffix("_kernel_momentum") && paths[3].hasSuffix("_kernel_velocity"))
    }

    @Test func choosingAndScheduling() throws {
        let byName = try Optimizer.named("rmsprop")
        #expect(byName is RMSprop)

        let warmupCosine = try CosineDecay(initialLearningRate: 0, decaySteps: 1000,
                                           warmupTarget: 1e-3, warmupSteps: 100)
        let scheduled = try AdamW(learningRate: .schedule(warmupCosine), weightDecay: 0.01)
        #expect(scheduled.learningRate == 0)
        #expect(Swift.abs(warmupCosine(50) - 0.0005) < 1e-9)
        #expect(Swift.abs(warmupCosine(100) - 1e-3) < 1e-9)

        let careful = try AdamW(learningRate: 1e-3, weightDecay: 0.01, globalClipnorm: 1.0,
                                useEMA: true, gradientAccumulationSteps: 4)
        careful.excludeFromWeightDecay(names: ["bias"])
        let dense = try Dense(2, name: "dense")
        _ = try dense(Tensor.ones([1, 3]))
        let variables = dense.trainableVariables
        for _ in 0..<4 { try careful.apply(variables.map { Tensor.ones($0.shape) }, to: variables) }
        #expect(careful.iterations == 1 && !careful.usesWeightDecay(for: variables[1]))
        careful.finalizeVariableValues(variables)

        // Doc-comment examples.
        let adam = try Optimizer.fromKeras(["class_name": "Adam", "config": ["learning_rate": 0.01, "amsgrad": true]])
        let again = try Optimizer.fromKeras(adam.serializedKerasObject)
        #expect(again is Adam)
        let rate = 0.05
        let fromVariable = try SGD(learningRate: .constant(rate))
        #expect(fromVariable.learningRate == Double(Float(0.05)))
        #expect(try SGD(learningRate: 0.1).learningRate == 0.10000000149011612)
        #expect(try Adam().kerasConfig["learning_rate"] == 0.0010000000474974513)
    }

    @Test func writingAnOptimizer() throws {
        final class MomentumSign: Optimizer, @unchecked Sendable {
            private var momentums: [Variable] = []

            init(learningRate: LearningRate = 0.01) throws {
                try super.init(learningRate: learningRate)
            }

            override func build(_ variables: [Variable]) throws {
                guard !isBuilt else { return }
                try super.build(variables)
                momentums = try variables.map { try addVariable(from: $0, name: "momentum") }
            }

            override func updateStep(gradient: Tensor, variable: Variable, learningRate: Double) throws {
                let m = momentums[index(of: variable)]
                m.assign(m.value * 0.9 + gradient)
                variable.assign(variable.value - sign(m.value) * learningRate)
            }
        }
        let optimizer = try MomentumSign(learningRate: 0.5)
        #expect(optimizer.name.hasPrefix("momentum_sign"))
        let w = Variable(Tensor([1.0, -1.0]), name: "kernel", path: "dense/kernel")
        try optimizer.apply([Tensor([2.0, -3.0])], to: [w])
        try optimizer.apply([Tensor([-1.0, 1.0])], to: [w])
        #expect(w.value.doubles == [0, 0])
        #expect(optimizer.variables.map(\.path) == ["\(optimizer.name)/iteration", "\(optimizer.name)/learning_rate",
                                                    "\(optimizer.name)/dense_kernel_momentum"])
        #expect(MomentumSign.kerasClassName == "MomentumSign")

        // The Optimizer doc comment's example.
        final class SignSGD: Optimizer, @unchecked Sendable {
            init(learningRate: LearningRate = 0.01) throws { try super.init(learningRate: learningRate) }
            override func updateStep(gradient: Tensor, variable: Variable, learningRate: Double) throws {
                variable.assign(variable.value - sign(gradient) * learningRate)
            }
        }
        let model = try Sequential { Input(shape: [2]); try Dense(1) }
        let (x, y) = (Tensor([1.0, 2.0], shape: [1, 2]), Tensor([[3.0]].flatMap { $0 }, shape: [1, 1]))
        let (_, grads) = try valueWithGradients(of: model.trainableVariables) {
            square(try model(x, training: true) - y).mean()
        }
        let before = model.getWeights()
        try SignSGD().apply(grads, to: model.trainableVariables)
        for (old, new) in zip(before, model.getWeights()) {
            #expect(zip(old.doubles, new.doubles).allSatisfy { Swift.abs(Swift.abs($0 - $1) - 0.01) < 1e-6 || $0 == $1 })
        }
    }
}
