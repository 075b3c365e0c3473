/// A model: a layer made of layers, which can be trained, evaluated and saved.
///
/// Three ways to make one, as in Keras:
///
/// - **Functional**: connect symbolic tensors, then `Model(inputs:outputs:)` — any graph,
///   several inputs and outputs, shared layers, nested models.
/// - **Sequential**: a plain stack (``Sequential``).
/// - **Subclassing**: inherit from `Model`, keep layers in properties, override
///   ``Layer/call(_:training:mask:)``.
///
/// ```swift
/// let inputs = Input(shape: [784])
/// let hidden = try Dense(64, activation: .relu)(inputs)
/// let outputs = try Dense(10)(hidden)
/// let model = try Model(inputs: [inputs], outputs: [outputs])
/// let logits = try model(Tensor.zeros([32, 784]))
/// ```
open class Model: Layer {
    var graph: FunctionalGraph?
    /// The keys of a model made with outputs keyed by name, in output order.
    var outputKeys: [String]?
    /// What `compile` set up (optimizer, losses, metrics); `nil` before.
    var compiled: CompiledTraining?
    /// Set to `true` (by a callback) to end `fit` after the current batch.
    public var stopTraining = false
    /// The record of the last `fit`.
    public internal(set) var history: History?
    /// The epoch a callback (BackupAndRestore) asks the next fit to start from.
    var resumeEpoch: Int?

    deinit {
        // The input layers' tensors need no longer be kept alive by their layers (see Node).
        for layer in graph?.layers ?? [] { (layer as? InputLayer)?.releaseOutput() }
    }

    /// A Functional model from `inputs` (made by ``Input(shape:batchSize:dtype:name:)``) to `outputs`.
    ///
    /// - Throws: ``KerasError`` when an input is not an `Input`, an output does not depend on the
    ///   inputs, or the graph has a cycle.
    public init(inputs: [KerasTensor], outputs: [KerasTensor], name: String? = nil) throws {
        super.init(name: name ?? LayerNaming.uniqueName("functional"))
        graph = try FunctionalGraph(inputs: inputs, outputs: outputs, modelName: self.name)
        isBuilt = true
        buildShapes = inputs.map(\.shape)
        inputSpec = inputs.map { InputSpec(shape: $0.shape) }
    }

    /// A Functional model with one input and one output.
    public convenience init(inputs: KerasTensor, outputs: KerasTensor, name: String? = nil) throws {
        try self.init(inputs: [inputs], outputs: [outputs], name: name)
    }

    /// A Functional model whose outputs are keyed by name (Keras's dict outputs); the outputs are
    /// ordered by key, and ``namedOutputs(_:training:)-([Tensor],_)`` returns them keyed the same way.
    public convenience init(inputs: [KerasTensor], outputs: [String: KerasTensor], name: String? = nil) throws {
        let keys = outputs.keys.sorted()
        try self.init(inputs: inputs, outputs: keys.map { outputs[$0]! }, name: name)
        outputKeys = keys
    }

    /// A model to subclass: keep layers in stored properties and override
    /// ``Layer/call(_:training:mask:)``.
    public init(name: String? = nil, dtype: DType = .float32) {
        super.init(name: name, dtype: dtype)
    }

    /// `"Functional"` for graph models, the subclass's name otherwise.
    override open class var kerasClassName: String {
        self == Model.self ? "Functional" : super.kerasClassName
    }

    /// `"keras.src.models.functional"` for graph models, `"keras"` for Sequential and subclasses.
    override open class var kerasModule: String {
        self == Model.self ? "keras.src.models.functional" : "keras"
    }

    /// Keras's models take a `mask` argument in `call`.
    override open class var kerasCallTakesMask: Bool { true }

    /// A graph model's config (`layers`, `input_layers`, `output_layers`); a subclassed model's
    /// base config.
    override open var kerasConfig: JSONObject { graph == nil ? super.kerasConfig : functionalKerasConfig }

    /// `{"input_shape": null}` for a graph model, as Keras writes; the build shapes otherwise.
    override open var kerasBuildConfig: JSONObject? {
        graph == nil || self is Sequential ? super.kerasBuildConfig : ["input_shape": .null]
    }

