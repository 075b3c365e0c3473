import Testing
@testable import KerasCore

/// The fused LSTM and GRU sequence kernels against the composite reference (Keras's
/// `backend.rnn` loop over the cell written with ops) and against finite differences.
@Suite struct FusedRecurrenceTests {
    static let cells: [RecurrentCellKind] = [.lstm, .gru(resetAfter: true), .gru(resetAfter: false)]

    /// Masks `[batch = 3, timesteps = 5]`: padding at the end, in the middle, a row without steps.
    static let masks: [String: Tensor] = [
        "end": Tensor([true, true, true, false, false, true, true, true, true, true, true, true, false, false, false], shape: [3, 5]),
        "middle": Tensor([true, false, true, false, true, true, true, false, false, true, false, false, false, false, false], shape: [3, 5]),
    ]

    /// Random inputs of a cell kind: x `[batch, steps, features]`, states, weights and bias.
    private func inputs(_ cell: RecurrentCellKind, batch: Int = 3, steps: Int = 5, features: Int = 4, units: Int = 3,
                        bias: Bool = true, mask: Tensor? = nil, dtype: DType = .float64, seed: UInt64 = 1) -> RecurrentSequenceInputs {
        var rng = TestRNG(seed)
        let gates = cell.gateCount * units
        let biasShape = cell == .gru(resetAfter: true) ? [2, gates] : [gates]
        return RecurrentSequenceInputs(
            x: rng.tensor([batch, steps, features], dtype: dtype),
            initialStates: (0..<cell.stateCount).map { _ in rng.tensor([batch, units], -0.5, 0.5, dtype: dtype) },
            kernel: rng.tensor([features, gates], -0.6, 0.6, dtype: dtype),
            recurrentKernel: rng.tensor([units, gates], -0.6, 0.6, dtype: dtype),
            bias: bias ? rng.tensor(biasShape, -0.3, 0.3, dtype: dtype) : nil, mask: mask)
    }

    /// Every configuration: cell, direction, mask, zero output for masked steps, bias.
    static var configurations: [(RecurrentCellKind, Bool, String?, Bool, Bool)] {
        var all: [(RecurrentCellKind, Bool, String?, Bool, Bool)] = []
        for cell in cells {
            for backwards in [false, true] {
                for mask in [nil, "end", "middle"] as [String?] {
                    for zero in mask == nil ? [false] : [false, true] {
                        all.append((cell, backwards, mask, zero, true))
                    }
                }
            }
            all.append((cell, false, "middle", false, false))
        }
        return all
    }

    /// The scalar both paths are differentiated on: every output and state weighted by fixed
    /// random cotangents, so each element's gradient counts.
    private func objective(_ result: RecurrentSequenceResult, seed: UInt64 = 9) -> Tensor {
        var rng = TestRNG(seed)
        var total = (result.outputs * rng.tensor(result.outputs.shape, 0.5, 1.5, dtype: result.outputs.dtype)).sum()
        for state in result.states { total = total + (state * rng.tensor(state.shape, 0.5, 1.5, dtype: state.dtype)).sum() }
        return total
    }

    @Test func theCPUBackendFusesFloat32AndFloat64Only() {
        #expect(hasFusedRecurrence(for: .float32) && hasFusedRecurrence(for: .float64))
        #expect(!hasFusedRecurrence(for: .float16) && !hasFusedRecurrence(for: .bfloat16))
    }

    @Test func float64ForwardAndGradientsEqualTheComposite() {
        for (cell, backwards, maskName, zero, bias) in Self.configurations {
            let label = "\(cell) backwards=\(backwards) mask=\(maskName ?? "none") zeroOutput=\(zero) bias=\(bias)"
            let spec = RecurrentSequenceSpec(cell: cell, goBackwards: backwards, zeroOutputForMask: zero)
            let args = inputs(cell, bias: bias, mask: maskName.flatMap { Self.masks[$0] })
            let fused = recurrentSequence(spec, args)
            let reference = RecurrentReference.sequence(spec, args)
            expectClose(fused.outputs, reference.outputs, tolerance: 1e-12)
            #expect(fused.states.count == reference.states.count, "\(label)")
            for (a, b) in zip(fused.states, reference.states) { expectClose(a, b, tolerance: 1e-12) }

            let (v1, g1) = valueWithGradients(at: args.differentiable) { objective(recurrentSequence(spec, args.replacing(differentiable: $0))) }
            let (v2, g2) = valueWithGradients(at: args.differentiable) { objective(RecurrentReference.sequence(spec, args.replacing(differentiable: $0))) }
            expectClose(v1, v2, tolerance: 1e-12)
            for (k, (a, b)) in zip(g1, g2).enumerated() {
                #expect(a.shape == b.shape, "\(label): gradient \(k) shape")
                #expect(a.doubles.contains { $0 != 0 }, "\(label): gradient \(k) is all zeros")
                expectClose(a, b, tolerance: 1e-10)
            }
        }
    }

