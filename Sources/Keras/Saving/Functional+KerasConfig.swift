// A Functional model's Keras config: every layer with the calls ("inbound nodes") it makes in
// the model, and the model's input and output tensors as [layer, node, tensor] triples. Reading
// replays the calls in order, as Keras's `functional_from_config` does.

extension Model {
    /// The config keys Keras's Functional writes and reads.
    static let functionalKerasConfigKeys = ["layers", "input_layers", "output_layers"]

    /// The nodes of `graph` that belong to this model, and each one's index among its layer's
    /// calls inside the model (Keras's node re-indexing).
    private static func modelNodeIndices(_ graph: FunctionalGraph) -> [ObjectIdentifier: Int] {
        let inModel = Set(graph.nodesByDepth.joined().map(ObjectIdentifier.init))
        var indices: [ObjectIdentifier: Int] = [:]
        for layer in graph.operations {
            var k = 0
            for node in layer.inboundNodes where inModel.contains(ObjectIdentifier(node)) {
                indices[ObjectIdentifier(node)] = k
                k += 1
            }
        }
        return indices
    }

    /// `name`, `trainable`, `layers` (each with `name` and `inbound_nodes`), `input_layers` and
    /// `output_layers`, as Keras writes them.
    var functionalKerasConfig: JSONObject {
        guard let graph else { return baseKerasConfig }
        let nodeIndex = Self.modelNodeIndices(graph)
        func history(_ t: KerasTensor) -> (Layer, Int, Int)? {
            guard let (layer, n, i) = t.history, let node = layer.inboundNodes[safe: n],
                  let index = nodeIndex[ObjectIdentifier(node)] else { return nil }
            return (layer, index, i)
        }
        func tensorValue(_ t: KerasTensor) -> JSONValue {
            let (layer, node, index) = history(t) ?? (t.history?.layer ?? self, 0, 0)
            return ["class_name": "__keras_tensor__",
                    "config": ["shape": ShapeConfig.value(t.shape), "dtype": .string(t.dtype.rawValue),
                               "keras_history": [.string(layer.name), .int(node), .int(index)]]]
        }
        var entries: [JSONValue] = []
        for layer in graph.operations {
            guard case .object(var entry) = layer.kerasObject else { continue }
            entry["name"] = .string(layer.name)
            var nodes: [JSONValue] = []
            if !(layer is InputLayer) {
                for node in layer.inboundNodes where nodeIndex[ObjectIdentifier(node)] != nil {
                    var (args, kwargs) = layer.kerasNodeArguments(node.inputs.map(tensorValue))
                    // Explicit masks, as Keras writes them: one tensor, or a list for a list of inputs.
                    if let masks = node.masks {
                        let values = masks.map { $0.map(tensorValue) ?? .null }
                        kwargs["mask"] = values.count == 1 ? values[0] : .array(values)
                    }
                    nodes.append(["args": .array(args), "kwargs": .object(kwargs)])
                }
            }
            entry["inbound_nodes"] = .array(nodes)
            entries.append(.object(entry))
        }
        // Keras counts a nested Functional model's own construction node here (only here).
        func triple(_ t: KerasTensor) -> JSONValue {
            guard let (layer, node, index) = history(t) else { return .null }
            let shifted = type(of: layer) == Model.self && (layer as? Model)?.graph != nil ? node + 1 : node
            return [.string(layer.name), .int(shifted), .int(index)]
        }
        var config = baseKerasConfig
        config["dtype"] = nil
        config["layers"] = .array(entries)
        config["input_layers"] = graph.inputs.count == 1 ? triple(graph.inputs[0]) : .array(graph.inputs.map(triple))
        if let keys = outputKeys {
            var dict = JSONObject()
            for (key, t) in zip(keys, graph.outputs) { dict[key] = triple(t) }
            config["output_layers"] = .object(dict)
        } else {
            config["output_layers"] = graph.outputs.count == 1 ? triple(graph.outputs[0]) : .array(graph.outputs.map(triple))
        }
        return config
    }

