/// Which algorithm a convolution kernel call uses.
enum ConvolutionAlgorithm: Sendable, Hashable {
    /// Pointwise (1×1, stride 1, unpadded, ungrouped) → one GEMM; depthwise → direct loops;
    /// everything else → im2col + GEMM.
    case automatic
    /// Always im2col + GEMM, with tiles of at most `maximumRowsPerTile` output positions
    /// (tests use small caps to exercise tiling and threading).
    case im2col(maximumRowsPerTile: Int)
}

/// Fast CPU kernels for N-d (N = 1, 2, 3) channels-last convolution, grouped and depthwise
/// included: forward, and the gradients with respect to the input and to the kernel.
///
/// Layouts: `x: [batch, *spatial, cin]`, `kernel: [*k, cin/groups, cout]` (Keras),
/// `y: [batch, *outSpatial, cout]` with `outSpatial[i] = spec.outputSize(...)`.
/// Shapes and specs are trusted (the caller validates): `groups` divides `cin` and `cout`,
/// spatial rank is 1...3 (0 also works), strides and dilations are ≥ 1, padding ≥ 0.
/// Outputs are fully overwritten; inputs and outputs must not overlap.
///
/// Threads: each call fans out with `Parallel.forEach` and returns when done; it allocates its
/// scratch (im2col tiles, ≤ ~8 MB in all, plus kernel-sized partial sums in `backpropKernel`)
/// once per call and frees it before returning.
enum ConvolutionKernels {
    /// y = conv(x, kernel).
    /// x: [batch, *spatial, cin], kernel: [*k, cin/groups, cout], output: [batch, *outSpatial, cout]
    static func forward<T: ConvolutionScalar>(
        x: UnsafePointer<T>, xShape: [Int], kernel: UnsafePointer<T>, kernelShape: [Int],
        spec: ConvolutionSpec, output: UnsafeMutablePointer<T>,
        algorithm: ConvolutionAlgorithm = .automatic
    ) {
        let g = ConvolutionGeometry(inputShape: xShape, kernelShape: kernelShape, spec: spec)
        let totalRows = g.batch * g.outputVolume
        guard totalRows > 0, g.cout > 0 else { return }
        var maximumRows = Int.max
        switch algorithm {
        case .automatic:
            if g.isPointwise {
                // x is already the column matrix: [batch*vol, cin] · [cin, cout].
                T.safeGEMM(transposeA: false, transposeB: false, m: totalRows, n: g.cout, k: g.cin,
                           a: x, lda: g.cin, b: kernel, ldb: g.cout, beta: 0, c: output, ldc: g.cout)
                return
            }
            if g.isDepthwise {
                DepthwiseConvolutionKernels.forward(x: x, kernel: kernel, geometry: g, output: output)
                return
            }
        case .im2col(let cap):
            maximumRows = cap
        }
        let width = g.columnWidth
        let plan = TilePlan(totalRows: totalRows, rowWidth: width, elementSize: MemoryLayout<T>.stride,
                            spreadAcrossWorkers: true, maximumRows: maximumRows)
        let slotCount = plan.rowsPerTile * width
        let scratch = UnsafeMutablePointer<T>.allocate(capacity: max(1, plan.slots * slotCount))
        defer { scratch.deallocate() }
        Parallel.forEach(plan.slots) { slots in
            for slot in slots {
                let col = scratch + slot * slotCount
                for tile in stride(from: slot, to: plan.tiles, by: plan.slots) {
                    let r0 = tile * plan.rowsPerTile
                    let r1 = min(totalRows, r0 + plan.rowsPerTile)
                    for group in 0..<g.groups {
                        Im2Col.gather(x: x, geometry: g, group: group, rows: r0..<r1, into: col)
                        // y[rows, group outs] = col · kernel[:, group outs]  (kernel as [width, cout])
                        T.safeGEMM(transposeA: false, transposeB: false, m: r1 - r0, n: g.coutG, k: width,
                                   a: col, lda: width, b: kernel + group * g.coutG, ldb: g.cout,
                                   beta: 0, c: output + r0 * g.cout + group * g.coutG, ldc: g.cout)
                    }
                }
            }
        }
    }

