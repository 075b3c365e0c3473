// The built-in layer classes a config may name. Adding a layer adds one line here.

extension LayerRegistry {
    /// Every built-in layer class, registered under its ``Layer/kerasClassName``.
    static let builtinTypes: [any KerasSerializable.Type] = [
        // Core
        InputLayer.self, Dense.self,
        // Group C
        SimpleRNNCell.self, LSTMCell.self, GRUCell.self, ConvLSTMCell.self, StackedRNNCells.self, RNN.self,
        SimpleRNN.self, LSTM.self, GRU.self, ConvLSTM1D.self, ConvLSTM2D.self, ConvLSTM3D.self, Bidirectional.self,
        TimeDistributed.self, Normalization.self, Discretization.self, Rescaling.self, CategoryEncoding.self,
        Hashing.self, IntegerLookup.self, Resizing.self, CenterCrop.self, RandomCrop.self, RandomFlip.self,
        RandomRotation.self, RandomZoom.self, RandomTranslation.self, RandomContrast.self, RandomBrightness.self,
    ]

    /// Other names Keras accepts for a class (`"Model"` for a Functional model).
    static let aliases: [String: String] = [:]
}
