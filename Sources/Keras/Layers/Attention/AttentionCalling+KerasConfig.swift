// The Keras config pieces MultiHeadAttention and GroupQueryAttention share: their build config
// names each input shape (`{"shapes_dict": {"query_shape": ..., "value_shape": ...,
// "key_shape": ...}}`, Keras's record of `build(query_shape, value_shape, key_shape=None)`), and
// the kernel and bias settings of their projections.

extension AttentionCalling {
    /// Keras's build config of a layer built from named shapes: `query_shape`, `value_shape`, and
    /// `key_shape` when the build call had a key (`call`); `nil` when the layer is not built.
    func shapesDictBuildConfig(call: AttentionCall?) -> JSONObject? {
        guard isBuilt, let shapes = buildShapes, shapes.count >= 2 else { return nil }
        var dict: JSONObject = ["query_shape": ShapeConfig.value(shapes[0]),
                                "value_shape": ShapeConfig.value(shapes[1])]
        if call?.hasKey ?? (shapes.count >= 3), shapes.count >= 3 { dict["key_shape"] = ShapeConfig.value(shapes[2]) }
        return ["shapes_dict": .object(dict)]
    }

    /// Builds the layer from a `shapes_dict` build config; returns `false` when `config` has none.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for a `shapes_dict` without `query_shape` and
    ///   `value_shape`, and the layer's build errors.
    func build(fromShapesDict config: JSONObject) throws -> Bool {
        guard let value = config["shapes_dict"], !value.isNull else { return false }
        let owner = "Layer \"\(name)\" (\(className)) build_config"
        guard let dict = value.objectValue, let query = dict["query_shape"], let value = dict["value_shape"] else {
            throw KerasError(.invalidConfig, "\(owner) needs a \"shapes_dict\" with \"query_shape\" and \"value_shape\", but received \(value.serialized()).")
        }
        if let unknown = dict.keys.first(where: { !["query_shape", "value_shape", "key_shape"].contains($0) }) {
            throw KerasError(.invalidConfig, "\(owner) has the unknown shape \"\(unknown)\" in its \"shapes_dict\"; expected query_shape, value_shape and key_shape.")
        }
        var shapes = [try ShapeConfig.shape(from: query, owner: owner), try ShapeConfig.shape(from: value, owner: owner)]
        if let key = dict["key_shape"], !key.isNull { shapes.append(try ShapeConfig.shape(from: key, owner: owner)) }
        guard !isBuilt else { return true }
        let saved = pendingCall
        pendingCall = AttentionCall(hasKey: shapes.count == 3)
        defer { pendingCall = saved }
        try buildIfNeeded(shapes)
        return true
    }
}

/// The projection settings of MultiHeadAttention and GroupQueryAttention as their configs write
/// and read them (`kernel_initializer` ... `bias_constraint`).
extension ProjectionSettings {
    /// The config keys of the projection settings.
    static let kerasConfigKeys = ["kernel_initializer", "bias_initializer", "kernel_regularizer", "bias_regularizer",
                                  "activity_regularizer", "kernel_constraint", "bias_constraint"]

    /// Reads the settings with Keras's defaults, refusing an `activity_regularizer`.
    init(config: LayerConfig) throws {
        try LayerConfig.refuse(config, ["activity_regularizer"])
        self.init(kernelInitializer: try config.initializer("kernel_initializer", default: .glorotUniform),
                  biasInitializer: try config.initializer("bias_initializer", default: .zeros),
                  kernelRegularizer: try config.regularizer("kernel_regularizer"),
                  biasRegularizer: try config.regularizer("bias_regularizer"),
                  kernelConstraint: try config.constraint("kernel_constraint"),
                  biasConstraint: try config.constraint("bias_constraint"), dtype: config.dtype)
    }

    /// Writes the settings into `config`, in Keras's order.
    func write(into config: inout JSONObject) {
        config["kernel_initializer"] = kernelInitializer.kerasConfig
        config["bias_initializer"] = biasInitializer.kerasConfig
        config["kernel_regularizer"] = kernelRegularizer?.kerasConfig ?? .null
        config["bias_regularizer"] = biasRegularizer?.kerasConfig ?? .null
        config["activity_regularizer"] = .null
        config["kernel_constraint"] = kernelConstraint?.kerasConfig ?? .null
        config["bias_constraint"] = biasConstraint?.kerasConfig ?? .null
    }
}
