// Reading initializers from Keras configs: every name `keras.initializers.get` accepts and the
// dict form `serialize_keras_object` writes.

extension Initializer {
    /// Keras's class for each name `keras.initializers.get` accepts: class names, their
    /// snake_case forms, and Keras's aliases (`"normal"`, `"uniform"`, `"zero"`, `"one"`, ...).
    static let classNames: [String: String] = {
        let classes = ["Constant", "GlorotNormal", "GlorotUniform", "HeNormal", "HeUniform", "Identity",
                       "LecunNormal", "LecunUniform", "Ones", "Orthogonal", "RandomNormal", "RandomUniform",
                       "STFT", "TruncatedNormal", "VarianceScaling", "Zeros"]
        var table: [String: String] = [:]
        for name in classes {
            table[name] = name
            table[name == "STFT" ? "stft" : snakeCase(name)] = name
        }
        table["IdentityInitializer"] = "Identity"
        table["OrthogonalInitializer"] = "Orthogonal"
        table["STFTInitializer"] = "STFT"
        table["normal"] = "RandomNormal"
        table["uniform"] = "RandomUniform"
        table["one"] = "Ones"
        table["zero"] = "Zeros"
        return table
    }()

    /// Every name ``init(keras:)`` accepts, sorted.
    public static var knownNames: [String] { classNames.keys.sorted() }

    /// Reads an initializer from a Keras config value: a name (`"glorot_uniform"`,
    /// `"GlorotUniform"`, `"zeros"`, `"normal"`, ...), which gives the class with its defaults, or
    /// the dict `{"module": "keras.initializers", "class_name": "GlorotUniform", "config": {"seed": null}, ...}`.
    ///
    /// Throws ``KerasError``: `.unknownName` (with the nearest name) for a name Keras does not
    /// know, `.invalidConfig` for a config key the class does not take or a value of the wrong
    /// type, `.invalidArgument` for values Keras rejects (a non-positive scale, an unknown mode).
    ///
    /// ```swift
    /// let a = try Initializer(keras: "he_normal")
    /// let b = try Initializer(keras: ["class_name": "Constant", "config": ["value": 0.1]])
    /// ```
    public init(keras value: JSONValue) throws {
        let reference = try KerasObjectReference(value, what: "initializer")
        guard let className = Initializer.classNames[reference.name] else {
            if reference.name == "Initializer" || reference.name == "initializer" {
                throw KerasError(.invalidConfig, "\"\(reference.name)\" is Keras's abstract base class, which cannot make values. Use a concrete initializer such as \"glorot_uniform\".")
            }
            throw KerasError.unknown("initializer", reference.name, known: Initializer.knownNames)
        }
        self = try Initializer.decode(className, reference.config)
    }

    private static func decode(_ className: String, _ config: JSONObject) throws -> Initializer {
        let owner = "Initializer \(className)"
        let scalingKeys = ["seed", "input_axes", "output_axes"]
        let made: Initializer
        let reader: ConfigReader
        switch className {
        case "Zeros", "Ones":
            reader = try ConfigReader(owner, config, allowed: [])
            made = className == "Zeros" ? .zeros : .ones
        case "Constant":
            reader = try ConfigReader(owner, config, allowed: ["value"])
            let value = config["value"] ?? .double(0)
            guard value.doubleValue != nil else {
                throw KerasError(.unsupported, "\(owner) has the value \(value.serialized()); swift-keras reads numeric constants only.")
            }
            made = .constant(config: value)
        case "Identity":
            reader = try ConfigReader(owner, config, allowed: ["gain"])
            made = .identity(gain: try reader.double("gain", default: 1), config: config)
        case "RandomNormal", "TruncatedNormal":
            reader = try ConfigReader(owner, config, allowed: ["seed", "mean", "stddev"])
            let (mean, stddev, seed) = (try reader.double("mean", default: 0), try reader.double("stddev", default: 0.05), try reader.seed())
            made = className == "RandomNormal" ? .randomNormal(mean: mean, stddev: stddev, seed: seed)
                : .truncatedNormal(mean: mean, stddev: stddev, seed: seed)
        case "RandomUniform":
            reader = try ConfigReader(owner, config, allowed: ["seed", "minval", "maxval"])
            made = .randomUniform(min: try reader.double("minval", default: -0.05),
                                  max: try reader.double("maxval", default: 0.05), seed: try reader.seed())
        case "VarianceScaling":
            reader = try ConfigReader(owner, config, allowed: ["scale", "mode", "distribution"] + scalingKeys)
            let scale = try reader.double("scale", default: 1)
            guard scale > 0 else {
                throw KerasError(.invalidArgument, "\(owner) needs a positive scale, but received scale=\(scale).")
            }
            let modeName = try reader.string("mode", default: "fan_in")
            guard let mode = VarianceScalingMode(rawValue: modeName) else {
                throw KerasError(.invalidArgument, "\(owner) has mode \"\(modeName)\"; use one of fan_in, fan_out, fan_avg.")
            }
            // Keras lowercases the distribution and reads "normal" as "truncated_normal".
            var distributionName = try reader.string("distribution", default: "truncated_normal").lowercased()
            if distributionName == "normal" { distributionName = "truncated_normal" }
            guard let distribution = VarianceScalingDistribution(rawValue: distributionName) else {
                throw KerasError(.invalidArgument, "\(owner) has distribution \"\(distributionName)\"; use one of uniform, truncated_normal, untruncated_normal.")
            }
            made = .varianceScaling(scale: scale, mode: mode, distribution: distribution, seed: try reader.seed(),
                                    inputAxes: try reader.axes("input_axes"), outputAxes: try reader.axes("output_axes"))
        case "GlorotNormal", "GlorotUniform", "HeNormal", "HeUniform", "LecunNormal", "LecunUniform":
            reader = try ConfigReader(owner, config, allowed: scalingKeys)
            let (seed, inputAxes, outputAxes) = (try reader.seed(), try reader.axes("input_axes"), try reader.axes("output_axes"))
            let scale: Double = className.hasPrefix("He") ? 2 : 1
            let mode: VarianceScalingMode = className.hasPrefix("Glorot") ? .fanAverage : .fanIn
            let distribution: VarianceScalingDistribution = className.hasSuffix("Uniform") ? .uniform : .truncatedNormal
            made = namedScaling(className, scale: scale, mode: mode, distribution: distribution, seed: seed,
                                inputAxes: inputAxes, outputAxes: outputAxes)
        case "Orthogonal":
            reader = try ConfigReader(owner, config, allowed: ["seed", "gain"])
            made = .orthogonal(gain: try reader.double("gain", default: 1), seed: try reader.seed())
        case "STFT":
            reader = try ConfigReader(owner, config, allowed: ["side", "window", "scaling", "periodic"])
            made = try .stft(reading: reader)
        default:
            throw KerasError.unknown("initializer", className, known: knownNames)
        }
        let kept = reader.preservingNumbers(in: made.config)
        return Initializer(builtin: made.className, config: kept, made.generator)
    }

    /// `GlorotUniform` -> `glorot_uniform`, as Keras's `to_snake_case` does for these names.
    static func snakeCase(_ name: String) -> String {
        var out = ""
        for (i, c) in name.enumerated() {
            if c.isUppercase && i > 0 { out += "_" }
            out += c.lowercased()
        }
        return out
    }
}
