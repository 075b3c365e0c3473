import Testing
@testable import Keras

/// The `///` and DocC examples of the recurrent layers, run as written.
@Suite struct RecurrentDocumentationExamplesTests {
    @Test func cellExamples() throws {
        let y = try RNN(MinimalRNNCell(units: 32))(Tensor.ones([4, 10, 5]))
        #expect(y.shape == [4, 32])
        let cell = try LSTMCell(4)
        let (h, states) = try cell(Tensor.ones([2, 3]), states: cell.initialStates(batchSize: 2))
        #expect(h.shape == [2, 4] && states.map(\.shape) == [[2, 4], [2, 4]])
        #expect(try RNN(SimpleRNNCell(4))(Tensor.ones([32, 10, 8])).shape == [32, 4])
        #expect(try RNN(LSTMCell(4), returnSequences: true)(Tensor.ones([32, 10, 8])).shape == [32, 10, 4])
        #expect(try RNN(GRUCell(4, resetAfter: false))(Tensor.ones([32, 10, 8])).shape == [32, 4])
        let cells = try StackedRNNCells([LSTMCell(8), LSTMCell(4)])
        #expect(try RNN(cells)(Tensor.ones([2, 5, 3])).shape == [2, 4])
    }

    @Test func rnnExamples() throws {
        let rnn = try RNN(LSTMCell(16), returnSequences: true)
        #expect(try rnn(Tensor.ones([4, 10, 8])).shape == [4, 10, 16])
        let stacked = try RNN([GRUCell(16), GRUCell(8)])
        #expect(try stacked(Tensor.ones([4, 10, 8])).shape == [4, 8])
        let outputs = try RNN(LSTMCell(4), returnState: true).allOutputs(Tensor.ones([2, 5, 3]))
        #expect(outputs.map(\.shape) == [[2, 4], [2, 4], [2, 4]])
    }

    @Test func layerExamples() throws {
        #expect(try SimpleRNN(4)(Tensor.ones([32, 10, 8])).shape == [32, 4])
        let all = try SimpleRNN(4, returnSequences: true, returnState: true).allOutputs(Tensor.ones([32, 10, 8]))
        #expect(all.map(\.shape) == [[32, 10, 4], [32, 4]])

        let lstm = try LSTM(16, returnSequences: true)
        #expect(try lstm(Tensor.ones([4, 10, 8])).shape == [4, 10, 16])
        let (x, h0, c0) = (Tensor.ones([4, 10, 8]), Tensor.zeros([4, 16]), Tensor.zeros([4, 16]))
        let outputs = try LSTM(16, returnState: true).allOutputs(x, initialState: [h0, c0])
        #expect(outputs.map(\.shape) == [[4, 16], [4, 16], [4, 16]])

        #expect(try GRU(16)(Tensor.ones([4, 10, 8])).shape == [4, 16])
        let v1 = try GRU(16, resetAfter: false)
        _ = try v1(Tensor.ones([4, 10, 8]))
        #expect(v1.weights[2].shape == [48])
    }

    @Test func wrapperExamples() throws {
        let bi = try Bidirectional(LSTM(8, returnSequences: true))
        #expect(try bi(Tensor.ones([4, 10, 5])).shape == [4, 10, 16])
        let summed = try Bidirectional(GRU(8), mergeMode: .sum)
        #expect(try summed(Tensor.ones([4, 10, 5])).shape == [4, 8])
        let both = try Bidirectional(LSTM(8), mergeMode: nil).allOutputs(Tensor.ones([4, 10, 5]))
        #expect(both.map(\.shape) == [[4, 8], [4, 8]])
        let td = try TimeDistributed(Dense(3))
        #expect(try td(Tensor.ones([4, 10, 8])).shape == [4, 10, 3])
    }

    @Test func vocabularyArticleExample() throws {
        let model = try Sequential {
            Input(shape: [nil, 8])
            Masking(maskValue: 0)
            try Bidirectional(LSTM(32, returnSequences: true))
            try TimeDistributed(Dense(4, activation: .softmax))
        }
        #expect(try model(Tensor.ones([2, 6, 8])).shape == [2, 6, 4])
    }

    @Test func convLSTMExamples() throws {
        let cell = try ConvLSTMCell(rank: 2, filters: 4, kernelSize: 3, padding: .same)
        let (h, _) = try cell(Tensor.ones([2, 8, 8, 3]), states: [Tensor.zeros([2, 8, 8, 4]), Tensor.zeros([2, 8, 8, 4])])
        #expect(h.shape == [2, 8, 8, 4])
        #expect(try ConvLSTM2D(8, kernelSize: 3, padding: .same, returnSequences: true)(Tensor.ones([2, 5, 16, 16, 3])).shape == [2, 5, 16, 16, 8])
        #expect(try ConvLSTM1D(4, kernelSize: 3)(Tensor.ones([2, 6, 10, 3])).shape == [2, 8, 4])
        #expect(try ConvLSTM2D(8, kernelSize: 3, padding: .same)(Tensor.ones([2, 5, 16, 16, 3])).shape == [2, 16, 16, 8])
        #expect(try ConvLSTM3D(2, kernelSize: [1, 3, 3], padding: .same)(Tensor.ones([1, 3, 2, 6, 6, 1])).shape == [1, 2, 6, 6, 2])
    }
}
