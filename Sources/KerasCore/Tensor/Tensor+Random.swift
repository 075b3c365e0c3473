import Synchronization

// Random sampling (`keras.random`): every function takes an explicit seed and is reproducible
// across runs and thread counts (a counter-based generator, see `RandomKernels`).

/// Random tensors, as Keras's `keras.random` namespace.
///
/// ```swift
/// let w = Random.normal([784, 10], stddev: 0.05, seed: 42)
/// let mask = Random.bernoulli([32, 10], p: 0.9, seed: 7)
/// ```
public enum Random {
    /// Uniform samples in `[minValue, maxValue)` (Keras's `random.uniform`).
    public static func uniform(_ shape: [Int], min minValue: Double = 0, max maxValue: Double = 1,
                               dtype: DType = .float32, seed: UInt64) -> Tensor {
        sample(.uniform(low: minValue, high: maxValue), shape, dtype, seed, op: "random.uniform")
    }

    /// Normal samples (Keras's `random.normal`).
    public static func normal(_ shape: [Int], mean: Double = 0, stddev: Double = 1,
                              dtype: DType = .float32, seed: UInt64) -> Tensor {
        sample(.normal(mean: mean, stddev: stddev), shape, dtype, seed, op: "random.normal")
    }

    /// Normal samples within two standard deviations of the mean (Keras's `random.truncated_normal`).
    public static func truncatedNormal(_ shape: [Int], mean: Double = 0, stddev: Double = 1,
                                       dtype: DType = .float32, seed: UInt64) -> Tensor {
        sample(.truncatedNormal(mean: mean, stddev: stddev), shape, dtype, seed, op: "random.truncated_normal")
    }

    /// `1` with probability `p`, else `0`.
    public static func bernoulli(_ shape: [Int], p: Double, dtype: DType = .float32, seed: UInt64) -> Tensor {
        guard p >= 0 && p <= 1 else { opFailure("random.bernoulli", "p must be in [0, 1], got \(p).") }
        return sample(.bernoulli(p: p), shape, dtype, seed, op: "random.bernoulli")
    }

    /// Zeroes each element with probability `rate` and scales the rest by `1 / (1 - rate)`
    /// (Keras's `random.dropout`).
    public static func dropout(_ x: Tensor, rate: Double, seed: UInt64) -> Tensor {
        guard rate >= 0 && rate < 1 else {
            opFailure("random.dropout", "rate must be in [0, 1), got \(rate).")
        }
        if rate == 0 { return x }
        let keep = bernoulli(x.shape, p: 1 - rate, dtype: x.dtype.floatingResult, seed: seed)
        return x * keep / (1 - rate)
    }

    /// A random permutation of `x` along `axis` (Keras's `random.shuffle`).
    public static func shuffle(_ x: Tensor, axis: Int = 0, seed: UInt64) -> Tensor {
        let a = x.resolvedAxis(axis, op: "random.shuffle")
        return x.take(permutation(x.shape[a], seed: seed), axis: a)
    }

    /// A random permutation of `0..<count` as `int32`.
    public static func permutation(_ count: Int, seed: UInt64) -> Tensor {
        uniform([count], dtype: .float64, seed: seed).argsort()
    }

    private static func sample(_ d: RandomDistribution, _ shape: [Int], _ dtype: DType, _ seed: UInt64, op: String) -> Tensor {
        Tensor.checkShape(shape, op: op)
        return dispatch(.random(d, shape: shape, dtype: dtype, seed: seed), [])
    }
}

/// A stream of seeds from one starting seed (Keras's `SeedGenerator`): each ``next()`` gives a new,
/// reproducible seed, so a layer can draw fresh dropout masks every step.
public final class SeedGenerator: Sendable {
    private let state: Mutex<UInt64>

    /// Starts the stream at `seed`; `nil` starts it at an unpredictable point (Keras's unseeded
    /// layers and initializers).
    public init(seed: UInt64?) { state = Mutex(seed ?? UInt64.random(in: 0...UInt64.max)) }

    /// The next seed of the stream (SplitMix64).
    public func next() -> UInt64 {
        state.withLock { s in
            s &+= 0x9E37_79B9_7F4A_7C15
            var z = s
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
