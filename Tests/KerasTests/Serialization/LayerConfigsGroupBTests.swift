import Testing
@testable import Keras

/// Keras 3.15.1's own serialized convolution, normalization and attention layers
/// (`scripts/pyref/configs_group_b.py`) read into Swift layers and written back unchanged.
@Suite struct LayerConfigsGroupBTests {
    static let file = "layers/configs_group_b.json"

    /// Whether the classes MultiHeadAttention and GroupQueryAttention hold as sublayers
    /// (EinsumDense, Softmax, Dropout) are registered, which saving either requires.
    /// Every case through the shared check, `serializedKerasObject()` included.
    @Test
    func kerasObjectsRoundTrip() throws {
        try checkKerasConfigFixture(Self.file)
    }

    /// Every case read back gives Keras's object (without the registration check of the
    /// attention layers' sublayers) and, built from its `build_config`, Keras's weight shapes.
    @Test func kerasObjectsBuildKerasWeights() throws {
        let text = String(decoding: try FileIO.read("\(Fixtures.root)/\(Self.file)"), as: UTF8.self)
        let cases = try #require(try JSONValue(parsing: text).arrayValue)
        #expect(cases.count == 63)
        for entry in cases {
            let name = entry["case"]?.stringValue ?? "?"
            let expected = withoutSharedObjectIDs(try #require(entry["object"]))
            let shapes = try #require(entry["weight_shapes"]?.arrayValue).map { try #require($0.arrayValue).compactMap(\.intValue) }
            do {
                let layer = try LayerRegistry.deserialize(expected)
                #expect(layer.kerasObject == expected, "\(name):\nKeras: \(expected.serialized())\nSwift: \(layer.kerasObject.serialized())")
                #expect(layer.weights.map(\.shape) == shapes, "\(name): weight shapes")
            } catch {
                Issue.record("\(name): \(error)")
            }
        }
    }

    /// The fixture's object for `label`.
    static func kerasObject(_ label: String) throws -> JSONValue {
        let text = String(decoding: try FileIO.read("\(Fixtures.root)/\(file)"), as: UTF8.self)
        let entry = try #require(try JSONValue(parsing: text).arrayValue?.first { $0["case"]?.stringValue == label })
        return withoutSharedObjectIDs(try #require(entry["object"]))
    }

    /// Layers made in Swift with the same arguments as in Python write Keras's objects.
    @Test func swiftMadeLayersWriteKerasObjects() throws {
        func check(_ label: String, _ make: (String) throws -> Layer, build: (Layer) throws -> Void,
                   sourceLocation: SourceLocation = #_sourceLocation) throws {
            let expected = try Self.kerasObject(label)
            let layer = try make(try #require(expected["config"]?["name"]?.stringValue))
            try build(layer)
            #expect(layer.kerasObject == expected, "\(label):\nKeras: \(expected.serialized())\nSwift: \(layer.kerasObject.serialized())", sourceLocation: sourceLocation)
        }
        func on(_ shape: TensorShape) -> (Layer) throws -> Void { { _ = try $0(Input(shape: shape)) } }
        let unbuilt: (Layer) throws -> Void = { _ in }
        try check("Conv2D defaults", { try Conv2D(4, kernelSize: 3, name: $0) }, build: on([8, 8, 3]))
        try check("Conv1D causal dilated", { try Conv1D(4, kernelSize: 3, padding: .causal, dilationRate: 2, activation: .relu, name: $0) }, build: on([10, 3]))
        try check("Conv2DTranspose defaults", { try Conv2DTranspose(4, kernelSize: 3, name: $0) }, build: on([7, 7, 3]))
        try check("DepthwiseConv2D defaults", { try DepthwiseConv2D(kernelSize: 3, name: $0) }, build: on([8, 8, 3]))
        try check("SeparableConv2D defaults", { try SeparableConv2D(4, kernelSize: 3, name: $0) }, build: on([8, 8, 3]))
        try check("BatchNormalization defaults", { try BatchNormalization(name: $0) }, build: on([4]))
        try check("BatchNormalization renorm", { try BatchNormalization(renorm: true, name: $0) }, build: on([4]))
        try check("BatchNormalization renorm clipping", {
            try BatchNormalization(renorm: true, renormClipping: RenormClipping(rmax: 3, rmin: 0.25, dmax: 5), renormMomentum: 0.9, name: $0)
        }, build: on([2, 4]))
        try check("LayerNormalization defaults", { try LayerNormalization(name: $0) }, build: on([3, 4]))
        try check("LayerNormalization unbuilt", { try LayerNormalization(name: $0) }, build: unbuilt)
        try check("LayerNormalization unbuilt axis list", { try LayerNormalization(axes: [2, 1], epsilon: 1e-6, name: $0) }, build: unbuilt)
        try check("LayerNormalization axes", { try LayerNormalization(axes: [2, 1], epsilon: 1e-6, name: $0) }, build: on([3, 4]))
        try check("GroupNormalization instance", { try GroupNormalization(groups: -1, name: $0) }, build: on([5, 6]))
        try check("GroupNormalization instance unbuilt", { try GroupNormalization(groups: -1, name: $0) }, build: unbuilt)
        try check("RMSNormalization axes", { try RMSNormalization(axes: [-1, -2], epsilon: 1e-5, name: $0) }, build: on([3, 4]))
        try check("UnitNormalization defaults", { try UnitNormalization(name: $0) }, build: on([5]))
        try check("Attention defaults", { try Attention(name: $0) }, build: { _ = try ($0 as! Attention)(query: Input(shape: [3, 4]), value: Input(shape: [5, 4])) })
        try check("MultiHeadAttention defaults", { try MultiHeadAttention(numHeads: 2, keyDim: 4, name: $0) },
                  build: { _ = try ($0 as! MultiHeadAttention)(query: Input(shape: [3, 5]), value: Input(shape: [4, 5])) })
        try check("MultiHeadAttention unbuilt", { try MultiHeadAttention(numHeads: 2, keyDim: 4, name: $0) }, build: unbuilt)
        try check("GroupQueryAttention defaults", { try GroupQueryAttention(headDim: 4, numQueryHeads: 4, numKeyValueHeads: 2, name: $0) },
                  build: { _ = try ($0 as! GroupQueryAttention)(query: Input(shape: [3, 5]), value: Input(shape: [4, 5])) })
    }

    /// What swift-keras cannot represent is refused naming the key; malformed values name the
    /// layer, the key and what was expected.
    @Test func refusedAndMalformedConfigs() {
        func load(_ className: String, _ config: JSONObject) throws {
            _ = try LayerRegistry.deserialize(["class_name": .string(className), "config": .object(config)])
        }
        expectKerasError(.unsupported, containing: ["Conv2D", "lora_rank"]) { try load("Conv2D", ["filters": 2, "kernel_size": 3, "lora_rank": 4]) }
        for name in ["Conv1D", "Conv2DTranspose", "DepthwiseConv2D", "SeparableConv1D"] {
            var config: JSONObject = ["kernel_size": 3, "activity_regularizer": "l2"]
            if !name.hasPrefix("Depthwise") { config["filters"] = 2 }
            // Read since activity regularizers exist (ActivityRegularizerConfigTests holds Keras's own).
            let layer = try? LayerRegistry.deserialize(["class_name": .string(name), "config": .object(config)])
            #expect(layer?.activityRegularizer == .l2, "\(name)")
        }
        expectKerasError(.invalidConfig, containing: ["Conv2D", "kernel_size"]) { try load("Conv2D", ["filters": 2]) }
        expectKerasError(.invalidConfig, containing: ["Conv2D", "padding=\"full\"", "\"same\""]) { try load("Conv2D", ["filters": 2, "kernel_size": 3, "padding": "full"]) }
        expectKerasError(.invalidConfig, containing: ["Conv2D", "data_format", "channels_first"]) { try load("Conv2D", ["filters": 2, "kernel_size": 3, "data_format": "nhwc"]) }
        expectKerasError(.invalidArgument, containing: ["Conv2D", "causal"]) { try load("Conv2D", ["filters": 2, "kernel_size": 3, "padding": "causal"]) }
        expectKerasError(.invalidConfig, containing: ["Conv3D", "does not take", "lora_alpah", "lora_alpha"]) { try load("Conv3D", ["filters": 2, "kernel_size": 3, "lora_alpah": 2]) }
        expectKerasError(.invalidConfig, containing: ["BatchNormalization", "renorm_clipping", "rmid"]) { try load("BatchNormalization", ["renorm": true, "renorm_clipping": ["rmid": 1.0]]) }
        expectKerasError(.invalidConfig, containing: ["BatchNormalization", "renorm_clipping", "a dict"]) { try load("BatchNormalization", ["renorm_clipping": 3]) }
        expectKerasError(.invalidConfig, containing: ["LayerNormalization", "axis", "integer"]) { try load("LayerNormalization", ["axis": "last"]) }
        expectKerasError(.invalidArgument, containing: ["groups", "groups=0"]) { try load("GroupNormalization", ["groups": 0]) }
    }
}
