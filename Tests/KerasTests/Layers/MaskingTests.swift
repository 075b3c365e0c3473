import Testing
@testable import Keras

@Suite struct MaskingTests {
    @Test func layerChecks() throws {
        try checkLayer({ Masking(maskValue: 0.5, dtype: $0) }, inputShape: [2, 3, 4], outputShape: [2, 3, 4])
    }

    let x = Tensor([0.5, 0.5, 1, 0.5, 0.5, 0.5, 0, 0, 0.5, 0.5, 2, 3], shape: [2, 3, 2])

    @Test func zeroesMaskedStepsAsKeras() throws {
        expectClose(try Masking(maskValue: 0.5)(x), [0, 0, 1, 0.5, 0, 0, 0, 0, 0, 0, 2, 3], shape: [2, 3, 2])
    }

    @Test func producesTheMaskOfStepsWithAnyOtherValue() throws {
        let layer = Masking(maskValue: 0.5)
        #expect(layer.producesMasks)
        let mask = try layer.computeMask([x], masks: [nil])[0]
        #expect(mask?.shape == [2, 3])
        #expect(mask?.dtype == .bool)
        #expect(mask?.doubles == [0, 1, 0, 1, 0, 1])
        // Through a call: the layer makes its own mask even when the input has none.
        let result = try layer.invoke([x], training: false, masks: [nil])
        #expect(result.masks[0]?.doubles == [0, 1, 0, 1, 0, 1])
        // The default mask value is 0.
        let zeros = try Masking().computeMask([x], masks: [nil])[0]
        #expect(zeros?.doubles == [1, 1, 1, 0, 1, 1])
    }
}
