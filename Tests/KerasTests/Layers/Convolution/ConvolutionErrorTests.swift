import Testing
@testable import Keras

/// Misuse of the convolution, pooling and reshaping layers throws a ``KerasError`` naming the
/// layer and the shapes (or the argument), never a trap.
@Suite struct ConvolutionErrorTests {
    @Test func conv2DFedA3DTensor() throws {
        expectKerasError(.incompatibleShape, containing: ["\"conv_rank\"", "Conv2D", "min_ndim=4", "ndim=3", "(2, 10, 3)"]) {
            _ = try Conv2D(2, kernelSize: 3, name: "conv_rank")(Tensor.ones([2, 10, 3]))
        }
        expectKerasError(.incompatibleShape, containing: ["\"conv_rank_symbolic\"", "min_ndim=4", "(None, 10, 3)"]) {
            _ = try Conv2D(2, kernelSize: 3, name: "conv_rank_symbolic")(Input(shape: [10, 3]))
        }
        expectKerasError(.incompatibleShape, containing: ["\"conv_rank_5d\"", "max_ndim=4", "(1, 2, 3, 4, 5)"]) {
            _ = try Conv2D(2, kernelSize: 1, name: "conv_rank_5d")(Tensor.ones([1, 2, 3, 4, 5]))
        }
        expectKerasError(.incompatibleShape, containing: ["\"pool_rank\"", "MaxPooling1D", "ndim=3", "(4, 4)"]) {
            _ = try MaxPooling1D(name: "pool_rank")(Tensor.ones([4, 4]))
        }
    }

    @Test func kernelLargerThanAValidInput() throws {
        expectKerasError(.incompatibleShape, containing: ["\"conv_big\"", "Conv2D", "(5, 5)", "(1, 3, 3, 1)", "valid", "padding: .same"]) {
            _ = try Conv2D(2, kernelSize: 5, name: "conv_big")(Tensor.ones([1, 3, 3, 1]))
        }
        expectKerasError(.incompatibleShape, containing: ["\"conv_big_symbolic\"", "(None, 3, 3, 1)"]) {
            _ = try Conv2D(2, kernelSize: [2, 5], name: "conv_big_symbolic")(Input(shape: [3, 3, 1]))
        }
        // Dilation widens the kernel: 3 taps at rate 3 span 7 steps.
        expectKerasError(.incompatibleShape, containing: ["\"conv_dilated\"", "dilation_rate=3", "(1, 6, 1)"]) {
            _ = try Conv1D(1, kernelSize: 3, dilationRate: 3, name: "conv_dilated")(Tensor.ones([1, 6, 1]))
        }
        // Spatial sizes unknown when the layer was wired are checked when data arrives.
        let late = try Conv2D(1, kernelSize: 3, name: "conv_late")
        _ = try late(Input(shape: [nil, nil, 1]))
        expectKerasError(.incompatibleShape, containing: ["\"conv_late\"", "(1, 2, 2, 1)"]) { _ = try late(Tensor.ones([1, 2, 2, 1])) }
        // `same` padding always fits.
        #expect(try Conv2D(1, kernelSize: 5, padding: .same)(Tensor.ones([1, 3, 3, 1])).shape == [1, 3, 3, 1])
        expectKerasError(.incompatibleShape, containing: ["\"depthwise_big\"", "(1, 2, 4, 2)"]) {
            _ = try DepthwiseConv2D(kernelSize: 3, name: "depthwise_big")(Tensor.ones([1, 2, 4, 2]))
        }
        expectKerasError(.incompatibleShape, containing: ["\"pool_big\"", "pool_size=(3, 3)", "(1, 2, 2, 1)"]) {
            _ = try MaxPooling2D(poolSize: 3, name: "pool_big")(Tensor.ones([1, 2, 2, 1]))
        }
        expectKerasError(.incompatibleShape, containing: ["\"crop_big\"", "cropping", "(None, 4, 4, 3)", "((2, 2), (0, 0))"]) {
            _ = try Cropping2D(cropping: [[2, 2], [0, 0]], name: "crop_big")(Input(shape: [4, 4, 3]))
        }
    }

    @Test func groupsThatDoNotDivideTheChannels() throws {
        expectKerasError(.invalidArgument, containing: ["Conv2D", "groups=2", "filters=3"]) {
            _ = try Conv2D(3, kernelSize: 1, groups: 2)
        }
        expectKerasError(.incompatibleShape, containing: ["\"grouped\"", "Conv2D", "groups=2", "3 channels", "(1, 2, 2, 3)"]) {
            _ = try Conv2D(4, kernelSize: 1, groups: 2, name: "grouped")(Tensor.ones([1, 2, 2, 3]))
        }
        expectKerasError(.incompatibleShape, containing: ["\"grouped_first\"", "groups=4", "6 channels", "(None, 6, 5)"]) {
            _ = try Conv1D(4, kernelSize: 1, dataFormat: .channelsFirst, groups: 4, name: "grouped_first")(Input(shape: [6, 5]))
        }
        expectKerasError(.invalidArgument, containing: ["Conv1D", "groups=0"]) { _ = try Conv1D(4, kernelSize: 1, groups: 0) }
    }

