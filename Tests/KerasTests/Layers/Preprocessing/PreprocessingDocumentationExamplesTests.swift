import Testing
@testable import Keras

/// The `///` and DocC examples of the preprocessing layers, run as written.
@Suite struct PreprocessingDocumentationExamplesTests {
    @Test func numericExamples() throws {
        let norm = try Normalization(axis: nil)
        try norm.adapt(Tensor([1.0, 2, 3, 4, 5]))
        expectClose(try norm(Tensor([1.0, 2, 3])), [-1.4142135, -0.70710677, 0])

        let bucket = try Discretization(binBoundaries: [0, 1, 2])
        #expect(try bucket(Tensor([-1.5, 1.0, 3.4, 0.5], shape: [1, 4])).scalars(as: Int32.self) == [0, 2, 3, 1])

        let rescale = try Rescaling(scale: 1.0 / 127.5, offset: -1)
        expectClose(try rescale(Tensor([0.0, 127.5, 255], shape: [1, 3])), [-1, 0, 1])
    }

    @Test func categoricalExamples() throws {
        let count = try CategoryEncoding(numTokens: 4, outputMode: .count)
        #expect(try count(Tensor([0, 1, 1, 3], shape: [1, 4])).doubles == [1, 2, 0, 1])
        let oneHot = try CategoryEncoding(numTokens: 4, outputMode: .oneHot)
        let y = try oneHot(Tensor([3, 2, 0, 1]))
        #expect(y.shape == [4, 4] && y.sum(axes: [1]).doubles == [1, 1, 1, 1])

        let hash = try Hashing(numBins: 3)
        #expect(try hash(Tensor(strings: ["A", "B", "C", "D", "E"], shape: [5, 1])).scalars(as: Int64.self) == [1, 0, 1, 1, 2])
    }

    @Test func vocabularyExample() throws {
        let norm = try Normalization()
        try norm.adapt(Tensor([0.0, 7, 4, 2, 9, 6], shape: [2, 3]))
        expectClose(norm.adaptMean!.value, [1, 8, 5])
        let bins = try Discretization(numBins: 4)
        try bins.adapt(Tensor.arange(0, 100))
        #expect(bins.binBoundaries?.count == 3)
        let ids = try Hashing(numBins: 64)(Tensor(strings: ["cat", "dog"]))
        #expect(ids.shape == [2] && ids.dtype == .int64)
    }
}

/// The `///` examples of the image preprocessing layers, run as written.
@Suite struct ImagePreprocessingDocumentationExamplesTests {
    @Test func deterministicExamples() throws {
        let crop: BaseImagePreprocessingLayer = try CenterCrop(height: 24, width: 24)
        #expect(try crop(Tensor.ones([8, 32, 32, 3])).shape == [8, 24, 24, 3])
        let resize = try Resizing(height: 64, width: 64, cropToAspectRatio: true)
        #expect(try resize(Tensor.ones([2, 120, 80, 3])).shape == [2, 64, 64, 3])
        let center = try CenterCrop(height: 24, width: 24)
        #expect(try center(Tensor.ones([4, 32, 32, 3])).shape == [4, 24, 24, 3])
    }

    @Test func randomExamples() throws {
        let flip: BaseRandomImageLayer = try RandomFlip(seed: 7)
        #expect(try flip(Tensor.ones([2, 8, 8, 3]), training: true).shape == [2, 8, 8, 3])
        let augment: BaseRandomAffineLayer = try RandomZoom(heightFactor: 0.2, seed: 1)
        #expect(try augment(Tensor.ones([2, 16, 16, 3]), training: true).shape == [2, 16, 16, 3])
        _ = try RandomRotation(factor: 0.1)
        _ = try RandomRotation(factor: [-0.25, 0])
        _ = try RandomRotation(factor: 0.1, fillMode: .constant, fillValue: 0)
        let rotate = try RandomRotation(factor: 0.1, seed: 42)
        #expect(try rotate(Tensor.ones([4, 32, 32, 3]), training: true).shape == [4, 32, 32, 3])
        let zoom = try RandomZoom(heightFactor: [-0.3, -0.2], seed: 42)
        #expect(try zoom(Tensor.ones([4, 32, 32, 3]), training: true).shape == [4, 32, 32, 3])
        let shift = try RandomTranslation(heightFactor: 0.1, widthFactor: [-0.2, 0.3], seed: 42)
        #expect(try shift(Tensor.ones([4, 32, 32, 3]), training: true).shape == [4, 32, 32, 3])
        let flip2 = try RandomFlip(mode: .horizontal, seed: 42)
        #expect(try flip2(Tensor.ones([4, 32, 32, 3]), training: true).shape == [4, 32, 32, 3])
        let crop = try RandomCrop(height: 24, width: 24, seed: 42)
        #expect(try crop(Tensor.ones([4, 32, 32, 3]), training: true).shape == [4, 24, 24, 3])
        let contrast = try RandomContrast(factor: 0.5, seed: 42)
        #expect(try contrast(Tensor.ones([4, 32, 32, 3]), training: true).shape == [4, 32, 32, 3])
        let brighten = try RandomBrightness(factor: [0, 0.2], valueRange: (0, 1), seed: 42)
        let y = try brighten(Tensor.full([4, 8, 8, 3], value: 0.5), training: true)
        #expect(y.doubles.allSatisfy { $0 >= 0.5 - 1e-6 && $0 <= 0.7 + 1e-6 })
    }

