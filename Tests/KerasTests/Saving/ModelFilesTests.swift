#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import Keras

/// Temporary paths for files written by tests, removed with their folder.
struct TemporaryFolder {
    let path: String
    init() throws {
        var template = Array("/tmp/swift-keras-test-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        path = try #require(made.map { String(cString: $0) })
    }
    func file(_ name: String) -> String { "\(path)/\(name)" }
    func remove() {
        if let dir = opendir(path) {
            while let entry = readdir(dir) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name != "." && name != ".." { unlink("\(path)/\(name)") }
            }
            closedir(dir)
        }
        rmdir(path)
    }
}

/// Every model of `../shared/fixtures/keras3` (copied to `Tests/Fixtures/keras3/files`) loads
/// in each of its forms and reproduces Keras's outputs.
@Suite struct ModelFilesTests {
    static let models = ["tiny_sequential", "tiny_shared", "mlp", "cnn", "text_conv1d", "lstm", "gru", "simple_rnn",
                         "bidir_td", "functional_shared", "transformer", "nested", "dtypes", "trained_adam"]

    static func inputs(_ name: String) throws -> [Tensor] {
        let manifest = try KerasFixtureFiles.manifestEntry(name)
        return try (manifest["inputs"]?.arrayValue ?? []).map { try NPY.load(path: "\(KerasFixtureFiles.directory)/\($0.objectValue!["file"]!.stringValue!)") }
    }

