import Testing
@testable import Keras

/// LSTM and GRU through the engine's fused whole-sequence kernel against the same layers run
/// step by step (`allowsFusedKernel = false`): outputs, states and gradients with respect to the
/// input, the initial states and every weight, across Keras's recurrent options; and the
/// configurations the kernel does not cover falling back to the composite.
@Suite struct FusedRecurrentLayerTests {
    enum Kind: String, CaseIterable, Sendable {
        case lstm, gruResetAfter, gruResetBefore

        func make(_ units: Int, returnSequences: Bool = false, returnState: Bool = false, goBackwards: Bool = false,
                  stateful: Bool = false, dtype: DType) throws -> RNN {
            switch self {
            case .lstm:
                return try LSTM(units, biasInitializer: .randomUniform(min: -0.3, max: 0.3, seed: 3), returnSequences: returnSequences,
                                returnState: returnState, goBackwards: goBackwards, stateful: stateful, dtype: dtype)
            case .gruResetAfter, .gruResetBefore:
                return try GRU(units, biasInitializer: .randomUniform(min: -0.3, max: 0.3, seed: 3), resetAfter: self == .gruResetAfter,
                               returnSequences: returnSequences, returnState: returnState, goBackwards: goBackwards,
                               stateful: stateful, dtype: dtype)
            }
        }

        var stateCount: Int { self == .lstm ? 2 : 1 }
    }

    /// `[batch = 3, timesteps = 6]`: no padding, padding at the end, gaps in the middle (one row
    /// with no steps at all).
    static let masks: [String: Tensor?] = [
        "none": nil,
        "end": Tensor([true, true, true, true, false, false, true, true, true, true, true, true,
                       true, true, false, false, false, false], shape: [3, 6]),
        "middle": Tensor([true, false, true, false, false, true, true, true, false, true, true, false,
                          false, false, false, false, false, false], shape: [3, 6]),
    ]

    /// A layer and its composite twin with the same weights.
    private func pair(_ kind: Kind, units: Int = 4, features: Int = 5, batch: Int = 3, steps: Int = 6,
                      returnSequences: Bool = false, returnState: Bool = true, goBackwards: Bool = false,
                      stateful: Bool = false, dtype: DType) throws -> (fused: RNN, composite: RNN) {
        let fused = try kind.make(units, returnSequences: returnSequences, returnState: returnState, goBackwards: goBackwards,
                                  stateful: stateful, dtype: dtype)
        let composite = try kind.make(units, returnSequences: returnSequences, returnState: returnState, goBackwards: goBackwards,
                                      stateful: stateful, dtype: dtype)
        composite.allowsFusedKernel = false
        let shape: TensorShape = [batch, steps, features]
        try fused.buildIfNeeded([shape])
        try composite.buildIfNeeded([shape])
        try composite.setWeights(fused.weights.map(\.value))
        return (fused, composite)
    }

