import Testing
@testable import Keras

/// `checkLayer` for each pooling layer (shapes both ways, determinism, float64 gradient checks of
/// the input).
@Suite struct PoolingLayerChecks {
    @Test func maxPooling() throws {
        try checkLayer({ try MaxPooling1D(dtype: $0) }, inputShape: [2, 6, 3], outputShape: [2, 3, 3])
        try checkLayer({ try MaxPooling1D(poolSize: 3, strides: 1, padding: .same, dtype: $0) }, inputShape: [2, 5, 3], outputShape: [2, 5, 3])
        try checkLayer({ try MaxPooling2D(poolSize: 2, strides: 1, dtype: $0) }, inputShape: [1, 3, 4, 2], outputShape: [1, 2, 3, 2])
        try checkLayer({ try MaxPooling2D(poolSize: [2, 3], padding: .same, dataFormat: .channelsFirst, dtype: $0) },
                       inputShape: [1, 2, 3, 4], outputShape: [1, 2, 2, 2])
        try checkLayer({ try MaxPooling3D(dtype: $0) }, inputShape: [1, 4, 4, 4, 2], outputShape: [1, 2, 2, 2, 2])
    }

    @Test func averagePooling() throws {
        try checkLayer({ try AveragePooling1D(poolSize: 2, dtype: $0) }, inputShape: [2, 5, 3], outputShape: [2, 2, 3])
        try checkLayer({ try AveragePooling1D(poolSize: 3, strides: 2, padding: .same, dataFormat: .channelsFirst, dtype: $0) },
                       inputShape: [1, 2, 6], outputShape: [1, 2, 3])
        try checkLayer({ try AveragePooling2D(poolSize: 2, dtype: $0) }, inputShape: [1, 4, 5, 2], outputShape: [1, 2, 2, 2])
        try checkLayer({ try AveragePooling2D(poolSize: 3, strides: 2, padding: .same, dtype: $0) }, inputShape: [1, 5, 4, 1], outputShape: [1, 3, 2, 1])
        try checkLayer({ try AveragePooling3D(poolSize: [1, 2, 2], dataFormat: .channelsFirst, dtype: $0) },
                       inputShape: [1, 2, 2, 4, 4], outputShape: [1, 2, 2, 2, 2])
    }

    @Test func globalPooling() throws {
        try checkLayer({ try GlobalMaxPooling1D(dtype: $0) }, inputShape: [2, 5, 3], outputShape: [2, 3])
        try checkLayer({ try GlobalMaxPooling2D(keepdims: true, dtype: $0) }, inputShape: [2, 3, 4, 3], outputShape: [2, 1, 1, 3])
        try checkLayer({ try GlobalMaxPooling3D(dataFormat: .channelsFirst, dtype: $0) }, inputShape: [2, 3, 2, 2, 2], outputShape: [2, 3])
        try checkLayer({ try GlobalAveragePooling1D(dataFormat: .channelsFirst, keepdims: true, dtype: $0) },
                       inputShape: [2, 3, 5], outputShape: [2, 3, 1])
        try checkLayer({ try GlobalAveragePooling2D(dtype: $0) }, inputShape: [2, 3, 4, 3], outputShape: [2, 3])
        try checkLayer({ try GlobalAveragePooling3D(keepdims: true, dtype: $0) }, inputShape: [2, 2, 2, 2, 3], outputShape: [2, 1, 1, 1, 3])
    }
}
