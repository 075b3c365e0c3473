import Testing
@testable import Keras

/// `Tests/Fixtures/layers/conv_layers.json`, written by `scripts/pyref/conv_layers.py` from Keras
/// 3.15.1 (JAX backend): convolution, pooling and reshaping layers with their Keras configs,
/// inputs, weights and outputs.
enum ConvLayerFixture {
    /// The parsed fixture, or `.null` when it cannot be read (the test then reports it).
    static let root: JSONValue = {
        guard let bytes = try? FileIO.read("\(Fixtures.root)/layers/conv_layers.json"),
              let value = try? JSONValue(parsing: String(decoding: bytes, as: UTF8.self)) else { return .null }
        return value
    }()

    static var cases: [JSONValue] { root["cases"]?.arrayValue ?? [] }

    /// A `{"shape", "values"}` entry as a float32 tensor (or bool, for masks).
    static func tensor(_ value: JSONValue?, bool: Bool = false) throws -> Tensor {
        guard let shape = value?["shape"]?.arrayValue?.compactMap(\.intValue),
              let values = value?["values"]?.arrayValue else {
            throw KerasError(.invalidConfig, "the conv fixture entry has no shape and values")
        }
        if bool { return Tensor(values.map { $0.boolValue ?? false }, shape: shape) }
        return Tensor(values.map { $0.doubleValue ?? .nan }, shape: shape, dtype: .float32)
    }

