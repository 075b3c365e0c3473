/// The default backend: kernels on the CPU, threads across all cores, BLAS when available.
///
/// 16-bit float inputs are widened to `float32` here, computed, and the result narrowed back, so
/// the kernels see `float32`/`float64`/integers only. Movement and gather primitives copy raw
/// elements and need no widening.
final class CPUBackend: Backend {
    static let shared = CPUBackend()

    let name = "cpu"

    func execute(_ primitive: Primitive, _ inputs: [Tensor]) -> Tensor {
        if inputs.contains(where: { $0.dtype == .string }) { return StringKernels.execute(primitive, inputs) }
        if needsWidening(primitive), let half = inputs.first(where: { $0.dtype.isHalf })?.dtype {
            let wide = inputs.map { $0.dtype.isHalf ? ElementwiseKernels.cast($0, to: .float32) : $0 }
            let out = compute(primitive, wide)
            return out.dtype == .float32 ? ElementwiseKernels.cast(out, to: half) : out
        }
        return compute(primitive, inputs)
    }

    private func needsWidening(_ primitive: Primitive) -> Bool {
        switch primitive {
        case .reshape, .transpose, .broadcast, .slice, .sliceScatter, .concatenate, .pad, .flip,
             .take, .takeAlongAxis, .cast, .select, .random:
            return false
        default:
            return true
        }
    }

    private func compute(_ primitive: Primitive, _ inputs: [Tensor]) -> Tensor {
        if case .random(let distribution, let shape, let dtype, let seed) = primitive {
            return RandomKernels.sample(distribution, shape: shape, dtype: dtype, seed: seed)
        }
        let x = inputs[0]
        switch primitive {
        case .unary(let op): return ElementwiseKernels.unary(op, x)
        case .binary(let op): return ElementwiseKernels.binary(op, x, inputs[1])
        case .cast(let dtype): return ElementwiseKernels.cast(x, to: dtype)
        case .select: return ElementwiseKernels.select(x, inputs[1], inputs[2])
        case .reduce(let op, let axes, let keep): return ReductionKernels.reduce(op, x, axes: axes, keep: keep)
        case .argReduce(let largest, let axis, let keep): return ReductionKernels.argReduce(x, largest: largest, axis: axis, keep: keep)
        case .cumulative(let op, let axis): return ReductionKernels.cumulative(op, x, axis: axis)
        case .matmul: return MatmulKernels.matmul(x, inputs[1])
        case .reshape(let shape):
            var t = x.sharingStorage(shape: shape)
            t.tapeHandle = nil
            return t
        case .transpose(let perm): return MovementKernels.transpose(x, perm)
        case .broadcast(let shape): return MovementKernels.broadcast(x, to: shape)
        case .slice(let ranges): return MovementKernels.slice(x, ranges)
        case .sliceScatter(let ranges, let shape): return MovementKernels.sliceScatter(x, ranges, shape: shape)
        case .concatenate(let axis): return MovementKernels.concatenate(inputs, axis: axis)
        case .pad(let widths, let value): return MovementKernels.pad(x, widths, value: value)
        case .flip(let axes): return MovementKernels.flip(x, axes: axes)
        case .take(let axis): return IndexKernels.take(x, inputs[1], axis: axis)
        case .indexAdd(let axis): return IndexKernels.indexAdd(x, inputs[1], inputs[2], axis: axis)
        case .takeAlongAxis(let axis): return IndexKernels.takeAlongAxis(x, inputs[1], axis: axis)
        case .scatterAlongAxisAdd(let axis): return IndexKernels.scatterAlongAxisAdd(x, inputs[1], inputs[2], axis: axis)
        case .argsort(let axis, let descending): return IndexKernels.argsort(x, axis: axis, descending: descending)
        case .random: preconditionFailure("handled above")
        case .convolution, .convolutionBackpropInput, .convolutionBackpropKernel, .pool, .poolBackprop:
            return ConvolutionDispatch.run(primitive, inputs)
        }
    }
}
