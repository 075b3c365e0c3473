// Built-in GEMM: GotoBLAS/BLIS-style packing and cache blocking in Swift around the C SIMD
// macro/micro-kernels of KerasKernels, parallelised with dynamically scheduled work items.
//
// Loop structure for single precision (per call):
//   for jc in 0..<n step NC            (B block: KC × NC packed once, shared by all workers)
//     for pc in 0..<k step KC
//       pack B[pc.., jc..]  (in parallel, nr-column panels)
//       work items (mc-row block × column chunk), claimed from an atomic counter:
//         pack A[ic.., pc..] * alpha into the worker's own buffer (MC × KC, stays in L2)
//         kk_sgemm_macro: jr over 16-column panels (L1), ir over 6-row panels
// beta is applied by the kernel on the first k block only (later blocks accumulate).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KerasKernels

enum BuiltinGEMM {
    /// Micro-tile rows (must match KK_SGEMM_MR in the C kernels).
    static let mr = Int(KK_SGEMM_MR)
    /// Micro-tile columns (must match KK_SGEMM_NR in the C kernels).
    static let nr = Int(KK_SGEMM_NR)
    /// k block: a 6×KC A micro-panel plus a KC×16 B micro-panel (6 KiB + 16 KiB) fit in the
    /// 32 KiB L1 of Zen 3 / Haswell-class cores.
    static let kcMax = 256
    /// m block: MC×KC floats of packed A (144 KiB) stay resident in a 256-512 KiB L2.
    static let mcMax = 144
    /// n block: KC×NC floats of packed B (~4 MiB) live in L3 and bound the workspace size.
    static let ncMax = 4080
    /// Below this many multiply-adds (m·n·k) a call runs on the calling thread only: signalling
    /// a worker costs more than it saves (measured: 2 threads win from about 64³ upwards).
    static let parallelThreshold = 64 * 64 * 64

    // MARK: - Single precision

    /// Built-in single-precision GEMM (same contract as `GEMM.sgemm`; expects m, n, k > 0 and
    /// alpha != 0, which `GEMM.sgemm` guarantees).
    static func sgemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        let mr = self.mr, nr = self.nr
        // m·n·k in Double: cannot overflow for huge shapes.
        let work = Double(m) * Double(n) * Double(k)
        let threads = work < Double(parallelThreshold) ? 1 : Parallel.threadCount
        // Balanced block sizes: e.g. k = 300 gives two k blocks of 150, not 256 + 44.
        let kBlocks = (k + kcMax - 1) / kcMax
        let kc = (k + kBlocks - 1) / kBlocks
        var mBlocks = (m + mcMax - 1) / mcMax
        if threads > 1 && mBlocks > 1 {
            // A multiple of the thread count so the last round of work items is full.
            mBlocks = (mBlocks + threads - 1) / threads * threads
        }
        let mc = roundUp((m + mBlocks - 1) / mBlocks, mr)
        mBlocks = (m + mc - 1) / mc

        let workspace = GEMMWorkspacePool.shared.acquire(workers: threads)
        defer { GEMMWorkspacePool.shared.release(workspace) }
        let maxPanels = (min(n, ncMax) + nr - 1) / nr
        let packedB = workspace.packedB.floats(count: maxPanels * nr * kc)
        let packedA = (0..<threads).map { workspace.packedA[$0].floats(count: mc * kc) }
        let counter = workspace.counter