    /// Rebuilds a Functional model from its config: makes every layer (and every Keras operation,
    /// see ``KerasOperation``), then replays each one's calls once the tensors they use (explicit
    /// masks included) exist, until none is left (Keras's algorithm); accepts Keras 3's
    /// `{"args", "kwargs"}` nodes and Keras 2's `[[layer, node, tensor, kwargs], ...]`.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for a malformed config or a graph whose calls can
    ///   never all be replayed, naming the layer and tensor that are missing.
    static func functionalFromKerasConfig(_ config: LayerConfig) throws -> Model {
        let modelName = config.name ?? "functional"
        func bad(_ why: String) -> KerasError { KerasError(.invalidConfig, "Functional model \"\(modelName)\": \(why)") }
        guard let entries = config["layers"]?.arrayValue else { throw bad("the config needs a list under \"layers\".") }

        var layers: [(layer: Layer, nodes: [SavedNode])] = []
        // Once the model exists its graph holds the input tensors; if it is never made, the
        // input layers must not keep theirs (and themselves) alive.
        defer { for (layer, _) in layers { (layer as? InputLayer)?.releaseOutput() } }
        var byName: [String: Layer] = [:]
        for (i, entry) in entries.enumerated() {
            guard let object = entry.objectValue else { throw bad("layer entry \(i) is not a dict.") }
            let layer: Layer
            do { layer = try LayerRegistry.deserialize(entry) } catch let error as KerasError {
                throw KerasError(error.kind, "In Functional model \"\(modelName)\", layer \(i): \(error.message)")
            }
            let name = object["name"]?.stringValue ?? layer.name
            guard byName[name] == nil else { throw bad("two layers are named \"\(name)\".") }
            byName[name] = layer
            let nodes = try (object["inbound_nodes"]?.arrayValue ?? []).map { try SavedNode($0, layer: name, model: modelName) }
            layers.append((layer, nodes))
        }

        // Outputs of each replayed call, by layer name then node index.
        var produced: [String: [[KerasTensor]]] = [:]
        for (layer, _) in layers {
            if let input = layer as? InputLayer { produced[layer.name] = [[input.output]] }
        }
        func tensor(_ ref: SavedNode.Reference) -> KerasTensor? {
            guard let calls = produced[ref.layer], let outputs = calls[safe: ref.node] else { return nil }
            return outputs[safe: ref.tensor]
        }
        var next = [Int](repeating: 0, count: layers.count)
        var remaining = layers.reduce(0) { $0 + $1.nodes.count }
        while remaining > 0 {
            var progressed = false
            for (i, (layer, nodes)) in layers.enumerated() {
                while next[i] < nodes.count {
                    let node = nodes[next[i]]
                    let inputs = node.references.map(tensor)
                    let keywords = node.keywordReferences.mapValues(tensor)
                    let masks = node.maskReferences?.map { $0.map(tensor) }
                    guard inputs.allSatisfy({ $0 != nil }), keywords.values.allSatisfy({ $0 != nil }),
                          (masks ?? []).allSatisfy({ $0 == nil || $0! != nil }) else { break }
                    let call = SavedCall(tensors: inputs.map { $0! }, tensorKeywords: keywords.mapValues { $0! }, options: node.kwargs,
                                         masks: masks.map { $0.map { $0.map { $0! } } }, arguments: node.arguments)
                    let outputs: [KerasTensor]
                    do { outputs = try layer.callSymbolically(call) } catch let error as KerasError {
                        throw KerasError(error.kind, "In Functional model \"\(modelName)\", replaying call \(next[i]) of layer \"\(layer.name)\": \(error.message)")
                    }
                    produced[layer.name, default: []].append(outputs)
                    next[i] += 1
                    remaining -= 1
                    progressed = true
                }
            }
            if !progressed {
                let (i, stuck) = layers.enumerated().first { next[$0.offset] < $0.element.nodes.count }.map { ($0.offset, $0.element) }!
                let waiting = stuck.nodes[next[i]]
                let missing = (waiting.references + waiting.keywordReferences.values + (waiting.maskReferences ?? []).compactMap { $0 }).first { tensor($0) == nil }
                throw bad("the call \(next[i]) of layer \"\(stuck.layer.name)\" needs the tensor \(missing.map { "[\"\($0.layer)\", \($0.node), \($0.tensor)]" } ?? "?"), which no layer of the config produces.")
            }
        }

        func resolve(_ value: JSONValue?, what: String) throws -> (tensors: [KerasTensor], keys: [String]?) {
            func one(_ v: JSONValue) throws -> KerasTensor {
                guard let ref = SavedNode.Reference(triple: v) else { throw bad("\(what) holds \(v.serialized()), not a [layer, node, tensor] triple.") }
                if let t = tensor(ref) { return t }
                // Keras writes a nested Functional model's node index 1-based here.
                if ref.node > 0, let t = tensor(.init(layer: ref.layer, node: ref.node - 1, tensor: ref.tensor)) { return t }
                throw bad("\(what) refers to [\"\(ref.layer)\", \(ref.node), \(ref.tensor)], which the graph does not produce.")
            }
            guard let value else { throw bad("the config has no \"\(what)\".") }
            if let dict = value.objectValue {
                let keys = dict.keys
                return (try keys.map { try one(dict[$0]!) }, keys)
            }
            guard let list = value.arrayValue else { throw bad("\(what) must be a triple, a list or a dict.") }
            if SavedNode.Reference(triple: value) != nil { return ([try one(value)], nil) }
            return (try list.map(one), nil)
        }
        let inputs = try resolve(config["input_layers"], what: "input_layers")
        let outputs = try resolve(config["output_layers"], what: "output_layers")
        let model: Model
        if let keys = outputs.keys {
            model = try Model(inputs: inputs.tensors, outputs: Dictionary(uniqueKeysWithValues: zip(keys, outputs.tensors)), name: config.name)
        } else {
            model = try Model(inputs: inputs.tensors, outputs: outputs.tensors, name: config.name)
        }
        model.trainable = config.trainable
        return model
    }
}

