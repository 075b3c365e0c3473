// The Keras operations swift-keras rebuilds in saved Functional graphs: the classes Keras's own
// layers leave there when they compute masks (Embedding's and Masking's `NotEqual`, the merge
// layers' `LogicalOr`, `ExpandDims`, `ZerosLike`, `Concatenate`, `Any`) and the arithmetic users
// write on KerasTensors (`x + 1.0`, `x * 2`, `keras.ops.cast`, `keras.ops.sum`).

/// What one Keras operation computes, read from its class name and config.
enum OperationKind {
    /// Two operands, each a tensor or a Python number: arithmetic, comparisons, logic.
    case binary(BinaryOperation)
    /// One tensor, elementwise.
    case unary(UnaryOperation)
    /// A reduction over `axes` (all when `nil`).
    case reduction(ReductionOperation, axes: [Int]?, keepDimensions: Bool)
    /// `ExpandDims(axis)`: size-1 axes inserted at `axes` (of the output).
    case expandDims(axes: [Int])
    /// `Squeeze(axis)`: the given size-1 axes removed, or every size-1 axis.
    case squeeze(axes: [Int]?)
    /// `Reshape(newshape)`, batch axis included, `-1` once at most.
    case reshape([Int])
    /// `Transpose(axes)`: the axes permuted, or reversed when `nil`.
    case transpose([Int]?)
    /// `Concatenate(axis)` of a list of tensors.
    case concatenate(axis: Int)
    /// `ZerosLike(dtype)` / `OnesLike(dtype)`: `value` in the input's shape.
    case filledLike(value: Double, dtype: DType?)
    /// `Cast(dtype)` (module `keras.src.ops.core`).
    case cast(DType)
}

/// The elementwise operations of two operands.
enum BinaryOperation: String, CaseIterable {
    case add = "Add", subtract = "Subtract", multiply = "Multiply", divide = "Divide"
    case trueDivide = "TrueDivide", floorDivide = "FloorDivide", mod = "Mod", power = "Power"
    case maximum = "Maximum", minimum = "Minimum"
    case equal = "Equal", notEqual = "NotEqual", greater = "Greater", greaterEqual = "GreaterEqual"
    case less = "Less", lessEqual = "LessEqual"
    case logicalAnd = "LogicalAnd", logicalOr = "LogicalOr", logicalXor = "LogicalXor"

    /// The tensor function, with Keras's dtype rules for tensors of matching or promotable dtypes.
    func apply(_ a: Tensor, _ b: Tensor) -> Tensor {
        switch self {
        case .add: return KerasCore.add(a, b)
        case .subtract: return KerasCore.subtract(a, b)
        case .multiply: return KerasCore.multiply(a, b)
        case .divide, .trueDivide: return KerasCore.divide(a, b)
        case .floorDivide: return KerasCore.floorDivide(a, b)
        case .mod: return KerasCore.mod(a, b)
        case .power: return KerasCore.power(a, b)
        case .maximum: return KerasCore.maximum(a, b)
        case .minimum: return KerasCore.minimum(a, b)
        case .equal: return KerasCore.equal(a, b)
        case .notEqual: return KerasCore.notEqual(a, b)
        case .greater: return KerasCore.greater(a, b)
        case .greaterEqual: return KerasCore.greaterEqual(a, b)
        case .less: return KerasCore.less(a, b)
        case .lessEqual: return KerasCore.lessEqual(a, b)
        case .logicalAnd: return KerasCore.logicalAnd(a, b)
        case .logicalOr: return KerasCore.logicalOr(a, b)
        case .logicalXor: return KerasCore.logicalXor(a, b)
        }
    }

    /// Why Keras refuses operands of these dtypes (JAX's `sub` takes no bools), or `nil`.
    func refusal(_ a: DType, _ b: DType) -> String? {
        switch self {
        case .subtract where a == .bool && b == .bool: return "subtracts no booleans"
        case .floorDivide where a == .bool && b == .bool, .mod where a == .bool && b == .bool:
            return "takes no pair of booleans"
        default: return nil
        }
    }
}

/// The elementwise operations of one tensor.
enum UnaryOperation: String, CaseIterable {
    case negative = "Negative", abs = "Abs", square = "Square", sqrt = "Sqrt", exp = "Exp", log = "Log"
    case logicalNot = "LogicalNot"

    func apply(_ x: Tensor) -> Tensor {
        switch self {
        case .negative: return KerasCore.negative(x)
        // The absolute value of a bool is itself in Keras.
        case .abs: return x.dtype == .bool ? x : KerasCore.abs(x)
        case .square: return KerasCore.square(x)
        case .sqrt: return KerasCore.sqrt(x)
        case .exp: return KerasCore.exp(x)
        case .log: return KerasCore.log(x)
        case .logicalNot: return KerasCore.logicalNot(x)
        }
    }

    /// Why Keras refuses a tensor of `dtype`, or `nil`.
    func refusal(_ dtype: DType) -> String? {
        self == .negative && dtype == .bool ? "negates no booleans" : nil
    }
}

/// The reductions.
enum ReductionOperation: String, CaseIterable {
    case any = "Any", all = "All", sum = "Sum", mean = "Mean", max = "Max", min = "Min"

    func apply(_ x: Tensor, axes: [Int]?, keep: Bool) -> Tensor {
        switch self {
        case .any: return x.any(axes: axes, keepingDimensions: keep)
        case .all: return x.all(axes: axes, keepingDimensions: keep)
        case .sum: return x.sum(axes: axes, keepingDimensions: keep)
        case .mean: return x.mean(axes: axes, keepingDimensions: keep)
        // Keras keeps a bool's dtype: the largest of booleans is their "any".
        case .max: return x.dtype == .bool ? x.any(axes: axes, keepingDimensions: keep) : x.max(axes: axes, keepingDimensions: keep)
        case .min: return x.dtype == .bool ? x.all(axes: axes, keepingDimensions: keep) : x.min(axes: axes, keepingDimensions: keep)
        }
    }
}

