// A tiny fork-join thread pool for the CPU kernels.
//
// Why not just DispatchQueue.concurrentPerform: on the reference machine (a 2-vCPU KVM guest)
// waking a parked thread costs tens of microseconds (the idle vCPU has halted and needs an
// IPI through the hypervisor), so a 128×128 GEMM that needs two fork-joins ran at half the
// speed of its own single-threaded version. Here workers spin briefly (KERAS_SPIN_US,
// default 100 µs) after each job before sleeping on a condition variable, so back-to-back
// parallel regions start in well under a microsecond, while an idle pool costs nothing.
//
// Robustness to a busy core (another process on the machine): work is claimed dynamically
// through one atomic word, the calling thread always participates, and it never waits for
// a worker that has not claimed anything, so if a worker is descheduled the caller simply
// does all the work. Only an iteration a worker has already started must be waited for.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KerasKernels

/// Fork-join pool with `Parallel.threadCount - 1` worker threads (the caller is the last).
final class CPUThreadPool: @unchecked Sendable {  // shared state is atomic or mutex-guarded
    static let shared = CPUThreadPool(workers: Parallel.threadCount - 1)

    /// How long an idle worker polls for the next job before sleeping.
    static let spinNanoseconds: UInt64 = {
        if let env = getenv("KERAS_SPIN_US"), let us = UInt64(String(cString: env)) { return us * 1000 }
        return 100_000
    }()

    private let workerCount: Int
    /// Job word: epoch (bits 32-63) | next unclaimed iteration (16-31) | iteration count (0-15).
    /// Claiming = CAS of this one word, so a stale worker can never claim in a newer job.
    private let state: UnsafeMutablePointer<CUnsignedLongLong>
    /// Iterations finished in the current job.
    private let done: UnsafeMutablePointer<CLong>
    /// 1 while some thread is running a job (the pool has a single job slot).
    private let busy: UnsafeMutablePointer<CUnsignedLongLong>
    /// The current job's body. Written only while no iteration can be claimed or running.
    private var body: ((Int) -> Void)?
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var sleepers = 0  // guarded by mutex
    private var started = false  // guarded by busy

    private init(workers: Int) {
        workerCount = max(0, workers)
        state = .allocate(capacity: 1)
        state.initialize(to: 0)
        done = .allocate(capacity: 1)
        done.initialize(to: 0)
        busy = .allocate(capacity: 1)
        busy.initialize(to: 0)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
        condition.initialize(to: pthread_cond_t())
        pthread_cond_init(condition, nil)
    }
    // No deinit: the shared pool lives for the whole process.

    /// Runs `body` for `0..<iterations` on the caller plus the workers. When the pool is
    /// already in use (a concurrent or nested call) the iterations run on the calling thread.
    /// `true` while a parallel region runs: a GEMM called now is inside another kernel's
    /// parallel loop (or beside another one) and should not start threads of its own.
    var isRunning: Bool { kk_atomic_load_u64(busy) != 0 }

    func run(iterations: Int, _ body: (Int) -> Void) {
        // The job word has 16-bit iteration fields: run very large loops in rounds.
        var start = 0
        while iterations - start > 0xFFFE {
            let base = start
            runJob(iterations: 0xFFFE) { body(base + $0) }
            start += 0xFFFE
        }
        let base = start
        runJob(iterations: iterations - base) { body(base + $0) }
    }

    private func runJob(iterations: Int, _ body: (Int) -> Void) {
        guard workerCount > 0, iterations > 1, kk_atomic_cas_u64(busy, 0, 1) == 1 else {
            for i in 0..<iterations { body(i) }
            return
        }
        defer { kk_atomic_store_u64(busy, 0) }
        if !started {
            started = true
            for _ in 0..<workerCount { spawnWorker() }
        }
        withoutActuallyEscaping(body) { body in
            self.body = body
            done.pointee = 0  // published by the release store of `state` below
            let epoch = ((kk_atomic_load_u64(state) >> 32) &+ 1) & 0xFFFF_FFFF
            pthread_mutex_lock(mutex)
            kk_atomic_store_u64(state, (epoch << 32) | CUnsignedLongLong(iterations))
            if sleepers > 0 { pthread_cond_broadcast(condition) }
            pthread_mutex_unlock(mutex)

            claimAndRun(epoch: epoch)

            // Wait for iterations that workers claimed and are still running.
            var spins = 0
            while kk_atomic_load_long(done) < iterations {
                spins += 1
                if spins < 20_000 { kk_cpu_relax() } else { sched_yield() }
            }
            self.body = nil  // must not outlive withoutActuallyEscaping
        }
    }

