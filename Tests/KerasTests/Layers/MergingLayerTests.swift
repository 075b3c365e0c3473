import Testing
@testable import Keras

@Suite struct MergingLayerTests {
    let a = Tensor([1.0, -2, 3, 4], shape: [2, 2])
    let b = Tensor([2.0, 2, -1, 0.5], shape: [2, 2])

    @Test func elementwiseMerges() throws {
        #expect(try Add()([a, b]).doubles == [3, 0, 2, 4.5])
        #expect(try Subtract()([a, b]).doubles == [-1, -4, 4, 3.5])
        #expect(try Multiply()([a, b]).doubles == [2, -4, -3, 2])
        #expect(try Average()([a, b, b]).doubles.map { ($0 * 1000).rounded() / 1000 } == [1.667, 0.667, 0.333, 1.667])
        #expect(try Maximum()([a, b]).doubles == [2, 2, 3, 4])
        #expect(try Minimum()([a, b]).doubles == [1, -2, -1, 0.5])
        // Broadcasting over a size-1 axis, symbolically and concretely.
        #expect(try Add()([Input(shape: [1, 4]), Input(shape: [3, 4])]).shape == [nil, 3, 4])
        #expect(try Add()([Tensor.ones([2, 1, 4]), Tensor.ones([2, 3, 4])]).shape == [2, 3, 4])
        do { _ = try Subtract()([a, b, b]); Issue.record("expected an error") } catch let e as KerasError {
            #expect(e.message.contains("exactly 2 inputs") && e.message.contains("Received 3"), "\(e.message)")
        }
        do { _ = try Add()([a]); Issue.record("expected an error") } catch let e as KerasError {
            #expect(e.message.contains("at least 2"), "\(e.message)")
        }
    }

    @Test func functionFormsBuildTheLayers() throws {
        let x = Input(shape: [4]), y = Input(shape: [4])
        #expect(try add([x, y]).shape == [nil, 4])
        #expect(try subtract([x, y]).history?.layer is Subtract)
        #expect(try multiply([x, y]).history?.layer is Multiply)
        #expect(try average([x, y]).history?.layer is Average)
        #expect(try maximum([x, y]).history?.layer is Maximum)
        #expect(try minimum([x, y]).history?.layer is Minimum)
        #expect(try concatenate([x, y]).shape == [nil, 8])
        #expect(try dot([x, y], axes: 1, normalize: true).shape == [nil, 1])
    }

    @Test func dotProducts() throws {
        #expect(try Dot(axes: 1)([a, b]).doubles == [-2, -1])
        let cosine = try Dot(axes: 1, normalize: true)([a, b]).doubles
        #expect(Swift.abs(cosine[0] - (-2 / (5.0.squareRoot() * 8.0.squareRoot()))) < 1e-6)
        // Batched matrix-vector: [B, 3, 2] . [B, 2] along (2, 1) -> [B, 3]
        var data = TestData(1)
        let m = data.tensor([2, 3, 2]), v = data.tensor([2, 2])
        let got = try Dot(axes: (2, 1))([m, v])
        expectClose(got, matmul(m, v.expandingDimensions(axis: -1)).squeezed(axes: [-1]), tolerance: 1e-6)
        let m64 = cast(m, to: .float64), v64 = cast(v, to: .float64)
        let (_, grads) = try valueWithGradients(at: [m64, v64]) { t in try Dot(axes: (2, 1), dtype: .float64)([t[0], t[1]]).sum() }
        expectClose(grads[0], v64.expandingDimensions(axis: 1).broadcasted(to: [2, 3, 2]), tolerance: 1e-12)
    }

    @Test func concatenateMasks() throws {
        let layer = Concatenate(axis: -1)
        let x = Tensor.ones([1, 3, 2]), y = Tensor.ones([1, 3, 4])
        let masks = try layer.computeMask([x, y], masks: [Tensor([true, false, true], shape: [1, 3]), nil])
        #expect(masks[0]?.doubles == [1, 0, 1])
        let merged = try Add().computeMask([x, x], masks: [Tensor([true, true, false], shape: [1, 3]), Tensor([true, false, true], shape: [1, 3])])
        #expect(merged[0]?.doubles == [1, 0, 0])
    }

    /// Each merging layer's config round trip (checkLayer takes one input, so these check here):
    /// same object after rebuilding, and the same output.
    @Test func configRoundTrips() throws {
        let c = Tensor([0.5, 1, -1, 2], shape: [2, 2])
        let layers: [Layer] = [Add(), Subtract(), Multiply(), Average(), Maximum(), Minimum(dtype: .float64),
                               Concatenate(axis: 1), Concatenate(), Dot(axes: 1), Dot(axes: (1, 1), normalize: true)]
        for layer in layers {
            let inputs = layer.dtype == .float64 ? [cast(a, to: .float64), cast(c, to: .float64)] : [a, c]
            let expected = try layer(inputs)
            try checkConfigRoundTrip(layer)
            let rebuilt = try LayerRegistry.deserialize(try layer.serializedKerasObject())
            #expect(type(of: rebuilt) == type(of: layer))
            #expect(try rebuilt(inputs).doubles == expected.doubles, "\(layer.className)")
        }
        let add = Add(name: "sum", trainable: false)
        _ = try add([Input(shape: [2]), Input(shape: [2]), Input(shape: [2])])
        let object = try add.serializedKerasObject()
        #expect(object["build_config"] == ["input_shape": [[nil, 2], [nil, 2], [nil, 2]]])
        #expect(object["config"]?["trainable"] == false && object["config"]?["name"] == "sum")
        #expect(try LayerRegistry.deserialize(object).serializedKerasObject() == object)
    }
}
