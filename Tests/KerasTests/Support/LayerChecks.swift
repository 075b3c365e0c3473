import Testing
@testable import Keras

/// Deterministic test data, independent of the library's random generator.
struct TestData {
    var state: UInt64
    init(_ seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) * 0x1p-53
    }
    /// A tensor of `shape` with values in [lo, hi).
    mutating func tensor(_ shape: [Int], _ lo: Double = -1, _ hi: Double = 1, dtype: DType = .float32) -> Tensor {
        Tensor((0..<Shape.elementCount(shape)).map { _ in lo + (hi - lo) * next() }, shape: shape, dtype: dtype)
    }
}

/// Keras's `run_layer_test` in one call: builds the layer symbolically and concretely, checks the
/// output shape both ways, the weight count and shapes, whether training mode changes the output,
/// and (in float64) that gradients with respect to the input and every trainable weight match
/// finite differences.
///
/// - Parameters:
///   - make: makes a fresh layer of the given dtype.
///   - inputShape: a concrete input shape (batch first).
///   - outputShape: the expected concrete output shape.
///   - weightShapes: the expected shapes of `layer.weights`, in order.
///   - trainableCount: how many of them are trainable (all by default).
///   - trainingChangesOutput: whether `training: true` gives a different output (dropout, noise).
///   - gradientCheck: whether to compare gradients with finite differences.
///   - input: the input values (random in [-1, 1) by default).
func checkLayer(
    _ make: (DType) throws -> Layer, inputShape: [Int], outputShape: [Int], weightShapes: [[Int]] = [],
    trainableCount: Int? = nil, trainingChangesOutput: Bool = false, gradientCheck: Bool = true,
    input: Tensor? = nil, inputDType: DType? = nil, sourceLocation: SourceLocation = #_sourceLocation
) throws {
    var data = TestData(7)
    // Symbolic: output shape with an unknown batch axis.
    let symbolic = try make(.float32)
    let x = Input(shape: Array(inputShape.dropFirst()).asTensorShape, dtype: inputDType ?? .float32)
    let y = try symbolic(x)
    #expect(y.shape == [nil] + Array(outputShape.dropFirst()).asTensorShape, "symbolic output shape", sourceLocation: sourceLocation)
    #expect(symbolic.weights.map(\.shape) == weightShapes, "weight shapes", sourceLocation: sourceLocation)
    #expect(symbolic.trainableWeights.count == (trainableCount ?? weightShapes.count), "trainable weights", sourceLocation: sourceLocation)

    // Concrete, float32.
    let layer = try make(.float32)
    let value = input ?? data.tensor(inputShape)
    let inference = try layer(value)
    #expect(inference.shape == outputShape, "concrete output shape", sourceLocation: sourceLocation)
    #expect(layer.weights.map(\.shape) == weightShapes, "weight shapes after a concrete call", sourceLocation: sourceLocation)
    #expect(layer.countParams() == weightShapes.reduce(0) { $0 + Shape.elementCount($1) }, sourceLocation: sourceLocation)
    let again = try layer(value)
    #expect(again.doubles == inference.doubles, "inference is deterministic", sourceLocation: sourceLocation)
    let trained = try layer(value, training: true)
    #expect(trained.shape == outputShape, sourceLocation: sourceLocation)
    if trainingChangesOutput {
        #expect(trained.doubles != inference.doubles, "training mode changes the output", sourceLocation: sourceLocation)
    } else {
        #expect(trained.doubles == inference.doubles, "training mode leaves the output unchanged", sourceLocation: sourceLocation)
    }

    try checkConfigRoundTrip(layer, input: value, sourceLocation: sourceLocation)

    guard gradientCheck else { return }
    // Gradients in float64 against central differences, with respect to the input and weights.
    let layer64 = try make(.float64)
    let x64 = value.dtype.isFloatingPoint ? cast(value, to: .float64) : value
    _ = try layer64(x64)
    let variables = layer64.trainableWeights
    var cotangentData = TestData(11)
    let w = cotangentData.tensor(outputShape, 0.5, 1.5, dtype: .float64)
    func objective() throws -> Tensor { (try layer64(x64) * w).sum() }
    let inputs = x64.dtype.isFloatingPoint ? [x64] : []
    let (_, gradInput) = try valueWithGradients(at: inputs) { t in (try layer64(t.first ?? x64) * w).sum() }
    let (_, gradWeights) = try valueWithGradients(of: variables) { try objective() }
    let eps = 1e-6
    func numeric(_ set: (Tensor) -> Void, _ base: Tensor) throws -> [Double] {
        var values = base.doubles
        var result: [Double] = []
        for i in values.indices {
            let original = values[i]
            values[i] = original + eps; set(Tensor(values, shape: base.shape, dtype: .float64))
            let plus = try withoutGradients { try objective().item() }
            values[i] = original - eps; set(Tensor(values, shape: base.shape, dtype: .float64))
            let minus = try withoutGradients { try objective().item() }
            values[i] = original; set(base)
            result.append((plus - minus) / (2 * eps))
        }
        return result
    }
    func compare(_ analytic: Tensor, _ expected: [Double], _ what: String) {
        for (i, (a, e)) in zip(analytic.doubles, expected).enumerated() where Swift.abs(a - e) > 1e-5 * Swift.max(1, Swift.abs(e)) {
            Issue.record("gradient of \(what), element \(i): analytic \(a) vs numeric \(e)", sourceLocation: sourceLocation)
            return
        }
    }
    for (k, v) in variables.enumerated() {
        let base = v.value
        compare(gradWeights[k], try numeric({ v.assign($0) }, base), "weight \(v.name)")
    }
    if let g = gradInput.first {
        let base = x64
        func objectiveAt(_ t: Tensor) throws -> Double { try withoutGradients { (try layer64(t) * w).sum().item() } }
        var values = base.doubles
        var expected: [Double] = []
        for i in values.indices {
            let o = values[i]
            values[i] = o + eps; let p = try objectiveAt(Tensor(values, shape: base.shape, dtype: .float64))
            values[i] = o - eps; let m = try objectiveAt(Tensor(values, shape: base.shape, dtype: .float64))
            values[i] = o
            expected.append((p - m) / (2 * eps))
        }
        compare(g, expected, "the input")
    }
}

