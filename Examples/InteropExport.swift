import Foundation
import Keras

/// Trains a few small models of different kinds and saves each in every file form Python Keras
/// reads, with the inputs, Swift's predictions and the optimizer's state beside it, so
/// `scripts/interop/check_swift_models.py` can show that Python Keras loads what swift-keras
/// writes (`scripts/check-python-interop` runs both).
///
/// `swift run playground interop-export DIR` writes, for each model `NAME`:
/// `NAME.keras`, `NAME.h5` (legacy), `NAME.weights.h5`, the inputs `NAME.in0.npy`..., the
/// predictions `NAME.out0.npy`..., the optimizer's variables `NAME.opt0.npy`... (in
/// `model.optimizer!.variables` order: iteration, learning_rate, slots) and `manifest.json`.
///
/// Everything is deterministic: data comes from fixed formulas, initializers and dropout are
/// seeded, and training does not shuffle.
enum InteropExport {
    static func run() throws {
        let arguments = Array(CommandLine.arguments.dropFirst(2))
        guard arguments.count == 1 else {
            print("Usage: swift run playground interop-export DIR")
            exit(2)
        }
        let directory = arguments[0]
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)

        var entries: [JSONValue] = []
        for (name, make) in models {
            let (model, inputs) = try make()
            entries.append(try export(model, name: name, inputs: inputs, to: directory))
        }
        let manifest: JSONValue = ["format": "swift-keras interop export", "models": .array(entries)]
        try Array((manifest.serialized() + "\n").utf8).withUnsafeBytes {
            try Data($0).write(to: URL(fileURLWithPath: "\(directory)/manifest.json"))
        }
        print("Wrote \(entries.count) models to \(directory)")
    }

    /// The models, each made, compiled and trained by its function, which returns the inputs to
    /// predict on.
    static var models: [(String, () throws -> (Model, [Tensor]))] {
        [("mlp", mlp), ("two_towers", twoTowers), ("cnn", cnn), ("lstm", lstm), ("transformer", transformer),
         ("masked_ops", maskedOps)]
    }

    /// Saves `model` in every form and writes its inputs, predictions and optimizer state.
    static func export(_ model: Model, name: String, inputs: [Tensor], to directory: String) throws -> JSONValue {
        let base = "\(directory)/\(name)"
        try model.save(to: "\(base).keras")
        // The legacy format cannot record Keras operations (Python Keras cannot read them from it).
        let legacy = !model.operations.contains { $0 is KerasOperation }
        if legacy { try model.save(to: "\(base).h5") }
        try model.saveWeights(to: "\(base).weights.h5")
        let outputs = try model.predictAll(inputs, verbose: 0)
        for (i, x) in inputs.enumerated() { try NPY.save(x, path: "\(base).in\(i).npy") }
        for (i, y) in outputs.enumerated() { try NPY.save(y, path: "\(base).out\(i).npy") }
        let optimizer = model.optimizer!
        for (i, v) in optimizer.variables.enumerated() { try NPY.save(v.value, path: "\(base).opt\(i).npy") }
        print("\(name): \(model.inputs.count) input(s), \(outputs.count) output(s), \(type(of: optimizer).kerasClassName) after \(optimizer.iterations) steps with \(optimizer.variables.count) variables")
        return [
            "name": .string(name),
            "inputs": .int(inputs.count),
            "outputs": .int(outputs.count),
            "optimizer": .string(type(of: optimizer).kerasClassName),
            "iterations": .int(optimizer.iterations),
            "optimizer_variables": .int(optimizer.variables.count),
            "legacy_h5": .bool(legacy),
        ]
    }

    // MARK: Data from fixed formulas

    /// `[count, features]` values in [-1, 1] from sines of the sample and feature index.
    static func features(_ count: Int, _ features: Int, phase: Double = 0) -> Tensor {
        var values: [Double] = []
        for i in 0..<count {
            for j in 0..<features { values.append(sin(Double(i) * 0.37 + Double(j) * 1.3 + phase)) }
        }
        return Tensor(values, shape: [count, features])
    }

    /// A class in `0..<classes` for each row: where the row's (weighted) sum falls.
    static func classes(of x: Tensor, count classes: Int) -> Tensor {
        let rows = x.shape[0], width = x.shape[1]
        let v = x.scalars(as: Float.self)
        var labels: [Int] = []
        for i in 0..<rows {
            var s = 0.0
            for j in 0..<width { s += Double(v[i * width + j]) * Double(j % 3 + 1) }
            labels.append(Int((tanh(s / 2) + 1) / 2 * Double(classes)).clamped(to: 0...(classes - 1)))
        }
        return Tensor(labels, shape: [rows])
    }

    // MARK: The models

    /// (a) A Sequential MLP with Dense, BatchNormalization and Dropout, trained with Adam.
    static func mlp() throws -> (Model, [Tensor]) {
        let model = try Sequential(name: "mlp") {
            Input(shape: [8])
            try Dense(16, activation: .relu, kernelInitializer: .glorotUniform(seed: 1))
            try BatchNormalization()
            try Dropout(0.2, seed: 2)
            try Dense(8, activation: .tanh, kernelInitializer: .heNormal(seed: 3))
            try Dense(3, activation: .softmax, kernelInitializer: .glorotUniform(seed: 4))
        }
        let x = features(96, 8)
        try model.compile(optimizer: Adam(learningRate: 0.01), loss: "sparse_categorical_crossentropy",
                          metrics: ["accuracy"])
        try model.fit(x, classes(of: x, count: 3), batchSize: 16, epochs: 3, verbose: 0, shuffle: false)
        return (model, [features(10, 8, phase: 0.5)])
    }

    /// (b) A Functional model: two inputs, a Dense layer shared by both, Concatenate and Add,
    /// two outputs with their own losses and metrics, trained with SGD with momentum.
    static func twoTowers() throws -> (Model, [Tensor]) {
        let left = Input(shape: [6], name: "left"), right = Input(shape: [6], name: "right")
        let shared = try Dense(5, activation: .relu, kernelInitializer: .glorotUniform(seed: 11), name: "shared")
        let l = try shared(left), r = try shared(right)
        let merged = try Concatenate(name: "concat")([l, r])
        let summed = try Add(name: "add")([l, r])
        let category = try Dense(3, activation: .softmax, kernelInitializer: .glorotUniform(seed: 12), name: "category")(merged)
        let score = try Dense(1, kernelInitializer: .glorotUniform(seed: 13), name: "score")(summed)
        let model = try Model(inputs: [left, right], outputs: [category, score], name: "two_towers")

        let a = features(80, 6), b = features(80, 6, phase: 2)
        let y1 = classes(of: a - b, count: 3)
        let y2 = (a * b).sum(axes: [1], keepingDimensions: true)
        try model.compile(optimizer: SGD(learningRate: 0.05, momentum: 0.9),
                          loss: ["category": "sparse_categorical_crossentropy", "score": "mean_squared_error"],
                          metrics: ["category": ["accuracy"], "score": ["mae"]],
                          lossWeights: ["category": 1.0, "score": 0.5])
        try model.fit([a, b], ["category": y1, "score": y2], batchSize: 16, epochs: 3, verbose: 0, shuffle: false)
        return (model, [features(7, 6, phase: 1), features(7, 6, phase: 3)])
    }

    /// (c) A small CNN on 8×8 digits: Conv2D, MaxPooling2D, SeparableConv2D, DepthwiseConv2D,
    /// GlobalAveragePooling2D and Dense, trained with Adam.
    static func cnn() throws -> (Model, [Tensor]) {
        let (images, labels) = try Datasets.digits()
        let x = images.reshaped(to: [-1, 8, 8, 1]).cast(to: .float32) / 16
        let y = labels.cast(to: .int32)
        let model = try Sequential(name: "cnn") {
            Input(shape: [8, 8, 1])
            try Conv2D(4, kernelSize: 3, padding: .same, activation: .relu, kernelInitializer: .heUniform(seed: 21))
            try MaxPooling2D(poolSize: 2)
            try SeparableConv2D(8, kernelSize: 3, padding: .same, activation: .relu,
                                depthwiseInitializer: .glorotUniform(seed: 22), pointwiseInitializer: .glorotUniform(seed: 23))
            try DepthwiseConv2D(kernelSize: 2, depthMultiplier: 2, depthwiseInitializer: .glorotUniform(seed: 24))
            try GlobalAveragePooling2D()
            try Dense(10, activation: .softmax, kernelInitializer: .glorotUniform(seed: 25))
        }
        let train = x[.range(0..<160)], trainLabels = y[.range(0..<160)]
        try model.compile(optimizer: Adam(learningRate: 0.005), loss: "sparse_categorical_crossentropy",
                          metrics: ["accuracy"])
        try model.fit(train, trainLabels, batchSize: 32, epochs: 2, verbose: 0, shuffle: false)
        return (model, [x[.range(1000..<1012)]])
    }

    /// (d) A sequence classifier: Embedding (with a padding mask) -> LSTM -> Dense, trained with Adam.
    static func lstm() throws -> (Model, [Tensor]) {
        let steps = 7, vocabulary = 12
        let model = try Sequential(name: "lstm") {
            Input(shape: [steps], dtype: .int32)
            try Embedding(inputDim: vocabulary, outputDim: 6, embeddingsInitializer: .randomUniform(seed: 41), maskZero: true)
            try LSTM(8, kernelInitializer: .glorotUniform(seed: 42), recurrentInitializer: .orthogonal(seed: 43))
            try Dense(2, activation: .softmax, kernelInitializer: .glorotUniform(seed: 44))
        }
        // Token sequences from a formula, some ending in padding (0), labelled by their parity.
        func tokens(_ count: Int, offset: Int) -> Tensor {
            var ids: [Int] = []
            for i in 0..<count {
                let length = 3 + (i + offset) % (steps - 2)
                for t in 0..<steps { ids.append(t < length ? 1 + (i * 5 + t * 3 + offset) % (vocabulary - 1) : 0) }
            }
            return Tensor(ids, shape: [count, steps])
        }
        let x = tokens(64, offset: 0)
        let ids = x.scalars(as: Int32.self)
        let y = Tensor((0..<64).map { i in Int(ids[(i * steps)..<((i + 1) * steps)].reduce(0, +)) % 2 }, shape: [64])
        try model.compile(optimizer: Adam(learningRate: 0.01), loss: "sparse_categorical_crossentropy",
                          metrics: ["accuracy"])
        try model.fit(x, y, batchSize: 16, epochs: 3, verbose: 0, shuffle: false)
        return (model, [tokens(9, offset: 5)])
    }

    /// (e) A transformer encoder block: MultiHeadAttention and LayerNormalization with residual
    /// connections, a feed-forward part, pooling and a regression head, trained with RMSprop.
    static func transformer() throws -> (Model, [Tensor]) {
        let steps = 6, width = 8
        let tokens = Input(shape: [steps, width], name: "tokens")
        let attention = try MultiHeadAttention(numHeads: 2, keyDim: 4, kernelInitializer: .glorotUniform(seed: 31), name: "attention")
        let attended = try attention(query: tokens, value: tokens)
        let norm1 = try LayerNormalization(name: "norm1")(try Add()([tokens, attended]))
        let hidden = try Dense(16, activation: .gelu, kernelInitializer: .glorotUniform(seed: 32))(norm1)
        let projected = try Dense(width, kernelInitializer: .glorotUniform(seed: 33))(hidden)
        let norm2 = try LayerNormalization(name: "norm2")(try Add()([norm1, projected]))
        let pooled = try GlobalAveragePooling1D()(norm2)
        let output = try Dense(1, kernelInitializer: .glorotUniform(seed: 34), name: "value")(pooled)
        let model = try Model(inputs: [tokens], outputs: [output], name: "transformer")

        let x = features(48, steps * width).reshaped(to: [48, steps, width])
        let y = x.mean(axes: [1, 2]).reshaped(to: [48, 1]) * 3
        try model.compile(optimizer: RMSprop(learningRate: 0.003, momentum: 0.5), loss: "mean_squared_error",
                          metrics: ["mae"])
        try model.fit(x, y, batchSize: 12, epochs: 2, verbose: 0, shuffle: false)
        return (model, [features(5, steps * width, phase: 0.7).reshaped(to: [5, steps, width])])
    }

    /// (f) A graph saved by Python Keras with Keras operations (`scripts/pyref/operation_nodes.py`):
    /// two masked Embeddings merged by Add (into a GRU) and Concatenate (into
    /// GlobalAveragePooling1D), whose masks are NotEqual, ExpandDims, ZerosLike, LogicalOr,
    /// Concatenate and Any operations passed to the GRU and the pooling as explicit masks;
    /// loaded, trained further in Swift with Adam and saved again.
    static func maskedOps() throws -> (Model, [Tensor]) {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Tests/Fixtures/keras3/ops/merged_masks.keras").path
        let model = try loadModel(from: fixture)
        let steps = 5, vocabulary = 12
        // Token rows from a formula, some ending in padding (0).
        func tokens(_ count: Int, offset: Int) -> Tensor {
            var ids: [Int] = []
            for i in 0..<count {
                let length = 2 + (i + offset) % (steps - 1)
                for t in 0..<steps { ids.append(t < length ? 1 + (i * 7 + t * 5 + offset) % (vocabulary - 1) : 0) }
            }
            return Tensor(ids, shape: [count, steps])
        }
        let y = features(48, 9) * 0.5
        try model.compile(optimizer: Adam(learningRate: 0.01), loss: "mean_squared_error", metrics: ["mae"])
        try model.fit([tokens(48, offset: 0), tokens(48, offset: 3)], y, batchSize: 16, epochs: 2, verbose: 0, shuffle: false)
        return (model, [tokens(7, offset: 1), tokens(7, offset: 4)])
    }
}

private extension Comparable {
    func clamped(to range: ClosedRange<Self>) -> Self { min(max(self, range.lowerBound), range.upperBound) }
}
