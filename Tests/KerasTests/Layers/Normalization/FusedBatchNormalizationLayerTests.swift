import Testing
@testable import Keras

/// BatchNormalization through the engine's fused kernel against the same layer run as the
/// composite (`allowsFusedKernel = false`): outputs, moving statistics after training steps,
/// gradients with respect to the input, gamma and beta; and the calls the kernel does not cover
/// falling back to the composite.
@Suite struct FusedBatchNormalizationLayerTests {
    /// (input shape, axis): dense, channels-last images, channels-first images, sequences.
    static let layouts: [([Int], Int)] = [([16, 5], -1), ([4, 6, 6, 3], -1), ([4, 3, 5, 6], 1), ([3, 7, 4], -1)]

    /// A layer and its composite twin with the same (random) weights and moving statistics.
    private func pair(_ shape: [Int], axis: Int, center: Bool = true, scale: Bool = true, momentum: Double = 0.9,
                      renorm: Bool = false, dtype: DType) throws -> (fused: BatchNormalization, composite: BatchNormalization) {
        func make() throws -> BatchNormalization {
            try BatchNormalization(axis: axis, momentum: momentum, center: center, scale: scale,
                                   betaInitializer: .randomUniform(min: -0.5, max: 0.5, seed: 1),
                                   gammaInitializer: .randomUniform(min: 0.5, max: 1.5, seed: 2),
                                   movingMeanInitializer: .randomUniform(min: 2, max: 3, seed: 3),
                                   movingVarianceInitializer: .randomUniform(min: 0.5, max: 1.5, seed: 4),
                                   renorm: renorm, dtype: dtype)
        }
        let fused = try make(), composite = try make()
        composite.allowsFusedKernel = false
        try fused.buildIfNeeded([shape.asTensorShape])
        try composite.buildIfNeeded([shape.asTensorShape])
        try composite.setWeights(fused.weights.map(\.value))
        return (fused, composite)
    }

    @Test func outputsAndMovingStatisticsEqualTheComposite() throws {
        for dtype in [DType.float32, .float64] {
            let tolerance = dtype == .float32 ? 1e-5 : 1e-12
            for (shape, axis) in Self.layouts {
                for (center, scale) in [(true, true), (false, true), (true, false)] {
                    let label = "\(dtype) \(shape) axis=\(axis) center=\(center) scale=\(scale)"
                    let (fused, composite) = try pair(shape, axis: axis, center: center, scale: scale, dtype: dtype)
                    var data = TestData(21)
                    // Three training steps on different batches, then inference with the moving statistics.
                    for step in 0..<3 {
                        let x = data.tensor(shape, Double(step), Double(step) + 4, dtype: dtype)
                        let a = try fused(x, training: true), b = try composite(x, training: true)
                        #expect(fused.lastCallWasFused && !composite.lastCallWasFused, "\(label): path")
                        #expect(a.dtype == b.dtype, "\(label): dtype")
                        expectClose(a, b, tolerance: tolerance)
                    }
                    for (v, w) in zip(fused.nonTrainableWeights, composite.nonTrainableWeights) {
                        expectClose(v.value, w.value, tolerance: tolerance)
                    }
                    let x = data.tensor(shape, 1, 5, dtype: dtype)
                    expectClose(try fused(x), try composite(x), tolerance: tolerance)
                    #expect(fused.lastCallWasFused, "\(label): inference path")
                }
            }
        }
    }

    @Test func gradientsEqualTheComposite() throws {
        for (shape, axis) in Self.layouts {
            for training in [true, false] {
                let label = "\(shape) axis=\(axis) training=\(training)"
                let (fused, composite) = try pair(shape, axis: axis, dtype: .float64)
                var data = TestData(22)
                let x = data.tensor(shape, 1, 4, dtype: .float64)
                let cotangent = data.tensor(shape, -1, 2, dtype: .float64)
                func loss(_ layer: BatchNormalization, _ x: Tensor) throws -> Tensor {
                    (try layer(x, training: training) * cotangent).sum()
                }
                let (v1, g1) = try valueWithGradients(at: [x]) { try loss(fused, $0[0]) }
                let (v2, g2) = try valueWithGradients(at: [x]) { try loss(composite, $0[0]) }
                #expect(fused.lastCallWasFused && !composite.lastCallWasFused, "\(label): path")
                expectClose(v1, v2, tolerance: 1e-12)
                expectClose(g1[0], g2[0], tolerance: 1e-10)
                // gamma and beta.
                let (_, w1) = try valueWithGradients(of: fused.trainableVariables) { try loss(fused, x) }
                let (_, w2) = try valueWithGradients(of: composite.trainableVariables) { try loss(composite, x) }
                #expect(w1.count == 2, "\(label): gamma, beta")
                for (a, b) in zip(w1, w2) {
                    #expect(a.doubles.contains { $0 != 0 }, "\(label): a weight gradient is all zeros")
                    expectClose(a, b, tolerance: 1e-10)
                }
            }
        }
    }

