// The built-in layer classes a config may name. Adding a layer adds one line here.

extension LayerRegistry {
    /// Every built-in layer class, registered under its ``Layer/kerasClassName``.
    static let builtinTypes: [any KerasSerializable.Type] = [
        // Core
        InputLayer.self, Dense.self,
        // Group A
        Embedding.self, EinsumDense.self, Identity.self, Masking.self, ActivityRegularization.self,
        ActivationLayer.self, ELU.self, LeakyReLU.self, PReLU.self, ReLU.self, Softmax.self,
        Concatenate.self, Dot.self, Add.self, Subtract.self, Multiply.self, Average.self, Maximum.self, Minimum.self,
        Dropout.self, SpatialDropout1D.self, SpatialDropout2D.self, SpatialDropout3D.self, GaussianDropout.self,
        GaussianNoise.self, AlphaDropout.self,
        Flatten.self, Permute.self, RepeatVector.self, Reshape.self, Cropping1D.self, Cropping2D.self, Cropping3D.self,
        ZeroPadding1D.self, ZeroPadding2D.self, ZeroPadding3D.self, UpSampling1D.self, UpSampling2D.self, UpSampling3D.self,
        MaxPooling1D.self, MaxPooling2D.self, MaxPooling3D.self, AveragePooling1D.self, AveragePooling2D.self,
        AveragePooling3D.self, GlobalMaxPooling1D.self, GlobalMaxPooling2D.self, GlobalMaxPooling3D.self,
        GlobalAveragePooling1D.self, GlobalAveragePooling2D.self, GlobalAveragePooling3D.self,
        // Group B
        Conv1D.self, Conv2D.self, Conv3D.self, Conv1DTranspose.self, Conv2DTranspose.self, Conv3DTranspose.self,
        DepthwiseConv1D.self, DepthwiseConv2D.self, SeparableConv1D.self, SeparableConv2D.self,
        BatchNormalization.self, LayerNormalization.self, GroupNormalization.self, RMSNormalization.self,
        UnitNormalization.self,
        MultiHeadAttention.self, GroupQueryAttention.self, Attention.self, AdditiveAttention.self,
        // Group C
        SimpleRNNCell.self, LSTMCell.self, GRUCell.self, ConvLSTMCell.self, StackedRNNCells.self, RNN.self,
        SimpleRNN.self, LSTM.self, GRU.self, ConvLSTM1D.self, ConvLSTM2D.self, ConvLSTM3D.self, Bidirectional.self,
        TimeDistributed.self, Normalization.self, Discretization.self, Rescaling.self, CategoryEncoding.self,
        Hashing.self, IntegerLookup.self, StringLookup.self, TextVectorization.self, Resizing.self, CenterCrop.self, RandomCrop.self, RandomFlip.self,
        RandomRotation.self, RandomZoom.self, RandomTranslation.self, RandomContrast.self, RandomBrightness.self,
    ]

    /// Other names Keras accepts for a class (`"Model"` for a Functional model).
    static let aliases: [String: String] = ["Model": "Functional"]
}
