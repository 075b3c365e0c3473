import Testing
@testable import Keras

/// Keras's `run_layer_test` for each normalization layer, gradients included (float64).
@Suite struct NormalizationLayerChecks {
    @Test func layerNormalization() throws {
        try checkLayer({ try LayerNormalization(dtype: $0) }, inputShape: [2, 5], outputShape: [2, 5], weightShapes: [[5], [5]])
        try checkLayer({ try LayerNormalization(axes: [1, 2], dtype: $0) }, inputShape: [2, 3, 4], outputShape: [2, 3, 4], weightShapes: [[3, 4], [3, 4]])
        try checkLayer({ try LayerNormalization(axes: [-1, -3], center: false, dtype: $0) }, inputShape: [2, 3, 2, 4], outputShape: [2, 3, 2, 4], weightShapes: [[3, 4]])
        try checkLayer({ try LayerNormalization(axis: 1, scale: false, dtype: $0) }, inputShape: [2, 3, 4], outputShape: [2, 3, 4], weightShapes: [[3]])
        try checkLayer({ try LayerNormalization(rmsScaling: true, dtype: $0) }, inputShape: [3, 4], outputShape: [3, 4], weightShapes: [[4]])
    }

    @Test func groupNormalization() throws {
        try checkLayer({ try GroupNormalization(groups: 2, dtype: $0) }, inputShape: [2, 3, 4], outputShape: [2, 3, 4], weightShapes: [[4], [4]])
        try checkLayer({ try GroupNormalization(groups: -1, axis: 1, dtype: $0) }, inputShape: [2, 3, 2, 2], outputShape: [2, 3, 2, 2], weightShapes: [[3], [3]])
        try checkLayer({ try GroupNormalization(groups: 1, center: false, dtype: $0) }, inputShape: [3, 6], outputShape: [3, 6], weightShapes: [[6]])
    }

    @Test func rmsNormalization() throws {
        try checkLayer({ try RMSNormalization(dtype: $0) }, inputShape: [2, 3, 4], outputShape: [2, 3, 4], weightShapes: [[4]])
        try checkLayer({ try RMSNormalization(axes: [-2, -1], epsilon: 1e-3, dtype: $0) }, inputShape: [2, 3, 4], outputShape: [2, 3, 4], weightShapes: [[3, 4]])
    }

    @Test func unitNormalization() throws {
        try checkLayer({ try UnitNormalization(dtype: $0) }, inputShape: [3, 4], outputShape: [3, 4])
        try checkLayer({ try UnitNormalization(axes: [1, 2], dtype: $0) }, inputShape: [2, 3, 2], outputShape: [2, 3, 2])
    }

    @Test func batchNormalization() throws {
        try checkLayer({ try BatchNormalization(axis: 1, synchronized: true, dtype: $0) }, inputShape: [3, 2, 4], outputShape: [3, 2, 4],
                       weightShapes: [[2], [2], [2], [2]], trainableCount: 2, trainingChangesOutput: true)
    }
}

extension NormalizationLayerChecks {
    @Test func batchRenormalization() throws {
        try checkLayer({ try BatchNormalization(renorm: true, renormClipping: RenormClipping(rmax: 2, rmin: 0.5, dmax: 1), dtype: $0) },
                       inputShape: [4, 3], outputShape: [4, 3], weightShapes: [[3], [3], [3], [3], [3], [3], [3]],
                       trainableCount: 2, trainingChangesOutput: true)
        expectKerasError(.invalidArgument, containing: ["rmax", "rmin", "rmax=0.5, rmin=2.0"]) {
            _ = try BatchNormalization(renorm: true, renormClipping: RenormClipping(rmax: 0.5, rmin: 2))
        }
        expectKerasError(.invalidArgument, containing: ["dmax", "dmax=-1.0"]) {
            _ = try BatchNormalization(renorm: true, renormClipping: RenormClipping(dmax: -1))
        }
        let bn = try BatchNormalization(renorm: true)
        _ = try bn(Tensor.ones([2, 3]))
        #expect(bn.weights.map(\.name) == ["gamma", "beta", "moving_mean", "moving_variance", "moving_stddev", "renorm_mean", "renorm_stddev"])
    }
}
