/// The graph of a Functional model: its nodes ordered the way Keras orders them (by depth from
/// the outputs, then by first traversal), which fixes ``Model/layers`` and the order of weights,
/// and the plan to run them.
struct FunctionalGraph {
    let inputs: [KerasTensor]
    let outputs: [KerasTensor]
    let modelName: String
    /// Nodes grouped by depth, deepest (closest to the inputs) first.
    let nodesByDepth: [[Node]]
    /// The graph's layers and operations (InputLayers included) in Keras's order (Keras's
    /// `model.operations`): what a saved config lists.
    let operations: [Layer]
    /// The graph's layers (InputLayers included, ``KerasOperation``s left out), Keras's
    /// `model.layers` order.
    let layers: [Layer]
    /// For each non-input node in run order: when each of its input tensors is last used.
    private let runOrder: [Node]
    private let lastUse: [ObjectIdentifier: Int]

    /// Validates and orders the graph from `inputs` to `outputs` (Keras's `map_graph`).
    init(inputs: [KerasTensor], outputs: [KerasTensor], modelName: String) throws {
        self.inputs = inputs
        self.outputs = outputs
        self.modelName = modelName
        for (i, x) in inputs.enumerated() {
            guard let node = x.node, node.isInput else {
                throw KerasError(.invalidGraph, "Input \(i) of model \"\(modelName)\" must come from Input(shape:), but it was produced by layer \"\(x.history?.layer.name ?? "?")\" (\(x.history?.layer.className ?? "?")). Pass the tensor returned by Input(...) itself.")
            }
        }
        let inputIDs = Set(inputs.map(ObjectIdentifier.init))

        // Depth-first from each output: nodes from inputs to outputs, and the first-seen order of layers.
        var finished = Set<ObjectIdentifier>(), inProgress = Set<ObjectIdentifier>()
        var ordered: [Node] = []
        var layerIndex: [ObjectIdentifier: Int] = [:]
        func visit(_ tensor: KerasTensor) throws {
            guard let node = tensor.node else { return }
            let id = ObjectIdentifier(node)
            if finished.contains(id) { return }
            if !node.isInput && inputIDs.contains(ObjectIdentifier(tensor)) { finished.insert(id); return }
            guard !inProgress.contains(id) else {
                throw KerasError(.invalidGraph, "The graph of model \"\(modelName)\" has a cycle through layer \"\(node.layer.name)\".")
            }
            if layerIndex[ObjectIdentifier(node.layer)] == nil { layerIndex[ObjectIdentifier(node.layer)] = layerIndex.count }
            inProgress.insert(id)
            if !node.isInput { for t in node.dependencies { try visit(t) } }
            finished.insert(id)
            inProgress.remove(id)
            ordered.append(node)
        }
        for output in outputs { try visit(output) }
        let inGraph = Set(ordered.map(ObjectIdentifier.init))

        // Depths: outputs at 0, each parent one deeper than its deepest child; all nodes of one
        // layer at least as deep as the layer. Insertion order is kept to order equal depths.
        var nodeDepth: [ObjectIdentifier: Int] = [:], nodeOrder: [Node] = []
        var layerDepth: [ObjectIdentifier: Int] = [:], layerOrder: [Layer] = []
        func setNodeDepth(_ node: Node, _ depth: Int) {
            if nodeDepth[ObjectIdentifier(node)] == nil { nodeOrder.append(node) }
            nodeDepth[ObjectIdentifier(node)] = depth
        }
        for node in ordered.reversed() {
            if nodeDepth[ObjectIdentifier(node)] == nil { setNodeDepth(node, 0) }
            var depth = nodeDepth[ObjectIdentifier(node)]!
            let lid = ObjectIdentifier(node.layer)
            depth = Swift.max(depth, layerDepth[lid] ?? 0)
            if layerDepth[lid] == nil { layerOrder.append(node.layer) }
            layerDepth[lid] = depth
            nodeDepth[ObjectIdentifier(node)] = depth
            for parent in node.parents where inGraph.contains(ObjectIdentifier(parent)) {
                setNodeDepth(parent, Swift.max(depth + 1, nodeDepth[ObjectIdentifier(parent)] ?? 0))
            }
        }
        for x in inputs {
            guard let layer = x.history?.layer, layerDepth[ObjectIdentifier(layer)] == nil, let node = x.node else { continue }
            layerOrder.append(layer)
            layerDepth[ObjectIdentifier(layer)] = 0
            layerIndex[ObjectIdentifier(layer)] = -1
            setNodeDepth(node, 0)
        }
        let maxDepth = nodeDepth.values.max() ?? 0
        var byDepth = [[Node]](repeating: [], count: maxDepth + 1)
        for node in nodeOrder { byDepth[nodeDepth[ObjectIdentifier(node)]!].append(node) }
        nodesByDepth = byDepth.reversed()

        var layersByDepth = [[Layer]](repeating: [], count: (layerDepth.values.max() ?? 0) + 1)
        for layer in layerOrder { layersByDepth[layerDepth[ObjectIdentifier(layer)]!].append(layer) }
        operations = layersByDepth.reversed().flatMap { group in
            group.enumerated().sorted { a, b in
                let ia = layerIndex[ObjectIdentifier(a.element)] ?? 0, ib = layerIndex[ObjectIdentifier(b.element)] ?? 0
                return ia != ib ? ia < ib : a.offset < b.offset
            }.map(\.element)
        }
        layers = operations.filter { !($0 is KerasOperation) }

        // Every node's inputs must be computable from the model's inputs.
        var computable = inputIDs
        var run: [Node] = []
        for group in nodesByDepth {
            for node in group {
                if node.isInput, let x = node.outputs.first, !inputIDs.contains(ObjectIdentifier(x)) {
                    throw KerasError(.invalidGraph, "Graph disconnected in model \"\(modelName)\": the outputs depend on Input \"\(node.layer.name)\" \(x.shape.kerasDescription), which is not among the model's inputs \(inputs.map { $0.name ?? "?" }). Add it to inputs, or remove the path that uses it.")
                }
                for x in node.dependencies where !computable.contains(ObjectIdentifier(x)) {
                    throw KerasError(.invalidGraph, "Graph disconnected in model \"\(modelName)\": layer \"\(node.layer.name)\" needs \(x), which does not come from the model's inputs \(inputs.map { $0.name ?? "?" }). Add the Input it depends on to inputs.")
                }
                for y in node.outputs { computable.insert(ObjectIdentifier(y)) }
                if !node.isInput { run.append(node) }
            }
        }
        for (i, y) in outputs.enumerated() where !computable.contains(ObjectIdentifier(y)) {
            throw KerasError(.invalidGraph, "Output \(i) of model \"\(modelName)\" does not depend on the model's inputs.")
        }
        runOrder = run
        var last: [ObjectIdentifier: Int] = [:]
        for (step, node) in run.enumerated() { for x in node.dependencies { last[ObjectIdentifier(x)] = step } }
        for y in outputs { last[ObjectIdentifier(y)] = Int.max }
        lastUse = last
    }

