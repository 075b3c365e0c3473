import Testing
@testable import Keras

/// What the convolution layers promise beyond matching Keras's numbers: Keras's names, weight
/// paths and shapes, grouped and causal semantics, regularizers, constraints and unknown axes.
@Suite struct ConvolutionBehaviorTests {
    @Test func kerasClassNamesAndDefaultLayerNames() throws {
        let layers: [(Layer, String)] = [
            (try Conv1D(1, kernelSize: 1), "conv1d"), (try Conv2D(1, kernelSize: 1), "conv2d"),
            (try Conv3D(1, kernelSize: 1), "conv3d"), (try Conv1DTranspose(1, kernelSize: 1), "conv1d_transpose"),
            (try Conv2DTranspose(1, kernelSize: 1), "conv2d_transpose"), (try Conv3DTranspose(1, kernelSize: 1), "conv3d_transpose"),
            (try DepthwiseConv1D(kernelSize: 1), "depthwise_conv1d"), (try DepthwiseConv2D(kernelSize: 1), "depthwise_conv2d"),
            (try SeparableConv1D(1, kernelSize: 1), "separable_conv1d"), (try SeparableConv2D(1, kernelSize: 1), "separable_conv2d"),
        ]
        for (layer, name) in layers {
            #expect(layer.name == name || layer.name.hasPrefix(name + "_"), "\(layer.name)")
            #expect(LayerNaming.snakeCase(layer.className) == name)
        }
        #expect(Conv2DTranspose.kerasClassName == "Conv2DTranspose" && SeparableConv1D.kerasClassName == "SeparableConv1D")
    }

    @Test func configurationReadsAsKerasStoresIt() throws {
        let conv = try Conv2D(8, kernelSize: [3, 5], strides: 2, padding: .same, dataFormat: .channelsFirst)
        #expect(conv.rank == 2 && conv.kernelSize == [3, 5] && conv.strides == [2, 2] && conv.dilationRate == [1, 1])
        #expect(conv.padding == .same && conv.dataFormat == .channelsFirst && conv.groups == 1 && conv.filters == 8)
        let up = try Conv3DTranspose(2, kernelSize: 3, strides: [1, 2, 2], outputPadding: [0, 1, 1])
        #expect(up.outputPadding == [0, 1, 1] && up.strides == [1, 2, 2])
        #expect(try Conv1DTranspose(2, kernelSize: 3).outputPadding == nil)
    }

    @Test func weightNamesPathsAndOrder() throws {
        let separable = try SeparableConv2D(4, kernelSize: 3, depthMultiplier: 2, name: "sep")
        _ = try separable(Tensor.ones([1, 5, 5, 3]))
        #expect(separable.weights.map(\.path) == ["sep/depthwise_kernel", "sep/pointwise_kernel", "sep/bias"])
        #expect(separable.weights.map(\.shape) == [[3, 3, 3, 2], [1, 1, 6, 4], [4]])
        let depthwise = try DepthwiseConv2D(kernelSize: 2, depthMultiplier: 3, name: "dw")
        _ = try depthwise(Input(shape: [4, 4, 2]))
        #expect(depthwise.weights.map(\.path) == ["dw/kernel", "dw/bias"])
        #expect(depthwise.weights.map(\.shape) == [[2, 2, 2, 3], [6]])
        let transpose = try Conv2DTranspose(5, kernelSize: 3, name: "tr")
        _ = try transpose(Input(shape: [4, 4, 2]))
        #expect(transpose.kernel?.shape == [3, 3, 5, 2] && transpose.bias?.shape == [5])
        #expect(try Conv2D(4, kernelSize: 1, useBias: false)(Input(shape: [3, 3, 2])).shape == [nil, 3, 3, 4])
    }

