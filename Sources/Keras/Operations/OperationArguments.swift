// The positional arguments of one operation call in a saved graph: tensors of the graph, Python
// numbers (the `0` of `NotEqual(tokens, 0)`), and lists of them (`Concatenate([a, b])`). Keras
// writes them as they were passed; the tensors are `__keras_tensor__` objects.

/// A Python number among an operation's arguments. Keras types it "weakly": it takes the dtype
/// of the tensor it meets where it can (Keras's `result_type` with `int`, `float` or `bool`).
enum PythonScalar: Equatable {
    case int(Int)
    case float(Double)
    case bool(Bool)

    /// Reads `0`, `2.5`, `true`; `nil` for anything else.
    init?(_ value: JSONValue) {
        switch value {
        case .int(let v): self = .int(v)
        case .double(let v): self = .float(v)
        case .bool(let v): self = .bool(v)
        default: return nil
        }
    }

    /// The value as Keras writes it.
    var json: JSONValue {
        switch self {
        case .int(let v): return .int(v)
        case .float(let v): return .double(v)
        case .bool(let v): return .bool(v)
        }
    }

    /// The dtype Keras gives this number beside a tensor of `dtype`: an `int` takes an integer
    /// or float tensor's dtype and makes a bool one `int32`; a `float` takes a float tensor's
    /// dtype and is `float32` beside integers and bools; a `bool` takes any dtype.
    func dtype(besides dtype: DType) -> DType {
        switch self {
        case .int: return dtype == .bool ? .int32 : dtype
        case .float: return dtype.isFloatingPoint ? dtype : .float32
        case .bool: return dtype
        }
    }

    /// The dtype of the number alone (Keras's `int` -> `int32`, `float` -> `float32`).
    var defaultDType: DType {
        switch self {
        case .int: return .int32
        case .float: return .float32
        case .bool: return .bool
        }
    }

    /// The number as a rank-0 tensor of `dtype`.
    func tensor(_ dtype: DType) -> Tensor {
        switch self {
        case .int(let v): return Tensor([v], shape: [], dtype: dtype)
        case .float(let v): return Tensor(v, dtype: dtype)
        case .bool(let v): return Tensor(v ? 1.0 : 0.0, dtype: dtype)
        }
    }
}

/// One positional argument of an operation call, with its tensors left as places to fill.
indirect enum OperationArgument: Equatable {
    /// The next tensor of the call.
    case tensor
    /// A Python number.
    case scalar(PythonScalar)
    /// A list (`ops.concatenate([a, b])`).
    case list([OperationArgument])

    /// Reads saved arguments; `__keras_tensor__` objects become ``tensor``.
    ///
    /// - Throws: ``KerasError`` `.unsupported` for an argument that is neither a tensor, a number
    ///   nor a list of them (a string, `None`, a NumPy array), naming the operation.
    static func parse(_ values: [JSONValue], operation: String) throws -> [OperationArgument] {
        func one(_ value: JSONValue) throws -> OperationArgument {
            if value.objectValue?["class_name"]?.stringValue == "__keras_tensor__" { return .tensor }
            if let scalar = PythonScalar(value) { return .scalar(scalar) }
            if let list = value.arrayValue { return .list(try list.map(one)) }
            throw KerasError(.unsupported, "Operation \"\(operation)\" was called with the argument \(value.serialized().prefix(200)) in the saved graph; swift-keras replays operations on tensors, Python numbers and lists of them only.")
        }
        return try values.map(one)
    }

    /// How many tensors the arguments take.
    static func tensorCount(_ arguments: [OperationArgument]) -> Int {
        arguments.reduce(0) { count, argument in
            switch argument {
            case .tensor: return count + 1
            case .scalar: return count
            case .list(let items): return count + tensorCount(items)
            }
        }
    }

    /// The arguments as Keras writes them, with `tensors` (already serialized) in place.
    static func serialized(_ arguments: [OperationArgument], tensors: [JSONValue]) -> [JSONValue] {
        var next = tensors.makeIterator()
        func one(_ argument: OperationArgument) -> JSONValue {
            switch argument {
            case .tensor: return next.next() ?? .null
            case .scalar(let s): return s.json
            case .list(let items): return .array(items.map(one))
            }
        }
        return arguments.map(one)
    }

    /// The arguments with `values` (tensors, shapes or dtypes) in place of the tensors.
    static func resolved<T>(_ arguments: [OperationArgument], with values: [T]) -> [Operand<T>] {
        var next = values.makeIterator()
        func one(_ argument: OperationArgument) -> Operand<T> {
            switch argument {
            case .tensor: return next.next().map { .tensor($0) } ?? .list([])
            case .scalar(let s): return .scalar(s)
            case .list(let items): return .list(items.map(one))
            }
        }
        return arguments.map(one)
    }
}

/// An argument of an operation call with its tensor (or the tensor's shape or dtype) in place.
enum Operand<T> {
    case tensor(T)
    case scalar(PythonScalar)
    case list([Operand<T>])

    /// The tensor, if this is one.
    var tensor: T? {
        if case .tensor(let t) = self { return t }
        return nil
    }
}
