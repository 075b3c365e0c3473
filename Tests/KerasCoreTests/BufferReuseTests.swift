#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import KerasCore

@Suite struct BufferReuseTests {
    /// After a warm-up step, further identical training steps take every tensor buffer from the
    /// cache: no fresh allocation at all. Runs in its own process, so other tests' allocations do
    /// not count.
    @Test func steadyTrainingStepsAllocateNothingNew() async {
        await #expect(processExitsWith: .success) {
            let x = Random.normal([64, 32], seed: 1), y = Random.normal([64, 4], seed: 2)
            let w1 = Variable(Random.normal([32, 64], stddev: 0.1, seed: 3))
            let w2 = Variable(Random.normal([64, 4], stddev: 0.1, seed: 4))
            func step() {
                let (_, g) = valueWithGradients(of: [w1, w2]) {
                    square(matmul(relu(matmul(x, w1.value)), w2.value) - y).mean()
                }
                w1.assignSub(g[0] * 0.01)
                w2.assignSub(g[1] * 0.01)
            }
            step(); step()
            let misses = BufferCache.shared.statistics.misses
            for _ in 0..<5 { step() }
            exit(BufferCache.shared.statistics.misses == misses ? 0 : 1)
        }
    }
}
