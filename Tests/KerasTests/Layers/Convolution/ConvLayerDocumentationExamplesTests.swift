import Testing
@testable import Keras

/// The `///` examples of the convolution, pooling and reshaping layers, run as written, so the
/// documentation cannot drift from the API.
@Suite struct ConvLayerDocumentationExamplesTests {
    @Test func argumentExamples() throws {
        let square = try Conv2D(16, kernelSize: 3)
        let wide = try Conv2D(16, kernelSize: [3, 5])
        let k = 7
        let pool = try MaxPooling1D(poolSize: PerAxis(k))
        #expect(square.kernelSize == [3, 3] && wide.kernelSize == [3, 5] && pool.poolSize == [7])
        let pad = try ZeroPadding2D(padding: [[1, 0], [2, 3]])
        let crop = try Cropping2D(cropping: 2)
        #expect(pad.padding == [PadWidth(1, 0), PadWidth(2, 3)] && crop.cropping == [PadWidth(2, 2), PadWidth(2, 2)])
    }

    @Test func convolutionExamples() throws {
        let base: BaseConv = try Conv2D(8, kernelSize: 3, padding: .same)
        #expect(try base(Tensor.ones([2, 16, 16, 3])).shape == [2, 16, 16, 8])
        let strided = try Conv2D(32, kernelSize: 3, strides: 2, padding: .same, activation: .relu)
        #expect(try strided(Tensor.ones([8, 28, 28, 3])).shape == [8, 14, 14, 32])
        #expect(try Conv1D(16, kernelSize: 3, padding: .causal, dilationRate: 2)(Tensor.ones([4, 20, 8])).shape == [4, 20, 16])
        #expect(try Conv2D(32, kernelSize: 3, activation: .relu)(Tensor.ones([8, 28, 28, 1])).shape == [8, 26, 26, 32])
        #expect(try Conv3D(4, kernelSize: [1, 3, 3], padding: .same)(Tensor.ones([2, 5, 8, 8, 2])).shape == [2, 5, 8, 8, 4])
        #expect(try Conv2DTranspose(16, kernelSize: 3, strides: 2, padding: .same)(Tensor.ones([1, 7, 7, 32])).shape == [1, 14, 14, 16])
        #expect(try Conv1DTranspose(8, kernelSize: 4, strides: 2)(Tensor.ones([2, 10, 3])).shape == [2, 22, 8])
        #expect(try Conv3DTranspose(2, kernelSize: 2, strides: 2)(Tensor.ones([1, 3, 3, 3, 4])).shape == [1, 6, 6, 6, 2])
        #expect(try DepthwiseConv2D(kernelSize: 3, padding: .same, depthMultiplier: 2)(Tensor.ones([1, 8, 8, 3])).shape == [1, 8, 8, 6])
        #expect(try DepthwiseConv1D(kernelSize: 5, padding: .same)(Tensor.ones([2, 30, 4])).shape == [2, 30, 4])
        let separable = try SeparableConv2D(16, kernelSize: 3, padding: .same, activation: .relu)
        #expect(try separable(Tensor.ones([2, 12, 12, 8])).shape == [2, 12, 12, 16])
        #expect(try SeparableConv1D(8, kernelSize: 3, depthMultiplier: 2)(Tensor.ones([2, 10, 4])).shape == [2, 8, 8])
    }

