// The built-in layer classes a config may name. Adding a layer adds one line here.

extension LayerRegistry {
    /// Every built-in layer class, registered under its ``Layer/kerasClassName``.
    static let builtinTypes: [any KerasSerializable.Type] = [
        // Core
        InputLayer.self, Dense.self,
    ]

    /// Other names Keras accepts for a class (`"Model"` for a Functional model).
    static let aliases: [String: String] = ["Model": "Functional"]
}
