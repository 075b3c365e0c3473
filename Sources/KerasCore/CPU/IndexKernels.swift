/// Gathers, scatter-adds and sorting along one axis; a tensor is viewed as `[outer, n, inner]`.
enum IndexKernels {
    /// The indices as `Int`s, with negative ones wrapped by `size`.
    static func indexArray(_ indices: Tensor, size: Int) -> [Int] {
        let raw: [Int]
        switch indices.dtype {
        case .int64: raw = UnsafeBufferPointer(start: indices.pointer(as: Int64.self), count: indices.count).map { Int($0) }
        case .int32: raw = UnsafeBufferPointer(start: indices.pointer(as: Int32.self), count: indices.count).map { Int($0) }
        default: raw = indices.doubles.map { Int($0) }
        }
        return raw.map { $0 < 0 ? $0 + size : $0 }
    }

    static func take(_ x: Tensor, _ indices: Tensor, axis: Int) -> Tensor {
        let (outer, n, inner) = ReductionKernels.split(x.shape, at: axis)
        let idx = indexArray(indices, size: n)
        let shape = Array(x.shape[..<axis]) + indices.shape + Array(x.shape[(axis + 1)...])
        var out = Tensor(uninitializedShape: shape, dtype: x.dtype)
        out.tapeHandle = nil
        let block = inner * x.dtype.byteSize
        let m = idx.count
        let src = UnsafeSendable(x.storage.data), dst = UnsafeSendable(out.storage.data)
        Parallel.forEach(outer * m, minimumChunk: max(1, 65_536 / max(block, 1))) { range in
            for r in range {
                let o = r / m, j = r % m
                (dst.value + r * block).copyMemory(from: src.value + (o * n + idx[j]) * block, byteCount: block)
            }
        }
        return out
    }

    static func indexAdd(_ base: Tensor, _ indices: Tensor, _ updates: Tensor, axis: Int) -> Tensor {
        var out = base
        out.tapeHandle = nil
        let (outer, n, inner) = ReductionKernels.split(base.shape, at: axis)
        let idx = indexArray(indices, size: n)
        let m = idx.count
        out.withUniqueStorage { raw in
            func run<T: AdditiveArithmetic>(_ t: T.Type, _ add: (T, T) -> T) {
                let o = raw.assumingMemoryBound(to: T.self), u = updates.pointer(as: T.self)
                for b in 0..<outer {
                    for j in 0..<m {
                        let dst = o + (b * n + idx[j]) * inner
                        let src = u + (b * m + j) * inner
                        for i in 0..<inner { dst[i] = add(dst[i], src[i]) }
                    }
                }
            }
            switch base.dtype {
            case .float32: run(Float.self, +)
            case .float64: run(Double.self, +)
            case .int32: run(Int32.self, &+)
            case .int64: run(Int64.self, &+)
            case .uint8: run(UInt8.self, &+)
            default: preconditionFailure("index_add: dtype \(base.dtype) should have been widened")
            }
        }
        return out
    }

    static func takeAlongAxis(_ x: Tensor, _ indices: Tensor, axis: Int) -> Tensor {
        let (outer, n, inner) = ReductionKernels.split(x.shape, at: axis)
        let m = indices.shape[axis]
        let idx = indexArray(indices, size: n)
        var out = Tensor(uninitializedShape: indices.shape, dtype: x.dtype)
        out.tapeHandle = nil
        let size = x.dtype.byteSize
        let src = x.storage.data, dst = out.storage.data
        for o in 0..<outer {
            for j in 0..<m {
                for i in 0..<inner {
                    let k = (o * m + j) * inner + i
                    (dst + k * size).copyMemory(from: src + ((o * n + idx[k]) * inner + i) * size, byteCount: size)
                }
            }
        }
        return out
    }

    static func scatterAlongAxisAdd(_ base: Tensor, _ indices: Tensor, _ updates: Tensor, axis: Int) -> Tensor {
        var out = base
        out.tapeHandle = nil
        let (outer, n, inner) = ReductionKernels.split(base.shape, at: axis)
        let m = indices.shape[axis]
        let idx = indexArray(indices, size: n)
        out.withUniqueStorage { raw in
            func run<T>(_ t: T.Type, _ add: (T, T) -> T) {
                let o = raw.assumingMemoryBound(to: T.self), u = updates.pointer(as: T.self)
                for b in 0..<outer {
                    for j in 0..<m {
                        for i in 0..<inner {
                            let k = (b * m + j) * inner + i
                            let d = (b * n + idx[k]) * inner + i
                            o[d] = add(o[d], u[k])
                        }
                    }
                }
            }
            switch base.dtype {
            case .float32: run(Float.self, +)
            case .float64: run(Double.self, +)
            case .int32: run(Int32.self, &+)
            case .int64: run(Int64.self, &+)
            default: preconditionFailure("scatter_along_axis_add: dtype \(base.dtype) should have been widened")
            }
        }
        return out
    }

    /// Stable sort order along `axis`; NaNs sort last ascending and first descending, as numpy's
    /// `argsort` and its reverse.
    static func argsort(_ x: Tensor, axis: Int, descending: Bool) -> Tensor {
        let (outer, n, inner) = ReductionKernels.split(x.shape, at: axis)
        var out = Tensor(uninitializedShape: x.shape, dtype: .int32)
        out.tapeHandle = nil
        let values = x.doubles
        let q = out.pointer(as: Int32.self)
        var order = [Int](repeating: 0, count: n)
        for o in 0..<outer {
            for i in 0..<inner {
                let base = o * n * inner + i
                for j in 0..<n { order[j] = j }
                // Rank NaN above everything; ties keep their original order (stable).
                order.sort { a, b in
                    let va = values[base + a * inner], vb = values[base + b * inner]
                    let ka = va.isNaN ? Double.infinity : va, kb = vb.isNaN ? Double.infinity : vb
                    if ka == kb {
                        if va.isNaN != vb.isNaN { return descending ? va.isNaN : vb.isNaN }
                        return a < b
                    }
                    return descending ? ka > kb : ka < kb
                }
                for j in 0..<n { q[base + j * inner] = Int32(order[j]) }
            }
        }
        return out
    }
}
