// A model's `compile_config`: the arguments of `compile`, saved with the model so loading can
// compile it again (Keras's `get_compile_config` / `compile_from_config`).

extension Model {
    /// What Keras writes as `compile_config`: `{}` for a model never compiled, else the
    /// optimizer, loss, loss weights and metrics as given to `compile`.
    var kerasCompileConfig: JSONObject {
        guard let compiled else { return [:] }
        func loss(_ id: LossIdentifier) -> JSONValue {
            switch id {
            case .name(let s): return .string(s)
            case .object(let l): return l.serializedKerasObject
            }
        }
        func metric(_ id: MetricIdentifier) -> JSONValue {
            switch id {
            case .name(let s): return .string(s)
            case .object(let m):
                return ["module": "keras.metrics", "class_name": .string(m.className),
                        "config": .object(m.kerasConfig), "registered_name": nil]
            }
        }
        func perOutput<T>(_ value: PerOutput<T>?, _ encode: (T) -> JSONValue) -> JSONValue {
            switch value {
            case nil: return .null
            case .all(let v)?: return encode(v)
            case .list(let l)?: return .array(l.map(encode))
            case .named(let d)?:
                var o = JSONObject()
                for key in d.keys.sorted() { o[key] = encode(d[key]!) }
                return .object(o)
            }
        }
        func metrics(_ spec: MetricsArgument) -> JSONValue {
            spec.isEmpty ? .null : perOutput(spec.identifiers) { .array($0.map(metric)) }
        }
        return [
            "optimizer": compiled.optimizer.serializedKerasObject,
            "loss": perOutput(compiled.lossSpec, loss),
            "loss_weights": perOutput(compiled.lossWeights) { .double($0) },
            "metrics": metrics(compiled.metricsSpec),
            "weighted_metrics": metrics(compiled.weightedMetricsSpec),
            "run_eagerly": false, "steps_per_execution": 1, "jit_compile": true,
        ]
    }

    /// Compiles the model from a saved `compile_config` (Keras's `compile_from_config`); an
    /// empty config leaves it uncompiled.
    ///
    /// - Throws: ``KerasError`` for an optimizer, loss or metric the config names that swift-keras
    ///   does not know, naming it.
    func compile(fromKerasConfig config: JSONObject) throws {
        guard !config.isEmpty else { return }
        // Checks the keys, as Keras's compile would reject unknown arguments.
        _ = try ConfigReader("compile_config", config, allowed: [
            "optimizer", "loss", "loss_weights", "metrics", "weighted_metrics", "run_eagerly",
            "steps_per_execution", "jit_compile", "auto_scale_loss"])
        let optimizer: Optimizer = try config["optimizer"].flatMap { $0.isNull ? nil : try Optimizer.fromKeras($0) } ?? Optimizer.named("rmsprop")
        func lossID(_ v: JSONValue) throws -> LossIdentifier {
            if let s = v.stringValue { return .name(s) }
            return .object(try Loss.from(keras: v))
        }
        func perOutput<T>(_ value: JSONValue?, _ decode: (JSONValue) throws -> T) throws -> PerOutput<T>? {
            guard let value, !value.isNull else { return nil }
            if let list = value.arrayValue { return .list(try list.map(decode)) }
            if let dict = value.objectValue {
                var d: [String: T] = [:]
                for key in dict.keys { d[key] = try decode(dict[key]!) }
                return .named(d)
            }
            return .all(try decode(value))
        }
        func metricArgument(_ v: JSONValue) throws -> any MetricArgument {
            if let s = v.stringValue { return s }
            guard let object = v.objectValue, let className = object["class_name"]?.stringValue else {
                throw KerasError(.invalidConfig, "compile_config has the metric \(v.serialized().prefix(200)); expected a name or a serialized metric.")
            }
            let metric = try Metric.named(className, displayName: object["config"]?.objectValue?["name"]?.stringValue)
            if let given = object["config"]?.objectValue, given != metric.kerasConfig {
                throw KerasError(.unsupported, "compile_config has the metric \(className) with the config \(JSONValue.object(given).serialized()); swift-keras rebuilds saved metrics from their names only, so non-default settings are not restored. Compile the model again with the metric object.")
            }
            return metric
        }
        func metricsArgument(_ value: JSONValue?) throws -> MetricsArgument {
            guard let value, !value.isNull else { return [] }
            if let dict = value.objectValue {
                var lists: [(String, [any MetricArgument])] = []
                for key in dict.keys {
                    let entries = dict[key]!.arrayValue ?? [dict[key]!]
                    lists.append((key, try entries.map(metricArgument)))
                }
                return MetricsArgument(named: lists)
            }
            guard let list = value.arrayValue else { return MetricsArgument([try metricArgument(value)]) }
            if list.contains(where: { $0.arrayValue != nil }) {
                return .perOutput(try list.map { try ($0.arrayValue ?? [$0]).map(metricArgument) })
            }
            return MetricsArgument(try list.map(metricArgument))
        }
        let losses = try perOutput(config["loss"], lossID)
        let weights = try perOutput(config["loss_weights"]) { v -> Double in
            guard let d = v.doubleValue else { throw KerasError(.invalidConfig, "compile_config has the loss weight \(v.serialized()); expected a number.") }
            return d
        }
        try compileChecked(optimizer: optimizer, loss: losses, lossWeights: weights,
                           metrics: metricsArgument(config["metrics"]),
                           weightedMetrics: metricsArgument(config["weighted_metrics"]))
    }
}