    @Test func poolingExamples() throws {
        let base: BasePooling = try MaxPooling2D(poolSize: 2)
        #expect(try base(Tensor.ones([8, 28, 28, 16])).shape == [8, 14, 14, 16])
        #expect(try MaxPooling2D(poolSize: 3, strides: 2, padding: .same)(Tensor.ones([1, 9, 9, 4])).shape == [1, 5, 5, 4])
        #expect(try MaxPooling1D(poolSize: 2)(Tensor.ones([4, 10, 8])).shape == [4, 5, 8])
        #expect(try MaxPooling2D()(Tensor.ones([8, 28, 28, 16])).shape == [8, 14, 14, 16])
        #expect(try MaxPooling3D(poolSize: [1, 2, 2])(Tensor.ones([2, 4, 8, 8, 3])).shape == [2, 4, 4, 4, 3])
        #expect(try AveragePooling2D(poolSize: 2)(Tensor.ones([8, 28, 28, 16])).shape == [8, 14, 14, 16])
        #expect(try AveragePooling1D(poolSize: 3, strides: 1, padding: .same)(Tensor.ones([4, 10, 8])).shape == [4, 10, 8])
        #expect(try AveragePooling3D(poolSize: 2, dataFormat: .channelsFirst)(Tensor.ones([2, 3, 4, 4, 4])).shape == [2, 3, 2, 2, 2])
        let global: BaseGlobalPooling = try GlobalAveragePooling2D(keepdims: true)
        #expect(try global(Tensor.ones([8, 7, 7, 64])).shape == [8, 1, 1, 64])
        #expect(try GlobalMaxPooling1D()(Tensor.ones([4, 10, 8])).shape == [4, 8])
        #expect(try GlobalMaxPooling2D(keepdims: true)(Tensor.ones([8, 7, 7, 64])).shape == [8, 1, 1, 64])
        #expect(try GlobalMaxPooling3D(dataFormat: .channelsFirst)(Tensor.ones([2, 3, 4, 4, 4])).shape == [2, 3])
        #expect(try GlobalAveragePooling2D()(Tensor.ones([8, 7, 7, 64])).shape == [8, 64])
        #expect(try GlobalAveragePooling3D()(Tensor.ones([2, 4, 4, 4, 3])).shape == [2, 3])
        let pool = try GlobalAveragePooling1D()
        let x = Tensor([1.0, 2, 3, 4], shape: [1, 4, 1])
        let y = try pool(x, mask: Tensor([true, true, false, false], shape: [1, 4]))
        expectClose(y, [1.5], shape: [1, 1])
    }

    @Test func reshapingExamples() throws {
        let crop: BaseCropping = try Cropping2D(cropping: [[2, 2], [4, 4]])
        #expect(try crop(Tensor.ones([1, 28, 28, 3])).shape == [1, 24, 20, 3])
        #expect(try Cropping1D(cropping: [1, 2])(Tensor.ones([2, 10, 4])).shape == [2, 7, 4])
        #expect(try Cropping3D(cropping: [1, 2, 0])(Tensor.ones([1, 8, 8, 8, 2])).shape == [1, 6, 4, 8, 2])
        let pad: BaseZeroPadding = try ZeroPadding2D(padding: 1)
        #expect(try pad(Tensor.ones([1, 28, 28, 3])).shape == [1, 30, 30, 3])
        #expect(try ZeroPadding1D(padding: [2, 0])(Tensor.ones([2, 10, 4])).shape == [2, 12, 4])
        #expect(try ZeroPadding2D(padding: [[1, 0], [2, 3]])(Tensor.ones([1, 4, 4, 3])).shape == [1, 5, 9, 3])
        #expect(try ZeroPadding3D(padding: [1, 2, 0])(Tensor.ones([1, 4, 4, 4, 2])).shape == [1, 6, 8, 4, 2])
        let upBase: BaseUpSampling = try UpSampling2D(size: [2, 3])
        #expect(try upBase(Tensor.ones([1, 4, 4, 3])).shape == [1, 8, 12, 3])
        #expect(try UpSampling1D(size: 3)(Tensor.ones([2, 5, 4])).shape == [2, 15, 4])
        #expect(try UpSampling2D(size: 2, interpolation: .bilinear)(Tensor.ones([1, 4, 4, 3])).shape == [1, 8, 8, 3])
        #expect(try UpSampling3D(size: [1, 2, 2])(Tensor.ones([1, 3, 4, 4, 2])).shape == [1, 3, 8, 8, 2])
        let up = try UpSampling2D(size: 2, interpolation: .bilinear)
        #expect(try up(Tensor([0.0, 1, 2, 3], shape: [1, 2, 2, 1])).shape == [1, 4, 4, 1])
    }

    /// The model of DESIGN.md §3 builds with these layers.
    @Test func designExampleBuilds() throws {
        let model = try Sequential {
            Input(shape: [28, 28, 1])
            try Conv2D(32, kernelSize: 3, activation: .relu)
            try MaxPooling2D(poolSize: 2)
            Flatten()
            try Dense(10, activation: .softmax)
        }
        #expect(try model(Tensor.zeros([2, 28, 28, 1])).shape == [2, 10])
        #expect(model.countParams() == 3 * 3 * 32 + 32 + 13 * 13 * 32 * 10 + 10)
    }
}
