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
            run(x.shape, axes, input: p, output: q, initial: isAll) { isAll ? ($0 && $1) : ($0 || $1) }
        case .float16, .bfloat16: preconditionFailure("reduce: 16-bit floats are widened before reaching kernels")
        }
        return out
    }

    private static func typed<T: Numeric & Comparable>(
        _ op: ReduceOp, _ x: Tensor, _ axes: [Int], _ raw: UnsafeMutableRawPointer, _ type: T.Type
    ) where T: TensorScalar {
        let p = x.pointer(as: T.self)
        let q = raw.assumingMemoryBound(to: T.self)
        let wrapping = T.dtype.isInteger
        switch op {
        case .sum:
            if wrapping { run(x.shape, axes, input: p, output: q, initial: T(castingInt64: 0)) { T(castingInt64: $0.int64Value &+ $1.int64Value) } }
            else { run(x.shape, axes, input: p, output: q, initial: 0) { $0 + $1 } }
        case .prod:
            if wrapping { run(x.shape, axes, input: p, output: q, initial: T(castingInt64: 1)) { T(castingInt64: $0.int64Value &* $1.int64Value) } }
            else { run(x.shape, axes, input: p, output: q, initial: 1) { $0 * $1 } }
        case .max:
            run(x.shape, axes, input: p, output: q, initial: nil) { a, b in (b > a || b != b) ? b : a }
        case .min:
            run(x.shape, axes, input: p, output: q, initial: nil) { a, b in (b < a || b != b) ? b : a }
        case .any:
            run(x.shape, axes, input: p, output: q, initial: 0) { ($0 != 0 || $1 != 0) ? 1 : 0 }
        case .all:
            run(x.shape, axes, input: p, output: q, initial: 1) { ($0 != 0 && $1 != 0) ? 1 : 0 }
        }
    }

    /// Reduces `input` over `axes` into `output` with `combine`; `initial == nil` seeds each group
    /// with its first element (max, min).
    private static func run<T>(
        _ shape: [Int], _ axes: [Int], input: UnsafeMutablePointer<T>, output: UnsafeMutablePointer<T>,
        initial: T?, _ combine: @escaping (T, T) -> T
    ) {
        let rank = shape.count
        let keptAxes = (0..<rank).filter { !axes.contains($0) }
        let outCount = keptAxes.reduce(1) { $0 * shape[$1] }
        let k = axes.reduce(1) { $0 * shape[$1] }
        guard outCount > 0 else { return }
        let inp = UnsafeSendable(input), outp = UnsafeSendable(output)
        if k == 0 {
            for i in 0..<outCount { output[i] = initial! }
            return
        }
        let trailing = axes == Array((rank - axes.count)..<rank)
        let leading = axes == Array(0..<axes.count)
        if trailing {
            // Each output reduces one contiguous block of k elements.
            Parallel.forEach(outCount, minimumChunk: max(1, 16_384 / k)) { range in
                for j in range {
                    let row = inp.value + j * k
                    var acc = initial.map { combine($0, row[0]) } ?? row[0]
                    var i = 1
                    while i < k { acc = combine(acc, row[i]); i += 1 }
                    outp.value[j] = acc
                }
            }
        } else if leading {
            // Each of k rows of outCount elements folds into the output row.
            Parallel.forEach(outCount, minimumChunk: max(1, 16_384 / k)) { range in
                let o = outp.value, x = inp.value
                for j in range { o[j] = initial.map { combine($0, x[j]) } ?? x[j] }
                for r in 1..<k {
                    let row = x + r * outCount
                    for j in range { o[j] = combine(o[j], row[j]) }
                }
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
            Parallel.forEach(outCount, minimumChunk: max(1, 16_384 / k)) { range in
                for j in range {
                    var rem = j, base = 0
                    for d in stride(from: keptShape.count - 1, through: 0, by: -1) {
                        base += (rem % keptShape[d]) * keptStrides[d]
                        rem /= keptShape[d]
                    }
                    let x = inp.value + base
                    var acc = initial.map { combine($0, x[offsets[0]]) } ?? x[offsets[0]]
                    for o in offsets.dropFirst() { acc = combine(acc, x[o]) }
                    outp.value[j] = acc
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
