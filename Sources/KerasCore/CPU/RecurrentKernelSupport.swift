import RealModule

/// An element type the fused recurrent kernels run on: a float with a GEMM and elementary
/// functions (`Float`, `Double`).
protocol RecurrentScalar: ConvolutionScalar, Real {
    /// `C = op(A)·op(B) + beta·C` on the built-in GEMM, for one step's products over a block of
    /// batch rows: they run inside the kernel's parallel loop, where OpenBLAS's own threads would
    /// fight the pool for the cores (and spin between the many small calls).
    static func rowsGEMM(transposeB: Bool, m: Int, n: Int, k: Int, a: UnsafePointer<Self>, lda: Int,
                         b: UnsafePointer<Self>, ldb: Int, beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
    /// The logistic function of a gate.
    static func gateSigmoid(_ x: Self) -> Self
    /// The hyperbolic tangent of a candidate or cell state.
    static func gateTanh(_ x: Self) -> Self
}

extension Float: RecurrentScalar {
    static func rowsGEMM(transposeB: Bool, m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int,
                         b: UnsafePointer<Float>, ldb: Int, beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        GEMM.sgemm(transposeA: false, transposeB: transposeB, m: m, n: n, k: k, alpha: 1, a: a, lda: lda, b: b, ldb: ldb,
                   beta: beta, c: c, ldc: ldc, path: .builtin)
    }
}

extension Double: RecurrentScalar {
    static func rowsGEMM(transposeB: Bool, m: Int, n: Int, k: Int, a: UnsafePointer<Double>, lda: Int,
                         b: UnsafePointer<Double>, ldb: Int, beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int) {
        GEMM.dgemm(transposeA: false, transposeB: transposeB, m: m, n: n, k: k, alpha: 1, a: a, lda: lda, b: b, ldb: ldb,
                   beta: beta, c: c, ldc: ldc, path: .builtin)
    }
}

extension Double {
    /// `libm`'s functions: float64 runs are the exact oracle (1e-12 against the composite).
    @inline(__always)
    static func gateSigmoid(_ x: Double) -> Double {
        let e = exp(-Swift.abs(x))
        return x >= 0 ? 1 / (1 + e) : e / (1 + e)
    }

    @inline(__always)
    static func gateTanh(_ x: Double) -> Double { tanh(x) }
}

extension Float {
    /// The logistic function, written as ``ElementwiseKernels`` computes it (neither branch
    /// overflows), on ``RecurrentMath/exp(_:)``.
    @inline(__always)
    static func gateSigmoid(_ x: Float) -> Float {
        let e = RecurrentMath.exp(-Swift.abs(x))
        return x >= 0 ? 1 / (1 + e) : e / (1 + e)
    }

    @inline(__always)
    static func gateTanh(_ x: Float) -> Float { RecurrentMath.tanh(x) }
}

/// `exp` and `tanh` for float32 gates, inlined where `libm` would be a call per element (most of a
/// fused LSTM's time): Cephes's `expf` and `tanhf` (range reduction and minimax polynomials),
/// within 2 and 3 ulp of `libm` over the whole range; NaN stays NaN. `RecurrentMathTests` checks
/// them on dense grids.
enum RecurrentMath {
    @inline(__always)
    static func exp(_ x: Float) -> Float {
        if x.isNaN { return x }
        let v = Swift.min(Swift.max(x, -87.3), 88.3)
        // v = n·ln 2 + r, |r| <= ln 2 / 2, ln 2 split in two for an exact product.
        let t = v * 1.44269504088896341 + 0.5
        var n = Float(Int32(t))
        if n > t { n -= 1 }
        let r = v - n * 0.693359375 + n * 2.12194440e-4
        var p: Float = 1.9875691500e-4
        p = p * r + 1.3981999507e-3
        p = p * r + 8.3334519073e-3
        p = p * r + 4.1665795894e-2
        p = p * r + 1.6666665459e-1
        p = p * r + 5.0000001201e-1
        let y = p * (r * r) + r + 1
        return y * Float(bitPattern: UInt32(Int32(n) + 127) << 23)   // · 2ⁿ, n in -126 ... 127
    }

