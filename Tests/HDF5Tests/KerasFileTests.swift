import Foundation
import HDF5
import Testing

/// The Keras 3 files of `fixtures/keras3` (written by Keras 3.15.1 with h5py 3.16 / HDF5 2.0):
/// every dataset the manifest lists has its shape, dtype and owner, and every dataset's bytes
/// and every attribute match h5py's view of the file.
@Suite struct KerasFileTests {
    nonisolated(unsafe) static let manifest: [String: Any] = {
        (try? Fixtures.bytes("keras3/manifest.json")).flatMap { try? parseJSON($0) as? [String: Any] } ?? [:]
    }()
    nonisolated(unsafe) static let expected: [String: Any] = {
        (try? Fixtures.bytes("keras3/expected.json")).flatMap { try? parseJSON($0) as? [String: Any] } ?? [:]
    }()

    /// The manifest's `weights_h5_datasets` of model `name`.
    static func listedDatasets(_ model: String) -> [[String: Any]] {
        let models = manifest["models"] as? [[String: Any]] ?? []
        let entry = models.first { $0["name"] as? String == model }
        return entry?["weights_h5_datasets"] as? [[String: Any]] ?? []
    }

    @Test(arguments: Fixtures.kerasFiles)
    func everyDatasetAndAttributeMatchesH5py(_ name: String) throws {
        let spec = try #require(Self.expected[name] as? [String: Any], "keras3/expected.json has no entry for \(name)")
        try verify(HDF5File(path: Fixtures.path("keras3/" + name)), against: spec, name: name, exactDatasets: true)
    }

    @Test(arguments: Fixtures.kerasFiles.filter { $0.hasSuffix(".weights.h5") })
    func weightsFilesHoldTheManifestsDatasets(_ name: String) throws {
        let model = String(name.dropLast(".weights.h5".count))
        let listed = Self.listedDatasets(model)
        #expect(!listed.isEmpty, "the manifest lists datasets for \(model)")
        let root = try HDF5File(path: Fixtures.path("keras3/" + name)).root
        #expect(TreeWalk(root).datasets.count == listed.count)
        for entry in listed {
            let path = try #require(entry["path"] as? String)
            let dataset = try root.dataset(path)
            #expect(dataset.shape == (entry["shape"] as? [Int]), "\(name):\(path)")
            let dtype = entry["dtype"] as? String
            if dtype == "bfloat16" {
                #expect(dataset.datatype == .opaque(bytes: 2, tag: ""), "\(name):\(path)")
                #expect(dataset.attribute("dtype")?.value.string == "bfloat16")
                #expect(try dataset.readRawLittleEndian().count == 2 * dataset.elementCount)
            } else {
                #expect(dataset.datatype.description == dtype, "\(name):\(path)")
                #expect(try dataset.readDoubles().count == dataset.elementCount)
            }
            // The owner is the `name` attribute of the enclosing `vars` group.
            let vars = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
            #expect(try root.group(vars).attribute("name")?.value.string == (entry["owner_name"] as? String), "\(name):\(path)")
        }
    }

    @Test(arguments: Fixtures.kerasFiles.filter { $0.hasSuffix(".legacy.h5") })
    func legacyFilesHoldTheSameWeightShapes(_ name: String) throws {
        let model = String(name.dropLast(".legacy.h5".count))
        let expected = Self.listedDatasets(model).compactMap { $0["shape"] as? [Int] }
        let root = try HDF5File(path: Fixtures.path("keras3/" + name)).root
        let shapes = TreeWalk(root).datasets.map(\.shape)
        #expect(shapes.map(\.description).sorted() == expected.map(\.description).sorted())
        // Keras 2 layout: model_weights/<layer> lists its weights in `weight_names`.
        let weights = try root.group("model_weights")
        for layerName in weights.attribute("layer_names")?.value.strings ?? [] {
            let layer = try weights.group(layerName)
            for weightName in layer.attribute("weight_names")?.value.strings ?? [] {
                #expect(throws: Never.self) { _ = try layer.dataset(weightName).readFloats() }
            }
        }
        #expect(root.attribute("keras_version")?.value.string == "3.15.1")
        #expect(root.attribute("model_config")?.value.string?.hasPrefix("{") == true)
    }

    @Test func missingPathsNameWhatExists() throws {
        let root = try HDF5File(path: Fixtures.path("keras3/tiny_sequential.weights.h5")).root
        let error = #expect(throws: HDF5Error.self) { try root.dataset("layers/dense/vars/7") }
        #expect(error?.kind == .notFound)
        #expect(error?.message.contains("no \"7\" in /layers/dense/vars (it holds \"0\", \"1\")") == true, "\(error?.message ?? "")")
        #expect(root["layers/dense/vars/0"]?.dataset?.shape == [4, 3])
        #expect(root["/layers/nothing"] == nil)
    }
}
