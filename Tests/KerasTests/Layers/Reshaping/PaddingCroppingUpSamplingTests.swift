import Testing
@testable import Keras

/// Values of the cropping, zero-padding and up-sampling layers in closed form, and their
/// argument forms.
@Suite struct PaddingCroppingUpSamplingTests {
    @Test func marginForms() throws {
        #expect(try ZeroPadding2D().padding == [PadWidth(1, 1), PadWidth(1, 1)])
        #expect(try ZeroPadding2D(padding: [1, 2]).padding == [PadWidth(1, 1), PadWidth(2, 2)])
        #expect(try ZeroPadding2D(padding: [[1, 0], [2, 3]]).padding == [PadWidth(1, 0), PadWidth(2, 3)])
        #expect(try ZeroPadding1D(padding: [1, 2]).padding == [PadWidth(1, 2)])
        #expect(try ZeroPadding1D(padding: [[3, 4]]).padding == [PadWidth(3, 4)])
        #expect(try Cropping1D().cropping == [PadWidth(1, 1)])
        #expect(try Cropping2D().cropping == [PadWidth(0, 0), PadWidth(0, 0)])
        #expect(try Cropping3D(cropping: [1, [0, 2], 3]).cropping == [PadWidth(1, 1), PadWidth(0, 2), PadWidth(3, 3)])
        #expect(Margins(2).description == "2" && ([[1, 0], [2, 3]] as Margins).description == "((1, 0), (2, 3))")
    }

    @Test func croppingAndPaddingValues() throws {
        let x = Tensor((1...6).map(Double.init), shape: [1, 2, 3, 1])
        #expect(try Cropping2D(cropping: [[0, 1], [1, 0]])(x).doubles == [2, 3])
        #expect(try Cropping2D(cropping: [[1, 0], [0, 0]], dataFormat: .channelsFirst)(x.reshaped(to: [1, 1, 2, 3])).doubles == [4, 5, 6])
        #expect(try Cropping1D(cropping: [1, 0])(Tensor([1.0, 2, 3], shape: [1, 3, 1])).doubles == [2, 3])
        #expect(try ZeroPadding1D(padding: [1, 2])(Tensor([1.0, 2], shape: [1, 2, 1])).doubles == [0, 1, 2, 0, 0])
        let padded = try ZeroPadding2D(padding: [[1, 0], [0, 1]])(Tensor([1.0, 2, 3, 4], shape: [1, 2, 2, 1]))
        #expect(padded.shape == [1, 3, 3, 1] && padded.doubles == [0, 0, 0, 1, 2, 0, 3, 4, 0])
        let first = try ZeroPadding3D(padding: [[0, 1], 0, 0], dataFormat: .channelsFirst)(Tensor.ones([1, 2, 1, 1, 1]))
        #expect(first.shape == [1, 2, 2, 1, 1] && first.doubles == [1, 0, 1, 0])
        #expect(try Cropping2D()(Input(shape: [nil, 5, 2])).shape == [nil, nil, 5, 2])
    }

    @Test func upSamplingValues() throws {
        let x = Tensor([1.0, 2, 3, 4], shape: [1, 2, 2, 1])
        #expect(try UpSampling1D(size: 2)(Tensor([1.0, 2], shape: [1, 2, 1])).doubles == [1, 1, 2, 2])
        #expect(try UpSampling2D(size: [1, 2])(x).doubles == [1, 1, 2, 2, 3, 3, 4, 4])
        #expect(try UpSampling3D(size: [2, 1, 1])(Tensor([1.0, 2], shape: [1, 1, 1, 2, 1])).doubles == [1, 2, 1, 2])
        // Bilinear with half-pixel centres and repeated edges: 1-D [0, 1] -> [0, 0.25, 0.75, 1].
        let line = try UpSampling2D(size: [1, 2], interpolation: .bilinear)(Tensor([0.0, 1], shape: [1, 1, 2, 1]))
        expectClose(line, [0, 0.25, 0.75, 1], shape: [1, 1, 4, 1], tolerance: 1e-7)
        // Constant images stay constant under every kernel (the weights are renormalized).
        for interpolation in Interpolation.allCases {
            let y = try UpSampling2D(size: 3, interpolation: interpolation)(Tensor.full([1, 3, 2, 2], value: 0.5))
            expectClose(y, [Double](repeating: 0.5, count: 9 * 6 * 2), shape: [1, 9, 6, 2], tolerance: 1e-6)
        }
        #expect(try UpSampling2D(interpolation: .bicubic).interpolation == .bicubic)
        #expect(Interpolation(rawValue: "lanczos5") == .lanczos5)
        #expect(try UpSampling3D()(Input(shape: [2, nil, 3, 4])).shape == [nil, 4, nil, 6, 4])
    }

    @Test func namesFollowKeras() throws {
        for (layer, name) in [(try Cropping1D() as Layer, "cropping1d"), (try ZeroPadding3D(), "zero_padding3d"),
                              (try UpSampling2D(), "up_sampling2d"), (try UpSampling1D(), "up_sampling1d")] {
            #expect(layer.name == name || layer.name.hasPrefix(name + "_"), "\(layer.name)")
        }
    }
}
