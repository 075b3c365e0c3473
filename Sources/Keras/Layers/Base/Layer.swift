/// The base class of every layer: Keras's `Layer` contract in Swift.
///
/// A layer validates its configuration in `init`, creates its weights in
/// ``build(inputShape:)`` through ``addWeight(name:shape:initializer:regularizer:constraint:trainable:dtype:)``
/// (Keras's names, shapes and order), computes in ``call(_:training:mask:)``, and reports its
/// output shape in ``computeOutputShape(_:)``. Layers stored in a layer's properties are tracked
/// automatically: their weights appear in ``weights`` without registration.
///
/// ```swift
/// final class Scale: Layer {
///     var factor: Variable!
///     override func build(inputShape: TensorShape) throws {
///         factor = try addWeight(name: "factor", shape: [inputShape.last!!], initializer: .ones)
///     }
///     override func call(_ x: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
///         x * factor.value
///     }
/// }
/// ```
open class Layer: CustomStringConvertible {
    /// The layer's name, unique in the session unless given (`dense`, `dense_1`, ...).
    public let name: String
    /// The dtype of the layer's weights and computation.
    public let dtype: DType
    /// Whether ``build(inputShape:)`` has run.
    public internal(set) var isBuilt = false
    /// What each input must look like; checked on every call.
    public var inputSpec: [InputSpec]?
    /// Whether the layer passes a mask through unchanged when it has no ``computeMask(_:masks:)``
    /// of its own.
    public var supportsMasking = false
    /// The calls of this layer on symbolic tensors, in order.
    public internal(set) var inboundNodes: [Node] = []
    /// The input shapes the layer was built with.
    public internal(set) var buildShapes: [TensorShape]?
    /// A penalty on the layer's outputs (Keras's `activity_regularizer`): after every call, in
    /// training and in inference, `regularizer(output) / batchSize` for each floating-point
    /// output joins ``losses``, and so a model's training loss. Layers whose Keras constructor
    /// names it take it as `activityRegularizer:`; any layer may be given one here, as Keras's
    /// base `Layer` accepts it for every class. See ``activityLoss(of:)``.
    ///
    /// ```swift
    /// let dense = try Dense(8, activityRegularizer: .l2(0.01))
    /// let flatten = Flatten()
    /// flatten.activityRegularizer = .l1(0.001)
    /// ```
    public var activityRegularizer: Regularizer?

    private var trainableFlag: Bool
    var ownVariables: [Variable] = []
    var regularizedVariables: [(Variable, Regularizer)] = []
    var constrainedVariables: [(Variable, Constraint)] = []
    /// Losses recorded since the outermost call began (``addLoss(_:)``, activity penalties).
    var callLosses: [Tensor] = []
    /// The dtype policy a loaded config named when it is not a plain dtype (`mixed_float16`),
    /// written back unchanged when the layer is saved.
    var dtypePolicyName: String?

    /// The dtype the layer computes in (Keras's `compute_dtype`): ``dtype``, or float16 /
    /// bfloat16 under a mixed policy (float32 variables, 16-bit math).
    public var computeDType: DType {
        switch dtypePolicyName {
        case "mixed_float16"?: return .float16
        case "mixed_bfloat16"?: return .bfloat16
        default: return dtype
        }
    }
    /// The build config a loaded config gave a class that Keras builds at init
    /// (``kerasBuildsAtInit``), written back unchanged when the layer is saved.
    var loadedKerasBuildConfig: JSONObject?

    /// Makes a layer; `name` defaults to the class's snake-case name, numbered to stay unique;
    /// `activityRegularizer` penalizes its outputs (see ``activityRegularizer``).
    public init(name: String? = nil, dtype: DType = .float32, trainable: Bool = true,
                activityRegularizer: Regularizer? = nil) {
        self.name = name ?? LayerNaming.uniqueName(LayerNaming.snakeCase(Self.kerasClassName))
        self.dtype = dtype
        self.trainableFlag = trainable
        self.activityRegularizer = activityRegularizer
    }