/// One supported Keras operation class: where Keras saves it from, the config keys it takes
/// besides `name` (with Keras's defaults), and how its config becomes an ``OperationKind``.
struct OperationClass: Sendable {
    let name: String
    let module: String
    let keys: [String: JSONValue]
    let make: @Sendable (OperationConfigReader) throws -> OperationKind

    static let numpy = "keras.src.ops.numpy"
    static let core = "keras.src.ops.core"

    /// Every supported class, by name.
    static let all: [String: OperationClass] = {
        var table: [String: OperationClass] = [:]
        func add(_ name: String, _ module: String = numpy, _ keys: [String: JSONValue] = [:], _ make: @escaping @Sendable (OperationConfigReader) throws -> OperationKind) {
            table[name] = OperationClass(name: name, module: module, keys: keys, make: make)
        }
        for op in BinaryOperation.allCases { add(op.rawValue) { _ in .binary(op) } }
        for op in UnaryOperation.allCases { add(op.rawValue) { _ in .unary(op) } }
        for op in ReductionOperation.allCases {
            var keys: [String: JSONValue] = ["axis": .null, "keepdims": false]
            if op == .max || op == .min { keys["initial"] = .null }
            add(op.rawValue, numpy, keys) { r in
                if op == .max || op == .min, let initial = r.values["initial"], !initial.isNull {
                    throw r.unsupported("initial=\(initial.serialized())")
                }
                return .reduction(op, axes: try r.axes("axis"), keepDimensions: try r.bool("keepdims"))
            }
        }
        add("ExpandDims", numpy, ["axis": .null]) { r in
            guard let axes = try r.axes("axis") else { throw r.invalid("needs an \"axis\"") }
            return .expandDims(axes: axes)
        }
        add("Squeeze", numpy, ["axis": .null]) { r in .squeeze(axes: try r.axes("axis")) }
        add("Reshape", numpy, ["newshape": .null]) { r in
            guard let shape = try r.axes("newshape") else { throw r.invalid("needs a \"newshape\"") }
            return .reshape(shape)
        }
        add("Transpose", numpy, ["axes": .null]) { r in .transpose(try r.axes("axes")) }
        add("Concatenate", numpy, ["axis": 0]) { r in
            guard let axes = try r.axes("axis"), axes.count == 1 else { throw r.invalid("needs one integer \"axis\"") }
            return .concatenate(axis: axes[0])
        }
        add("ZerosLike", numpy, ["dtype": .null]) { r in .filledLike(value: 0, dtype: try r.dtype("dtype")) }
        add("OnesLike", numpy, ["dtype": .null]) { r in .filledLike(value: 1, dtype: try r.dtype("dtype")) }
        add("Cast", core, ["dtype": .null]) { r in
            guard let dtype = try r.dtype("dtype") else { throw r.invalid("needs a \"dtype\"") }
            return .cast(dtype)
        }
        return table
    }()

    /// The class `className` saved from `module`, or `nil`. Keras 3.0 wrote modules without
    /// `src` (`keras.ops.numpy`).
    static func lookup(_ className: String, module: String) -> OperationClass? {
        guard let found = all[className] else { return nil }
        let normalized = module.hasPrefix("keras.ops.") ? "keras.src.ops." + module.dropFirst("keras.ops.".count) : module
        return found.module == normalized ? found : nil
    }

    /// `Add, All, Any, ...`: the supported class names, sorted.
    static var supportedNames: String { all.keys.sorted().joined(separator: ", ") }
}

/// Reads an operation's config values, naming the operation in its errors.
struct OperationConfigReader {
    let operation: String
    let values: JSONObject

    func invalid(_ why: String) -> KerasError {
        KerasError(.invalidConfig, "The config of operation \"\(operation)\" \(why), but received \(JSONValue.object(values).serialized().prefix(200)).")
    }

    func unsupported(_ what: String) -> KerasError {
        KerasError(.unsupported, "Operation \"\(operation)\" was saved with \(what), which swift-keras cannot compute.")
    }

    /// `null` -> `nil`; an integer -> one axis; a list of integers.
    func axes(_ key: String) throws -> [Int]? {
        switch values[key] {
        case nil, .null?: return nil
        case .int(let a)?: return [a]
        case .array(let list)?:
            let ints = list.compactMap(\.intValue)
            guard ints.count == list.count else { throw invalid("needs integers in \"\(key)\"") }
            return ints
        default: throw invalid("needs an integer, a list of integers or null in \"\(key)\"")
        }
    }

    func bool(_ key: String) throws -> Bool {
        switch values[key] {
        case nil, .null?: return false
        case .bool(let b)?: return b
        default: throw invalid("needs true or false in \"\(key)\"")
        }
    }

    func dtype(_ key: String) throws -> DType? {
        switch values[key] {
        case nil, .null?: return nil
        case .string(let name)?:
            guard let dtype = DType(rawValue: name), dtype != .string else {
                throw unsupported("the dtype \"\(name)\"")
            }
            return dtype
        case .object(let policy)?:
            // A DTypePolicy object: its name.
            if let name = policy["config"]?.objectValue?["name"]?.stringValue, let dtype = DType(rawValue: name), dtype != .string { return dtype }
            throw invalid("needs a dtype name in \"\(key)\"")
        default: throw invalid("needs a dtype name in \"\(key)\"")
        }
    }
}
