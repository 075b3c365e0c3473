import Testing
@testable import Keras

@Suite struct ELUTests {
    @Test func layerChecks() throws {
        try checkLayer({ ELU(dtype: $0) }, inputShape: [2, 3, 4], outputShape: [2, 3, 4])
        try checkLayer({ ELU(alpha: 0.5, dtype: $0) }, inputShape: [4, 2], outputShape: [4, 2])
    }

    @Test func matchesKeras() throws {
        let x = kerasReferenceInput
        expectClose(try ELU()(x), [-0.91791499, -0.63212055, -0.2211992, 0, 0.5, 1.25, 3, -0.52763343, 7, -0.98168439, 0.1, 6.5], shape: [3, 4])
        expectClose(try ELU(alpha: 0.5)(x), [-0.45895749, -0.31606027, -0.1105996, 0, 0.5, 1.25, 3, -0.26381671, 7, -0.49084219, 0.1, 6.5])
    }
}