    @Test func channelsDifferentFromTheBuiltOnes() throws {
        let conv = try Conv2D(2, kernelSize: 1, name: "conv_channels")
        _ = try conv(Tensor.ones([1, 2, 2, 3]))
        expectKerasError(.incompatibleShape, containing: ["\"conv_channels\"", "axis -1", "value 3", "(1, 2, 2, 4)"]) {
            _ = try conv(Tensor.ones([1, 2, 2, 4]))
        }
        expectKerasError(.incompatibleShape, containing: ["\"conv_unknown_channels\"", "channel axis", "(None, 4, 4, None)"]) {
            _ = try Conv2D(2, kernelSize: 1, name: "conv_unknown_channels")(Input(shape: [4, 4, nil]))
        }
    }

    @Test func invalidArgumentsAtInit() {
        expectKerasError(.invalidArgument, containing: ["Conv2D", "filters=0"]) { _ = try Conv2D(0, kernelSize: 3) }
        expectKerasError(.invalidArgument, containing: ["Conv2D", "kernel_size=0"]) { _ = try Conv2D(2, kernelSize: 0) }
        expectKerasError(.invalidArgument, containing: ["Conv2D", "kernel_size=(3, 3, 3)", "2 integers"]) { _ = try Conv2D(2, kernelSize: [3, 3, 3]) }
        expectKerasError(.invalidArgument, containing: ["Conv3D", "strides=(1, 0, 1)"]) { _ = try Conv3D(2, kernelSize: 3, strides: [1, 0, 1]) }
        expectKerasError(.invalidArgument, containing: ["Conv1D", "dilation_rate=-1"]) { _ = try Conv1D(2, kernelSize: 3, dilationRate: -1) }
        expectKerasError(.invalidArgument, containing: ["Conv2D", "causal"]) { _ = try Conv2D(2, kernelSize: 3, padding: .causal) }
        expectKerasError(.invalidArgument, containing: ["DepthwiseConv1D", "causal"]) { _ = try DepthwiseConv1D(kernelSize: 3, padding: .causal) }
        expectKerasError(.invalidArgument, containing: ["Conv2D", "strides=2", "dilation_rate=2"]) {
            _ = try Conv2D(2, kernelSize: 3, strides: 2, dilationRate: 2)
        }
        expectKerasError(.invalidArgument, containing: ["Conv2DTranspose", "output_padding", "strides"]) {
            _ = try Conv2DTranspose(2, kernelSize: 3, strides: 2, outputPadding: [1, 2])
        }
        expectKerasError(.invalidArgument, containing: ["Conv1DTranspose", "filters=-2"]) { _ = try Conv1DTranspose(-2, kernelSize: 3) }
        expectKerasError(.invalidArgument, containing: ["DepthwiseConv2D", "depth_multiplier=0"]) {
            _ = try DepthwiseConv2D(kernelSize: 3, depthMultiplier: 0)
        }
        expectKerasError(.invalidArgument, containing: ["SeparableConv2D", "filters=0"]) { _ = try SeparableConv2D(0, kernelSize: 3) }
        expectKerasError(.invalidArgument, containing: ["SeparableConv1D", "depth_multiplier=-1"]) {
            _ = try SeparableConv1D(2, kernelSize: 3, depthMultiplier: -1)
        }
        expectKerasError(.invalidArgument, containing: ["Convolution", "abstract"]) { _ = try Convolution(2, kernelSize: 3) }
        expectKerasError(.invalidArgument, containing: ["MaxPooling2D", "pool_size=0"]) { _ = try MaxPooling2D(poolSize: 0) }
        expectKerasError(.invalidArgument, containing: ["AveragePooling1D", "strides=(1, 1)"]) { _ = try AveragePooling1D(poolSize: 2, strides: [1, 1]) }
        expectKerasError(.invalidArgument, containing: ["MaxPooling1D", "causal"]) { _ = try MaxPooling1D(padding: .causal) }
        expectKerasError(.invalidArgument, containing: ["GlobalMaxPooling", "abstract"]) { _ = try GlobalMaxPooling() }
        expectKerasError(.invalidArgument, containing: ["Cropping1D", "cropping=(-1, 2)"]) { _ = try Cropping1D(cropping: [-1, 2]) }
        expectKerasError(.invalidArgument, containing: ["ZeroPadding2D", "padding=(1, 2, 3)"]) { _ = try ZeroPadding2D(padding: [1, 2, 3]) }
        expectKerasError(.invalidArgument, containing: ["Cropping3D", "cropping=((1, 2, 3), 1, 1)"]) { _ = try Cropping3D(cropping: [[1, 2, 3], 1, 1]) }
        expectKerasError(.invalidArgument, containing: ["UpSampling1D", "size=0"]) { _ = try UpSampling1D(size: 0) }
        expectKerasError(.invalidArgument, containing: ["UpSampling2D", "size=(2, 2, 2)"]) { _ = try UpSampling2D(size: [2, 2, 2]) }
    }
}
