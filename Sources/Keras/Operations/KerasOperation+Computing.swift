// What an operation computes on concrete tensors, and the shape and dtype it gives symbolic ones.
// Shapes follow Keras's `compute_output_spec` (unknown axes stay unknown; an unknown axis meets a
// known one as the known one); concrete shapes are checked again before computing, so a file's
// graph that cannot run throws instead of reaching a kernel.

extension KerasOperation {
    private func failure(_ kind: KerasError.Kind, _ message: String) -> KerasError {
        KerasError(kind, "Operation \"\(name)\" (\(className)) \(message)")
    }

    /// Checks the layout of the arguments for the operation's kind: two tensors or numbers (one
    /// tensor at least) for binary operations, one list of tensors for `Concatenate`, one tensor
    /// otherwise.
    func checkArguments(_ arguments: [OperationArgument]) throws {
        switch kind {
        case .binary:
            let valid = arguments.count == 2 && arguments.allSatisfy { if case .list = $0 { return false } else { return true } }
                && arguments.contains(.tensor)
            guard valid else { throw failure(.invalidConfig, "takes two arguments, tensors or Python numbers and at least one tensor, but its saved call has \(arguments.count) argument(s) laid out as \(arguments).") }
        case .concatenate:
            guard arguments.count == 1, case .list(let items) = arguments[0], !items.isEmpty, items.allSatisfy({ $0 == .tensor }) else {
                throw failure(.invalidConfig, "takes one list of tensors, but its saved call has the arguments \(arguments).")
            }
        default:
            guard arguments == [.tensor] else {
                throw failure(.invalidConfig, "takes one tensor, but its saved call has the arguments \(arguments).")
            }
        }
    }

    // MARK: Concrete tensors

    func compute(_ operands: [Operand<Tensor>]) throws -> Tensor {
        let tensors = operands.flatMap { operand -> [Tensor] in
            switch operand {
            case .tensor(let t): return [t]
            case .list(let items): return items.compactMap(\.tensor)
            case .scalar: return []
            }
        }
        if tensors.contains(where: { $0.dtype == .string }) {
            throw failure(.unsupported, "received a string tensor; Keras operations in saved graphs compute on numbers and booleans.")
        }
        switch kind {
        case .binary(let op):
            let (a, b) = try binaryOperands(operands)
            if let refusal = op.refusal(a.dtype, b.dtype) { throw failure(.unsupported, "\(refusal), as in Keras; received \(a.dtype) and \(b.dtype).") }
            guard Shape.broadcast(a.shape, b.shape) != nil else {
                throw failure(.incompatibleShape, "cannot broadcast shapes \(a.shape.asTensorShape.kerasDescription) and \(b.shape.asTensorShape.kerasDescription) together.")
            }
            return op.apply(a, b)
        case .unary(let op):
            let x = tensors[0]
            if let refusal = op.refusal(x.dtype) { throw failure(.unsupported, "\(refusal), as in Keras; received a \(x.dtype) tensor.") }
            return op.apply(x)
        case .reduction(let op, let axes, let keep):
            let x = tensors[0]
            return op.apply(x, axes: try normalizedAxes(axes, rank: x.rank), keep: keep)
        case .expandDims(let axes):
            var result = tensors[0]
            for axis in try expandedAxes(axes, rank: tensors[0].rank) { result = result.expandingDimensions(axis: axis) }
            return result
        case .squeeze(let axes):
            let x = tensors[0]
            guard let axes else { return x.squeezed() }
            let resolved = try normalizedAxes(axes, rank: x.rank) ?? []
            if let bad = resolved.first(where: { x.shape[$0] != 1 }) {
                throw failure(.incompatibleShape, "cannot squeeze axis \(bad) of a tensor of shape \(x.shape.asTensorShape.kerasDescription): its size is not 1.")
            }
            return x.squeezed(axes: resolved)
        case .reshape(let target):
            let x = tensors[0]
            return x.reshaped(to: try reshapeTarget(target, from: x.shape.asTensorShape).map { $0! })
        case .transpose(let axes):
            let x = tensors[0]
            return x.transposed(axes: try permutation(axes, rank: x.rank))
        case .concatenate(let axis):
            let shapes = tensors.map { $0.shape.asTensorShape }
            _ = try concatenatedShape(shapes, axis: axis, known: true)
            let a = Shape.normalizedAxis(axis, rank: tensors[0].rank)!
            return KerasCore.concatenate(tensors, axis: a)
        case .filledLike(let value, let dtype):
            let x = tensors[0]
            return Tensor.full(x.shape, value: value, dtype: dtype ?? x.dtype)
        case .cast(let dtype):
            return KerasCore.cast(tensors[0], to: dtype)
        }
    }

