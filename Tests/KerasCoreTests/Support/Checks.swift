import Testing
@testable import KerasCore

/// A small deterministic generator for test data (no dependence on the library's own RNG).
struct TestRNG {
    var state: UInt64
    init(_ seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) * 0x1p-53
    }
    /// Values in [lo, hi).
    mutating func values(_ n: Int, _ lo: Double = -1, _ hi: Double = 1) -> [Double] {
        (0..<n).map { _ in lo + (hi - lo) * next() }
    }
    /// A float64 tensor of `shape` with values in [lo, hi).
    mutating func tensor(_ shape: [Int], _ lo: Double = -1, _ hi: Double = 1, dtype: DType = .float64) -> Tensor {
        Tensor(values(Shape.elementCount(shape), lo, hi), shape: shape, dtype: dtype)
    }
}

/// Checks shape and values against expectations, element by element.
func expectClose(
    _ actual: Tensor, _ expected: [Double], shape: [Int]? = nil, tolerance: Double = 1e-5,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    if let shape { #expect(actual.shape == shape, "shape", sourceLocation: sourceLocation) }
    let values = actual.doubles
    #expect(values.count == expected.count, "element count \(values.count) vs \(expected.count)", sourceLocation: sourceLocation)
    for (i, (a, e)) in zip(values, expected).enumerated() {
        let ok = (a.isNaN && e.isNaN) || a == e || Swift.abs(a - e) <= tolerance * Swift.max(1, Swift.abs(e))
        if !ok {
            Issue.record("element \(i): got \(a), expected \(e) (tolerance \(tolerance))", sourceLocation: sourceLocation)
            return
        }
    }
}

/// Checks two tensors agree in shape and values.
func expectClose(_ actual: Tensor, _ expected: Tensor, tolerance: Double = 1e-5,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.shape == expected.shape, "shape \(actual.shape) vs \(expected.shape)", sourceLocation: sourceLocation)
    expectClose(actual, expected.doubles, tolerance: tolerance, sourceLocation: sourceLocation)
}

/// Compares reverse-mode gradients of `f` with central finite differences, in float64.
///
/// The scalar differentiated is `sum(f(inputs) * w)` for a fixed random cotangent `w`, so every
/// output element's gradient matters. Inputs whose dtype is not floating point are held fixed.
func checkGradients(
    _ inputs: [Tensor], epsilon: Double = 1e-6, tolerance: Double = 1e-5,
    sourceLocation: SourceLocation = #_sourceLocation, _ f: ([Tensor]) -> Tensor
) {
    let probe = withoutGradients { f(inputs) }
    var rng = TestRNG(99)
    let w = rng.tensor(probe.shape, 0.5, 1.5, dtype: probe.dtype)
    func scalar(_ xs: [Tensor]) -> Tensor { (f(xs) * w).sum() }

    let (_, analytic) = valueWithGradients(at: inputs) { scalar($0) }
    for (k, input) in inputs.enumerated() where input.dtype.isFloatingPoint {
        let base = input.doubles
        var numeric = [Double](repeating: 0, count: base.count)
        for i in base.indices {
            var plus = base, minus = base
            plus[i] += epsilon
            minus[i] -= epsilon
            var xp = inputs, xm = inputs
            xp[k] = Tensor(plus, shape: input.shape, dtype: input.dtype)
            xm[k] = Tensor(minus, shape: input.shape, dtype: input.dtype)
            let fp = withoutGradients { scalar(xp).item() }
            let fm = withoutGradients { scalar(xm).item() }
            numeric[i] = (fp - fm) / (2 * epsilon)
        }
        #expect(analytic[k].shape == input.shape, "gradient shape of input \(k)", sourceLocation: sourceLocation)
        let got = analytic[k].doubles
        for i in base.indices {
            let err = Swift.abs(got[i] - numeric[i])
            if err > tolerance * Swift.max(1, Swift.abs(numeric[i])) {
                Issue.record("input \(k) element \(i): analytic \(got[i]) vs numeric \(numeric[i])", sourceLocation: sourceLocation)
                return
            }
        }
    }
}
