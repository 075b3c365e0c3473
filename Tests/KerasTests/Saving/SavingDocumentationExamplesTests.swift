#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import Keras

/// The examples of the Saving and Interop article, compiled and run.
@Suite struct SavingDocumentationExamplesTests {
    final class Scale: Layer, KerasSerializable {
        let factor: Double
        init(factor: Double, name: String? = nil) {
            self.factor = factor
            super.init(name: name)
        }
        static let kerasConfigKeys = ["factor"]
        convenience init(config: LayerConfig) throws {
            self.init(factor: try config.double("factor", default: 1), name: config.name)
        }
        override var kerasConfig: JSONObject {
            var config = super.kerasConfig
            config["factor"] = .double(factor)
            return config
        }
        override func call(_ x: Tensor, training: Bool, mask: Tensor?) throws -> Tensor { x * factor }
    }

    @Test func saveLoadResumeAndWeightsOnly() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var data = TestData(5)
        let x = data.tensor([32, 4]), y = data.tensor([32, 2])
        let model = try Sequential {
            Input(shape: [4])
            try Dense(8, activation: .relu)
            try Dense(2)
        }
        try model.compile(optimizer: Adam(learningRate: 1e-3), loss: "mse")
        try model.fit(x, y, batchSize: 16, epochs: 5, verbose: 0)

        try model.save(to: folder.file("regressor.keras"))
        let again = try loadModel(from: folder.file("regressor.keras"))
        #expect(again.optimizer?.iterations == 10)
        try again.fit(x, y, batchSize: 16, epochs: 5, verbose: 0)
        #expect(again.optimizer?.iterations == 20)

        try model.saveWeights(to: folder.file("regressor.weights.h5"))
        let twin = try Sequential { Input(shape: [4]); try Dense(8, activation: .relu); try Dense(2) }
        try twin.loadWeights(from: folder.file("regressor.weights.h5"))
        #expect(try twin(x).doubles == model(x).doubles)
    }

    @Test func registeredCustomLayerRoundTrips() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        LayerRegistry.register(Scale.self, package: "MyApp")
        let model = try Sequential { Input(shape: [3]); Scale(factor: 2.5); try Dense(1) }
        try model.save(to: folder.file("scaled.keras"))
        let loaded = try loadModel(from: folder.file("scaled.keras"))
        let object = try loaded.serializedKerasObject()
        #expect(object.serialized().contains("\"registered_name\": \"MyApp>Scale\""))
        let x = Tensor([1, 2, 3], shape: [1, 3])
        #expect(try loaded(x).doubles == model(x).doubles)
    }
}
