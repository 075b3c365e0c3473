import Testing
@testable import Keras

@Suite struct SpatialDropoutTests {
    @Test func layerChecks() throws {
        try checkLayer({ try SpatialDropout1D(0.5, seed: 1, dtype: $0) }, inputShape: [2, 3, 4], outputShape: [2, 3, 4], trainingChangesOutput: true)
        try checkLayer({ try SpatialDropout2D(0.5, seed: 1, dtype: $0) }, inputShape: [2, 3, 3, 4], outputShape: [2, 3, 3, 4], trainingChangesOutput: true)
        try checkLayer({ try SpatialDropout3D(0.5, dataFormat: .channelsFirst, seed: 1, dtype: $0) }, inputShape: [2, 4, 2, 2, 2], outputShape: [2, 4, 2, 2, 2], trainingChangesOutput: true)
    }

    /// Each (sample, channel) is either all zeros or all 2 over the spatial axes.
    func expectWholeChannels(_ y: Tensor, channelAxis: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        let moved = y.movingAxis(channelAxis, to: 1)
        let batch = moved.shape[0], channels = moved.shape[1]
        let rest = moved.count / (batch * channels)
        let values = moved.doubles
        for g in 0..<(batch * channels) {
            let group = Set(values[(g * rest)..<((g + 1) * rest)])
            #expect(group == [0] || group == [2], "\(group)", sourceLocation: sourceLocation)
        }
    }

    @Test func dropsWholeChannels() throws {
        expectWholeChannels(try SpatialDropout1D(0.5, seed: 4)(Tensor.ones([3, 5, 6]), training: true), channelAxis: 2)
        expectWholeChannels(try SpatialDropout2D(0.5, seed: 4)(Tensor.ones([3, 4, 4, 6]), training: true), channelAxis: 3)
        expectWholeChannels(try SpatialDropout2D(0.5, dataFormat: .channelsFirst, seed: 4)(Tensor.ones([3, 6, 4, 4]), training: true), channelAxis: 1)
        expectWholeChannels(try SpatialDropout3D(0.5, seed: 4)(Tensor.ones([2, 3, 3, 3, 5]), training: true), channelAxis: 4)
    }

    @Test func checksRankAndRate() {
        expectKerasError(.incompatibleShape, containing: ["ndim=3", "(2, 3)"]) { _ = try SpatialDropout1D(0.5)(Tensor.ones([2, 3])) }
        expectKerasError(.incompatibleShape, containing: ["ndim=4"]) { _ = try SpatialDropout2D(0.5)(Input(shape: [3, 4])) }
        expectKerasError(.invalidArgument, containing: ["SpatialDropout3D", "rate=2.0"]) { _ = try SpatialDropout3D(2) }
        #expect(SpatialDropout2D.kerasClassName == "SpatialDropout2D")
    }
}