    /// Claims and runs iterations of job `epoch` until none are left (or the job changed).
    private func claimAndRun(epoch: CUnsignedLongLong) {
        var s = kk_atomic_load_u64(state)
        while true {
            let index = (s >> 16) & 0xFFFF, count = s & 0xFFFF
            if (s >> 32) != epoch || index >= count { return }
            if kk_atomic_cas_u64(state, s, s + (1 << 16)) == 1 {
                execute(Int(index))
                _ = kk_atomic_fetch_add(done, 1)
            }
            s = kk_atomic_load_u64(state)
        }
    }

    /// Runs one iteration. Not inlined so that any reference this frame takes to the body
    /// closure is released before `done` is incremented (the caller's
    /// withoutActuallyEscaping checks that the closure did not escape).
    @inline(never)
    private func execute(_ index: Int) {
        body?(index)
    }

    private func workerLoop() {
        var seen = kk_atomic_load_u64(state) >> 32
        while true {
            // Poll for a new job for a short while, then sleep until one is published.
            var deadline: UInt64 = 0
            var polls = 0
            while kk_atomic_load_u64(state) >> 32 == seen {
                kk_cpu_relax()
                polls += 1
                if polls & 63 != 0 { continue }
                let t = Self.nowNanoseconds()
                if deadline == 0 {
                    deadline = t + Self.spinNanoseconds
                } else if t >= deadline {
                    pthread_mutex_lock(mutex)
                    while kk_atomic_load_u64(state) >> 32 == seen {
                        sleepers += 1
                        pthread_cond_wait(condition, mutex)
                        sleepers -= 1
                    }
                    pthread_mutex_unlock(mutex)
                    break
                }
            }
            seen = kk_atomic_load_u64(state) >> 32
            claimAndRun(epoch: seen)
        }
    }

    private func spawnWorker() {
        // The worker keeps the (process-lifetime) pool alive through this retained reference.
        let context = Unmanaged.passRetained(self).toOpaque()
        #if canImport(Darwin)
        var thread: pthread_t? = nil
        let result = pthread_create(&thread, nil, { raw in
            Unmanaged<CPUThreadPool>.fromOpaque(raw).takeRetainedValue().workerLoop()
            return nil
        }, context)
        if result == 0, let thread { pthread_detach(thread) }
        #else
        var thread = pthread_t()
        let result = pthread_create(&thread, nil, { raw in
            Unmanaged<CPUThreadPool>.fromOpaque(raw!).takeRetainedValue().workerLoop()
            return nil
        }, context)
        if result == 0 { pthread_detach(thread) }
        #endif
        if result != 0 {
            // Could not start a thread: the caller still runs every iteration itself.
            Unmanaged<CPUThreadPool>.fromOpaque(context).release()
        }
    }

    static func nowNanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}

/// A heap-allocated atomic counter for dynamic work distribution (`next()` returns 0, 1, 2, …
/// across all threads). Not `Synchronization.Atomic` so that the code has no OS-version
/// availability requirements on Apple platforms.
final class WorkCounter: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<CLong>

    init() {
        storage = .allocate(capacity: 1)
        storage.initialize(to: 0)
    }

    deinit { storage.deallocate() }

    /// Claims the next work-item index.
    @inline(__always)
    func next() -> Int { Int(kk_atomic_fetch_add(storage, 1)) }

    /// Resets the counter to zero; call only while no thread is using it.
    func reset() { storage.pointee = 0 }
}

/// A small mutex (pthread-based so it works on every platform without availability checks).
final class CPUMutex: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` while holding the lock.
    func withLock<R>(_ body: () throws -> R) rethrows -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}
