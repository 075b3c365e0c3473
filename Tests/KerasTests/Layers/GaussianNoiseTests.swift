import Testing
@testable import Keras

@Suite struct GaussianNoiseTests {
    @Test func layerChecks() throws {
        try checkLayer({ try GaussianNoise(0.1, seed: 1, dtype: $0) }, inputShape: [2, 3, 4], outputShape: [2, 3, 4], trainingChangesOutput: true)
    }

    @Test func addsNoiseOfTheGivenStandardDeviation() throws {
        let layer = try GaussianNoise(0.5, seed: 11)
        let x = Tensor.full([200, 100], value: 3)
        let noise = try layer(x, training: true) - x
        #expect(Swift.abs(noise.mean().item()) < 0.02)
        #expect(Swift.abs(noise.standardDeviation().item() - 0.5) < 0.02)
        #expect(try layer(x).doubles == x.doubles)
    }

    @Test func rejectsStddevOutsideZeroOne() {
        expectKerasError(.invalidArgument, containing: ["GaussianNoise", "stddev=1.5", "between 0 and 1"]) { _ = try GaussianNoise(1.5) }
        expectKerasError(.invalidArgument, containing: ["stddev=-0.1"]) { _ = try GaussianNoise(-0.1) }
    }
}
