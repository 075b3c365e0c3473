import Testing
@testable import Keras

/// `Tests/Fixtures/training/losses.json`, written by `scripts/pyref/losses.py` from Keras 3.15.1:
/// inputs, loss values for every reduction, function values, configs and names.
enum LossFixture {
    /// The parsed fixture, or `.null` when it cannot be read (a test then reports it).
    static let root: JSONValue = {
        guard let bytes = try? FileIO.read("\(Fixtures.root)/training/losses.json"),
              let value = try? JSONValue(parsing: String(decoding: bytes, as: UTF8.self)) else { return .null }
        return value
    }()

    static var cases: [JSONValue] { root["cases"]?.arrayValue ?? [] }
    static var functions: [JSONValue] { root["functions"]?.arrayValue ?? [] }
    static var ctcOps: [JSONValue] { root["ctc_ops"]?.arrayValue ?? [] }
    static var configs: [JSONValue] { root["configs"]?.arrayValue ?? [] }
    static var names: JSONObject { root["names"]?.objectValue ?? JSONObject() }

    /// The input called `name`, with its dtype (float32, int32 or bool) and shape.
    static func input(_ name: String) throws -> Tensor {
        guard let entry = root["inputs"]?[name], let shape = entry["shape"]?.arrayValue?.compactMap(\.intValue),
              let values = entry["values"]?.arrayValue, let dtype = entry["dtype"]?.stringValue else {
            throw KerasError(.invalidConfig, "the loss fixture has no input \"\(name)\"")
        }
        switch dtype {
        case "bool": return Tensor(values.map { $0.boolValue ?? false }, shape: shape)
        case "int32": return Tensor(values.map { $0.intValue ?? 0 }, shape: shape, dtype: .int32)
        default: return Tensor(values.map { $0.doubleValue ?? .nan }, shape: shape, dtype: .float32)
        }
    }

    /// The input named by `value`, or `nil` for JSON null.
    static func optionalInput(_ value: JSONValue?) throws -> Tensor? {
        guard let name = value?.stringValue else { return nil }
        return try input(name)
    }

    /// An expected `{"shape": [...], "values": [...]}`.
    static func expected(_ value: JSONValue?) -> (shape: [Int], values: [Double])? {
        guard let shape = value?["shape"]?.arrayValue?.compactMap(\.intValue),
              let values = value?["values"]?.arrayValue?.compactMap(\.doubleValue) else { return nil }
        return (shape, values)
    }
}

/// Checks a loss value against Keras's: same shape, each element within `1e-5` relative (plus
/// `1e-6` absolute, for values that are 0 in one and a rounding error in the other).
func expectKerasValue(_ actual: Tensor, _ expected: (shape: [Int], values: [Double])?, _ label: String,
                      relative: Double = 1e-5, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let expected else {
        Issue.record("\(label): no expected value in the fixture", sourceLocation: sourceLocation)
        return
    }
    #expect(actual.shape == expected.shape, "\(label): shape \(actual.shape) vs Keras \(expected.shape)", sourceLocation: sourceLocation)
    #expect(actual.dtype == .float32, "\(label): dtype \(actual.dtype)", sourceLocation: sourceLocation)
    let values = actual.doubles
    guard values.count == expected.values.count else { return }
    for (i, (a, e)) in zip(values, expected.values).enumerated() where !(Swift.abs(a - e) <= relative * Swift.abs(e) + 1e-6) {
        Issue.record("\(label): element \(i): got \(a), Keras \(e) (all: \(values) vs \(expected.values))", sourceLocation: sourceLocation)
        return
    }
}
