import Testing
@testable import KerasCore

/// The fused batch-normalization kernel against the composite reference (Keras's formula written
/// with ops) and against finite differences, in training and inference, for several ranks and
/// feature axes.
@Suite struct FusedBatchNormalizationTests {
    /// (shape, feature axis): dense, channels-last images, channels-first images, sequences
    /// normalized over features and over time steps, a feature axis in the middle.
    static let layouts: [([Int], Int)] = [
        ([16, 5], 1), ([4, 6, 6, 3], 3), ([4, 3, 5, 6], 1), ([3, 7, 4], 2), ([3, 7, 4], 1), ([2, 3, 4, 5], 2), ([5, 1, 3], 1),
    ]

    /// Random inputs: `x` centred away from zero (the variance is a small difference of large
    /// squares, the case a one-pass sum of squares gets wrong), gamma, beta, moving statistics.
    private func inputs(_ shape: [Int], axis: Int, gamma: Bool = true, beta: Bool = true, dtype: DType = .float64,
                        seed: UInt64 = 1) -> BatchNormalizationInputs {
        var rng = TestRNG(seed)
        let c = shape[axis]
        return BatchNormalizationInputs(
            x: rng.tensor(shape, 2, 5, dtype: dtype),
            gamma: gamma ? rng.tensor([c], 0.5, 1.5, dtype: dtype) : nil,
            beta: beta ? rng.tensor([c], -0.5, 0.5, dtype: dtype) : nil,
            mean: rng.tensor([c], 3, 4, dtype: dtype), variance: rng.tensor([c], 0.5, 1.5, dtype: dtype))
    }

    /// Every layout, in training and inference, with and without gamma and beta.
    static var configurations: [([Int], Int, Bool, Bool, Bool)] {
        var all: [([Int], Int, Bool, Bool, Bool)] = []
        for (shape, axis) in layouts {
            for training in [true, false] {
                all.append((shape, axis, training, true, true))
            }
        }
        all += [([4, 6, 6, 3], 3, true, false, true), ([4, 3, 5, 6], 1, true, true, false), ([16, 5], 1, false, false, false)]
        return all
    }

    /// A scalar of the output weighted by fixed random cotangents, so each element's gradient counts.
    private func objective(_ result: BatchNormalizationResult, seed: UInt64 = 9) -> Tensor {
        var rng = TestRNG(seed)
        return (result.output * rng.tensor(result.output.shape, -1, 2, dtype: result.output.dtype)).sum()
    }

    @Test func theCPUBackendFusesFloat32AndFloat64Only() {
        #expect(hasFusedBatchNormalization(for: .float32) && hasFusedBatchNormalization(for: .float64))
        #expect(!hasFusedBatchNormalization(for: .float16) && !hasFusedBatchNormalization(for: .bfloat16))
    }

    @Test func float64ForwardAndGradientsEqualTheComposite() {
        for (shape, axis, training, gamma, beta) in Self.configurations {
            let label = "\(shape) axis=\(axis) training=\(training) gamma=\(gamma) beta=\(beta)"
            let spec = BatchNormalizationSpec(axis: axis, epsilon: 1e-3, training: training)
            let args = inputs(shape, axis: axis, gamma: gamma, beta: beta)
            let fused = batchNormalization(spec, args)
            let reference = BatchNormalizationReference.normalize(spec, args)
            expectClose(fused.output, reference.output, tolerance: 1e-12)
            expectClose(fused.mean, reference.mean, tolerance: 1e-12)
            expectClose(fused.variance, reference.variance, tolerance: 1e-12)

            let differentiable = args.differentiable(training: training)
            let (v1, g1) = valueWithGradients(at: differentiable) {
                objective(batchNormalization(spec, args.replacing(differentiable: $0, training: training)))
            }
            let (v2, g2) = valueWithGradients(at: differentiable) {
                objective(BatchNormalizationReference.normalize(spec, args.replacing(differentiable: $0, training: training)))
            }
            expectClose(v1, v2, tolerance: 1e-12)
            #expect(g1.count == g2.count, "\(label)")
            for (k, (a, b)) in zip(g1, g2).enumerated() {
                #expect(a.shape == b.shape, "\(label): gradient \(k) shape")
                #expect(a.doubles.contains { $0 != 0 }, "\(label): gradient \(k) is all zeros")
                expectClose(a, b, tolerance: 1e-10)
            }
        }
    }

