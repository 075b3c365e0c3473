/// A Keras operation in a model graph (Keras's `keras.Operation`): a computation without weights
/// that Keras records as a node of a Functional graph, beside the layers.
///
/// Python Keras leaves operations in saved graphs in two ways. Its layers compute masks with them:
/// an `Embedding(mask_zero=True)` feeding an `LSTM` is saved with a `NotEqual(tokens, 0)` node whose
/// output reaches the LSTM as the explicit `mask` of its call; `Masking` adds `NotEqual` and `Any`,
/// merge layers `LogicalOr`, `ExpandDims`, `ZerosLike`, `Concatenate` and `Any`. And arithmetic on
/// symbolic tensors (`x + 1.0`, `x * 2`, `keras.ops.cast(x, "float32")`) is saved as operations.
///
/// ``loadModel(from:)`` rebuilds these nodes, computes them exactly as Keras does (Python numbers
/// among the arguments are typed as Keras types them: `int32_tokens != 0` compares integers,
/// `int32_x + 1.0` is `float32`), and writes them back when the model is saved. Supported classes:
/// the binary `Add`, `Subtract`, `Multiply`, `Divide`, `TrueDivide`, `FloorDivide`, `Mod`,
/// `Power`, `Maximum`, `Minimum`, `Equal`, `NotEqual`, `Greater`, `GreaterEqual`, `Less`,
/// `LessEqual`, `LogicalAnd`, `LogicalOr`, `LogicalXor`; the unary `Negative`, `Abs`, `Square`,
/// `Sqrt`, `Exp`, `Log`, `LogicalNot`; the reductions `Any`, `All`, `Sum`, `Mean`, `Max`, `Min`;
/// `ExpandDims`, `Squeeze`, `Reshape`, `Transpose`, `Concatenate`, `ZerosLike`, `OnesLike` and
/// `Cast`. Another class gives an error naming it and its module.
///
/// An operation is not a layer of its model: ``Model/layers`` leaves it out, as Keras's
/// `model.layers` does, and it holds no weights; ``Model/summary(lineLength:expandNested:printFunction:)``
/// lists it, as Keras's does. ``Model/operations`` holds the graph's layers and operations, and
/// each tensor an operation produces names it in ``KerasTensor/history``.
///
/// ```swift
/// let model = try loadModel(from: "embedding_lstm.keras")   // saved by Python Keras
/// model.layers.map(\.name)      // ["tokens", "embedding", "lstm", "out"]
/// model.summary()               // also lists "not_equal (NotEqual)", the LSTM's mask
/// let y = try model.predict(tokens)
/// ```
public final class KerasOperation: Layer {
    /// Keras's class name (`"NotEqual"`).
    public let operationClassName: String
    /// The Python module Keras saves the class from (`"keras.src.ops.numpy"`).
    public let operationModule: String
    let kind: OperationKind
    /// The config besides `name`, as read (written back unchanged).
    private let configValues: JSONObject
    /// The positional arguments of the operation's call, with its tensors left as places; set by
    /// the symbolic call that puts the operation in a graph.
    private(set) var arguments: [OperationArgument]?

    init(class operationClass: OperationClass, config: JSONObject, name: String) throws {
        let reader = OperationConfigReader(operation: name, values: config)
        kind = try operationClass.make(reader)
        operationClassName = operationClass.name
        operationModule = operationClass.module
        configValues = config
        super.init(name: name)
        isBuilt = true
    }

