#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits loops across the machine's cores: the one way CPU kernels go parallel.
///
/// Work runs on the calling thread plus the workers of ``CPUThreadPool``, handed out one index
/// at a time from a shared counter: a core that is busy with something else simply takes fewer
/// pieces, and nobody waits for a worker that has not started. A call made while the pool is
/// already running (a kernel inside a kernel) runs on its own thread, so threads never
/// oversubscribe the cores.
enum Parallel {
    /// Worker count: the online cores, or `KERAS_NUM_THREADS`.
    static let threadCount: Int = {
        if let text = getenv("KERAS_NUM_THREADS"), let n = Int(String(cString: text)), n > 0 { return n }
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }()

    /// Calls `body(i)` for every `i` in `0..<iterations`, in parallel, returning when all are done.
    /// Two iterations never run at once with the same index, so `i` may select scratch memory.
    ///
    /// `body` need not be `@Sendable`: kernels capture raw pointers and write disjoint memory per
    /// iteration, which is race-free but not expressible to the type checker.
    static func forEachIndex(_ iterations: Int, _ body: (Int) -> Void) {
        if iterations <= 0 { return }
        if iterations == 1 || threadCount == 1 {
            for i in 0..<iterations { body(i) }
            return
        }
        CPUThreadPool.shared.run(iterations: iterations, body)
    }

    /// Runs `body` over disjoint ranges covering `0..<count`, in parallel when there is enough
    /// work: at most a few ranges per thread, each at least `minimumChunk` long.
    static func forEach(_ count: Int, minimumChunk: Int = 1, _ body: (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let chunks = min(threadCount == 1 ? 1 : threadCount * 4, max(1, count / max(minimumChunk, 1)))
        if chunks <= 1 {
            body(0..<count)
            return
        }
        forEachIndex(chunks) { chunk in
            let lo = count * chunk / chunks, hi = count * (chunk + 1) / chunks
            if lo < hi { body(lo..<hi) }
        }
    }
}

/// Carries a non-`Sendable` value (a raw pointer, a closure over raw pointers) into parallel
/// pieces of work that touch disjoint memory.
struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
