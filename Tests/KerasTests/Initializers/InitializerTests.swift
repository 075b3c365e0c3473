#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import Keras

/// Serialized: these tests restart and draw from the process-wide seed stream.
@Suite(.serialized) struct InitializerTests {
    static func stats(_ t: Tensor) -> (mean: Double, std: Double, min: Double, max: Double) {
        let v = t.doubles
        let mean = v.reduce(0, +) / Double(v.count)
        let variance = v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(v.count)
        return (mean, variance.squareRoot(), v.min() ?? 0, v.max() ?? 0)
    }

    @Test func uniformFamilyHasKerasLimits() throws {
        // (initializer, shape, limit): limit = sqrt(3 * scale / fan).
        let cases: [(Initializer, [Int], Double)] = [
            (.glorotUniform, [200, 300], (6.0 / 500).squareRoot()),
            (.heUniform, [400, 100], (6.0 / 400).squareRoot()),
            (.lecunUniform, [3, 3, 40, 20], (3.0 / 360).squareRoot()),
            (.varianceScaling(scale: 2, mode: .fanOut, distribution: .uniform), [50, 400], (6.0 / 400).squareRoot()),
            (.randomUniform, [300, 200], 0.05),
        ]
        for (initializer, shape, limit) in cases {
            let s = Self.stats(try initializer(shape))
            // float32 samples: a draw next to the limit may round to the float32 limit, half an
            // ulp beyond the exact one (e.g. Float(-0.05) < -0.05).
            let bound = Double(Float(limit).nextUp)
            #expect(s.min >= -bound && s.max <= bound, "\(initializer.className)")
            #expect(s.max > 0.98 * limit && s.min < -0.98 * limit, "\(initializer.className)")
            #expect(Swift.abs(s.std - limit / 3.0.squareRoot()) < 0.02 * limit, "\(initializer.className)")
            // Five standard errors of the mean of n uniform draws: never flaky, still catches a bias.
            let standardError = limit / (3.0 * Double(Shape.elementCount(shape))).squareRoot()
            #expect(Swift.abs(s.mean) < 5 * standardError, "\(initializer.className): mean \(s.mean)")
        }
    }

    @Test func normalFamilyHasKerasStddev() throws {
        // (initializer, shape, sample stddev, truncation bound or nil)
        let c = 0.87962566103423978
        let cases: [(Initializer, [Int], Double, Double?)] = [
            (.glorotNormal, [200, 300], (2.0 / 500).squareRoot(), 2 * (2.0 / 500).squareRoot() / c),
            (.heNormal, [400, 100], (2.0 / 400).squareRoot(), 2 * (2.0 / 400).squareRoot() / c),
            (.lecunNormal, [2, 200, 100], (1.0 / 400).squareRoot(), 2 * (1.0 / 400).squareRoot() / c),
            (.varianceScaling(distribution: .untruncatedNormal), [300, 200], (1.0 / 300).squareRoot(), nil),
            (.randomNormal(mean: 1, stddev: 0.5), [300, 200], 0.5, nil),
            (.truncatedNormal, [300, 200], 0.05 * c, 0.1),
        ]
        for (initializer, shape, std, bound) in cases {
            let s = Self.stats(try initializer(shape))
            #expect(Swift.abs(s.std - std) < 0.02 * std, "\(initializer.className): \(s.std) vs \(std)")
            if let bound { #expect(Swift.max(-s.min, s.max) <= bound * 1.0001, "\(initializer.className)") }
        }
    }

    @Test func fans() throws {
        #expect(try Initializer.computeFans([]) == (1, 1))
        #expect(try Initializer.computeFans([7]) == (7, 7))
        #expect(try Initializer.computeFans([3, 5]) == (3, 5))
        #expect(try Initializer.computeFans([3, 3, 16, 32]) == (144, 288))
        #expect(try Initializer.computeFans([4, 5, 6], inputAxes: [0, -1], outputAxes: [1]) == (24, 5))
        #expect(throws: KerasError.self) { try Initializer.computeFans([4, 5], inputAxes: [2], outputAxes: [0]) }
    }

    @Test func seedsMakeRunsReproducible() throws {
        let a = try Initializer.glorotUniform(seed: 42)([8, 8])
        let b = try Initializer.glorotUniform(seed: 42)([8, 8])
        #expect(a.doubles == b.doubles)
        #expect(try Initializer.glorotUniform(seed: 43)([8, 8]).doubles != a.doubles)
    }

    /// Unseeded initializers draw anew each call; the global seed makes the sequence repeatable.
    /// Runs in its own process: other tests draw from the same process-wide stream concurrently.
    @Test func globalSeedMakesUnseededDrawsRepeatable() async {
        await #expect(processExitsWith: .success) {
            Initializer.setGlobalSeed(1337)
            let u1 = try Initializer.heNormal([8, 8]), u2 = try Initializer.heNormal([8, 8])
            Initializer.setGlobalSeed(1337)
            let v1 = try Initializer.heNormal([8, 8]), v2 = try Initializer.heNormal([8, 8])
            let ok = u1.doubles != u2.doubles && v1.doubles == u1.doubles && v2.doubles == u2.doubles
            exit(ok ? 0 : 1)
        }
    }

