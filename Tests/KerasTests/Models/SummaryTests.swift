import Testing
@testable import Keras

@Suite(.serialized) struct SummaryTests {
    func text(_ model: Model, expandNested: Bool = false) -> String {
        var lines: [String] = []
        model.summary(lineLength: 76, expandNested: expandNested) { lines.append($0) }
        return lines.joined(separator: "\n")
    }

    @Test func sequentialMatchesKeras() throws {
        let model = try Sequential([
            Dense(32, activation: .relu, name: "dense"),
            Dense(10, name: "dense_1"),
        ], input: Input(shape: [16], name: "features"), name: "sequential")
        let expected = """
        Model: "sequential"
        ┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━┓
        ┃ Layer (type)                    ┃ Output Shape           ┃       Param # ┃
        ┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━┩
        │ dense (Dense)                   │ (None, 32)             │           544 │
        ├─────────────────────────────────┼────────────────────────┼───────────────┤
        │ dense_1 (Dense)                 │ (None, 10)             │           330 │
        └─────────────────────────────────┴────────────────────────┴───────────────┘
         Total params: 874 (3.41 KB)
         Trainable params: 874 (3.41 KB)
         Non-trainable params: 0 (0.00 B)
        """
        #expect(text(model) == expected)
    }
}

extension SummaryTests {
    /// Two inputs, two outputs, a shared layer called twice and a nested Sequential: the model of
    /// `Tests/KerasTests/Models/FunctionalModelTests.swift`.
    static func sharedModel() throws -> (Model, Dense, Sequential, Dense) {
        let a = Input(shape: [8], name: "a"), b = Input(shape: [4], name: "b")
        let shared = try Dense(4, name: "shared")
        let inner = try Sequential([Dense(5, name: "dense_3"), Dense(3, name: "dense_4")], name: "inner")
        let h1 = try shared(b)
        let c = try Concatenate(name: "concatenate")([a, h1])
        let o1 = try inner(c)
        let head = try Dense(1, name: "out2")
        let o2 = try head(shared(h1))
        return (try Model(inputs: [a, b], outputs: [o1, o2], name: "functional_2"), shared, inner, head)
    }

    @Test func functionalWithSharedAndNestedLayersMatchesKeras() throws {
        let (model, _, _, _) = try Self.sharedModel()
        let expected = """
        Model: "functional_2"
        ┏━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┓
        ┃ Layer (type)        ┃ Output Shape      ┃    Param # ┃ Connected to      ┃
        ┡━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━┩
        │ b (InputLayer)      │ (None, 4)         │          0 │ -                 │
        ├─────────────────────┼───────────────────┼────────────┼───────────────────┤
        │ a (InputLayer)      │ (None, 8)         │          0 │ -                 │
        ├─────────────────────┼───────────────────┼────────────┼───────────────────┤
        │ shared (Dense)      │ (None, 4)         │         20 │ b[0][0],          │
        │                     │                   │            │ shared[0][0]      │
        ├─────────────────────┼───────────────────┼────────────┼───────────────────┤
        │ concatenate         │ (None, 12)        │          0 │ a[0][0],          │
        │ (Concatenate)       │                   │            │ shared[0][0]      │
        ├─────────────────────┼───────────────────┼────────────┼───────────────────┤
        │ inner (Sequential)  │ (None, 3)         │         83 │ concatenate[0][0] │
        ├─────────────────────┼───────────────────┼────────────┼───────────────────┤
        │ out2 (Dense)        │ (None, 1)         │          5 │ shared[1][0]      │
        └─────────────────────┴───────────────────┴────────────┴───────────────────┘
         Total params: 108 (432.00 B)
         Trainable params: 108 (432.00 B)
         Non-trainable params: 0 (0.00 B)
        """
        #expect(text(model) == expected)
        let expanded = text(model, expandNested: true)
        #expect(expanded.contains("""
        │    └ dense_3        │ (None, 5)         │         65 │ -                 │
        │ (Dense)             │                   │            │                   │
        """))
    }
}
