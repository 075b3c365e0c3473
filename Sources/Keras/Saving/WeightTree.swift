// Where each variable goes in Keras's weights file (`model.weights.h5`): Keras walks the model's
// objects (the model, its layers, their sublayers, the optimizer) and gives each a group
// `<path>/vars` holding its own variables as datasets "0", "1", ... The paths come from
// attribute names and, inside lists, from snake-cased class names made unique ("dense",
// "dense_1"); layer names never appear in paths. See keras-format.md section 7.

/// One object of the weights file: its group path, the `name` attribute of its `vars` group,
/// and its own variables in Keras's save order.
struct SaveableEntry {
    /// The object's group, e.g. `layers/lstm/cell` (empty for the model itself).
    let path: String
    /// The object's `name` (`"hidden"`), stored as the `vars` group's attribute.
    let name: String
    /// Its own variables: trainable ones in creation order, then non-trainable ones.
    let variables: [Variable]
    /// The object, for messages.
    let owner: String
    /// The layer, for its named state and assets (`nil` for the optimizer).
    var layer: Layer? = nil

    /// The group of the variables, `<path>/vars` (`vars` for the model).
    var varsPath: String { path.isEmpty ? "vars" : "\(path)/vars" }
}

enum WeightTree {
    /// Every saveable object of `model` (and of `optimizer`, at `optimizer`), in Keras's visiting
    /// order; each object once, at the first path that reaches it.
    static func entries(of model: Layer, optimizer: Optimizer? = nil) -> [SaveableEntry] {
        var result: [SaveableEntry] = []
        var visited = Set<ObjectIdentifier>()
        func visit(_ layer: Layer, path: String) {
            guard visited.insert(ObjectIdentifier(layer)).inserted else { return }
            let own = layer.ownVariables.filter(\.trainable) + layer.ownVariables.filter { !$0.trainable }
            result.append(SaveableEntry(path: path, name: layer.name, variables: own, owner: "layer \"\(layer.name)\" (\(layer.className))", layer: layer))
            for child in children(of: layer) {
                let base = path.isEmpty ? child.attribute : "\(path)/\(child.attribute)"
                if child.isList {
                    var used: [String: Int] = [:]
                    for item in child.layers {
                        var name = LayerNaming.snakeCase(item.className)
                        if let n = used[name] { used[name] = n + 1; name += "_\(n + 1)" } else { used[name] = 0 }
                        visit(item, path: "\(base)/\(name)")
                    }
                } else if let item = child.layers.first {
                    visit(item, path: base)
                }
            }
        }
        visit(model, path: "")
        if let optimizer { result.append(entry(of: optimizer)) }
        // The model's own group comes last in Keras's file order but its place does not matter.
        return result
    }

    /// The optimizer's group: `optimizer/vars` with its variables in Keras's order.
    static func entry(of optimizer: Optimizer) -> SaveableEntry {
        SaveableEntry(path: "optimizer", name: optimizer.name, variables: optimizer.variables,
                      owner: "optimizer \"\(optimizer.name)\"")
    }

    /// The tracked children of `layer` as Keras names them: a model's `layers` list first, then
    /// the layers held in stored properties under their snake-cased names, sorted as Python's
    /// `dir()` lists attributes.
    static func children(of layer: Layer) -> [(attribute: String, layers: [Layer], isList: Bool)] {
        var result: [(attribute: String, layers: [Layer], isList: Bool)] = []
        if let model = layer as? Model, model.graph != nil || layer is Sequential {
            result.append(("layers", model.layers, true))
            return result
        }
        var found: [(String, [Layer], Bool)] = []
        var mirrors: [Mirror] = []
        var mirror: Mirror? = Mirror(reflecting: layer)
        while let m = mirror { mirrors.append(m); mirror = m.superclassMirror }
        let renamed = layer.kerasAttributeNames
        for m in mirrors.reversed() {
            for child in m.children {
                guard let label = child.label else { continue }
                let swiftName = label.hasPrefix("_") ? String(label.dropFirst()) : label
                let name = renamed[swiftName] ?? LayerNaming.snakeCase(swiftName)
                if let sub = unwrap(child.value) as? Layer, sub !== layer {
                    found.append((name, [sub], false))
                } else if let subs = unwrap(child.value) as? [Layer], !subs.isEmpty {
                    found.append((name, subs, true))
                } else if let cells = unwrap(child.value) as? [any RNNCell], !cells.isEmpty {
                    found.append((name, cells.map { $0 as Layer }, true))
                }
            }
        }
        result += found.sorted { $0.0 < $1.0 }
        return result
    }

    /// The value inside an optional, or the value itself.
    private static func unwrap(_ value: Any) -> Any? {
        let m = Mirror(reflecting: value)
        guard m.displayStyle == .optional else { return value }
        return m.children.first?.value
    }
}