    /// dx = ∂(Σ y·dy)/∂x, the gradient of `forward` with respect to its input; this is also the
    /// forward pass of a transposed convolution.
    /// dy: [batch, *outSpatial, cout], kernel: [*k, cin/groups, cout], dx: [batch, *spatial, cin]
    /// (`inputShape`).
    static func backpropInput<T: ConvolutionScalar>(
        dy: UnsafePointer<T>, dyShape: [Int], kernel: UnsafePointer<T>, kernelShape: [Int],
        spec: ConvolutionSpec, inputShape: [Int], dx: UnsafeMutablePointer<T>,
        algorithm: ConvolutionAlgorithm = .automatic
    ) {
        let g = ConvolutionGeometry(inputShape: inputShape, kernelShape: kernelShape, spec: spec)
        let inputCount = g.batch * g.inputVolume * g.cin
        guard inputCount > 0 else { return }
        var maximumRows = Int.max
        switch algorithm {
        case .automatic:
            if g.isPointwise {
                // dx [batch*vol, cin] = dy [batch*vol, cout] · kernelᵀ.
                T.safeGEMM(transposeA: false, transposeB: true, m: g.batch * g.inputVolume, n: g.cin,
                           k: g.cout, a: dy, lda: g.cout, b: kernel, ldb: g.cout, beta: 0, c: dx, ldc: g.cin)
                return
            }
            if g.isDepthwise {
                DepthwiseConvolutionKernels.backpropInput(dy: dy, kernel: kernel, geometry: g, dx: dx)
                return
            }
        case .im2col(let cap):
            maximumRows = cap
        }
        let width = g.columnWidth
        let outVolume = g.outputVolume
        // col2im scatters into overlapping input positions, so one batch element belongs to one
        // worker; its tiles run in order.
        let plan = TilePlan(totalRows: max(1, outVolume), rowWidth: width, elementSize: MemoryLayout<T>.stride,
                            spreadAcrossWorkers: false, maximumRows: maximumRows)
        let slots = min(Parallel.threadCount, g.batch)
        let slotCount = plan.rowsPerTile * width
        let scratch = UnsafeMutablePointer<T>.allocate(capacity: max(1, slots * slotCount))
        defer { scratch.deallocate() }
        let perBatch = g.inputVolume * g.cin
        Parallel.forEach(slots) { slotRange in
            for slot in slotRange {
                let col = scratch + slot * slotCount
                for b in stride(from: slot, to: g.batch, by: slots) {
                    (dx + b * perBatch).update(repeating: 0, count: perBatch)
                    for r0 in stride(from: b * outVolume, to: (b + 1) * outVolume, by: plan.rowsPerTile) {
                        let r1 = min((b + 1) * outVolume, r0 + plan.rowsPerTile)
                        for group in 0..<g.groups {
                            // col [rows, width] = dy[rows, group outs] · kernel[:, group outs]ᵀ
                            T.safeGEMM(transposeA: false, transposeB: true, m: r1 - r0, n: width, k: g.coutG,
                                       a: dy + r0 * g.cout + group * g.coutG, lda: g.cout,
                                       b: kernel + group * g.coutG, ldb: g.cout, beta: 0, c: col, ldc: width)
                            Im2Col.scatterAdd(col: col, geometry: g, group: group, rows: r0..<r1, into: dx)
                        }
                    }
                }
            }
        }
    }

