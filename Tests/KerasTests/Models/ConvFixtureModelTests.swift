import Testing
@testable import Keras

/// The convolutional models of `../shared/fixtures/keras3` (`cnn`, `text_conv1d`), rebuilt layer by
/// layer in Swift with the weights exported by `scripts/export_fixture_weights.py`, must reproduce
/// Keras's outputs within 1e-5.
@Suite struct ConvFixtureModelTests {
    /// Sets `layer`'s weights from the fixture's `<name>__<weight>` files, in order.
    func load(_ layer: Layer, _ weights: [String], model: String) throws {
        try layer.setWeights(weights.map { try Fixtures.array(model, "\(layer.name)__\($0)") })
    }

    @Test func cnn() throws {
        let image = Input(shape: [12, 12, 3], name: "image")
        let conv = try Conv2D(4, kernelSize: 3, activation: .relu, name: "conv")
        let sepconv = try SeparableConv2D(6, kernelSize: 3, padding: .same, activation: .relu, name: "sepconv")
        let dwconv = try DepthwiseConv2D(kernelSize: 3, padding: .same, depthMultiplier: 2, name: "dwconv")
        let deconv = try Conv2DTranspose(4, kernelSize: 3, strides: 2, padding: .same, name: "deconv")
        let logits = try Dense(3, name: "logits")
        var x = try ZeroPadding2D(padding: [[1, 1], [1, 1]], name: "pad")(image)
        x = try conv(x)
        x = try MaxPooling2D(poolSize: 2, name: "maxpool")(x)
        x = try sepconv(x)
        x = try dwconv(x)
        x = try deconv(x)
        x = try AveragePooling2D(poolSize: 2, name: "avgpool")(x)
        let upsampled = try UpSampling2D(size: 2, name: "upsample")(x)
        let pooled = try GlobalAveragePooling2D(name: "gap")(upsampled)
        let flat = try Flatten(name: "flatten")(MaxPooling2D(poolSize: 4, name: "maxpool4")(upsampled))
        #expect(pooled.shape == [nil, 4] && flat.shape == [nil, 36])
        let model = try Model(inputs: image, outputs: try logits(Concatenate(name: "concat")([pooled, flat])), name: "cnn")

        try load(conv, ["kernel", "bias"], model: "cnn")
        try load(sepconv, ["depthwise_kernel", "pointwise_kernel", "bias"], model: "cnn")
        try load(dwconv, ["kernel", "bias"], model: "cnn")
        try load(deconv, ["kernel", "bias"], model: "cnn")
        try load(logits, ["kernel", "bias"], model: "cnn")
        #expect(model.weights.count == 11)
        expectClose(try model(Fixtures.array("cnn", "in0")), try Fixtures.array("cnn", "out0"), tolerance: 1e-5)
    }

    @Test func textConv1D() throws {
        let embed = try Embedding(inputDim: 20, outputDim: 8, name: "embed")
        let conv = try Conv1D(6, kernelSize: 3, activation: .relu, name: "conv1d")
        let out = try Dense(2, name: "out")
        let model = try Sequential(name: "text_conv1d") {
            Input(shape: [10], dtype: .int32, name: "tokens")
            embed
            conv
            try MaxPooling1D(poolSize: 2, name: "pool1d")
            try GlobalMaxPooling1D(name: "gmp")
            out
        }
        try load(embed, ["embeddings"], model: "text_conv1d")
        try load(conv, ["kernel", "bias"], model: "text_conv1d")
        try load(out, ["kernel", "bias"], model: "text_conv1d")
        let tokens = try Fixtures.array("text_conv1d", "in0")
        #expect(tokens.dtype == .int32 && tokens.shape == [3, 10])
        expectClose(try model(tokens), try Fixtures.array("text_conv1d", "out0"), tolerance: 1e-5)
    }
}
