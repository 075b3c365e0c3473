import Testing
@testable import Keras

/// Compares the reverse-mode gradient of `f` at `x` with central finite differences.
///
/// The scalar differentiated is `sum(f(x) * w)` for a fixed random cotangent `w`, so every output
/// element counts; `x` should be float64 and away from kinks of `f`.
func checkGradient(
    at x: Tensor, epsilon: Double = 1e-6, tolerance: Double = 1e-5, _ label: String = "",
    sourceLocation: SourceLocation = #_sourceLocation, _ f: (Tensor) throws -> Tensor
) throws {
    let probe = try withoutGradients { try f(x) }
    var data = TestData(7)
    let w = data.tensor(probe.shape, 0.5, 1.5, dtype: probe.dtype)
    func objective(_ t: Tensor) throws -> Tensor { (try f(t) * w).sum() }

    let analytic = try gradient(at: x) { try objective($0) }
    #expect(analytic.shape == x.shape, "\(label): gradient shape", sourceLocation: sourceLocation)
    let base = x.doubles
    let got = analytic.doubles
    for i in base.indices {
        var plus = base, minus = base
        plus[i] += epsilon
        minus[i] -= epsilon
        let fp = try withoutGradients { try objective(Tensor(plus, shape: x.shape, dtype: x.dtype)).item() }
        let fm = try withoutGradients { try objective(Tensor(minus, shape: x.shape, dtype: x.dtype)).item() }
        let numeric = (fp - fm) / (2 * epsilon)
        let error = Swift.abs(got[i] - numeric)
        if !(error <= tolerance * Swift.max(1, Swift.abs(numeric))) {
            Issue.record("\(label): element \(i): analytic \(got[i]) vs numeric \(numeric)", sourceLocation: sourceLocation)
            return
        }
    }
}
