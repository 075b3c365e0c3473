/// Data movement: every copy is one strided copy (strides may be 0 for broadcast or negative for
/// flip), done on raw elements of 1, 2, 4 or 8 bytes, so these kernels serve every dtype.
enum MovementKernels {
    /// Copies `shape` elements from `src` (at `srcOffset`, `srcStrides`) to `dst` (`dstOffset`, `dstStrides`).
    static func copy(
        shape: [Int], elementSize: Int,
        from src: UnsafeMutableRawPointer, offset srcOffset: Int, strides srcStrides: [Int],
        to dst: UnsafeMutableRawPointer, offset dstOffset: Int, strides dstStrides: [Int]
    ) {
        guard Shape.elementCount(shape) > 0 else { return }
        let loop = StridedLoop(shape: shape, strides: [dstStrides, srcStrides])
        switch elementSize {
        case 1: typedCopy(loop, UInt8.self, src, srcOffset, dst, dstOffset)
        case 2: typedCopy(loop, UInt16.self, src, srcOffset, dst, dstOffset)
        case 4: typedCopy(loop, UInt32.self, src, srcOffset, dst, dstOffset)
        default: typedCopy(loop, UInt64.self, src, srcOffset, dst, dstOffset)
        }
    }

    private static func typedCopy<E>(
        _ loop: StridedLoop, _ type: E.Type, _ src: UnsafeMutableRawPointer, _ srcOffset: Int,
        _ dst: UnsafeMutableRawPointer, _ dstOffset: Int
    ) {
        let s = UnsafeSendable(src.assumingMemoryBound(to: E.self) + srcOffset)
        let d = UnsafeSendable(dst.assumingMemoryBound(to: E.self) + dstOffset)
        let n = loop.rowLength
        let inner = loop.innerStrides
        let ds = inner[0], ss = inner[1]
        loop.parallelRows(minimumElementsPerTask: 65_536) { _, offsets in
            let o = d.value + offsets[0], x = s.value + offsets[1]
            if ds == 1 && ss == 1 {
                o.update(from: x, count: n)
            } else {
                for i in 0..<n { o[i * ds] = x[i * ss] }
            }
        }
    }

    /// A new contiguous tensor of `shape` read from `x` with the given strides and start offset.
    static func gather(_ x: Tensor, shape: [Int], offset: Int, strides: [Int]) -> Tensor {
        var out = Tensor(uninitializedShape: shape, dtype: x.dtype)
        out.tapeHandle = nil
        copy(shape: shape, elementSize: x.dtype.byteSize, from: x.storage.data, offset: offset, strides: strides,
             to: out.storage.data, offset: 0, strides: Shape.strides(shape))
        return out
    }

    static func transpose(_ x: Tensor, _ perm: [Int]) -> Tensor {
        let strides = Shape.strides(x.shape)
        return gather(x, shape: perm.map { x.shape[$0] }, offset: 0, strides: perm.map { strides[$0] })
    }

    static func broadcast(_ x: Tensor, to shape: [Int]) -> Tensor {
        gather(x, shape: shape, offset: 0, strides: StridedLoop.broadcastStrides(x.shape, to: shape))
    }

    static func slice(_ x: Tensor, _ ranges: [SliceRange]) -> Tensor {
        let strides = Shape.strides(x.shape)
        let offset = zip(ranges, strides).reduce(0) { $0 + $1.0.start * $1.1 }
        return gather(x, shape: ranges.map(\.count), offset: offset, strides: zip(ranges, strides).map { $0.step * $1 })
    }

    static func flip(_ x: Tensor, axes: [Int]) -> Tensor {
        var strides = Shape.strides(x.shape)
        var offset = 0
        for a in axes where x.shape[a] > 0 {
            offset += (x.shape[a] - 1) * strides[a]
            strides[a] = -strides[a]
        }
        return gather(x, shape: x.shape, offset: offset, strides: strides)
    }

    /// Zeros of `shape` with `g` written at the strided slice `ranges`.
    static func sliceScatter(_ g: Tensor, _ ranges: [SliceRange], shape: [Int]) -> Tensor {
        var out = Tensor.zeros(shape, dtype: g.dtype)
        out.tapeHandle = nil
        let strides = Shape.strides(shape)
        let offset = zip(ranges, strides).reduce(0) { $0 + $1.0.start * $1.1 }
        copy(shape: g.shape, elementSize: g.dtype.byteSize, from: g.storage.data, offset: 0, strides: Shape.strides(g.shape),
             to: out.storage.data, offset: offset, strides: zip(ranges, strides).map { $0.step * $1 })
        return out
    }

    static func pad(_ x: Tensor, _ widths: [PadWidth], value: Double) -> Tensor {
        let shape = zip(x.shape, widths).map { $0 + $1.before + $1.after }
        var out = Tensor.full(shape, value: value, dtype: x.dtype)
        out.tapeHandle = nil
        let strides = Shape.strides(shape)
        let offset = zip(widths, strides).reduce(0) { $0 + $1.0.before * $1.1 }
        copy(shape: x.shape, elementSize: x.dtype.byteSize, from: x.storage.data, offset: 0, strides: Shape.strides(x.shape),
             to: out.storage.data, offset: offset, strides: strides)
        return out
    }

    static func concatenate(_ inputs: [Tensor], axis: Int) -> Tensor {
        var shape = inputs[0].shape
        shape[axis] = inputs.reduce(0) { $0 + $1.shape[axis] }
        var out = Tensor(uninitializedShape: shape, dtype: inputs[0].dtype)
        out.tapeHandle = nil
        let strides = Shape.strides(shape)
        var start = 0
        for t in inputs {
            copy(shape: t.shape, elementSize: t.dtype.byteSize, from: t.storage.data, offset: 0, strides: Shape.strides(t.shape),
                 to: out.storage.data, offset: start * strides[axis], strides: strides)
            start += t.shape[axis]
        }
        return out
    }
}