/// One saved call of a layer in a Functional config.
struct SavedNode {
    /// A `[layer, node, tensor]` reference to a tensor of the graph.
    struct Reference {
        let layer: String
        let node: Int
        let tensor: Int

        init(layer: String, node: Int, tensor: Int) {
            self.layer = layer
            self.node = node
            self.tensor = tensor
        }

        /// Reads `["dense", 0, 0]` (and Keras 2's `["dense", 0, 0, {}]`).
        init?(triple value: JSONValue) {
            guard let list = value.arrayValue, list.count >= 3, let layer = list[0].stringValue,
                  let node = list[1].intValue, let tensor = list[2].intValue, node >= 0, tensor >= 0 else { return nil }
            self.init(layer: layer, node: node, tensor: tensor)
        }
    }

    /// The positional tensors of the call, in the order they appear in its arguments.
    var references: [Reference] = []
    /// Tensors passed by keyword (other than `mask`), by name.
    var keywordReferences: [String: Reference] = [:]
    /// The tensors of an explicit `mask` keyword, one per positional tensor (`nil` for a `None`
    /// in a list of masks); `nil` when the call has no mask tensor.
    var maskReferences: [Reference?]?
    /// The positional arguments as saved (Keras 3 nodes).
    var arguments: [JSONValue] = []
    /// The call's keyword arguments that are not tensors.
    var kwargs = JSONObject()

    private init() {}
    private static var empty: SavedNode { SavedNode() }

    init(_ value: JSONValue, layer: String, model: String) throws {
        func bad() -> KerasError {
            KerasError(.invalidConfig, "Functional model \"\(model)\": layer \"\(layer)\" has an inbound node \(value.serialized().prefix(200)) that is neither {\"args\", \"kwargs\"} nor a Keras 2 list of [layer, node, tensor, kwargs].")
        }
        if let object = value.objectValue {
            guard let args = object["args"]?.arrayValue else { throw bad() }
            arguments = args
            for arg in args { collect(arg) }
            if let kw = object["kwargs"]?.objectValue {
                for key in kw.keys {
                    let v = kw[key]!
                    if Self.containsTensor(v) {
                        if key == "mask" {
                            maskReferences = try Self.masks(v, layer: layer, model: model)
                            continue
                        }
                        var inner = SavedNode.empty
                        inner.collect(v)
                        guard inner.references.count == 1 else { throw bad() }
                        keywordReferences[key] = inner.references[0]
                    } else {
                        kwargs[key] = v
                    }
                }
            }
        } else if let list = value.arrayValue {
            // Keras 2: [[layer, node, tensor, kwargs], ...]
            for item in list {
                guard let ref = Reference(triple: item) else { throw bad() }
                references.append(ref)
                if let extra = item.arrayValue?[safe: 3]?.objectValue {
                    for key in extra.keys where !Self.containsTensor(extra[key]!) { kwargs[key] = extra[key]! }
                }
            }
        } else {
            throw bad()
        }
    }

    private mutating func collect(_ value: JSONValue) {
        switch value {
        case .object(let o):
            if o["class_name"]?.stringValue == "__keras_tensor__",
               let history = o["config"]?.objectValue?["keras_history"], let ref = Reference(triple: history) {
                references.append(ref)
            } else {
                for key in o.keys { collect(o[key]!) }
            }
        case .array(let a): for v in a { collect(v) }
        default: break
        }
    }

    /// The tensors of a `mask` keyword: one tensor, or a list of tensors and `None`s.
    private static func masks(_ value: JSONValue, layer: String, model: String) throws -> [Reference?] {
        func reference(_ v: JSONValue) -> Reference? {
            guard let o = v.objectValue, o["class_name"]?.stringValue == "__keras_tensor__",
                  let history = o["config"]?.objectValue?["keras_history"] else { return nil }
            return Reference(triple: history)
        }
        let bad = KerasError(.invalidConfig, "Functional model \"\(model)\": layer \"\(layer)\" has a \"mask\" argument \(value.serialized().prefix(200)) that is neither a tensor nor a list of tensors and nulls.")
        if let ref = reference(value) { return [ref] }
        guard let list = value.arrayValue else { throw bad }
        return try list.map { item in
            if item.isNull { return nil }
            guard let ref = reference(item) else { throw bad }
            return ref
        }
    }

    private static func containsTensor(_ value: JSONValue) -> Bool {
        switch value {
        case .object(let o): return o["class_name"]?.stringValue == "__keras_tensor__" || o.keys.contains { containsTensor(o[$0]!) }
        case .array(let a): return a.contains(where: containsTensor)
        default: return false
        }
    }
}
