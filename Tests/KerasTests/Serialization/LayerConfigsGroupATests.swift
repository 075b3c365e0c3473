import Testing
@testable import Keras

/// Keras 3.15.1's own serialized core, activation, merging, regularization, reshaping and pooling
/// layers (from `scripts/pyref/configs_group_a.py`) read into Swift layers and written back
/// unchanged; Swift-made layers written as Keras writes them; and the errors for what Swift
/// cannot represent.
@Suite struct LayerConfigsGroupATests {
    @Test func kerasObjectsRoundTrip() throws {
        try checkKerasConfigFixture("layers/configs_group_a.json")
    }

    /// Keras's fixture objects by case label.
    private func fixture() throws -> [String: JSONValue] {
        let text = String(decoding: try FileIO.read("\(Fixtures.root)/layers/configs_group_a.json"), as: UTF8.self)
        var result: [String: JSONValue] = [:]
        for entry in try #require(try JSONValue(parsing: text).arrayValue) {
            result[try #require(entry["case"]?.stringValue)] = withoutSharedObjectIDs(try #require(entry["object"]))
        }
        return result
    }

    /// `object` with the layer's name left out, for comparing layers named automatically.
    private func unnamed(_ object: JSONValue) -> JSONValue {
        guard var o = object.objectValue, var config = o["config"]?.objectValue else { return object }
        config["name"] = nil
        o["config"] = .object(config)
        return .object(o)
    }

