import Testing
@testable import Keras

/// Legacy `.h5` files written by tf.keras 2 (fixed-length strings, `batch_input_shape`, `:0`
/// weight names, Keras 2 node lists), and Keras's `by_name` / `skip_mismatch` weight loading.
@Suite struct LegacyH5Tests {
    static let file = "\(Fixtures.root)/hdf5/tfkeras2_style.h5"

    @Test func tfKeras2ModelLoadsAndReproducesItsOutputs() throws {
        let model = try loadModel(from: Self.file)
        let x = try NPY.load(path: "\(Fixtures.root)/hdf5/tfkeras2_style.in0.npy")
        let expected = try NPY.load(path: "\(Fixtures.root)/hdf5/tfkeras2_style.out0.npy")
        let worst = zip(try model(x).doubles, expected.doubles).map { Swift.abs($0 - $1) }.max() ?? 1
        #expect(worst < 1e-5)
        #expect(model.layers.map(\.name) == ["input_1", "dense", "dense_1"])
    }

    @Test func weightsLoadByNameAndSkipMismatches() throws {
        let reference = try loadModel(from: Self.file)
        // Same layer names in another order, plus a layer the file does not know.
        let x = Input(shape: [4])
        let first = try Dense(3, activation: .relu, name: "dense")
        let extra = try Dense(3, name: "extra")
        let model = try Model(inputs: x, outputs: try Dense(2, name: "dense_1")(try extra(try first(x))))
        #expect(throws: KerasError.self) { try model.loadWeights(from: Self.file) }   // by order: 3 layers vs 2
        let extraBefore = extra.getWeights().map(\.doubles)
        try model.loadWeights(from: Self.file, byName: true)
        #expect(first.getWeights().map(\.doubles) == (try reference.getLayer(named: "dense")).getWeights().map(\.doubles))
        #expect(extra.getWeights().map(\.doubles) == extraBefore)

        // A layer whose shapes differ fails by name, and is skipped with skipMismatch.
        let y = Input(shape: [4])
        let wide = try Dense(5, name: "dense")
        let other = try Model(inputs: y, outputs: try Dense(2, name: "dense_1")(try wide(y)))
        #expect { try other.loadWeights(from: Self.file, byName: true) } throws: { "\($0)".contains("shape") }
        let wideBefore = wide.getWeights().map(\.doubles)
        try other.loadWeights(from: Self.file, byName: true, skipMismatch: true)
        #expect(wide.getWeights().map(\.doubles) == wideBefore)
    }
}
