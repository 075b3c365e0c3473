@testable import Keras

/// `Tests/Fixtures/training/metrics.json`, written by `scripts/pyref/metrics.py` with Keras
/// 3.15.1 (JAX): the inputs, and for each case the results after two updates and after a reset.
enum MetricFixture {
    struct Case {
        let id: String
        let className: String
        let kind: String
        let updates: [[String?]]
        let masks: [String?]
        let results: [Tensor]
        let afterReset: Tensor
        let variables: [(path: String, shape: [Int], dtype: String)]
        let config: JSONObject
    }

    static let json: JSONValue = {
        do {
            let bytes = try FileIO.read("\(Fixtures.root)/training/metrics.json")
            return try JSONValue(parsing: String(decoding: bytes, as: UTF8.self))
        } catch {
            preconditionFailure("cannot read the metrics fixture: \(error)")
        }
    }()

    static let inputs: [String: Tensor] = {
        var result: [String: Tensor] = [:]
        for (name, value) in json["inputs"]?.objectValue?.pairs ?? [] {
            result[name] = tensor(value)
        }
        return result
    }()

    static func tensor(_ value: JSONValue) -> Tensor {
        let shape = (value["shape"]?.arrayValue ?? []).compactMap(\.intValue)
        let data = value["data"]?.arrayValue ?? []
        switch value["dtype"]?.stringValue ?? "float32" {
        case "bool": return Tensor(data.map { $0.boolValue ?? false }, shape: shape)
        case "int32": return Tensor(data.compactMap(\.intValue), shape: shape, dtype: .int32)
        default: return Tensor(data.compactMap(\.doubleValue), shape: shape, dtype: .float32)
        }
    }

    static func input(_ name: String?) -> Tensor? {
        guard let name else { return nil }
        guard let t = inputs[name] else { preconditionFailure("no input \(name) in the fixture") }
        return t
    }

    static let cases: [String: Case] = {
        var result: [String: Case] = [:]
        for value in json["cases"]?.arrayValue ?? [] {
            let id = value["id"]?.stringValue ?? ""
            let updates = (value["updates"]?.arrayValue ?? []).map { ($0.arrayValue ?? []).map(\.stringValue) }
            let masks = (value["masks"]?.arrayValue ?? []).map(\.stringValue)
            let variables = (value["variables"]?.arrayValue ?? []).map { v in
                (path: v["path"]?.stringValue ?? "", shape: (v["shape"]?.arrayValue ?? []).compactMap(\.intValue),
                 dtype: v["dtype"]?.stringValue ?? "")
            }
            result[id] = Case(id: id, className: value["class_name"]?.stringValue ?? "",
                              kind: value["kind"]?.stringValue ?? "pair", updates: updates, masks: masks,
                              results: (value["results"]?.arrayValue ?? []).map(tensor),
                              afterReset: tensor(value["after_reset"] ?? .null), variables: variables,
                              config: value["config"]?.objectValue ?? [:])
        }
        return result
    }()

    static let aliases: [String] = (json["aliases"]?.arrayValue ?? []).compactMap(\.stringValue)
}
