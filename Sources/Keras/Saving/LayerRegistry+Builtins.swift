// The built-in layer classes a config may name. Adding a layer adds one line here.

extension LayerRegistry {
    /// Every built-in layer class, registered under its ``Layer/kerasClassName``.
    static let builtinTypes: [any KerasSerializable.Type] = [
        // Core
        InputLayer.self, Dense.self,
        // Group B
        Conv1D.self, Conv2D.self, Conv3D.self, Conv1DTranspose.self, Conv2DTranspose.self, Conv3DTranspose.self,
        DepthwiseConv1D.self, DepthwiseConv2D.self, SeparableConv1D.self, SeparableConv2D.self,
        BatchNormalization.self, LayerNormalization.self, GroupNormalization.self, RMSNormalization.self,
        UnitNormalization.self,
        MultiHeadAttention.self, GroupQueryAttention.self, Attention.self, AdditiveAttention.self,
    ]

    /// Other names Keras accepts for a class (`"Model"` for a Functional model).
    static let aliases: [String: String] = [:]
}
