// The Keras config every convolution kind shares: the window geometry, the bias and the
// activation, written in Keras's key order around each kind's own keys (`filters`,
// `depth_multiplier`, `output_padding`, `groups`, its kernels) and read back with Keras's defaults.

extension BaseConv {
    /// One kernel of a convolution as its config records it: the key prefix (`"kernel"`,
    /// `"depthwise"`, `"pointwise"`) and its settings.
    struct KernelConfig {
        let prefix: String
        let initializer: Initializer
        let regularizer: Regularizer?
        let constraint: Constraint?
    }

    /// The config keys every convolution kind takes (Keras 3.15's constructors), besides its own.
    static let sharedKerasConfigKeys = [
        "kernel_size", "strides", "padding", "data_format", "dilation_rate", "activation", "use_bias",
        "bias_initializer", "bias_regularizer", "activity_regularizer", "bias_constraint"]

    /// The config keys of a kind whose kernels have `prefixes`, with its own `keys`.
    static func convolutionConfigKeys(own keys: [String], kernels prefixes: [String]) -> [String] {
        keys + sharedKerasConfigKeys + prefixes.flatMap { ["\($0)_initializer", "\($0)_regularizer", "\($0)_constraint"] }
    }

    /// Keras's `get_config()` of a convolution, in Keras's key order: the base keys, `head`
    /// (`filters`, `depth_multiplier`), the geometry with `afterPadding` (`output_padding`) and
    /// `afterDilation` (`groups`) in their places, the activation and bias flag, then the
    /// initializers, regularizers and constraints of `kernels` and the bias.
    func convolutionConfig(head: JSONObject, afterPadding: JSONObject = [:], afterDilation: JSONObject = [:],
                           kernels: [KernelConfig]) -> JSONObject {
        var config = baseKerasConfig
        func append(_ object: JSONObject) { for (key, value) in object.pairs { config[key] = value } }
        append(head)
        config["kernel_size"] = LayerConfig.intsValue(kernelSize)
        config["strides"] = LayerConfig.intsValue(strides)
        config["padding"] = .string(padding.rawValue)
        append(afterPadding)
        config["data_format"] = .string(dataFormat.rawValue)
        config["dilation_rate"] = LayerConfig.intsValue(dilationRate)
        append(afterDilation)
        config["activation"] = activation.kerasConfig
        config["use_bias"] = .bool(useBias)
        for k in kernels { config["\(k.prefix)_initializer"] = k.initializer.kerasConfig }
        config["bias_initializer"] = biasInitializer.kerasConfig
        for k in kernels { config["\(k.prefix)_regularizer"] = k.regularizer?.kerasConfig ?? .null }
        config["bias_regularizer"] = biasRegularizer?.kerasConfig ?? .null
        config["activity_regularizer"] = activityRegularizer?.kerasConfig ?? .null
        for k in kernels { config["\(k.prefix)_constraint"] = k.constraint?.kerasConfig ?? .null }
        config["bias_constraint"] = biasConstraint?.kerasConfig ?? .null
        return config
    }

    /// The shared keys of a convolution's config, read with Keras's defaults.
    struct SharedConfig {
        let kernelSize: PerAxis
        let strides: PerAxis
        let padding: Padding
        let dataFormat: DataFormat
        let dilationRate: PerAxis
        let activation: Activation
        let useBias: Bool
        let biasInitializer: Initializer
        let biasRegularizer: Regularizer?
        let biasConstraint: Constraint?

        /// Reads them with Keras's defaults.
        init(_ config: LayerConfig) throws {
            kernelSize = try config.perAxis("kernel_size")
            strides = try config.perAxis("strides", default: 1)
            padding = try config.padding(among: [.valid, .same, .causal])
            dataFormat = try config.dataFormat()
            dilationRate = try config.perAxis("dilation_rate", default: 1)
            activation = try config.activation("activation")
            useBias = try config.bool("use_bias", default: true)
            biasInitializer = try config.initializer("bias_initializer", default: .zeros)
            biasRegularizer = try config.regularizer("bias_regularizer")
            biasConstraint = try config.constraint("bias_constraint")
        }
    }

    /// The settings of the kernel whose keys start with `prefix`, with Keras's defaults
    /// (Glorot uniform, no penalty, no constraint).
    static func kernelSettings(_ config: LayerConfig, _ prefix: String) throws -> (Initializer, Regularizer?, Constraint?) {
        (try config.initializer("\(prefix)_initializer", default: .glorotUniform),
         try config.regularizer("\(prefix)_regularizer"), try config.constraint("\(prefix)_constraint"))
    }
}
