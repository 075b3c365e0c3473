import Testing
@testable import Keras

/// Misuse of the recurrent layers throws a ``KerasError`` naming the layer and the shapes.
@Suite struct RecurrentErrorTests {
    @Test func rnnFedATwoDimensionalTensor() throws {
        let lstm = try LSTM(3, name: "encoder")
        expectKerasError(.incompatibleShape, containing: ["\"encoder\"", "LSTM", "expected ndim=3", "found ndim=2", "(2, 5)"]) {
            _ = try lstm(Tensor.ones([2, 5]))
        }
        expectKerasError(.incompatibleShape, containing: ["\"encoder\"", "expected ndim=3", "(None, 5)"]) {
            _ = try lstm(Input(shape: [5]))
        }
        let bi = try Bidirectional(LSTM(2), name: "both_ways")
        expectKerasError(.incompatibleShape, containing: ["\"both_ways\"", "Bidirectional", "expected ndim=3", "(3, 4)"]) {
            _ = try bi(Tensor.ones([3, 4]))
        }
        expectKerasError(.incompatibleShape, containing: ["\"both_ways\"", "expected ndim=3", "(None, 4)"]) {
            _ = try bi(Input(shape: [4]))
        }
        let rnn = try RNN(GRUCell(2), name: "generic")
        expectKerasError(.incompatibleShape, containing: ["\"generic\"", "ndim>=3", "(4, 6)"]) {
            _ = try rnn(Tensor.ones([4, 6]))
        }
    }

    @Test func featuresDifferentFromTheBuiltOnes() throws {
        let gru = try GRU(2, name: "gru_feat")
        _ = try gru(Tensor.ones([1, 3, 4]))
        expectKerasError(.incompatibleShape, containing: ["\"gru_feat\"", "(None, 4)", "(1, 3, 5)"]) {
            _ = try gru(Tensor.ones([1, 3, 5]))
        }
    }

    @Test func wrongInitialStates() throws {
        let lstm = try LSTM(3, name: "lstm_init")
        let x = Tensor.ones([2, 4, 5])
        expectKerasError(.incompatibleShape, containing: ["\"lstm_init\"", "2 initial state(s)", "(2, 3), (2, 3)", "received 1", "(2, 3)"]) {
            _ = try lstm.allOutputs(x, initialState: [Tensor.zeros([2, 3])])
        }
        expectKerasError(.incompatibleShape, containing: ["\"lstm_init\"", "(2, 4), (2, 3)"]) {
            _ = try lstm.allOutputs(x, initialState: [Tensor.zeros([2, 4]), Tensor.zeros([2, 3])])
        }
        let h0 = Input(shape: [7]), c0 = Input(shape: [3])
        expectKerasError(.incompatibleShape, containing: ["\"lstm_init\"", "(None, 7), (None, 3)"]) {
            _ = try lstm.allOutputs([Input(shape: [4, 5]), h0, c0])
        }
        let bi = try Bidirectional(GRU(2), name: "bi_init")
        expectKerasError(.incompatibleShape, containing: ["\"bi_init\"", "3 initial state tensors"]) {
            _ = try bi.allOutputs(x, initialState: [Tensor.zeros([2, 2]), Tensor.zeros([2, 2]), Tensor.zeros([2, 2])])
        }
    }

    @Test func invalidArgumentsAtInit() {
        expectKerasError(.invalidArgument, containing: ["SimpleRNNCell", "units=0"]) { _ = try SimpleRNN(0) }
        expectKerasError(.invalidArgument, containing: ["LSTMCell", "units=-2"]) { _ = try LSTM(-2) }
        expectKerasError(.invalidArgument, containing: ["GRUCell", "units=0"]) { _ = try GRUCell(0) }
        expectKerasError(.invalidArgument, containing: ["dropout", "nan"]) { _ = try LSTM(2, dropout: .nan) }
        expectKerasError(.invalidArgument, containing: ["StackedRNNCells", "empty"]) { _ = try StackedRNNCells([]) }
        expectKerasError(.invalidArgument, containing: ["goBackwards", "forward_layer.goBackwards=true"]) {
            _ = try Bidirectional(LSTM(2, goBackwards: true))
        }
        expectKerasError(.invalidArgument, containing: ["returnSequences", "\"reverse\""]) {
            _ = try Bidirectional(LSTM(2, returnSequences: true), backwardLayer: LSTM(2, goBackwards: true, name: "reverse"))
        }
        expectKerasError(.invalidArgument, containing: ["goBackwards"]) {
            _ = try Bidirectional(LSTM(2), backwardLayer: LSTM(2))
        }
    }

