import RealModule

/// Counter-based random numbers (Philox-4x32-10, Salmon et al. 2011): element `i` of a sample is a
/// pure function of `(seed, i)`, so results are identical across runs, thread counts and chunking.
enum RandomKernels {
    /// Four 32-bit words for counter block `counter` under `seed`.
    @inline(__always)
    static func philox(counter: UInt64, seed: UInt64) -> (UInt32, UInt32, UInt32, UInt32) {
        var c0 = UInt32(truncatingIfNeeded: counter), c1 = UInt32(truncatingIfNeeded: counter >> 32)
        var c2: UInt32 = 0x5851_F42D, c3: UInt32 = 0x4C95_7F2D  // fixed high words of the counter
        var k0 = UInt32(truncatingIfNeeded: seed), k1 = UInt32(truncatingIfNeeded: seed >> 32)
        for _ in 0..<10 {
            let p0 = UInt64(0xD251_1F53) &* UInt64(c0)
            let p1 = UInt64(0xCD9E_8D57) &* UInt64(c2)
            let n0 = UInt32(truncatingIfNeeded: p1 >> 32) ^ c1 ^ k0
            let n2 = UInt32(truncatingIfNeeded: p0 >> 32) ^ c3 ^ k1
            c1 = UInt32(truncatingIfNeeded: p1)
            c3 = UInt32(truncatingIfNeeded: p0)
            c0 = n0
            c2 = n2
            k0 &+= 0x9E37_79B9
            k1 &+= 0xBB67_AE85
        }
        return (c0, c1, c2, c3)
    }

    /// A uniform double in the open interval (0, 1) from two words (53 random bits).
    @inline(__always)
    static func unitOpen(_ a: UInt32, _ b: UInt32) -> Double {
        let bits = (UInt64(a) << 21) ^ UInt64(b >> 11)   // 53 bits
        return (Double(bits & ((1 << 53) - 1)) + 0.5) * 0x1p-53
    }

    static func sample(_ distribution: RandomDistribution, shape: [Int], dtype: DType, seed: UInt64) -> Tensor {
        let n = Shape.elementCount(shape)
        var values = [Double](repeating: 0, count: n)
        values.withUnsafeMutableBufferPointer { buffer in
            let out = UnsafeSendable(buffer.baseAddress!)
            // Two values per counter block: each uses a pair of words.
            let blocks = (n + 1) / 2
            Parallel.forEach(blocks, minimumChunk: 4096) { range in
                for block in range {
                    let (w0, w1, w2, w3) = philox(counter: UInt64(block), seed: seed)
                    let u0 = unitOpen(w0, w1), u1 = unitOpen(w2, w3)
                    let i = block * 2
                    let (a, b) = transform(distribution, u0, u1)
                    out.value[i] = a
                    if i + 1 < n { out.value[i + 1] = b }
                }
            }
        }
        var t = Tensor(values, shape: shape, dtype: dtype)
        t.tapeHandle = nil
        return t
    }

    /// Maps two open-interval uniforms to two samples of `distribution`.
    @inline(__always)
    static func transform(_ distribution: RandomDistribution, _ u0: Double, _ u1: Double) -> (Double, Double) {
        switch distribution {
        case .uniform(let low, let high):
            return (low + (high - low) * u0, low + (high - low) * u1)
        case .normal(let mean, let stddev):
            // Box-Muller.
            let r = (-2 * Double.log(u0)).squareRoot()
            let theta = 2 * Double.pi * u1
            return (mean + stddev * r * Double.cos(theta), mean + stddev * r * Double.sin(theta))
        case .truncatedNormal(let mean, let stddev):
            // Inverse CDF restricted to [-2, 2] standard deviations: exact and branch-free.
            let lo = 0.5 * (1 + Double.erf(-2 / 2.0.squareRoot()))
            let hi = 0.5 * (1 + Double.erf(2 / 2.0.squareRoot()))
            func z(_ u: Double) -> Double {
                let p = lo + (hi - lo) * u
                return 2.0.squareRoot() * inverseErf(2 * p - 1)
            }
            return (mean + stddev * z(u0), mean + stddev * z(u1))
        case .bernoulli(let p):
            return (u0 < p ? 1 : 0, u1 < p ? 1 : 0)
        }
    }

    /// The inverse error function: Giles' single-precision seed refined by two Newton steps, so it is
    /// accurate to double precision on (-1, 1).
    static func inverseErf(_ x: Double) -> Double {
        var w = -Double.log((1 - x) * (1 + x))
        var p: Double
        if w < 5 {
            w -= 2.5
            p = 2.81022636e-08
            for c in [3.43273939e-07, -3.5233877e-06, -4.39150654e-06, 0.00021858087, -0.00125372503,
                      -0.00417768164, 0.246640727, 1.50140941] { p = c + p * w }
        } else {
            w = w.squareRoot() - 3
            p = -0.000200214257
            for c in [0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773, -0.0076224613,
                      0.00943887047, 1.00167406, 2.83297682] { p = c + p * w }
        }
        var y = p * x
        for _ in 0..<2 {
            let err = Double.erf(y) - x
            y -= err / (2 / Double.pi.squareRoot() * Double.exp(-y * y))
        }
        return y
    }
}
