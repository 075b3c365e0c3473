#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A caching allocator for tensor buffers.
///
/// Freed buffers go back to a free list keyed by their size class instead of to the system, so a
/// steady training step reuses the same memory every step. That matters on virtual machines where
/// first-touch page faults cost microseconds per page (see `../shared/bench/ref/RESULTS.md`, note 2).
/// Buffers of 2 MiB and more are 2 MiB aligned and advised for transparent huge pages.
///
/// The cache keeps at most ``limitBytes`` of idle memory (default 2 GiB, `KERAS_BUFFER_CACHE_MB`
/// overrides); beyond that, freed buffers go back to the system.
public final class BufferCache: Sendable {
    /// The process-wide cache that every tensor storage uses.
    public static let shared = BufferCache()

    private struct State {
        // Addresses as integers: raw pointers are not Sendable, and only this cache touches them.
        var free: [Int: [UInt]] = [:]
        var idleBytes = 0
        var hits = 0
        var misses = 0
    }

    private let state = Mutex(State())

    /// The most idle bytes kept for reuse.
    public let limitBytes: Int

    init() {
        if let text = getenv("KERAS_BUFFER_CACHE_MB"), let mb = Int(String(cString: text)), mb >= 0 {
            limitBytes = mb << 20
        } else {
            limitBytes = 2 << 30
        }
    }

    /// The capacity actually reserved for a request of `byteCount` bytes: 64-byte granules below
    /// 4 KiB, then eight classes per power of two (at most 12.5 % slack).
    static func sizeClass(_ byteCount: Int) -> Int {
        let n = max(byteCount, 64)
        if n <= 4096 { return (n + 63) & ~63 }
        let top = Int.bitWidth - 1 - n.leadingZeroBitCount   // 2^top <= n
        let step = 1 << (top - 3)
        return (n + step - 1) / step * step
    }

    /// Returns a buffer of at least `byteCount` bytes (64-byte aligned) and its capacity.
    func allocate(_ byteCount: Int) -> (UnsafeMutableRawPointer, Int) {
        let capacity = Self.sizeClass(byteCount)
        let reused: UInt? = state.withLock { s in
            if var list = s.free[capacity], let p = list.popLast() {
                s.free[capacity] = list
                s.idleBytes -= capacity
                s.hits += 1
                return p
            }
            s.misses += 1
            return nil
        }
        if let reused, let p = UnsafeMutableRawPointer(bitPattern: reused) { return (p, capacity) }
        return (Self.systemAllocate(capacity), capacity)
    }

    /// Takes a buffer back; it is kept for reuse while the cache is under its limit.
    func release(_ pointer: UnsafeMutableRawPointer, capacity: Int) {
        let address = UInt(bitPattern: pointer)
        let kept = state.withLock { s -> Bool in
            guard s.idleBytes + capacity <= limitBytes else { return false }
            s.free[capacity, default: []].append(address)
            s.idleBytes += capacity
            return true
        }
        if !kept { free(pointer) }
    }

    /// Returns every idle buffer to the system.
    public func trim() {
        let lists = state.withLock { s -> [[UInt]] in
            let all = Array(s.free.values)
            s.free = [:]
            s.idleBytes = 0
            return all
        }
        for list in lists { for address in list { free(UnsafeMutableRawPointer(bitPattern: address)) } }
    }

    /// Counters for tests and benchmarks: reuses, fresh allocations and idle bytes.
    public var statistics: (hits: Int, misses: Int, idleBytes: Int) {
        state.withLock { ($0.hits, $0.misses, $0.idleBytes) }
    }

    private static func systemAllocate(_ capacity: Int) -> UnsafeMutableRawPointer {
        let hugePage = 2 << 20
        let alignment = capacity >= hugePage ? hugePage : 64
        var raw: UnsafeMutableRawPointer?
        let status = posix_memalign(&raw, alignment, capacity)
        guard status == 0, let pointer = raw else {
            preconditionFailure("swift-keras could not allocate \(capacity) bytes for a tensor (posix_memalign returned \(status)).")
        }
        #if os(Linux)
        if capacity >= hugePage { _ = madvise(pointer, capacity, 14 /* MADV_HUGEPAGE */) }
        #endif
        return pointer
    }
}

/// The bytes behind a ``Tensor``. Immutable once a tensor owns it unless uniquely referenced
/// (copy-on-write is done by ``Tensor``).
final class TensorStorage: @unchecked Sendable {
    let data: UnsafeMutableRawPointer
    let byteCount: Int
    private let capacity: Int
    /// The texts a `string` tensor's elements index (empty for every other dtype). Set once, by
    /// the kernel that makes the storage; tensors that move elements share the table.
    var strings: [String] = []

    init(byteCount: Int) {
        self.byteCount = byteCount
        (data, capacity) = BufferCache.shared.allocate(byteCount)
    }

    /// A storage whose bytes are all zero.
    static func zeroed(byteCount: Int) -> TensorStorage {
        let s = TensorStorage(byteCount: byteCount)
        s.data.initializeMemory(as: UInt8.self, repeating: 0, count: byteCount)
        return s
    }

    func copy() -> TensorStorage {
        let s = TensorStorage(byteCount: byteCount)
        s.data.copyMemory(from: data, byteCount: byteCount)
        s.strings = strings
        return s
    }

    deinit { BufferCache.shared.release(data, capacity: capacity) }
}
