import Testing
@testable import Keras

/// The examples of the Keras module's DocC articles, compiled and run.
@Suite struct KerasDocumentationExamplesTests {
    @Test func landingAndGettingStarted() throws {
        let model = try Sequential {
            Input(shape: [784])
            try Dense(128, activation: .relu)
            try Dense(10)
        }
        #expect(try model(Tensor.zeros([32, 784])).shape == [32, 10])

        let classifier = try Sequential(name: "classifier") {
            Input(shape: [16], name: "features")
            try Dense(32, activation: .relu, name: "dense")
            try Dense(10, name: "dense_1")
        }
        var lines: [String] = []
        classifier.summary(lineLength: 76) { lines.append($0) }
        #expect(lines.count == 11 && lines[0] == "Model: \"classifier\"" && lines[8] == " Total params: 874 (3.41 KB)")
        let x = Tensor.ones([8, 16])
        #expect(try classifier(x).shape == [8, 10])
        #expect(try classifier(x, training: true).shape == [8, 10])
        #expect(classifier.weights.map(\.shape) == [[16, 32], [32], [32, 10], [10]])
        #expect(classifier.countParams() == 874)
        try classifier.setWeights(classifier.getWeights())
        classifier.trainable = false
        #expect(classifier.trainableWeights.isEmpty)
    }

    @Test func functionalAPI() throws {
        let a = Input(shape: [8], name: "a"), b = Input(shape: [4], name: "b")
        let shared = try Dense(4)
        let block = try Sequential([Dense(5), Dense(3)])
        let h = try shared(b)
        let merged = try Concatenate()([a, h])
        let first = try block(merged)
        let second = try Dense(1)(try shared(h))
        let model = try Model(inputs: [a, b], outputs: [first, second])
        let outputs = try model.allOutputs([Tensor.ones([2, 8]), Tensor.ones([2, 4])])
        #expect(outputs.map(\.shape) == [[2, 3], [2, 1]])
        let byName = try model.namedOutputs(["a": Tensor.ones([2, 8]), "b": Tensor.ones([2, 4])])
        #expect(byName.count == 2)

        final class TwoTower: Model {
            let left: Dense
            let right: Dense
            init() throws {
                left = try Dense(16, activation: .relu)
                right = try Dense(16, activation: .relu)
                super.init(name: "two_tower")
            }
            override func call(_ x: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
                try left(x) + right(x)
            }
        }
        let tower = try TwoTower()
        #expect(try tower(Tensor.ones([3, 5])).shape == [3, 16] && tower.trainableWeights.count == 4)
    }

    @Test func customLayers() throws {
        final class Scale: Layer {
            var factor: Variable?
            override func build(inputShape: TensorShape) throws {
                factor = try addWeight(name: "factor", shape: [inputShape.last!!], initializer: .ones)
            }
            override func call(_ x: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
                x * factor!.value
            }
            override func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape {
                inputShape
            }
        }
        let layer = Scale()
        #expect(try layer(Tensor.ones([2, 3])).doubles == [1, 1, 1, 1, 1, 1])
        #expect(try layer(Input(shape: [3])).shape == [nil, 3])
        #expect(layer.weights.map(\.name) == ["factor"])
        let penalized = Scale(activityRegularizer: .l2(0.01))
        _ = try penalized(Tensor.ones([2, 3]))
        #expect(Swift.abs(penalized.losses[0].item() - 0.01 * 6 / 2) < 1e-7)
    }
}

extension KerasDocumentationExamplesTests {
    @Test func layerVocabulary() throws {
        let layer = try Dense(64, activation: .gelu, kernelInitializer: .heNormal(seed: 42),
                              kernelRegularizer: .l2(1e-4), kernelConstraint: .maxNorm(3))
        #expect(try layer(Tensor.ones([2, 8])).shape == [2, 64])
        #expect(try Activation.named("relu").name == "relu")
        let squash = Activation.custom(name: "squash") { x in x / (abs(x) + 1) }
        #expect(squash(Tensor([1.0])).item() == 0.5)
        do { _ = try Activation.named("rleu"); Issue.record("expected an error") } catch let e as KerasError {
            #expect(e.message.contains("Did you mean \"relu\"?"))
        }
        #expect(try Initializer.glorotUniform(seed: 7)([784, 128]).shape == [784, 128])
        #expect(try Initializer(keras: "he_normal").className == "HeNormal")
        #expect(Regularizer.l1L2(l1: 1e-5, l2: 1e-4)(Tensor.ones([3, 3])).shape == [])
        let clipped = Constraint.maxNorm(2)(Tensor.full([3, 1], value: 5))
        #expect(Swift.abs((clipped * clipped).sum().item().squareRoot() - 2) < 1e-5)

        let dense = try Dense(4, activation: .relu, activityRegularizer: .l1(1e-3))
        let activations = try dense(Tensor.ones([8, 16]))
        let penalty = dense.losses[0]            // 1e-3 * sum(|activations|) / 8
        #expect(Swift.abs(penalty.item() - Double(Float(1e-3)) * abs(activations).sum().item() / 8) < 1e-9)
        let flatten = Flatten()
        flatten.activityRegularizer = .l2(1e-4)  // any layer
        #expect(flatten.activityRegularizer == .l2(1e-4))
    }
}

extension KerasDocumentationExamplesTests {
    @Test func readmeModels() throws {
        let model = try Sequential {
            Input(shape: [784])
            try Dense(128, activation: .relu)
            try Dense(10, activation: .softmax)
        }
        var text = ""
        model.summary { text += $0 }
        #expect(text.contains("Total params: 101,770"))
        let probabilities = try model(Tensor.zeros([32, 784]))
        #expect(probabilities.shape == [32, 10])
        let a = Input(shape: [8], name: "a"), b = Input(shape: [4], name: "b")
        let shared = try Dense(4)
        let merged = try Concatenate()([a, try shared(b)])
        let model2 = try Model(inputs: [a, b], outputs: [try Dense(1)(merged), try shared(try shared(b))])
        #expect(try model2.allOutputs([Tensor.ones([2, 8]), Tensor.ones([2, 4])]).map(\.shape) == [[2, 1], [2, 4]])
    }
}
