// A Sequential model's Keras config: its layers in order (with a leading InputLayer when the
// input is known) and `build_input_shape`.

extension Sequential {
    /// The config keys Keras's Sequential writes and reads.
    static let kerasConfigKeys = ["layers", "build_input_shape"]

    /// `name`, `trainable`, `dtype`, `layers`, `build_input_shape`, as Keras writes them.
    var sequentialKerasConfig: JSONObject {
        var config = baseKerasConfig
        var entries: [JSONValue] = []
        if let input, let inputLayer = input.history?.layer { entries.append(inputLayer.kerasObject) }
        entries += layers.map(\.kerasObject)
        config["layers"] = .array(entries)
        if let input { config["build_input_shape"] = ShapeConfig.value(input.shape) }
        return config
    }

    /// Rebuilds a Sequential model from its config: each layer made through the registry and
    /// added in order; the input comes from a leading InputLayer, a first layer's
    /// `batch_input_shape` (older files), or `build_input_shape`.
    static func fromKerasConfig(_ config: LayerConfig) throws -> Sequential {
        let model = try Sequential(name: config.name)
        guard let entries = config["layers"]?.arrayValue else {
            throw KerasError(.invalidConfig, "Sequential \"\(config.name ?? "?")\" needs a list under \"layers\", but its config has \(config["layers"]?.serialized().prefix(100) ?? "none").")
        }
        for (i, entry) in entries.enumerated() {
            let layer: Layer
            do { layer = try LayerRegistry.deserialize(entry) } catch let error as KerasError {
                throw KerasError(error.kind, "In Sequential \"\(config.name ?? "?")\", layer \(i): \(error.message)")
            }
            if model.input == nil, !(layer is InputLayer),
               let inner = entry.objectValue?["config"]?.objectValue, let legacy = try legacyInputShape(inner, owner: layer.name) {
                try model.add(Input(shape: Array(legacy.dropFirst()), batchSize: legacy.first ?? nil,
                                    dtype: layer.dtype.isFloatingPoint ? layer.dtype : .float32))
            }
            try model.add(layer)
        }
        if model.input == nil, let shape = try config.optionalShape("build_input_shape") {
            try model.build(inputShapes: [shape])
        }
        model.trainable = config.trainable
        return model
    }

    /// A `batch_input_shape` or `input_shape` that older Keras versions put on a model's first layer.
    static func legacyInputShape(_ config: JSONObject, owner: String) throws -> TensorShape? {
        if let value = config["batch_input_shape"], !value.isNull {
            return try ShapeConfig.shape(from: value, owner: "Layer \"\(owner)\" batch_input_shape")
        }
        if let value = config["input_shape"], !value.isNull {
            return [nil] + (try ShapeConfig.shape(from: value, owner: "Layer \"\(owner)\" input_shape"))
        }
        return nil
    }
}
