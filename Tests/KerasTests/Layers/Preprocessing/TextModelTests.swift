import Testing
@testable import Keras

/// Models that take text: `Input(dtype: .string)` into TextVectorization or StringLookup, trained
/// with `fit` on string tensors (batches sliced and shuffled as text), predicted in batches,
/// saved and loaded; text in `.npy` files; and the errors for text where numbers belong.
@Suite struct TextModelTests {
    static let texts = ["good movie", "bad movie", "really good", "really bad", "good good fun", "awful and bad",
                        "a good plot", "a bad plot"]
    static let labels = [1, 0, 1, 0, 1, 0, 1, 0]

    func classifier() throws -> (Model, TextVectorization) {
        let vectorize = try TextVectorization(maxTokens: 20, outputSequenceLength: 4)
        try vectorize.adapt(texts: Self.texts)
        let input = Input(shape: [1], dtype: .string)
        var h = try vectorize(input)
        h = try Embedding(inputDim: 20, outputDim: 4, embeddingsInitializer: .randomUniform(seed: 3))(h)
        h = try GlobalAveragePooling1D()(h)
        let model = try Model(inputs: input, outputs: try Dense(2, activation: .softmax, kernelInitializer: .glorotUniform(seed: 4))(h))
        return (model, vectorize)
    }

    @Test func fitsPredictsAndReloadsOnStrings() throws {
        let (model, vectorize) = try classifier()
        #expect(model.inputs[0].dtype == .string)
        #expect(model.outputs[0].shape == [nil, 2])
        let x = Tensor(strings: Self.texts, shape: [8, 1])
        let y = Tensor(Self.labels, shape: [8])
        try model.compile(optimizer: Adam(learningRate: 0.05), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"])
        let history = try model.fit(x, y, batchSize: 3, epochs: 30, verbose: 0, shuffle: true)
        let losses = try #require(history.history["loss"])
        #expect(losses.last! < losses.first! * 0.5, "\(losses.first!) -> \(losses.last!)")
        // Batched prediction (3 + 3 + 2 rows) equals one call on all the texts.
        let batched = try model.predict(x, batchSize: 3, verbose: 0)
        let whole = try model(x)
        #expect(zip(batched.doubles, whole.doubles).allSatisfy { abs($0 - $1) < 1e-6 })
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try model.save(to: folder.file("text.keras"))
        let loaded = try loadModel(from: folder.file("text.keras"))
        let text = try #require(loaded.layers.compactMap { $0 as? TextVectorization }.first)
        #expect(text.vocabulary() == vectorize.vocabulary())
        #expect(zip(try loaded.predict(x, verbose: 0).doubles, whole.doubles).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    @Test func numbersIntoTextLayersThrowWithTheFix() throws {
        let vectorize = try TextVectorization(vocabulary: ["a"])
        let error = try #require(throws: KerasError.self) { try vectorize(Tensor([1.0, 2.0])) }
        #expect(error.message.contains("float32") && error.message.contains("string tensor"), "\(error.message)")
        let lookup = try StringLookup(vocabulary: ["a"])
        let lookupError = try #require(throws: KerasError.self) { try lookup(Tensor([1, 2], dtype: .int64)) }
        #expect(lookupError.message.contains("int64") && lookupError.message.contains("IntegerLookup"), "\(lookupError.message)")
        let integers = try IntegerLookup(vocabulary: [1])
        let integerError = try #require(throws: KerasError.self) { try integers(Tensor(strings: ["a"])) }
        #expect(integerError.message.contains("StringLookup"), "\(integerError.message)")
        // Text into a layer that computes on numbers: thrown, eagerly and in a graph.
        let dense = try Dense(2, name: "head")
        let eager = try #require(throws: KerasError.self) { try dense(Tensor(strings: ["a", "b"], shape: [1, 2])) }
        #expect(eager.message.contains("\"head\"") && eager.message.contains("string tensor") && eager.message.contains("TextVectorization"), "\(eager.message)")
        #expect(throws: KerasError.self) { try Dense(2)(Input(shape: [1], dtype: .string)) }
        let model = try Sequential { Input(shape: [2]); try Dense(1) }
        #expect(throws: KerasError.self) { try model.predict(Tensor(strings: ["a", "b"], shape: [1, 2]), verbose: 0) }
        let wide = try #require(throws: KerasError.self) { try vectorize(Tensor(strings: ["a", "b"], shape: [1, 2])) }
        #expect(wide.message.contains("(1, 2)") && wide.message.contains("last shape dimension must be 1"), "\(wide.message)")
    }

    @Test func customFunctionsWorkButCannotBeSaved() throws {
        let vectorize = try TextVectorization(standardize: .custom { $0.uppercased() }, split: .custom { $0.split(separator: "-").map(String.init) },
                                              vocabulary: ["A", "B"])
        #expect(try vectorize(Tensor(strings: ["a-b-c"])).scalars(as: Int64.self) == [2, 3, 1])
        let input = Input(shape: [1], dtype: .string)
        let model = try Model(inputs: input, outputs: try vectorize(input))
        let error = try #require(throws: KerasError.self) { try model.save(to: "/tmp/never-written.keras") }
        #expect(error.message.contains("standardize") && error.message.contains("Swift function"), "\(error.message)")
    }

    @Test func textArraysInNPYFiles() throws {
        let texts = Tensor(strings: ["héllo", "a", "", "z€"], shape: [2, 2])
        let back = try NPY.decode(NPY.encode(texts))
        #expect(back.dtype == .string && back.shape == [2, 2] && back.strings == texts.strings)
        // What numpy writes for np.array([["héllo", "a"], ["", "z€"]]) and np.array([b"ab", b"c"]).
        let unicode = Array("\u{93}NUMPY".unicodeScalars.map { UInt8($0.value) }) + [1, 0, 118, 0]
            + Array("{'descr': '<U5', 'fortran_order': False, 'shape': (2, 2), }".utf8)
        var header = unicode
        while (header.count + 1) % 64 != 0 { header.append(0x20) }
        header.append(0x0A)
        var body: [UInt8] = []
        for text in ["héllo", "a", "", "z€"] {
            var scalars = text.unicodeScalars.map(\.value)
            scalars += [UInt32](repeating: 0, count: 5 - scalars.count)
            for v in scalars { body += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)] }
        }
        #expect(try NPY.decode(header + body).strings == ["héllo", "a", "", "z€"])
        let bytesArray = Array("\u{93}NUMPY".unicodeScalars.map { UInt8($0.value) }) + [1, 0, 118, 0]
            + Array("{'descr': '|S2', 'fortran_order': False, 'shape': (2,), }".utf8)
        var bytesHeader = bytesArray
        while (bytesHeader.count + 1) % 64 != 0 { bytesHeader.append(0x20) }
        bytesHeader.append(0x0A)
        #expect(try NPY.decode(bytesHeader + [0x61, 0x62, 0x63, 0x00]).strings == ["ab", "c"])
    }
}
