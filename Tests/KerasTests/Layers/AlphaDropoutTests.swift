import Testing
@testable import Keras

@Suite struct AlphaDropoutTests {
    @Test func layerChecks() throws {
        try checkLayer({ try AlphaDropout(0.3, seed: 1, dtype: $0) }, inputShape: [2, 3, 4], outputShape: [2, 3, 4], trainingChangesOutput: true)
    }

    @Test func usesKerasAffineMap() throws {
        let rate = 0.2
        let alphaP = -1.6732632423543772848170429916717 * 1.0507009873554804934193349852946
        let a = 1 / ((1 - rate) * (1 + rate * alphaP * alphaP)).squareRoot()
        let b = -a * alphaP * rate
        let y = try AlphaDropout(rate, seed: 5)(Tensor.ones([50, 100]), training: true).doubles
        let kept = a + b, dropped = a * alphaP + b
        #expect(y.allSatisfy { Swift.abs($0 - kept) < 1e-5 || Swift.abs($0 - dropped) < 1e-5 })
        let droppedCount = y.filter { Swift.abs($0 - dropped) < 1e-5 }.count
        #expect(droppedCount > 800 && droppedCount < 1200, "\(droppedCount)")
    }

    @Test func keepsZeroMeanUnitVarianceOfStandardInputs() throws {
        let x = Random.normal([200, 200], seed: 3)
        let y = try AlphaDropout(0.1, seed: 8)(x, training: true)
        #expect(Swift.abs(y.mean().item()) < 0.03)
        #expect(Swift.abs(y.standardDeviation().item() - 1) < 0.03)
    }

    @Test func noiseShapeAndValidation() throws {
        let y = try AlphaDropout(0.5, noiseShape: [nil, 1], seed: 2)(Tensor.ones([6, 4]), training: true)
        for row in 0..<6 { #expect(Set((0..<4).map { y.scalar(at: [row, $0]) }).count == 1) }
        expectKerasError(.invalidArgument, containing: ["AlphaDropout", "rate=3.0"]) { _ = try AlphaDropout(3) }
        expectKerasError(.incompatibleShape, containing: ["noiseShape=(None,)"]) {
            _ = try AlphaDropout(0.5, noiseShape: [nil])(Tensor.ones([2, 2]), training: true)
        }
    }
}
