/// A plain stack of layers, each feeding the next (Keras's `Sequential`).
///
/// With an ``Input(shape:batchSize:dtype:name:)`` first, the model is built at once and shape
/// errors surface as layers are added; without one it builds on the first data it sees.
///
/// ```swift
/// let model = try Sequential {
///     Input(shape: [28, 28, 1])
///     Flatten()
///     try Dense(128, activation: .relu)
///     try Dense(10, activation: .softmax)
/// }
/// model.summary()
/// ```
open class Sequential: Model {
    private var stack: [Layer] = []
    /// The model's Input, when given or found from the first data.
    private(set) var input: KerasTensor?

    /// Makes a model from a list of layers, optionally starting at `input`.
    public init(_ layers: [Layer] = [], input: KerasTensor? = nil, name: String? = nil) throws {
        super.init(name: name ?? LayerNaming.uniqueName("sequential"))
        if let input { try add(input) }
        for layer in layers { try add(layer) }
    }

    /// Makes a model from a result-builder block of an optional `Input` and layers.
    public convenience init(name: String? = nil, @SequentialBuilder _ content: () throws -> [SequentialBuilder.Item]) throws {
        try self.init([], name: name)
        for item in try content() {
            switch item {
            case .input(let t): try add(t)
            case .layer(let l): try add(l)
            }
        }
    }

    /// `"Sequential"`.
    override open class var kerasClassName: String { "Sequential" }

    /// The layers of the stack (without the InputLayer, as in Keras).
    override open var layers: [Layer] { stack }

    override open var sublayers: [Layer] { stack }

    override open var kerasConfig: JSONObject { sequentialKerasConfig }

    /// Sets the model's input; only before any layer is added.
    public func add(_ input: KerasTensor) throws {
        guard stack.isEmpty, self.input == nil else {
            throw KerasError(.invalidArgument, "An Input can only be the first element of Sequential model \"\(name)\"; it already has \(stack.isEmpty ? "an input" : "layers").")
        }
        guard input.node?.isInput == true else {
            throw KerasError(.invalidArgument, "Sequential model \"\(name)\" takes a tensor made by Input(shape:), got \(input).")
        }
        self.input = input
        try rebuild()
    }

    /// Appends a layer; with a known input shape the layer is called (and checked) at once.
    public func add(_ layer: Layer) throws {
        if let inner = layer as? InputLayer {
            try add(inner.output)
            return
        }
        stack.append(layer)
        do {
            try rebuild()
        } catch {
            stack.removeLast()
            try? rebuild()
            throw error
        }
    }

    /// Removes the last layer (Keras's `pop`).
    public func pop() throws {
        guard !stack.isEmpty else {
            throw KerasError(.invalidArgument, "Sequential model \"\(name)\" has no layers to pop.")
        }
        stack.removeLast()
        try rebuild()
    }

    /// Rebuilds the graph from the input through every layer, when the input is known.
    private func rebuild() throws {
        guard let input else { graph = nil; isBuilt = false; return }
        var x = input
        do {
            // Inside the model's name scope, as Keras builds a Sequential's layers.
            try LayerNaming.withScope(of: self) { for layer in stack { x = try layer(x) } }
        } catch let error as KerasError {
            throw error.within(model: name)
        }
        graph = try FunctionalGraph(inputs: [input], outputs: [x], modelName: name)
        isBuilt = !stack.isEmpty
        buildShapes = [input.shape]
        inputSpec = [InputSpec(shape: input.shape)]
    }

    override open func build(inputShapes: [TensorShape]) throws {
        guard input == nil, let shape = inputShapes.first else { return }
        input = Input(shape: Array(shape.dropFirst()).map { $0 }, dtype: dtype)
        try rebuild()
    }

    override open func call(_ inputs: [Tensor], training: Bool, masks: [Tensor?]) throws -> [Tensor] {
        if graph == nil, let first = inputs.first {
            input = Input(shape: Array(first.shape.dropFirst()).asTensorShape, dtype: first.dtype.isFloatingPoint ? dtype : first.dtype)
            try rebuild()
        }
        return try super.call(inputs, training: training, masks: masks)
    }

    override open func computeOutputShapes(_ inputShapes: [TensorShape]) throws -> [TensorShape] {
        if graph == nil { try build(inputShapes: inputShapes) }
        return try super.computeOutputShapes(inputShapes)
    }
}

/// The result builder of ``Sequential/init(name:_:)``: an optional `Input` followed by layers,
/// with `if`, `if`/`else` and `for` allowed.
@resultBuilder
public enum SequentialBuilder {
    /// One element of the block.
    public enum Item {
        /// The model's input.
        case input(KerasTensor)
        /// A layer of the stack.
        case layer(Layer)
    }

    /// A layer in the block.
    public static func buildExpression(_ layer: Layer) -> [Item] { [.layer(layer)] }
    /// An `Input(...)` in the block.
    public static func buildExpression(_ input: KerasTensor) -> [Item] { [.input(input)] }
    /// A list of layers in the block.
    public static func buildExpression(_ layers: [Layer]) -> [Item] { layers.map { .layer($0) } }
    /// Joins the block's lines.
    public static func buildBlock(_ parts: [Item]...) -> [Item] { parts.flatMap { $0 } }
    /// An `if` without `else`.
    public static func buildOptional(_ part: [Item]?) -> [Item] { part ?? [] }
    /// The first branch of an `if`/`else`.
    public static func buildEither(first part: [Item]) -> [Item] { part }
    /// The second branch of an `if`/`else`.
    public static func buildEither(second part: [Item]) -> [Item] { part }
    /// A `for` loop.
    public static func buildArray(_ parts: [[Item]]) -> [Item] { parts.flatMap { $0 } }
}
