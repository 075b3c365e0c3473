import Testing
@testable import Keras

@Suite struct DropoutTests {
    @Test func layerChecks() throws {
        try checkLayer({ try Dropout(0.5, seed: 1, dtype: $0) }, inputShape: [2, 3, 4], outputShape: [2, 3, 4], trainingChangesOutput: true)
        try checkLayer({ try Dropout(0, dtype: $0) }, inputShape: [2, 3], outputShape: [2, 3])
        try checkLayer({ try Dropout(0.3, noiseShape: [nil, 1, nil], seed: 2, dtype: $0) }, inputShape: [2, 3, 4], outputShape: [2, 3, 4], trainingChangesOutput: true)
    }

    @Test func dropsAboutRateAndScalesTheRest() throws {
        let layer = try Dropout(0.25, seed: 42)
        let y = try layer(Tensor.ones([100, 100]), training: true).doubles
        let zeros = y.filter { $0 == 0 }.count
        #expect(y.allSatisfy { $0 == 0 || Swift.abs($0 - 1 / 0.75) < 1e-6 })
        #expect(zeros > 2200 && zeros < 2800, "dropped \(zeros) of 10000")
    }

    @Test func freshMaskEachCallReproducibleBySeed() throws {
        let a = try Dropout(0.5, seed: 7), b = try Dropout(0.5, seed: 7)
        let x = Tensor.ones([4, 16])
        let a1 = try a(x, training: true).doubles, a2 = try a(x, training: true).doubles
        #expect(a1 != a2)
        #expect(try b(x, training: true).doubles == a1)
        #expect(try a(x).doubles == x.doubles)
    }

    @Test func noiseShapeSharesTheMaskAlongAxesOfSizeOne() throws {
        let y = try Dropout(0.5, noiseShape: [nil, 1, nil], seed: 3)(Tensor.ones([4, 5, 6]), training: true)
        for b in 0..<4 {
            for f in 0..<6 {
                let column = (0..<5).map { y.scalar(at: [b, $0, f]) }
                #expect(Set(column).count == 1)
            }
        }
        expectKerasError(.incompatibleShape, containing: ["(None, 1)", "(4, 5, 6)"]) {
            _ = try Dropout(0.5, noiseShape: [nil, 1])(Tensor.ones([4, 5, 6]), training: true)
        }
        expectKerasError(.incompatibleShape, containing: ["(4, 2, 6)", "(4, 5, 6)"]) {
            _ = try Dropout(0.5, noiseShape: [nil, 2, nil])(Tensor.ones([4, 5, 6]), training: true)
        }
    }

    @Test func rateOfOneDropsEverythingAsKeras() throws {
        let y = try Dropout(1)(Tensor.ones([2, 3]), training: true)
        #expect(y.doubles == [0, 0, 0, 0, 0, 0])
    }

    @Test func rejectsBadArguments() {
        expectKerasError(.invalidArgument, containing: ["Dropout", "between 0 and 1", "rate=1.5"]) { _ = try Dropout(1.5) }
        expectKerasError(.invalidArgument, containing: ["rate=-0.1"]) { _ = try Dropout(-0.1) }
        expectKerasError(.invalidArgument, containing: ["rate=nan"]) { _ = try Dropout(.nan) }
        expectKerasError(.invalidArgument, containing: ["noiseShape=(None, 0)", "positive"]) { _ = try Dropout(0.5, noiseShape: [nil, 0]) }
    }

    @Test func passesMasksThrough() throws {
        #expect(try Dropout(0.5).supportsMasking)
    }
}