    /// Keras's class name for this layer type (`"Dense"`); defaults to the Swift class name.
    open class var kerasClassName: String {
        let full = String(describing: self)
        return full.split(separator: ".").last.map(String.init) ?? full
    }

    /// The class name of this instance, as the summary prints it.
    public var className: String { Self.kerasClassName }

    /// Whether a call casts floating inputs to ``computeDType`` first (Keras's `autocast`);
    /// Keras's operations and Functional models do not.
    var autocastsInputs: Bool { true }

    /// `<Dense name=dense, built=true>`
    public var description: String { "<\(className) name=\(name), built=\(isBuilt)>" }

    // MARK: Trainability

    /// Whether the layer's weights are trained. Setting it sets every sublayer too, so
    /// `model.trainable = false` freezes a whole model.
    public var trainable: Bool {
        get { trainableFlag }
        set {
            trainableFlag = newValue
            for layer in sublayers { layer.trainable = newValue }
        }
    }

    // MARK: Sublayers

    /// The layers this layer holds in its stored properties (a `Layer`, an optional one, or an
    /// array of them), found by reflection in declaration order; models override this with their
    /// graph's layers.
    open var sublayers: [Layer] {
        var found: [Layer] = []
        var seen = Set<ObjectIdentifier>([ObjectIdentifier(self)])
        func visit(_ value: Any) {
            if let layer = value as? Layer {
                if seen.insert(ObjectIdentifier(layer)).inserted { found.append(layer) }
            } else if let layers = value as? [Layer] {
                for layer in layers where seen.insert(ObjectIdentifier(layer)).inserted { found.append(layer) }
            }
        }
        var mirrors: [Mirror] = []
        var mirror: Mirror? = Mirror(reflecting: self)
        while let m = mirror { mirrors.append(m); mirror = m.superclassMirror }
        for m in mirrors.reversed() { for child in m.children { visit(child.value) } }
        return found
    }

    // MARK: Weights

    /// Creates a weight of this layer (Keras's `add_weight`), in Keras's order of creation.
    ///
    /// - Parameters:
    ///   - name: the weight's name within the layer (`"kernel"`, `"bias"`).
    ///   - shape: the weight's shape.
    ///   - initializer: how to fill it; Glorot uniform by default, as in Keras.
    ///   - regularizer: a penalty added to ``losses``.
    ///   - constraint: a projection applied after each optimizer update.
    ///   - trainable: `false` for statistics such as BatchNormalization's moving mean.
    ///   - dtype: the weight's dtype, or `nil` for the layer's ``dtype``.
    ///
    /// - Throws: ``KerasError`` when the initializer cannot fill `shape` (e.g. Identity on a
    ///   shape that is not 2-D), when `shape` has more than
    ///   ``Initializer/maximumElementCount`` elements, or, while a model file loads, when the
    ///   weights asked for are more than the file can hold.
    @discardableResult
    public func addWeight(name: String, shape: [Int], initializer: Initializer = .glorotUniform,
                          regularizer: Regularizer? = nil, constraint: Constraint? = nil,
                          trainable: Bool = true, dtype: DType? = nil) throws -> Variable {
        if let budget = WeightBudget.current, let count = Shape.checkedElementCount(shape) {
            try budget.spend(count, weight: name, shape: shape, layer: self.name)
        }
        let value = try initializer(shape, dtype: dtype ?? self.dtype)
        let variable = Variable(value, name: name, path: LayerNaming.path(of: name, in: self), trainable: trainable)
        ownVariables.append(variable)
        if let regularizer { regularizedVariables.append((variable, regularizer)) }
        if let constraint {
            constrainedVariables.append((variable, constraint))
            variable.constraint = { constraint($0) }
        }
        return variable
    }

