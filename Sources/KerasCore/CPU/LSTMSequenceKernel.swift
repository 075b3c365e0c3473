/// Keras's LSTM over a whole sequence as one kernel: the input projection of every step in one
/// GEMM, then blocks of batch rows in parallel (rows never interact, so threads meet only at the
/// end), each running every step: the product with the recurrent kernel and the gates in a tight
/// loop. The backward pass runs the steps in reverse (backpropagation through time) the same way
/// and finishes with one GEMM per weight gradient.
///
/// Residuals (all time-major, processing order): `xs [T, B, F]`, the gate activations
/// `gates [T, B, 4U]` (i, f, g = tanh(c̃), o), the states `hs`, `cs` `[T + 1, B, U]` (`hs[0]` = h0,
/// `hs[s + 1]` = h after step s, masked steps included), and `tanh(c)` of each step's new cell
/// state `[T, B, U]` (saving the backward pass a `tanh` per element).
enum LSTMSequenceKernel {
    // x: [B, T, F], h0, c0: [B, U], kernel: [F, 4U], recurrentKernel: [U, 4U], bias: [4U]
    // -> outputs [B, T, U] (processing order), h [B, U], c [B, U]
    static func forward<T: RecurrentScalar>(_ spec: RecurrentSequenceSpec, _ inputs: RecurrentSequenceInputs,
                                            _: T.Type) -> (outputs: [Tensor], residuals: [Tensor]) {
        let layout = RecurrentLayout(spec, inputs)
        let (B, S, U) = (layout.batch, layout.steps, layout.units)
        let G = 4 * U
        let dtype = inputs.x.dtype
        let xs = layout.reordered(inputs.x, toTimeMajor: true, T.self)
        // The pre-activations of every step's input half, then (step by step) the gate activations.
        let gates = layout.inputProjection(xs, kernel: inputs.kernel, bias: inputs.bias?.pointer(as: T.self), T.self)
        let hs = Tensor(uninitializedShape: [S + 1, B, U], dtype: dtype)
        let cs = Tensor(uninitializedShape: [S + 1, B, U], dtype: dtype)
        let tanhC = Tensor(uninitializedShape: [S, B, U], dtype: dtype)
        let out = Tensor(uninitializedShape: [B, S, U], dtype: dtype)
        let z = gates.pointer(as: T.self), h = hs.pointer(as: T.self), c = cs.pointer(as: T.self), o = out.pointer(as: T.self)
        let tc = tanhC.pointer(as: T.self)
        h.update(from: inputs.initialStates[0].pointer(as: T.self), count: B * U)
        c.update(from: inputs.initialStates[1].pointer(as: T.self), count: B * U)
        let mask = inputs.mask?.pointer(as: Bool.self)
        let recurrent = inputs.recurrentKernel.pointer(as: T.self)
        let zeroOutput = spec.zeroOutputForMask
        Parallel.forEach(B, minimumChunk: layout.rowsPerChunk) { rows in
            for s in 0..<S {
                let zs = z + s * B * G
                // Z_s += h_{s-1} · R for these rows.
                T.rowsGEMM(transposeB: false, m: rows.count, n: G, k: U, a: h + (s * B + rows.lowerBound) * U, lda: U,
                           b: recurrent, ldb: G, beta: 1, c: zs + rows.lowerBound * G, ldc: G)
                for b in rows {
                    let zr = zs + b * G
                    let hp = h + (s * B + b) * U, cp = c + (s * B + b) * U
                    let hn = hp + B * U, cn = cp + B * U, tcr = tc + (s * B + b) * U
                    let keep = layout.keeps(mask, b, s)
                    for u in 0..<U {
                        let i = T.gateSigmoid(zr[u]), f = T.gateSigmoid(zr[U + u])
                        let g = T.gateTanh(zr[2 * U + u]), og = T.gateSigmoid(zr[3 * U + u])
                        zr[u] = i; zr[U + u] = f; zr[2 * U + u] = g; zr[3 * U + u] = og
                        if keep {
                            let cv = f * cp[u] + i * g
                            let t = T.gateTanh(cv)
                            cn[u] = cv
                            tcr[u] = t
                            hn[u] = og * t
                        } else {
                            cn[u] = cp[u]
                            hn[u] = hp[u]
                        }
                    }
                    layout.writeOutput(o, state: hn, row: b, step: s, keep: keep, zeroOutputForMask: zeroOutput)
                }
            }
        }
        let hT = lastState(hs, S, B * U, T.self), cT = lastState(cs, S, B * U, T.self)
        return ([out, hT, cT], [xs, gates, hs, cs, tanhC])
    }