    /// The model's symbolic inputs (Functional and built Sequential models).
    public var inputs: [KerasTensor] { graph?.inputs ?? [] }
    /// The model's symbolic outputs (Functional and built Sequential models).
    public var outputs: [KerasTensor] { graph?.outputs ?? [] }
    /// The names of the inputs, for feeding data by name.
    public var inputNames: [String] { inputs.map { $0.name ?? "" } }
    /// The outputs' names: the keys of a model made with keyed outputs, else the names of the
    /// layers producing them.
    public var outputNames: [String] { outputKeys ?? outputs.map { $0.history?.layer.name ?? "" } }

    /// The model's layers: the graph's (with its InputLayers) in Keras's order for Functional
    /// models, the tracked properties for subclassed ones.
    open var layers: [Layer] { graph?.layers ?? super.sublayers }

    override open var sublayers: [Layer] { graph?.layers ?? super.sublayers }

    /// The layers and the Keras operations of a Functional graph, in Keras's order (Keras's
    /// `model.operations`): ``layers`` plus the ``KerasOperation`` nodes (a mask's `NotEqual`,
    /// `x + 1`) of a graph read from a Keras file. ``layers`` for other models.
    public var operations: [Layer] { graph?.operations ?? layers }

    /// The layer called `name`.
    public func getLayer(named name: String) throws -> Layer {
        guard let layer = layers.first(where: { $0.name == name }) else {
            throw KerasError.unknown("layer", name, known: layers.map(\.name))
        }
        return layer
    }

    /// The layer at `index` in ``layers``.
    public func getLayer(index: Int) throws -> Layer {
        guard layers.indices.contains(index) else {
            throw KerasError(.invalidArgument, "Model \"\(name)\" has \(layers.count) layers; index \(index) is out of range.")
        }
        return layers[index]
    }

    override open func computeOutputShapes(_ inputShapes: [TensorShape]) throws -> [TensorShape] {
        guard let graph else { return try super.computeOutputShapes(inputShapes) }
        return graph.outputs.map(\.shape)
    }

    /// Takes text.
    override var acceptsText: Bool { true }

    override open func call(_ inputs: [Tensor], training: Bool, masks: [Tensor?]) throws -> [Tensor] {
        guard let graph else { return try super.call(inputs, training: training, masks: masks) }
        guard !autocastsInputs else { return try graph.run(inputs, masks: masks, training: training).outputs }
        // Keras's Functional converts each input to its Input's dtype (`_standardize_inputs`).
        let converted = zip(inputs, graph.inputs).map { x, input in
            x.dtype == input.dtype || x.dtype == .string || input.dtype == .string ? x : cast(x, to: input.dtype)
        }
        return try graph.run(converted, masks: masks, training: training).outputs
    }

    /// A Functional model does not cast its inputs to its compute dtype: Keras's Functional
    /// takes each input in its Input's dtype instead (a float16 Input stays float16). Sequential
    /// and subclassed models cast, as Keras's do.
    override var autocastsInputs: Bool { graph == nil || self is Sequential }

    /// Runs the model on inputs fed by name (the names of its `Input`s).
    public func callAsFunction(_ inputs: [String: Tensor], training: Bool = false) throws -> Tensor {
        try callAsFunction(orderedInputs(inputs), training: training)
    }

    /// Runs the model and returns its outputs keyed by ``outputNames``.
    public func namedOutputs(_ inputs: [Tensor], training: Bool = false) throws -> [String: Tensor] {
        let values = try allOutputs(inputs, training: training)
        return Dictionary(uniqueKeysWithValues: zip(outputNames, values))
    }

    /// Runs the model on inputs fed by name and returns its outputs keyed by ``outputNames``.
    public func namedOutputs(_ inputs: [String: Tensor], training: Bool = false) throws -> [String: Tensor] {
        try namedOutputs(orderedInputs(inputs), training: training)
    }

    /// Orders named inputs as the model's inputs.
    func orderedInputs(_ named: [String: Tensor]) throws -> [Tensor] {
        let names = inputNames
        if let unknown = named.keys.sorted().first(where: { !names.contains($0) }) {
            throw KerasError.unknown("input", unknown, known: names)
        }
        return try names.map { n in
            guard let t = named[n] else {
                throw KerasError(.invalidArgument, "Missing data for input \"\(n)\" of model \"\(name)\". You passed a dictionary with keys \(named.keys.sorted()). Expected the keys \(names).")
            }
            return t
        }
    }
}