    @inline(__always)
    static func tanh(_ x: Float) -> Float {
        let a = Swift.abs(x)
        if a < 0.625 {
            let s = x * x
            var p: Float = -5.70498872745e-3
            p = p * s + 2.06390887954e-2
            p = p * s - 5.37397155531e-2
            p = p * s + 1.33314422036e-1
            p = p * s - 3.33332819422e-1
            return p * s * x + x
        }
        // (1 - e^-2a) / (1 + e^-2a): no cancellation for a >= 0.625.
        let e = exp(-2 * a)
        let y = (1 - e) / (1 + e)
        return x < 0 ? -y : y
    }
}

/// The pieces the fused LSTM and GRU kernels share: the time-major layout, the mask, and the
/// gradients of the input projection.
///
/// Both kernels work time-major in processing order: step `s` of a sequence reads time
/// `t = goBackwards ? T - 1 - s : s`, and `[T, batch, ...]` buffers are indexed by `s`, so one
/// GEMM covers every step's input projection and every step's weight gradient.
struct RecurrentLayout {
    let batch: Int, steps: Int, features: Int, units: Int
    let goBackwards: Bool

    init(_ spec: RecurrentSequenceSpec, _ inputs: RecurrentSequenceInputs) {
        batch = inputs.x.shape[0]
        steps = inputs.x.shape[1]
        features = inputs.x.shape[2]
        units = inputs.recurrentKernel.shape[0]
        goBackwards = spec.goBackwards
    }

    /// The input time of processing step `s`.
    @inline(__always)
    func time(_ s: Int) -> Int { goBackwards ? steps - 1 - s : s }

    /// `x` `[batch, T, features]` -> `[T, batch, features]` in processing order, or back
    /// (`toTimeMajor: false`).
    func reordered<T: RecurrentScalar>(_ x: Tensor, toTimeMajor: Bool, _: T.Type) -> Tensor {
        let out = Tensor(uninitializedShape: toTimeMajor ? [steps, batch, features] : [batch, steps, features], dtype: x.dtype)
        let src = x.pointer(as: T.self), dst = out.pointer(as: T.self)
        for s in 0..<steps {
            for b in 0..<batch {
                let timeMajor = (s * batch + b) * features, batchMajor = (b * steps + time(s)) * features
                if toTimeMajor {
                    (dst + timeMajor).update(from: src + batchMajor, count: features)
                } else {
                    (dst + batchMajor).update(from: src + timeMajor, count: features)
                }
            }
        }
        return out
    }

    /// Adds row `b` of step `s` of the outputs' cotangent `[batch, T, units]` to `dh` (the
    /// gradient of the state after the step), unless a skipped step output zeros.
    @inline(__always)
    func addOutputCotangent<T: RecurrentScalar>(_ dOutputs: UnsafeMutablePointer<T>, to dh: UnsafeMutablePointer<T>,
                                                row b: Int, step s: Int, keep: Bool, zeroOutputForMask: Bool) {
        guard keep || !zeroOutputForMask else { return }
        let g = dOutputs + (b * steps + s) * units
        for u in 0..<units { dh[u] += g[u] }
    }

    /// Writes row `b` of step `s` of the outputs `[batch, T, units]`: the state after the step,
    /// or zeros at a skipped step with `zeroOutputForMask`.
    @inline(__always)
    func writeOutput<T: RecurrentScalar>(_ outputs: UnsafeMutablePointer<T>, state h: UnsafeMutablePointer<T>,
                                         row b: Int, step s: Int, keep: Bool, zeroOutputForMask: Bool) {
        let row = outputs + (b * steps + s) * units
        if keep || !zeroOutputForMask { row.update(from: h, count: units) } else { row.update(repeating: 0, count: units) }
    }

    /// Whether row `b` takes step `s` (the mask is `[batch, T]` in input time order).
    @inline(__always)
    func keeps(_ mask: UnsafeMutablePointer<Bool>?, _ b: Int, _ s: Int) -> Bool {
        mask.map { $0[b * steps + time(s)] } ?? true
    }