    /// The two operands of a binary operation as tensors: a Python number takes the dtype Keras
    /// gives it beside the other operand.
    private func binaryOperands(_ operands: [Operand<Tensor>]) throws -> (Tensor, Tensor) {
        switch (operands[0], operands[1]) {
        case (.tensor(let a), .tensor(let b)): return (a, b)
        case (.tensor(let a), .scalar(let s)): return (a, s.tensor(s.dtype(besides: a.dtype)))
        case (.scalar(let s), .tensor(let b)): return (s.tensor(s.dtype(besides: b.dtype)), b)
        default: throw failure(.invalidConfig, "needs a tensor among its two arguments.")
        }
    }

    // MARK: Symbolic shapes and dtypes

    func outputShape(_ operands: [Operand<TensorShape>]) throws -> TensorShape {
        let shapes = operands.flatMap { operand -> [TensorShape] in
            switch operand {
            case .tensor(let s): return [s]
            case .list(let items): return items.compactMap(\.tensor)
            case .scalar: return []
            }
        }
        switch kind {
        case .binary:
            let a = operands[0].tensor ?? [], b = operands[1].tensor ?? []
            guard let shape = Self.broadcast(a, b) else {
                throw failure(.incompatibleShape, "cannot broadcast shapes \(a.kerasDescription) and \(b.kerasDescription) together.")
            }
            return shape
        case .unary, .filledLike, .cast:
            return shapes[0]
        case .reduction(_, let axes, let keep):
            let x = shapes[0]
            let reduced = Set(try normalizedAxes(axes, rank: x.count) ?? Array(x.indices))
            return keep ? x.indices.map { reduced.contains($0) ? 1 : x[$0] } : x.indices.filter { !reduced.contains($0) }.map { x[$0] }
        case .expandDims(let axes):
            var result = shapes[0]
            for axis in try expandedAxes(axes, rank: result.count) { result.insert(1, at: axis) }
            return result
        case .squeeze(let axes):
            let x = shapes[0]
            guard let axes else { return x.filter { $0 != 1 } }
            let resolved = try normalizedAxes(axes, rank: x.count) ?? []
            if let bad = resolved.first(where: { x[$0] != 1 }) {
                throw failure(.incompatibleShape, "cannot squeeze axis \(bad) of a tensor of shape \(x.kerasDescription): its size is not 1.")
            }
            return x.indices.filter { !resolved.contains($0) }.map { x[$0] }
        case .reshape(let target):
            return try reshapeTarget(target, from: shapes[0])
        case .transpose(let axes):
            let x = shapes[0]
            return try permutation(axes, rank: x.count).map { x[$0] }
        case .concatenate(let axis):
            return try concatenatedShape(shapes, axis: axis, known: false)
        }
    }

    func outputDType(_ operands: [Operand<DType>]) throws -> DType {
        switch kind {
        case .binary, .unary, .reduction:
            // The dtype of the computation itself, on one-element tensors.
            let probes: [Operand<Tensor>] = operands.map { operand in
                switch operand {
                case .tensor(let d): return .tensor(Tensor.ones(kind.isReduction ? [1] : [], dtype: d))
                case .scalar(let s): return .scalar(s)
                case .list: return .list([])
                }
            }
            if case .reduction(let op, _, _) = kind, let x = probes[0].tensor { return op.apply(x, axes: nil, keep: false).dtype }
            return try compute(probes).dtype
        case .expandDims, .squeeze, .reshape, .transpose:
            return operands[0].tensor ?? dtype
        case .concatenate:
            guard case .list(let items) = operands[0] else { return dtype }
            let dtypes = items.compactMap(\.tensor)
            return dtypes.dropFirst().reduce(dtypes.first ?? dtype) { DType.promoted($0, $1) }
        case .filledLike(_, let target):
            return target ?? operands[0].tensor ?? dtype
        case .cast(let target):
            return target
        }
    }

    // MARK: Axes

    /// Keras's `broadcast_shapes`: aligned from the right, an axis of 1 takes the other's size, an
    /// unknown axis meets a known one as the known one.
    static func broadcast(_ a: TensorShape, _ b: TensorShape) -> TensorShape? {
        let rank = Swift.max(a.count, b.count)
        let a = TensorShape(repeating: 1, count: rank - a.count) + a
        let b = TensorShape(repeating: 1, count: rank - b.count) + b
        var out: TensorShape = []
        for (x, y) in zip(a, b) {
            switch (x, y) {
            case (1, _): out.append(y)
            case (_, 1): out.append(x)
            case (nil, _): out.append(y)
            case (_, nil): out.append(x)
            case let (x?, y?): if x == y { out.append(x) } else { return nil }
            }
        }
        return out
    }

