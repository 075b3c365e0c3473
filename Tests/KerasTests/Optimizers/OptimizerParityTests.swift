import Testing
@testable import Keras

/// Every optimizer against Keras 3.15.1: the same serialized optimizer, initial weights and
/// gradient sequence give the same weights and optimizer variables after each step.
@Suite struct OptimizerParityTests {
    @Test func fixtureLoads() throws {
        let fixture = try OptimizerFixture.load()
        #expect(fixture.root["keras_version"]?.stringValue == "3.15.1")
        #expect(fixture.cases.count >= 30)
    }

    @Test(arguments: OptimizerFixture.caseNames)
    func matchesKeras(_ caseName: String) throws {
        let fixture = try OptimizerFixture.load()
        let entry = try fixture.case(caseName)
        let serialized = try #require(entry["optimizer"])
        let optimizer = try Optimizer.fromKeras(serialized)
        // Keras's config, key for key and in Keras's order.
        #expect(optimizer.serializedKerasObject.serialized() == serialized.serialized())

        let variables = try fixture.makeVariables()
        for (key, name) in entry["constraints"]?.objectValue?.pairs ?? [] {
            let constraint: Constraint = name.stringValue == "non_neg" ? .nonNeg : .maxNorm(0.5, axes: [0, 1])
            variables[Int(key)!].constraint = { constraint($0) }
        }
        if let names = entry["exclude_names"]?.arrayValue {
            optimizer.excludeFromWeightDecay(names: names.compactMap(\.stringValue))
        }

        let steps = entry["steps"]?.arrayValue ?? []
        let gradients = try fixture.gradients()
        #expect(steps.count == gradients.count)
        for (n, (step, grads)) in zip(steps, gradients).enumerated() {
            let rate = try #require(step["learning_rate"]?.doubleValue)
            expectValues([optimizer.learningRate], [rate], "\(caseName) step \(n + 1) learning rate")
            try optimizer.apply(grads, to: variables)
            #expect(optimizer.iterations == step["iterations"]?.intValue, "\(caseName) step \(n + 1) iterations")
            for (k, (variable, expected)) in zip(variables, step["weights"]?.arrayValue ?? []).enumerated() {
                expectValues(variable.value.doubles, try numbers(expected), "\(caseName) step \(n + 1) weight \(k)")
            }
            let slots = step["optimizer_variables"]?.arrayValue ?? []
            #expect(optimizer.variables.count == slots.count, "\(caseName): \(optimizer.variables.map(\.path))")
            for (variable, expected) in zip(optimizer.variables, slots) {
                expectValues(variable.value.doubles, try numbers(expected), "\(caseName) step \(n + 1) \(variable.path)")
            }
        }
        #expect(optimizer.variables.map { withoutNumbering($0.path) }
                == (entry["variable_paths"]?.arrayValue ?? []).compactMap(\.stringValue).map(withoutNumbering))
        #expect(optimizer.variables.map(\.shape) == (entry["variable_shapes"]?.arrayValue ?? []).map { ($0.arrayValue ?? []).compactMap(\.intValue) })
        #expect(optimizer.variables.map { "\($0.dtype)" } == (entry["variable_dtypes"]?.arrayValue ?? []).compactMap(\.stringValue))

        if let finalized = entry["finalized_weights"]?.arrayValue {
            optimizer.finalizeVariableValues(variables)
            for (k, (variable, expected)) in zip(variables, finalized).enumerated() {
                expectValues(variable.value.doubles, try numbers(expected), "\(caseName) finalized weight \(k)")
            }
        }
    }
}

/// A path with an automatic name's number dropped (`nadam/variable_3` -> `nadam/variable`):
/// Keras numbers Nadam's unnamed variable across the session, and tests run side by side.
func withoutNumbering(_ path: String) -> String {
    guard let underscore = path.lastIndex(of: "_"), path[path.index(after: underscore)...].allSatisfy(\.isNumber),
          path[..<underscore].hasSuffix("/variable") else { return path }
    return String(path[..<underscore])
}
