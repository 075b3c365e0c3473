import Testing
@testable import Keras

/// Keras 3.15.1's own serialized recurrent and preprocessing layers (from
/// `scripts/pyref/configs_group_c.py`) read into Swift layers and written back identically; the
/// same objects written by layers made in Swift; and what swift-keras refuses to read.
@Suite struct LayerConfigsGroupCTests {
    static let file = "layers/configs_group_c.json"

    /// Keras's object and weight shapes of each case, by label.
    static func kerasCases() throws -> [String: (object: JSONValue, weightShapes: [[Int]])] {
        let text = String(decoding: try FileIO.read("\(Fixtures.root)/\(file)"), as: UTF8.self)
        var cases: [String: (JSONValue, [[Int]])] = [:]
        for entry in try JSONValue(parsing: text).arrayValue ?? [] {
            let o = entry.objectValue!
            let shapes = (o["weight_shapes"]?.arrayValue ?? []).map { $0.arrayValue!.map { $0.intValue! } }
            cases[o["case"]!.stringValue!] = (withoutSharedObjectIDs(o["object"]!), shapes)
        }
        return cases
    }

    @Test func kerasObjectsRoundTrip() throws {
        try checkKerasConfigFixture(Self.file)
    }

    /// `build_config` builds every layer (wrapped layers and cells included) so that it holds
    /// Keras's weights, in Keras's order, before a file's values are loaded.
    @Test func kerasObjectsBuildKerasWeights() throws {
        let cases = try Self.kerasCases()
        #expect(cases.count == 102)
        for (label, expected) in cases {
            let layer = try LayerRegistry.deserialize(expected.object)
            #expect(layer.weights.map(\.shape) == expected.weightShapes, "\(label)")
        }
    }