    @Test func float32EqualsTheCompositeWithin1e5() {
        for (shape, axis, training, gamma, beta) in Self.configurations {
            let spec = BatchNormalizationSpec(axis: axis, epsilon: 1e-3, training: training)
            let args = inputs(shape, axis: axis, gamma: gamma, beta: beta, dtype: .float32, seed: 5)
            let fused = batchNormalization(spec, args)
            let reference = BatchNormalizationReference.normalize(spec, args)
            #expect(fused.output.dtype == .float32 && fused.mean.dtype == .float32)
            expectClose(fused.output, reference.output, tolerance: 1e-5)
            expectClose(fused.mean, reference.mean, tolerance: 1e-5)
            expectClose(fused.variance, reference.variance, tolerance: 1e-5)
            let differentiable = args.differentiable(training: training)
            let (_, g1) = valueWithGradients(at: differentiable) {
                objective(batchNormalization(spec, args.replacing(differentiable: $0, training: training)))
            }
            let (_, g2) = valueWithGradients(at: differentiable) {
                objective(BatchNormalizationReference.normalize(spec, args.replacing(differentiable: $0, training: training)))
            }
            for (a, b) in zip(g1, g2) { expectClose(a, b, tolerance: 1e-4) }
        }
    }

    @Test func largeFloat32BatchesKeepTheirStatistics() {
        // 64·32·32 values per channel around 1000 with spread 1: a one-pass float32 sum of
        // squares would lose the variance entirely; the float64 reference is the truth.
        var rng = TestRNG(17)
        let wide = rng.tensor([64, 32, 32, 4], 999, 1001)
        let spec = BatchNormalizationSpec(axis: 3, epsilon: 1e-3, training: true)
        let fused = batchNormalization(spec, BatchNormalizationInputs(x: cast(wide, to: .float32)))
        let truth = BatchNormalizationReference.normalize(spec, BatchNormalizationInputs(x: cast(cast(wide, to: .float32), to: .float64)))
        expectClose(fused.mean, truth.mean, tolerance: 1e-7)
        expectClose(fused.variance, truth.variance, tolerance: 1e-6)
        expectClose(fused.output, truth.output, tolerance: 1e-4)
    }

    @Test func gradientsMatchFiniteDifferences() {
        for (shape, axis, training, gamma, beta) in Self.configurations where shape.reduce(1, *) <= 200 {
            let spec = BatchNormalizationSpec(axis: axis, epsilon: 1e-3, training: training)
            let args = inputs(shape, axis: axis, gamma: gamma, beta: beta, seed: 3)
            checkGradients(args.differentiable(training: training), tolerance: 1e-6) { values in
                batchNormalization(spec, args.replacing(differentiable: values, training: training)).output
            }
        }
    }

    @Test func onlyTheWatchedInputsAreDifferentiated() {
        // gamma and beta watched, x a plain value (the first layer of a model).
        let args = inputs([8, 3], axis: 1)
        let spec = BatchNormalizationSpec(axis: 1, epsilon: 1e-3, training: true)
        let (_, g1) = valueWithGradients(at: [args.gamma!, args.beta!]) { w in
            objective(batchNormalization(args.x, gamma: w[0], beta: w[1], training: true))
        }
        let (_, g2) = valueWithGradients(at: [args.gamma!, args.beta!]) { w in
            objective(BatchNormalizationReference.normalize(spec, BatchNormalizationInputs(x: args.x, gamma: w[0], beta: w[1])))
        }
        for (a, b) in zip(g1, g2) { expectClose(a, b, tolerance: 1e-12) }
        // The batch statistics carry no gradient, and outside a gradient nothing is tracked.
        let (_, gx) = valueWithGradients(at: [args.x]) { x in
            batchNormalization(x[0], training: true).mean.sum() + x[0].sum()
        }
        expectClose(gx[0], Tensor.ones(like: args.x), tolerance: 0)
        #expect(!batchNormalization(args.x, gamma: args.gamma, training: true).output.isTracked)
    }

    @Test func sixteenBitFloatsRunTheComposite() {
        let args = inputs([6, 4], axis: 1, dtype: .float32)
        let half = batchNormalization(cast(args.x, to: .float16), gamma: cast(args.gamma!, to: .float16),
                                      beta: cast(args.beta!, to: .float16), training: true)
        #expect(half.output.dtype == .float16)
        let wide = batchNormalization(args.x, gamma: args.gamma, beta: args.beta, training: true)
        expectClose(cast(half.output, to: .float32), wide.output, tolerance: 2e-2)
    }

    @Test func documentationExample() {
        let x = Tensor([1.0, 10, 3, 20], shape: [2, 2])
        let r = batchNormalization(x, gamma: Tensor.ones([2]), beta: Tensor.zeros([2]), training: true)
        expectClose(r.mean, [2, 15])
        expectClose(r.variance, [1, 25])
        expectClose(r.output, [-1, -1, 1, 1], tolerance: 1e-3)
    }
}
