// Keras 3's weights file (`*.weights.h5`, and `model.weights.h5` inside `.keras`): one group
// `<path>/vars` per saveable object with its variables as datasets "0", "1", ... (see
// WeightTree for the paths).
import HDF5

enum WeightsFile {
    /// Loads the weights in `bytes` into `model` (and `optimizer`'s state when given and
    /// present). Everything is read and checked first; nothing changes when the file does not
    /// fit the model.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` naming the object and what differs.
    static func load(_ bytes: [UInt8], into model: Model, optimizer: Optimizer?) throws {
        let file = try HDF5Bridge.open(bytes)
        var assignments: [(Variable, Tensor)] = []
        var states: [(Layer, [String: Tensor])] = []
        for entry in WeightTree.entries(of: model) {
            assignments += try read(entry, in: file.root)
            if let layer = entry.layer, let state = try namedState(entry, in: file.root) { states.append((layer, state)) }
        }
        if let optimizer, let group = file.root["optimizer/vars"]?.group {
            let stored = group.children.compactMap(\.dataset).count
            // A file saved before the first step holds iteration and learning_rate only: they
            // load into an optimizer not yet built, as in Keras.
            if !optimizer.isBuilt && stored != optimizer.variables.count { try optimizer.build(model.trainableVariables) }
            let entry = WeightTree.entry(of: optimizer)
            if stored == entry.variables.count {
                assignments += try read(entry, in: file.root)
            } else {
                FileIO.warn("Skipping the optimizer state in the file: it holds \(stored) variables, but optimizer \"\(optimizer.name)\" has \(entry.variables.count) for this model. Training continues from a fresh optimizer state.")
            }
        }
        for (variable, value) in assignments { variable.assign(value) }
        for (layer, state) in states { try layer.loadSavedState(state) }
    }

    /// The named (non-numbered) datasets of `entry`'s `vars` group: Keras's saved state that is
    /// not a variable, such as a lookup layer's `idf_weights`.
    private static func namedState(_ entry: SaveableEntry, in root: HDF5Group) throws -> [String: Tensor]? {
        guard let group = root[entry.varsPath]?.group else { return nil }
        var state: [String: Tensor] = [:]
        for child in group.children {
            guard let dataset = child.dataset, !isVariableIndex(child.name) else { continue }
            state[child.name] = try HDF5Bridge.tensor(dataset)
        }
        return state.isEmpty ? nil : state
    }

    /// `true` for the dataset names Keras gives variables: "0", "1", ...
    private static func isVariableIndex(_ name: String) -> Bool { !name.isEmpty && name.allSatisfy { ("0"..."9").contains($0) } }

    /// The variables of `entry` read from its `vars` group, checked against the model.
    private static func read(_ entry: SaveableEntry, in root: HDF5Group) throws -> [(Variable, Tensor)] {
        guard let group = root[entry.varsPath]?.group else {
            if entry.variables.isEmpty { return [] }
            throw KerasError(.invalidConfig, "the file has no group \"\(entry.varsPath)\" for \(entry.owner), which has \(entry.variables.count) weights. Is it saved from a model with the same architecture?")
        }
        let stored = group.children.filter { $0.dataset != nil && isVariableIndex($0.name) }.count
        guard stored == entry.variables.count else {
            throw KerasError(.invalidConfig, "\(entry.owner) expects \(entry.variables.count) variables, but \"\(entry.varsPath)\" holds \(stored). The file was saved from a different architecture.")
        }
        return try entry.variables.enumerated().map { i, variable in
            let dataset: HDF5Dataset
            do { dataset = try group.dataset("\(i)") } catch {
                throw KerasError(.invalidConfig, "\"\(entry.varsPath)\" has no dataset \"\(i)\" for \(entry.owner)'s weight \"\(variable.name)\".")
            }
            guard dataset.shape == variable.shape else {
                throw KerasError(.invalidConfig, "\(entry.owner)'s weight \"\(variable.name)\" has shape \(variable.shape), but \"\(entry.varsPath)/\(i)\" holds shape \(dataset.shape).")
            }
            // Variable.assign converts to the variable's dtype (a float32 file into float16 weights).
            return (variable, try HDF5Bridge.tensor(dataset))
        }
    }

    /// The weights file of `entries`: each object's `vars` group with its `name` attribute and
    /// its variables as datasets.
    static func bytes(_ entries: [SaveableEntry]) throws -> [UInt8] {
        try HDF5Bridge.writing { writer in
            for entry in entries {
                let group = try writer.root.group(entry.varsPath)
                try group.setAttribute("name", .strings([entry.name]), shape: [])
                for (i, variable) in entry.variables.enumerated() {
                    try HDF5Bridge.createDataset("\(i)", variable.value, in: group)
                }
                for (name, value) in entry.layer?.savedState ?? [] {
                    try HDF5Bridge.createDataset(name, value, in: group)
                }
            }
        }
    }

}