    /// Layers made in Swift write what Keras writes for the same arguments, number kinds included.
    @Test func swiftLayersWriteKerasObjects() throws {
        let cases = try Self.kerasCases()
        func check(_ label: String, _ layer: Layer, _ shape: TensorShape? = nil,
                   sourceLocation: SourceLocation = #_sourceLocation) throws {
            if let shape { try layer.buildIfNeeded([shape]) }
            let expected = try #require(cases[label]?.object, sourceLocation: sourceLocation)
            let written = try layer.serializedKerasObject()
            #expect(written == expected, "\(label):\nKeras: \(expected.serialized())\nSwift: \(written.serialized())",
                    sourceLocation: sourceLocation)
        }
        try check("SimpleRNNCell defaults", SimpleRNNCell(3, name: "simple_rnn_cell"), [nil, 4])
        try check("LSTMCell defaults", LSTMCell(3, name: "lstm_cell"), [nil, 4])
        try check("GRUCell defaults", GRUCell(3, name: "gru_cell"), [nil, 4])
        try check("RNN LSTMCell defaults", RNN(LSTMCell(3, name: "lstm_cell_3"), name: "rnn"), [nil, 5, 4])
        try check("StackedRNNCells", StackedRNNCells([LSTMCell(3, name: "lstm_cell_1"),
                                                      GRUCell(2, resetAfter: false, name: "gru_cell_1"),
                                                      SimpleRNNCell(4, name: "simple_rnn_cell_2")], name: "stack"), [nil, 4])
        try check("SimpleRNN defaults", SimpleRNN(3, name: "simple_rnn"), [nil, 5, 4])
        let withStates = try LSTM(3, name: "lstm_with_states")
        try withStates.buildIfNeeded([[nil, 5, 4], [nil, 3], [nil, 3]])
        try check("LSTM built with initial states", withStates)
        try check("LSTM defaults", LSTM(3, name: "lstm"), [nil, 5, 4])
        try check("GRU defaults", GRU(3, name: "gru"), [nil, 5, 4])
        try check("Bidirectional LSTM defaults", Bidirectional(LSTM(3, name: "lstm_4"), name: "bidirectional"), [nil, 5, 4])
        try check("Bidirectional backward_layer",
                  Bidirectional(SimpleRNN(2, returnSequences: true, name: "fwd"),
                                backwardLayer: LSTM(3, returnSequences: true, goBackwards: true, name: "bwd"),
                                name: "bi_custom"), [nil, 5, 4])
        try check("TimeDistributed Dense", TimeDistributed(Dense(3, activation: .relu, name: "dense"), name: "time_distributed"),
                  [nil, 5, 4])
        try check("ConvLSTM2D defaults", ConvLSTM2D(2, kernelSize: 3, name: "conv_lstm2d"), [nil, 5, 8, 8, 4])
        try check("Normalization defaults", Normalization(name: "normalization"), [nil, 3])
        try check("Normalization mean and variance",
                  Normalization(mean: Tensor([1.0, 2, 3], dtype: .float64), variance: Tensor([1.0, 4, 9], dtype: .float64),
                                name: "normalization_1"), [nil, 3])
        try check("Discretization boundaries", Discretization(binBoundaries: [0, 1, 2.5], name: "discretization"), [nil, 3])
        try check("Rescaling", Rescaling(scale: 1 / 255.0, name: "rescaling"), [nil, 3])
        try check("CategoryEncoding", CategoryEncoding(numTokens: 4, name: "category_encoding"), [nil, 3])
        try check("Hashing", Hashing(numBins: 4, name: "hashing"), [nil, 3])
        try check("Hashing salt pair mask string one_hot",
                  Hashing(numBins: 4, maskValue: "a", salt: [1, 2], outputMode: .oneHot, name: "hashing_2"), [nil, 1])
        try check("Resizing", Resizing(height: 4, width: 5, name: "resizing"), [nil, 8, 8, 3])
        try check("CenterCrop", CenterCrop(height: 4, width: 5, name: "center_crop"), [nil, 8, 8, 3])
        try check("RandomFlip", RandomFlip(name: "random_flip"), [nil, 8, 8, 3])
        try check("RandomRotation", RandomRotation(factor: 0.1, name: "random_rotation"), [nil, 8, 8, 3])
        try check("RandomZoom", RandomZoom(heightFactor: 0.1, name: "random_zoom"), [nil, 8, 8, 3])
        try check("RandomTranslation", RandomTranslation(heightFactor: 0.1, widthFactor: 0.2, name: "random_translation"),
                  [nil, 8, 8, 3])
        try check("RandomContrast", RandomContrast(factor: 0.1, name: "random_contrast"), [nil, 8, 8, 3])
        try check("RandomContrast int and zero", RandomContrast(factor: 0.0, name: "random_contrast_1"), [nil, 8, 8, 3])
        try check("RandomBrightness", RandomBrightness(factor: 0.1, name: "random_brightness"), [nil, 8, 8, 3])
        try check("IntegerLookup vocabulary", IntegerLookup(vocabulary: [1, 2, 3], name: "integer_lookup"))
        try check("IntegerLookup unadapted", IntegerLookup(name: "integer_lookup_1"))
        let adapted = try IntegerLookup(name: "adapted_lookup")
        try adapted.adapt(Tensor([1, 2, 2, 3, 3, 3], dtype: .int64))
        try check("IntegerLookup adapted", adapted)
        let later = try IntegerLookup(name: "lookup_set_later")
        try later.setVocabulary([7, 8, 9])
        try check("IntegerLookup set_vocabulary", later)
    }

    /// An adapted Normalization keeps its statistics in its weights (the config has `null`s), so
    /// a copy made from the config computes the same once the weights are copied.
    @Test func adaptedNormalizationRoundTripsThroughWeights() throws {
        let norm = try Normalization()
        try norm.adapt(Tensor((0..<30).map(Double.init), shape: [10, 3]))
        #expect(norm.kerasConfig["mean"] == .null)
        try checkConfigRoundTrip(norm, input: Tensor([1.0, 2, 3, 4, 5, 6], shape: [2, 3]))
        let adapted = try Discretization(numBins: 3)
        try adapted.adapt(Tensor((0..<10).map(Double.init)))
        try checkConfigRoundTrip(adapted, input: Tensor([0.5, 4, 9], shape: [1, 3]))
    }

    /// Layers whose tests do not go through `checkLayer` round-trip here (built first, so their
    /// weights are copied into the rebuilt layer).
    @Test func otherLayersRoundTrip() throws {
        var data = TestData(3)
        func check(_ layer: Layer, _ shape: [Int], sourceLocation: SourceLocation = #_sourceLocation) throws {
            try layer.buildIfNeeded([shape.asTensorShape])
            try checkConfigRoundTrip(layer, input: data.tensor(shape), sourceLocation: sourceLocation)
        }
        try check(RandomCrop(height: 2, width: 3, seed: 4), [1, 4, 4, 2])
        try check(RandomZoom(heightFactor: [-0.2, 0.3], widthFactor: 0.1, fillMode: .constant, interpolation: .nearest,
                             seed: 1, fillValue: 2), [1, 4, 4, 2])
        try check(RandomRotation(factor: [-0.1, 0.2], fillMode: .wrap, seed: 2), [1, 4, 4, 2])
        try check(RandomTranslation(heightFactor: 0.1, widthFactor: [0, 0.3], dataFormat: .channelsFirst), [1, 2, 4, 4])
        try check(RandomContrast(factor: [0.1, 0.3], valueRange: (0, 1), seed: 3), [1, 4, 4, 2])
        try check(RandomBrightness(factor: 0.2, valueRange: (1, -1)), [1, 4, 4, 2])
        try check(RandomFlip(mode: .vertical, seed: 3), [1, 4, 4, 2])
        let cell = try ConvLSTMCell(rank: 2, filters: 2, kernelSize: [3, 2], padding: .same, dataFormat: .channelsFirst)
        try check(RNN(cell, returnSequences: true), [1, 2, 3, 4, 4])
        try check(ConvLSTM1D(2, kernelSize: 2, unroll: true), [1, 3, 4, 2])
        try check(Bidirectional(ConvLSTM1D(2, kernelSize: 2, returnSequences: true), mergeMode: .ave), [1, 3, 4, 2])
        try check(LSTM(2, stateful: true), [2, 3, 4])
        try check(RNN([LSTMCell(2), GRUCell(3, resetAfter: false)], goBackwards: true, zeroOutputForMask: true), [2, 3, 4])
    }

    /// Keras writes a `ConvLSTMCell` it cannot read back (no `rank`); swift-keras reads it,
    /// taking the rank from `kernel_size`, and writes the same config (with `registered_name`
    /// `null`, where Keras names the unexported class).
    @Test func convLSTMCellFromKeras() throws {
        let kerasObject = try JSONValue(parsing: #"{"module": "keras.src.layers.rnn.conv_lstm", "class_name": "ConvLSTMCell", "config": {"name": "conv_lstm_cell", "trainable": true, "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"}, "registered_name": null}, "filters": 4, "kernel_size": [3, 3], "strides": [1, 1], "padding": "valid", "data_format": "channels_last", "dilation_rate": [1, 1], "activation": "tanh", "recurrent_activation": "sigmoid", "use_bias": true, "kernel_initializer": {"module": "keras.initializers", "class_name": "GlorotUniform", "config": {"seed": null, "input_axes": null, "output_axes": null}, "registered_name": null}, "recurrent_initializer": {"module": "keras.initializers", "class_name": "Orthogonal", "config": {"seed": null, "gain": 1.0}, "registered_name": null}, "bias_initializer": {"module": "keras.initializers", "class_name": "Zeros", "config": {}, "registered_name": null}, "unit_forget_bias": true, "kernel_regularizer": null, "recurrent_regularizer": null, "bias_regularizer": null, "kernel_constraint": null, "recurrent_constraint": null, "bias_constraint": null, "dropout": 0.0, "recurrent_dropout": 0.0, "seed": null}, "registered_name": "ConvLSTMCell", "build_config": {"input_shape": [null, 8, 8, 3]}}"#)
        let cell = try #require(try LayerRegistry.deserialize(kerasObject) as? ConvLSTMCell)
        #expect(cell.rank == 2 && cell.weights.map(\.shape) == [[3, 3, 3, 16], [3, 3, 4, 16], [16]])
        guard case .object(var expected) = kerasObject else { return }
        expected["registered_name"] = .null
        #expect(try cell.serializedKerasObject() == .object(expected))
    }

    /// tf.keras 2 configs carry keys Keras 3 dropped (`time_major`, `implementation`), list the
    /// cells of an RNN directly, and leave keys out; they load with Keras's defaults.
    @Test func olderConfigsLoad() throws {
        let lstm = try LayerRegistry.deserialize(try JSONValue(parsing: #"{"class_name": "LSTM", "config": {"name": "lstm", "trainable": true, "dtype": "float32", "batch_input_shape": [null, 5, 3], "return_sequences": true, "time_major": false, "units": 4, "implementation": 2, "recurrent_activation": "hard_sigmoid"}}"#))
        let typed = try #require(lstm as? LSTM)
        #expect(typed.units == 4 && typed.returnSequences && typed.recurrentActivation == .hardSigmoid && typed.activation == .tanh)
        let gru = try #require(try LayerRegistry.deserialize(try JSONValue(parsing: #"{"class_name": "GRU", "config": {"units": 2, "activation": null}}"#)) as? GRU)
        #expect(gru.typedCell.resetAfter && gru.activation == .linear)
        let stacked = try LayerRegistry.deserialize(try JSONValue(parsing: #"{"class_name": "RNN", "config": {"cell": [{"class_name": "SimpleRNNCell", "config": {"units": 2}}, {"class_name": "GRUCell", "config": {"units": 3}}]}, "build_config": {"input_shape": [null, 4, 2]}}"#))
        let rnn = try #require(stacked as? RNN)
        #expect(rnn.cell is StackedRNNCells && rnn.weights.count == 6 && rnn.cell.outputSize == 3)
    }

    /// Keras arguments swift-keras does not have are refused with `.unsupported`, naming the key.
    @Test func unsupportedKeysAreRefused() throws {
        func refused(_ json: String, _ parts: [String], sourceLocation: SourceLocation = #_sourceLocation) {
            expectKerasError(.unsupported, containing: parts, sourceLocation: sourceLocation) {
                _ = try LayerRegistry.deserialize(try JSONValue(parsing: json))
            }
        }
        refused(#"{"class_name": "LSTM", "config": {"units": 2, "time_major": true}}"#, ["time_major"])
        refused(#"{"class_name": "SimpleRNNCell", "config": {"units": 2, "activity_regularizer": "l1"}}"#, ["activity_regularizer"])
        refused(#"{"class_name": "Bidirectional", "config": {"layer": {"class_name": "LSTM", "config": {"units": 2}}, "weights": [[1.0]]}}"#, ["weights"])
        refused(#"{"class_name": "Discretization", "config": {"bin_boundaries": [0.0], "sparse": true}}"#, ["sparse"])
        refused(#"{"class_name": "CategoryEncoding", "config": {"num_tokens": 3, "sparse": true}}"#, ["sparse"])
        refused(#"{"class_name": "Hashing", "config": {"num_bins": 3, "sparse": true}}"#, ["sparse"])
        refused(#"{"class_name": "IntegerLookup", "config": {"sparse": true}}"#, ["sparse"])
        refused(#"{"class_name": "IntegerLookup", "config": {"vocabulary_dtype": "string"}}"#, ["vocabulary_dtype"])
        refused(#"{"class_name": "IntegerLookup", "config": {"vocabulary": "/tmp/vocab.txt"}}"#, ["vocabulary file"])
        refused(#"{"class_name": "Resizing", "config": {"height": 2, "width": 2, "antialias": true}}"#, ["antialias"])
        refused(#"{"class_name": "Resizing", "config": {"height": 2, "width": 2, "interpolation": "area"}}"#, ["interpolation", "area"])
        refused(#"{"class_name": "RandomFlip", "config": {"bounding_box_format": "xyxy"}}"#, ["bounding_box_format"])
        refused(#"{"class_name": "ConvLSTM2D", "config": {"filters": 2, "kernel_size": 3, "padding": "full"}}"#, ["padding", "full"])
    }

    @Test func malformedConfigsAreInvalid() {
        func invalid(_ json: String, _ parts: [String], sourceLocation: SourceLocation = #_sourceLocation) {
            expectKerasError(.invalidConfig, containing: parts, sourceLocation: sourceLocation) {
                _ = try LayerRegistry.deserialize(try JSONValue(parsing: json))
            }
        }
        invalid(#"{"class_name": "RNN", "config": {}}"#, ["RNN", "cell"])
        invalid(#"{"class_name": "RNN", "config": {"cell": {"class_name": "Dense", "config": {"units": 2}}}}"#, ["Dense", "not an RNN cell"])
        invalid(#"{"class_name": "Bidirectional", "config": {"layer": {"class_name": "Dense", "config": {"units": 2}}}}"#, ["Dense", "recurrent"])
        invalid(#"{"class_name": "StackedRNNCells", "config": {"cells": 3}}"#, ["cells"])
        invalid(#"{"class_name": "Normalization", "config": {"mean": [[1.0], [2.0, 3.0]], "variance": [1.0]}}"#, ["mean", "rectangular"])
        invalid(#"{"class_name": "Rescaling", "config": {"offset": 1.0}}"#, ["scale"])
        invalid(#"{"class_name": "Hashing", "config": {"num_bins": 2, "mask_value": [1]}}"#, ["mask_value"])
        invalid(#"{"class_name": "ConvLSTMCell", "config": {"filters": 2, "kernel_size": 3}}"#, ["rank"])
        invalid(#"{"class_name": "LSTM", "config": {"units": 2, "go_forwards": true}}"#, ["go_forwards", "go_backwards"])
    }

    /// Keras records `"mask": null` in the nodes of the layers whose `call` takes a mask.
    @Test func callsTakingMasks() {
        #expect(RNN.kerasCallTakesMask && LSTM.kerasCallTakesMask && ConvLSTM2D.kerasCallTakesMask)
        #expect(Bidirectional.kerasCallTakesMask && TimeDistributed.kerasCallTakesMask)
        #expect(!LSTMCell.kerasCallTakesMask && !Normalization.kerasCallTakesMask && !RandomFlip.kerasCallTakesMask)
    }
}