    // cotangents: d outputs [B, T, U], dh [B, U], dc [B, U]
    // -> gradients of [x, h0, c0, kernel, recurrentKernel, bias?]
    static func backward<T: RecurrentScalar>(_ spec: RecurrentSequenceSpec, _ inputs: RecurrentSequenceInputs,
                                             residuals: [Tensor], cotangents: [Tensor], needed: [Bool],
                                             _: T.Type) -> [Tensor?] {
        let layout = RecurrentLayout(spec, inputs)
        let (B, S, U) = (layout.batch, layout.steps, layout.units)
        let G = 4 * U
        let dtype = inputs.x.dtype
        let (xs, gates, hs, cs) = (residuals[0], residuals[1], residuals[2], residuals[3])
        let z = gates.pointer(as: T.self), c = cs.pointer(as: T.self), tanhC = residuals[4].pointer(as: T.self)
        let dOut = cotangents[0].pointer(as: T.self)
        let dhState = layout.copy(cotangents[1], T.self), dcState = layout.copy(cotangents[2], T.self)
        let dh = dhState.pointer(as: T.self), dc = dcState.pointer(as: T.self)
        let dZ = Tensor(uninitializedShape: [S, B, G], dtype: dtype)
        let dz = dZ.pointer(as: T.self)
        let mask = inputs.mask?.pointer(as: Bool.self)
        let recurrent = inputs.recurrentKernel.pointer(as: T.self)
        let zeroOutput = spec.zeroOutputForMask
        Parallel.forEach(B, minimumChunk: layout.rowsPerChunk) { rows in
            for s in stride(from: S - 1, through: 0, by: -1) {
                let zs = z + s * B * G, dzs = dz + s * B * G
                for b in rows {
                    let keep = layout.keeps(mask, b, s)
                    let dhr = dh + b * U, dcr = dc + b * U, dzr = dzs + b * G
                    layout.addOutputCotangent(dOut, to: dhr, row: b, step: s, keep: keep, zeroOutputForMask: zeroOutput)
                    guard keep else {
                        // A skipped step passes its states' gradients straight through.
                        dzr.update(repeating: 0, count: G)
                        continue
                    }
                    let zr = zs + b * G
                    let cp = c + (s * B + b) * U, tcr = tanhC + (s * B + b) * U
                    for u in 0..<U {
                        let i = zr[u], f = zr[U + u], g = zr[2 * U + u], og = zr[3 * U + u]
                        let tc = tcr[u]
                        let dcTotal = dcr[u] + dhr[u] * og * (1 - tc * tc)
                        dzr[u] = dcTotal * g * i * (1 - i)
                        dzr[U + u] = dcTotal * cp[u] * f * (1 - f)
                        dzr[2 * U + u] = dcTotal * i * (1 - g * g)
                        dzr[3 * U + u] = dhr[u] * tc * og * (1 - og)
                        dcr[u] = dcTotal * f
                        dhr[u] = 0
                    }
                }
                // dh_{s-1} += dZ_s · Rᵀ for these rows (zero rows for skipped steps add nothing).
                T.rowsGEMM(transposeB: true, m: rows.count, n: U, k: G, a: dzs + rows.lowerBound * G, lda: G,
                           b: recurrent, ldb: G, beta: 1, c: dh + rows.lowerBound * U, ldc: U)
            }
        }
        var dRecurrent: Tensor?
        if needed[4] {
            // dR = Σ_s h_{s-1}ᵀ · dZ_s: hs[0 ..< S] is [S·B, U].
            let g = Tensor(uninitializedShape: [U, G], dtype: dtype)
            T.gemm(transposeA: true, transposeB: false, m: U, n: G, k: S * B, alpha: 1, a: hs.pointer(as: T.self), lda: U,
                   b: dz, ldb: G, beta: 0, c: g.pointer(as: T.self), ldc: G)
            dRecurrent = g
        }
        let hasBias = inputs.bias != nil
        let projection = layout.projectionGradients(xs: xs, dZ: dZ, kernel: inputs.kernel, bias: hasBias,
                                                    needKernel: needed[3], needBias: hasBias && needed[5],
                                                    needX: needed[0], T.self)
        return [projection.dx, needed[1] ? dhState : nil, needed[2] ? dcState : nil, projection.dKernel, dRecurrent]
            + (hasBias ? [projection.dBias] : [])
    }

    /// The last block `[B, U]` of a `[S + 1, B, U]` state history.
    static func lastState<T: RecurrentScalar>(_ history: Tensor, _ steps: Int, _ size: Int, _: T.Type) -> Tensor {
        let out = Tensor(uninitializedShape: Array(history.shape.dropFirst()), dtype: history.dtype)
        out.pointer(as: T.self).update(from: history.pointer(as: T.self) + steps * size, count: size)
        return out
    }
}
