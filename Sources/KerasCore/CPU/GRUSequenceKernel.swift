/// Keras's GRU over a whole sequence as one kernel, in both forms (`resetAfter`): the input
/// projection of every step in one GEMM, then blocks of batch rows in parallel (rows never
/// interact), each running every step: the recurrent product(s) and the gates in a tight loop.
/// The backward pass runs the steps in reverse (backpropagation through time) the same way.
///
/// Residuals (time-major, processing order): `xs [T, B, F]`, the gate activations
/// `gates [T, B, 3U]` (z, r, h̃), `hs [T + 1, B, U]` (`hs[0]` = h0), and `inner [T, B, U]`: with
/// `resetAfter` the recurrent candidate product `h·Uₕ + b'ₕ`, otherwise `r ⊙ h₋₁`.
enum GRUSequenceKernel {
    // x: [B, T, F], h0: [B, U], kernel: [F, 3U], recurrentKernel: [U, 3U],
    // bias: [2, 3U] (resetAfter) or [3U] -> outputs [B, T, U] (processing order), h [B, U]
    static func forward<T: RecurrentScalar>(_ spec: RecurrentSequenceSpec, _ inputs: RecurrentSequenceInputs,
                                            resetAfter: Bool, _: T.Type) -> (outputs: [Tensor], residuals: [Tensor]) {
        let layout = RecurrentLayout(spec, inputs)
        let (B, S, U) = (layout.batch, layout.steps, layout.units)
        let G = 3 * U
        let dtype = inputs.x.dtype
        let xs = layout.reordered(inputs.x, toTimeMajor: true, T.self)
        let inputBias = inputs.bias?.pointer(as: T.self)
        // The pre-activations of every step's input half, then (step by step) the gate activations.
        let gates = layout.inputProjection(xs, kernel: inputs.kernel, bias: inputBias, T.self)
        let hs = Tensor(uninitializedShape: [S + 1, B, U], dtype: dtype)
        let inner = Tensor(uninitializedShape: [S, B, U], dtype: dtype)
        let out = Tensor(uninitializedShape: [B, S, U], dtype: dtype)
        // Per step: the recurrent products of the three gates, [B, 3U].
        let scratch = Tensor(uninitializedShape: [B, G], dtype: dtype)
        let z = gates.pointer(as: T.self), h = hs.pointer(as: T.self), o = out.pointer(as: T.self)
        let inn = inner.pointer(as: T.self), rec = scratch.pointer(as: T.self)
        let recurrentBias = resetAfter ? inputBias.map { $0 + G } : nil
        h.update(from: inputs.initialStates[0].pointer(as: T.self), count: B * U)
        let mask = inputs.mask?.pointer(as: Bool.self)
        let recurrent = inputs.recurrentKernel.pointer(as: T.self)
        let zeroOutput = spec.zeroOutputForMask
        Parallel.forEach(B, minimumChunk: layout.rowsPerChunk) { rows in
            for s in 0..<S {
                let zs = z + s * B * G, hPrev = h + s * B * U, inns = inn + s * B * U
                let first = rows.lowerBound
                if resetAfter {
                    // rec = h·R + b' for all three gates.
                    if let recurrentBias {
                        for b in rows { (rec + b * G).update(from: recurrentBias, count: G) }
                    }
                    T.rowsGEMM(transposeB: false, m: rows.count, n: G, k: U, a: hPrev + first * U, lda: U, b: recurrent,
                               ldb: G, beta: recurrentBias == nil ? 0 : 1, c: rec + first * G, ldc: G)
                } else {
                    // rec[:, :2U] = h·R[:, :2U]; r; then rec[:, 2U:] = (r ⊙ h)·R[:, 2U:].
                    T.rowsGEMM(transposeB: false, m: rows.count, n: 2 * U, k: U, a: hPrev + first * U, lda: U,
                               b: recurrent, ldb: G, beta: 0, c: rec + first * G, ldc: G)
                    for b in rows {
                        let zr = zs + b * G, rr = rec + b * G, hp = hPrev + b * U, ir = inns + b * U
                        for u in 0..<U {
                            let r = T.gateSigmoid(zr[U + u] + rr[U + u])
                            zr[U + u] = r
                            ir[u] = r * hp[u]
                        }
                    }
                    T.rowsGEMM(transposeB: false, m: rows.count, n: U, k: U, a: inns + first * U, lda: U,
                               b: recurrent + 2 * U, ldb: G, beta: 0, c: rec + first * G + 2 * U, ldc: G)
                }
                for b in rows {
                    let zr = zs + b * G, rr = rec + b * G, hp = hPrev + b * U, hn = hp + B * U, ir = inns + b * U
                    let keep = layout.keeps(mask, b, s)
                    for u in 0..<U {
                        let zg = T.gateSigmoid(zr[u] + rr[u])
                        let candidate: T
                        if resetAfter {
                            let r = T.gateSigmoid(zr[U + u] + rr[U + u])
                            zr[U + u] = r
                            ir[u] = rr[2 * U + u]
                            candidate = T.gateTanh(zr[2 * U + u] + r * rr[2 * U + u])
                        } else {
                            candidate = T.gateTanh(zr[2 * U + u] + rr[2 * U + u])
                        }
                        zr[u] = zg
                        zr[2 * U + u] = candidate
                        hn[u] = keep ? zg * hp[u] + (1 - zg) * candidate : hp[u]
                    }
                    layout.writeOutput(o, state: hn, row: b, step: s, keep: keep, zeroOutputForMask: zeroOutput)
                }
            }
        }
        return ([out, LSTMSequenceKernel.lastState(hs, S, B * U, T.self)], [xs, gates, hs, inner])
    }

