import Testing
@testable import Keras

/// `checkLayer` (Keras's `run_layer_test`, with float64 gradient checks of the input and every
/// weight) for each convolution layer, in several configurations.
@Suite struct ConvolutionLayerChecks {
    @Test func conv1D() throws {
        try checkLayer({ try Conv1D(3, kernelSize: 2, dtype: $0) }, inputShape: [2, 5, 4], outputShape: [2, 4, 3],
                       weightShapes: [[2, 4, 3], [3]])
        try checkLayer({ try Conv1D(4, kernelSize: 3, strides: 2, padding: .same, useBias: false, dtype: $0) },
                       inputShape: [2, 7, 2], outputShape: [2, 4, 4], weightShapes: [[3, 2, 4]])
        try checkLayer({ try Conv1D(2, kernelSize: 2, padding: .causal, dilationRate: 2, activation: .tanh, dtype: $0) },
                       inputShape: [1, 6, 3], outputShape: [1, 6, 2], weightShapes: [[2, 3, 2], [2]])
        try checkLayer({ try Conv1D(4, kernelSize: 2, dataFormat: .channelsFirst, groups: 2, dtype: $0) },
                       inputShape: [2, 4, 5], outputShape: [2, 4, 4], weightShapes: [[2, 2, 4], [4]])
    }

    @Test func conv2D() throws {
        try checkLayer({ try Conv2D(3, kernelSize: [2, 3], activation: .tanh, dtype: $0) }, inputShape: [2, 4, 5, 2],
                       outputShape: [2, 3, 3, 3], weightShapes: [[2, 3, 2, 3], [3]])
        try checkLayer({ try Conv2D(2, kernelSize: 3, strides: [2, 1], padding: .same, dataFormat: .channelsFirst, dtype: $0) },
                       inputShape: [1, 3, 5, 4], outputShape: [1, 2, 3, 4], weightShapes: [[3, 3, 3, 2], [2]])
        try checkLayer({ try Conv2D(4, kernelSize: 2, dilationRate: 2, groups: 2, dtype: $0) }, inputShape: [1, 5, 5, 2],
                       outputShape: [1, 3, 3, 4], weightShapes: [[2, 2, 1, 4], [4]])
    }

    @Test func conv3D() throws {
        try checkLayer({ try Conv3D(2, kernelSize: 2, dtype: $0) }, inputShape: [1, 3, 3, 3, 2], outputShape: [1, 2, 2, 2, 2],
                       weightShapes: [[2, 2, 2, 2, 2], [2]])
        try checkLayer({ try Conv3D(2, kernelSize: [1, 2, 2], strides: 2, padding: .same, dataFormat: .channelsFirst, dtype: $0) },
                       inputShape: [1, 2, 3, 4, 4], outputShape: [1, 2, 2, 2, 2], weightShapes: [[1, 2, 2, 2, 2], [2]])
    }

    @Test func transposed() throws {
        try checkLayer({ try Conv1DTranspose(3, kernelSize: 3, strides: 2, dtype: $0) }, inputShape: [2, 4, 2],
                       outputShape: [2, 9, 3], weightShapes: [[3, 3, 2], [3]])
        try checkLayer({ try Conv1DTranspose(2, kernelSize: 3, strides: 2, padding: .same, outputPadding: 1, dtype: $0) },
                       inputShape: [1, 3, 2], outputShape: [1, 6, 2], weightShapes: [[3, 2, 2], [2]])
        try checkLayer({ try Conv2DTranspose(2, kernelSize: 3, strides: 2, padding: .same, dtype: $0) },
                       inputShape: [1, 3, 3, 2], outputShape: [1, 6, 6, 2], weightShapes: [[3, 3, 2, 2], [2]])
        try checkLayer({ try Conv2DTranspose(3, kernelSize: 2, dataFormat: .channelsFirst, dilationRate: 2, useBias: false, dtype: $0) },
                       inputShape: [1, 2, 3, 3], outputShape: [1, 3, 5, 5], weightShapes: [[2, 2, 3, 2]])
        try checkLayer({ try Conv3DTranspose(2, kernelSize: 2, strides: 2, dtype: $0) }, inputShape: [1, 2, 2, 2, 1],
                       outputShape: [1, 4, 4, 4, 2], weightShapes: [[2, 2, 2, 2, 1], [2]])
    }

    @Test func depthwise() throws {
        try checkLayer({ try DepthwiseConv1D(kernelSize: 3, depthMultiplier: 2, dtype: $0) }, inputShape: [2, 5, 3],
                       outputShape: [2, 3, 6], weightShapes: [[3, 3, 2], [6]])
        try checkLayer({ try DepthwiseConv1D(kernelSize: 2, strides: 2, padding: .same, dataFormat: .channelsFirst, dtype: $0) },
                       inputShape: [1, 2, 5], outputShape: [1, 2, 3], weightShapes: [[2, 2, 1], [2]])
        try checkLayer({ try DepthwiseConv2D(kernelSize: 3, padding: .same, depthMultiplier: 2, dtype: $0) },
                       inputShape: [1, 4, 4, 2], outputShape: [1, 4, 4, 4], weightShapes: [[3, 3, 2, 2], [4]])
        try checkLayer({ try DepthwiseConv2D(kernelSize: 2, dilationRate: 2, useBias: false, dtype: $0) },
                       inputShape: [1, 5, 5, 3], outputShape: [1, 3, 3, 3], weightShapes: [[2, 2, 3, 1]])
    }

    @Test func separable() throws {
        try checkLayer({ try SeparableConv1D(4, kernelSize: 3, depthMultiplier: 2, dtype: $0) }, inputShape: [2, 6, 2],
                       outputShape: [2, 4, 4], weightShapes: [[3, 2, 2], [1, 4, 4], [4]])
        try checkLayer({ try SeparableConv2D(3, kernelSize: 2, strides: 2, padding: .same, dtype: $0) },
                       inputShape: [1, 5, 5, 2], outputShape: [1, 3, 3, 3], weightShapes: [[2, 2, 2, 1], [1, 1, 2, 3], [3]])
        try checkLayer({ try SeparableConv2D(2, kernelSize: 2, dataFormat: .channelsFirst, dilationRate: 2, activation: .relu, dtype: $0) },
                       inputShape: [1, 2, 4, 4], outputShape: [1, 2, 2, 2], weightShapes: [[2, 2, 2, 1], [1, 1, 2, 2], [2]])
    }
}
