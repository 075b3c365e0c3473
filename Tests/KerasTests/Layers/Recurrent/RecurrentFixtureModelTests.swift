import Testing
@testable import Keras

/// The recurrent models of `../shared/fixtures/keras3` (lstm, gru, simple_rnn, bidir_td), rebuilt
/// in Swift with the weights `scripts/export_fixture_weights.py` exported from their `.keras`
/// files, reproduce the fixture outputs within 1e-5.
@Suite struct RecurrentFixtureModelTests {
    /// Input [7, 5] -> `recurrent` -> Dense(2) "out", with the fixture's weights.
    private func check(_ model: String, _ recurrent: RNN, cellPath: String) throws {
        let out = try Dense(2, name: "out")
        let x = Input(shape: [7, 5])
        let built = try Model(inputs: x, outputs: try out(recurrent(x)), name: model)
        try recurrent.setWeights(["kernel", "recurrent_kernel", "bias"].map { try Fixtures.array(model, "\(cellPath)__\($0)") })
        try Fixtures.loadDense(out, model: model)
        expectClose(try built(Fixtures.array(model, "in0")), try Fixtures.array(model, "out0"), tolerance: 1e-5)
        #expect(built.weights.map(\.name) == ["kernel", "recurrent_kernel", "bias", "kernel", "bias"])
    }

    @Test func lstm() throws {
        try check("lstm", LSTM(6, name: "lstm"), cellPath: "lstm__lstm_cell")
    }

    @Test func gru() throws {
        try check("gru", GRU(6, name: "gru"), cellPath: "gru__gru_cell")
    }

    @Test func simpleRNN() throws {
        try check("simple_rnn", SimpleRNN(6, name: "rnn"), cellPath: "rnn__simple_rnn_cell")
    }

    @Test func bidirectionalLSTMThenTimeDistributedDense() throws {
        let bilstm = try Bidirectional(LSTM(4, returnSequences: true, name: "lstm"), name: "bilstm")
        let dense = try Dense(3, name: "dense")
        let model = try Sequential(name: "bidir_td") {
            Input(shape: [7, 5], name: "seq")
            bilstm
            TimeDistributed(dense, name: "td_dense")
        }
        #expect(bilstm.forwardLayer.name == "forward_lstm" && bilstm.backwardLayer.name == "backward_lstm")
        let weights = try ["forward_lstm", "backward_lstm"].flatMap { direction in
            try ["kernel", "recurrent_kernel", "bias"].map { try Fixtures.array("bidir_td", "\(direction)__lstm_cell__\($0)") }
        }
        try bilstm.setWeights(weights)
        try Fixtures.loadDense(dense, model: "bidir_td")
        let y = try model(Fixtures.array("bidir_td", "in0"))
        #expect(y.shape == [try Fixtures.array("bidir_td", "in0").shape[0], 7, 3])
        expectClose(y, try Fixtures.array("bidir_td", "out0"), tolerance: 1e-5)
        #expect(model.weights.count == 8)
    }
}
