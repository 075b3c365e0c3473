import Testing
@testable import Keras

/// Every convolution, pooling and reshaping layer against Keras 3.15.1 (JAX backend), case by
/// case from `Tests/Fixtures/layers/conv_layers.json`: the layer is made from Keras's config, its
/// weights are set to Keras's with `setWeights`, and its output must match within 1e-5.
@Suite struct ConvLayerParityTests {
    static let caseIDs: [String] = ConvLayerFixture.cases.compactMap { $0["id"]?.stringValue }

    @Test func fixtureIsPresent() {
        #expect(ConvLayerFixture.root["keras_version"]?.stringValue == "3.15.1")
        #expect(Self.caseIDs.count >= 80, "\(Self.caseIDs.count) cases")
        let classes = Set(ConvLayerFixture.cases.compactMap { $0["class_name"]?.stringValue })
        #expect(classes.count == 31, "\(classes.sorted())")
    }

    @Test(arguments: caseIDs) func matchesKeras(_ id: String) throws {
        guard let entry = ConvLayerFixture.cases.first(where: { $0["id"]?.stringValue == id }),
              let className = entry["class_name"]?.stringValue, let config = entry["config"] else {
            Issue.record("no case \(id)")
            return
        }
        let layer = try ConvLayerFixture.makeLayer(className, config)
        #expect(layer.className == className)
        let x = try ConvLayerFixture.tensor(entry["input"])
        let mask = try entry["mask"].map { try ConvLayerFixture.tensor($0, bool: true) }
        _ = try layer(x, mask: mask)
        let names = entry["weight_names"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(layer.weights.map(\.name) == names, "\(id): weight names")
        try layer.setWeights((entry["weights"]?.arrayValue ?? []).map { try ConvLayerFixture.tensor($0) })
        let expected = try ConvLayerFixture.tensor(entry["output"])
        let y = try layer(x, mask: mask)
        expectClose(y, expected, tolerance: 1e-5)
        // Training mode computes the same (nothing here is stochastic), and the symbolic shape
        // agrees with the concrete one.
        expectClose(try layer(x, training: true, mask: mask), expected, tolerance: 1e-5)
        let symbolic = try layer.computeOutputShape([nil] + x.shape.dropFirst().map { Optional($0) })
        #expect(symbolic == [nil] + expected.shape.dropFirst().map { Optional($0) }, "\(id): output shape")
    }
}
