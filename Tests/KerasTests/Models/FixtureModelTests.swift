import Testing
@testable import Keras

/// Models saved by Python Keras (`../shared/fixtures/keras3`), rebuilt in Swift with the same
/// architecture and the fixture's weights, must reproduce the fixture outputs within 1e-5.
@Suite struct FixtureModelTests {
    @Test func tinySequential() throws {
        let model = try Sequential(name: "tiny_seq") {
            Input(shape: [4], name: "features")
            try Dense(3, activation: .relu, name: "hidden")
            try Dense(2, name: "out")
        }
        for layer in model.layers { try Fixtures.loadDense(layer, model: "tiny_sequential") }
        let y = try model(Fixtures.array("tiny_sequential", "in0"))
        expectClose(y, try Fixtures.array("tiny_sequential", "out0"), tolerance: 1e-5)
    }

    @Test func tinyShared() throws {
        let x = Input(shape: [4], name: "x"), yIn = Input(shape: [4], name: "y")
        let shared = try Dense(3, name: "shared")
        let cat = try Concatenate(axis: -1, name: "cat")([shared(x), shared(yIn)])
        let out = try Dense(1, name: "out")
        let model = try Model(inputs: [x, yIn], outputs: [out(cat)], name: "tiny_shared")
        try Fixtures.loadDense(shared, model: "tiny_shared")
        try Fixtures.loadDense(out, model: "tiny_shared")
        let result = try model([Fixtures.array("tiny_shared", "in0"), Fixtures.array("tiny_shared", "in1")])
        expectClose(result, try Fixtures.array("tiny_shared", "out0"), tolerance: 1e-5)
        #expect(model.layers.map(\.name) == ["x", "y", "shared", "cat", "out"])
    }

    @Test func functionalShared() throws {
        let a = Input(shape: [6], name: "in_a"), b = Input(shape: [6], name: "in_b")
        let shared = try Dense(5, activation: .tanh, name: "shared")
        let sa = try shared(a), sb = try shared(b)
        let concat = try Concatenate(name: "concat")([sa, sb])
        let sum = try Add(name: "add")([sa, sb])
        let outCat = try Dense(2, name: "out_cat"), outAdd = try Dense(1, name: "out_add")
        let model = try Model(inputs: [a, b], outputs: [outCat(concat), outAdd(sum)], name: "functional_shared")
        for layer in [shared, outCat, outAdd] { try Fixtures.loadDense(layer, model: "functional_shared") }
        let inputs = try ["in_a": Fixtures.array("functional_shared", "in0"), "in_b": Fixtures.array("functional_shared", "in1")]
        let outputs = try model.allOutputs(model.orderedInputs(inputs))
        expectClose(outputs[0], try Fixtures.array("functional_shared", "out0"), tolerance: 1e-5)
        expectClose(outputs[1], try Fixtures.array("functional_shared", "out1"), tolerance: 1e-5)
        #expect(model.outputNames == ["out_cat", "out_add"])
    }

    @Test func nestedSequentialInsideFunctional() throws {
        let inner = try Sequential(name: "inner") {
            Input(shape: [4])
            try Dense(5, activation: .relu, name: "d1")
            try Dense(5, name: "d2")
        }
        let x = Input(shape: [4], name: "x")
        let head = try Dense(2, name: "head")
        let model = try Model(inputs: x, outputs: try head(inner(x)), name: "nested")
        for layer in inner.layers + [head] { try Fixtures.loadDense(layer, model: "nested") }
        expectClose(try model(Fixtures.array("nested", "in0")), try Fixtures.array("nested", "out0"), tolerance: 1e-5)
        #expect(model.weights.map(\.name) == ["kernel", "bias", "kernel", "bias", "kernel", "bias"])
    }
}

extension FixtureModelTests {
    @Test func mlpWithDropoutAndBatchNormalization() throws {
        let dense = try Dense(16, activation: .relu, name: "dense_in")
        let bn = try BatchNormalization(name: "bn")
        let probs = try Dense(4, activation: .softmax, name: "probs")
        let model = try Sequential(name: "mlp") {
            Input(shape: [8], name: "features")
            dense
            try Dropout(0.25, name: "dropout")
            bn
            probs
        }
        try Fixtures.loadDense(dense, model: "mlp")
        try Fixtures.loadDense(probs, model: "mlp")
        try bn.setWeights(["gamma", "beta", "moving_mean", "moving_variance"].map { try Fixtures.array("mlp", "bn__\($0)") })
        expectClose(try model(Fixtures.array("mlp", "in0")), try Fixtures.array("mlp", "out0"), tolerance: 1e-5)
        #expect(model.weights.count == 8 && model.trainableWeights.count == 6)
    }
}
