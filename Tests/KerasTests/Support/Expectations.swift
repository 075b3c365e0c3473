import Testing
@testable import Keras

/// Checks shape and values, element by element, within a relative tolerance.
func expectClose(_ actual: Tensor, _ expected: Tensor, tolerance: Double = 1e-5,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.shape == expected.shape, "shape \(actual.shape) vs \(expected.shape)", sourceLocation: sourceLocation)
    for (i, (a, e)) in zip(actual.doubles, expected.doubles).enumerated() where Swift.abs(a - e) > tolerance * Swift.max(1, Swift.abs(e)) {
        Issue.record("element \(i): got \(a), expected \(e)", sourceLocation: sourceLocation)
        return
    }
}
