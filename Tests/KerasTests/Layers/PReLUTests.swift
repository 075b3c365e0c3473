import Testing
@testable import Keras

@Suite struct PReLUTests {
    @Test func layerChecks() throws {
        let quarter = Initializer.constant(0.25)
        try checkLayer({ PReLU(alphaInitializer: quarter, dtype: $0) }, inputShape: [2, 3, 4], outputShape: [2, 3, 4], weightShapes: [[3, 4]])
        try checkLayer({ PReLU(alphaInitializer: quarter, sharedAxes: [1, 2], dtype: $0) }, inputShape: [2, 3, 4, 5], outputShape: [2, 3, 4, 5], weightShapes: [[1, 1, 5]])
    }

    @Test func startsAtZeroAsKeras() throws {
        let layer = PReLU()
        let y = try layer(kerasReferenceInput)
        #expect(layer.weights.map(\.name) == ["alpha"])
        #expect(layer.weights[0].value.doubles == [0, 0, 0, 0])
        expectClose(y, [0, 0, 0, 0, 0.5, 1.25, 3, 0, 7, 0, 0.1, 6.5])
    }

    @Test func matchesKeras() throws {
        let layer = PReLU()
        _ = try layer(kerasReferenceInput)
        try layer.setWeights([Tensor.full([4], value: 0.25)])
        expectClose(try layer(kerasReferenceInput), [-0.625, -0.25, -0.0625, 0, 0.5, 1.25, 3, -0.1875, 7, -1, 0.1, 6.5])

        let shared = PReLU(sharedAxes: [1])
        let x = kerasReferenceInput.reshaped(to: [3, 2, 2])
        _ = try shared(x)
        #expect(shared.weights[0].shape == [1, 2])
        try shared.setWeights([Tensor([0.1, 0.2], shape: [1, 2])])
        expectClose(try shared(x), [-0.25, -0.2, -0.025, 0, 0.5, 1.25, 3, -0.15000001, 7, -0.80000001, 0.1, 6.5], shape: [3, 2, 2])
    }

    @Test func checksSharedAxesAndKnownSizes() throws {
        expectKerasError(.invalidArgument, containing: ["axis 3", "(None, 4, 5)"]) { _ = try PReLU(sharedAxes: [3])(Input(shape: [4, 5])) }
        expectKerasError(.incompatibleShape, containing: ["axis 1", "(None, None, 5)"]) { _ = try PReLU()(Input(shape: [nil, 5])) }
        // An unknown axis is fine when alpha is shared along it.
        let y = try PReLU(sharedAxes: [1])(Input(shape: [nil, 5]))
        #expect(y.shape == [nil, nil, 5])
    }
}
