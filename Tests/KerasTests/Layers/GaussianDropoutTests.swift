import Testing
@testable import Keras

@Suite struct GaussianDropoutTests {
    @Test func layerChecks() throws {
        try checkLayer({ try GaussianDropout(0.2, seed: 1, dtype: $0) }, inputShape: [2, 3, 4], outputShape: [2, 3, 4], trainingChangesOutput: true)
    }

    @Test func multipliesByNoiseAroundOne() throws {
        // rate 0.2: stddev sqrt(0.2 / 0.8) = 0.5.
        let layer = try GaussianDropout(0.2, seed: 12)
        let x = Tensor.full([200, 100], value: 2)
        let factor = try layer(x, training: true) / 2
        #expect(Swift.abs(factor.mean().item() - 1) < 0.02)
        #expect(Swift.abs(factor.standardDeviation().item() - 0.5) < 0.02)
        #expect(try layer(x).doubles == x.doubles)
    }

    @Test func rejectsBadRates() {
        expectKerasError(.invalidArgument, containing: ["GaussianDropout", "rate=1.1"]) { _ = try GaussianDropout(1.1) }
        expectKerasError(.invalidArgument, containing: ["rate=1", "infinite"]) {
            _ = try GaussianDropout(1)(Tensor.ones([2, 2]), training: true)
        }
    }
}
