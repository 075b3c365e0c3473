// Calling a layer: on concrete tensors (computes) or on symbolic ones (records a graph node).

extension Layer {
    /// Runs the layer on one tensor (inference unless `training`).
    ///
    /// The first call builds the layer's weights from the input's shape. Inputs are checked
    /// against ``inputSpec`` first; a mismatch throws a ``KerasError`` naming the layer.
    public func callAsFunction(_ input: Tensor, training: Bool = false, mask: Tensor? = nil) throws -> Tensor {
        try single(invoke([input], training: training, masks: [mask]).outputs)
    }

    /// Runs a layer that takes several tensors (a merging layer, a multi-input model).
    public func callAsFunction(_ inputs: [Tensor], training: Bool = false) throws -> Tensor {
        try single(invoke(inputs, training: training, masks: inputs.map { _ in nil }).outputs)
    }

    /// Runs the layer and returns every output (a multi-output model, an RNN returning its states).
    public func allOutputs(_ inputs: [Tensor], training: Bool = false) throws -> [Tensor] {
        try invoke(inputs, training: training, masks: inputs.map { _ in nil }).outputs
    }

    /// Calls the layer on a symbolic tensor: checks it, builds the weights, infers the output
    /// shape and records the call in the graph. Nothing is computed.
    public func callAsFunction(_ input: KerasTensor) throws -> KerasTensor {
        try single(invokeSymbolic([input]))
    }

    /// Calls a layer that takes several symbolic tensors.
    public func callAsFunction(_ inputs: [KerasTensor]) throws -> KerasTensor {
        try single(invokeSymbolic(inputs))
    }

    /// Calls the layer on symbolic tensors and returns every output.
    public func allOutputs(_ inputs: [KerasTensor]) throws -> [KerasTensor] {
        try invokeSymbolic(inputs)
    }

    private func single<T>(_ outputs: [T]) throws -> T {
        guard outputs.count == 1 else {
            throw KerasError(.invalidArgument, "Layer \"\(name)\" (\(className)) returns \(outputs.count) outputs; use allOutputs(_:) to get all of them.")
        }
        return outputs[0]
    }

    /// Checks, builds if needed, and computes outputs and their masks; records the activity
    /// penalties of the outputs.
    func invoke(_ inputs: [Tensor], training: Bool, masks: [Tensor?]) throws -> (outputs: [Tensor], masks: [Tensor?]) {
        let shapes = inputs.map { $0.shape.asTensorShape }
        try checkInputs(shapes)
        try buildIfNeeded(shapes)
        // Keras clears losses when the outermost call begins (no layer's call is running), so a
        // layer called twice inside a model keeps the losses of both calls.
        if LayerNaming.scope.isEmpty { clearCallLosses() }
        // Keras's autocast: floating inputs in the compute dtype; under a mixed policy the
        // float32 variables read as it too.
        let target = computeDType
        let inputs = inputs.map { $0.dtype.isFloatingPoint && target.isFloatingPoint && $0.dtype != target ? cast($0, to: target) : $0 }
        let outputs = try Variable.autocasting(to: target == dtype ? nil : target) {
            try LayerNaming.withScope(of: self) { try call(inputs, training: training, masks: masks) }
        }
        try recordActivityLosses(outputs)
        let hasMask = masks.contains { $0 != nil }
        let outputMasks = hasMask || producesMasks ? try computeMask(inputs, masks: masks) : outputs.map { _ in nil }
        return (outputs, outputMasks)
    }

    func invokeSymbolic(_ inputs: [KerasTensor]) throws -> [KerasTensor] {
        let shapes = inputs.map(\.shape)
        // A graph tensor with an empty axis can only fail later, in the kernels (a maximum
        // over nothing); refuse it while the graph is built.
        if let empty = shapes.first(where: { $0.contains(0) }) {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (\(className)) received an input of shape \(empty.kerasDescription), which has an empty axis. Give every axis of the model's inputs a size of at least 1 (or None).")
        }
        try checkInputs(shapes)
        try buildIfNeeded(shapes)
        let outputShapes = try computeOutputShapes(shapes)
        for shape in outputShapes {
            let known = shape.compactMap { $0 }
            guard known.allSatisfy({ $0 >= 1 && $0 <= LayerConfig.integerLimit }), Shape.isAddressable(known) else {
                throw KerasError(.incompatibleShape, "Layer \"\(name)\" (\(className)) would output the shape \(shape.kerasDescription) for inputs of shape \(shapes.map(\.kerasDescription).joined(separator: ", ")), which no tensor can have (each axis from 1 to 2^31 − 1, 2^60 elements in all). Check the sizes in the layer's arguments and its input shape.")
            }
        }
        let outputDType = computeOutputDType(inputs.map(\.dtype))
        let outputs = outputShapes.map { KerasTensor(shape: $0, dtype: outputDType) }
        let node = Node(layer: self, inputs: inputs, outputs: outputs)
        inboundNodes.append(node)
        for (i, t) in outputs.enumerated() { t.history = (self, inboundNodes.count - 1, i) }
        return outputs
    }

    func checkInputs(_ shapes: [TensorShape]) throws {
        guard let specs = inputSpec else { return }
        guard specs.count == shapes.count else {
            throw KerasError(.invalidArgument, "Layer \"\(name)\" (\(className)) expects \(specs.count) input(s), but it received \(shapes.count) input tensors with shapes \(shapes.map(\.kerasDescription).joined(separator: ", ")).")
        }
        for (i, (spec, shape)) in zip(specs, shapes).enumerated() { try spec.check(shape, input: i, layer: self) }
    }

    func buildIfNeeded(_ shapes: [TensorShape]) throws {
        guard !isBuilt else { return }
        try LayerNaming.withScope(of: self) { try build(inputShapes: shapes) }
        isBuilt = true
        buildShapes = shapes
    }
}