    /// dkernel = ∂(Σ y·dy)/∂kernel, the gradient of `forward` with respect to its kernel, summed
    /// over the batch. Deterministic: the same inputs give bit-identical results on the same
    /// machine (the reduction order depends only on the processor count).
    /// x: [batch, *spatial, cin], dy: [batch, *outSpatial, cout], dkernel: [*k, cin/groups, cout]
    /// (`kernelShape`).
    static func backpropKernel<T: ConvolutionScalar>(
        x: UnsafePointer<T>, xShape: [Int], dy: UnsafePointer<T>, dyShape: [Int],
        spec: ConvolutionSpec, kernelShape: [Int], dkernel: UnsafeMutablePointer<T>,
        algorithm: ConvolutionAlgorithm = .automatic
    ) {
        let g = ConvolutionGeometry(inputShape: xShape, kernelShape: kernelShape, spec: spec)
        let kernelCount = g.kernelCount
        guard kernelCount > 0 else { return }
        let totalRows = g.batch * g.outputVolume
        if totalRows == 0 {
            dkernel.update(repeating: 0, count: kernelCount)
            return
        }
        var maximumRows = Int.max
        switch algorithm {
        case .automatic:
            if g.isPointwise {
                // dkernel [cin, cout] = xᵀ · dy over all batch*vol positions.
                T.safeGEMM(transposeA: true, transposeB: false, m: g.cin, n: g.cout, k: totalRows,
                           a: x, lda: g.cin, b: dy, ldb: g.cout, beta: 0, c: dkernel, ldc: g.cout)
                return
            }
            if g.isDepthwise {
                DepthwiseConvolutionKernels.backpropKernel(x: x, dy: dy, geometry: g, dkernel: dkernel)
                return
            }
        case .im2col(let cap):
            maximumRows = cap
        }
        let width = g.columnWidth
        let elementSize = MemoryLayout<T>.stride
        let plan = TilePlan(totalRows: totalRows, rowWidth: width, elementSize: elementSize,
                            spreadAcrossWorkers: true, maximumRows: maximumRows)
        // Each worker sums its tiles into its own kernel-sized buffer (slot 0 into dkernel itself);
        // big kernels get fewer workers so the partial sums stay under the budget.
        let partialBudgetBytes = 64 << 20
        let slots = max(1, min(plan.slots, partialBudgetBytes / max(1, kernelCount * elementSize)))
        let slotCount = plan.rowsPerTile * width
        let scratch = UnsafeMutablePointer<T>.allocate(capacity: max(1, slots * slotCount))
        defer { scratch.deallocate() }
        let partials = UnsafeMutablePointer<T>.allocate(capacity: max(1, (slots - 1) * kernelCount))
        defer { partials.deallocate() }
        dkernel.update(repeating: 0, count: kernelCount)
        partials.update(repeating: 0, count: (slots - 1) * kernelCount)
        Parallel.forEach(slots) { slotRange in
            for slot in slotRange {
                let col = scratch + slot * slotCount
                let sum = slot == 0 ? dkernel : partials + (slot - 1) * kernelCount
                for tile in stride(from: slot, to: plan.tiles, by: slots) {
                    let r0 = tile * plan.rowsPerTile
                    let r1 = min(totalRows, r0 + plan.rowsPerTile)
                    for group in 0..<g.groups {
                        Im2Col.gather(x: x, geometry: g, group: group, rows: r0..<r1, into: col)
                        // dkernel[:, group outs] += colᵀ · dy[rows, group outs]
                        T.safeGEMM(transposeA: true, transposeB: false, m: width, n: g.coutG, k: r1 - r0,
                                   a: col, lda: width, b: dy + r0 * g.cout + group * g.coutG, ldb: g.cout,
                                   beta: 1, c: sum + group * g.coutG, ldc: g.cout)
                    }
                }
            }
        }
        if slots > 1 {
            Parallel.forEach(kernelCount, minimumChunk: 1 << 14) { range in
                for p in 0..<(slots - 1) {
                    let partial = partials + p * kernelCount
                    for i in range { dkernel[i] += partial[i] }
                }
            }
        }
    }
}