    /// Every weight: this layer's in creation order, then its sublayers' (each once).
    public var weights: [Variable] {
        var result = ownVariables
        var seen = Set(result.map(ObjectIdentifier.init))
        for layer in sublayers {
            for v in layer.weights where seen.insert(ObjectIdentifier(v)).inserted { result.append(v) }
        }
        return result
    }

    /// The weights an optimizer updates: none when the layer is frozen.
    public var trainableWeights: [Variable] {
        guard trainable else { return [] }
        var result = ownVariables.filter(\.trainable)
        var seen = Set(result.map(ObjectIdentifier.init))
        for layer in sublayers {
            for v in layer.trainableWeights where seen.insert(ObjectIdentifier(v)).inserted { result.append(v) }
        }
        return result
    }

    /// The weights no optimizer updates: all of them when the layer is frozen.
    public var nonTrainableWeights: [Variable] {
        let trainableIDs = Set(trainableWeights.map(ObjectIdentifier.init))
        return weights.filter { !trainableIDs.contains(ObjectIdentifier($0)) }
    }

    /// The same as ``trainableWeights``: the form a custom training loop reads.
    public var trainableVariables: [Variable] { trainableWeights }

    /// The current values of ``weights``, in order (Keras's `get_weights`).
    public func getWeights() -> [Tensor] { weights.map(\.value) }

    /// Replaces the values of ``weights``, in order (Keras's `set_weights`).
    ///
    /// - Throws: ``KerasError`` when the count or a shape differs; nothing is changed then.
    public func setWeights(_ values: [Tensor]) throws {
        let targets = weights
        guard values.count == targets.count else {
            throw KerasError(.invalidArgument, "Layer \"\(name)\" has \(targets.count) weights (\(targets.map { Shape.describe($0.shape) }.joined(separator: ", "))) but setWeights received \(values.count) values.")
        }
        for (i, (v, t)) in zip(values, targets).enumerated() where v.shape != t.shape {
            throw KerasError(.incompatibleShape, "Weight \(i) (\"\(t.name)\") of layer \"\(name)\" has shape \(Shape.describe(t.shape)) but the value given has shape \(Shape.describe(v.shape)).")
        }
        for (v, t) in zip(values, targets) { t.assign(v) }
    }

    /// The number of scalars in ``weights`` (0 before the layer is built).
    public func countParams() -> Int { weights.reduce(0) { $0 + Shape.elementCount($1.shape) } }

    /// The constraint registered for `variable`, if any (applied after optimizer updates).
    public func constraint(for variable: Variable) -> Constraint? {
        if let c = constrainedVariables.first(where: { $0.0 === variable })?.1 { return c }
        for layer in sublayers { if let c = layer.constraint(for: variable) { return c } }
        return nil
    }

    // MARK: Keras configuration (saving)

    /// Keras's `get_config()`: the constructor arguments that rebuild this layer, with Keras's
    /// snake_case keys. The base holds `name`, `trainable` and `dtype`; each layer adds its own
    /// keys (`var config = super.kerasConfig; config["units"] = ...`). Read back by the layer's
    /// ``KerasSerializable`` initializer.
    ///
    /// ```swift
    /// try Dense(3).kerasConfig["units"]   // 3
    /// ```
    open var kerasConfig: JSONObject { baseKerasConfig }

    /// The keys every layer writes: `name`, `trainable`, `dtype` (a `DTypePolicy` object), and
    /// `activity_regularizer` when the layer has one (Keras's base `get_config`; classes whose
    /// Keras config always holds the key, `null` included, set it again in their own place, which
    /// keeps this position as Python's dict merge does).
    public final var baseKerasConfig: JSONObject {
        var config: JSONObject = ["name": .string(name), "trainable": .bool(trainable), "dtype": DTypePolicy.serialized(dtype)]
        if let activityRegularizer { config["activity_regularizer"] = activityRegularizer.kerasConfig }
        return config
    }

