import Testing
@testable import Keras

/// Reads `Tests/Fixtures/training/<name>.json` (made by `scripts/pyref/<name>.py`).
enum TrainingFixture {
    static func load(_ name: String) throws -> JSONObject {
        let bytes = try FileIO.read("\(Fixtures.root)/training/\(name).json")
        guard let object = try JSONValue(parsing: String(decoding: bytes, as: UTF8.self)).objectValue else {
            throw KerasError(.invalidConfig, "\(name).json is not an object")
        }
        return object
    }

    /// `{"shape": [...], "data": [...]}` as a float32 tensor (or `dtype`).
    static func tensor(_ value: JSONValue?, dtype: DType = .float32) throws -> Tensor {
        guard let o = value?.objectValue, let shape = o["shape"]?.arrayValue?.compactMap(\.intValue),
              let data = o["data"]?.arrayValue?.compactMap(\.doubleValue) else {
            throw KerasError(.invalidConfig, "not an array fixture: \(String(describing: value))")
        }
        return Tensor(data, shape: shape, dtype: dtype)
    }

    static func tensors(_ value: JSONValue?) throws -> [Tensor] {
        try (value?.arrayValue ?? []).map { try tensor($0) }
    }
}

/// Expects `actual` to equal `expected` within a relative tolerance.
func expectRelativelyClose(_ actual: Double, _ expected: Double, tolerance: Double = 1e-5, _ what: String,
                           sourceLocation: SourceLocation = #_sourceLocation) {
    let scale = max(1, abs(expected))
    #expect(abs(actual - expected) <= tolerance * scale, "\(what): \(actual) vs Keras \(expected)", sourceLocation: sourceLocation)
}

func expectTensorsClose(_ actual: [Tensor], _ expected: [Tensor], tolerance: Double = 1e-5, _ what: String,
                        sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, "\(what): \(actual.count) tensors vs \(expected.count)", sourceLocation: sourceLocation)
    for (i, (a, e)) in zip(actual, expected).enumerated() {
        #expect(a.shape == e.shape, "\(what)[\(i)] shape", sourceLocation: sourceLocation)
        let worst = zip(a.doubles, e.doubles).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
        #expect(worst <= tolerance, "\(what)[\(i)]: largest relative difference \(worst)", sourceLocation: sourceLocation)
    }
}
