import Testing
@testable import Keras

@Suite struct ConstraintTests {
    static let w = Tensor([0.5, -1.0, 2.0, 1.5, 0.25, -0.75, -2.0, 0.0, 1.0, 0.3, -0.6, 0.9], shape: [4, 3], dtype: .float32)

    @Test func projectionsMatchKeras() {
        // Keras 3.15.1 (JAX) on the same float32 weight.
        let unitNorm = [0.19477234780788422, -0.8384435176849365, 0.7922734022140503, 0.5843170285224915, 0.20961087942123413, -0.29710251092910767, -0.7790893912315369, 0.0, 0.39613670110702515, 0.11686341464519501, -0.5030661225318909, 0.3565230071544647]
        let cases: [(Constraint, [Double])] = [
            (.maxNorm, [0.38954469561576843, -0.9999998807907104, 1.5845468044281006, 1.168634057044983, 0.2499999701976776, -0.5942050218582153, -1.5581787824630737, 0.0, 0.7922734022140503, 0.23372682929039001, -0.5999999642372131, 0.7130460143089294]),
            (.maxNorm(1, axis: 1), [0.2182178795337677, -0.4364357590675354, 0.8728715181350708, 0.8846516609191895, 0.14744193851947784, -0.4423258304595947, -0.8944271802902222, 0.0, 0.4472135901451111, 0.26726123690605164, -0.5345224738121033, 0.8017836809158325]),
            (.minMaxNorm, unitNorm),
            (.minMaxNorm(minValue: 0.5, maxValue: 2, rate: 0.5, axis: 1), [0.4682178795337677, -0.9364357590675354, 1.8728715181350708, 1.4999998807907104, 0.2499999850988388, -0.7499999403953552, -1.8944270610809326, 0.0, 0.9472135305404663, 0.29999998211860657, -0.5999999642372131, 0.8999998569488525]),
            (.nonNeg, [0.5, 0.0, 2.0, 1.5, 0.25, 0.0, 0.0, 0.0, 1.0, 0.30000001192092896, 0.0, 0.8999999761581421]),
            (.unitNorm, unitNorm),
            (.unitNorm(axes: [0, 1]), [0.13183024525642395, -0.2636604905128479, 0.5273209810256958, 0.39549073576927185, 0.06591512262821198, -0.19774536788463593, -0.5273209810256958, 0.0, 0.2636604905128479, 0.07909815013408661, -0.15819630026817322, 0.23729443550109863]),
        ]
        for (constraint, expected) in cases {
            let y = constraint(Self.w)
            #expect(y.shape == [4, 3])
            let error = zip(y.doubles, expected).map { Swift.abs($0 - $1) }.max() ?? 0
            #expect(error < 1e-6, "\(constraint): \(y.doubles)")
        }
        // A zero vector stays zero thanks to the epsilon.
        #expect(Constraint.unitNorm(Tensor.zeros([3, 2])).doubles == [0, 0, 0, 0, 0, 0])
    }

    static let expected: [(Constraint, String)] = [
        (.maxNorm, #"{"module": "keras.constraints", "class_name": "MaxNorm", "config": {"max_value": 2, "axis": 0}, "registered_name": null}"#),
        (.maxNorm(3.5, axes: [0, 1]), #"{"module": "keras.constraints", "class_name": "MaxNorm", "config": {"max_value": 3.5, "axis": [0, 1]}, "registered_name": null}"#),
        (.minMaxNorm, #"{"module": "keras.constraints", "class_name": "MinMaxNorm", "config": {"min_value": 0.0, "max_value": 1.0, "rate": 1.0, "axis": 0}, "registered_name": null}"#),
        (.nonNeg, #"{"module": "keras.constraints", "class_name": "NonNeg", "config": {}, "registered_name": null}"#),
        (.unitNorm, #"{"module": "keras.constraints", "class_name": "UnitNorm", "config": {"axis": 0}, "registered_name": null}"#),
    ]

    @Test func configsRoundTripAndMatchKeras() throws {
        for (constraint, json) in Self.expected {
            #expect(constraint.kerasConfig.serialized() == json)
            let decoded = try Constraint(keras: JSONValue(parsing: json))
            #expect(decoded == constraint)
            #expect(decoded.kerasConfig.serialized() == json)
        }
        // Keras writes MaxNorm(3.0, axis=[0, 1]) with a float, which we keep.
        let keras = #"{"module": "keras.constraints", "class_name": "MaxNorm", "config": {"max_value": 3.0, "axis": [0, 1]}, "registered_name": null}"#
        #expect(try Constraint(keras: JSONValue(parsing: keras)).kerasConfig.serialized() == keras)
        #expect(try Constraint(keras: "max_norm") == .maxNorm)
        #expect(try Constraint(keras: "min_max_norm") == .minMaxNorm)
        #expect(try Constraint(keras: "NonNeg") == .nonNeg)
        #expect(try Constraint(keras: "unit_norm") == .unitNorm)
    }

    @Test func badConfigsThrow() {
        let bad: [JSONValue] = ["max_nrom", ["class_name": "MaxNorm", "config": ["axis": "rows"]],
                                ["class_name": "UnitNorm", "config": ["axis": 0, "scale": 1]], ["class_name": 5]]
        for value in bad {
            #expect(throws: KerasError.self, "\(value)") { try Constraint(keras: value) }
        }
        do {
            _ = try Constraint(keras: "max_nrom")
        } catch let error as KerasError {
            #expect(error.message.contains(#"Did you mean "max_norm"?"#), "\(error.message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
