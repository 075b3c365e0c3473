import Testing
@testable import Keras

/// `checkLayer` for the cropping, zero-padding and up-sampling layers (shapes both ways,
/// determinism, float64 gradient checks of the input).
@Suite struct PaddingCroppingUpSamplingChecks {
    @Test func cropping() throws {
        try checkLayer({ try Cropping1D(dtype: $0) }, inputShape: [2, 5, 3], outputShape: [2, 3, 3])
        try checkLayer({ try Cropping1D(cropping: [2, 0], dtype: $0) }, inputShape: [2, 5, 3], outputShape: [2, 3, 3])
        try checkLayer({ try Cropping2D(cropping: [[1, 0], [2, 1]], dtype: $0) }, inputShape: [2, 4, 5, 2], outputShape: [2, 3, 2, 2])
        try checkLayer({ try Cropping2D(cropping: 1, dataFormat: .channelsFirst, dtype: $0) }, inputShape: [1, 2, 4, 4], outputShape: [1, 2, 2, 2])
        try checkLayer({ try Cropping2D(dtype: $0) }, inputShape: [1, 2, 2, 1], outputShape: [1, 2, 2, 1])
        try checkLayer({ try Cropping3D(dtype: $0) }, inputShape: [1, 3, 4, 5, 2], outputShape: [1, 1, 2, 3, 2])
        try checkLayer({ try Cropping3D(cropping: [0, 1, 2], dataFormat: .channelsFirst, dtype: $0) },
                       inputShape: [1, 2, 3, 4, 5], outputShape: [1, 2, 3, 2, 1])
    }

    @Test func zeroPadding() throws {
        try checkLayer({ try ZeroPadding1D(dtype: $0) }, inputShape: [2, 3, 2], outputShape: [2, 5, 2])
        try checkLayer({ try ZeroPadding1D(padding: [2, 0], dataFormat: .channelsFirst, dtype: $0) }, inputShape: [2, 3, 2], outputShape: [2, 3, 4])
        try checkLayer({ try ZeroPadding2D(padding: [[1, 0], [2, 3]], dtype: $0) }, inputShape: [1, 2, 3, 2], outputShape: [1, 3, 8, 2])
        try checkLayer({ try ZeroPadding2D(padding: [1, 2], dataFormat: .channelsFirst, dtype: $0) }, inputShape: [1, 2, 2, 3], outputShape: [1, 2, 4, 7])
        try checkLayer({ try ZeroPadding3D(dtype: $0) }, inputShape: [1, 2, 2, 2, 1], outputShape: [1, 4, 4, 4, 1])
    }

    @Test func upSampling() throws {
        try checkLayer({ try UpSampling1D(dtype: $0) }, inputShape: [2, 3, 2], outputShape: [2, 6, 2])
        try checkLayer({ try UpSampling2D(size: [2, 3], dtype: $0) }, inputShape: [1, 2, 3, 2], outputShape: [1, 4, 9, 2])
        try checkLayer({ try UpSampling2D(size: 2, dataFormat: .channelsFirst, interpolation: .bilinear, dtype: $0) },
                       inputShape: [1, 2, 3, 2], outputShape: [1, 2, 6, 4])
        try checkLayer({ try UpSampling2D(size: [3, 2], interpolation: .bicubic, dtype: $0) }, inputShape: [1, 3, 2, 1], outputShape: [1, 9, 4, 1])
        try checkLayer({ try UpSampling2D(size: 2, interpolation: .lanczos3, dtype: $0) }, inputShape: [1, 3, 3, 1], outputShape: [1, 6, 6, 1])
        try checkLayer({ try UpSampling3D(size: [1, 2, 3], dataFormat: .channelsFirst, dtype: $0) },
                       inputShape: [1, 2, 2, 2, 2], outputShape: [1, 2, 2, 4, 6])
    }
}
