import Testing
@testable import Keras

/// `Tests/Fixtures/layers/preprocessing_layers.json`, written by
/// `scripts/pyref/preprocessing_layers.py` from Keras 3.15.1 (JAX backend, TensorFlow beside it
/// for `Hashing` and `Discretization.adapt`): preprocessing layers with their arguments, inputs,
/// adapt data and outputs.
enum PreprocessingFixture {
    /// The parsed fixture, or `.null` when it cannot be read (the test then reports it).
    static let root: JSONValue = {
        guard let bytes = try? FileIO.read("\(Fixtures.root)/layers/preprocessing_layers.json"),
              let value = try? JSONValue(parsing: String(decoding: bytes, as: UTF8.self)) else { return .null }
        return value
    }()

    static var cases: [JSONValue] { root["cases"]?.arrayValue ?? [] }

    static func entry(_ id: String) -> JSONValue? { cases.first { $0["id"]?.stringValue == id } }

    /// A `{"shape", "values", "dtype"}` entry as a tensor of its dtype (float32, int32, int64, bool).
    static func tensor(_ value: JSONValue?) throws -> Tensor {
        guard let shape = value?["shape"]?.arrayValue?.compactMap(\.intValue),
              let values = value?["values"]?.arrayValue else {
            throw KerasError(.invalidConfig, "the preprocessing fixture entry has no shape and values")
        }
        switch value?["dtype"]?.stringValue ?? "float32" {
        case "bool": return Tensor(values.map { $0.boolValue ?? false }, shape: shape)
        case "int32": return Tensor(values.map { $0.intValue ?? 0 }, shape: shape, dtype: .int32)
        case "int64": return Tensor(values.map { $0.intValue ?? 0 }, shape: shape, dtype: .int64)
        case "uint8": return Tensor(values.map { $0.intValue ?? 0 }, shape: shape, dtype: .uint8)
        default: return Tensor(values.map { $0.doubleValue ?? .nan }, shape: shape, dtype: .float32)
        }
    }

    static func doubles(_ value: JSONValue?) -> [Double]? { value?.arrayValue?.compactMap(\.doubleValue) }

