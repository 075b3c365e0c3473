// What every recurrent cell (SimpleRNN, LSTM, GRU, ConvLSTM) configures the same way: its three
// weights' initializers, regularizers and constraints, the bias switch, and the dropouts.

/// The weight and dropout options the recurrent cells share, written to their Keras configs
/// in one place.
protocol RecurrentWeightOptions {
    var useBias: Bool { get }
    var kernelInitializer: Initializer { get }
    var recurrentInitializer: Initializer { get }
    var biasInitializer: Initializer { get }
    var kernelRegularizer: Regularizer? { get }
    var recurrentRegularizer: Regularizer? { get }
    var biasRegularizer: Regularizer? { get }
    var kernelConstraint: Constraint? { get }
    var recurrentConstraint: Constraint? { get }
    var biasConstraint: Constraint? { get }
    var dropout: Double { get }
    var recurrentDropout: Double { get }
    var seed: UInt64? { get }
}

extension RecurrentWeightOptions {
    /// The shared keys of a recurrent cell's config, with Keras's names.
    var weightOptionsKerasConfig: [(String, JSONValue)] {
        [("use_bias", .bool(useBias)), ("kernel_initializer", kernelInitializer.kerasConfig),
         ("recurrent_initializer", recurrentInitializer.kerasConfig), ("bias_initializer", biasInitializer.kerasConfig),
         ("kernel_regularizer", kernelRegularizer?.kerasConfig ?? .null),
         ("recurrent_regularizer", recurrentRegularizer?.kerasConfig ?? .null),
         ("bias_regularizer", biasRegularizer?.kerasConfig ?? .null),
         ("kernel_constraint", kernelConstraint?.kerasConfig ?? .null),
         ("recurrent_constraint", recurrentConstraint?.kerasConfig ?? .null),
         ("bias_constraint", biasConstraint?.kerasConfig ?? .null),
         ("dropout", .double(dropout)), ("recurrent_dropout", .double(recurrentDropout)), ("seed", .seedNumber(seed))]
    }
}

extension SimpleRNNCell: RecurrentWeightOptions {}
extension LSTMCell: RecurrentWeightOptions {}
extension GRUCell: RecurrentWeightOptions {}
extension ConvLSTMCell: RecurrentWeightOptions {}
