import Testing
@testable import Keras

/// `Tests/Fixtures/layers/norm_attention_layers.json`, written by
/// `scripts/pyref/norm_attention_layers.py` from Keras 3.15.1 (JAX): per case, the inputs and their
/// Keras masks, the layer's weights (paths and values), the outputs, and for training-mode
/// BatchNormalization the weights after the step.
enum NormAttentionFixture {
    static let root: JSONValue = {
        guard let bytes = try? FileIO.read("\(Fixtures.root)/layers/norm_attention_layers.json"),
              let value = try? JSONValue(parsing: String(decoding: bytes, as: UTF8.self)) else { return .null }
        return value
    }()

    /// One case by name, or a thrown error naming it.
    static func fixtureCase(_ name: String) throws -> JSONValue {
        guard let found = root["cases"]?.arrayValue?.first(where: { $0["name"]?.stringValue == name }) else {
            throw KerasError(.invalidConfig, "the fixture has no case \"\(name)\"")
        }
        return found
    }

    /// The names of every case.
    static var names: [String] { root["cases"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? [] }

    /// `{"shape", "dtype", "values"}` as a tensor (float32 or bool); `nil` for JSON null.
    static func tensor(_ value: JSONValue?) -> Tensor? {
        guard let value, !value.isNull, let shape = value["shape"]?.arrayValue?.compactMap(\.intValue),
              let values = value["values"]?.arrayValue else { return nil }
        if value["dtype"]?.stringValue == "bool" { return Tensor(values.map { $0.boolValue ?? false }, shape: shape) }
        return Tensor(values.map { $0.doubleValue ?? .nan }, shape: shape, dtype: .float32)
    }

    static func tensors(_ value: JSONValue?) -> [Tensor?] { value?.arrayValue?.map { tensor($0) } ?? [] }
}

/// Loads a case's weights into `layer` (checking Keras's paths), then returns the case.
@discardableResult
func loadFixtureWeights(_ layer: Layer, _ fixture: JSONValue, sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONValue {
    let weights = fixture["weights"]?.arrayValue ?? []
    #expect(layer.weights.map(\.path) == weights.compactMap { $0["path"]?.stringValue }, "weight paths", sourceLocation: sourceLocation)
    try layer.setWeights(weights.compactMap { NormAttentionFixture.tensor($0) })
    return fixture
}

/// Expects `actual` to match Keras's value within `tolerance` (absolute, relative above 1).
func expectKeras(_ actual: Tensor, _ expected: Tensor?, _ label: String, tolerance: Double = 1e-5,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    guard let expected else {
        Issue.record("\(label): no expected value", sourceLocation: sourceLocation)
        return
    }
    #expect(actual.shape == expected.shape, "\(label): shape \(actual.shape) vs Keras \(expected.shape)", sourceLocation: sourceLocation)
    guard actual.shape == expected.shape else { return }
    for (i, (a, e)) in zip(actual.doubles, expected.doubles).enumerated() where !(Swift.abs(a - e) <= tolerance * Swift.max(1, Swift.abs(e))) {
        Issue.record("\(label): element \(i): \(a) vs Keras \(e)", sourceLocation: sourceLocation)
        return
    }
}
