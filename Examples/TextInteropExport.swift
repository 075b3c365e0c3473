import Foundation
import Keras

/// Trains small text models on strings and saves them for Python Keras, with their texts, the
/// text layer's output, the predictions and the learned vocabulary, so
/// `scripts/interop/check_swift_text_models.py` can show that Python Keras (with TensorFlow,
/// which Keras's text layers need) loads what swift-keras writes, vocabulary assets included.
///
/// `swift run playground text-export DIR` writes, for each model `NAME`: `NAME.keras`, the
/// texts `NAME.texts.npy` (a numpy unicode array), the text layer's output
/// `NAME.vectorized.npy`, the predictions `NAME.out0.npy`, and `manifest.json` with each
/// vocabulary.
enum TextInteropExport {
    static func run() throws {
        let arguments = Array(CommandLine.arguments.dropFirst(2))
        guard arguments.count == 1 else {
            print("Usage: swift run playground text-export DIR")
            exit(2)
        }
        let directory = arguments[0]
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var entries: [JSONValue] = []
        for (name, make) in [("text_classifier", textClassifier), ("text_tf_idf", tfIdfRegressor), ("string_lookup", lookupModel)] {
            let (model, texts, vocabulary) = try make()
            let base = "\(directory)/\(name)"
            try model.save(to: "\(base).keras")
            try NPY.save(texts, path: "\(base).texts.npy")
            try NPY.save(try model.layers[1](texts), path: "\(base).vectorized.npy")
            try NPY.save(try model.predict(texts, verbose: 0), path: "\(base).out0.npy")
            print("\(name): vocabulary of \(vocabulary.count), \(type(of: model.optimizer!).kerasClassName) after \(model.optimizer!.iterations) steps")
            entries.append(["name": .string(name), "vocabulary": .array(vocabulary.map { .string($0) })])
        }
        let manifest: JSONValue = ["format": "swift-keras text export", "models": .array(entries)]
        try Array((manifest.serialized() + "\n").utf8).withUnsafeBytes {
            try Data($0).write(to: URL(fileURLWithPath: "\(directory)/manifest.json"))
        }
        print("Wrote \(entries.count) text models to \(directory)")
    }

    /// Short reviews from a formula, labelled 1 when they praise.
    static func reviews(_ count: Int, offset: Int = 0) -> (texts: [String], labels: [Int]) {
        let subjects = ["The movie", "This film", "The plot", "Our café", "The ÉCOLE show", "That book"]
        let praise = ["was good", "is great!", "felt wonderful", "was really good, truly"]
        let blame = ["was bad", "is awful.", "felt boring", "was really bad; sadly"]
        var texts: [String] = [], labels: [Int] = []
        for i in 0..<count {
            let k = i + offset
            let positive = (k * 7 + 3) % 5 < 2
            let tail = positive ? praise[k % praise.count] : blame[(k / 2) % blame.count]
            texts.append("\(subjects[k % subjects.count]) \(tail)")
            labels.append(positive ? 1 : 0)
        }
        return (texts, labels)
    }

    /// (a) TextVectorization (int, padded to 8) -> Embedding -> GlobalAveragePooling1D -> Dense,
    /// trained with Adam on strings.
    static func textClassifier() throws -> (Model, Tensor, [String]) {
        let (texts, labels) = reviews(48)
        let vectorize = try TextVectorization(maxTokens: 40, outputSequenceLength: 8)
        try vectorize.adapt(texts: texts)
        let input = Input(shape: [1], dtype: .string, name: "text")
        var h = try vectorize(input)
        h = try Embedding(inputDim: 40, outputDim: 6, embeddingsInitializer: .randomUniform(seed: 51))(h)
        h = try GlobalAveragePooling1D()(h)
        let output = try Dense(2, activation: .softmax, kernelInitializer: .glorotUniform(seed: 52))(h)
        let model = try Model(inputs: input, outputs: output, name: "text_classifier")
        try model.compile(optimizer: Adam(learningRate: 0.02), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"])
        let x = Tensor(strings: texts, shape: [texts.count, 1])
        try model.fit(x, Tensor(labels, shape: [labels.count]), batchSize: 16, epochs: 3, verbose: 0, shuffle: true)
        let held = reviews(6, offset: 100).texts
        return (model, Tensor(strings: held, shape: [held.count, 1]), vectorize.vocabulary())
    }

    /// (b) TextVectorization (tf_idf over unigrams and bigrams) -> Dense, trained with SGD.
    static func tfIdfRegressor() throws -> (Model, Tensor, [String]) {
        let (texts, labels) = reviews(30, offset: 7)
        let vectorize = try TextVectorization(maxTokens: 30, ngrams: 2, outputMode: .tfIdf)
        try vectorize.adapt(texts: texts)
        let input = Input(shape: [1], dtype: .string, name: "text")
        let output = try Dense(1, kernelInitializer: .glorotUniform(seed: 53))(try vectorize(input))
        let model = try Model(inputs: input, outputs: output, name: "text_tf_idf")
        try model.compile(optimizer: SGD(learningRate: 0.05), loss: "mse")
        try model.fit(Tensor(strings: texts, shape: [texts.count, 1]), Tensor(labels.map(Double.init), shape: [labels.count, 1]),
                      batchSize: 10, epochs: 2, verbose: 0, shuffle: false)
        let held = reviews(5, offset: 200).texts
        return (model, Tensor(strings: held, shape: [held.count, 1]), vectorize.vocabulary())
    }

    /// (c) StringLookup (learned, two hashed OOV slots) -> Embedding -> Flatten -> Dense over
    /// pairs of words.
    static func lookupModel() throws -> (Model, Tensor, [String]) {
        let words = ["red", "green", "blue", "red", "café", "green", "red", "naïve", "blue", "red"]
        let lookup = try StringLookup(numOOVIndices: 2)
        try lookup.adapt(Tensor(strings: words))
        let input = Input(shape: [2], dtype: .string, name: "pair")
        var h = try lookup(input)
        h = try Embedding(inputDim: lookup.vocabularySize, outputDim: 3, embeddingsInitializer: .randomUniform(seed: 54))(h)
        h = try Flatten()(h)
        let output = try Dense(1, kernelInitializer: .glorotUniform(seed: 55))(h)
        let model = try Model(inputs: input, outputs: output, name: "string_lookup")
        try model.compile(optimizer: Adam(), loss: "mse")
        let pairs = Tensor(strings: ["red", "blue", "green", "café", "naïve", "red", "blue", "blue"], shape: [4, 2])
        try model.fit(pairs, Tensor([1.0, 0, 1, 0], shape: [4, 1]), batchSize: 2, epochs: 2, verbose: 0, shuffle: false)
        let held = Tensor(strings: ["red", "unseen", "zebra", "café", "blue", "yak"], shape: [3, 2])
        return (model, held, lookup.vocabulary())
    }
}