    /// The Swift layer for a Keras class name and its (normalized) `get_config()`: the Keras
    /// vocabulary of every convolution, pooling and reshaping argument, read back.
    static func makeLayer(_ className: String, _ config: JSONValue) throws -> Layer {
        func ints(_ key: String) throws -> [Int] {
            guard let value = config[key] else { throw KerasError(.invalidConfig, "\(className) config has no \(key)") }
            if let n = value.intValue { return [n] }
            guard let list = value.arrayValue?.compactMap(\.intValue) else {
                throw KerasError(.invalidConfig, "\(className) config: \(key) is not a list of integers")
            }
            return list
        }
        func size(_ key: String) throws -> PerAxis { PerAxis(try ints(key)) }
        func margins(_ key: String) throws -> Margins {
            guard let value = config[key] else { throw KerasError(.invalidConfig, "\(className) config has no \(key)") }
            if let n = value.intValue { return Margins(n) }
            return Margins((value.arrayValue ?? []).map { entry in
                entry.intValue.map { PerAxis($0) } ?? PerAxis(entry.arrayValue?.compactMap(\.intValue) ?? [])
            })
        }
        let filters = config["filters"]?.intValue ?? 0
        let padding = Padding(rawValue: config["padding"]?.stringValue ?? "valid") ?? .valid
        let dataFormat = DataFormat(rawValue: config["data_format"]?.stringValue ?? "channels_last") ?? .channelsLast
        let activation = try Activation.named(config["activation"]?.stringValue ?? "linear")
        let useBias = config["use_bias"]?.boolValue ?? true
        let groups = config["groups"]?.intValue ?? 1
        let depthMultiplier = config["depth_multiplier"]?.intValue ?? 1
        let keepdims = config["keepdims"]?.boolValue ?? false
        func outputPadding() throws -> PerAxis? { config["output_padding"]?.isNull ?? true ? nil : try size("output_padding") }
        func strides() throws -> PerAxis? { config["strides"]?.isNull ?? true ? nil : try size("strides") }

        switch className {
        case "Conv1D", "Conv2D", "Conv3D":
            let type: Convolution.Type = className == "Conv1D" ? Conv1D.self : className == "Conv2D" ? Conv2D.self : Conv3D.self
            return try type.init(filters, kernelSize: size("kernel_size"), strides: size("strides"), padding: padding,
                                 dataFormat: dataFormat, dilationRate: size("dilation_rate"), groups: groups,
                                 activation: activation, useBias: useBias)
        case "Conv1DTranspose", "Conv2DTranspose", "Conv3DTranspose":
            let type: ConvolutionTranspose.Type = className == "Conv1DTranspose" ? Conv1DTranspose.self
                : className == "Conv2DTranspose" ? Conv2DTranspose.self : Conv3DTranspose.self
            return try type.init(filters, kernelSize: size("kernel_size"), strides: size("strides"), padding: padding,
                                 outputPadding: outputPadding(), dataFormat: dataFormat,
                                 dilationRate: size("dilation_rate"), activation: activation, useBias: useBias)
        case "DepthwiseConv1D", "DepthwiseConv2D":
            let type: DepthwiseConvolution.Type = className == "DepthwiseConv1D" ? DepthwiseConv1D.self : DepthwiseConv2D.self
            return try type.init(kernelSize: size("kernel_size"), strides: size("strides"), padding: padding,
                                 depthMultiplier: depthMultiplier, dataFormat: dataFormat,
                                 dilationRate: size("dilation_rate"), activation: activation, useBias: useBias)
        case "SeparableConv1D", "SeparableConv2D":
            let type: SeparableConvolution.Type = className == "SeparableConv1D" ? SeparableConv1D.self : SeparableConv2D.self
            return try type.init(filters, kernelSize: size("kernel_size"), strides: size("strides"), padding: padding,
                                 dataFormat: dataFormat, dilationRate: size("dilation_rate"),
                                 depthMultiplier: depthMultiplier, activation: activation, useBias: useBias)
        case "MaxPooling1D", "MaxPooling2D", "MaxPooling3D":
            let type: MaxPooling.Type = className == "MaxPooling1D" ? MaxPooling1D.self : className == "MaxPooling2D" ? MaxPooling2D.self : MaxPooling3D.self
            return try type.init(poolSize: size("pool_size"), strides: strides(), padding: padding, dataFormat: dataFormat)
        case "AveragePooling1D", "AveragePooling2D", "AveragePooling3D":
            let type: AveragePooling.Type = className == "AveragePooling1D" ? AveragePooling1D.self
                : className == "AveragePooling2D" ? AveragePooling2D.self : AveragePooling3D.self
            return try type.init(poolSize: size("pool_size"), strides: strides(), padding: padding, dataFormat: dataFormat)
        case "GlobalMaxPooling1D": return try GlobalMaxPooling1D(dataFormat: dataFormat, keepdims: keepdims)
        case "GlobalMaxPooling2D": return try GlobalMaxPooling2D(dataFormat: dataFormat, keepdims: keepdims)
        case "GlobalMaxPooling3D": return try GlobalMaxPooling3D(dataFormat: dataFormat, keepdims: keepdims)
        case "GlobalAveragePooling1D": return try GlobalAveragePooling1D(dataFormat: dataFormat, keepdims: keepdims)
        case "GlobalAveragePooling2D": return try GlobalAveragePooling2D(dataFormat: dataFormat, keepdims: keepdims)
        case "GlobalAveragePooling3D": return try GlobalAveragePooling3D(dataFormat: dataFormat, keepdims: keepdims)
        case "Cropping1D": return try Cropping1D(cropping: margins("cropping"))
        case "Cropping2D": return try Cropping2D(cropping: margins("cropping"), dataFormat: dataFormat)
        case "Cropping3D": return try Cropping3D(cropping: margins("cropping"), dataFormat: dataFormat)
        case "ZeroPadding1D": return try ZeroPadding1D(padding: margins("padding"), dataFormat: dataFormat)
        case "ZeroPadding2D": return try ZeroPadding2D(padding: margins("padding"), dataFormat: dataFormat)
        case "ZeroPadding3D": return try ZeroPadding3D(padding: margins("padding"), dataFormat: dataFormat)
        case "UpSampling1D": return try UpSampling1D(size: ints("size")[0])
        case "UpSampling2D":
            let interpolation = Interpolation(rawValue: config["interpolation"]?.stringValue ?? "nearest")
            guard let interpolation else { throw KerasError(.invalidConfig, "unknown interpolation in \(config)") }
            return try UpSampling2D(size: size("size"), dataFormat: dataFormat, interpolation: interpolation)
        case "UpSampling3D": return try UpSampling3D(size: size("size"), dataFormat: dataFormat)
        default:
            throw KerasError(.unknownName, "the conv fixture has a layer class \(className) the tests do not know")
        }
    }
}
