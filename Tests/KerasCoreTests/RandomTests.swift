import Testing
@testable import KerasCore

@Suite struct RandomTests {
    @Test func sameSeedSameNumbersDifferentSeedDifferent() {
        let a = Random.uniform([1000], seed: 42), b = Random.uniform([1000], seed: 42)
        #expect(a.doubles == b.doubles)
        #expect(Random.uniform([1000], seed: 43).doubles != a.doubles)
        // Element i depends only on (seed, i): a prefix is a smaller sample, whatever the chunking.
        #expect(Array(Random.normal([100_001], seed: 5).doubles.prefix(10)) == Random.normal([10], seed: 5).doubles)
    }

    @Test func distributionsHaveTheirMoments() {
        let n = 200_000
        let u = Random.uniform([n], min: -2, max: 4, dtype: .float64, seed: 1)
        #expect(u.min().item() >= -2 && u.max().item() < 4)
        #expect(Swift.abs(u.mean().item() - 1) < 0.02)
        let z = Random.normal([n], mean: 3, stddev: 2, dtype: .float64, seed: 2)
        #expect(Swift.abs(z.mean().item() - 3) < 0.02)
        #expect(Swift.abs(z.standardDeviation().item() - 2) < 0.02)
        let t = Random.truncatedNormal([n], stddev: 1, dtype: .float64, seed: 3)
        #expect(t.min().item() >= -2 && t.max().item() <= 2)
        // Standard normal truncated to [-2, 2] has standard deviation 0.8796.
        #expect(Swift.abs(t.standardDeviation().item() - 0.8796) < 0.01)
        let bits = Random.bernoulli([n], p: 0.3, seed: 4)
        #expect(Swift.abs(bits.mean().item() - 0.3) < 0.01)
    }

    @Test func dropoutShuffleAndSeedGenerator() {
        let x = Tensor.ones([10_000])
        let d = Random.dropout(x, rate: 0.25, seed: 9)
        let kept = d.doubles.filter { $0 != 0 }
        #expect(kept.allSatisfy { Swift.abs($0 - 1 / 0.75) < 1e-6 })
        #expect(Swift.abs(Double(kept.count) / 10_000 - 0.75) < 0.03)
        let p = Random.permutation(50, seed: 3).doubles
        #expect(p.sorted() == (0..<50).map(Double.init))
        let s = Random.shuffle(Tensor.arange(10).reshaped(to: [5, 2]), axis: 0, seed: 1)
        #expect(s.doubles.sorted() == (0..<10).map(Double.init))
        let g1 = SeedGenerator(seed: 7), g2 = SeedGenerator(seed: 7)
        let s1 = [g1.next(), g1.next()], s2 = [g2.next(), g2.next()]
        #expect(s1 == s2 && s1[0] != s1[1])
        #expect(Random.uniform([3], dtype: .bfloat16, seed: 1).dtype == .bfloat16)
    }
}