    @Test func float32EqualsTheCompositeWithin1e5() {
        for (cell, backwards, maskName, zero, bias) in Self.configurations {
            let spec = RecurrentSequenceSpec(cell: cell, goBackwards: backwards, zeroOutputForMask: zero)
            let args = inputs(cell, batch: 4, steps: 12, features: 6, units: 8, bias: bias,
                              mask: maskName.map { _ in Self.longMask }, dtype: .float32, seed: 5)
            let fused = recurrentSequence(spec, args)
            let reference = RecurrentReference.sequence(spec, args)
            #expect(fused.outputs.dtype == .float32)
            expectClose(fused.outputs, reference.outputs, tolerance: 1e-5)
            for (a, b) in zip(fused.states, reference.states) { expectClose(a, b, tolerance: 1e-5) }
            let (_, g1) = valueWithGradients(at: args.differentiable) { objective(recurrentSequence(spec, args.replacing(differentiable: $0))) }
            let (_, g2) = valueWithGradients(at: args.differentiable) { objective(RecurrentReference.sequence(spec, args.replacing(differentiable: $0))) }
            for (a, b) in zip(g1, g2) { expectClose(a, b, tolerance: 1e-4) }
        }
    }

    /// `[4, 12]` with padding at the end of one row and gaps in another.
    static let longMask = Tensor((0..<48).map { i in
        let (b, t) = (i / 12, i % 12)
        return b == 1 ? t < 7 : (b == 2 ? t % 3 != 1 : true)
    }, shape: [4, 12])

    @Test func gradientsMatchFiniteDifferences() {
        for (cell, backwards, maskName, zero, bias) in Self.configurations where maskName != "end" {
            let spec = RecurrentSequenceSpec(cell: cell, goBackwards: backwards, zeroOutputForMask: zero)
            let args = inputs(cell, batch: 3, steps: 5, features: 2, units: 2, bias: bias, mask: maskName.flatMap { Self.masks[$0] }, seed: 3)
            checkGradients(args.differentiable, tolerance: 1e-6) { values in
                let result = recurrentSequence(spec, args.replacing(differentiable: values))
                return concatenate([result.outputs.reshaped(to: [-1])] + result.states.map { $0.reshaped(to: [-1]) })
            }
        }
    }

    @Test func onlyTheWatchedInputsAreDifferentiated() {
        // Weights watched, the sequence a plain value (the first layer of a model).
        let args = inputs(.lstm)
        let spec = RecurrentSequenceSpec(cell: .lstm)
        let weights = [args.kernel, args.recurrentKernel, args.bias!]
        let (_, g1) = valueWithGradients(at: weights) { w in
            objective(lstmSequence(args.x, initialState: args.initialStates, kernel: w[0], recurrentKernel: w[1], bias: w[2]))
        }
        let (_, g2) = valueWithGradients(at: weights) { w in
            objective(RecurrentReference.sequence(spec, RecurrentSequenceInputs(x: args.x, initialStates: args.initialStates,
                                                                                 kernel: w[0], recurrentKernel: w[1], bias: w[2])))
        }
        for (a, b) in zip(g1, g2) { expectClose(a, b, tolerance: 1e-12) }
        // Outside a gradient computation nothing is tracked.
        #expect(!lstmSequence(args.x, initialState: args.initialStates, kernel: args.kernel,
                              recurrentKernel: args.recurrentKernel).outputs.isTracked)
    }

    @Test func sixteenBitFloatsRunTheComposite() {
        let args = inputs(.gru(resetAfter: true), dtype: .float32)
        let half = RecurrentSequenceInputs(x: cast(args.x, to: .float16), initialStates: args.initialStates.map { cast($0, to: .float16) },
                                           kernel: cast(args.kernel, to: .float16), recurrentKernel: cast(args.recurrentKernel, to: .float16),
                                           bias: args.bias.map { cast($0, to: .float16) })
        let result = gruSequence(half.x, initialState: half.initialStates, kernel: half.kernel,
                                 recurrentKernel: half.recurrentKernel, bias: half.bias)
        #expect(result.outputs.dtype == .float16)
        let wide = gruSequence(args.x, initialState: args.initialStates, kernel: args.kernel,
                               recurrentKernel: args.recurrentKernel, bias: args.bias)
        expectClose(cast(result.outputs, to: .float32), wide.outputs, tolerance: 2e-2)
    }

    @Test func documentationExamples() {
        let x = Tensor.ones([2, 5, 3])
        let h0 = Tensor.zeros([2, 4]), c0 = Tensor.zeros([2, 4])
        let r = lstmSequence(x, initialState: [h0, c0], kernel: Tensor.ones([3, 16]) * 0.1,
                             recurrentKernel: Tensor.ones([4, 16]) * 0.1, bias: Tensor.zeros([16]))
        #expect(r.outputs.shape == [2, 5, 4] && r.states[1].shape == [2, 4])
        let g = gruSequence(Tensor.ones([2, 5, 3]), initialState: [Tensor.zeros([2, 4])],
                            kernel: Tensor.ones([3, 12]) * 0.1, recurrentKernel: Tensor.ones([4, 12]) * 0.1,
                            bias: Tensor.zeros([2, 12]))
        #expect(g.outputs.shape == [2, 5, 4])
    }
}
