import Testing
@testable import Keras

/// `Tests/Fixtures/layers/recurrent_layers.json`, written by `scripts/pyref/recurrent_layers.py`
/// from Keras 3.15.1: recurrent layers with fixed weights, their inputs and every output.
enum RecurrentFixture {
    static let root: JSONValue = {
        guard let bytes = try? FileIO.read("\(Fixtures.root)/layers/recurrent_layers.json"),
              let value = try? JSONValue(parsing: String(decoding: bytes, as: UTF8.self)) else { return .null }
        return value
    }()

    static var cases: [JSONValue] { root["cases"]?.arrayValue ?? [] }

    static func named(_ name: String) throws -> JSONValue {
        guard let found = cases.first(where: { $0["name"]?.stringValue == name }) else {
            throw KerasError(.invalidConfig, "the recurrent fixture has no case \"\(name)\"")
        }
        return found
    }

    /// A `{"shape", "values"}` entry as a float32 (or bool) tensor.
    static func tensor(_ value: JSONValue?) throws -> Tensor {
        guard let shape = value?["shape"]?.arrayValue?.compactMap(\.intValue), let values = value?["values"]?.arrayValue else {
            throw KerasError(.invalidConfig, "not a tensor entry: \(String(describing: value))")
        }
        if let first = values.first, first.boolValue != nil, first.doubleValue == nil {
            return Tensor(values.map { $0.boolValue ?? false }, shape: shape)
        }
        return Tensor(values.map { $0.doubleValue ?? .nan }, shape: shape, dtype: .float32)
    }

    /// The layer a case describes, from Keras's class name and snake_case arguments.
    static func make(_ spec: JSONValue, dtype: DType = .float32) throws -> Layer {
        guard let className = spec["layer"]?.stringValue else { throw KerasError(.invalidConfig, "no layer class") }
        let args = spec["args"] ?? .object([:])
        func bool(_ key: String, _ fallback: Bool = false) -> Bool { args[key]?.boolValue ?? fallback }
        func int(_ key: String) -> Int { args[key]?.intValue ?? 0 }
        func activation(_ key: String, _ fallback: Activation) throws -> Activation {
            try args[key]?.stringValue.map { try Activation.named($0) } ?? fallback
        }
        func cell(_ value: JSONValue?) throws -> any RNNCell {
            guard let value, let made = try make(value, dtype: dtype) as? any RNNCell else {
                throw KerasError(.invalidConfig, "not a cell: \(String(describing: value))")
            }
            return made
        }
        func rnn(_ value: JSONValue?) throws -> RNN {
            guard let value, let made = try make(value, dtype: dtype) as? RNN else {
                throw KerasError(.invalidConfig, "not an RNN: \(String(describing: value))")
            }
            return made
        }
        let sequences = bool("return_sequences"), state = bool("return_state"), backwards = bool("go_backwards")
        let stateful = bool("stateful"), unroll = bool("unroll")
        switch className {
        case "SimpleRNN":
            return try SimpleRNN(int("units"), activation: activation("activation", .tanh), useBias: bool("use_bias", true),
                                 returnSequences: sequences, returnState: state, goBackwards: backwards,
                                 stateful: stateful, unroll: unroll, dtype: dtype)
        case "LSTM":
            return try LSTM(int("units"), activation: activation("activation", .tanh),
                            recurrentActivation: activation("recurrent_activation", .sigmoid), useBias: bool("use_bias", true),
                            unitForgetBias: bool("unit_forget_bias", true), returnSequences: sequences, returnState: state,
                            goBackwards: backwards, stateful: stateful, unroll: unroll, dtype: dtype)
        case "GRU":
            return try GRU(int("units"), activation: activation("activation", .tanh),
                           recurrentActivation: activation("recurrent_activation", .sigmoid), useBias: bool("use_bias", true),
                           resetAfter: bool("reset_after", true), returnSequences: sequences, returnState: state,
                           goBackwards: backwards, stateful: stateful, unroll: unroll, dtype: dtype)
        case "SimpleRNNCell":
            return try SimpleRNNCell(int("units"), activation: activation("activation", .tanh), useBias: bool("use_bias", true), dtype: dtype)
        case "LSTMCell":
            return try LSTMCell(int("units"), useBias: bool("use_bias", true), dtype: dtype)
        case "GRUCell":
            return try GRUCell(int("units"), useBias: bool("use_bias", true), resetAfter: bool("reset_after", true), dtype: dtype)
        case "StackedRNNCells":
            return try StackedRNNCells((args["cells"]?.arrayValue ?? []).map { try cell($0) }, dtype: dtype)
        case "RNN":
            let core: any RNNCell = try args["cells"]?.arrayValue.map { try StackedRNNCells($0.map { try cell($0) }, dtype: dtype) }
                ?? cell(args["cell"])
            return try RNN(core, returnSequences: sequences, returnState: state, goBackwards: backwards, stateful: stateful,
                           unroll: unroll, zeroOutputForMask: bool("zero_output_for_mask"), dtype: dtype)
        case "Bidirectional":
            // Absent: Keras's default, concat; null: separate outputs.
            let mode = try (args["merge_mode"] ?? .string("concat")).stringValue.map { name -> Bidirectional.MergeMode in
                guard let mode = Bidirectional.MergeMode(rawValue: name) else { throw KerasError(.invalidConfig, name) }
                return mode
            }
            let backward = try args["backward_layer"].flatMap { $0.isNull ? nil : try rnn($0) }
            return try Bidirectional(rnn(args["layer"]), mergeMode: mode, backwardLayer: backward, dtype: dtype)
        case "TimeDistributed":
            return try TimeDistributed(make(args["layer"] ?? .null, dtype: dtype), dtype: dtype)
        case "ConvLSTM1D", "ConvLSTM2D", "ConvLSTM3D":
            func perAxis(_ key: String) -> PerAxis {
                if let list = args[key]?.arrayValue { return PerAxis(list.compactMap(\.intValue)) }
                return PerAxis(args[key]?.intValue ?? 1)
            }
            let type: ConvLSTM.Type = className == "ConvLSTM1D" ? ConvLSTM1D.self : className == "ConvLSTM2D" ? ConvLSTM2D.self : ConvLSTM3D.self
            return try type.init(int("filters"), kernelSize: perAxis("kernel_size"), strides: perAxis("strides"),
                                 padding: Padding(rawValue: args["padding"]?.stringValue ?? "valid") ?? .valid,
                                 dataFormat: DataFormat(rawValue: args["data_format"]?.stringValue ?? "channels_last") ?? .channelsLast,
                                 dilationRate: perAxis("dilation_rate"), activation: activation("activation", .tanh),
                                 unitForgetBias: bool("unit_forget_bias", true), returnSequences: sequences,
                                 returnState: state, goBackwards: backwards, stateful: stateful, dtype: dtype)
        case "Dense":
            return try Dense(int("units"), activation: activation("activation", .linear), dtype: dtype)
        default:
            throw KerasError(.invalidConfig, "unknown layer \(className)")
        }
    }
}