    /// Swift layers made with Swift's defaults and called on Inputs, as in a model, serialize as
    /// Keras's layers made with Keras's defaults: same keys, values, number kinds, and a
    /// `build_config` exactly where Keras writes one.
    @Test func swiftDefaultsMatchKeras() throws {
        let keras = try fixture()
        func check(_ label: String, _ layer: Layer, _ shapes: [TensorShape], dtype: DType = .float32,
                   sourceLocation: SourceLocation = #_sourceLocation) throws {
            let inputs = shapes.map { Input(shape: Array($0.dropFirst()), dtype: dtype) }
            _ = inputs.count == 1 ? try layer(inputs[0]) : try layer(inputs)
            let expected = try #require(keras[label], sourceLocation: sourceLocation)
            #expect(unnamed(try layer.serializedKerasObject()) == unnamed(expected), "\(label)", sourceLocation: sourceLocation)
        }
        try check("embedding", Embedding(inputDim: 10, outputDim: 4), [[nil, 3]], dtype: .int32)
        try check("einsum_dense", EinsumDense("ab,bc->ac", outputShape: 4), [[nil, 3]])
        try check("identity", Identity(), [[nil, 3]])
        try check("masking", Masking(), [[nil, 3, 2]])
        try check("activity_regularization", ActivityRegularization(), [[nil, 3]])
        try check("activation_relu", ActivationLayer(.relu), [[nil, 3]])
        try check("activation_swish", ActivationLayer(.swish), [[nil, 3]])
        try check("elu", ELU(), [[nil, 3]])
        try check("leaky_relu", LeakyReLU(), [[nil, 3]])
        try check("prelu", PReLU(), [[nil, 3]])
        try check("relu", ReLU(), [[nil, 3]])
        try check("relu_all", ReLU(maxValue: 6, negativeSlope: 0.1, threshold: 0.5), [[nil, 3]])
        try check("softmax", Softmax(), [[nil, 3]])
        try check("softmax_axes", Softmax(axes: [1, 2]), [[nil, 3, 4, 2]])
        try check("concatenate", Concatenate(), [[nil, 3], [nil, 2]])
        try check("dot", Dot(axes: 1), [[nil, 3], [nil, 3]])
        try check("dot_pair_normalize", Dot(axes: (1, 2), normalize: true), [[nil, 3, 4], [nil, 5, 3]])
        try check("add", Add(), [[nil, 3], [nil, 3]])
        try check("subtract", Subtract(), [[nil, 3], [nil, 3]])
        try check("average", Average(), [[nil, 3], [nil, 3]])
        try check("maximum", Maximum(), [[nil, 4], [nil, 4]])
        try check("dropout", Dropout(0.5), [[nil, 3]])
        try check("dropout_all", Dropout(0.2, noiseShape: [nil, 1, 3], seed: 42), [[nil, 2, 3]])
        try check("spatial_dropout1d", SpatialDropout1D(0.3, seed: 1), [[nil, 4, 2]])
        try check("spatial_dropout2d", SpatialDropout2D(0.2, dataFormat: .channelsFirst, seed: 2), [[nil, 2, 4, 4]])
        try check("spatial_dropout3d", SpatialDropout3D(0.1), [[nil, 2, 2, 2, 3]])
        try check("gaussian_dropout", GaussianDropout(0.3, seed: 5), [[nil, 3]])
        try check("gaussian_noise_default", GaussianNoise(0.5), [[nil, 3]])
        try check("alpha_dropout", AlphaDropout(0.2), [[nil, 3]])
        try check("flatten", Flatten(), [[nil, 3, 2]])
        try check("permute", Permute([2, 1]), [[nil, 3, 2]])
        try check("repeat_vector", RepeatVector(3), [[nil, 4]])
        try check("reshape_unknown", Reshape([-1, 2]), [[nil, 3, 2]])
        try check("cropping1d", Cropping1D(), [[nil, 4, 2]])
        try check("cropping2d", Cropping2D(), [[nil, 4, 4, 2]])
        try check("cropping2d_symmetric", Cropping2D(cropping: [1, 2]), [[nil, 5, 6, 2]])
        try check("cropping3d", Cropping3D(), [[nil, 4, 4, 4, 2]])
        try check("zero_padding1d", ZeroPadding1D(), [[nil, 4, 2]])
        try check("zero_padding1d_pair", ZeroPadding1D(padding: [1, 2]), [[nil, 4, 2]])
        try check("zero_padding2d", ZeroPadding2D(), [[nil, 4, 4, 2]])
        try check("zero_padding2d_pairs", ZeroPadding2D(padding: [[1, 0], [2, 3]]), [[nil, 4, 4, 2]])
        try check("zero_padding3d", ZeroPadding3D(), [[nil, 2, 2, 2, 1]])
        try check("up_sampling1d", UpSampling1D(), [[nil, 4, 2]])
        try check("up_sampling2d", UpSampling2D(), [[nil, 4, 4, 2]])
        try check("up_sampling2d_bilinear", UpSampling2D(size: [2, 3], interpolation: .bilinear), [[nil, 4, 4, 2]])
        try check("up_sampling3d", UpSampling3D(), [[nil, 2, 2, 2, 1]])
        try check("max_pooling1d", MaxPooling1D(), [[nil, 4, 2]])
        try check("max_pooling2d", MaxPooling2D(), [[nil, 4, 4, 2]])
        try check("max_pooling3d", MaxPooling3D(), [[nil, 4, 4, 4, 2]])
        try check("average_pooling2d", AveragePooling2D(poolSize: 3, strides: 2, padding: .same), [[nil, 5, 5, 2]])
        try check("global_max_pooling1d", GlobalMaxPooling1D(), [[nil, 4, 2]])
        try check("global_average_pooling2d_keepdims", GlobalAveragePooling2D(keepdims: true), [[nil, 4, 4, 2]])
        try check("global_average_pooling3d_channels_first", GlobalAveragePooling3D(dataFormat: .channelsFirst), [[nil, 2, 4, 4, 4]])
    }

