import Keras

/// The default example: a small convolutional network classifying scikit-learn's handwritten
/// digits (8×8 images, bundled with the package), trained with `compile`/`fit` and a progress
/// bar, then evaluated on held-out digits.
enum Digits {
    static func run() throws {
        Initializer.setGlobalSeed(42)
        let (images, labels) = try Datasets.digits()
        // Pixels are counts 0...16; scale them to 0...1.
        let x = images.reshaped(to: [-1, 8, 8, 1]).cast(to: .float32) / 16
        let y = labels.cast(to: .int32)
        // A fixed random 1500 / 297 split; the model never trains on the test digits.
        let order = Random.permutation(x.shape[0], seed: 2024)
        let train = order[.range(0..<1500)], test = order[.range(1500..<x.shape[0])]
        let trainX = x.take(train), trainY = y.take(train)
        let testX = x.take(test), testY = y.take(test)

        let model = try Sequential(name: "digits_cnn") {
            Input(shape: [8, 8, 1])
            try Conv2D(16, kernelSize: 3, padding: .same, activation: .relu)
            try MaxPooling2D(poolSize: 2)
            try Conv2D(32, kernelSize: 3, padding: .same, activation: .relu)
            try MaxPooling2D(poolSize: 2)
            Flatten()
            try Dropout(0.25)
            try Dense(10, activation: .softmax)
        }
        model.summary()
        try model.compile(optimizer: Adam(learningRate: 1e-3), loss: "sparse_categorical_crossentropy",
                          metrics: ["accuracy"])
        try model.fit(trainX, trainY, batchSize: 32, epochs: 15,
                      callbacks: [EarlyStopping(monitor: "val_loss", patience: 3, restoreBestWeights: true)],
                      validationSplit: 0.1)
        let results = try model.evaluate(testX, testY, verbose: 0)
        let accuracy = results["accuracy"] ?? 0
        print("Test accuracy on \(testX.shape[0]) unseen digits: \(Double(Int((accuracy * 1000).rounded())) / 10)%")

        // The trained model as a Keras file: Python's keras.saving.load_model reads it too.
        let path = "/tmp/digits_cnn.keras"
        try model.save(to: path)
        let restored = try loadModel(from: path)
        let again = try restored.evaluate(testX, testY, verbose: 0)["accuracy"] ?? 0
        print("Saved to \(path); reloaded, it scores \(Double(Int((again * 1000).rounded())) / 10)% again.")
    }
}
