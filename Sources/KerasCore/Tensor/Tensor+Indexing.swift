// Gathering, scattering and sorting: take, take_along_axis, scatter, one_hot, sort, argsort, top_k.

extension Tensor {
    func checkedIndices(_ indices: Tensor, op: String) -> Tensor {
        guard indices.dtype.isInteger else {
            opFailure(op, "indices must be an integer tensor, got dtype \(indices.dtype).")
        }
        return indices.dtype == .int64 || indices.dtype == .int32 ? indices : KerasCore.cast(indices, to: .int32)
    }

    /// Picks slices along `axis` at `indices` (numpy / Keras `ops.take`); negative indices count from
    /// the end. The output replaces `axis` with `indices.shape`.
    ///
    /// ```swift
    /// embeddings.take(tokenIDs, axis: 0)   // [vocab, dim] with [batch, time] -> [batch, time, dim]
    /// ```
    public func take(_ indices: Tensor, axis: Int = 0) -> Tensor {
        let a = resolvedAxis(axis, op: "take")
        let idx = checkedIndices(indices, op: "take")
        Tensor.checkIndexRange(idx, size: shape[a], op: "take", axis: a, shape: shape)
        return dispatch(.take(axis: a), [self, idx])
    }

    /// Picks one element along `axis` for every position of `indices`, which has this tensor's rank
    /// (numpy / Keras `ops.take_along_axis`); other axes broadcast.
    public func takeAlongAxis(_ indices: Tensor, axis: Int) -> Tensor {
        let a = resolvedAxis(axis, op: "take_along_axis")
        let idx = checkedIndices(indices, op: "take_along_axis")
        guard idx.rank == rank else {
            opFailure("take_along_axis", "indices of shape \(Shape.describe(idx.shape)) need the rank of the input shape \(Shape.describe(shape)).")
        }
        Tensor.checkIndexRange(idx, size: shape[a], op: "take_along_axis", axis: a, shape: shape)
        var xShape = shape, iShape = idx.shape
        xShape[a] = 1; iShape[a] = 1
        guard let b = Shape.broadcast(xShape, iShape) else {
            opFailure("take_along_axis", "input \(Shape.describe(shape)) and indices \(Shape.describe(idx.shape)) do not broadcast outside axis \(axis).")
        }
        var xTarget = b, iTarget = b
        xTarget[a] = shape[a]; iTarget[a] = idx.shape[a]
        return dispatch(.takeAlongAxis(axis: a), [broadcasted(to: xTarget), idx.broadcasted(to: iTarget)])
    }

    /// Adds `updates` into this tensor at `indices` along `axis` (duplicates add up): the
    /// transpose of ``take(_:axis:)``. `updates` has the shape ``take(_:axis:)`` would return.
    public func indexAdd(_ indices: Tensor, _ updates: Tensor, axis: Int = 0) -> Tensor {
        guard dtype != .bool else {
            opFailure("index_add", "adds numbers, but the tensor has dtype bool; cast it to an integer or float dtype first.")
        }
        let a = resolvedAxis(axis, op: "index_add")
        let idx = checkedIndices(indices, op: "index_add")
        Tensor.checkIndexRange(idx, size: shape[a], op: "index_add", axis: a, shape: shape)
        let expected = Array(shape[..<a]) + idx.shape + Array(shape[(a + 1)...])
        guard updates.shape == expected else {
            opFailure("index_add", "updates have shape \(Shape.describe(updates.shape)); with indices \(Shape.describe(idx.shape)) on axis \(axis) of \(Shape.describe(shape)) they must have shape \(Shape.describe(expected)).")
        }
        return dispatch(.indexAdd(axis: a), [self, idx, KerasCore.cast(updates, to: dtype)])
    }

    static func checkIndexRange(_ indices: Tensor, size: Int, op: String, axis: Int, shape: [Int]) {
        func scan<I: FixedWidthInteger>(_ type: I.Type) {
            let p = indices.pointer(as: I.self)
            for i in 0..<indices.count where Int(p[i]) < -size || Int(p[i]) >= size {
                opFailure(op, "index \(p[i]) is out of range for axis \(axis) of size \(size) in shape \(Shape.describe(shape)).")
            }
        }
        if indices.dtype == .int64 { scan(Int64.self) } else { scan(Int32.self) }
    }

