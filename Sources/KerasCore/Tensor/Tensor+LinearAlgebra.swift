// Matrix products: matmul, tensordot, einsum, outer.

/// The matrix product with numpy's rules (Keras's `ops.matmul`): 1-D operands are promoted to
/// matrices and the added axis removed afterwards; batch axes broadcast.
///
/// ```swift
/// matmul(Tensor.ones([8, 3, 4]), Tensor.ones([4, 5])).shape   // [8, 3, 5]
/// ```
public func matmul(_ a: Tensor, _ b: Tensor) -> Tensor {
    guard a.rank >= 1, b.rank >= 1 else {
        opFailure("matmul", "operands must have rank >= 1, got shapes \(Shape.describe(a.shape)) and \(Shape.describe(b.shape)).")
    }
    let lhs = a.rank == 1 ? a.expandingDimensions(axis: 0) : a
    let rhs = b.rank == 1 ? b.expandingDimensions(axis: -1) : b
    let k = lhs.shape[lhs.rank - 1]
    guard rhs.shape[rhs.rank - 2] == k else {
        opFailure("matmul", "shapes \(Shape.describe(a.shape)) and \(Shape.describe(b.shape)) are not aligned: the last axis of the first (\(k)) must equal the second-to-last axis of the second (\(rhs.shape[rhs.rank - 2])).")
    }
    guard let batch = Shape.broadcast(Array(lhs.shape.dropLast(2)), Array(rhs.shape.dropLast(2))) else {
        opFailure("matmul", "batch axes of \(Shape.describe(a.shape)) and \(Shape.describe(b.shape)) cannot be broadcast together.")
    }
    var dtype = DType.promoted(lhs.dtype, rhs.dtype)
    if !dtype.isFloatingPoint { dtype = dtype == .int64 ? .int64 : .int32 }
    let m = lhs.shape[lhs.rank - 2], n = rhs.shape[rhs.rank - 1]
    if rhs.rank == 2 && lhs.rank > 2 {
        // [..., m, k] x [k, n]: one GEMM over all rows instead of a copy of rhs per batch.
        let rowCount = lhs.shape.dropLast().reduce(1, *)
        let rows = cast(lhs, to: dtype).reshaped(to: [rowCount, k])
        var out = dispatch(.matmul, [rows, cast(rhs, to: dtype)]).reshaped(to: Array(lhs.shape.dropLast()) + [n])
        if b.rank == 1 { out = out.squeezed(axes: [-1]) }
        return out
    }
    let l = cast(lhs, to: dtype).broadcasted(to: batch + [m, k])
    let r = cast(rhs, to: dtype).broadcasted(to: batch + [k, n])
    var out = dispatch(.matmul, [l, r])
    if a.rank == 1 { out = out.squeezed(axes: [-2]) }
    if b.rank == 1 { out = out.squeezed(axes: [-1]) }
    return out
}

/// The outer product of two tensors, flattened first (Keras's `ops.outer`).
public func outer(_ a: Tensor, _ b: Tensor) -> Tensor {
    a.flattened().expandingDimensions(axis: 1) * b.flattened().expandingDimensions(axis: 0)
}

/// Sums products over `axesA` of `a` and `axesB` of `b` (Keras's `ops.tensordot`); the result
/// has `a`'s free axes followed by `b`'s.
public func tensordot(_ a: Tensor, _ b: Tensor, axes: (a: [Int], b: [Int])) -> Tensor {
    let ca = axes.a.map { a.resolvedAxis($0, op: "tensordot") }
    let cb = axes.b.map { b.resolvedAxis($0, op: "tensordot") }
    guard ca.count == cb.count, zip(ca, cb).allSatisfy({ a.shape[$0] == b.shape[$1] }) else {
        opFailure("tensordot", "contracted axes \(axes.a) of \(Shape.describe(a.shape)) and \(axes.b) of \(Shape.describe(b.shape)) must pair up with equal sizes.")
    }
    let freeA = (0..<a.rank).filter { !ca.contains($0) }
    let freeB = (0..<b.rank).filter { !cb.contains($0) }
    let k = ca.reduce(1) { $0 * a.shape[$1] }
    let m = freeA.reduce(1) { $0 * a.shape[$1] }, n = freeB.reduce(1) { $0 * b.shape[$1] }
    let lhs = a.transposed(axes: freeA + ca).reshaped(to: [m, k])
    let rhs = b.transposed(axes: cb + freeB).reshaped(to: [k, n])
    return matmul(lhs, rhs).reshaped(to: freeA.map { a.shape[$0] } + freeB.map { b.shape[$0] })
}

/// Sums the last `count` axes of `a` against the first `count` axes of `b`.
public func tensordot(_ a: Tensor, _ b: Tensor, axes count: Int) -> Tensor {
    tensordot(a, b, axes: (Array((a.rank - count)..<a.rank), Array(0..<count)))
}
