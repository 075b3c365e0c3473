import Testing
@testable import Keras

/// Misuse of the normalization layers throws a KerasError naming the layer, the argument and the
/// shapes.
@Suite struct NormalizationErrorTests {
    @Test func invalidArgumentsAtInit() {
        expectKerasError(.invalidArgument, containing: ["LayerNormalization", "at least one axis"]) { _ = try LayerNormalization(axes: []) }
        expectKerasError(.invalidArgument, containing: ["LayerNormalization", "[1, 1]", "repeated"]) { _ = try LayerNormalization(axes: [1, 1]) }
        expectKerasError(.invalidArgument, containing: ["LayerNormalization", "epsilon=-1.0"]) { _ = try LayerNormalization(epsilon: -1) }
        expectKerasError(.invalidArgument, containing: ["groups", "groups=0"]) { _ = try GroupNormalization(groups: 0) }
        expectKerasError(.invalidArgument, containing: ["RMSNormalization", "epsilon=-0.5"]) { _ = try RMSNormalization(epsilon: -0.5) }
        expectKerasError(.invalidArgument, containing: ["UnitNormalization", "at least one axis"]) { _ = try UnitNormalization(axes: []) }
        expectKerasError(.invalidArgument, containing: ["BatchNormalization", "momentum=1.5"]) { _ = try BatchNormalization(momentum: 1.5) }
    }

    @Test func axesOutsideTheInput() {
        expectKerasError(.incompatibleShape, containing: ["\"ln\"", "LayerNormalization", "axis 3", "(2, 4)"]) {
            _ = try LayerNormalization(axis: 3, name: "ln")(Tensor.ones([2, 4]))
        }
        expectKerasError(.incompatibleShape, containing: ["\"ln_sym\"", "axis -3", "(None, 4)"]) {
            _ = try LayerNormalization(axis: -3, name: "ln_sym")(Input(shape: [4]))
        }
        expectKerasError(.incompatibleShape, containing: ["\"ln_twice\"", "axis 1", "twice"]) {
            _ = try LayerNormalization(axes: [1, -2], name: "ln_twice")(Tensor.ones([2, 3, 4]))
        }
        expectKerasError(.incompatibleShape, containing: ["\"unit\"", "UnitNormalization", "axis -3", "(2, 3)"]) {
            _ = try UnitNormalization(axis: -3, name: "unit")(Tensor.ones([2, 3]))
        }
        expectKerasError(.incompatibleShape, containing: ["\"gn_batch\"", "batch axis"]) {
            _ = try GroupNormalization(groups: 1, axis: 0, name: "gn_batch")(Tensor.ones([2, 3]))
        }
    }

    @Test func groupsThatDoNotFitTheChannels() {
        expectKerasError(.incompatibleShape, containing: ["\"gn\"", "channels (4)", "(2, 4)", "groups (3)"]) {
            _ = try GroupNormalization(groups: 3, name: "gn")(Tensor.ones([2, 4]))
        }
        expectKerasError(.incompatibleShape, containing: ["\"gn_many\"", "groups (8)", "cannot be more than", "channels (4)"]) {
            _ = try GroupNormalization(groups: 8, name: "gn_many")(Input(shape: [5, 4]))
        }
        expectKerasError(.incompatibleShape, containing: ["\"gn_unknown\"", "defined dimension", "(None, None)"]) {
            _ = try GroupNormalization(groups: 2, name: "gn_unknown")(Input(shape: [nil]))
        }
    }

    @Test func rmsScaleThatCannotBroadcast() {
        expectKerasError(.incompatibleShape, containing: ["\"rms\"", "RMSNormalization", "(2, 3, 4)", "(3,)"]) {
            _ = try RMSNormalization(axis: 1, name: "rms")(Tensor.ones([2, 3, 4]))
        }
    }

    @Test func batchNormalizationMaskOfTheWrongRank() throws {
        let bn = try BatchNormalization(name: "bn_mask")
        expectKerasError(.incompatibleShape, containing: ["\"bn_mask\"", "one dimension less", "(2, 4, 3)"]) {
            _ = try bn(Tensor.ones([2, 4, 3]), training: true, mask: Tensor.ones([2, 4, 3], dtype: .bool))
        }
    }

    /// Masked positions do not count in training statistics; all-true masks change nothing.
    @Test func batchNormalizationMaskedStatistics() throws {
        let x = Tensor([1.0, 10, 3, 20, 100, -50], shape: [1, 3, 2])
        let bn = try BatchNormalization(momentum: 0, epsilon: 1e-3, center: false, scale: false)
        _ = try bn(x, training: true, mask: Tensor([true, true, false], shape: [1, 3]))
        // The third position is left out: means 2 and 15, variances 1 and 25 (up to Keras's 1e-7).
        expectClose(bn.movingMean!.value, [2, 15], tolerance: 1e-5)
        expectClose(bn.movingVariance!.value, [1, 25], tolerance: 1e-5)
        let plain = try BatchNormalization(momentum: 0)
        let masked = try BatchNormalization(momentum: 0)
        let yPlain = try plain(x, training: true)
        let yMasked = try masked(x, training: true, mask: Tensor([true, true, true], shape: [1, 3]))
        expectClose(yMasked, yPlain, tolerance: 1e-5)
        // In inference the mask is not used.
        expectClose(try masked(x, mask: Tensor([false, false, true], shape: [1, 3])), try masked(x), tolerance: 0)
    }
}