    /// The values sorted ascending along `axis` (Keras's `ops.sort`); gradients flow to the
    /// original positions.
    public func sorted(axis: Int = -1, descending: Bool = false) -> Tensor {
        takeAlongAxis(argsort(axis: axis, descending: descending), axis: axis)
    }

    /// The `int32` indices that sort along `axis`, stable (Keras's `ops.argsort`).
    public func argsort(axis: Int = -1, descending: Bool = false) -> Tensor {
        let a = resolvedAxis(axis, op: "argsort")
        return dispatch(.argsort(axis: a, descending: descending), [self])
    }

    /// The `k` largest values along the last axis and their `int32` indices, largest first
    /// (Keras's `ops.top_k`; `sorted: false` is accepted and also returns them sorted).
    public func topK(_ k: Int, sorted: Bool = true) -> (values: Tensor, indices: Tensor) {
        guard rank >= 1, k >= 0, k <= shape[rank - 1] else {
            opFailure("top_k", "k = \(k) must be in 0...\(rank >= 1 ? shape[rank - 1] : 0) for the last axis of shape \(Shape.describe(shape)).")
        }
        let order = argsort(axis: -1, descending: true)
        var ranges = order.shape.map { SliceRange(start: 0, count: $0, step: 1) }
        ranges[rank - 1] = SliceRange(start: 0, count: k, step: 1)
        let indices = order.sliced(ranges)
        return (takeAlongAxis(indices, axis: -1), indices)
    }
}

/// One-hot encodes integer `indices` into `numClasses` along a new last axis (Keras's
/// `ops.one_hot`); out-of-range indices give all zeros.
public func oneHot(_ indices: Tensor, numClasses: Int, dtype: DType = .float32) -> Tensor {
    guard indices.dtype.isInteger else { opFailure("one_hot", "indices must be integers, got dtype \(indices.dtype).") }
    guard numClasses >= 0 else { opFailure("one_hot", "numClasses must be non-negative, got \(numClasses).") }
    // Compare in int64 so that narrow index types (uint8) cannot wrap around.
    let classes = Tensor.arange(numClasses, dtype: .int64)
    return cast(equal(cast(indices, to: .int64).expandingDimensions(axis: -1), classes), to: dtype)
}

/// Builds a tensor of `shape` that is zero except at `indices`, where `values` are added
/// (Keras's `ops.scatter`; duplicate indices add up).
///
/// `indices` is `[n, k]`: each row addresses the first `k` axes of `shape`; `values` is
/// `[n] + shape[k...]`.
public func scatter(_ indices: Tensor, _ values: Tensor, shape: [Int]) -> Tensor {
    guard indices.rank == 2, indices.dtype.isInteger, indices.shape[1] <= shape.count else {
        opFailure("scatter", "indices must be an integer [n, k] tensor with k <= \(shape.count), got \(Shape.describe(indices.shape)) of \(indices.dtype).")
    }
    let n = indices.shape[0], k = indices.shape[1]
    let trailing = Array(shape[k...])
    guard values.shape == [n] + trailing else {
        opFailure("scatter", "values have shape \(Shape.describe(values.shape)); with \(n) indices into \(Shape.describe(shape)) they must have shape \(Shape.describe([n] + trailing)).")
    }
    // Row-major linear position of each index row over the first k axes.
    var strides = [Int](repeating: 1, count: k)
    for i in stride(from: k - 2, through: 0, by: -1) { strides[i] = strides[i + 1] * shape[i + 1] }
    let raw = indices.doubles
    var linear = [Int](repeating: 0, count: n)
    for row in 0..<n {
        for c in 0..<k {
            let v = Int(raw[row * k + c])
            guard v >= 0 && v < shape[c] else {
                opFailure("scatter", "index \(v) in row \(row) is out of range for axis \(c) of size \(shape[c]).")
            }
            linear[row] += v * strides[c]
        }
    }
    let leading = Shape.elementCount(Array(shape[..<k]))
    let base = Tensor.zeros([leading] + trailing, dtype: values.dtype)
    return base.indexAdd(Tensor(linear), values, axis: 0).reshaped(to: shape)
}
