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

    /// Calls the layer on a symbolic tensor with an explicit mask (Keras's `layer(x, mask=m)`):
    /// when the model runs, the value of `mask` reaches the layer's call as the mask of `input`,
    /// in place of the mask that would flow from the layers before. `nil` leaves the mask to flow.
    ///
    /// ```swift
    /// let tokens = Input(shape: [6], dtype: .int32)
    /// let keep = Input(shape: [6], dtype: .bool)
    /// let h = try LSTM(8)(try Embedding(inputDim: 100, outputDim: 4)(tokens), mask: keep)
    /// ```
    ///
    /// - Throws: ``KerasError`` when the layer's Keras `call` takes no `mask` (Dense, Conv2D:
    ///   Python Keras could not load the model), or when `mask` is a string tensor, has more axes
    ///   than `input`, or its axes disagree with the leading axes of `input`.
    public func callAsFunction(_ input: KerasTensor, mask: KerasTensor?) throws -> KerasTensor {
        try single(allOutputs([input], masks: [mask]))
    }

    /// Calls the layer on symbolic tensors with an explicit mask for each (`nil` for none), and
    /// returns every output (see ``callAsFunction(_:mask:)``).
    public func allOutputs(_ inputs: [KerasTensor], masks: [KerasTensor?]) throws -> [KerasTensor] {
        if masks.contains(where: { $0 != nil }) && !type(of: self).kerasCallTakesMask {
            throw KerasError(.unsupported, "Layer \"\(name)\" (\(className)) takes no mask argument in Keras (its call has none), so a graph passing it one could not be loaded by Python Keras. Give the mask to a layer that uses one (an RNN, GlobalAveragePooling1D, BatchNormalization, TimeDistributed, Bidirectional, Softmax, a model).")
        }
        return try invokeSymbolic(inputs, masks: masks.allSatisfy({ $0 == nil }) ? nil : masks)
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
        try checkText(inputs.map(\.dtype), shapes)
        try checkInputs(shapes)
        try buildIfNeeded(shapes)
        // Keras clears losses when the outermost call begins (no layer's call is running), so a
        // layer called twice inside a model keeps the losses of both calls.
        if LayerNaming.scope.isEmpty { clearCallLosses() }
        // Keras's autocast: floating inputs in the compute dtype; under a mixed policy the
        // float32 variables read as it too.
        let target = computeDType
        let inputs = !autocastsInputs ? inputs : inputs.map { $0.dtype.isFloatingPoint && target.isFloatingPoint && $0.dtype != target ? cast($0, to: target) : $0 }
        let outputs = try Variable.autocasting(to: target == dtype ? nil : target) {
            try LayerNaming.withScope(of: self) { try call(inputs, training: training, masks: masks) }
        }
        try recordActivityLosses(outputs)
        let hasMask = masks.contains { $0 != nil }
        let outputMasks = hasMask || producesMasks ? try computeMask(inputs, masks: masks) : outputs.map { _ in nil }
        return (outputs, outputMasks)
    }

    /// Records a call on symbolic tensors; `masks` (one per input, `nil` for none) are explicit
    /// masks, which replace the ones flowing from earlier layers when the graph runs.
    func invokeSymbolic(_ inputs: [KerasTensor], masks: [KerasTensor?]? = nil) throws -> [KerasTensor] {
        let shapes = inputs.map(\.shape)
        try checkText(inputs.map(\.dtype), shapes)
        if let masks { try checkExplicitMasks(masks, for: inputs) }
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
        let node = Node(layer: self, inputs: inputs, outputs: outputs, masks: masks)
        inboundNodes.append(node)
        for (i, t) in outputs.enumerated() { t.history = (self, inboundNodes.count - 1, i) }
        return outputs
    }

    /// Explicit masks must be one per input, not strings, and shaped like the input's leading
    /// axes (`(batch, time)` for `(batch, time, features)`), as Keras's masks are.
    private func checkExplicitMasks(_ masks: [KerasTensor?], for inputs: [KerasTensor]) throws {
        guard masks.count == inputs.count else {
            throw KerasError(.invalidArgument, "Layer \"\(name)\" (\(className)) received \(masks.count) mask(s) for \(inputs.count) input(s); give one mask (or nil) per input.")
        }
        for (i, (mask, input)) in zip(masks, inputs).enumerated() {
            guard let mask else { continue }
            let fits = mask.dtype != .string && mask.rank <= input.rank
                && zip(mask.shape, input.shape).allSatisfy { m, x in m == nil || x == nil || m == x }
            guard fits else {
                throw KerasError(.incompatibleShape, "Layer \"\(name)\" (\(className)) received a mask of shape \(mask.shape.kerasDescription) and dtype \(mask.dtype) for its input \(i) of shape \(input.shape.kerasDescription). A mask has the leading axes of its input (such as (batch, time) for (batch, time, features)) and is not a string tensor.")
            }
        }
    }

    /// Refuses text for a layer that computes on numbers: only the text layers (and models,
    /// whose layers check for themselves) take `string` tensors.
    func checkText(_ dtypes: [DType], _ shapes: [TensorShape]) throws {
        guard !acceptsText, let i = dtypes.firstIndex(of: .string) else { return }
        throw KerasError(.invalidArgument, "Layer \"\(name)\" (\(className)) computes on numbers, but input \(i) is a string tensor of shape \(shapes[i].kerasDescription). Map text to numbers first with a TextVectorization, StringLookup or Hashing layer.")
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
