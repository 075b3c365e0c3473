import Testing
@testable import Keras

@Suite struct ActivationLayerTests {
    @Test func layerChecks() throws {
        try checkLayer({ ActivationLayer(.tanh, dtype: $0) }, inputShape: [2, 3, 4], outputShape: [2, 3, 4])
        try checkLayer({ ActivationLayer(.sigmoid, dtype: $0) }, inputShape: [3, 5], outputShape: [3, 5])
    }

    @Test func matchesKeras() throws {
        expectClose(try ActivationLayer(.tanh)(kerasReferenceInput),
                    [-0.98661435, -0.76159418, -0.24491866, 0, 0.46211717, 0.84828365, 0.99505472, -0.635149, 0.99999833, -0.99932921, 0.099667989, 0.99999547], shape: [3, 4])
        expectClose(try ActivationLayer(.sigmoid)(kerasReferenceInput),
                    [0.075858176, 0.26894143, 0.4378235, 0.5, 0.62245935, 0.77729988, 0.95257413, 0.32082129, 0.999089, 0.01798621, 0.52497917, 0.9984988])
    }

    @Test func savesUnderKerasName() {
        #expect(ActivationLayer.kerasClassName == "Activation")
        #expect(ActivationLayer(.relu).name.hasPrefix("activation"))
        #expect(ActivationLayer(.relu).supportsMasking)
    }
}
