// Reading recurrent layers' Keras configs: the shapes_dict build config, cells made through the
// registry, the flags every recurrent layer takes, and the cell config LSTM/GRU/SimpleRNN pass on.

extension RNN {
    /// ``recurrentKerasConfig`` followed by the arguments of the cell a layer makes itself
    /// (``LSTM``, ``GRU``, ``SimpleRNN``, ``ConvLSTM``), in the order Keras's `get_config` of
    /// those classes writes them: `unit_forget_bias` after `bias_initializer`,
    /// `activity_regularizer` after `bias_regularizer`, `reset_after` after `recurrent_dropout`.
    func recurrentKerasConfig(cellArguments: JSONObject) -> JSONObject {
        var config = recurrentKerasConfig
        let movedKeys: Set = ["unit_forget_bias", "reset_after"]
        for (key, value) in cellArguments.pairs where !movedKeys.contains(key) {
            config[key] = value
            switch key {
            case "bias_initializer": config["unit_forget_bias"] = cellArguments["unit_forget_bias"]
            case "bias_regularizer": config["activity_regularizer"] = activityRegularizer?.kerasConfig ?? .null
            case "recurrent_dropout": config["reset_after"] = cellArguments["reset_after"]
            default: break
            }
        }
        return config
    }

    /// `{"shapes_dict": {"sequences_shape": ..., "initial_state_shape": [...]}}` for the shapes
    /// of a sequence and its initial states.
    static func sequenceBuildConfig(_ shapes: [TensorShape]) -> JSONObject {
        ["shapes_dict": ["sequences_shape": ShapeConfig.value(shapes[0]),
                         "initial_state_shape": .array(shapes.dropFirst().map(ShapeConfig.value))]]
    }

    /// The sequence and initial-state shapes of a `shapes_dict` build config; `nil` for other
    /// build configs.
    static func sequenceShapes(inKerasBuildConfig config: JSONObject, owner: String) throws -> [TensorShape]? {
        guard let dict = config["shapes_dict"]?.objectValue else { return nil }
        guard let sequences = dict["sequences_shape"], !sequences.isNull else {
            throw KerasError(.invalidConfig, "\(owner) has a shapes_dict without \"sequences_shape\": \(JSONValue.object(dict).serialized().prefix(200)).")
        }
        var shapes = [try ShapeConfig.shape(from: sequences, owner: owner)]
        if let states = dict["initial_state_shape"], !states.isNull {
            shapes += try ShapeConfig.shapes(from: states, owner: owner)
        }
        return shapes
    }

    /// A serialized cell made through the registry.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` when the layer made is not an ``RNNCell``.
    static func deserializeCell(_ value: JSONValue, owner: String) throws -> any RNNCell {
        let layer = try LayerRegistry.deserialize(value)
        guard let cell = layer as? any RNNCell else {
            throw KerasError(.invalidConfig, "\(owner) needs recurrent cells, but its config holds layer \"\(layer.name)\" of class \(layer.className), which is not an RNN cell (it has no state_size).")
        }
        return cell
    }
}

/// The keys of a recurrent layer's config that ``RNN`` itself takes, read with Keras's defaults;
/// also refuses what swift-keras does not have (`time_major=true`).
struct RecurrentConfigFlags {
    let returnSequences: Bool
    let returnState: Bool
    let goBackwards: Bool
    let stateful: Bool
    let unroll: Bool
    let zeroOutputForMask: Bool

    init(_ config: LayerConfig) throws {
        try config.refuse("time_major", unless: false)
        returnSequences = try config.bool("return_sequences", default: false)
        returnState = try config.bool("return_state", default: false)
        goBackwards = try config.bool("go_backwards", default: false)
        stateful = try config.bool("stateful", default: false)
        unroll = try config.bool("unroll", default: false)
        zeroOutputForMask = try config.bool("zero_output_for_mask", default: false)
    }
}

extension LayerConfig {
    /// The config of the cell a recurrent layer makes from its own config (Keras's `LSTM`
    /// passes its cell arguments on): the keys `keys` takes, named `name`, with this config's
    /// dtype and `trainable`.
    func recurrentCellConfig(className: String, keys: [String], name: String) throws -> LayerConfig {
        var cellValues: JSONObject = ["name": .string(name)]
        for key in keys + ["dtype", "trainable"] where key != "activity_regularizer" {
            if let value = values[key] { cellValues[key] = value }
        }
        return try LayerConfig(className: className, values: cellValues, keys: keys)
    }
}
