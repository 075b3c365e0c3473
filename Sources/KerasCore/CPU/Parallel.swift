#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// Splits loops across the machine's cores.
///
/// Work goes to libdispatch's `concurrentPerform`, which runs chunks on the calling thread and the
/// pool's workers, handing out the next chunk from a shared counter: a core that is busy with
/// something else simply takes fewer chunks, and no thread spin-waits for long. Chunks number a
/// few per core so the load balances.
enum Parallel {
    /// Worker count: the online cores, or `KERAS_NUM_THREADS`.
    static let threadCount: Int = {
        if let text = getenv("KERAS_NUM_THREADS"), let n = Int(String(cString: text)), n > 0 { return n }
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }()

    /// Runs `body` over disjoint ranges covering `0..<count`, in parallel when there is enough work.
    ///
    /// - Parameters:
    ///   - count: the number of items.
    ///   - minimumChunk: the fewest items worth a task of their own.
    ///   - body: called once per range; ranges never overlap.
    static func forEach(_ count: Int, minimumChunk: Int = 1, _ body: (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let maxChunks = threadCount == 1 ? 1 : threadCount * 4
        let chunks = min(maxChunks, max(1, count / max(minimumChunk, 1)))
        if chunks <= 1 {
            body(0..<count)
            return
        }
        withoutActuallyEscaping(body) { escapable in
            let box = UnsafeSendable(escapable)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let lo = count * chunk / chunks
                let hi = count * (chunk + 1) / chunks
                if lo < hi { box.value(lo..<hi) }
            }
        }
    }
}

/// Carries a non-`Sendable` value (a raw pointer, a closure over raw pointers) into parallel
/// chunks that touch disjoint memory.
struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
