// Joining and splitting: concatenate, stack, split, tile, repeat.

/// Joins tensors along an existing axis (Keras's `ops.concatenate`); all other axes must match.
///
/// ```swift
/// concatenate([a, b], axis: -1)   // [2, 3] and [2, 5] -> [2, 8]
/// ```
public func concatenate(_ tensors: [Tensor], axis: Int = 0) -> Tensor {
    guard let first = tensors.first else { opFailure("concatenate", "needs at least one tensor, got an empty list.") }
    let a = first.resolvedAxis(axis, op: "concatenate")
    var dtype = first.dtype
    for (i, t) in tensors.enumerated() {
        dtype = DType.promoted(dtype, t.dtype)
        var expected = first.shape
        var got = t.shape
        guard got.count == expected.count else {
            opFailure("concatenate", "tensor \(i) has shape \(Shape.describe(t.shape)) but tensor 0 has shape \(Shape.describe(first.shape)); all need rank \(first.rank).")
        }
        expected[a] = 0
        got[a] = 0
        guard got == expected else {
            opFailure("concatenate", "along axis \(axis), tensor \(i) has shape \(Shape.describe(t.shape)) but tensor 0 has shape \(Shape.describe(first.shape)); every axis except \(axis) must match.")
        }
    }
    if tensors.count == 1 { return cast(first, to: dtype) }
    return dispatch(.concatenate(axis: a), tensors.map { cast($0, to: dtype) })
}

/// Joins tensors of one shape along a new axis (Keras's `ops.stack`).
public func stack(_ tensors: [Tensor], axis: Int = 0) -> Tensor {
    guard let first = tensors.first else { opFailure("stack", "needs at least one tensor, got an empty list.") }
    for (i, t) in tensors.enumerated() where t.shape != first.shape {
        opFailure("stack", "tensor \(i) has shape \(Shape.describe(t.shape)) but tensor 0 has shape \(Shape.describe(first.shape)); stacked tensors must have one shape.")
    }
    return concatenate(tensors.map { $0.expandingDimensions(axis: axis) }, axis: axis)
}

/// Splits `x` into `sections` equal parts along `axis` (Keras's `ops.split` with an integer).
public func split(_ x: Tensor, sections: Int, axis: Int = 0) -> [Tensor] {
    let a = x.resolvedAxis(axis, op: "split")
    guard sections > 0, x.shape[a] % sections == 0 else {
        opFailure("split", "axis \(axis) of shape \(Shape.describe(x.shape)) has size \(x.shape[a]), which does not split into \(sections) equal sections.")
    }
    let size = x.shape[a] / sections
    return split(x, at: (1..<sections).map { $0 * size }, axis: a)
}

/// Splits `x` before each of `indices` along `axis` (Keras's `ops.split` with a list).
public func split(_ x: Tensor, at indices: [Int], axis: Int = 0) -> [Tensor] {
    let a = x.resolvedAxis(axis, op: "split")
    let bounds = [0] + indices.map { Swift.min(Swift.max($0, 0), x.shape[a]) } + [x.shape[a]]
    return (0..<(bounds.count - 1)).map { i in
        let lo = bounds[i], hi = Swift.max(bounds[i], bounds[i + 1])
        var ranges = x.shape.map { SliceRange(start: 0, count: $0, step: 1) }
        ranges[a] = SliceRange(start: lo, count: hi - lo, step: 1)
        return x.sliced(ranges)
    }
}

extension Tensor {
    /// Repeats the whole tensor `multiples[i]` times along axis `i` (Keras's `ops.tile`).
    public func tiled(_ multiples: [Int]) -> Tensor {
        guard multiples.allSatisfy({ $0 >= 0 }) else { opFailure("tile", "multiples \(multiples) must be non-negative.") }
        let r = Swift.max(rank, multiples.count)
        let s = [Int](repeating: 1, count: r - rank) + shape
        let m = [Int](repeating: 1, count: r - multiples.count) + multiples
        // [d0, d1] -> [1, d0, 1, d1] -> broadcast [m0, d0, m1, d1] -> [m0*d0, m1*d1]
        let interleaved = (0..<r).flatMap { [1, s[$0]] }
        let target = (0..<r).flatMap { [m[$0], s[$0]] }
        return reshaped(to: interleaved).broadcasted(to: target).reshaped(to: (0..<r).map { m[$0] * s[$0] })
    }

    /// Repeats each element `repeats` times along `axis` (numpy / Keras `ops.repeat`); `nil`
    /// flattens first.
    public func repeated(_ repeats: Int, axis: Int? = nil) -> Tensor {
        guard repeats >= 0 else { opFailure("repeat", "repeats must be non-negative, got \(repeats).") }
        guard let axis else { return flattened().repeated(repeats, axis: 0) }
        let a = resolvedAxis(axis, op: "repeat")
        var target = shape
        target.insert(repeats, at: a + 1)
        var merged = shape
        merged[a] *= repeats
        return expandingDimensions(axis: a + 1).broadcasted(to: target).reshaped(to: merged)
    }

    /// Repeats element `i` along `axis` `repeats[i]` times.
    public func repeated(_ repeats: [Int], axis: Int) -> Tensor {
        let a = resolvedAxis(axis, op: "repeat")
        guard repeats.count == shape[a], repeats.allSatisfy({ $0 >= 0 }) else {
            opFailure("repeat", "needs \(shape[a]) non-negative repeat counts for axis \(axis) of shape \(Shape.describe(shape)), got \(repeats).")
        }
        let index = repeats.enumerated().flatMap { [Int](repeating: $0.offset, count: $0.element) }
        return take(Tensor(index), axis: a)
    }
}