    @Test func constantsAndIdentity() throws {
        #expect(try Initializer.zeros([2, 2]).doubles == [0, 0, 0, 0])
        #expect(try Initializer.ones([3], dtype: .float64).dtype == .float64)
        #expect(try Initializer.constant(0.5)([2]).doubles == [0.5, 0.5])
        #expect(try Initializer.identity(gain: 2)([2, 3]).doubles == [2, 0, 0, 0, 2, 0])
        #expect(throws: KerasError.self) { try Initializer.identity([2, 2, 2]) }
        #expect(throws: KerasError.self) { try Initializer.zeros([-1]) }
        #expect(throws: KerasError.self) { try Initializer.varianceScaling(scale: 0)([2, 2]) }
    }

    @Test(arguments: [[64, 64], [20, 50], [50, 20], [3, 3, 4, 8], [1, 5]])
    func orthogonalIsOrthonormal(_ shape: [Int]) throws {
        let w = try Initializer.orthogonal(gain: 1, seed: 3)(shape, dtype: .float64)
        #expect(w.shape == shape)
        let m = w.reshaped(to: [shape.dropLast().reduce(1, *), shape[shape.count - 1]])
        let (rows, cols) = (m.shape[0], m.shape[1])
        let gram = rows >= cols ? matmul(m.transposed(), m) : matmul(m, m.transposed())
        let eye = Tensor.eye(Swift.min(rows, cols), dtype: .float64)
        let error = abs(gram - eye).max().item()
        #expect(error < 1e-6, "\(shape): max |QᵀQ - I| = \(error)")
        let scaled = try Initializer.orthogonal(gain: 2, seed: 3)(shape, dtype: .float64)
        #expect(abs(scaled - w * 2).max().item() < 1e-12)
        #expect(throws: KerasError.self) { try Initializer.orthogonal([5]) }
    }

    @Test func householderSignFixMatchesR() {
        // a = [[1, 2], [3, 4], [5, 6]]: numpy's qr with the sign fix gives these columns.
        let q = Initializer.householderQ([1, 2, 3, 4, 5, 6], rows: 3, columns: 2)
        let expected = [0.16903085094570333, 0.8970852271450604, 0.50709255283711, 0.2760262237369417,
                        0.8451542547285166, -0.3450327796711771]
        for (a, e) in zip(q, expected) { #expect(Swift.abs(a - e) < 1e-12) }
    }

    @Test func stftMatchesKeras() throws {
        // keras.initializers.STFT()((4, 1, 3)) and STFT("imag", "hamming", "spectrum", True)((4, 1, 3)).
        let real = try Initializer.stft()([4, 1, 3]).doubles
        let expectedReal = [0.0, 0.0, 0.0, 0.7071068286895752, -3.0908619663705394e-08, -0.7071068286895752,
                            0.7071068286895752, -0.7071068286895752, 0.7071068286895752, 0.0, 0.0, -0.0]
        for (a, e) in zip(real, expectedReal) { #expect(Swift.abs(a - e) < 1e-6) }
        let imag = try Initializer.stft(side: .imag, window: .hamming, scaling: .spectrum, periodic: true)([4, 1, 3]).doubles
        let expectedImag = [-0.0, -0.0, -0.0, -0.0, -0.25, 2.1855694143368964e-08, -0.0, 4.047350543601169e-08,
                            -8.094701087202338e-08, -0.0, 0.25, 5.962440319251527e-09]
        for (a, e) in zip(imag, expectedImag) { #expect(Swift.abs(a - e) < 1e-6) }
    }
}