    /// The fewest batch rows in one block of parallel work (a block runs every step): enough rows
    /// for an efficient GEMM per step, few enough that both cores get blocks.
    var rowsPerChunk: Int { Swift.max(8, 1024 / Swift.max(units, 1)) }

    /// The input projection of every step at once, `bias + X·W`: `[T, batch, n]` from the
    /// time-major `xs` and `kernel` `[features, n]` (`n` = gates·units), `bias` `[n]` or none.
    func inputProjection<T: RecurrentScalar>(_ xs: Tensor, kernel: Tensor, bias: UnsafeMutablePointer<T>?, _: T.Type) -> Tensor {
        let n = kernel.shape[1]
        let z = Tensor(uninitializedShape: [steps, batch, n], dtype: xs.dtype)
        let pz = z.pointer(as: T.self)
        if let bias {
            for r in 0..<(steps * batch) { (pz + r * n).update(from: bias, count: n) }
        }
        T.gemm(transposeA: false, transposeB: false, m: steps * batch, n: n, k: features, alpha: 1, a: xs.pointer(as: T.self),
               lda: features, b: kernel.pointer(as: T.self), ldb: n, beta: bias == nil ? 0 : 1, c: pz, ldc: n)
        return z
    }

    /// The gradients of the input projection `Z = X·W (+ b)` from `dZ` `[T·batch, n]` (the
    /// gradient of the pre-activations, `n` = gates·units): `dW = Xᵀ·dZ`, `db` (the column sums,
    /// when `bias`) and `dx = dZ·Wᵀ` back in `[batch, T, features]`.
    func projectionGradients<T: RecurrentScalar>(
        xs: Tensor, dZ: Tensor, kernel: Tensor, bias: Bool, needKernel: Bool, needBias: Bool, needX: Bool, _: T.Type
    ) -> (dx: Tensor?, dKernel: Tensor?, dBias: Tensor?) {
        let rows = steps * batch, n = kernel.shape[1]
        let dz = dZ.pointer(as: T.self)
        var dKernel: Tensor?, dBias: Tensor?, dx: Tensor?
        if needKernel {
            let g = Tensor(uninitializedShape: kernel.shape, dtype: kernel.dtype)
            T.gemm(transposeA: true, transposeB: false, m: features, n: n, k: rows, alpha: 1,
                   a: xs.pointer(as: T.self), lda: features, b: dz, ldb: n, beta: 0, c: g.pointer(as: T.self), ldc: n)
            dKernel = g
        }
        if bias && needBias { dBias = columnSums(dZ, rows: rows, columns: n, T.self) }
        if needX {
            let g = Tensor(uninitializedShape: [steps, batch, features], dtype: kernel.dtype)
            T.gemm(transposeA: false, transposeB: true, m: rows, n: features, k: n, alpha: 1,
                   a: dz, lda: n, b: kernel.pointer(as: T.self), ldb: n, beta: 0, c: g.pointer(as: T.self), ldc: features)
            dx = reordered(g, toTimeMajor: false, T.self)
        }
        return (dx, dKernel, dBias)
    }

    /// The sums of the `columns` columns of a row-major `[rows, columns]` buffer, as `[columns]`.
    func columnSums<T: RecurrentScalar>(_ m: Tensor, rows: Int, columns: Int, _: T.Type) -> Tensor {
        let out = Tensor(uninitializedShape: [columns], dtype: m.dtype)
        let p = m.pointer(as: T.self), o = out.pointer(as: T.self)
        o.update(repeating: 0, count: columns)
        for r in 0..<rows {
            let row = p + r * columns
            for j in 0..<columns { o[j] += row[j] }
        }
        return out
    }

    /// A copy of `t` (cotangents are updated in place).
    func copy<T: RecurrentScalar>(_ t: Tensor, _: T.Type) -> Tensor {
        let out = Tensor(uninitializedShape: t.shape, dtype: t.dtype)
        out.pointer(as: T.self).update(from: t.pointer(as: T.self), count: t.count)
        return out
    }
}