    /// Rebuilds the operation a saved graph describes (`{"module", "class_name", "config"}`).
    ///
    /// - Throws: ``KerasError`` `.unknownName` for a class swift-keras does not compute, naming it
    ///   and its module, and `.invalidConfig` or `.unsupported` for a config it cannot read.
    static func deserialize(_ object: JSONObject, className: String, module: String) throws -> KerasOperation {
        guard let operationClass = OperationClass.lookup(className, module: module) else {
            throw KerasError(.unknownName, "Unknown Keras operation \"\(className)\" (module \"\(module)\") in the config. swift-keras rebuilds these operations in Functional graphs: \(OperationClass.supportedNames).")
        }
        var config: JSONObject
        switch object["config"] {
        case .object(let c)?: config = c
        case nil, .null?: config = [:]
        case let other?:
            throw KerasError(.invalidConfig, "The \"config\" of operation class \"\(className)\" must be a dict, but received \(other.serialized().prefix(200)).")
        }
        let name = config["name"]?.stringValue ?? object["name"]?.stringValue ?? LayerNaming.uniqueName(LayerNaming.snakeCase(className))
        config["name"] = nil
        if let unknown = config.keys.first(where: { operationClass.keys[$0] == nil }) {
            throw KerasError(.invalidConfig, "Operation \"\(name)\" (\(className)) has the config key \"\(unknown)\", which Keras's \(className) does not take; it takes \(operationClass.keys.keys.sorted().map { "\"\($0)\"" }.joined(separator: ", ")).")
        }
        return try KerasOperation(class: operationClass, config: config, name: name)
    }

    override public var className: String { operationClassName }

    /// Keras's `get_config()` of the operation: `name` and the keys it was read with.
    override public var kerasConfig: JSONObject {
        var config: JSONObject = ["name": .string(name)]
        for key in configValues.keys { config[key] = configValues[key] }
        return config
    }

    /// What Keras writes for an operation: no `build_config`, its class name as registered name.
    var serializedOperation: JSONValue {
        ["module": .string(operationModule), "class_name": .string(operationClassName),
         "config": .object(kerasConfig), "registered_name": .string(operationClassName)]
    }

    /// Keras does not cast an operation's inputs to a compute dtype.
    override var autocastsInputs: Bool { false }

    // MARK: The call in a graph

    override public func kerasNodeArguments(_ tensors: [JSONValue]) -> (args: [JSONValue], kwargs: JSONObject) {
        guard let arguments else { return (tensors, [:]) }
        return (OperationArgument.serialized(arguments, tensors: tensors), [:])
    }

    /// Replays the operation's call from a saved graph: positional tensors and Python numbers.
    ///
    /// - Throws: ``KerasError`` `.unsupported` for keyword arguments, a `mask`, an argument that
    ///   is not a tensor, number or list, or a second call laid out differently from the first.
    override public func callSymbolically(_ call: SavedCall) throws -> [KerasTensor] {
        if let key = (call.options.keys + call.tensorKeywords.keys.sorted()).first {
            throw KerasError(.unsupported, "Operation \"\(name)\" (\(className)) was called with the keyword argument \"\(key)\" in the saved graph; swift-keras replays operations called with positional arguments only.")
        }
        if call.masks != nil {
            throw KerasError(.unsupported, "Operation \"\(name)\" (\(className)) was called with a mask in the saved graph; Keras operations take none.")
        }
        let parsed = try OperationArgument.parse(call.arguments, operation: name)
        guard OperationArgument.tensorCount(parsed) == call.tensors.count else {
            throw KerasError(.invalidConfig, "Operation \"\(name)\" (\(className)) has a saved call whose arguments hold \(OperationArgument.tensorCount(parsed)) tensors, but \(call.tensors.count) were found.")
        }
        if let arguments, arguments != parsed {
            throw KerasError(.unsupported, "Operation \"\(name)\" (\(className)) is called twice in the saved graph with different arguments; swift-keras replays an operation with one layout of arguments.")
        }
        let previous = arguments
        arguments = parsed
        do {
            try checkArguments(parsed)
            // Refusals Keras makes while the graph is built (a negated bool) come here too.
            _ = try outputDType(OperationArgument.resolved(parsed, with: call.tensors.map(\.dtype)))
            return try allOutputs(call.tensors)
        } catch {
            arguments = previous
            throw error
        }
    }

    /// The arguments of the call, or an error when the operation was never put in a graph.
    func recordedArguments() throws -> [OperationArgument] {
        guard let arguments else {
            throw KerasError(.unsupported, "Operation \"\(name)\" (\(className)) has no recorded call: Keras operations run only as nodes of a Functional graph read from a config.")
        }
        return arguments
    }

    override public func call(_ inputs: [Tensor], training: Bool, masks: [Tensor?]) throws -> [Tensor] {
        let operands = OperationArgument.resolved(try recordedArguments(), with: inputs)
        return [try compute(operands)]
    }

    override public func computeOutputShapes(_ inputShapes: [TensorShape]) throws -> [TensorShape] {
        [try outputShape(OperationArgument.resolved(try recordedArguments(), with: inputShapes))]
    }

    override public func computeOutputDType(_ inputDTypes: [DType]) -> DType {
        guard let arguments else { return dtype }
        return (try? outputDType(OperationArgument.resolved(arguments, with: inputDTypes))) ?? dtype
    }
}
