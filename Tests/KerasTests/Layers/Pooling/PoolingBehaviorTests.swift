import Testing
@testable import Keras

/// Pooling semantics beyond the Keras parity cases: masks of the 1-D global poolings, default
/// strides, names, and unknown axes.
@Suite struct PoolingBehaviorTests {
    @Test func globalAveragePooling1DAveragesOnlyKeptSteps() throws {
        let pool = try GlobalAveragePooling1D()
        let x = Tensor([1.0, 10, 2, 20, 3, 30, 4, 40], shape: [1, 4, 2])
        let mask = Tensor([true, false, true, false], shape: [1, 4])
        expectClose(try pool(x, mask: mask), [2, 20], shape: [1, 2])
        expectClose(try pool(x), [2.5, 25], shape: [1, 2])
        // The output carries no mask, as in Keras; a mask of another shape is an error.
        #expect(try pool.computeMask([x], masks: [mask])[0] == nil)
        expectKerasError(.incompatibleShape, containing: ["GlobalAveragePooling1D", "(1, 4, 2)", "mask of shape (1, 3)"]) {
            _ = try pool(x, mask: Tensor([true, true, false], shape: [1, 3]))
        }
        // A mask from an Embedding flows through a model.
        let tokens = Input(shape: [4], dtype: .int32)
        let embedded = try Embedding(inputDim: 5, outputDim: 2, embeddingsInitializer: .ones, maskZero: true)(tokens)
        let model = try Model(inputs: tokens, outputs: try GlobalAveragePooling1D()(embedded))
        expectClose(try model(Tensor([1, 2, 0, 0], shape: [1, 4], dtype: .int32)), [1, 1], shape: [1, 2])
    }

    @Test func globalMaxPooling1DIgnoresMasksAsKerasDoes() throws {
        let pool = try GlobalMaxPooling1D()
        #expect(!pool.supportsMasking)
        let x = Tensor([1.0, 5, 3], shape: [1, 3, 1])
        expectClose(try pool(x, mask: Tensor([true, false, true], shape: [1, 3])), [5], shape: [1, 1])
    }

    @Test func stridesDefaultToThePoolSize() throws {
        let pool = try AveragePooling2D(poolSize: [2, 3])
        #expect(pool.strides == [2, 3] && pool.poolSize == [2, 3] && pool.rank == 2)
        #expect(try MaxPooling3D(poolSize: 2, strides: [1, 2, 1]).strides == [1, 2, 1])
        let x = Tensor((0..<12).map(Double.init), shape: [1, 2, 6, 1])
        expectClose(try pool(x), [4, 7], shape: [1, 1, 2, 1])
        expectClose(try MaxPooling2D(poolSize: [2, 3])(x), [8, 11], shape: [1, 1, 2, 1])
    }

    @Test func samePaddingAveragesOnlyTheInside() throws {
        let x = Tensor([1.0, 2, 3, 4, 5], shape: [1, 5, 1])
        expectClose(try AveragePooling1D(poolSize: 2, padding: .same)(x), [1.5, 3.5, 5], shape: [1, 3, 1])
        expectClose(try MaxPooling1D(poolSize: 2, padding: .same)(x), [2, 4, 5], shape: [1, 3, 1])
    }

    @Test func namesAndUnknownAxes() throws {
        for (layer, name) in [(try MaxPooling2D() as Layer, "max_pooling2d"), (try AveragePooling1D(poolSize: 2), "average_pooling1d"),
                              (try GlobalMaxPooling3D(), "global_max_pooling3d"), (try GlobalAveragePooling1D(), "global_average_pooling1d")] {
            #expect(layer.name == name || layer.name.hasPrefix(name + "_"), "\(layer.name)")
        }
        #expect(try MaxPooling2D()(Input(shape: [nil, 9, 3])).shape == [nil, nil, 4, 3])
        #expect(try GlobalAveragePooling2D(dataFormat: .channelsFirst)(Input(shape: [5, nil, nil])).shape == [nil, 5])
    }
}