    /// Keras's `get_build_config()`: the input shape(s) the layer was built with
    /// (`{"input_shape": [null, 4]}`), or `nil` when it is not built. Layers built from named
    /// shapes (MultiHeadAttention) override it.
    open var kerasBuildConfig: JSONObject? {
        // Keras records no build shapes for a class it builds in its constructor, unless the
        // layer was built explicitly (here: from a loaded build config, written back as read).
        if Self.kerasBuildsAtInit { return loadedKerasBuildConfig }
        guard isBuilt, let shapes = buildShapes, !(self is InputLayer) else { return nil }
        let encoded = shapes.map(ShapeConfig.value)
        return ["input_shape": shapes.count == 1 ? encoded[0] : .array(encoded)]
    }

    /// Whether Keras builds this class in its constructor (`_build_at_init`, or `built = True`):
    /// layers without weights such as activations, dropout, pooling and Reshape. Keras then
    /// records no build shapes when the layer is first called, so a saved model has no
    /// `build_config` for it; ``kerasBuildConfig`` follows that rule for classes that say `true`.
    open class var kerasBuildsAtInit: Bool { false }

    /// Keras's `build_from_config`: builds the layer from what ``kerasBuildConfig`` wrote, so its
    /// weights exist before a file's values are loaded into them.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for a build config this layer cannot read.
    open func build(fromKerasConfig config: JSONObject) throws {
        if Self.kerasBuildsAtInit, config["input_shape"].map({ !$0.isNull }) ?? false { loadedKerasBuildConfig = config }
        guard !isBuilt, let value = config["input_shape"], !value.isNull else { return }
        let shapes = try ShapeConfig.shapes(from: value, owner: "Layer \"\(name)\" (\(className)) build_config")
        try buildIfNeeded(shapes)
    }

    /// How Keras records one call of this layer in a saved graph: the positional and keyword
    /// arguments, with the call's input tensors (already written as `__keras_tensor__` dicts) in
    /// place. By default one input is the single positional argument and several inputs are one
    /// list (`Concatenate()([a, b])`); layers called with named tensors override it.
    open func kerasNodeArguments(_ tensors: [JSONValue]) -> (args: [JSONValue], kwargs: JSONObject) {
        if tensors.count == 1 {
            return ([tensors[0]], Self.kerasCallTakesMask ? ["mask": .null] : [:])
        }
        return ([.array(tensors)], [:])
    }

    /// Replays one call of a saved graph on symbolic tensors (see ``SavedCall``). By default the
    /// tensors are the inputs and the call's explicit masks (``SavedCall/masks``) are the masks
    /// of its inputs; a `null` mask and the `training` keyword are accepted (masks then flow
    /// through the graph by themselves) and any other keyword is refused. Layers with named
    /// tensor arguments (attention) override it.
    ///
    /// - Throws: ``KerasError`` `.unsupported` naming a keyword argument the layer cannot take.
    open func callSymbolically(_ call: SavedCall) throws -> [KerasTensor] {
        for key in call.options.keys where key != "mask" && key != "training" {
            throw KerasError(.unsupported, "Layer \"\(name)\" (\(className)) was called with the argument \(key)=\(call.options[key]!.serialized()) in the saved graph, which swift-keras cannot replay for this layer.")
        }
        if let key = call.tensorKeywords.keys.sorted().first {
            throw KerasError(.unsupported, "Layer \"\(name)\" (\(className)) was called with a tensor for the argument \"\(key)\" in the saved graph, which swift-keras cannot replay for this layer.")
        }
        return try invokeSymbolic(call.tensors, masks: call.masks)
    }

    /// The Python module Keras exports this class from (`"keras.layers"`).
    open class var kerasModule: String { "keras.layers" }

    /// Whether Keras's `call` of this class takes a `mask` argument; Keras then records
    /// `"mask": null` among the keyword arguments of each node of a saved graph.
    open class var kerasCallTakesMask: Bool { false }

