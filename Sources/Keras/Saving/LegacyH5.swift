// The legacy HDF5 model format of Keras 2, tf.keras and Keras 3's `model.save("x.h5")`: the
// config as a JSON string attribute (`model_config`), the compile arguments
// (`training_config`), weights under `model_weights/<layer>/<weight name>` listed by
// `layer_names` and `weight_names` attributes, and `optimizer_weights`. Weights-only files have
// the `model_weights` content at the root. See keras-format.md section 8.
import HDF5

enum LegacyH5 {
    /// Rebuilds a model from a legacy full-model file and loads its weights (and, with
    /// `compile`, its compile arguments and optimizer state).
    static func loadModel(_ bytes: [UInt8], compile: Bool) throws -> Model {
        let file = try HDF5Bridge.open(bytes)
        guard let configText = file.root.attribute("model_config")?.value.string else {
            throw KerasError(.invalidConfig, "the file has no \"model_config\" attribute, so it holds weights only (a save_weights file). Make the model in Swift and call loadWeights(from:).")
        }
        let config = try JSONValue(parsing: configText)
        let layer = try WeightBudget.limiting(toFileOf: bytes.count, source: "the file") { try LayerRegistry.deserialize(config) }
        guard let model = layer as? Model else {
            throw KerasError(.invalidConfig, "model_config describes a \(layer.className) layer, not a model.")
        }
        guard let weights = file.root["model_weights"]?.group else {
            throw KerasError(.invalidConfig, "the file has a model_config but no \"model_weights\" group.")
        }
        try loadWeights(from: weights, into: model, byName: false, skipMismatch: false)
        if compile, let trainingText = file.root.attribute("training_config")?.value.string {
            let training = try JSONValue(parsing: trainingText)
            guard var compileConfig = training.objectValue else {
                throw KerasError(.invalidConfig, "training_config is not a JSON object: \(trainingText.prefix(200)).")
            }
            compileConfig["optimizer"] = compileConfig["optimizer_config"]
            compileConfig["optimizer_config"] = nil
            for key in ["sample_weight_mode"] { compileConfig[key] = nil }
            try model.compile(fromKerasConfig: compileConfig)
            if let optimizer = model.optimizer, let group = file.root["optimizer_weights"]?.group {
                try loadOptimizerWeights(group, into: optimizer, model: model)
            }
        }
        return model
    }

    /// Loads weights from a legacy full-model file (its `model_weights` group) or a Keras 2
    /// weights-only file (the same content at the root).
    static func loadWeights(_ bytes: [UInt8], into model: Model, byName: Bool, skipMismatch: Bool) throws {
        let file = try HDF5Bridge.open(bytes)
        let group = file.root["model_weights"]?.group ?? file.root
        try loadWeights(from: group, into: model, byName: byName, skipMismatch: skipMismatch)
    }

    /// A string-list attribute, also when split into `NAME0`, `NAME1`, ... (lists over 64 KB).
    static func stringList(_ group: HDF5Group, _ name: String) -> [String]? {
        if let attribute = group.attribute(name) { return attribute.value.strings ?? [] }
        var result: [String] = []
        var k = 0
        while let part = group.attribute("\(name)\(k)") {
            result += part.value.strings ?? []
            k += 1
        }
        return k > 0 ? result : nil
    }

