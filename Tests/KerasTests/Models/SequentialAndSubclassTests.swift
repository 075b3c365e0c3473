import Testing
@testable import Keras

/// A subclassed model: layers in properties, tracked without registration.
final class TwoLayerNet: Model {
    let hidden: Dense
    let output: Dense
    let extras: [Dense]

    init() throws {
        hidden = try Dense(8, activation: .relu, name: "hidden")
        output = try Dense(2, name: "output")
        extras = [try Dense(2, name: "extra")]
        super.init(name: "two_layer_net")
    }

    override func call(_ x: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        try output(hidden(x)) + extras[0](try output(hidden(x)))
    }
}

/// A subclassed layer with its own weight and a nested layer.
final class ScaledDense: Layer {
    let inner: Dense
    var scale: Variable?
    init(_ units: Int) throws {
        inner = try Dense(units)
        super.init()
    }
    override func build(inputShape: TensorShape) throws {
        scale = try addWeight(name: "scale", shape: [1], initializer: .ones)
    }
    override func call(_ x: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        try inner(x) * scale!.value
    }
}

@Suite struct SequentialAndSubclassTests {
    @Test func sequentialBuildsAtOnceWithAnInputAndLaterWithout() throws {
        let eager = try Sequential {
            Input(shape: [5])
            try Dense(4, activation: .relu)
            for _ in 0..<2 { try Dense(3) }
        }
        #expect(eager.isBuilt && eager.layers.count == 3 && eager.weights.count == 6)
        #expect(eager.outputs[0].shape == [nil, 3])

        let deferred = try Sequential([Dense(4), Dense(2)])
        #expect(!deferred.isBuilt && deferred.weights.isEmpty)
        let y = try deferred(Tensor.ones([3, 7]))
        #expect(y.shape == [3, 2] && deferred.isBuilt && deferred.weights.map(\.shape) == [[7, 4], [4], [4, 2], [2]])

        try deferred.pop()
        #expect(deferred.layers.count == 1)
        #expect(try deferred(Tensor.ones([1, 7])).shape == [1, 4])
        try deferred.add(Dense(6))
        #expect(try deferred(Tensor.ones([1, 7])).shape == [1, 6])
    }

    @Test func addingAnIncompatibleLayerThrowsAndLeavesTheModelUnchanged() throws {
        let model = try Sequential([Dense(4)], input: Input(shape: [3]))
        let fixed = try Dense(2)
        _ = try fixed(Input(shape: [9]))
        do {
            try model.add(fixed)
            Issue.record("expected an error")
        } catch let e as KerasError {
            #expect(e.message.contains("9") && e.message.contains("(None, 4)"), "\(e.message)")
        }
        #expect(model.layers.count == 1)
        #expect(try model(Tensor.ones([2, 3])).shape == [2, 4])
        #expect(throws: KerasError.self) { try Sequential([]).pop() }
    }

    @Test func subclassedModelsTrackLayersInProperties() throws {
        let net = try TwoLayerNet()
        let y = try net(Tensor.ones([4, 3]))
        #expect(y.shape == [4, 2])
        #expect(net.layers.map(\.name) == ["hidden", "output", "extra"])
        #expect(net.trainableWeights.count == 6)
        // Symbolic calls work too (the output shape is found by running the model).
        #expect(try net(Input(shape: [3])).shape == [nil, 2])
    }

    @Test func subclassedLayersTrackNestedLayers() throws {
        let layer = try ScaledDense(3)
        _ = try layer(Tensor.ones([2, 5]))
        #expect(layer.weights.map(\.name) == ["scale", "kernel", "bias"])
        #expect(layer.countParams() == 1 + 15 + 3)
    }