    @Test func groupsConvolveChannelGroupsSeparately() throws {
        var data = TestData(3)
        let x = data.tensor([2, 6, 4])
        let grouped = try Conv1D(6, kernelSize: 3, groups: 2)
        _ = try grouped(x)
        let kernel = grouped.kernel!.value   // [3, 2, 6]: filters 0-2 see channels 0-1, filters 3-5 channels 2-3
        let bias = grouped.bias!.value
        let halves = split(x, sections: 2, axis: 2)
        let parts = split(kernel, sections: 2, axis: 2)
        let expected = concatenate([conv(halves[0], parts[0]), conv(halves[1], parts[1])], axis: 2) + bias
        expectClose(try grouped(x), expected, tolerance: 1e-6)
    }

    @Test func causalOutputsNeverSeeTheFuture() throws {
        var data = TestData(5)
        let x = data.tensor([1, 8, 2])
        let conv = try Conv1D(3, kernelSize: 3, padding: .causal, dilationRate: 2)
        let y = try conv(x)
        #expect(y.shape == [1, 8, 3])
        // Changing the last step changes only the last output step.
        var values = x.doubles
        values[14] += 1; values[15] -= 1
        let changed = try conv(Tensor(values, shape: [1, 8, 2]))
        expectClose(changed.slice(starts: [0, 0, 0], sizes: [1, 7, 3]), y.slice(starts: [0, 0, 0], sizes: [1, 7, 3]), tolerance: 0)
        #expect(changed.slice(starts: [0, 7, 0], sizes: [1, 1, 3]).doubles != y.slice(starts: [0, 7, 0], sizes: [1, 1, 3]).doubles)
    }

    @Test func unknownSpatialAxesStayUnknown() throws {
        let y = try Conv2D(8, kernelSize: 3, strides: 2, padding: .same)(Input(shape: [nil, nil, 3]))
        #expect(y.shape == [nil, nil, nil, 8])
        let z = try Conv1DTranspose(4, kernelSize: 3, strides: 2)(Input(shape: [nil, 3]))
        #expect(z.shape == [nil, nil, 4])
        let w = try DepthwiseConv1D(kernelSize: 3, depthMultiplier: 2, dataFormat: .channelsFirst)(Input(shape: [3, 10]))
        #expect(w.shape == [nil, 6, 8])
    }

    @Test func regularizersAndConstraintsAttachToTheirWeights() throws {
        let conv = try Conv2D(2, kernelSize: 1, useBias: true, kernelInitializer: .ones, kernelRegularizer: .l2(0.5),
                              biasRegularizer: .l1(1), kernelConstraint: .nonNeg)
        _ = try conv(Tensor.ones([1, 2, 2, 3]))
        let losses = conv.losses
        #expect(losses.count == 2)
        expectClose(losses[0], [0.5 * 6])   // six kernel entries equal to 1
        #expect(conv.constraint(for: conv.kernel!) != nil && conv.constraint(for: conv.bias!) == nil)
        let separable = try SeparableConv1D(2, kernelSize: 2, pointwiseRegularizer: .l2(1))
        _ = try separable(Tensor.ones([1, 3, 2]))
        #expect(separable.losses.count == 1)
        let frozen = try Conv1D(2, kernelSize: 2, trainable: false)
        _ = try frozen(Tensor.ones([1, 3, 2]))
        #expect(frozen.trainableWeights.isEmpty && frozen.nonTrainableWeights.count == 2)
    }

    @Test func trainsInAModel() throws {
        let model = try Sequential {
            Input(shape: [8, 8, 1])
            try Conv2D(4, kernelSize: 3, activation: .relu)
            try MaxPooling2D()
            try Conv2DTranspose(2, kernelSize: 2, strides: 2)
            try GlobalAveragePooling2D()
            try Dense(1)
        }
        var data = TestData(9)
        let x = data.tensor([4, 8, 8, 1]), y = data.tensor([4, 1])
        try model.compile(optimizer: SGD(learningRate: 0.1), loss: "mse")
        let history = try model.fit(x, y, batchSize: 4, epochs: 3, verbose: 0)
        let losses = history["loss"] ?? []
        #expect(losses.count == 3 && losses[2] < losses[0], "\(losses)")
    }
}