    /// Keras 3's order-based (or name-based) assignment of saved layer weights.
    static func loadWeights(from group: HDF5Group, into model: Model, byName: Bool, skipMismatch: Bool) throws {
        guard let layerNames = stringList(group, "layer_names") else {
            throw KerasError(.invalidConfig, "the weights group has no \"layer_names\" attribute; it is not a Keras HDF5 weights file.")
        }
        var saved: [(name: String, values: [Tensor])] = []
        for name in layerNames {
            guard let layerGroup = group[name]?.group else {
                throw KerasError(.invalidConfig, "layer_names lists \"\(name)\", but the file has no such group.")
            }
            let weightNames = stringList(layerGroup, "weight_names") ?? []
            guard !weightNames.isEmpty else { continue }
            let values = try weightNames.map { weightName -> Tensor in
                guard let dataset = layerGroup[weightName]?.dataset else {
                    throw KerasError(.invalidConfig, "layer \"\(name)\" lists the weight \"\(weightName)\", but the file has no such dataset.")
                }
                return try HDF5Bridge.tensor(dataset)
            }
            saved.append((name, values))
        }
        var assignments: [(Variable, Tensor)] = []
        func match(_ layer: Layer, _ values: [Tensor], savedName: String) throws -> Bool {
            let variables = legacyWeights(layer)
            guard variables.count == values.count else {
                if skipMismatch { FileIO.warn("Skipping layer \"\(layer.name)\": it has \(variables.count) weights, the file has \(values.count) for \"\(savedName)\"."); return false }
                throw KerasError(.invalidConfig, "Layer \"\(layer.name)\" (\(layer.className)) expects \(variables.count) weights, but the saved layer \"\(savedName)\" has \(values.count).")
            }
            var pairs: [(Variable, Tensor)] = []
            for (v, t) in zip(variables, values) {
                guard v.shape == t.shape else {
                    if skipMismatch { FileIO.warn("Skipping layer \"\(layer.name)\": weight \"\(v.name)\" has shape \(v.shape), the file has \(t.shape)."); return false }
                    throw KerasError(.invalidConfig, "Layer \"\(layer.name)\" (\(layer.className)) weight \"\(v.name)\" has shape \(v.shape), but the saved layer \"\(savedName)\" has shape \(t.shape).")
                }
                pairs.append((v, t))   // assign keeps the variable's dtype
            }
            assignments += pairs
            return true
        }
        if byName {
            let layers = Dictionary(model.layers.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            for (name, values) in saved {
                guard let layer = layers[name] else { continue }
                _ = try match(layer, values, savedName: name)
            }
        } else {
            let weighted = model.layers.filter { !$0.weights.isEmpty }
            guard weighted.count == saved.count else {
                throw KerasError(.invalidConfig, "the file holds weights for \(saved.count) layers (\(saved.map(\.name).joined(separator: ", "))), but the model has \(weighted.count) layers with weights (\(weighted.map(\.name).joined(separator: ", "))). Load with byName: true to match layers by name.")
            }
            for (layer, (name, values)) in zip(weighted, saved) { _ = try match(layer, values, savedName: name) }
        }
        for (v, t) in assignments { v.assign(t) }
    }

    /// A layer's weights in the legacy order: trainable, then non-trainable (sublayers included).
    static func legacyWeights(_ layer: Layer) -> [Variable] {
        layer.trainableWeights + layer.nonTrainableWeights
    }

    /// Sets the optimizer's variables from `optimizer_weights`, in `weight_names` order.
    static func loadOptimizerWeights(_ group: HDF5Group, into optimizer: Optimizer, model: Model) throws {
        let names = stringList(group, "weight_names") ?? []
        // A file saved before the first step holds iteration and learning_rate only.
        if !optimizer.isBuilt && names.count != optimizer.variables.count { try optimizer.build(model.trainableVariables) }
        let variables = optimizer.variables
        guard names.count == variables.count else {
            FileIO.warn("Skipping the optimizer state in the file: it holds \(names.count) variables, but optimizer \"\(optimizer.name)\" has \(variables.count) for this model.")
            return
        }
        var assignments: [(Variable, Tensor)] = []
        for (name, variable) in zip(names, variables) {
            guard let dataset = group[name]?.dataset else {
                throw KerasError(.invalidConfig, "optimizer_weights lists \"\(name)\", but the file has no such dataset.")
            }
            let t = try HDF5Bridge.tensor(dataset)
            guard t.shape == variable.shape else {
                throw KerasError(.invalidConfig, "optimizer variable \"\(variable.path)\" has shape \(variable.shape), but \"\(name)\" in the file has shape \(t.shape).")
            }
            assignments.append((variable, t))
        }
        for (v, t) in assignments { v.assign(t) }
    }

}

extension LegacyH5 {
    /// A legacy full-model `.h5` file of `model`, as Keras 3's `model.save("x.h5")` writes it:
    /// `model_config` (and `training_config` once compiled) as JSON attributes, the weights by
    /// layer under `model_weights`, and the optimizer's under `optimizer_weights`.
    ///
    /// - Throws: ``KerasError`` `.unsupported` for a graph holding Keras operations (a mask's
    ///   `NotEqual`): the legacy config names no module, so neither Keras nor swift-keras could
    ///   tell them from layers when reading the file back.
    static func fullModelBytes(_ model: Model) throws -> [UInt8] {
        let models = ([model] + model.allSublayers).compactMap { $0 as? Model }
        if let operation = models.lazy.compactMap({ $0.graph?.operations.first { $0 is KerasOperation } }).first {
            throw KerasError(.unsupported, "Model \"\(model.name)\" holds the Keras operation \"\(operation.name)\" (\(operation.className)) in its graph, which the legacy .h5 format cannot record: its config names no module, and Python Keras cannot load such a file either. Save the model as .keras.")
        }
        let config = legacyForm(try model.serializedKerasObject())
        return try HDF5Bridge.writing { writer in
            let root = writer.root
            try root.setAttribute("backend", .strings(["jax"]), shape: [])
            try root.setAttribute("keras_version", .strings([KerasFiles.kerasVersion]), shape: [])
            try root.setAttribute("model_config", .strings([config.serialized()]), shape: [])
            if model.isCompiled {
                var training = model.kerasCompileConfig
                if let optimizer = training["optimizer"]?.objectValue {
                    training["optimizer"] = nil
                    training["optimizer_config"] = ["class_name": optimizer["class_name"] ?? .null, "config": optimizer["config"] ?? .null]
                }
                try root.setAttribute("training_config", .strings([JSONValue.object(training).serialized()]), shape: [])
            }
            let weights = try root.group("model_weights")
            try weights.setAttribute("backend", .strings(["jax"]), shape: [])
            try weights.setAttribute("keras_version", .strings([KerasFiles.kerasVersion]), shape: [])
            try weights.setAttribute("layer_names", .strings(model.layers.map(\.name)), shape: [model.layers.count])
            for layer in model.layers {
                let group = try weights.group(layer.name)
                try writeWeights(legacyWeights(layer), names: legacyNames(legacyWeights(layer), owner: layer), to: group)
            }
            try writeWeights([], names: [], to: try weights.group("top_level_model_weights"))
            // As Keras, also before the first step (iteration and learning_rate only).
            if let optimizer = model.optimizer {
                let group = try root.group("optimizer_weights")
                try writeWeights(optimizer.variables, names: optimizer.variables.map(\.path), to: group)
            }
        }
    }

