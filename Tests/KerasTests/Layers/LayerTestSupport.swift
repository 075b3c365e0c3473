import Testing
@testable import Keras

/// The 3×4 input used for the values computed with Python Keras 3.15.1 (JAX backend).
let kerasReferenceInput = Tensor([-2.5, -1, -0.25, 0, 0.5, 1.25, 3, -0.75, 7, -4, 0.1, 6.5], shape: [3, 4])

/// Expects `actual` to have `shape` and to match `expected` within `tolerance` (relative above 1).
func expectClose(_ actual: Tensor, _ expected: [Double], shape: [Int]? = nil, tolerance: Double = 1e-5,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    if let shape { #expect(actual.shape == shape, "shape", sourceLocation: sourceLocation) }
    let values = actual.doubles
    guard values.count == expected.count else {
        Issue.record("expected \(expected.count) values, got \(values.count)", sourceLocation: sourceLocation)
        return
    }
    for (i, (a, e)) in zip(values, expected).enumerated() where !(Swift.abs(a - e) <= tolerance * Swift.max(1, Swift.abs(e))) {
        Issue.record("element \(i): \(a) vs expected \(e)", sourceLocation: sourceLocation)
        return
    }
}

/// Expects `body` to throw a ``KerasError`` of `kind` whose message contains every one of `parts`.
func expectKerasError(_ kind: KerasError.Kind, containing parts: [String],
                      sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("expected a KerasError containing \(parts)", sourceLocation: sourceLocation)
    } catch let error as KerasError {
        #expect(error.kind == kind, "\(error.message)", sourceLocation: sourceLocation)
        for part in parts {
            #expect(error.message.contains(part), "missing \"\(part)\" in: \(error.message)", sourceLocation: sourceLocation)
        }
    } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
    }
}
