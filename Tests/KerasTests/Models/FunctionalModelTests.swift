import Testing
@testable import Keras

@Suite struct FunctionalModelTests {
    @Test func twoInputsTwoOutputsSharedLayerAndNestedSequentialMatchHandComputation() throws {
        let (model, shared, inner, head) = try SummaryTests.sharedModel()
        var data = TestData(3)
        let a = data.tensor([5, 8]), b = data.tensor([5, 4])
        let outputs = try model.allOutputs([a, b])
        // By hand with the same weights.
        func dense(_ layer: Layer, _ x: Tensor) -> Tensor { matmul(x, layer.weights[0].value) + layer.weights[1].value }
        let h1 = dense(shared, b)
        let c = KerasCore.concatenate([a, h1], axis: -1)
        let o1 = dense(inner.layers[1], dense(inner.layers[0], c))
        let o2 = dense(head, dense(shared, h1))
        expectClose(outputs[0], o1, tolerance: 1e-6)
        expectClose(outputs[1], o2, tolerance: 1e-6)
        // Weights: each once, in layer order.
        #expect(model.weights.count == 8)
        #expect(model.countParams() == 108)
        #expect(try model.getLayer(named: "shared") === shared)
        #expect(try model.getLayer(index: 0).name == "b")
        #expect(throws: KerasError.self) { try model.getLayer(named: "sharde") }
        do { _ = try model.getLayer(named: "sharde") } catch let e as KerasError { #expect(e.message.contains("Did you mean \"shared\"?")) }
    }

    @Test func modelCallErrors() throws {
        let (model, _, _, _) = try SummaryTests.sharedModel()
        do {
            _ = try model.allOutputs([Tensor.zeros([2, 8])])
            Issue.record("expected an error")
        } catch let e as KerasError {
            #expect(e.message.contains("expects 2 input(s)") && e.message.contains("received 1"), "\(e.message)")
        }
        do {
            _ = try model.allOutputs([Tensor.zeros([2, 8]), Tensor.zeros([2, 5])])
            Issue.record("expected an error")
        } catch let e as KerasError {
            #expect(e.message.contains("Input 1") && e.message.contains("(None, 4)") && e.message.contains("(2, 5)"), "\(e.message)")
        }
    }

    @Test func graphConstructionErrors() throws {
        let x = Input(shape: [3])
        let h = try Dense(2)(x)
        do {
            _ = try Model(inputs: [h], outputs: [try Dense(1)(h)])
            Issue.record("expected an error")
        } catch let e as KerasError {
            #expect(e.kind == .invalidGraph && e.message.contains("must come from Input"), "\(e.message)")
        }
        let other = Input(shape: [3], name: "other")
        let y = try Add()([h, try Dense(2)(other)])
        do {
            _ = try Model(inputs: [x], outputs: [y])
            Issue.record("expected an error")
        } catch let e as KerasError {
            #expect(e.kind == .invalidGraph && e.message.contains("Graph disconnected"), "\(e.message)")
        }
        let lonely = Input(shape: [3], name: "lonely")
        do {
            _ = try Model(inputs: [x], outputs: [lonely])
            Issue.record("expected an error")
        } catch let e as KerasError {
            #expect(e.kind == .invalidGraph, "\(e.message)")
        }
    }

    @Test func mergeShapeErrorsNameTheShapes() throws {
        let a = Input(shape: [3]), b = Input(shape: [4]), c = Input(shape: [2, 5])
        do { _ = try Add()([a, b]); Issue.record("expected an error") } catch let e as KerasError {
            #expect(e.kind == .incompatibleShape && e.message.contains("(None, 3)") && e.message.contains("(None, 4)"), "\(e.message)")
        }
        do { _ = try Concatenate(axis: 1)([a, c]); Issue.record("expected an error") } catch let e as KerasError {
            #expect(e.message.contains("concatenation axis 1") && e.message.contains("(None, 2, 5)"), "\(e.message)")
        }
        #expect(try Concatenate()([a, b]).shape == [nil, 7])
        #expect(try Dot(axes: 1)([a, Input(shape: [3])]).shape == [nil, 1])
    }

    @Test func rankErrorsAreCaughtOnSymbolicCalls() throws {
        do {
            _ = try Dense(3)(Input(shape: []))
            Issue.record("expected an error")
        } catch let e as KerasError {
            #expect(e.message.contains("min_ndim=2") && e.message.contains("(None,)"), "\(e.message)")
        }
    }

    @Test func modelsAreLayers() throws {
        let x = Input(shape: [4])
        let block = try Sequential([Dense(3, activation: .relu), Dense(2)])
        let y1 = try block(x)
        let y2 = try block(try Dense(4)(x))   // the same block called twice
        let model = try Model(inputs: [x], outputs: [try Add()([y1, y2])])
        var data = TestData(4)
        let v = data.tensor([2, 4])
        let result = try model(v)
        #expect(result.shape == [2, 2])
        let dense = model.layers.first { $0 is Dense }!
        let expected = try block(v) + block(dense(v))
        expectClose(result, expected, tolerance: 1e-6)
    }
}

extension FunctionalModelTests {
    @Test func errorsInsideNestedModelsNameThePath() throws {
        let inner = try Sequential([Dense(3, name: "inner_dense")], name: "inner_block")
        let outer = try Sequential([inner], name: "outer_block")
        _ = try outer(Tensor.ones([2, 4]))
        do {
            _ = try outer(Tensor.ones([2, 5]))
            Issue.record("expected an error")
        } catch let e as KerasError {
            #expect(e.message.contains("outer_block"), "\(e.message)")
        }
        let fresh = try Sequential([Dense(3)], name: "fresh_inner")
        let holder = try Sequential([fresh], name: "holder")
        let wrong = try Dense(2, name: "wrong_axis")
        _ = try wrong(Input(shape: [7]))
        do {
            try holder.add(wrong)
            _ = try holder(Tensor.ones([1, 2]))
            Issue.record("expected an error")
        } catch let e as KerasError {
            #expect(e.message.contains("In model \"holder\"") && e.message.contains("wrong_axis"), "\(e.message)")
        }
    }
}

extension FunctionalModelTests {
    @Test func inputsAndOutputsByName() throws {
        let a = Input(shape: [2], name: "left"), b = Input(shape: [2], name: "right")
        let sum = try Add()([a, b]), product = try Multiply()([a, b])
        let model = try Model(inputs: [a, b], outputs: ["sum": sum, "product": product])
        #expect(model.outputNames == ["product", "sum"])
        let out = try model.namedOutputs(["right": Tensor([3.0, 4], shape: [1, 2]), "left": Tensor([1.0, 2], shape: [1, 2])])
        #expect(out["sum"]?.doubles == [4, 6] && out["product"]?.doubles == [3, 8])
        do { _ = try model.namedOutputs(["left": Tensor.ones([1, 2])]); Issue.record("expected an error") } catch let e as KerasError {
            #expect(e.message.contains("Missing data for input \"right\""), "\(e.message)")
        }
        do { _ = try model.namedOutputs(["lfet": Tensor.ones([1, 2]), "right": Tensor.ones([1, 2])]); Issue.record("expected an error") } catch let e as KerasError {
            #expect(e.message.contains("Did you mean \"left\""), "\(e.message)")
        }
    }
}

/// Records the mask it is called with.
final class MaskProbe: Layer {
    var seen: Tensor?
    override func call(_ x: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        seen = mask
        return x
    }
    override func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape { inputShape }
}

extension FunctionalModelTests {
    @Test func masksFlowFromEmbeddingThroughTheGraph() throws {
        let probe = MaskProbe()
        let model = try Sequential {
            Input(shape: [4], dtype: .int32)
            try Embedding(inputDim: 10, outputDim: 3, maskZero: true)
            try Dense(2)
            probe
        }
        _ = try model(Tensor([1, 2, 0, 0, 5, 0, 7, 0], shape: [2, 4]))
        #expect(probe.seen?.doubles == [1, 1, 0, 0, 1, 0, 1, 0])
        // A layer without mask support stops the mask.
        let stopper = MaskProbe()
        let flattened = try Sequential {
            Input(shape: [4], dtype: .int32)
            try Embedding(inputDim: 10, outputDim: 3, maskZero: true)
            Flatten()
            stopper
        }
        _ = try flattened(Tensor([1, 2, 0, 0], shape: [1, 4]))
        #expect(stopper.seen == nil)
    }
}
