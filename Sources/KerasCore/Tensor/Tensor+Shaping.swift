// Shape changes that keep every element: reshape, transpose, expand/squeeze, broadcast.

extension Tensor {
    /// The same elements under `newShape` (Keras's `ops.reshape`); one entry may be `-1` and is inferred.
    ///
    /// ```swift
    /// Tensor.arange(6).reshaped(to: [2, -1]).shape   // [2, 3]
    /// ```
    public func reshaped(to newShape: [Int]) -> Tensor {
        var resolved = newShape
        let inferred = newShape.indices.filter { newShape[$0] == -1 }
        guard inferred.count <= 1, !newShape.contains(where: { $0 < -1 }) else {
            opFailure("reshape", "target shape \(newShape) may hold at most one -1 and no other negative sizes.")
        }
        if let i = inferred.first {
            let known = newShape.enumerated().filter { $0.offset != i }.reduce(1) { $0 * $1.element }
            guard known > 0, count % known == 0 else {
                opFailure("reshape", "cannot reshape a tensor of shape \(Shape.describe(shape)) (\(count) elements) into \(newShape): \(count) is not a multiple of \(known).")
            }
            resolved[i] = count / known
        }
        guard Shape.elementCount(resolved) == count else {
            opFailure("reshape", "cannot reshape a tensor of shape \(Shape.describe(shape)) (\(count) elements) into \(Shape.describe(resolved)) (\(Shape.elementCount(resolved)) elements).")
        }
        if resolved == shape { return self }
        return dispatch(.reshape(resolved), [self])
    }

    /// All elements as a vector.
    public func flattened() -> Tensor { reshaped(to: [count]) }

    /// Permutes the axes (Keras's `ops.transpose`): output axis `i` is input axis `axes[i]`;
    /// `nil` reverses them.
    public func transposed(axes: [Int]? = nil) -> Tensor {
        let perm = axes.map { $0.map { resolvedAxis($0, op: "transpose") } } ?? Array((0..<rank).reversed())
        guard perm.count == rank, Set(perm).count == rank else {
            opFailure("transpose", "axes \(axes ?? []) are not a permutation of the \(rank) axes of shape \(Shape.describe(shape)).")
        }
        if perm == Array(0..<rank) { return self }
        return dispatch(.transpose(perm), [self])
    }

    /// Swaps two axes (Keras's `ops.swapaxes`).
    public func swappingAxes(_ a: Int, _ b: Int) -> Tensor {
        var perm = Array(0..<rank)
        perm.swapAt(resolvedAxis(a, op: "swapaxes"), resolvedAxis(b, op: "swapaxes"))
        return transposed(axes: perm)
    }

    /// Moves one axis to a new position (Keras's `ops.moveaxis`).
    public func movingAxis(_ source: Int, to destination: Int) -> Tensor {
        let s = resolvedAxis(source, op: "moveaxis")
        let d = resolvedAxis(destination, op: "moveaxis")
        var perm = Array(0..<rank)
        perm.remove(at: s)
        perm.insert(s, at: d)
        return transposed(axes: perm)
    }

    /// Inserts an axis of size 1 at `axis` (Keras's `ops.expand_dims`); `-1` appends.
    public func expandingDimensions(axis: Int) -> Tensor {
        guard let a = Shape.normalizedAxis(axis, rank: rank + 1) else {
            opFailure("expand_dims", "axis \(axis) is out of range for a tensor of rank \(rank); use an axis in \(-(rank + 1))...\(rank).")
        }
        var s = shape
        s.insert(1, at: a)
        return reshaped(to: s)
    }

    /// Removes axes of size 1 (Keras's `ops.squeeze`): the given ones, or all when `nil`.
    public func squeezed(axes: [Int]? = nil) -> Tensor {
        let remove: [Int]
        if let axes {
            remove = resolvedAxes(axes, op: "squeeze")
            if let bad = remove.first(where: { shape[$0] != 1 }) {
                opFailure("squeeze", "axis \(bad) of shape \(Shape.describe(shape)) has size \(shape[bad]); only axes of size 1 can be squeezed.")
            }
        } else {
            remove = shape.indices.filter { shape[$0] == 1 }
        }
        let s = shape.enumerated().filter { !remove.contains($0.offset) }.map(\.element)
        return reshaped(to: s)
    }

    /// Repeats size-1 axes (and prepends axes) to reach `targetShape` (Keras's `ops.broadcast_to`).
    public func broadcasted(to targetShape: [Int]) -> Tensor {
        guard let b = Shape.broadcast(shape, targetShape), b == targetShape else {
            opFailure("broadcast_to", "cannot broadcast shape \(Shape.describe(shape)) to \(Shape.describe(targetShape)): each axis must match or be 1.")
        }
        if targetShape == shape { return self }
        return dispatch(.broadcast(targetShape), [self])
    }
}
