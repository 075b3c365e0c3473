import Testing
@testable import Keras

/// The `///` examples of the activation, regularization, core and reshaping layers, run as
/// written, so the documentation cannot drift from the API.
@Suite struct LayerDocumentationExamplesTests {
    @Test func activationExamples() throws {
        let activation = ActivationLayer(.relu)
        #expect(try activation(Tensor([-3.0, -1, 0, 2])).floats == [0, 0, 0, 2])
        let relu = try ReLU(maxValue: 10, negativeSlope: 0.5)
        #expect(try relu(Tensor([-10.0, -5, 0, 5, 10])).floats == [-5, -2.5, 0, 5, 10])
        let leaky = try LeakyReLU(negativeSlope: 0.5)
        #expect(try leaky(Tensor([-10.0, -5, 0, 5, 10])).floats == [-5, -2.5, 0, 5, 10])
        expectClose(try ELU(alpha: 0.5)(Tensor([-1.0, 0, 2])), [-0.316060279, 0, 2])
        expectClose(try Softmax()(Tensor([1.0, 2, 1])), [0.21194157, 0.5761169, 0.21194157])
        let prelu = PReLU(sharedAxes: [1, 2])
        #expect(try prelu(Tensor.ones([2, 8, 8, 16])).shape == [2, 8, 8, 16])
        #expect(prelu.weights[0].shape == [1, 1, 16])
    }

    @Test func regularizationExamples() throws {
        let y = try Dropout(0.5, seed: 42)(Tensor.ones([2, 4]), training: true)
        #expect(y.doubles.allSatisfy { $0 == 0 || $0 == 2 })
        #expect(try SpatialDropout1D(0.25, seed: 1)(Tensor.ones([8, 10, 16]), training: true).shape == [8, 10, 16])
        #expect(try SpatialDropout2D(0.2)(Tensor.ones([4, 28, 28, 8]), training: true).shape == [4, 28, 28, 8])
        #expect(try SpatialDropout3D(0.2, dataFormat: .channelsFirst)(Tensor.ones([2, 4, 8, 8, 8]), training: true).shape == [2, 4, 8, 8, 8])
        let x = Tensor.ones([2, 3])
        #expect(try GaussianNoise(0.1, seed: 3)(x, training: true).shape == [2, 3])
        #expect(try GaussianDropout(0.2, seed: 5)(x, training: true).shape == [2, 3])
        #expect(try AlphaDropout(0.1, seed: 9)(x, training: true).shape == [2, 3])
        let regularization = ActivityRegularization(l1: 0.01)
        _ = try regularization(x)
        expectClose(regularization.losses[0], [0.03])
    }

    @Test func coreExamples() throws {
        let x = Tensor([1.0, 2, 3])
        #expect(try Identity()(x).doubles == x.doubles)
        let masking = Masking(maskValue: 0)
        let steps = Tensor([1.0, 2, 0, 0], shape: [1, 2, 2])
        _ = try masking(steps)
        #expect(try masking.computeMask([steps], masks: [nil])[0]?.doubles == [1, 0])
        let embedding = try Embedding(inputDim: 1000, outputDim: 64, maskZero: true)
        #expect(try embedding(Tensor([3, 17, 0], shape: [1, 3])).shape == [1, 3, 64])
        #expect(try Lambda { x in x * x }(x).doubles == [1, 4, 9])
        #expect(try Lambda { $0 * 2 }(x).doubles == [2, 4, 6])
        let pairSum = Lambda(outputShapeFunction: { s in [s[0], s[1].map { $0 / 2 }] }) { x in
            x.reshaped(to: [x.shape[0], x.shape[1] / 2, 2]).sum(axes: [2])
        }
        #expect(try pairSum(Tensor.ones([2, 6])).doubles == [2, 2, 2, 2, 2, 2])
        let projection = try EinsumDense("abc,cde->abde", outputShape: [nil, 8, 16], biasAxes: "de")
        #expect(try projection(Tensor.ones([2, 10, 64])).shape == [2, 10, 8, 16])
        #expect(projection.weights.map(\.shape) == [[64, 8, 16], [8, 16]])
        let dense = try EinsumDense("ab,bc->ac", outputShape: 64, biasAxes: "c")
        #expect(try dense(Tensor.ones([2, 5])).shape == [2, 64])
    }

    @Test func reshapingExamples() throws {
        #expect(try Flatten()(Tensor.ones([8, 28, 28, 1])).shape == [8, 784])
        #expect(try Permute([2, 1])(Tensor.ones([8, 10, 64])).shape == [8, 64, 10])
        #expect(try RepeatVector(3)(Tensor.ones([8, 32])).shape == [8, 3, 32])
        #expect(try Reshape([-1, 4])(Tensor.ones([8, 3, 4, 2])).shape == [8, 6, 4])
    }
}
