import Testing
@testable import Keras

/// Every case of `Tests/Fixtures/layers/recurrent_layers.json` (Keras 3.15.1, JAX backend): the
/// layer rebuilt in Swift with Keras's weights gives Keras's outputs and states within 1e-5, and
/// the symbolic output shapes agree with them.
@Suite struct RecurrentKerasParityTests {
    static let caseNames: [String] = RecurrentFixture.cases.compactMap { $0["name"]?.stringValue }

    @Test func fixtureIsPresent() {
        #expect(Self.caseNames.count >= 60, "recurrent_layers.json missing or short: run scripts/pyref/recurrent_layers.py")
    }

    /// The recurrent layers a case runs: the layer itself, or both directions of a Bidirectional.
    static func directions(of layer: Layer) -> [RNN] {
        if let rnn = layer as? RNN { return [rnn] }
        if let bi = layer as? Bidirectional { return [bi.forwardLayer, bi.backwardLayer] }
        return []
    }

    @Test(arguments: caseNames)
    func matchesKeras(_ name: String) throws {
        let spec = try RecurrentFixture.named(name)
        let layer = try RecurrentFixture.make(spec)
        let calls = spec["calls"]?.arrayValue ?? []
        let firstInput = try RecurrentFixture.tensor(calls.first?["input"])
        let masking = spec["masking"]?.boolValue ?? false

        // Build on the first input's shape, then load Keras's weights in Keras's order.
        let target: Layer
        if masking {
            target = try Sequential {
                Input(shape: Array(firstInput.shape.dropFirst()).asTensorShape)
                Masking(maskValue: 0)
                layer
            }
        } else {
            try layer.buildIfNeeded([firstInput.shape.asTensorShape])
            target = layer
        }
        let weights = spec["weights"]?.arrayValue ?? []
        #expect(target.weights.map(\.shape) == weights.map { $0["shape"]?.arrayValue?.compactMap(\.intValue) ?? [] }, "weight shapes")
        #expect(target.weights.map(\.name) == weights.map { $0["path"]?.stringValue?.split(separator: "/").last.map(String.init) ?? "" },
                "weight names")
        try target.setWeights(weights.map { entry in
            try RecurrentFixture.tensor(.object(["shape": entry["shape"] ?? .null, "values": entry["values"] ?? .null]))
        })

        for (k, call) in calls.enumerated() {
            let x = try RecurrentFixture.tensor(call["input"])
            let mask = try call["mask"].map { try RecurrentFixture.tensor($0) }
            let initial = try (call["initial_state"]?.arrayValue ?? []).map { try RecurrentFixture.tensor($0) }
            if call["reset_before"]?.boolValue == true {
                if let rnn = layer as? RNN { rnn.resetStates() }
                if let bi = layer as? Bidirectional { try bi.resetStates() }
            }
            let outputs: [Tensor]
            if let cell = layer as? any RNNCell, let states = call["states"]?.arrayValue {
                let step = try cell(x, states: states.map { try RecurrentFixture.tensor($0) })
                outputs = [step.output] + step.states
            } else {
                outputs = try target.invoke([x] + initial, training: false, masks: [mask] + initial.map { _ in nil }).outputs
            }
            // LSTM and GRU layers with Keras's default activations run the fused kernel (also
            // inside Bidirectional), except under Keras's unrolled masking rule.
            for rnn in Self.directions(of: layer) where rnn is LSTM || rnn is GRU {
                let cell = rnn.cell as? any FusedSequenceCell
                let covered = cell?.activation == .tanh && cell?.recurrentActivation == .sigmoid
                    && !(rnn.unroll && (masking || mask != nil))
                #expect(rnn.lastCallWasFused == covered, "\(name) call \(k): fused path \(rnn.lastCallWasFused), expected \(covered)")
            }
            let expected = try (call["outputs"]?.arrayValue ?? []).map { try RecurrentFixture.tensor($0) }
            #expect(outputs.count == expected.count, "\(name) call \(k): \(outputs.count) outputs, Keras \(expected.count)")
            for (a, e) in zip(outputs, expected) { expectClose(a, e.doubles, shape: e.shape, tolerance: 1e-5) }
            // The symbolic shapes agree with the concrete ones.
            if !(layer is any RNNCell) {
                let shapes = try target.computeOutputShapes([[nil] + Array(x.shape.dropFirst()).asTensorShape]
                                                             + initial.map { [nil] + Array($0.shape.dropFirst()).asTensorShape })
                #expect(shapes == expected.map { [nil] + Array($0.shape.dropFirst()).asTensorShape }, "\(name) symbolic shapes")
            }
        }
    }
}
