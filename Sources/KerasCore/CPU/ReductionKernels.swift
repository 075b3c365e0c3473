/// Reductions over axis sets, arg-reductions and running (scan) reductions.
enum ReductionKernels {
    /// Splits `shape` at `axis` into `[outer, n, inner]` element counts.
    static func split(_ shape: [Int], at axis: Int) -> (outer: Int, n: Int, inner: Int) {
        (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *))
    }

    static func reduce(_ op: ReduceOp, _ x: Tensor, axes: [Int], keep: Bool) -> Tensor {
        var kept = x.shape
        for a in axes { kept[a] = 1 }
        let outShape = keep ? kept : x.shape.enumerated().filter { !axes.contains($0.offset) }.map(\.element)
        var out = Tensor(uninitializedShape: outShape, dtype: x.dtype)
        out.tapeHandle = nil
        switch x.dtype {
        case .float32: typed(op, x, axes, out.storage.data, Float.self)
        case .float64: typed(op, x, axes, out.storage.data, Double.self)
        case .int32: typed(op, x, axes, out.storage.data, Int32.self)
        case .int64: typed(op, x, axes, out.storage.data, Int64.self)
        case .uint8: typed(op, x, axes, out.storage.data, UInt8.self)
        case .bool:
            let p = x.pointer(as: Bool.self)
            let q = out.storage.data.assumingMemoryBound(to: Bool.self)
            let isAll = op == .all || op == .min || op == .prod
            run(x.shape, axes, input: p, output: q, initial: isAll, lift: { $0 },
                combine: { isAll ? ($0 && $1) : ($0 || $1) }, lower: { $0 })
        case .float16, .bfloat16: preconditionFailure("reduce: 16-bit floats are widened before reaching kernels")
        case .string: preconditionFailure("reduce: string tensors are routed to StringKernels")
        }
        return out
    }

    private static func typed<T: Numeric & Comparable>(
        _ op: ReduceOp, _ x: Tensor, _ axes: [Int], _ raw: UnsafeMutableRawPointer, _ type: T.Type
    ) where T: TensorScalar {
        let p = x.pointer(as: T.self)
        let q = raw.assumingMemoryBound(to: T.self)
        let identity: (T) -> T = { $0 }
        switch (op, T.dtype) {
        case (.sum, .float32):
            // float32 sums accumulate in double: 2^24 + 1 stays exact, long sums do not drift.
            let pf = x.pointer(as: Float.self), qf = raw.assumingMemoryBound(to: Float.self)
            run(x.shape, axes, input: pf, output: qf, initial: 0.0, lift: { Double($0) }, combine: +, lower: { Float($0) })
        case (.prod, .float32):
            let pf = x.pointer(as: Float.self), qf = raw.assumingMemoryBound(to: Float.self)
            run(x.shape, axes, input: pf, output: qf, initial: 1.0, lift: { Double($0) }, combine: *, lower: { Float($0) })
        case (.sum, _):
            if T.dtype.isInteger {
                run(x.shape, axes, input: p, output: q, initial: T(castingInt64: 0), lift: identity,
                    combine: { T(castingInt64: $0.int64Value &+ $1.int64Value) }, lower: identity)
            } else {
                run(x.shape, axes, input: p, output: q, initial: 0, lift: identity, combine: +, lower: identity)
            }
        case (.prod, _):
            if T.dtype.isInteger {
                run(x.shape, axes, input: p, output: q, initial: T(castingInt64: 1), lift: identity,
                    combine: { T(castingInt64: $0.int64Value &* $1.int64Value) }, lower: identity)
            } else {
                run(x.shape, axes, input: p, output: q, initial: 1, lift: identity, combine: *, lower: identity)
            }
        case (.max, _):
            // NaN wins, as in numpy (b != b is true only for NaN).
            run(x.shape, axes, input: p, output: q, initial: nil, lift: identity,
                combine: { a, b in (b > a || b != b) ? b : a }, lower: identity)
        case (.min, _):
            run(x.shape, axes, input: p, output: q, initial: nil, lift: identity,
                combine: { a, b in (b < a || b != b) ? b : a }, lower: identity)
        case (.any, _):
            run(x.shape, axes, input: p, output: q, initial: 0, lift: identity,
                combine: { ($0 != 0 || $1 != 0) ? 1 : 0 }, lower: identity)
        case (.all, _):
            run(x.shape, axes, input: p, output: q, initial: 1, lift: identity,
                combine: { ($0 != 0 && $1 != 0) ? 1 : 0 }, lower: identity)
        }
    }

    /// Reduces `input` over `axes` into `output`: elements are lifted into an accumulator type
    /// `A`, folded with `combine` (associative), and lowered back. `initial == nil` seeds each group
    /// with its first element (max, min). Results do not depend on the thread count's chunking of
    /// outputs; a single long reduction is split into fixed-size blocks folded in order.
    private static func run<T, A>(
        _ shape: [Int], _ axes: [Int], input: UnsafeMutablePointer<T>, output: UnsafeMutablePointer<T>,
        initial: A?, lift: @escaping (T) -> A, combine: @escaping (A, A) -> A, lower: @escaping (A) -> T
    ) {
        let rank = shape.count
        let keptAxes = (0..<rank).filter { !axes.contains($0) }
        let outCount = keptAxes.reduce(1) { $0 * shape[$1] }
        let k = axes.reduce(1) { $0 * shape[$1] }
        guard outCount > 0 else { return }
        let inp = UnsafeSendable(input), outp = UnsafeSendable(output)
        if k == 0 {
            for i in 0..<outCount { output[i] = lower(initial!) }
            return
        }
        /// Folds `count` elements from `start` with stride `step`.
        func fold(_ start: UnsafeMutablePointer<T>, _ count: Int, _ step: Int) -> A {
            var acc = initial.map { combine($0, lift(start[0])) } ?? lift(start[0])
            var i = 1
            while i < count { acc = combine(acc, lift(start[i * step])); i += 1 }
            return acc
        }
        let trailing = axes == Array((rank - axes.count)..<rank)
        let leading = axes == Array(0..<axes.count)
        let block = 16_384
        if trailing && outCount == 1 && k > 4 * block {
            // One long reduction: fixed blocks in parallel, then folded in block order.
            let blocks = (k + block - 1) / block
            var partials = [A?](repeating: nil, count: blocks)
            partials.withUnsafeMutableBufferPointer { buffer in
                let parts = UnsafeSendable(buffer.baseAddress!)
                Parallel.forEach(blocks) { range in
                    for b in range {
                        let lo = b * block, n = Swift.min(block, k - lo)
                        parts.value[b] = fold(inp.value + lo, n, 1)
                    }
                }
            }
            var acc = partials[0]!
            for part in partials.dropFirst() { acc = combine(acc, part!) }
            output[0] = lower(acc)
        } else if trailing {
            // Each output reduces one contiguous block of k elements.
            Parallel.forEach(outCount, minimumChunk: max(1, block / k)) { range in
                for j in range { outp.value[j] = lower(fold(inp.value + j * k, k, 1)) }
            }
        } else if leading {
            // Each output folds k elements spaced outCount apart; threads take column ranges and
            // walk rows in order, so reads stay sequential.
            Parallel.forEach(outCount, minimumChunk: max(1, block / k)) { range in
                let x = inp.value
                var acc = range.map { j in initial.map { combine($0, lift(x[j])) } ?? lift(x[j]) }
                for r in 1..<k {
                    let row = x + r * outCount
                    for (slot, j) in range.enumerated() { acc[slot] = combine(acc[slot], lift(row[j])) }
                }
                for (slot, j) in range.enumerated() { outp.value[j] = lower(acc[slot]) }
            }
        } else {
            // General: precompute the offsets of one reduction group, walk the kept axes.
            let strides = Shape.strides(shape)
            var groupOffsets = [0]
            for a in axes {
                groupOffsets = groupOffsets.flatMap { base in (0..<shape[a]).map { base + $0 * strides[a] } }
            }
            let keptShape = keptAxes.map { shape[$0] }
            let keptStrides = keptAxes.map { strides[$0] }
            let offsets = groupOffsets
            Parallel.forEach(outCount, minimumChunk: max(1, block / k)) { range in
                for j in range {
                    var rem = j, base = 0
                    for d in stride(from: keptShape.count - 1, through: 0, by: -1) {
                        base += (rem % keptShape[d]) * keptStrides[d]
                        rem /= keptShape[d]
                    }
                    let x = inp.value + base
                    var acc = initial.map { combine($0, lift(x[offsets[0]])) } ?? lift(x[offsets[0]])
                    for o in offsets.dropFirst() { acc = combine(acc, lift(x[o])) }
                    outp.value[j] = lower(acc)
                }
            }
        }
    }

    static func argReduce(_ x: Tensor, largest: Bool, axis: Int, keep: Bool) -> Tensor {
        var outShape = x.shape
        if keep { outShape[axis] = 1 } else { outShape.remove(at: axis) }
        var out = Tensor(uninitializedShape: outShape, dtype: .int32)
        out.tapeHandle = nil
        let q = out.pointer(as: Int32.self)
        let (outer, n, inner) = split(x.shape, at: axis)
        let values = x.dtype == .float32 ? x : ElementwiseKernels.cast(x, to: .float64)
        func scan<T: Comparable>(_ p: UnsafeMutablePointer<T>, isNaN: (T) -> Bool) {
            for o in 0..<outer {
                for i in 0..<inner {
                    var best = 0
                    var bestValue = p[o * n * inner + i]
                    if !isNaN(bestValue) {
                        for j in 1..<max(n, 1) {
                            let v = p[(o * n + j) * inner + i]
                            // The first NaN wins, as in numpy.
                            if isNaN(v) { best = j; break }
                            if largest ? v > bestValue : v < bestValue { best = j; bestValue = v }
                        }
                    }
                    q[o * inner + i] = Int32(best)
                }
            }
        }
        if values.dtype == .float32 { scan(values.pointer(as: Float.self), isNaN: { $0.isNaN }) }
        else { scan(values.pointer(as: Double.self), isNaN: { $0.isNaN }) }
        return out
    }

    static func cumulative(_ op: CumulativeOp, _ x: Tensor, axis: Int) -> Tensor {
        var out = Tensor(uninitializedShape: x.shape, dtype: x.dtype)
        out.tapeHandle = nil
        let (outer, n, inner) = split(x.shape, at: axis)
        func scan<T>(_ p: UnsafeMutablePointer<T>, _ q: UnsafeMutablePointer<T>, _ f: (T, T) -> T) {
            for o in 0..<outer {
                for i in 0..<inner {
                    var index = o * n * inner + i
                    guard n > 0 else { continue }
                    var acc = p[index]
                    q[index] = acc
                    for _ in 1..<max(n, 1) {
                        index += inner
                        acc = f(acc, p[index])
                        q[index] = acc
                    }
                }
            }
        }
        let isSum = op == .sum
        switch x.dtype {
        case .float32: scan(x.pointer(as: Float.self), out.pointer(as: Float.self)) { isSum ? $0 + $1 : $0 * $1 }
        case .float64: scan(x.pointer(as: Double.self), out.pointer(as: Double.self)) { isSum ? $0 + $1 : $0 * $1 }
        case .int32: scan(x.pointer(as: Int32.self), out.pointer(as: Int32.self)) { isSum ? $0 &+ $1 : $0 &* $1 }
        case .int64: scan(x.pointer(as: Int64.self), out.pointer(as: Int64.self)) { isSum ? $0 &+ $1 : $0 &* $1 }
        default: preconditionFailure("cumulative: dtype \(x.dtype) should have been widened")
        }
        return out
    }
}
