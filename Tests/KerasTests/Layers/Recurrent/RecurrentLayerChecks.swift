import Testing
@testable import Keras

/// A cell written outside the library: Keras's `MinimalRNNCell` example.
final class MinimalRNNCell: Layer, RNNCell {
    let units: Int
    var kernel: Variable!
    var recurrentKernel: Variable!

    init(units: Int, dtype: DType = .float32) {
        self.units = units
        super.init(dtype: dtype)
    }

    var stateSize: [Int] { [units] }

    override func build(inputShape: TensorShape) throws {
        kernel = try addWeight(name: "kernel", shape: [inputShape.last!!, units], initializer: .randomUniform(min: -0.5, max: 0.5, seed: 3))
        recurrentKernel = try addWeight(name: "recurrent_kernel", shape: [units, units], initializer: .randomUniform(min: -0.5, max: 0.5, seed: 4))
    }

    func call(_ input: Tensor, states: [Tensor], training: Bool) throws -> (output: Tensor, states: [Tensor]) {
        let output = matmul(input, kernel.value) + matmul(states[0], recurrentKernel.value)
        return (output, [output])
    }
}

/// Keras's `run_layer_test` for every recurrent layer: shapes symbolic and concrete, weights,
/// inference vs training, and float64 gradients against finite differences through every weight.
@Suite struct RecurrentLayerChecks {
    @Test func simpleRNN() throws {
        try checkLayer({ try SimpleRNN(3, dtype: $0) }, inputShape: [2, 4, 3], outputShape: [2, 3],
                       weightShapes: [[3, 3], [3, 3], [3]])
        try checkLayer({ try SimpleRNN(2, activation: .relu, useBias: false, returnSequences: true, goBackwards: true, dtype: $0) },
                       inputShape: [2, 3, 4], outputShape: [2, 3, 2], weightShapes: [[4, 2], [2, 2]])
        try checkLayer({ try SimpleRNN(3, dropout: 0.5, recurrentDropout: 0.3, seed: 1, dtype: $0) }, inputShape: [2, 4, 3],
                       outputShape: [2, 3], weightShapes: [[3, 3], [3, 3], [3]], trainingChangesOutput: true)
    }

    @Test func lstm() throws {
        try checkLayer({ try LSTM(2, dtype: $0) }, inputShape: [2, 3, 3], outputShape: [2, 2], weightShapes: [[3, 8], [2, 8], [8]])
        try checkLayer({ try LSTM(3, useBias: false, returnSequences: true, goBackwards: true, dtype: $0) },
                       inputShape: [2, 3, 2], outputShape: [2, 3, 3], weightShapes: [[2, 12], [3, 12]])
        try checkLayer({ try LSTM(2, unitForgetBias: false, dropout: 0.4, recurrentDropout: 0.4, seed: 9, dtype: $0) },
                       inputShape: [2, 3, 3], outputShape: [2, 2], weightShapes: [[3, 8], [2, 8], [8]], trainingChangesOutput: true)
        try checkLayer({ try LSTM(2, dropout: 0.5, seed: 2, returnSequences: true, dtype: $0) },
                       inputShape: [2, 3, 3], outputShape: [2, 3, 2], weightShapes: [[3, 8], [2, 8], [8]], trainingChangesOutput: true)
    }

    @Test func gru() throws {
        try checkLayer({ try GRU(2, dtype: $0) }, inputShape: [2, 3, 3], outputShape: [2, 2], weightShapes: [[3, 6], [2, 6], [2, 6]])
        try checkLayer({ try GRU(3, resetAfter: false, returnSequences: true, dtype: $0) },
                       inputShape: [2, 3, 2], outputShape: [2, 3, 3], weightShapes: [[2, 9], [3, 9], [9]])
        try checkLayer({ try GRU(2, useBias: false, goBackwards: true, dtype: $0) }, inputShape: [2, 3, 3], outputShape: [2, 2],
                       weightShapes: [[3, 6], [2, 6]])
        try checkLayer({ try GRU(2, dropout: 0.3, recurrentDropout: 0.3, resetAfter: false, seed: 4, dtype: $0) },
                       inputShape: [2, 3, 3], outputShape: [2, 2], weightShapes: [[3, 6], [2, 6], [6]], trainingChangesOutput: true)
        try checkLayer({ try GRU(2, recurrentDropout: 0.3, seed: 5, dtype: $0) },
                       inputShape: [2, 3, 3], outputShape: [2, 2], weightShapes: [[3, 6], [2, 6], [2, 6]], trainingChangesOutput: true)
    }