    static func check(_ model: Model, _ name: String, _ form: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let manifest = try KerasFixtureFiles.manifestEntry(name)
        let tolerance = manifest["tolerance"]?.doubleValue ?? 1e-5
        let outputs = try model.allOutputs(inputs(name))
        let expected = try (manifest["outputs"]?.arrayValue ?? []).map { try NPY.load(path: "\(KerasFixtureFiles.directory)/\($0.objectValue!["file"]!.stringValue!)") }
        #expect(outputs.count == expected.count, "\(name) \(form): output count", sourceLocation: sourceLocation)
        for (o, e) in zip(outputs, expected) {
            #expect(o.shape == e.shape, "\(name) \(form): shape", sourceLocation: sourceLocation)
            let worst = zip(cast(o, to: .float64).doubles, cast(e, to: .float64).doubles).map { Swift.abs($0 - $1) }.max() ?? 0
            #expect(worst <= tolerance, "\(name) \(form): max abs error \(worst) > \(tolerance)", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: models)
    func loadsFromKerasFile(_ name: String) throws {
        let model = try loadModel(from: "\(KerasFixtureFiles.directory)/\(name).keras")
        try Self.check(model, name, ".keras")
    }

    @Test(arguments: models)
    func loadsFromConfigAndWeights(_ name: String) throws {
        let config = try KerasFixtureFiles.config(name)
        let model = try #require(try LayerRegistry.deserialize(config) as? Model)
        try model.loadWeights(from: "\(KerasFixtureFiles.directory)/\(name).weights.h5")
        try Self.check(model, name, "config + .weights.h5")
    }

    @Test(arguments: ["tiny_sequential", "mlp", "functional_shared", "trained_adam"])
    func loadsFromLegacyH5(_ name: String) throws {
        let model = try loadModel(from: "\(KerasFixtureFiles.directory)/\(name).legacy.h5")
        try Self.check(model, name, ".legacy.h5")
        let fresh = try #require(try LayerRegistry.deserialize(try KerasFixtureFiles.config(name)) as? Model)
        try fresh.loadWeights(from: "\(KerasFixtureFiles.directory)/\(name).legacy.h5")
        try Self.check(fresh, name, "config + legacy weights")
    }

    /// load → save → load is the identity on config and weights, in every format we write.
    @Test(arguments: models)
    func roundTripIsIdentity(_ name: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let model = try loadModel(from: "\(KerasFixtureFiles.directory)/\(name).keras")
        let config = try model.serializedKerasObject()
        for file in ["again.keras", "again.h5"] {
            try model.save(to: folder.file(file))
            let again = try loadModel(from: folder.file(file))
            #expect(try again.serializedKerasObject() == config, "\(name) via \(file): config")
            #expect(again.getWeights().map(\.doubles) == model.getWeights().map(\.doubles), "\(name) via \(file): weights")
            #expect(again.optimizer?.variables.map(\.value.doubles) == model.optimizer?.variables.map(\.value.doubles), "\(name) via \(file): optimizer")
        }
        try model.saveWeights(to: folder.file("w.weights.h5"))
        let fresh = try #require(try LayerRegistry.deserialize(config) as? Model)
        try fresh.loadWeights(from: folder.file("w.weights.h5"))
        #expect(fresh.getWeights().map(\.doubles) == model.getWeights().map(\.doubles), "\(name) via .weights.h5")
        // The Keras config of the fixture itself, read and written again, is unchanged.
        let keras = try KerasFixtureFiles.config(name)
        #expect(config == keras, "\(name): config differs from Keras's at \(firstDifference(config, keras) ?? "?")")
    }

    @Test func optimizerStateLoadsFromTrainedAdam() throws {
        let model = try loadModel(from: "\(KerasFixtureFiles.directory)/trained_adam.keras")
        let optimizer = try #require(model.optimizer)
        #expect(optimizer.iterations == 4)
        #expect(optimizer.variables.count == 10)
        #expect(optimizer.variables.dropFirst(2).allSatisfy { v in v.value.doubles.contains { $0 != 0 } })
    }

    /// As Keras: `save_weights` and `.keras` / legacy `.h5` saves of a compiled model include the
    /// optimizer, before its first step too (iteration and learning_rate only), and
    /// `load_weights` restores it into a compiled model.
    @Test func optimizerStateTravelsInEveryFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        func make() throws -> Model {
            let model = try Sequential { Input(shape: [3]); try Dense(2, kernelInitializer: .glorotUniform(seed: 1)) }
            try model.compile(optimizer: Adam(learningRate: 0.01), loss: "mean_squared_error")
            return model
        }
        let files = ["m.keras", "m.h5", "m.weights.h5"]
        func optimizerPaths(_ file: String) throws -> [String] {
            try WeightsInspection.entries(of: folder.file(file)).map(\.path).filter { $0.hasPrefix("optimizer") }
        }

        let untrained = try make()
        for file in files { file.hasSuffix(".weights.h5") ? try untrained.saveWeights(to: folder.file(file)) : try untrained.save(to: folder.file(file)) }
        #expect(try optimizerPaths("m.keras") == ["optimizer/vars/0", "optimizer/vars/1"])
        #expect(try optimizerPaths("m.weights.h5") == ["optimizer/vars/0", "optimizer/vars/1"])
        // Named by the optimizer's variable paths: `adam/iteration`, or `adam_2/...` after other Adams.
        let legacy = try optimizerPaths("m.h5")
        #expect(legacy.count == 2 && legacy[0].hasPrefix("optimizer_weights/adam") && legacy[0].hasSuffix("/iteration")
                && legacy[1].hasSuffix("/learning_rate"), "\(legacy)")
        for file in ["m.keras", "m.h5"] {
            let again = try #require(try loadModel(from: folder.file(file)).optimizer)
            #expect(!again.isBuilt && again.variables.count == 2 && Float(again.learningRate) == 0.01, "\(file): unbuilt optimizer loads as saved")
        }

        let trained = try make()
        try trained.fit(Tensor.ones([8, 3]), Tensor.zeros([8, 2]), batchSize: 4, epochs: 1, verbose: 0)
        for file in files { file.hasSuffix(".weights.h5") ? try trained.saveWeights(to: folder.file(file)) : try trained.save(to: folder.file(file)) }
        #expect(try optimizerPaths("m.weights.h5").count == 6)
        for file in ["m.keras", "m.weights.h5"] {
            let fresh = try make()
            try fresh.loadWeights(from: folder.file(file))
            let optimizer = try #require(fresh.optimizer)
            #expect(optimizer.iterations == 2, "\(file): loadWeights restores the optimizer")
            #expect(optimizer.variables.map(\.value.doubles) == trained.optimizer!.variables.map(\.value.doubles), "\(file): optimizer state")
        }
    }

