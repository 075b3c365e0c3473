import Testing
@testable import Keras

@Suite struct LeakyReLUTests {
    @Test func layerChecks() throws {
        try checkLayer({ try LeakyReLU(dtype: $0) }, inputShape: [2, 3, 4], outputShape: [2, 3, 4])
    }

    @Test func matchesKeras() throws {
        let x = kerasReferenceInput
        #expect(try LeakyReLU().negativeSlope == 0.3)
        expectClose(try LeakyReLU()(x), [-0.75, -0.30000001, -0.075000003, 0, 0.5, 1.25, 3, -0.22500001, 7, -1.2, 0.1, 6.5], shape: [3, 4])
        expectClose(try LeakyReLU(negativeSlope: 0.1)(x), [-0.25, -0.1, -0.025, 0, 0.5, 1.25, 3, -0.075000003, 7, -0.40000001, 0.1, 6.5])
    }

    @Test func rejectsNegativeSlope() {
        expectKerasError(.invalidArgument, containing: ["LeakyReLU", "negativeSlope=-0.5"]) { _ = try LeakyReLU(negativeSlope: -0.5) }
    }
}