    @Test func clampsDropoutAsKeras() throws {
        #expect(try LSTM(2, dropout: 1.5, recurrentDropout: -0.5).dropout == 1)
        #expect(try LSTM(2, dropout: 1.5, recurrentDropout: -0.5).recurrentDropout == 0)
    }

    @Test func statefulNeedsAFixedBatch() throws {
        let stateful = try SimpleRNN(2, stateful: true, name: "carry")
        expectKerasError(.invalidArgument, containing: ["\"carry\"", "stateful", "(None, 3, 4)", "batchSize"]) {
            _ = try stateful(Input(shape: [3, 4]))
        }
        let built = try SimpleRNN(2, stateful: true, name: "carry_2")
        _ = try built(Tensor.ones([2, 3, 4]))
        expectKerasError(.incompatibleShape, containing: ["\"carry_2\"", "Expected batch size: 2", "Received batch size: 5"]) {
            _ = try built(Tensor.ones([5, 3, 4]))
        }
        let bi = try Bidirectional(LSTM(2), name: "bi_not_stateful")
        expectKerasError(.invalidArgument, containing: ["\"bi_not_stateful\"", "stateful"]) { try bi.resetStates() }
        let unbuilt = try LSTM(2, stateful: true, name: "unbuilt")
        expectKerasError(.invalidArgument, containing: ["\"unbuilt\"", "stateful and built"]) {
            try unbuilt.resetStates(to: [Tensor.zeros([1, 2]), Tensor.zeros([1, 2])])
        }
    }

    @Test func badMasks() throws {
        let lstm = try LSTM(2, name: "masked_lstm")
        expectKerasError(.incompatibleShape, containing: ["\"masked_lstm\"", "mask of shape (2, 3)", "(2, 4, 3)", "(2, 4)"]) {
            _ = try lstm.allOutputs(Tensor.ones([2, 4, 3]), mask: Tensor([Bool](repeating: true, count: 6), shape: [2, 3]))
        }
        let td = try TimeDistributed(Dense(2), name: "td_mask")
        expectKerasError(.incompatibleShape, containing: ["\"td_mask\"", "(3, 4)", "(2, 4, 3)"]) {
            _ = try td(Tensor.ones([2, 4, 3]), mask: Tensor([Bool](repeating: true, count: 12), shape: [3, 4]))
        }
    }

    @Test func timeDistributedNeedsATimeAxis() throws {
        let td = try TimeDistributed(Dense(2), name: "td_rank")
        expectKerasError(.incompatibleShape, containing: ["\"td_rank\"", "at least 3 dimensions", "(4, 3)"]) {
            _ = try td(Tensor.ones([4, 3]))
        }
        _ = try td(Tensor.ones([4, 2, 3]))
        expectKerasError(.incompatibleShape, containing: ["expected axis -1", "value 3", "(4, 5)"]) {
            _ = try td(Tensor.ones([4, 2, 5]))
        }
    }

    @Test func unrollNeedsKnownTimesteps() throws {
        let rnn = try SimpleRNN(2, unroll: true, name: "unrolled")
        expectKerasError(.invalidArgument, containing: ["\"unrolled\"", "unroll", "(None, None, 3)"]) {
            _ = try rnn(Input(shape: [nil, 3]))
        }
    }

    @Test func emptySequences() throws {
        let gru = try GRU(2, name: "empty_seq")
        expectKerasError(.incompatibleShape, containing: ["\"empty_seq\"", "at least one time step", "(2, 0, 3)"]) {
            _ = try gru(Tensor.zeros([2, 0, 3]))
        }
    }

