import Testing
@testable import Keras

@Suite struct RegularizerTests {
    static let w = Tensor([0.5, -1.0, 2.0, 1.5, 0.25, -0.75, -2.0, 0.0, 1.0, 0.3, -0.6, 0.9], shape: [4, 3], dtype: .float32)

    @Test func lossesMatchKeras() {
        // Keras 3.15.1 (JAX) on the same float32 weight.
        let cases: [(Regularizer, Double)] = [
            (.l1, 0.1080000028014183), (.l1(0.3), 3.2400002479553223),
            (.l2, 0.14384999871253967), (.l2(0.3), 4.315500259399414),
            (.l1L2, 0.0), (.l1L2(l1: 0.01, l2: 0.02), 0.39570000767707825),
            (.orthogonal, 0.004582761321216822), (.orthogonal(factor: 0.1, mode: .columns), 0.04305914044380188),
        ]
        for (regularizer, expected) in cases {
            let loss = regularizer(Self.w)
            #expect(loss.shape == [])
            #expect(loss.dtype == .float32)
            #expect(Swift.abs(loss.item() - expected) <= 1e-6 * Swift.max(1, expected), "\(regularizer): \(loss.item())")
        }
    }

    static let expected: [(Regularizer, String)] = [
        (.l1, #"{"module": "keras.regularizers", "class_name": "L1", "config": {"l1": 0.009999999776482582}, "registered_name": null}"#),
        (.l1(0.02), #"{"module": "keras.regularizers", "class_name": "L1", "config": {"l1": 0.019999999552965164}, "registered_name": null}"#),
        (.l2, #"{"module": "keras.regularizers", "class_name": "L2", "config": {"l2": 0.01}, "registered_name": null}"#),
        (.l1L2, #"{"module": "keras.regularizers", "class_name": "L1L2", "config": {"l1": 0.0, "l2": 0.0}, "registered_name": null}"#),
        (.l1L2(l1: 0.01, l2: 0.02), #"{"module": "keras.regularizers", "class_name": "L1L2", "config": {"l1": 0.01, "l2": 0.02}, "registered_name": null}"#),
        (.orthogonal, #"{"module": "keras.regularizers", "class_name": "OrthogonalRegularizer", "config": {"factor": 0.009999999776482582, "mode": "rows"}, "registered_name": null}"#),
    ]

    @Test func configsRoundTripAndMatchKeras() throws {
        for (regularizer, json) in Self.expected {
            #expect(regularizer.kerasConfig.serialized() == json)
            let decoded = try Regularizer(keras: JSONValue(parsing: json))
            #expect(decoded == regularizer)
            #expect(decoded.kerasConfig.serialized() == json)
        }
        #expect(try Regularizer(keras: "l1") == .l1)
        #expect(try Regularizer(keras: "L2") == .l2)
        #expect(try Regularizer(keras: "l1l2") == .l1L2)
        #expect(try Regularizer(keras: "l1_l2") == .l1L2)
        #expect(try Regularizer(keras: "orthogonal_regularizer") == .orthogonal)
        #expect(try Regularizer(keras: ["class_name": "OrthogonalRegularizer", "config": ["mode": "columns"]])
                == .orthogonal(mode: .columns))
    }

    @Test func badConfigsThrow() {
        let bad: [JSONValue] = [
            "l3", ["class_name": "L1", "config": ["l1": -0.1]], ["class_name": "L2", "config": ["l1": 0.1]],
            ["class_name": "L2", "config": ["l2": "big"]], ["class_name": "OrthogonalRegularizer", "config": ["mode": "diagonal"]],
            ["class_name": "L1", "config": ["l1": .double(.infinity)]],
        ]
        for value in bad {
            #expect(throws: KerasError.self, "\(value)") { try Regularizer(keras: value) }
        }
        #expect(throws: KerasError.self) { try Regularizer.orthogonal.validate(weightShape: [3, 3, 2]) }
        #expect(throws: Never.self) { try Regularizer.l2.validate(weightShape: [3, 3, 2]) }
    }

    @Test func customRegularizers() {
        let r = Regularizer.custom(name: "Sum") { $0.sum() }
        #expect(r(Tensor([1.0, 2])).item() == 3)
        #expect(r != .l1)
    }
}