    private func expectSame(_ a: [Tensor], _ b: [Tensor], tolerance: Double, _ label: String,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a.count == b.count, "\(label): output count", sourceLocation: sourceLocation)
        for (x, y) in zip(a, b) {
            #expect(x.shape == y.shape && x.dtype == y.dtype, "\(label): shape/dtype", sourceLocation: sourceLocation)
            expectClose(x, y.doubles, tolerance: tolerance, sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: Kind.allCases)
    func outputsAndStatesEqualTheComposite(_ kind: Kind) throws {
        for dtype in [DType.float32, .float64] {
            let tolerance = dtype == .float32 ? 1e-5 : 1e-12
            var data = TestData(11)
            let x = data.tensor([3, 6, 5], dtype: dtype)
            let initial = (0..<kind.stateCount).map { _ in data.tensor([3, 4], -0.5, 0.5, dtype: dtype) }
            for sequences in [false, true] {
                for backwards in [false, true] {
                    for (maskName, mask) in Self.masks {
                        for withInitial in [false, true] {
                            let label = "\(kind) \(dtype) sequences=\(sequences) backwards=\(backwards) mask=\(maskName) initial=\(withInitial)"
                            let (fused, composite) = try pair(kind, returnSequences: sequences, goBackwards: backwards, dtype: dtype)
                            let states = withInitial ? initial : []
                            let a = try fused.allOutputs(x, initialState: states, mask: mask)
                            let b = try composite.allOutputs(x, initialState: states, mask: mask)
                            #expect(fused.lastCallWasFused && !composite.lastCallWasFused, "\(label): path")
                            expectSame(a, b, tolerance: tolerance, label)
                        }
                    }
                }
            }
        }
    }

    @Test(arguments: Kind.allCases)
    func gradientsEqualTheComposite(_ kind: Kind) throws {
        var data = TestData(12)
        let x = data.tensor([3, 6, 5], dtype: .float64)
        let initial = (0..<kind.stateCount).map { _ in data.tensor([3, 4], -0.5, 0.5, dtype: .float64) }
        for sequences in [false, true] {
            for backwards in [false, true] {
                for (maskName, mask) in Self.masks {
                    let label = "\(kind) sequences=\(sequences) backwards=\(backwards) mask=\(maskName)"
                    let (fused, composite) = try pair(kind, returnSequences: sequences, goBackwards: backwards, dtype: .float64)
                    func loss(_ layer: RNN, _ x: Tensor, _ states: [Tensor]) throws -> Tensor {
                        var rng = TestData(5)
                        return try layer.allOutputs(x, initialState: states, mask: mask, training: true)
                            .map { ($0 * rng.tensor($0.shape, 0.5, 1.5, dtype: .float64)).sum() }
                            .reduce(Tensor(0.0, dtype: .float64), +)
                    }
                    // With respect to the input and the initial states.
                    let (v1, g1) = try valueWithGradients(at: [x] + initial) { try loss(fused, $0[0], Array($0.dropFirst())) }
                    let (v2, g2) = try valueWithGradients(at: [x] + initial) { try loss(composite, $0[0], Array($0.dropFirst())) }
                    #expect(fused.lastCallWasFused, "\(label): path")
                    expectClose(v1, v2.doubles, tolerance: 1e-12)
                    for (a, b) in zip(g1, g2) { expectClose(a, b.doubles, shape: b.shape, tolerance: 1e-10) }
                    // With respect to every weight.
                    let (_, w1) = try valueWithGradients(of: fused.trainableVariables) { try loss(fused, x, initial) }
                    let (_, w2) = try valueWithGradients(of: composite.trainableVariables) { try loss(composite, x, initial) }
                    #expect(w1.count == 3, "\(label): kernel, recurrent kernel, bias")
                    for (a, b) in zip(w1, w2) {
                        #expect(a.doubles.contains { $0 != 0 }, "\(label): a weight gradient is all zeros")
                        expectClose(a, b.doubles, shape: b.shape, tolerance: 1e-10)
                    }
                }
            }
        }
    }

    @Test(arguments: Kind.allCases)
    func gradientsMatchFiniteDifferences(_ kind: Kind) throws {
        let (layer, _) = try pair(kind, units: 2, features: 3, batch: 2, steps: 4, returnSequences: true, dtype: .float64)
        var data = TestData(13)
        let x = data.tensor([2, 4, 3], dtype: .float64)
        let h0 = data.tensor([2, 2], -0.5, 0.5, dtype: .float64)
        let others = (1..<kind.stateCount).map { _ in data.tensor([2, 2], -0.5, 0.5, dtype: .float64) }
        let mask = Tensor([true, false, true, true, true, true, false, false], shape: [2, 4])
        func all(_ outputs: [Tensor]) -> Tensor { concatenate(outputs.map { $0.reshaped(to: [-1]) }) }
        try checkGradient(at: x, "\(kind) input") { try all(layer.allOutputs($0, initialState: [h0] + others, mask: mask)) }
        try checkGradient(at: h0, "\(kind) initial h") { try all(layer.allOutputs(x, initialState: [$0] + others, mask: mask)) }
        #expect(layer.lastCallWasFused)
        // Every weight: central differences of a weighted sum of the outputs, one element at a time.
        let probe = try all(layer.allOutputs(x, initialState: [h0] + others, mask: mask))
        let cotangent = data.tensor(probe.shape, 0.5, 1.5, dtype: .float64)
        func objective() throws -> Tensor { (try all(layer.allOutputs(x, initialState: [h0] + others, mask: mask)) * cotangent).sum() }
        let (_, analytic) = try valueWithGradients(of: layer.trainableVariables) { try objective() }
        for (k, weight) in layer.trainableVariables.enumerated() {
            let original = weight.value, base = original.doubles, got = analytic[k].doubles
            for i in base.indices {
                var plus = base, minus = base
                plus[i] += 1e-6
                minus[i] -= 1e-6
                weight.assign(Tensor(plus, shape: original.shape, dtype: .float64))
                let fp = try withoutGradients { try objective().item() }
                weight.assign(Tensor(minus, shape: original.shape, dtype: .float64))
                let fm = try withoutGradients { try objective().item() }
                let numeric = (fp - fm) / 2e-6
                #expect(Swift.abs(got[i] - numeric) <= 1e-6 * Swift.max(1, Swift.abs(numeric)),
                        "\(kind) weight \(weight.name) element \(i): analytic \(got[i]) vs numeric \(numeric)")
            }
            weight.assign(original)
        }
    }