    // cotangents: d outputs [B, T, U], dh [B, U] -> gradients of [x, h0, kernel, recurrentKernel, bias?]
    static func backward<T: RecurrentScalar>(_ spec: RecurrentSequenceSpec, _ inputs: RecurrentSequenceInputs,
                                             resetAfter: Bool, residuals: [Tensor], cotangents: [Tensor],
                                             needed: [Bool], _: T.Type) -> [Tensor?] {
        let layout = RecurrentLayout(spec, inputs)
        let (B, S, U) = (layout.batch, layout.steps, layout.units)
        let G = 3 * U
        let dtype = inputs.x.dtype
        let (xs, gates, hs, inner) = (residuals[0], residuals[1], residuals[2], residuals[3])
        let z = gates.pointer(as: T.self), h = hs.pointer(as: T.self), inn = inner.pointer(as: T.self)
        let dOut = cotangents[0].pointer(as: T.self)
        let dhState = layout.copy(cotangents[1], T.self)
        let dh = dhState.pointer(as: T.self)
        // dZ: the gradient of the input pre-activations; with resetAfter, dRec: that of the
        // recurrent products (they differ in the candidate column: dRec = dZ ⊙ r there).
        let dZ = Tensor(uninitializedShape: [S, B, G], dtype: dtype)
        let dRec = resetAfter ? Tensor(uninitializedShape: [S, B, G], dtype: dtype) : dZ
        let dz = dZ.pointer(as: T.self), drec = dRec.pointer(as: T.self)
        // Without resetAfter: d(r ⊙ h₋₁) per step.
        let scratch = Tensor(uninitializedShape: [B, U], dtype: dtype)
        let drh = scratch.pointer(as: T.self)
        let mask = inputs.mask?.pointer(as: Bool.self)
        let recurrent = inputs.recurrentKernel.pointer(as: T.self)
        let zeroOutput = spec.zeroOutputForMask
        Parallel.forEach(B, minimumChunk: layout.rowsPerChunk) { rows in
            for s in stride(from: S - 1, through: 0, by: -1) {
                let zs = z + s * B * G, dzs = dz + s * B * G, drecs = drec + s * B * G
                let hPrev = h + s * B * U, inns = inn + s * B * U
                let first = rows.lowerBound
                for b in rows {
                    let keep = layout.keeps(mask, b, s)
                    let dhr = dh + b * U, dzr = dzs + b * G, dr = drecs + b * G
                    layout.addOutputCotangent(dOut, to: dhr, row: b, step: s, keep: keep, zeroOutputForMask: zeroOutput)
                    guard keep else {
                        dzr.update(repeating: 0, count: G)
                        if resetAfter { dr.update(repeating: 0, count: G) }
                        continue
                    }
                    let zr = zs + b * G, hp = hPrev + b * U, ir = inns + b * U
                    for u in 0..<U {
                        let zg = zr[u], r = zr[U + u], candidate = zr[2 * U + u]
                        let d = dhr[u]
                        let dCandidate = d * (1 - zg) * (1 - candidate * candidate)
                        dzr[u] = d * (hp[u] - candidate) * zg * (1 - zg)
                        dzr[2 * U + u] = dCandidate
                        dhr[u] = d * zg
                        if resetAfter {
                            dzr[U + u] = dCandidate * ir[u] * r * (1 - r)
                            dr[u] = dzr[u]
                            dr[U + u] = dzr[U + u]
                            dr[2 * U + u] = dCandidate * r
                        }
                    }
                }
                if resetAfter {
                    T.rowsGEMM(transposeB: true, m: rows.count, n: U, k: G, a: drecs + first * G, lda: G,
                               b: recurrent, ldb: G, beta: 1, c: dh + first * U, ldc: U)
                    continue
                }
                // d(r ⊙ h₋₁) = dh̃ · R[:, 2U:]ᵀ; then the reset gate and the direct path to h₋₁.
                T.rowsGEMM(transposeB: true, m: rows.count, n: U, k: U, a: dzs + first * G + 2 * U, lda: G,
                           b: recurrent + 2 * U, ldb: G, beta: 0, c: drh + first * U, ldc: U)
                for b in rows where layout.keeps(mask, b, s) {
                    let dzr = dzs + b * G, zr = zs + b * G, hp = hPrev + b * U, dhr = dh + b * U, g = drh + b * U
                    for u in 0..<U {
                        let r = zr[U + u]
                        dzr[U + u] = g[u] * hp[u] * r * (1 - r)
                        dhr[u] += g[u] * r
                    }
                }
                T.rowsGEMM(transposeB: true, m: rows.count, n: U, k: 2 * U, a: dzs + first * G, lda: G,
                           b: recurrent, ldb: G, beta: 1, c: dh + first * U, ldc: U)
            }
        }
        var dRecurrent: Tensor?
        if needed[3] {
            let g = Tensor(uninitializedShape: [U, G], dtype: dtype)
            let pg = g.pointer(as: T.self)
            if resetAfter {
                T.gemm(transposeA: true, transposeB: false, m: U, n: G, k: S * B, alpha: 1, a: h, lda: U,
                       b: drec, ldb: G, beta: 0, c: pg, ldc: G)
            } else {
                T.gemm(transposeA: true, transposeB: false, m: U, n: 2 * U, k: S * B, alpha: 1, a: h, lda: U,
                       b: dz, ldb: G, beta: 0, c: pg, ldc: G)
                T.gemm(transposeA: true, transposeB: false, m: U, n: U, k: S * B, alpha: 1, a: inn, lda: U,
                       b: dz + 2 * U, ldb: G, beta: 0, c: pg + 2 * U, ldc: G)
            }
            dRecurrent = g
        }
        let hasBias = inputs.bias != nil
        let projection = layout.projectionGradients(xs: xs, dZ: dZ, kernel: inputs.kernel, bias: hasBias,
                                                    needKernel: needed[2], needBias: hasBias && needed[4],
                                                    needX: needed[0], T.self)
        var dBias = projection.dBias
        if resetAfter, let inputPart = dBias {
            // [2, 3U]: the input bias's gradient, then the recurrent bias's.
            let recurrentPart = layout.columnSums(dRec, rows: S * B, columns: G, T.self)
            dBias = concatenate([inputPart, recurrentPart]).reshaped(to: [2, G])
        }
        return [projection.dx, needed[1] ? dhState : nil, projection.dKernel, dRecurrent] + (hasBias ? [dBias] : [])
    }
}
