import Testing
@testable import Keras

@Suite struct ActivityRegularizationTests {
    @Test func layerChecks() throws {
        try checkLayer({ ActivityRegularization(l1: 0.01, l2: 0.1, dtype: $0) }, inputShape: [2, 3, 4], outputShape: [2, 3, 4])
    }

    @Test func addsKerasPenaltyDividedByBatch() throws {
        let layer = ActivityRegularization(l1: 0.01, l2: 0.1)
        let y = try layer(kerasReferenceInput)
        #expect(y.doubles == kerasReferenceInput.doubles)
        #expect(layer.losses.count == 1)
        expectClose(layer.losses[0], [4.2877502], shape: [])
        // Recorded again on the next call, not accumulated.
        _ = try layer(kerasReferenceInput, training: true)
        #expect(layer.losses.count == 1)
    }

    @Test func defaultsGiveZeroPenalty() throws {
        let layer = ActivityRegularization()
        _ = try layer(kerasReferenceInput)
        #expect(layer.losses.map { $0.item() } == [0])
    }
}