    @Test func callsRecordAMaskWhereKerasCallTakesOne() {
        #expect(Softmax.kerasCallTakesMask)
        #expect(GlobalAveragePooling1D.kerasCallTakesMask)
        let without: [Layer.Type] = [Embedding.self, Masking.self, Dropout.self, ActivationLayer.self, Add.self,
                                     Concatenate.self, GlobalAveragePooling2D.self, GlobalMaxPooling1D.self,
                                     MaxPooling1D.self, Flatten.self, ReLU.self, Identity.self]
        for type in without { #expect(!type.kerasCallTakesMask, "\(type)") }
    }

    /// Keras builds weightless layers in their constructors: a layer called in a model writes no
    /// `build_config`, one loaded with a `build_config` writes it back, and layers Keras builds
    /// on their first call write theirs (a list of shapes for merging layers).
    @Test func buildConfigsFollowKeras() throws {
        let relu = try ReLU()
        _ = try relu(Input(shape: [3]))
        #expect(relu.kerasBuildConfig == nil)
        let loaded = try LayerRegistry.deserialize(try #require(try fixture()["relu_built"]))
        #expect(loaded.kerasBuildConfig == ["input_shape": [nil, 3]])
        let pool = try MaxPooling2D()
        _ = try pool(Tensor.ones([1, 4, 4, 1]))
        #expect(pool.kerasBuildConfig == nil)
        let flatten = Flatten()
        _ = try flatten(Input(shape: [3, 2]))
        #expect(flatten.kerasBuildConfig == ["input_shape": [nil, 3, 2]])
        let add = Add()
        _ = try add([Input(shape: [3]), Input(shape: [3])])
        #expect(add.kerasBuildConfig == ["input_shape": [[nil, 3], [nil, 3]]])
    }

    /// Keys Keras's constructors take that Swift cannot represent are refused, naming the key.
    @Test func unsupportedKeysAreRefusedByName() {
        func object(_ className: String, _ config: JSONObject) -> JSONValue {
            ["module": "keras.layers", "class_name": .string(className), "config": .object(config), "registered_name": nil]
        }
        let l2: JSONValue = ["module": "keras.regularizers", "class_name": "L2", "config": ["l2": 0.01], "registered_name": nil]
        let refused: [(String, JSONObject, String)] = [
            ("Embedding", ["input_dim": 5, "output_dim": 2, "weights": [[1.0, 2.0]]], "weights"),
            ("Embedding", ["input_dim": 5, "output_dim": 2, "lora_rank": 4], "lora_rank"),
            ("Embedding", ["input_dim": 5, "output_dim": 2, "quantization_config": ["mode": "int8"]], "quantization_config"),
            ("EinsumDense", ["equation": "ab,bc->ac", "output_shape": 4, "lora_rank": 2], "lora_rank"),
            ("EinsumDense", ["equation": "ab,bc->ac", "output_shape": 4, "gptq_unpacked_column_size": 8], "gptq_unpacked_column_size"),
            ("EinsumDense", ["equation": "ab,bc->ac", "output_shape": 4, "quantization_config": ["mode": "int8"]], "quantization_config"),
            ("Masking", ["mask_value": ["class_name": "__tensor__", "config": ["value": [0.0]]]], "mask_value"),
            ("Dropout", ["rate": 0.5, "seed": ["class_name": "SeedGenerator", "config": ["seed": 1]]], "seed"),
        ]
        for (className, config, key) in refused {
            expectKerasError(.unsupported, containing: [className, "\"\(key)\""]) {
                _ = try LayerRegistry.deserialize(object(className, config))
            }
        }
        // Keys no Keras constructor of the class takes are config errors, not unsupported features.
        expectKerasError(.invalidConfig, containing: ["ActivityRegularization", "activity_regularizer"]) {
            _ = try LayerRegistry.deserialize(object("ActivityRegularization", ["activity_regularizer": l2]))
        }
        expectKerasError(.invalidConfig, containing: ["SpatialDropout1D", "noise_shape"]) {
            _ = try LayerRegistry.deserialize(object("SpatialDropout1D", ["rate": 0.5, "noise_shape": [nil, 1, 2]]))
        }
    }

    /// Absent keys take Keras's constructor defaults; required ones are named when missing;
    /// Keras 2's spellings still load.
    @Test func defaultsRequiredKeysAndOlderSpellings() throws {
        func load(_ className: String, _ config: JSONObject) throws -> Layer {
            try LayerRegistry.deserialize(["class_name": .string(className), "config": .object(config)])
        }
        let pool = try #require(try load("MaxPooling2D", [:]) as? MaxPooling2D)
        #expect(pool.poolSize == [2, 2] && pool.strides == [2, 2] && pool.padding == .valid && pool.dataFormat == .channelsLast)
        let crop = try #require(try load("Cropping2D", ["data_format": nil]) as? Cropping2D)
        #expect(crop.cropping == [PadWidth(0, 0), PadWidth(0, 0)] && crop.dataFormat == .channelsLast)
        let up = try #require(try load("UpSampling2D", ["interpolation": "BILINEAR"]) as? UpSampling2D)
        #expect(up.size == [2, 2] && up.interpolation == .bilinear)
        let relu = try #require(try load("ReLU", [:]) as? ReLU)
        #expect(relu.maxValue == nil && relu.negativeSlope == 0 && relu.threshold == 0)
        let leaky = try #require(try load("LeakyReLU", ["alpha": 0.2]) as? LeakyReLU)
        #expect(leaky.negativeSlope == 0.2)
        #expect(try leaky.serializedKerasObject()["config"]?["negative_slope"] == .double(0.2))
        let embedding = try #require(try load("Embedding", ["input_dim": 7, "output_dim": 3, "input_length": 10]) as? Embedding)
        #expect(embedding.embeddingsInitializer == .randomUniform(min: -0.05, max: 0.05) && !embedding.maskZero)
        let softmax = try #require(try load("Softmax", ["trainable": false]) as? Softmax)
        #expect(softmax.axes == [-1] && !softmax.trainable)

        expectKerasError(.invalidConfig, containing: ["AveragePooling2D", "\"pool_size\""]) { _ = try load("AveragePooling2D", [:]) }
        expectKerasError(.invalidConfig, containing: ["Dropout", "\"rate\""]) { _ = try load("Dropout", [:]) }
        expectKerasError(.invalidConfig, containing: ["Embedding", "\"input_dim\""]) { _ = try load("Embedding", ["output_dim": 3]) }
        expectKerasError(.invalidConfig, containing: ["Reshape", "\"target_shape\""]) { _ = try load("Reshape", [:]) }
        expectKerasError(.invalidConfig, containing: ["Activation", "\"activation\""]) { _ = try load("Activation", [:]) }
        expectKerasError(.invalidConfig, containing: ["Dot", "\"axes\""]) { _ = try load("Dot", ["axes": [1, 2, 3]]) }
        expectKerasError(.invalidConfig, containing: ["MaxPooling1D", "causal"]) { _ = try load("MaxPooling1D", ["padding": "causal"]) }
        expectKerasError(.invalidConfig, containing: ["Flatten", "channels_middle"]) { _ = try load("Flatten", ["data_format": "channels_middle"]) }
        expectKerasError(.invalidConfig, containing: ["UpSampling2D", "area"]) { _ = try load("UpSampling2D", ["interpolation": "area"]) }
        // Values Keras's constructors reject are rejected the same way.
        expectKerasError(.invalidArgument, containing: ["rate"]) { _ = try load("Dropout", ["rate": 1.5]) }
        expectKerasError(.invalidArgument, containing: ["Permute"]) { _ = try load("Permute", ["dims": [1, 3]]) }
    }

    /// Numbers keep the kind a config gave them (`6` stays `6`, `6.0` stays `6.0`), and seeds
    /// keep their value, negative ones included.
    @Test func numberKindsAndSeedsSurvive() throws {
        func roundTrip(_ className: String, _ config: JSONObject) throws -> JSONObject {
            let layer = try LayerRegistry.deserialize(["class_name": .string(className), "config": .object(config)])
            return try #require(try layer.serializedKerasObject()["config"]?.objectValue)
        }
        #expect(try roundTrip("ReLU", ["max_value": 6])["max_value"] == .int(6))
        #expect(try roundTrip("ReLU", ["max_value": 6.0])["max_value"] == .double(6))
        #expect(try roundTrip("Masking", ["mask_value": 0])["mask_value"] == .int(0))
        #expect(try roundTrip("GaussianNoise", ["stddev": 1])["stddev"] == .int(1))
        #expect(try roundTrip("ActivityRegularization", ["l1": 0, "l2": 0.5])["l1"] == .int(0))
        #expect(try roundTrip("Dropout", ["rate": 0.5, "seed": -3])["seed"] == .int(-3))
        #expect(try roundTrip("SpatialDropout2D", ["rate": 0, "seed": 12])["rate"] == .int(0))
    }

    /// A rebuilt EinsumDense with a variance-scaling initializer without fan axes takes them from
    /// its equation, as Keras does, whether the initializer is the default or given.
    @Test func einsumDenseGivesFanAxesToItsInitializer() throws {
        let layer = try EinsumDense("abc,cde->abde", outputShape: [nil, 4, 8], kernelInitializer: .glorotUniform(seed: 5))
        _ = try layer(Tensor.ones([1, 2, 16]))
        let expected = try Initializer.glorotUniform(seed: 5, inputAxes: [0], outputAxes: [1, 2])([16, 4, 8])
        #expect(layer.kernel?.value.doubles == expected.doubles)
        #expect(try layer.serializedKerasObject()["config"]?["kernel_initializer"] == Initializer.glorotUniform(seed: 5).kerasConfig)
    }
}