    /// Runs the graph on concrete inputs (already checked), keeping each intermediate tensor only
    /// until its last use. Returns the outputs and their masks.
    func run(_ values: [Tensor], masks: [Tensor?], training: Bool) throws -> (outputs: [Tensor], masks: [Tensor?]) {
        var live: [ObjectIdentifier: (Tensor, Tensor?)] = [:]
        for (i, x) in inputs.enumerated() { live[ObjectIdentifier(x)] = (values[i], masks[i]) }
        for (step, node) in runOrder.enumerated() {
            let args = node.inputs.map { live[ObjectIdentifier($0)]! }
            let result: (outputs: [Tensor], masks: [Tensor?])
            do {
                let masks = try node.masks.map { try explicitMasks($0, of: node, inputs: args.map(\.0), live: live) } ?? args.map(\.1)
                result = try node.layer.invoke(args.map(\.0), training: training, masks: masks)
            } catch let error as KerasError {
                throw error.within(model: modelName)
            }
            for (j, slot) in node.outputSlots.enumerated() {
                guard let y = slot else { continue }
                live[ObjectIdentifier(y)] = (result.outputs[j], j < result.masks.count ? result.masks[j] : nil)
            }
            for x in node.dependencies where lastUse[ObjectIdentifier(x)] == step { live[ObjectIdentifier(x)] = nil }
        }
        let out = outputs.map { live[ObjectIdentifier($0)]! }
        return (out.map(\.0), out.map(\.1))
    }

    /// The values of a node's explicit masks, checked against its inputs' shapes: a mask has the
    /// leading axes of its input.
    private func explicitMasks(_ masks: [KerasTensor?], of node: Node, inputs: [Tensor],
                               live: [ObjectIdentifier: (Tensor, Tensor?)]) throws -> [Tensor?] {
        try zip(masks, inputs).map { mask, input in
            guard let mask, let value = live[ObjectIdentifier(mask)]?.0 else { return nil }
            guard value.rank <= input.rank, Array(input.shape.prefix(value.rank)) == value.shape else {
                throw KerasError(.incompatibleShape, "Layer \"\(node.layer.name)\" (\(node.layer.className)) received a mask of shape \(value.shape.asTensorShape.kerasDescription) for an input of shape \(input.shape.asTensorShape.kerasDescription); a mask has the leading axes of its input.")
            }
            return value
        }
    }
}