/// Keras's config round trip for a built layer: serialize, rebuild through the registry (which
/// builds from `build_config`), serialize again: the two objects must be equal, the rebuilt
/// layer must have the same weight shapes, and with the weights copied it must compute the same
/// output.
func checkConfigRoundTrip(_ layer: Layer, input: Tensor? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
    // Every built-in class is registered; a test's own layer classes (a custom RNN cell, say)
    // are not, and neither are wrappers holding one: those are skipped.
    let unregistered = ([layer] + layer.allSublayers).filter { LayerRegistry.entry(for: $0) == nil }
    guard unregistered.isEmpty else {
        #expect(unregistered.allSatisfy { $0 is Lambda || !String(reflecting: type(of: $0)).hasPrefix("Keras.") },
                "built-in layer classes must be registered: \(unregistered.map(\.className))", sourceLocation: sourceLocation)
        return
    }
    let object = try layer.serializedKerasObject()
    let rebuilt = try LayerRegistry.deserialize(object)
    let again = try rebuilt.serializedKerasObject()
    #expect(again == object, "config round trip:\n\(object.serialized())\nvs\n\(again.serialized())", sourceLocation: sourceLocation)
    #expect(rebuilt.weights.map(\.shape) == layer.weights.map(\.shape), "weights after build_from_config", sourceLocation: sourceLocation)
    guard let input, rebuilt.weights.count == layer.weights.count else { return }
    try rebuilt.setWeights(layer.getWeights())
    let expected = try layer(input), actual = try rebuilt(input)
    #expect(actual.doubles == expected.doubles, "the rebuilt layer computes the same output", sourceLocation: sourceLocation)
}

/// Keras's own serialized layers (from `scripts/pyref/configs_*.py`, a JSON list of
/// `{"case": ..., "object": serialize_keras_object(layer)}` written after building each layer)
/// read into Swift layers and written back: the result must equal Keras's object exactly (keys,
/// values, number kinds), `shared_object_id` aside.
func checkKerasConfigFixture(_ file: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let cases = try #require(try JSONValue(parsing: String(decoding: FileIO.read("\(Fixtures.root)/\(file)"), as: UTF8.self)).arrayValue, sourceLocation: sourceLocation)
    #expect(!cases.isEmpty, sourceLocation: sourceLocation)
    for entry in cases {
        let name = entry.objectValue?["case"]?.stringValue ?? "?"
        let expected = withoutSharedObjectIDs(try #require(entry.objectValue?["object"], sourceLocation: sourceLocation))
        do {
            let layer = try LayerRegistry.deserialize(expected)
            let written = try layer.serializedKerasObject()
            #expect(written == expected, "\(name):\nKeras: \(expected.serialized())\nSwift: \(written.serialized())", sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(name): \(error)", sourceLocation: sourceLocation)
        }
    }
}

/// `value` without Keras's `shared_object_id` keys (Python object ids, not reproducible).
func withoutSharedObjectIDs(_ value: JSONValue) -> JSONValue {
    switch value {
    case .object(let o):
        var result = JSONObject()
        for key in o.keys where key != "shared_object_id" { result[key] = withoutSharedObjectIDs(o[key]!) }
        return .object(result)
    case .array(let a): return .array(a.map(withoutSharedObjectIDs))
    default: return value
    }
}
