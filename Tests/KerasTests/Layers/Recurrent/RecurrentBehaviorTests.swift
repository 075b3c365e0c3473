import Testing
@testable import Keras

/// What the recurrent layers do beyond single calls: dropout masks, stateful carrying, initial
/// states in graphs, masks passed on, training, and the input-projection path against the
/// step-by-step composite.
@Suite struct RecurrentBehaviorTests {
    /// A SimpleRNN that outputs `x_t` unchanged (identity kernel, no recurrence, linear): its
    /// outputs show the input dropout mask at every step.
    private func passThrough(dropout: Double = 0, recurrentDropout: Double = 0) throws -> SimpleRNN {
        let rnn = try SimpleRNN(4, activation: .linear, useBias: false, dropout: dropout, recurrentDropout: recurrentDropout,
                                seed: 7, returnSequences: true)
        _ = try rnn(Tensor.ones([3, 5, 4]))
        try rnn.setWeights([Tensor.eye(4), Tensor.zeros([4, 4])])
        return rnn
    }

    @Test func inputDropoutUsesOneMaskForTheWholeSequence() throws {
        let rnn = try passThrough(dropout: 0.5)
        let y = try rnn(Tensor.ones([3, 5, 4]), training: true)
        for t in 1..<5 { #expect(y[.all, .index(t)].doubles == y[.all, 0].doubles, "step \(t) uses the first step's mask") }
        #expect(Set(y.doubles).isSubset(of: [0, 2]))
        #expect(y.doubles.contains(0) && y.doubles.contains(2))
        // A new call draws a new mask; inference drops nothing.
        let again = try rnn(Tensor.ones([3, 5, 4]), training: true)
        #expect(again.doubles != y.doubles)
        #expect(try rnn(Tensor.ones([3, 5, 4])).doubles.allSatisfy { $0 == 1 })
    }

    @Test func recurrentDropoutMasksTheState() throws {
        // Identity recurrence and zero kernel: h_t = h_{t-1} ⊙ mask, from an initial state of ones.
        let rnn = try SimpleRNN(4, activation: .linear, useBias: false, recurrentDropout: 0.5, seed: 3, returnSequences: true)
        _ = try rnn(Tensor.ones([2, 3, 2]))
        try rnn.setWeights([Tensor.zeros([2, 4]), Tensor.eye(4)])
        let y = try rnn.allOutputs(Tensor.ones([2, 3, 2]), initialState: [Tensor.ones([2, 4])], training: true)[0]
        let first = y[.all, 0].doubles
        #expect(Set(first).isSubset(of: [0, 2]))
        // The same mask again at each step: kept units double, dropped ones stay 0.
        #expect(y[.all, 2].doubles == first.map { $0 * 4 })
    }

    @Test func seededDropoutIsReproducible() throws {
        func run() throws -> [Double] {
            let lstm = try LSTM(3, kernelInitializer: .glorotUniform(seed: 1), recurrentInitializer: .orthogonal(seed: 2),
                                dropout: 0.3, recurrentDropout: 0.3, seed: 11)
            return try lstm(Tensor.ones([2, 4, 3]), training: true).doubles
        }
        #expect(try run() == run())
    }

    @Test func statefulCarriesStatesAcrossCalls() throws {
        var data = TestData(5)
        let x = data.tensor([2, 6, 3])
        let first = x[.all, .range(0..<3)], second = x[.all, .range(3..<6)]
        let whole = try LSTM(4, kernelInitializer: .glorotUniform(seed: 1), recurrentInitializer: .orthogonal(seed: 2), returnSequences: true)
        let stateful = try LSTM(4, kernelInitializer: .glorotUniform(seed: 1), recurrentInitializer: .orthogonal(seed: 2),
                                returnSequences: true, stateful: true)
        let expected = try whole(x)
        let a = try stateful(first), b = try stateful(second)
        expectClose(concatenate([a, b], axis: 1), expected.doubles, tolerance: 1e-6)
        #expect(stateful.weights.count == 3, "states are not weights")
        // Reset: the next call starts from zeros again.
        stateful.resetStates()
        expectClose(try stateful(first), expected[.all, .range(0..<3)].doubles, tolerance: 1e-6)
        // Set to given values.
        let h = Tensor.full([2, 4], value: 0.5), c = Tensor.full([2, 4], value: -0.25)
        try stateful.resetStates(to: [h, c])
        let fromGiven = try stateful(second)
        let reference = try whole.allOutputs(second, initialState: [h, c])[0]
        expectClose(fromGiven, reference.doubles, tolerance: 1e-6)
        #expect(stateful.states?.count == 2)
    }

    @Test func initialStatesAsGraphInputs() throws {
        let x = Input(shape: [4, 3]), h0 = Input(shape: [2]), c0 = Input(shape: [2])
        let lstm = try LSTM(2, returnState: true)
        let outputs = try lstm.allOutputs([x, h0, c0])
        #expect(outputs.map(\.shape) == [[nil, 2], [nil, 2], [nil, 2]])
        let model = try Model(inputs: [x, h0, c0], outputs: outputs)
        var data = TestData(1)
        let values = [data.tensor([5, 4, 3]), data.tensor([5, 2]), data.tensor([5, 2])]
        let viaModel = try model.allOutputs(values)
        let direct = try lstm.allOutputs(values[0], initialState: [values[1], values[2]])
        for (a, b) in zip(viaModel, direct) { #expect(a.doubles == b.doubles) }
    }

    @Test func masksArePassedOn() throws {
        let x = Tensor([1.0, 2, 0, 0, 3, 0], shape: [2, 3, 1])
        let mask = Tensor([true, true, false, false, true, false], shape: [2, 3])
        let sequences = try LSTM(2, returnSequences: true)
        #expect(try sequences.computeMask([x], masks: [mask])[0]?.doubles == mask.doubles)
        let last = try LSTM(2, returnState: true)
        #expect(try last.computeMask([x], masks: [mask]).map { $0 == nil } == [true, true, true])
        let bi = try Bidirectional(GRU(2, returnSequences: true), mergeMode: nil)
        #expect(try bi.computeMask([x], masks: [mask]).map { $0?.doubles } == [mask.doubles, mask.doubles])
        let td = try TimeDistributed(Dense(2))
        #expect(try td.computeMask([x], masks: [mask])[0]?.doubles == mask.doubles)
        // Masking -> LSTM(returnSequences) -> LSTM: the second LSTM sees the mask too, so a
        // sequence whose last steps are padded gives the same result as its unpadded prefix.
        let first = try LSTM(3, kernelInitializer: .glorotUniform(seed: 1), returnSequences: true)
        let second = try LSTM(2, kernelInitializer: .glorotUniform(seed: 2))
        let model = try Sequential {
            Input(shape: [nil, 1])
            Masking(maskValue: 0)
            first
            second
        }
        let padded = try model(Tensor([1.0, 2, 0, 0], shape: [1, 4, 1]))
        let unpadded = try model(Tensor([1.0, 2], shape: [1, 2, 1]))
        expectClose(padded, unpadded.doubles, tolerance: 1e-6)
    }

    @Test func weightPathsFollowKeras() throws {
        let lstm = try LSTM(2, name: "encoder")
        _ = try lstm(Tensor.ones([1, 2, 3]))
        #expect(lstm.weights.map(\.path) == ["encoder/lstm_cell/kernel", "encoder/lstm_cell/recurrent_kernel", "encoder/lstm_cell/bias"])
        let bi = try Bidirectional(GRU(2, name: "gru_p"), name: "bi_p")
        _ = try bi(Tensor.ones([1, 2, 3]))
        #expect(bi.weights.map(\.path).first == "bi_p/forward_gru_p/gru_cell/kernel")
        #expect(bi.weights.map(\.path)[3] == "bi_p/backward_gru_p/gru_cell/kernel")
        #expect(bi.backwardLayer.goBackwards && !bi.forwardLayer.goBackwards)
        #expect(!bi.forwardLayer.zeroOutputForMask)
    }

    @Test func unitForgetBiasStartsTheForgetGateAtOne() throws {
        let lstm = try LSTM(3, biasInitializer: .constant(0.25))
        _ = try lstm(Tensor.ones([1, 2, 2]))
        #expect(lstm.weights[2].value.doubles == [0.25, 0.25, 0.25, 1, 1, 1, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25])
        let plain = try LSTM(2, biasInitializer: .constant(0.5), unitForgetBias: false)
        _ = try plain(Tensor.ones([1, 2, 2]))
        #expect(plain.weights[2].value.doubles == [Double](repeating: 0.5, count: 8))
    }

    /// The input projection computed for the whole sequence at once equals the cell run step by
    /// step through its public `call`, forwards and backwards, with and without masks, for every
    /// built-in cell (values and gradients).
    @Test func inputProjectionMatchesTheStepByStepComposite() throws {
        var data = TestData(21)
        let x = data.tensor([3, 5, 4], dtype: .float64)
        let mask = Tensor([true, true, true, false, true, false, true, true, true, true, true, false, false, true, true], shape: [3, 5])
        let cells: [any RNNCell] = [try SimpleRNNCell(3, dtype: .float64), try LSTMCell(3, dtype: .float64),
                                    try GRUCell(3, dtype: .float64), try GRUCell(3, resetAfter: false, dtype: .float64)]
        for cell in cells {
            for backwards in [false, true] {
                let rnn = try RNN(cell, returnSequences: true, goBackwards: backwards)
                let viaLayer = try rnn.allOutputs(x, mask: mask)[0]
                // The composite: Keras's backend.rnn loop written out with the cell's call.
                func composite(_ x: Tensor) throws -> Tensor {
                    var states = cell.initialStates(batchSize: 3)
                    var outputs: [Tensor] = []
                    for t in backwards ? Array((0..<5).reversed()) : Array(0..<5) {
                        let (output, next) = try cell.call(x[.all, .index(t)], states: states, training: false)
                        let keep = mask[.all, .index(t)].reshaped(to: [3, 1])
                        outputs.append(select(keep, output, states[0]))
                        states = zip(next, states).map { select(keep, $0, $1) }
                    }
                    return stack(outputs, axis: 1)
                }
                expectClose(viaLayer, try composite(x).doubles, tolerance: 1e-12)
                let g1 = try gradient(at: x) { try rnn.allOutputs($0, mask: mask)[0].sum() }
                let g2 = try gradient(at: x) { try composite($0).sum() }
                expectClose(g1, g2.doubles, tolerance: 1e-12)
            }
        }
    }

    @Test func trainsInAModel() throws {
        Initializer.setGlobalSeed(3)
        var data = TestData(2)
        let x = data.tensor([16, 5, 2])
        let y = x.sum(axes: [1, 2]).reshaped(to: [16, 1]) * 0.2
        let model = try Sequential {
            Input(shape: [5, 2])
            try GRU(8)
            try Dense(1)
        }
        try model.compile(optimizer: Adam(learningRate: 0.02), loss: "mse")
        let history = try model.fit(x, y, batchSize: 8, epochs: 30, verbose: 0)
        let losses = history.history["loss"] ?? []
        #expect(losses.count == 30)
        #expect((losses.last ?? 1) < 0.3 * (losses.first ?? 0), "loss \(losses.first ?? 0) -> \(losses.last ?? 0)")
    }
}
