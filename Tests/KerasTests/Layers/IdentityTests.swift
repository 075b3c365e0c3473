import Testing
@testable import Keras

@Suite struct IdentityTests {
    @Test func layerChecks() throws {
        try checkLayer({ Identity(dtype: $0) }, inputShape: [2, 3, 4], outputShape: [2, 3, 4])
    }

    @Test func returnsItsInputAndMask() throws {
        let layer = Identity()
        #expect(try layer(kerasReferenceInput).doubles == kerasReferenceInput.doubles)
        let mask = Tensor([true, false, true], shape: [3])
        let masks = try layer.computeMask([kerasReferenceInput], masks: [mask])
        #expect(masks[0]?.doubles == [1, 0, 1])
        // Integer inputs keep their dtype symbolically.
        #expect(try layer(Input(shape: [3], dtype: .int32)).dtype == .int32)
    }
}