    @Test func errorsNameTheProblem() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect { try loadModel(from: folder.file("missing.keras")) } throws: { "\($0)".contains("missing.keras") }
        try FileIO.writeAtomically(Array("not a zip".utf8), to: folder.file("bad.keras"))
        #expect { try loadModel(from: folder.file("bad.keras")) } throws: { "\($0)".contains("not a readable .keras archive") }
        let model = try loadModel(from: "\(KerasFixtureFiles.directory)/tiny_sequential.keras")
        #expect { try model.loadWeights(from: "\(KerasFixtureFiles.directory)/mlp.weights.h5") } throws: { error in
            "\(error)".contains("mlp.weights.h5")
        }
        #expect { try model.save(to: folder.file("model.txt")) } throws: { "\($0)".contains(".keras") }
        let lambda = try Sequential { Input(shape: [2]); Lambda { $0 * 2 } }
        #expect { try lambda.save(to: folder.file("lambda.keras")) } throws: { "\($0)".contains("Lambda") }
        #expect(access(folder.file("lambda.keras"), F_OK) != 0, "a failed save leaves no file")
    }
}


/// The path of the first place two JSON values differ, with both values there.
func firstDifference(_ a: JSONValue, _ b: JSONValue, path: String = "") -> String? {
    switch (a, b) {
    case (.object(let x), .object(let y)):
        for key in Set(x.keys).union(y.keys).sorted() {
            guard let u = x[key], let v = y[key] else { return "\(path)/\(key): only in \(x[key] == nil ? "second" : "first")" }
            if let d = firstDifference(u, v, path: "\(path)/\(key)") { return d }
        }
        return nil
    case (.array(let x), .array(let y)):
        guard x.count == y.count else { return "\(path): \(x.count) vs \(y.count) elements" }
        for (i, (u, v)) in zip(x, y).enumerated() { if let d = firstDifference(u, v, path: "\(path)/\(i)") { return d } }
        return nil
    default:
        return a == b ? nil : "\(path): \(a.serialized().prefix(120)) vs \(b.serialized().prefix(120))"
    }
}

/// `trained_adam.keras` (Adam state after 4 steps, saved by Keras) resumes training exactly as
/// Python Keras resumes it (`scripts/pyref/resume_adam.py`): same weights and Adam moments after
/// 3 more steps, which needs the restored moments and iteration count.
@Suite struct ResumeTrainingTests {
    @Test func trainedAdamResumesAsInKeras() throws {
        let text = String(decoding: try FileIO.read("\(Fixtures.root)/training/resume_adam.json"), as: UTF8.self)
        let reference = try #require(try JSONValue(parsing: text).objectValue)
        func tensor(_ key: String) throws -> Tensor {
            let o = try #require(reference[key]?.objectValue)
            return Tensor(try #require(o["values"]?.arrayValue).compactMap(\.doubleValue),
                          shape: try #require(o["shape"]?.arrayValue).compactMap(\.intValue), dtype: .float32)
        }
        let x = try tensor("x"), y = try tensor("y")
        let model = try loadModel(from: "\(KerasFixtureFiles.directory)/trained_adam.keras")
        try model.fit(x, y, batchSize: 4, epochs: 1, verbose: 0, shuffle: false)
        try model.fit(x[.range(0, 4, step: 1)], y[.range(0, 4, step: 1)], batchSize: 4, epochs: 1, verbose: 0, shuffle: false)
        let optimizer = try #require(model.optimizer)
        #expect(optimizer.iterations == reference["iterations"]?.intValue)
        let expectedWeights = try #require(reference["weights"]?.arrayValue).map { $0.arrayValue!.compactMap(\.doubleValue) }
        for (w, e) in zip(model.getWeights(), expectedWeights) {
            let worst = zip(w.doubles, e).map { Swift.abs($0 - $1) }.max() ?? 0
            #expect(worst < 1e-5, "weight differs by \(worst)")
        }
        let expectedSlots = try #require(reference["optimizer_variables"]?.arrayValue).map { $0.arrayValue!.compactMap(\.doubleValue) }
        #expect(optimizer.variables.count == expectedSlots.count)
        for (v, e) in zip(optimizer.variables, expectedSlots) {
            let worst = zip(cast(v.value, to: .float64).doubles, e).map { Swift.abs($0 - $1) }.max() ?? 0
            #expect(worst < 1e-5, "optimizer variable \(v.path) differs by \(worst)")
        }
    }
}