        for jc in stride(from: 0, to: n, by: ncMax) {
            let ncur = min(ncMax, n - jc)
            let nPanels = (ncur + nr - 1) / nr
            // Split columns too when there are few row blocks, so that both threads get work
            // and dynamic scheduling has some slack (aim for >= 4 items per thread).
            var chunks = 1
            if threads > 1 {
                chunks = min(nPanels, max(1, (4 * threads + mBlocks - 1) / mBlocks))
            }
            let panelsPerChunk = (nPanels + chunks - 1) / chunks
            chunks = (nPanels + panelsPerChunk - 1) / panelsPerChunk
            let tasks = mBlocks * chunks

            for pc in stride(from: 0, to: k, by: kc) {
                let kcur = min(kc, k - pc)
                let betaNow: Float = pc == 0 ? beta : 1

                let packGroups = threads > 1 ? min(nPanels, 2 * threads) : 1
                Parallel.forEachIndex(packGroups) { g in
                    packB(transposed: transposeB, b: b, ldb: ldb, k0: pc, kc: kcur, j0: jc, n: ncur,
                          panels: (g * nPanels / packGroups)..<((g + 1) * nPanels / packGroups),
                          dst: packedB)
                }

                counter.reset()
                Parallel.forEachIndex(min(threads, tasks)) { worker in
                    let aBuffer = packedA[worker]
                    var packedBlock = -1  // row block currently in aBuffer (reused across chunks)
                    while true {
                        let task = counter.next()
                        if task >= tasks { break }
                        let block = task / chunks, chunk = task % chunks
                        let i0 = block * mc
                        let mcur = min(mc, m - i0)
                        if block != packedBlock {
                            packA(transposed: transposeA, a: a, lda: lda, i0: i0, m: mcur,
                                  k0: pc, kc: kcur, alpha: alpha, dst: aBuffer)
                            packedBlock = block
                        }
                        let p0 = chunk * panelsPerChunk
                        let p1 = min(nPanels, p0 + panelsPerChunk)
                        let j0 = p0 * nr
                        let cols = min(ncur, p1 * nr) - j0
                        kk_sgemm_macro(mcur, cols, kcur, aBuffer, packedB + p0 * kcur * nr,
                                       c + i0 * ldc + jc + j0, ldc, betaNow)
                    }
                }
            }
        }
    }

    /// Packs rows i0..<i0+m, columns k0..<k0+kc of alpha·op(A) into 6-row panels:
    /// panel q holds, for each p, the 6 values op(A)[i0+6q+r, k0+p] (zero past row m).
    static func packA(
        transposed: Bool, a: UnsafePointer<Float>, lda: Int, i0: Int, m: Int,
        k0: Int, kc: Int, alpha: Float, dst: UnsafeMutablePointer<Float>
    ) {
        let mr = self.mr
        var i = 0
        while i < m {
            let rows = min(mr, m - i)
            let d = dst + (i / mr) * kc * mr
            if !transposed {
                // op(A)[r, p] = a[r*lda + p]: read 6 row streams, write one contiguous stream.
                if rows == mr {
                    let s0 = a + (i0 + i) * lda + k0
                    let s1 = s0 + lda, s2 = s1 + lda, s3 = s2 + lda, s4 = s3 + lda, s5 = s4 + lda
                    for p in 0..<kc {
                        let o = p * 6
                        d[o] = alpha * s0[p]
                        d[o + 1] = alpha * s1[p]
                        d[o + 2] = alpha * s2[p]
                        d[o + 3] = alpha * s3[p]
                        d[o + 4] = alpha * s4[p]
                        d[o + 5] = alpha * s5[p]
                    }
                } else {
                    for r in 0..<mr {
                        if r < rows {
                            let s = a + (i0 + i + r) * lda + k0
                            for p in 0..<kc { d[p * mr + r] = alpha * s[p] }
                        } else {
                            for p in 0..<kc { d[p * mr + r] = 0 }
                        }
                    }
                }
            } else {
                // op(A)[r, p] = a[p*lda + r]: the 6 values for one p are contiguous.
                for p in 0..<kc {
                    let s = a + (k0 + p) * lda + i0 + i
                    let o = p * mr
                    for r in 0..<rows { d[o + r] = alpha * s[r] }
                    for r in rows..<mr { d[o + r] = 0 }
                }
            }
            i += mr
        }
    }

    /// Packs rows k0..<k0+kc, columns j0 + 16·panel of op(B) into 16-column panels:
    /// panel q holds, for each p, the 16 values op(B)[k0+p, j0+16q+c] (zero past column n).
    static func packB(
        transposed: Bool, b: UnsafePointer<Float>, ldb: Int, k0: Int, kc: Int, j0: Int, n: Int,
        panels: Range<Int>, dst: UnsafeMutablePointer<Float>
    ) {
        let nr = self.nr
        for panel in panels {
            let j = panel * nr
            let cols = min(nr, n - j)
            let d = dst + panel * kc * nr
            if !transposed {
                // op(B)[p, q] = b[p*ldb + q]: each packed row is a 64-byte contiguous copy.
                if cols == nr {
                    for p in 0..<kc {
                        let s = b + (k0 + p) * ldb + j0 + j
                        let o = p * 16
                        for q in 0..<16 { d[o + q] = s[q] }
                    }
                } else {
                    for p in 0..<kc {
                        let s = b + (k0 + p) * ldb + j0 + j
                        let o = p * nr
                        for q in 0..<cols { d[o + q] = s[q] }
                        for q in cols..<nr { d[o + q] = 0 }
                    }
                }
            } else {
                // op(B)[p, q] = b[q*ldb + p]: a transpose; done in C with 8×8 SIMD blocks.
                kk_sgemm_pack_b_transposed(kc, cols, b + (j0 + j) * ldb + k0, ldb, d)
            }
        }
    }

    // MARK: - Double precision

    /// Built-in double-precision GEMM: simple k/n blocking with a packed op(B) block and a
    /// vectorisable row update, parallel over row chunks. Correct, not tuned.
    static func dgemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Double,
        a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        let kb = 128, nb = 1024
        // m·n·k in Double: cannot overflow for huge shapes.
        let work = Double(m) * Double(n) * Double(k)
        let threads = work < Double(parallelThreshold) ? 1 : Parallel.threadCount
        let rowChunks = threads == 1 ? 1 : min(m, 4 * threads)
        let workspace = GEMMWorkspacePool.shared.acquire(workers: 1)
        defer { GEMMWorkspacePool.shared.release(workspace) }
        let packed = workspace.packedB.doubles(count: kb * min(n, nb))

        for jc in stride(from: 0, to: n, by: nb) {
            let ncur = min(nb, n - jc)
            for pc in stride(from: 0, to: k, by: kb) {
                let kcur = min(kb, k - pc)
                // Pack op(B)[pc..<pc+kcur, jc..<jc+ncur] row-major with row stride ncur.
                for p in 0..<kcur {
                    let d = packed + p * ncur
                    if transposeB {
                        for j in 0..<ncur { d[j] = b[(jc + j) * ldb + pc + p] }
                    } else {
                        let s = b + (pc + p) * ldb + jc
                        for j in 0..<ncur { d[j] = s[j] }
                    }
                }
                let firstBlock = pc == 0
                Parallel.forEachIndex(rowChunks) { chunk in
                    let rows = (chunk * m / rowChunks)..<((chunk + 1) * m / rowChunks)
                    for i in rows {
                        let crow = c + i * ldc + jc
                        if firstBlock {
                            if beta == 0 {
                                crow.update(repeating: 0, count: ncur)  // never read C
                            } else if beta != 1 {
                                for j in 0..<ncur { crow[j] *= beta }
                            }
                        }
                        for p in 0..<kcur {
                            let av = alpha * (transposeA ? a[(pc + p) * lda + i] : a[i * lda + pc + p])
                            let brow = packed + p * ncur
                            for j in 0..<ncur { crow[j] += av * brow[j] }
                        }
                    }
                }
            }
        }
    }

    @inline(__always)
    static func roundUp(_ value: Int, _ multiple: Int) -> Int {
        (value + multiple - 1) / multiple * multiple
    }
}

