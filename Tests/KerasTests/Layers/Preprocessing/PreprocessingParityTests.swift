import Testing
@testable import Keras

/// Every deterministic preprocessing computation against Keras 3.15.1 (JAX backend), case by case
/// from `Tests/Fixtures/layers/preprocessing_layers.json`: the layer is made from Keras's
/// arguments, adapted on Keras's data where Keras adapted it, and must give Keras's statistics,
/// boundaries and outputs (1e-5 for floats, exactly for integers).
@Suite struct PreprocessingParityTests {
    static let caseIDs: [String] = PreprocessingFixture.cases.compactMap { $0["id"]?.stringValue }

    @Test func fixtureIsPresent() {
        #expect(PreprocessingFixture.root["keras_version"]?.stringValue == "3.15.1")
        #expect(Self.caseIDs.count >= 128, "\(Self.caseIDs.count) cases")
    }

    @Test(arguments: caseIDs) func matchesKeras(_ id: String) throws {
        guard let entry = PreprocessingFixture.entry(id), let className = entry["class_name"]?.stringValue,
              let config = entry["config"] else {
            Issue.record("no case \(id)")
            return
        }
        let layer = try PreprocessingFixture.makeLayer(className, config)
        #expect(layer.className == className)
        if let data = entry["adapt"] {
            try adapt(layer, [PreprocessingFixture.tensor(data)], single: true)
        }
        if let batches = entry["adapt_batches"]?.arrayValue {
            try adapt(layer, batches.map { try PreprocessingFixture.tensor($0) }, single: false)
        }
        let training = entry["training"]?.boolValue ?? false
        let expected = try PreprocessingFixture.tensor(entry["output"])
        let y: Tensor
        if let strings = entry["input"]?["strings"]?.arrayValue?.compactMap(\.stringValue) {
            let shape = entry["input"]?["shape"]?.arrayValue?.compactMap(\.intValue)
            let hashing = try #require(layer as? Hashing)
            y = try hashing(Tensor(strings: strings, shape: shape))
        } else {
            let x = try PreprocessingFixture.tensor(entry["input"])
            if let weights = entry["call"]?["count_weights"] {
                let encoding = try #require(layer as? CategoryEncoding)
                y = try encoding(x, countWeights: PreprocessingFixture.tensor(weights))
            } else {
                y = try layer(x, training: training)
            }
            let symbolic = try layer.computeOutputShape(x.shape.asTensorShape)
            #expect(symbolic == expected.shape.asTensorShape, "\(id): output shape")
        }
        if let bins = entry["hash_bins"]?.arrayValue?.compactMap(\.intValue), let hashing = layer as? Hashing {
            let modeless = try Hashing(numBins: hashing.numBins, maskValue: hashing.maskValue,
                                       salt: hashing.salt.map { $0.map { Int(truncatingIfNeeded: $0) } })
            let raw: Tensor
            if let strings = entry["input"]?["strings"]?.arrayValue?.compactMap(\.stringValue) {
                raw = try modeless(Tensor(strings: strings))
            } else {
                raw = try modeless(PreprocessingFixture.tensor(entry["input"]))
            }
            #expect(raw.scalars(as: Int64.self).map(Int.init) == bins, "\(id): int64 bins")
        }
        if let boundaries = PreprocessingFixture.doubles(entry["bin_boundaries"]), let d = layer as? Discretization {
            #expect(d.binBoundaries == boundaries, "\(id): bin boundaries")
        }
        if let vocabulary = entry["vocabulary"]?.arrayValue?.compactMap(\.intValue), let lookup = layer as? IntegerLookup {
            #expect(lookup.vocabulary().map(Int.init) == vocabulary, "\(id): vocabulary")
            #expect(lookup.vocabularySize == vocabulary.count)
            if let idf = PreprocessingFixture.doubles(entry["idf_weights"]) {
                expectClose(Tensor(lookup.idfWeights ?? []), idf)
            }
        }
        if let weights = entry["weights"]?.objectValue {
            for variable in layer.weights {
                guard let value = weights[variable.name] else { Issue.record("\(id): no weight \(variable.name)"); continue }
                expectClose(variable.value, try PreprocessingFixture.tensor(value).doubles, shape: nil)
            }
            #expect(layer.weights.map(\.name) == ["mean", "variance", "count"].filter { weights[$0] != nil })
        }
        #expect(y.shape == expected.shape, "\(id): shape \(y.shape) vs \(expected.shape)")
        if expected.dtype.isInteger {
            // Keras on JAX returns int64 results as int32; compare the values that fit.
            #expect(y.scalars(as: Int64.self).map { Int32(truncatingIfNeeded: $0) } == expected.scalars(as: Int32.self), "\(id): values")
        } else {
            expectClose(y, expected.doubles, tolerance: 1e-5)
        }
    }

    private func adapt(_ layer: Layer, _ data: [Tensor], single: Bool) throws {
        switch layer {
        case let n as Normalization: single ? try n.adapt(data[0]) : try n.adapt(batches: data)
        case let d as Discretization: single ? try d.adapt(data[0]) : try d.adapt(batches: data)
        case let l as IntegerLookup: single ? try l.adapt(data[0]) : try l.adapt(batches: data)
        default: Issue.record("\(layer.className) cannot adapt")
        }
    }
}