    /// `weight_names` and one dataset per name (an empty float64 list when there are none, as
    /// h5py writes an empty list).
    private static func writeWeights(_ variables: [Variable], names: [String], to group: HDF5Writer.Group) throws {
        if names.isEmpty {
            try group.setAttribute("weight_names", .floats([]), shape: [0], datatype: .float(bytes: 8))
            return
        }
        try group.setAttribute("weight_names", .strings(names), shape: [names.count])
        for (name, variable) in zip(names, variables) { try HDF5Bridge.createDataset(name, variable.value, in: group) }
    }

    /// The weights' paths (`dense/kernel`), made unique within the layer.
    private static func legacyNames(_ variables: [Variable], owner: Layer) -> [String] {
        var used = Set<String>()
        return variables.map { v in
            var name = v.path.isEmpty ? "\(owner.name)/\(v.name)" : v.path
            var k = 1
            while !used.insert(name).inserted { name = "\(v.path)_\(k)"; k += 1 }
            return name
        }
    }

    /// The legacy config: Keras's serialized model without `module`, `registered_name`,
    /// `build_config` and `compile_config` on the model and on each layer entry.
    static func legacyForm(_ value: JSONValue) -> JSONValue {
        guard case .object(var object) = value else { return value }
        for key in ["module", "registered_name", "build_config", "compile_config"] { object[key] = nil }
        if case .object(var config)? = object["config"], let layers = config["layers"]?.arrayValue {
            config["layers"] = .array(layers.map(legacyForm))
            object["config"] = .object(config)
        }
        return .object(object)
    }
}