    /// `axes` within `0..<rank`, each once; `nil` stays `nil`.
    private func normalizedAxes(_ axes: [Int]?, rank: Int) throws -> [Int]? {
        guard let axes else { return nil }
        var result: [Int] = []
        for axis in axes {
            guard let a = Shape.normalizedAxis(axis, rank: rank) else {
                throw failure(.invalidArgument, "has the axis \(axis), which is out of range for a tensor of rank \(rank).")
            }
            guard !result.contains(a) else { throw failure(.invalidArgument, "repeats the axis \(axis).") }
            result.append(a)
        }
        return result
    }

    /// The positions of the new axes of `ExpandDims` in the output, ascending.
    private func expandedAxes(_ axes: [Int], rank: Int) throws -> [Int] {
        try (normalizedAxes(axes, rank: rank + axes.count) ?? []).sorted()
    }

    private func permutation(_ axes: [Int]?, rank: Int) throws -> [Int] {
        guard let axes else { return Array((0..<rank).reversed()) }
        let resolved = try normalizedAxes(axes, rank: rank) ?? []
        guard resolved.count == rank else {
            throw failure(.invalidArgument, "has the axes \(axes), which do not permute the \(rank) axes of its input.")
        }
        return resolved
    }

    /// The shape of `Reshape(target)`: `-1` is inferred when the input's size is known, and
    /// stays unknown otherwise.
    private func reshapeTarget(_ target: [Int], from shape: TensorShape) throws -> TensorShape {
        guard target.allSatisfy({ $0 >= 1 || $0 == -1 }), target.filter({ $0 == -1 }).count <= 1 else {
            throw failure(.invalidConfig, "has the new shape \(target); each axis must be at least 1, with one -1 at most.")
        }
        let newShape: TensorShape = target.map { $0 == -1 ? nil : $0 }
        guard shape.allSatisfy({ $0 != nil }) else { return newShape }
        guard let count = Shape.checkedElementCount(shape.map { $0! }),
              let concrete = resolvedReshape(newShape, count: count) else {
            throw failure(.incompatibleShape, "cannot reshape a tensor of shape \(shape.kerasDescription) to \(newShape.kerasDescription): the element counts differ.")
        }
        return concrete.asTensorShape
    }

    /// `shape` with its unknown axis (one at most) filled so that it holds `count` elements; `nil`
    /// when none does (or the known axes alone hold more elements than an Int counts).
    private func resolvedReshape(_ shape: TensorShape, count: Int) -> [Int]? {
        var known = 1
        for size in shape.compactMap({ $0 }) {
            let (product, overflow) = known.multipliedReportingOverflow(by: size)
            if overflow { return nil }
            known = product
        }
        if shape.allSatisfy({ $0 != nil }) { return known == count ? shape.map { $0! } : nil }
        guard known > 0, count % known == 0 else { return nil }
        return shape.map { $0 ?? count / known }
    }

    /// The shape of `Concatenate(axis)`; `known` for concrete shapes, which must agree exactly.
    private func concatenatedShape(_ shapes: [TensorShape], axis: Int, known: Bool) throws -> TensorShape {
        let rank = shapes[0].count
        guard shapes.allSatisfy({ $0.count == rank }) else {
            throw failure(.incompatibleShape, "concatenates tensors of different ranks: \(shapes.map(\.kerasDescription).joined(separator: ", ")).")
        }
        guard let a = Shape.normalizedAxis(axis, rank: rank) else {
            throw failure(.invalidArgument, "has the axis \(axis), which is out of range for tensors of rank \(rank).")
        }
        var out = shapes[0]
        for shape in shapes.dropFirst() {
            for i in 0..<rank {
                if i == a { out[i] = out[i].flatMap { x in shape[i].map { x + $0 } }; continue }
                switch (out[i], shape[i]) {
                case let (x?, y?) where x != y:
                    throw failure(.incompatibleShape, "concatenates tensors of shapes \(shapes.map(\.kerasDescription).joined(separator: ", ")) along axis \(axis); every other axis must match.")
                case (nil, let y): out[i] = y
                default: break
                }
            }
        }
        return out
    }
}

extension OperationKind {
    var isReduction: Bool {
        if case .reduction = self { return true }
        return false
    }
}