    @Test func genericRNNOverCells() throws {
        try checkLayer({ try RNN(SimpleRNNCell(2, dtype: $0), returnSequences: true) }, inputShape: [2, 3, 2],
                       outputShape: [2, 3, 2], weightShapes: [[2, 2], [2, 2], [2]])
        try checkLayer({ try RNN([LSTMCell(2, dtype: $0), GRUCell(3, resetAfter: false, dtype: $0)]) }, inputShape: [2, 3, 2],
                       outputShape: [2, 3], weightShapes: [[2, 8], [2, 8], [8], [2, 9], [3, 9], [9]])
        try checkLayer({ try RNN(MinimalRNNCell(units: 3, dtype: $0), goBackwards: true) }, inputShape: [2, 4, 2],
                       outputShape: [2, 3], weightShapes: [[2, 3], [3, 3]])
        try checkLayer({ try RNN(MinimalRNNCell(units: 2, dtype: $0), unroll: true, zeroOutputForMask: true) },
                       inputShape: [2, 3, 2], outputShape: [2, 2], weightShapes: [[2, 2], [2, 2]])
    }

    @Test func bidirectional() throws {
        try checkLayer({ try Bidirectional(LSTM(2, returnSequences: true, dtype: $0)) }, inputShape: [2, 3, 2],
                       outputShape: [2, 3, 4], weightShapes: [[2, 8], [2, 8], [8], [2, 8], [2, 8], [8]])
        for mode in [Bidirectional.MergeMode.sum, .mul, .ave] {
            try checkLayer({ try Bidirectional(GRU(2, dtype: $0), mergeMode: mode) }, inputShape: [2, 3, 2],
                           outputShape: [2, 2], weightShapes: [[2, 6], [2, 6], [2, 6], [2, 6], [2, 6], [2, 6]])
        }
        try checkLayer({ try Bidirectional(SimpleRNN(2, returnSequences: true, dtype: $0),
                                           backwardLayer: GRU(3, returnSequences: true, goBackwards: true, dtype: $0)) },
                       inputShape: [2, 3, 2], outputShape: [2, 3, 5], weightShapes: [[2, 2], [2, 2], [2], [2, 9], [3, 9], [2, 9]])
    }

    @Test func timeDistributed() throws {
        try checkLayer({ try TimeDistributed(Dense(2, activation: .tanh, dtype: $0)) }, inputShape: [2, 3, 4],
                       outputShape: [2, 3, 2], weightShapes: [[4, 2], [2]])
        try checkLayer({ try TimeDistributed(Dense(3, dtype: $0)) }, inputShape: [2, 3, 2, 4], outputShape: [2, 3, 2, 3],
                       weightShapes: [[4, 3], [3]])
        try checkLayer({ try TimeDistributed(Dropout(0.5, seed: 3, dtype: $0)) }, inputShape: [2, 3, 4], outputShape: [2, 3, 4],
                       trainingChangesOutput: true)
        try checkLayer({ try TimeDistributed(LSTM(2, dtype: $0)) }, inputShape: [2, 3, 2, 2], outputShape: [2, 3, 2],
                       weightShapes: [[2, 8], [2, 8], [8]])
    }

    @Test func convLSTM() throws {
        try checkLayer({ try ConvLSTM1D(2, kernelSize: 2, dtype: $0) }, inputShape: [2, 3, 4, 2], outputShape: [2, 3, 2],
                       weightShapes: [[2, 2, 8], [2, 2, 8], [8]])
        try checkLayer({ try ConvLSTM2D(2, kernelSize: 2, padding: .same, returnSequences: true, goBackwards: true, dtype: $0) },
                       inputShape: [1, 2, 3, 3, 1], outputShape: [1, 2, 3, 3, 2], weightShapes: [[2, 2, 1, 8], [2, 2, 2, 8], [8]])
        try checkLayer({ try ConvLSTM2D(1, kernelSize: 2, dataFormat: .channelsFirst, useBias: false, dtype: $0) },
                       inputShape: [1, 2, 2, 3, 3], outputShape: [1, 1, 2, 2], weightShapes: [[2, 2, 2, 4], [2, 2, 1, 4]])
        try checkLayer({ try ConvLSTM1D(2, kernelSize: 2, dropout: 0.5, recurrentDropout: 0.5, seed: 3, dtype: $0) },
                       inputShape: [2, 3, 4, 2], outputShape: [2, 3, 2], weightShapes: [[2, 2, 8], [2, 2, 8], [8]],
                       trainingChangesOutput: true)
        try checkLayer({ try ConvLSTM3D(1, kernelSize: 1, dtype: $0) }, inputShape: [1, 2, 2, 2, 2, 1], outputShape: [1, 2, 2, 2, 1],
                       weightShapes: [[1, 1, 1, 1, 4], [1, 1, 1, 1, 4], [4]])
    }
}