    @Test func gradientsMatchFiniteDifferences() throws {
        for (shape, axis) in [([6, 3], -1), ([2, 3, 2, 2], 1)] {
            for training in [true, false] {
                let (layer, _) = try pair(shape, axis: axis, dtype: .float64)
                var data = TestData(23)
                let x = data.tensor(shape, 1, 4, dtype: .float64)
                try checkGradient(at: x, "\(shape) training=\(training) input") { try layer($0, training: training) }
                #expect(layer.lastCallWasFused)
                // gamma and beta: central differences of a weighted sum of the outputs.
                let cotangent = data.tensor(shape, 0.5, 1.5, dtype: .float64)
                func objective() throws -> Tensor { (try layer(x, training: training) * cotangent).sum() }
                let (_, analytic) = try valueWithGradients(of: layer.trainableVariables) { try objective() }
                for (k, weight) in layer.trainableVariables.enumerated() {
                    let base = weight.value
                    var numeric: [Double] = []
                    for i in 0..<base.count {
                        var values = base.doubles
                        values[i] += 1e-6
                        weight.assign(Tensor(values, shape: base.shape, dtype: .float64))
                        let plus = try withoutGradients { try objective().item() }
                        values[i] -= 2e-6
                        weight.assign(Tensor(values, shape: base.shape, dtype: .float64))
                        let minus = try withoutGradients { try objective().item() }
                        numeric.append((plus - minus) / 2e-6)
                    }
                    weight.assign(base)
                    expectClose(analytic[k], Tensor(numeric, shape: base.shape, dtype: .float64), tolerance: 1e-6)
                }
            }
        }
    }

    @Test func uncoveredCallsRunTheComposite() throws {
        // A mask in training, renorm in training, the fused kernel switched off.
        let (masked, maskedTwin) = try pair([2, 5, 3], axis: -1, dtype: .float32)
        var data = TestData(24)
        let x = data.tensor([2, 5, 3], 0, 4)
        let mask = Tensor([true, true, false, true, false, true, true, true, false, false], shape: [2, 5])
        expectClose(try masked(x, training: true, mask: mask), try maskedTwin(x, training: true, mask: mask), tolerance: 0)
        #expect(!masked.lastCallWasFused)
        _ = try masked(x, training: false, mask: mask)   // a mask does not matter in inference
        #expect(masked.lastCallWasFused)

        let (renormalized, _) = try pair([2, 5, 3], axis: -1, renorm: true, dtype: .float32)
        _ = try renormalized(x, training: true)
        #expect(!renormalized.lastCallWasFused)
        _ = try renormalized(x)
        #expect(renormalized.lastCallWasFused)

        let off = try BatchNormalization()
        off.allowsFusedKernel = false
        _ = try off(x, training: true)
        #expect(!off.lastCallWasFused)

        // 16-bit floats compute in float32, which the kernel covers.
        let half = try BatchNormalization(dtype: .float16)
        let y = try half(cast(x, to: .float16), training: true)
        #expect(half.lastCallWasFused && y.dtype == .float16)

        // A frozen layer normalizes with the moving statistics, fused.
        let (frozen, frozenTwin) = try pair([2, 5, 3], axis: -1, dtype: .float32)
        frozen.trainable = false
        frozenTwin.trainable = false
        expectClose(try frozen(x, training: true), try frozenTwin(x, training: true), tolerance: 1e-6)
        #expect(frozen.lastCallWasFused)
    }
}
