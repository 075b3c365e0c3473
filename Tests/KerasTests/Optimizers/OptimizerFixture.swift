import Testing
@testable import Keras

/// `Tests/Fixtures/training/optimizers.json`, written by `scripts/pyref/optimizers.py` from
/// Keras 3.15.1 (JAX): optimizer runs step by step, schedule values, variable names and a
/// small end-to-end training.
struct OptimizerFixture: @unchecked Sendable {
    let root: JSONValue

    /// Parsed once for all tests.
    static let shared: Result<OptimizerFixture, Error> = Result {
        let bytes = try FileIO.read("\(Fixtures.root)/training/optimizers.json")
        return OptimizerFixture(root: try JSONValue(parsing: String(decoding: bytes, as: UTF8.self)))
    }

    static func load() throws -> OptimizerFixture { try shared.get() }

    /// The case names, for parameterized tests (empty when the file cannot be read: the
    /// fixture test below reports that).
    static var caseNames: [String] {
        (try? load().cases.compactMap { $0["name"]?.stringValue }) ?? []
    }

    var cases: [JSONValue] { root["cases"]?.arrayValue ?? [] }

    func `case`(_ name: String) throws -> JSONValue {
        guard let found = cases.first(where: { $0["name"]?.stringValue == name }) else {
            throw KerasError(.invalidConfig, "no case \(name) in the optimizer fixture")
        }
        return found
    }

    /// Fresh model variables with the fixture's initial values, names and paths.
    func makeVariables() throws -> [Variable] {
        try (root["variables"]?.arrayValue ?? []).map { entry in
            Variable(try tensor(entry["values"], shape: entry["shape"]), name: entry["name"]?.stringValue ?? "",
                     path: entry["path"]?.stringValue)
        }
    }

    /// The gradients of each step, shaped like the variables.
    func gradients() throws -> [[Tensor]] {
        let shapes = (root["variables"]?.arrayValue ?? []).map { $0["shape"] }
        return try (root["gradients"]?.arrayValue ?? []).map { step in
            try zip(step.arrayValue ?? [], shapes).map { try tensor($0, shape: $1) }
        }
    }
}

/// A float32 tensor from a JSON list of numbers and a JSON shape.
func tensor(_ values: JSONValue?, shape: JSONValue?, dtype: DType = .float32) throws -> Tensor {
    let numbers = try numbers(values)
    let dims = (shape?.arrayValue ?? []).compactMap(\.intValue)
    return Tensor(numbers, shape: dims, dtype: dtype)
}

/// A JSON list of numbers.
func numbers(_ value: JSONValue?) throws -> [Double] {
    guard let list = value?.arrayValue else { throw KerasError(.invalidConfig, "expected a list of numbers") }
    return list.compactMap(\.doubleValue)
}

/// Every element of `actual` within `relative` of `expected` (plus a tiny absolute floor for
/// values that are zero in Keras).
func expectValues(_ actual: [Double], _ expected: [Double], relative: Double = 1e-5, absolute: Double = 1e-7,
                  _ what: @autoclosure () -> String, sourceLocation: SourceLocation = #_sourceLocation) {
    guard actual.count == expected.count else {
        Issue.record("\(what()): \(actual.count) values, expected \(expected.count)", sourceLocation: sourceLocation)
        return
    }
    for (i, (a, e)) in zip(actual, expected).enumerated() {
        let ok = a == e || Swift.abs(a - e) <= relative * Swift.abs(e) + absolute
        if !ok {
            Issue.record("\(what()) element \(i): got \(a), Keras has \(e) (relative error \(Swift.abs(a - e) / Swift.max(Swift.abs(e), 1e-30)))",
                         sourceLocation: sourceLocation)
            return
        }
    }
}