    @Test func cellsThatCannotCopyThemselves() throws {
        expectKerasError(.unsupported, containing: ["MinimalRNNCell", "backwardLayer"]) {
            _ = try Bidirectional(RNN(MinimalRNNCell(units: 2)))
        }
        // With a backward layer given, a cell of your own works in both directions.
        let bi = try Bidirectional(RNN(SimpleRNNCell(2)), backwardLayer: RNN(MinimalRNNCell(units: 2), goBackwards: true))
        #expect(try bi(Tensor.ones([1, 3, 2])).shape == [1, 4])
    }

    @Test func cellCalledWithWrongStates() throws {
        let cell = try LSTMCell(3, name: "step_cell")
        expectKerasError(.incompatibleShape, containing: ["\"step_cell\"", "2 state(s)", "(2, 3), (2, 3)", "received 1"]) {
            _ = try cell(Tensor.ones([2, 4]), states: [Tensor.zeros([2, 3])])
        }
        expectKerasError(.incompatibleShape, containing: ["\"step_cell\"", "[batch, features]", "(4,)"]) {
            _ = try cell(Tensor.ones([4]), states: [])
        }
        expectKerasError(.incompatibleShape, containing: ["\"step_cell\"", "(None, 4)", "(2, 6)"]) {
            _ = try cell(Tensor.ones([2, 6]), states: cell.initialStates(batchSize: 2))
        }
    }

    @Test func mergingDirectionsOfDifferentSizes() throws {
        let bi = try Bidirectional(LSTM(3), mergeMode: .sum, backwardLayer: GRU(2, goBackwards: true), name: "bi_sizes")
        expectKerasError(.incompatibleShape, containing: ["\"bi_sizes\"", "sum", "(None, 3)", "(None, 2)"]) {
            _ = try bi(Input(shape: [4, 5]))
        }
    }

    @Test func convLSTMMisuse() throws {
        expectKerasError(.invalidArgument, containing: ["ConvLSTMCell", "filters=0"]) { _ = try ConvLSTM2D(0, kernelSize: 3) }
        expectKerasError(.invalidArgument, containing: ["kernel_size", "(3, 3, 3)"]) { _ = try ConvLSTM2D(2, kernelSize: [3, 3, 3]) }
        expectKerasError(.invalidArgument, containing: ["padding", "causal"]) { _ = try ConvLSTM1D(2, kernelSize: 3, padding: .causal) }
        expectKerasError(.invalidArgument, containing: ["strides > 1", "dilation_rate > 1"]) {
            _ = try ConvLSTM2D(2, kernelSize: 3, strides: 2, dilationRate: 2)
        }
        expectKerasError(.invalidArgument, containing: ["abstract base"]) { _ = try ConvLSTM(2, kernelSize: 3) }
        let layer = try ConvLSTM2D(2, kernelSize: 3, name: "clstm")
        expectKerasError(.incompatibleShape, containing: ["\"clstm\"", "expected ndim=5", "found ndim=4", "(2, 3, 8, 8)"]) {
            _ = try layer(Tensor.ones([2, 3, 8, 8]))
        }
        expectKerasError(.incompatibleShape, containing: ["static input shapes", "(None, None, None, 3)"]) {
            _ = try ConvLSTM2D(2, kernelSize: 3, name: "clstm_dyn")(Input(shape: [4, nil, nil, 3]))
        }
        expectKerasError(.incompatibleShape, containing: ["does not fit", "(2, 2, 2, 1)"]) {
            _ = try ConvLSTM2D(2, kernelSize: 3)(Tensor.ones([2, 4, 2, 2, 1]))
        }
        _ = try layer(Tensor.ones([1, 2, 5, 5, 1]))
        expectKerasError(.incompatibleShape, containing: ["\"clstm\"", "(None, 5, 5, 1)", "(1, 2, 6, 6, 1)"]) {
            _ = try layer(Tensor.ones([1, 2, 6, 6, 1]))
        }
        expectKerasError(.incompatibleShape, containing: ["\"clstm\"", "(1, 3, 3, 2), (1, 3, 3, 2)", "(1, 5, 5, 2)"]) {
            _ = try layer.allOutputs(Tensor.ones([1, 2, 5, 5, 1]), initialState: [Tensor.zeros([1, 5, 5, 2]), Tensor.zeros([1, 5, 5, 2])])
        }
    }
}
