import Testing
@testable import Keras

@Suite struct LearningRateScheduleTests {
    /// Each schedule's values at steps 0...1000 equal Keras's, and its config is Keras's.
    @Test func valuesAndConfigsMatchKeras() throws {
        let fixture = try OptimizerFixture.load()
        let entries = fixture.root["schedules"]?.arrayValue ?? []
        #expect(entries.count == 15)
        var classes = Set<String>()
        for entry in entries {
            let serialized = try #require(entry["schedule"])
            guard case .schedule(let schedule) = try LearningRate(keras: serialized) else {
                Issue.record("\(serialized) did not decode to a schedule")
                continue
            }
            classes.insert(schedule.kerasClassName)
            #expect(schedule.serializedKerasObject.serialized() == serialized.serialized())
            let steps = (entry["steps"]?.arrayValue ?? []).compactMap(\.intValue)
            let expected = try numbers(entry["values"])
            expectValues(steps.map { schedule($0) }, expected, relative: 1e-6, absolute: 1e-9,
                         "\(serialized.serialized())")
        }
        #expect(classes == Set(LearningRate.scheduleClassNames))
    }

    @Test func documentedValues() throws {
        let exponential = try ExponentialDecay(initialLearningRate: 0.1, decaySteps: 1000, decayRate: 0.96)
        #expect(Swift.abs(exponential(2000) - 0.09216) < 1e-7)
        let pieces = try PiecewiseConstantDecay(boundaries: [100, 110], values: [1.0, 0.5, 0.1])
        #expect(pieces(100) == 1.0 && pieces(101) == 0.5 && pieces(110) == 0.5 && pieces(111) == Double(Float(0.1)))
        let polynomial = try PolynomialDecay(initialLearningRate: 0.1, decaySteps: 100)
        #expect(Swift.abs(polynomial(50) - 0.05005) < 1e-7 && Swift.abs(polynomial(500) - 0.0001) < 1e-9)
        let inverse = try InverseTimeDecay(initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5)
        #expect(Swift.abs(inverse(20) - 0.05) < 1e-8)
        let cosine = try CosineDecay(initialLearningRate: 0.1, decaySteps: 100)
        #expect(Swift.abs(cosine(50) - 0.05) < 1e-8 && cosine(0) == Double(Float(0.1)))
        let warm = try CosineDecay(initialLearningRate: 0, decaySteps: 90, warmupTarget: 0.3, warmupSteps: 10)
        #expect(Swift.abs(warm(5) - 0.15) < 1e-8)
        let restarts = try CosineDecayRestarts(initialLearningRate: 0.1, firstDecaySteps: 20)
        #expect(Swift.abs(restarts(10) - 0.05) < 1e-8 && Swift.abs(restarts(20) - 0.1) < 1e-8)
    }

    @Test func invalidArgumentsAreNamed() {
        func message(_ body: () throws -> Any) -> String {
            do { _ = try body(); return "" } catch { return "\(error)" }
        }
        #expect(message { try ExponentialDecay(initialLearningRate: 0.1, decaySteps: 0, decayRate: 0.9) }.contains("decaySteps"))
        #expect(message { try InverseTimeDecay(initialLearningRate: 0.1, decaySteps: -1, decayRate: 0.9) }.contains("decaySteps"))
        #expect(message { try PolynomialDecay(initialLearningRate: 0.1, decaySteps: 0) }.contains("decaySteps"))
        #expect(message { try CosineDecay(initialLearningRate: 0.1, decaySteps: 0) }.contains("decaySteps"))
        #expect(message { try CosineDecay(initialLearningRate: 0.1, decaySteps: 10, warmupSteps: -1) }.contains("warmupSteps"))
        #expect(message { try CosineDecayRestarts(initialLearningRate: 0.1, firstDecaySteps: 0) }.contains("firstDecaySteps"))
        let mismatch = message { try PiecewiseConstantDecay(boundaries: [1, 2], values: [1.0]) }
        #expect(mismatch.contains("boundaries") && mismatch.contains("values"))
        #expect(message { try PiecewiseConstantDecay(boundaries: [], values: [1.0]) }.contains("boundar"))
    }

    @Test func decodingErrors() {
        #expect(throws: KerasError.self) { try LearningRate(keras: ["class_name": "ExponentialDecay", "config": ["decay_steps": 10, "decay_rate": 0.5]]) }
        #expect(throws: KerasError.self) { try LearningRate(keras: ["class_name": "CosineDecay", "config": ["initial_learning_rate": 0.1, "decay_steps": 10, "warmup": 3]]) }
        do {
            _ = try LearningRate(keras: ["class_name": "CosineDecy", "config": [:]])
            Issue.record("expected an error")
        } catch let error as KerasError {
            #expect(error.kind == .unknownName && error.message.contains("Did you mean \"CosineDecay\"?"))
        } catch { Issue.record("\(error)") }
        // Keras casts float boundaries to the integer step.
        if case .schedule(let s)? = try? LearningRate(keras: ["class_name": "PiecewiseConstantDecay",
                                                              "config": ["boundaries": [10.0, 20.7], "values": [1.0, 0.5, 0.1]]]) {
            #expect(s(20) == 0.5 && s(21) == Double(Float(0.1)))
        } else { Issue.record("float boundaries did not decode") }
    }

    /// A custom schedule drives an optimizer and is saved in Keras's serialized form.
    @Test func customSchedule() throws {
        final class Halving: LearningRateSchedule {
            func callAsFunction(_ step: Int) -> Double { 0.1 / Double(1 << Swift.min(step / 2, 30)) }
            var kerasClassName: String { "Halving" }
            var kerasConfig: JSONObject { ["period": 2] }
        }
        let optimizer = try SGD(learningRate: .schedule(Halving()))
        let w = Variable(Tensor([1.0, 2.0]), name: "w")
        var rates: [Double] = []
        for _ in 0..<5 {
            rates.append(optimizer.learningRate)
            try optimizer.apply([Tensor([1.0, 1.0])], to: [w])
        }
        #expect(rates == [0.1, 0.1, 0.05, 0.05, 0.025])
        expectValues(w.value.doubles, [1 - 0.325, 2 - 0.325], "weights")
        #expect(optimizer.variables.map(\.name) == ["iteration"])
        #expect(optimizer.kerasConfig["learning_rate"]?.serialized()
                == #"{"module": "keras.optimizers.schedules", "class_name": "Halving", "config": {"period": 2}, "registered_name": null}"#)
    }
}