// MARK: - Workspaces

/// A growable, 64-byte aligned (2 MiB aligned + transparent huge pages when large) scratch
/// buffer. Kept alive across calls because first-touch page faults are expensive (~2.4 µs per
/// 4 KiB page on the reference VM), i.e. fresh memory is several times slower than reused memory.
final class AlignedBuffer: @unchecked Sendable {  // used by one GEMM call at a time
    private var base: UnsafeMutableRawPointer?
    private var capacity = 0

    deinit { free(base) }

    /// Returns storage for at least `bytes` bytes (contents unspecified).
    func reserve(bytes: Int) -> UnsafeMutableRawPointer {
        if let base, capacity >= bytes { return base }
        free(base)
        let hugePage = 2 << 20
        let alignment = bytes >= hugePage ? hugePage : 64
        let size = roundUpBytes(max(bytes, 64), alignment)
        var pointer: UnsafeMutableRawPointer?
        if posix_memalign(&pointer, alignment, size) != 0 || pointer == nil {
            // Out of memory is not recoverable for a kernel without an error channel.
            preconditionFailure("GEMM workspace allocation of \(size) bytes failed")
        }
        #if os(Linux)
        if alignment == hugePage {
            _ = madvise(pointer, size, Int32(MADV_HUGEPAGE))  // a hint; failure is harmless
        }
        #endif
        base = pointer
        capacity = size
        return pointer!
    }

    /// Storage for `count` floats.
    func floats(count: Int) -> UnsafeMutablePointer<Float> {
        reserve(bytes: count * MemoryLayout<Float>.stride).bindMemory(to: Float.self, capacity: count)
    }

    /// Storage for `count` doubles.
    func doubles(count: Int) -> UnsafeMutablePointer<Double> {
        reserve(bytes: count * MemoryLayout<Double>.stride).bindMemory(to: Double.self, capacity: count)
    }

    private func roundUpBytes(_ value: Int, _ multiple: Int) -> Int {
        (value + multiple - 1) / multiple * multiple
    }
}

/// Scratch memory for one GEMM call: the shared packed-B block, one packed-A block per
/// worker and the work-item counter.
final class GEMMWorkspace: @unchecked Sendable {  // owned by one call at a time (see pool)
    let packedB = AlignedBuffer()
    private(set) var packedA: [AlignedBuffer] = []
    let counter = WorkCounter()

    /// Makes sure there is a packed-A buffer for each of `workers` workers.
    func ensureWorkers(_ workers: Int) {
        while packedA.count < workers { packedA.append(AlignedBuffer()) }
    }
}

/// Process-wide cache of workspaces. Concurrent GEMM calls each take their own workspace;
/// sequential calls (the common case) keep reusing the same, already-faulted memory.
final class GEMMWorkspacePool: @unchecked Sendable {  // state guarded by `lock`
    static let shared = GEMMWorkspacePool()
    private let lock = CPUMutex()
    private var idle: [GEMMWorkspace] = []
    /// Idle workspaces kept beyond this are freed (bounds memory after a burst of concurrency).
    private let maxIdle = 4

    /// Takes an idle workspace (or makes one) with packed-A buffers for `workers` workers.
    func acquire(workers: Int) -> GEMMWorkspace {
        let workspace = lock.withLock { idle.popLast() } ?? GEMMWorkspace()
        workspace.ensureWorkers(workers)
        return workspace
    }

    /// Returns a workspace for reuse.
    func release(_ workspace: GEMMWorkspace) {
        lock.withLock {
            if idle.count < maxIdle { idle.append(workspace) }
        }
    }
}