    @Test func freezingALayerOrAWholeModel() throws {
        let inner = try Sequential([Dense(3), Dense(2)], input: Input(shape: [4]))
        let outer = try Sequential([inner, Dense(1)], input: Input(shape: [4]))
        #expect(outer.trainableWeights.count == 6)
        inner.trainable = false
        #expect(outer.trainableWeights.count == 2 && outer.nonTrainableWeights.count == 4)
        #expect(inner.layers.allSatisfy { !$0.trainable })
        outer.trainable = false
        #expect(outer.trainableWeights.isEmpty && outer.nonTrainableWeights.count == 6)
        outer.trainable = true
        #expect(outer.trainableWeights.count == 6)
        // A frozen BatchNormalization keeps its weights out of training.
        let bn = try BatchNormalization()
        _ = try bn(Tensor.ones([2, 3]))
        #expect(bn.trainableWeights.count == 2 && bn.nonTrainableWeights.count == 2)
    }

    @Test func namesAreUniqueAndSnakeCased() {
        #expect(LayerNaming.snakeCase("Dense") == "dense")
        #expect(LayerNaming.snakeCase("BatchNormalization") == "batch_normalization")
        #expect(LayerNaming.snakeCase("Conv2DTranspose") == "conv2d_transpose")
        #expect(LayerNaming.snakeCase("PReLU") == "p_re_lu")
        #expect(LayerNaming.snakeCase("LSTM") == "lstm")
        #expect(LayerNaming.snakeCase("InputLayer") == "input_layer")
        #expect(LayerNaming.snakeCase("SpatialDropout1D") == "spatial_dropout1d")
        let a = Concatenate(), b = Concatenate()
        #expect(a.name != b.name && a.name.hasPrefix("concatenate") && b.name.hasPrefix("concatenate"))
    }

    @Test func getAndSetWeightsValidateShapes() throws {
        let layer = try Dense(2)
        _ = try layer(Tensor.ones([1, 3]))
        #expect(throws: KerasError.self) { try layer.setWeights([Tensor.ones([3, 2])]) }
        #expect(throws: KerasError.self) { try layer.setWeights([Tensor.ones([2, 3]), Tensor.ones([2])]) }
        try layer.setWeights([Tensor.ones([3, 2]), Tensor.zeros([2])])
        #expect(layer.getWeights().map(\.shape) == [[3, 2], [2]])
    }

    @Test func regularizationLossesReachTheModel() throws {
        let dense = try Dense(2, kernelRegularizer: .l2(0.5))
        let model = try Sequential([dense], input: Input(shape: [3]))
        try dense.setWeights([Tensor.ones([3, 2]), Tensor.zeros([2])])
        #expect(model.losses.count == 1)
        #expect(model.losses[0].item() == 3)   // 0.5 * 6 ones
        dense.trainable = false
        #expect(model.losses.isEmpty)   // only trainable weights are regularized, as in Keras
    }
}

/// Variable paths follow Keras's name scopes (checked against Keras 3.15.1's `variable.path`).
@Suite struct VariablePathTests {
    @Test func sequentialPrefixesItsNameAndFunctionalDoesNot() throws {
        let seq = try Sequential(name: "seq_paths") {
            Input(shape: [3])
            try Dense(2, name: "first")
        }
        #expect(seq.weights.map(\.path) == ["seq_paths/first/kernel", "seq_paths/first/bias"])

        let input = Input(shape: [3])
        let model = try Model(inputs: input, outputs: try Dense(2, name: "fn_dense")(input))
        #expect(model.weights.map(\.path) == ["fn_dense/kernel", "fn_dense/bias"])
    }

    @Test func subclassedModelsPrefixTheirNameAndNestedLayersTheirs() throws {
        let net = try TwoLayerNet()
        _ = try net(Tensor.zeros([1, 3]))
        #expect(net.weights.map(\.path).prefix(2) == ["two_layer_net/hidden/kernel", "two_layer_net/hidden/bias"])
        let layer = try ScaledDense(2)
        _ = try layer(Tensor.zeros([1, 3]))
        #expect(layer.weights.map(\.path) == ["\(layer.name)/scale", "\(layer.name)/\(layer.inner.name)/kernel", "\(layer.name)/\(layer.inner.name)/bias"])
    }
}