    // MARK: The contract subclasses override

    /// Creates the weights for inputs of `inputShape`. Called once, before the first call.
    open func build(inputShape: TensorShape) throws {}

    /// Creates the weights for several inputs; by default forwards a single shape to
    /// ``build(inputShape:)``.
    open func build(inputShapes: [TensorShape]) throws {
        if inputShapes.count == 1 { try build(inputShape: inputShapes[0]) }
    }

    /// Computes the output of one input.
    open func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        throw KerasError(.unsupported, "Layer \"\(name)\" (\(className)) does not implement call(_:training:mask:); override it in the subclass.")
    }

    /// Computes the outputs of several inputs; by default forwards one input to
    /// ``call(_:training:mask:)``.
    open func call(_ inputs: [Tensor], training: Bool, masks: [Tensor?]) throws -> [Tensor] {
        guard inputs.count == 1 else {
            throw KerasError(.invalidArgument, "Layer \"\(name)\" (\(className)) expects 1 input, but it received \(inputs.count) input tensors.")
        }
        return [try call(inputs[0], training: training, mask: masks.first ?? nil)]
    }

    /// The output shape for one input shape. By default the layer is run on small zero tensors
    /// to find it (axes that change with the batch come out unknown); layers override this to
    /// answer without computing.
    open func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape {
        try probeOutputShapes([inputShape])[0]
    }

    /// The output shapes for several input shapes; by default forwards one shape to
    /// ``computeOutputShape(_:)`` and probes otherwise.
    open func computeOutputShapes(_ inputShapes: [TensorShape]) throws -> [TensorShape] {
        if inputShapes.count == 1 { return [try computeOutputShape(inputShapes[0])] }
        return try probeOutputShapes(inputShapes)
    }

    /// The masks of the outputs: by default the input masks pass through when
    /// ``supportsMasking`` is set, and are dropped otherwise.
    open func computeMask(_ inputs: [Tensor], masks: [Tensor?]) throws -> [Tensor?] {
        guard supportsMasking, let first = masks.first else { return [nil] }
        return [first]
    }

    /// Whether the layer creates a mask of its own even when its inputs have none (Embedding with
    /// `maskZero`, Masking); such layers override ``computeMask(_:masks:)``.
    open var producesMasks: Bool { false }

    /// The dtype of the outputs given the inputs' dtypes: the layer's own dtype by default.
    open func computeOutputDType(_ inputDTypes: [DType]) -> DType { computeDType }

    // MARK: State and assets in model files

    /// Named datasets written beside the layer's numbered variables in its `vars` group of a
    /// weights file (Keras's `save_own_variables` entries that are not variables, such as a
    /// lookup layer's `idf_weights`). None by default.
    var savedState: [(name: String, value: Tensor)] { [] }

    /// Takes back the named datasets of ``savedState`` read from a weights file (called after
    /// the variables are assigned, before ``loadAssets(_:)``).
    func loadSavedState(_ state: [String: Tensor]) throws {}

    /// The files of the layer's assets folder in a `.keras` archive (Keras's `save_assets`, such
    /// as a learned `vocabulary.txt`), by file name. None by default.
    var savedAssets: [(name: String, bytes: [UInt8])] { [] }

    /// Takes back the files of the layer's assets folder read from a `.keras` archive.
    func loadAssets(_ files: [String: [UInt8]]) throws {}

    /// Whether the layer takes `string` tensors (the text layers, and models, whose layers
    /// check for themselves); other layers refuse text with a thrown error.
    var acceptsText: Bool { false }

    /// Why this layer cannot be written to a Keras config (it holds a Swift function), or `nil`.
    var unsavableReason: String? { nil }

    /// Keras attribute names of layers held in stored properties whose Swift names do not
    /// snake-case to them (`lookupLayer` → `_lookup_layer`), by Swift property name.
    var kerasAttributeNames: [String: String] { [:] }
}
