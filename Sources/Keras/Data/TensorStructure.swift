/// Data that a model takes or gives: one tensor, a list of tensors (one per model input or
/// output, in order) or a dictionary keyed by input or output name — the structures Keras's
/// `fit(x, y)` accepts.
///
/// `Tensor`, `[Tensor]` and `[String: Tensor]` conform, so each can be passed where a
/// `TensorStructure` is expected:
///
/// ```swift
/// try model.fit(x, y)                                  // one input, one output
/// try model.fit([images, metadata], [labels, boxes])   // by position
/// try model.fit(["image": images], ["label": labels])  // by name
/// ```
public protocol TensorStructure {
    /// This value as one of the three structures.
    var structuredTensors: StructuredTensors { get }
}

/// The three shapes of data a model exchanges: see ``TensorStructure``.
public enum StructuredTensors: Sendable {
    /// One tensor (a model with one input or one output).
    case single(Tensor)
    /// Tensors by position.
    case list([Tensor])
    /// Tensors by input or output name.
    case named([String: Tensor])

    /// The tensors in the order of `names` (a model's input or output names).
    ///
    /// - Parameter role: `"x"`, `"y"` or `"sample_weight"`, for messages.
    /// - Throws: ``KerasError`` when the count differs from `names` or a name is missing or
    ///   unknown.
    func flattened(as names: [String], role: String, model: String) throws -> [Tensor] {
        switch self {
        case .single(let t):
            guard names.count == 1 else {
                throw KerasError(.invalidArgument, "Model \"\(model)\" has \(names.count) \(role == "x" ? "inputs" : "outputs") (\(names.joined(separator: ", "))) but `\(role)` is a single tensor of shape \(Shape.describe(t.shape)). Pass a list of \(names.count) tensors or a dictionary keyed by \(names.map { "\"\($0)\"" }.joined(separator: ", ")).")
            }
            return [t]
        case .list(let ts):
            guard ts.count == names.count else {
                throw KerasError(.invalidArgument, "Model \"\(model)\" has \(names.count) \(role == "x" ? "inputs" : "outputs") (\(names.joined(separator: ", "))) but `\(role)` holds \(ts.count) tensors. Pass exactly one tensor per \(role == "x" ? "input" : "output"), in that order.")
            }
            return ts
        case .named(let dict):
            if let unknown = dict.keys.sorted().first(where: { !names.contains($0) }) {
                throw KerasError.unknown(role == "x" ? "input name" : "output name", unknown, known: names)
            }
            return try names.map { n in
                guard let t = dict[n] else {
                    throw KerasError(.invalidArgument, "`\(role)` has no entry for \"\(n)\" of model \"\(model)\": it has the keys \(dict.keys.sorted()), expected \(names).")
                }
                return t
            }
        }
    }
}

extension StructuredTensors: TensorStructure {
    /// Itself.
    public var structuredTensors: StructuredTensors { self }

    /// Every tensor it holds (a dictionary's in no particular order).
    var tensors: [Tensor] {
        switch self {
        case .single(let t): return [t]
        case .list(let ts): return ts
        case .named(let d): return Array(d.values)
        }
    }

    /// The same structure with `transform` applied to each tensor.
    func map(_ transform: (Tensor) -> Tensor) -> StructuredTensors {
        switch self {
        case .single(let t): return .single(transform(t))
        case .list(let ts): return .list(ts.map(transform))
        case .named(let d): return .named(d.mapValues(transform))
        }
    }
}

extension Tensor: TensorStructure {
    /// `.single(self)`.
    public var structuredTensors: StructuredTensors { .single(self) }
}

extension Array: TensorStructure where Element == Tensor {
    /// `.list(self)`.
    public var structuredTensors: StructuredTensors { .list(self) }
}

extension Dictionary: TensorStructure where Key == String, Value == Tensor {
    /// `.named(self)`.
    public var structuredTensors: StructuredTensors { .named(self) }
}
