import Testing
@testable import Keras

@Suite struct DenseTests {
    @Test func layerChecks() throws {
        try checkLayer({ try Dense(3, activation: .tanh, dtype: $0) }, inputShape: [2, 4], outputShape: [2, 3], weightShapes: [[4, 3], [3]])
        try checkLayer({ try Dense(5, useBias: false, dtype: $0) }, inputShape: [2, 3, 4], outputShape: [2, 3, 5], weightShapes: [[4, 5]])
    }

    @Test func computesXTimesKernelPlusBias() throws {
        let layer = try Dense(2, activation: .relu)
        let x = Tensor([1.0, 2, 3, -1, -2, -3], shape: [2, 3])
        _ = try layer(x)
        try layer.setWeights([Tensor([1.0, 0, 0, 1, 1, 1], shape: [3, 2]), Tensor([0.5, -0.5])])
        #expect(try layer(x).doubles == [4.5, 4.5, 0, 0])
    }

    @Test func rejectsNonPositiveUnits() {
        #expect(throws: KerasError.self) { try Dense(0) }
        do { _ = try Dense(-3) } catch let error as KerasError {
            #expect(error.message.contains("units=-3") && error.kind == .invalidArgument)
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func wrongLastAxisIsCaughtBeforeDataFlows() throws {
        let input = Input(shape: [10])
        let dense = try Dense(4, name: "dense_2")
        _ = try dense(Input(shape: [64]))
        do {
            _ = try dense(input)
            Issue.record("expected an error")
        } catch let error as KerasError {
            #expect(error.kind == .incompatibleShape)
            #expect(error.message.contains("\"dense_2\"") && error.message.contains("64") && error.message.contains("(None, 10)"), "\(error.message)")
        }
    }
}