    /// The Swift layer for a Keras class name and the fixture's arguments.
    static func makeLayer(_ className: String, _ config: JSONValue) throws -> Layer {
        func mode(_ fallback: OutputMode) throws -> OutputMode {
            guard let raw = config["output_mode"]?.stringValue else { return fallback }
            guard let mode = OutputMode(rawValue: raw) else { throw KerasError(.invalidConfig, "unknown output_mode \(raw)") }
            return mode
        }
        func tensorArgument(_ key: String) -> Tensor? {
            guard let value = config[key], !value.isNull else { return nil }
            if let d = value.doubleValue { return Tensor(d) }
            return Tensor(doubles(value) ?? [])
        }
        func factor(_ key: String) -> Factor? {
            guard let value = config[key], !value.isNull else { return nil }
            if let d = value.doubleValue { return Factor(d) }
            return Factor(doubles(value) ?? [])
        }
        func range() -> (Double, Double) {
            let r = doubles(config["value_range"]) ?? [0, 255]
            return (r[0], r[1])
        }
        let height = config["height"]?.intValue ?? 0, width = config["width"]?.intValue ?? 0
        let seed = config["seed"]?.intValue.map { UInt64($0) }
        let dataFormat = DataFormat(rawValue: config["data_format"]?.stringValue ?? "channels_last") ?? .channelsLast
        let interpolation = Interpolation(rawValue: config["interpolation"]?.stringValue ?? "bilinear") ?? .bilinear
        let fillMode = FillMode(rawValue: config["fill_mode"]?.stringValue ?? "reflect") ?? .reflect
        let fillValue = config["fill_value"]?.doubleValue ?? 0
        switch className {
        case "Resizing":
            return try Resizing(height: height, width: width, interpolation: interpolation,
                                cropToAspectRatio: config["crop_to_aspect_ratio"]?.boolValue ?? false,
                                padToAspectRatio: config["pad_to_aspect_ratio"]?.boolValue ?? false,
                                fillValue: fillValue, dataFormat: dataFormat)
        case "CenterCrop": return try CenterCrop(height: height, width: width, dataFormat: dataFormat)
        case "RandomCrop": return try RandomCrop(height: height, width: width, seed: seed, dataFormat: dataFormat)
        case "RandomFlip":
            return try RandomFlip(mode: RandomFlip.Mode(rawValue: config["mode"]?.stringValue ?? "horizontal_and_vertical") ?? .horizontalAndVertical,
                                  seed: seed, dataFormat: dataFormat)
        case "RandomRotation":
            return try RandomRotation(factor: factor("factor")!, fillMode: fillMode, interpolation: interpolation, seed: seed,
                                      fillValue: fillValue, dataFormat: dataFormat)
        case "RandomZoom":
            return try RandomZoom(heightFactor: factor("height_factor")!, widthFactor: factor("width_factor"), fillMode: fillMode,
                                  interpolation: interpolation, seed: seed, fillValue: fillValue, dataFormat: dataFormat)
        case "RandomTranslation":
            return try RandomTranslation(heightFactor: factor("height_factor")!, widthFactor: factor("width_factor")!,
                                         fillMode: fillMode, interpolation: interpolation, seed: seed, fillValue: fillValue,
                                         dataFormat: dataFormat)
        case "RandomContrast": return try RandomContrast(factor: factor("factor")!, valueRange: range(), seed: seed)
        case "RandomBrightness": return try RandomBrightness(factor: factor("factor")!, valueRange: range(), seed: seed)
        case "IntegerLookup":
            func ints(_ key: String) -> [Int64]? { config[key]?.arrayValue?.compactMap(\.intValue).map(Int64.init) }
            return try IntegerLookup(maxTokens: config["max_tokens"]?.intValue, numOOVIndices: config["num_oov_indices"]?.intValue ?? 1,
                                     maskToken: config["mask_token"]?.intValue.map(Int64.init),
                                     oovToken: Int64(config["oov_token"]?.intValue ?? -1), vocabulary: ints("vocabulary"),
                                     idfWeights: doubles(config["idf_weights"]), invert: config["invert"]?.boolValue ?? false,
                                     outputMode: mode(.int), padToMaxTokens: config["pad_to_max_tokens"]?.boolValue ?? false,
                                     oovMethod: config["oov_method"]?.stringValue ?? "floormod",
                                     salt: config["salt"]?.arrayValue?.compactMap(\.intValue))
        case "Normalization":
            let axis: [Int]? = config["axis"]?.isNull ?? false ? nil : config["axis"]?.arrayValue?.compactMap(\.intValue)
            return try Normalization(axis: axis, mean: tensorArgument("mean"), variance: tensorArgument("variance"),
                                     invert: config["invert"]?.boolValue ?? false)
        case "Discretization":
            return try Discretization(binBoundaries: doubles(config["bin_boundaries"]), numBins: config["num_bins"]?.intValue,
                                      epsilon: config["epsilon"]?.doubleValue ?? 0.01, outputMode: mode(.int))
        case "Rescaling":
            if let scale = config["scale"]?.doubleValue {
                return try Rescaling(scale: scale, offset: config["offset"]?.doubleValue ?? 0)
            }
            return try Rescaling(scale: tensorArgument("scale")!, offset: tensorArgument("offset")!)
        case "CategoryEncoding":
            return try CategoryEncoding(numTokens: config["num_tokens"]?.intValue ?? 0, outputMode: mode(.multiHot))
        case "Hashing":
            return try Hashing(numBins: config["num_bins"]?.intValue ?? 0, maskValue: config["mask_value"]?.stringValue,
                               salt: config["salt"]?.arrayValue?.compactMap(\.intValue), outputMode: mode(.int))
        default:
            throw KerasError(.unknownName, "the preprocessing fixture has a layer class \(className) the tests do not know")
        }
    }
}