    @Test func vocabularyExample() throws {
        let augment = try Sequential {
            Input(shape: [32, 32, 3])
            try RandomFlip(mode: .horizontal, seed: 1)
            try RandomRotation(factor: 0.05, seed: 2)
            try RandomZoom(heightFactor: 0.1, seed: 3)
            try Rescaling(scale: 1.0 / 255)
        }
        let x = Tensor((0..<(8 * 32 * 32 * 3)).map { Double($0 % 251) }, shape: [8, 32, 32, 3])
        let images = try augment(x, training: true)
        #expect(images.shape == [8, 32, 32, 3])
        expectClose(try augment(x), (x / 255).doubles)
        #expect(images.doubles != (x / 255).doubles)
    }
}

/// The `///` example of IntegerLookup, run as written.
@Suite struct LookupDocumentationExamplesTests {
    @Test func integerLookupExample() throws {
        let lookup = try IntegerLookup(vocabulary: [12, 36, 1138, 42])
        let y = try lookup(Tensor([12, 1138, 42, 42, 1000, 36], shape: [2, 3], dtype: .int64))
        #expect(y.scalars(as: Int64.self) == [1, 3, 4, 4, 0, 2])
    }

    @Test func vocabularyExample() throws {
        let lookup = try IntegerLookup(maxTokens: 100, outputMode: .multiHot)
        try lookup.adapt(Tensor([3, 3, 7, 9, 7, 3], shape: [2, 3], dtype: .int64))
        let y = try lookup(Tensor([7, 3, 5], shape: [1, 3], dtype: .int64))   // [[1, 1, 1, 0]]
        #expect(lookup.vocabulary() == [-1, 3, 7, 9])
        #expect(y.scalars(as: Int64.self) == [1, 1, 1, 0])
    }

    /// The text layers' `///` examples and the article's text classifier, run as written.
    @Test func textExamples() throws {
        let strings = try StringLookup(vocabulary: ["a", "b", "c", "d"])
        let ids = try strings(Tensor(strings: ["a", "c", "d", "d", "z", "b"], shape: [2, 3]))
        #expect(ids.scalars(as: Int64.self) == [1, 3, 4, 4, 0, 2])
        let integers = try IntegerLookup(vocabulary: [12, 36, 1138, 42])
        #expect(try integers(Tensor([12, 1138, 42, 42, 1000, 36], shape: [2, 3], dtype: .int64)).scalars(as: Int64.self) == [1, 3, 4, 4, 0, 2])

        let vectorize = try TextVectorization(maxTokens: 1000, outputSequenceLength: 6)
        try vectorize.adapt(texts: ["The cat sat.", "The dog ate my homework!"])
        #expect(try vectorize(Tensor(strings: ["the cat ate"])).scalars(as: Int64.self) == [2, 7, 8, 0, 0, 0])
        let text = Input(shape: [1], dtype: .string)
        var h = try vectorize(text)
        h = try Embedding(inputDim: 1000, outputDim: 16)(h)
        h = try GlobalAveragePooling1D()(h)
        let classifier = try Model(inputs: text, outputs: try Dense(2, activation: .softmax)(h))
        let probabilities = try classifier.predict(Tensor(strings: ["the cat ate", "a dog"], shape: [2, 1]), verbose: 0)
        #expect(probabilities.shape == [2, 2])

        let texts = Tensor(strings: ["the cat sat", "a dog"], shape: [2, 1])
        #expect(texts.shape == [2, 1] && texts.strings == ["the cat sat", "a dog"])
    }
}
