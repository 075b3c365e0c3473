@testable import Keras

/// Files under `Tests/Fixtures`, found from this source file's location.
enum Fixtures {
    static let root: String = {
        let file = "\(#filePath)"
        var parts = file.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)   // Support/Fixtures.swift under Tests/KerasTests
        return parts.joined(separator: "/") + "/Fixtures"
    }()

    /// A `.npy` of the Keras fixture `model` (weights exported by `scripts/export_fixture_weights.py`).
    static func array(_ model: String, _ file: String) throws -> Tensor {
        try NPY.load(path: "\(root)/keras3/\(model)/\(file).npy")
    }

    /// Sets `layer`'s kernel and bias from the fixture's `<name>__kernel` / `<name>__bias`.
    static func loadDense(_ layer: Layer, model: String) throws {
        try layer.setWeights([array(model, "\(layer.name)__kernel"), array(model, "\(layer.name)__bias")])
    }
}
