import Testing
@testable import Keras

@Suite struct OptimizerValidationTests {
    /// The message of the error `body` throws ("" when it does not throw).
    func message(_ body: () throws -> Any) -> String {
        do { _ = try body(); return "" } catch { return "\(error)" }
    }

    @Test func invalidArgumentsThrowNamingTheArgument() {
        let clip = message { try Adam(clipnorm: 1, clipvalue: 1) }
        #expect(clip.contains("clipnorm: 1.0") && clip.contains("clipvalue: 1.0"))
        #expect(message { try SGD(clipvalue: 1, globalClipnorm: 2) }.contains("globalClipnorm: 2.0"))
        #expect(message { try Adam(useEMA: true, emaMomentum: 1.5) }.contains("emaMomentum"))
        #expect(message { try Adam(useEMA: true, emaMomentum: -0.1) }.contains("emaMomentum"))
        #expect(message { try Adam(useEMA: true, emaOverwriteFrequency: 0) }.contains("emaOverwriteFrequency"))
        #expect(message { try Adam(gradientAccumulationSteps: 1) }.contains("gradientAccumulationSteps"))
        #expect(message { try SGD(momentum: 1.5) }.contains("momentum"))
        #expect(message { try SGD(momentum: -0.5) }.contains("momentum"))
        #expect(message { try Lion(beta1: 0) }.contains("beta1"))
        #expect(message { try Ftrl(learningRatePower: 0.5) }.contains("learningRatePower"))
        #expect(message { try Ftrl(initialAccumulatorValue: -1) }.contains("initialAccumulatorValue"))
        #expect(message { try Ftrl(l1RegularizationStrength: -1) }.contains("l1RegularizationStrength"))
        #expect(message { try Ftrl(l2RegularizationStrength: -1) }.contains("l2RegularizationStrength"))
        #expect(message { try Ftrl(l2ShrinkageRegularizationStrength: -1) }.contains("l2ShrinkageRegularizationStrength"))
        // Keras checks the EMA momentum only when EMA is on.
        #expect(message { try Adam(emaMomentum: 2) } == "")
        #expect(message { try SGD(momentum: 1) } == "")
    }

    @Test func learningRateCanBeSetUnlessScheduled() throws {
        let sgd = try SGD(learningRate: 0.1)
        try sgd.setLearningRate(0.5)
        #expect(sgd.learningRate == 0.5 && sgd.kerasConfig["learning_rate"] == 0.5)
        let decay = try ExponentialDecay(initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5)
        sgd.setLearningRate(decay)
        #expect(sgd.schedule === decay && sgd.learningRateVariable == nil)
        #expect(sgd.variables.map(\.name) == ["iteration"])
        do {
            try sgd.setLearningRate(0.3)
            Issue.record("a scheduled learning rate was set")
        } catch let error as KerasError {
            #expect(error.message.contains("schedule"))
        }
    }

    @Test func applyRejectsMismatchesAndChangesNothing() throws {
        let a = Variable(Tensor([1.0, 2.0]), name: "a"), b = Variable(Tensor([3.0]), name: "b")
        let optimizer = try SGD(learningRate: 0.1)
        #expect(throws: KerasError.self) { try optimizer.apply([Tensor([1.0, 1.0])], to: [a, b]) }
        #expect(throws: KerasError.self) { try optimizer.apply([Tensor([1.0]), Tensor([1.0])], to: [a, b]) }
        #expect(throws: KerasError.self) { try optimizer.apply([Tensor([1.0])]) }
        #expect(optimizer.iterations == 0)
        try optimizer.apply([Tensor([1.0, 1.0]), Tensor([1.0])], to: [a, b])
        let stranger = Variable(Tensor([0.0]), name: "c")
        let unknown = message { try optimizer.apply([Tensor([1.0])], to: [stranger]) }
        #expect(unknown.contains("Unknown variable \"c\""))
        #expect(optimizer.iterations == 1 && a.value.doubles == [Double(Float(0.9)), Double(Float(1.9))])
        // The gradients of the variables it was built for, in order.
        try optimizer.apply([Tensor([1.0, 1.0]), Tensor([2.0])])
        #expect(optimizer.iterations == 2 && b.value.doubles == [Double(Float(2.7))])
        // An empty step is a no-op, as in Keras.
        try optimizer.apply([], to: [])
        #expect(optimizer.iterations == 2)
    }

