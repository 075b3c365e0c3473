// Reading MultiHeadAttention back from its Keras config (the writing side, which overrides
// Layer's, is in the class).

extension MultiHeadAttention: KerasSerializable {
    /// MultiHeadAttention's config keys (Keras 3.15).
    public static let kerasConfigKeys = [
        "num_heads", "key_dim", "value_dim", "dropout", "use_bias", "output_shape", "attention_axes",
        "sliding_window", "flash_attention", "use_gate", "seed"] + ProjectionSettings.kerasConfigKeys

    /// Rebuilds a MultiHeadAttention layer from its Keras config. `flash_attention` (a choice of
    /// kernel with the same result) is accepted and ignored.
    ///
    /// - Throws: ``KerasError`` `.unsupported` for `activity_regularizer`, `.invalidConfig` for a
    ///   missing `num_heads` or `key_dim` or a malformed value, and the layer's errors for
    ///   invalid values.
    public convenience init(config: LayerConfig) throws {
        let settings = try ProjectionSettings(config: config)
        try self.init(numHeads: config.int("num_heads"), keyDim: config.int("key_dim"),
                      valueDim: config.optionalInt("value_dim"), dropout: config.double("dropout", default: 0),
                      useBias: config.bool("use_bias", default: true), outputShape: config.optionalInts("output_shape"),
                      attentionAxes: config.optionalInts("attention_axes"),
                      slidingWindow: config.optionalInt("sliding_window"),
                      kernelInitializer: settings.kernelInitializer, biasInitializer: settings.biasInitializer,
                      kernelRegularizer: settings.kernelRegularizer, biasRegularizer: settings.biasRegularizer,
                      kernelConstraint: settings.kernelConstraint, biasConstraint: settings.biasConstraint,
                      useGate: config.bool("use_gate", default: false), seed: config.seed(),
                      name: config.name, dtype: config.dtype, trainable: config.trainable)
    }
}