    @Test(arguments: Kind.allCases)
    func statefulCarriesTheSameStatesAcrossTwoCalls(_ kind: Kind) throws {
        let (fused, composite) = try pair(kind, returnSequences: true, stateful: true, dtype: .float32)
        var data = TestData(14)
        for call in 0..<2 {
            let x = data.tensor([3, 6, 5])
            let a = try fused.allOutputs(x), b = try composite.allOutputs(x)
            #expect(fused.lastCallWasFused)
            expectSame(a, b, tolerance: 1e-5, "\(kind) call \(call)")
            expectSame(fused.states ?? [], composite.states ?? [], tolerance: 1e-5, "\(kind) carried states after call \(call)")
        }
    }

    @Test func bidirectionalWithMaskedSequencesEqualsTheComposite() throws {
        var data = TestData(15)
        let x = data.tensor([3, 6, 5])
        for kind in Kind.allCases {
            let fused = try Bidirectional(kind.make(4, returnSequences: true, dtype: .float32))
            let template = try kind.make(4, returnSequences: true, dtype: .float32)
            template.allowsFusedKernel = false
            let composite = try Bidirectional(template)
            try fused.buildIfNeeded([[3, 6, 5]])
            try composite.buildIfNeeded([[3, 6, 5]])
            try composite.setWeights(fused.weights.map(\.value))
            let mask = Self.masks["middle"]!!
            let a = try fused.invoke([x], training: false, masks: [mask]).outputs
            let b = try composite.invoke([x], training: false, masks: [mask]).outputs
            #expect(fused.forwardLayer.lastCallWasFused && fused.backwardLayer.lastCallWasFused)
            #expect(!composite.forwardLayer.lastCallWasFused && !composite.backwardLayer.lastCallWasFused)
            #expect(fused.forwardLayer.zeroOutputForMask)
            expectSame(a, b, tolerance: 1e-5, "Bidirectional \(kind)")
        }
    }

    @Test func uncoveredConfigurationsFallBackToTheComposite() throws {
        var data = TestData(16)
        let x = data.tensor([2, 4, 3])
        let mask = Tensor([true, true, false, true, true, false, false, false], shape: [2, 4])
        func fusedRun(_ layer: RNN, mask: Tensor? = nil, training: Bool = false, dtype: DType = .float32) throws -> Bool {
            _ = try layer.allOutputs(cast(x, to: dtype), mask: mask, training: training)
            return layer.lastCallWasFused
        }
        #expect(try fusedRun(LSTM(3)))
        #expect(try fusedRun(RNN(LSTMCell(3))), "an RNN over a built-in cell is fused too")
        #expect(try !fusedRun(LSTM(3, activation: .relu)), "another activation")
        #expect(try !fusedRun(GRU(3, recurrentActivation: .hardSigmoid)), "another gate activation")
        #expect(try !fusedRun(LSTM(3, dropout: 0.5), training: true), "dropout while training")
        #expect(try fusedRun(LSTM(3, dropout: 0.5)), "dropout is inactive in inference")
        #expect(try !fusedRun(GRU(3, recurrentDropout: 0.3), training: true), "recurrent dropout while training")
        #expect(try !fusedRun(LSTM(3, dtype: .float16), dtype: .float16), "16-bit floats")
        #expect(try !fusedRun(LSTM(3, unroll: true), mask: mask), "Keras's unrolled masking rule")
        #expect(try fusedRun(LSTM(3, unroll: true)), "unroll without a mask is the same computation")
        #expect(try !fusedRun(RNN([LSTMCell(3), GRUCell(2)])), "stacked cells")
        #expect(try !fusedRun(SimpleRNN(3)), "a cell without a fused kernel")
    }

    @Test func trainingThroughTheFusedPathLowersTheLoss() throws {
        var data = TestData(17)
        let x = data.tensor([16, 7, 3])
        let y = x.sum(axes: [1, 2]).reshaped(to: [16, 1]) * 0.2
        let lstm = try LSTM(8, kernelInitializer: .glorotUniform(seed: 1), recurrentInitializer: .orthogonal(seed: 2))
        let model = try Sequential {
            Input(shape: [7, 3])
            lstm
            try Dense(1, kernelInitializer: .glorotUniform(seed: 3))
        }
        try model.compile(optimizer: Adam(learningRate: 0.02), loss: "mse")
        let losses = try model.fit(x, y, batchSize: 8, epochs: 25, verbose: 0).history["loss"] ?? []
        #expect(lstm.lastCallWasFused)
        #expect((losses.last ?? 1) < 0.3 * (losses.first ?? 0), "loss \(losses.first ?? 0) -> \(losses.last ?? 0)")
    }
}