    @Test func theBaseClassHasNoRule() throws {
        let optimizer = try Optimizer(learningRate: 0.1)
        #expect(optimizer.name.hasPrefix("optimizer"))
        let w = Variable(Tensor([1.0]), name: "w")
        do {
            try optimizer.apply([Tensor([1.0])], to: [w])
            Issue.record("the base class updated a variable")
        } catch let error as KerasError {
            #expect(error.kind == .unsupported && error.message.contains("updateStep"))
        }
    }

    /// Constraints are applied after the update, as Keras's `apply` does.
    @Test func constraintsApplyAfterTheUpdate() throws {
        let w = Variable(Tensor([0.05, 1.0, -2.0]), name: "kernel")
        let constraint = Constraint.nonNeg
        w.constraint = { constraint($0) }
        let free = Variable(Tensor([0.05, 1.0, -2.0]), name: "bias")
        let optimizer = try SGD(learningRate: 0.1)
        try optimizer.apply([Tensor([1.0, 1.0, 1.0]), Tensor([1.0, 1.0, 1.0])], to: [w, free])
        expectValues(w.value.doubles, [0, 0.9, 0], "constrained")
        expectValues(free.value.doubles, [-0.05, 0.9, -2.1], "unconstrained")
        // A layer's kernel constraint reaches the optimizer through its variable.
        let dense = try Dense(2, kernelConstraint: .maxNorm(0.1))
        _ = try dense(Tensor.ones([1, 3]))
        let adam = try Adam(learningRate: 0.5)
        try adam.apply(dense.trainableVariables.map { Tensor.ones($0.shape) }, to: dense.trainableVariables)
        let kernel = try #require(dense.trainableVariables.first)
        let columnNorms = sqrt(square(kernel.value).sum(axes: [0])).doubles
        #expect(columnNorms.allSatisfy { $0 <= 0.1 + 1e-6 }, "\(columnNorms)")
    }

    /// Weight decay skips excluded variables, by identity or by name pattern.
    @Test func weightDecayExclusions() throws {
        let kernel = Variable(Tensor([1.0]), name: "kernel"), bias = Variable(Tensor([1.0]), name: "bias")
        let gamma = Variable(Tensor([1.0]), name: "gamma")
        let optimizer = try SGD(learningRate: 0.5, weightDecay: 0.2)
        optimizer.excludeFromWeightDecay(variables: [gamma], names: ["bi.s"])
        #expect(optimizer.usesWeightDecay(for: kernel) && !optimizer.usesWeightDecay(for: bias) && !optimizer.usesWeightDecay(for: gamma))
        try optimizer.apply([Tensor([0.0]), Tensor([0.0]), Tensor([0.0])], to: [kernel, bias, gamma])
        #expect(kernel.value.doubles == [Double(Float(0.9))] && bias.value.doubles == [1] && gamma.value.doubles == [1])
        optimizer.excludeFromWeightDecay()
        #expect(optimizer.usesWeightDecay(for: bias))
    }

    @Test func lossScaling() throws {
        let optimizer = try SGD(learningRate: 1, lossScaleFactor: 4)
        #expect(optimizer.scaledLoss(Tensor(2.0)).item() == 8 && optimizer.unscaledLoss(Tensor(8.0)).item() == 2)
        let w = Variable(Tensor([1.0]), name: "w")
        try optimizer.apply([Tensor([4.0])], to: [w])
        #expect(w.value.doubles == [0])
    }

    @Test func clippingHelpers() throws {
        let byNorm = try SGD(clipnorm: 1).clipGradients([Tensor([3.0, 4.0]), Tensor([0.0])])
        expectValues(byNorm[0].doubles, [0.6, 0.8], "clipnorm")
        #expect(byNorm[1].doubles == [0])
        let global = try SGD(globalClipnorm: 1).clipGradients([Tensor([3.0]), Tensor([4.0])])
        expectValues(global.flatMap(\.doubles), [0.6, 0.8], "global")
        let small = try SGD(globalClipnorm: 10).clipGradients([Tensor([3.0]), Tensor([4.0])])
        expectValues(small.flatMap(\.doubles), [3, 4], "under the limit")
        #expect(try SGD(clipvalue: 0.5).clipGradients([Tensor([-2.0, 0.25, 2.0])])[0].doubles == [-0.5, 0.25, 0.5])
        #expect(try SGD(clipnorm: 0).clipGradients([Tensor([3.0, 4.0])])[0].doubles == [3, 4])
    }
}
