import Testing
@testable import Keras

/// ``checkLayer(_:inputShape:outputShape:weightShapes:trainableCount:trainingChangesOutput:gradientCheck:input:inputDType:sourceLocation:)``
/// for layers with several inputs or outputs (attention, merging): symbolic and concrete output
/// shapes, weight shapes and counts, determinism, the effect of training mode, and (in float64)
/// gradients with respect to every floating input and trainable weight against central
/// differences.
///
/// - Parameters:
///   - make: makes a fresh layer of the given dtype.
///   - inputShapes: concrete input shapes (batch first).
///   - outputShapes: the expected concrete output shapes.
///   - inputs: input values (random in [-1, 1) by default); boolean ones (masks) are not
///     differentiated.
///   - call: runs the layer concretely (default: `allOutputs`), for call arguments such as a
///     causal mask.
///   - symbolicCall: runs it on symbolic tensors (default: `allOutputs`).
func checkMultiInputLayer(
    _ make: (DType) throws -> Layer, inputShapes: [[Int]], outputShapes: [[Int]], weightShapes: [[Int]] = [],
    trainableCount: Int? = nil, trainingChangesOutput: Bool = false, gradientCheck: Bool = true,
    inputs given: [Tensor]? = nil,
    call: ((Layer, [Tensor], Bool) throws -> [Tensor])? = nil,
    symbolicCall: ((Layer, [KerasTensor]) throws -> [KerasTensor])? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let run = call ?? { layer, x, training in try layer.allOutputs(x, training: training) }
    let runSymbolic = symbolicCall ?? { layer, x in try layer.allOutputs(x) }
    var data = TestData(7)
    let values = given ?? inputShapes.map { data.tensor($0) }

    // Symbolic: output shapes with an unknown batch axis.
    let symbolic = try make(.float32)
    let placeholders = zip(inputShapes, values).map { Input(shape: Array($0.dropFirst()).asTensorShape, dtype: $1.dtype) }
    let ys = try runSymbolic(symbolic, placeholders)
    #expect(ys.map(\.shape) == outputShapes.map { [nil] + Array($0.dropFirst()).asTensorShape }, "symbolic output shapes", sourceLocation: sourceLocation)
    #expect(symbolic.weights.map(\.shape) == weightShapes, "weight shapes", sourceLocation: sourceLocation)
    #expect(symbolic.trainableWeights.count == (trainableCount ?? weightShapes.count), "trainable weights", sourceLocation: sourceLocation)

    // Concrete, float32.
    let layer = try make(.float32)
    let inference = try run(layer, values, false)
    #expect(inference.map(\.shape) == outputShapes, "concrete output shapes", sourceLocation: sourceLocation)
    #expect(layer.weights.map(\.shape) == weightShapes, "weight shapes after a concrete call", sourceLocation: sourceLocation)
    #expect(layer.countParams() == weightShapes.reduce(0) { $0 + Shape.elementCount($1) }, sourceLocation: sourceLocation)
    let again = try run(layer, values, false)
    #expect(again.map(\.doubles) == inference.map(\.doubles), "inference is deterministic", sourceLocation: sourceLocation)
    let trained = try run(layer, values, true)
    #expect(trained.map(\.shape) == outputShapes, sourceLocation: sourceLocation)
    if trainingChangesOutput {
        #expect(trained.map(\.doubles) != inference.map(\.doubles), "training mode changes the output", sourceLocation: sourceLocation)
    } else {
        #expect(trained.map(\.doubles) == inference.map(\.doubles), "training mode leaves the output unchanged", sourceLocation: sourceLocation)
    }

    guard gradientCheck else { return }
    // Gradients in float64 against central differences, with respect to the inputs and weights.
    let layer64 = try make(.float64)
    let x64 = values.map { $0.dtype.isFloatingPoint ? cast($0, to: .float64) : $0 }
    _ = try run(layer64, x64, false)
    let variables = layer64.trainableWeights
    var cotangentData = TestData(11)
    let cotangents = outputShapes.map { cotangentData.tensor($0, 0.5, 1.5, dtype: .float64) }
    let differentiable = x64.indices.filter { x64[$0].dtype.isFloatingPoint }
    func objective(_ x: [Tensor]) throws -> Tensor {
        try zip(run(layer64, x, false), cotangents).map { ($0 * $1).sum() }.reduce(Tensor(0.0, dtype: .float64), +)
    }
    func value(_ x: [Tensor]) throws -> Double { try withoutGradients { try objective(x).item() } }
    let (_, gradInputs) = try valueWithGradients(at: differentiable.map { x64[$0] }) { t in
        var x = x64
        for (k, i) in differentiable.enumerated() { x[i] = t[k] }
        return try objective(x)
    }
    let (_, gradWeights) = try valueWithGradients(of: variables) { try objective(x64) }
    let eps = 1e-6
    func compare(_ analytic: Tensor, _ expected: [Double], _ what: String) {
        for (i, (a, e)) in zip(analytic.doubles, expected).enumerated() where !(Swift.abs(a - e) <= 1e-5 * Swift.max(1, Swift.abs(e))) {
            Issue.record("gradient of \(what), element \(i): analytic \(a) vs numeric \(e)", sourceLocation: sourceLocation)
            return
        }
    }
    for (k, v) in variables.enumerated() {
        let base = v.value
        var flat = base.doubles
        var expected: [Double] = []
        for i in flat.indices {
            let o = flat[i]
            flat[i] = o + eps; v.assign(Tensor(flat, shape: base.shape, dtype: .float64)); let p = try value(x64)
            flat[i] = o - eps; v.assign(Tensor(flat, shape: base.shape, dtype: .float64)); let m = try value(x64)
            flat[i] = o; v.assign(base)
            expected.append((p - m) / (2 * eps))
        }
        compare(gradWeights[k], expected, "weight \(v.path)")
    }
    for (k, i) in differentiable.enumerated() {
        var flat = x64[i].doubles
        var expected: [Double] = []
        for j in flat.indices {
            let o = flat[j]
            var x = x64
            flat[j] = o + eps; x[i] = Tensor(flat, shape: x64[i].shape, dtype: .float64); let p = try value(x)
            flat[j] = o - eps; x[i] = Tensor(flat, shape: x64[i].shape, dtype: .float64); let m = try value(x)
            flat[j] = o
            expected.append((p - m) / (2 * eps))
        }
        compare(gradInputs[k], expected, "input \(i)")
    }
}
