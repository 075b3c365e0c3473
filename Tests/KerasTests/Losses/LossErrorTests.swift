import Testing
@testable import Keras

/// Misuse throws a `KerasError` that names what was received and how to fix it.
@Suite struct LossErrorTests {
    /// Runs `body`, expecting a `KerasError` of `kind` whose message contains every one of `parts`.
    static func expectError(_ kind: KerasError.Kind, containing parts: [String],
                            sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Any) {
        do {
            _ = try body()
            Issue.record("expected a KerasError containing \(parts)", sourceLocation: sourceLocation)
        } catch let error as KerasError {
            #expect(error.kind == kind, "\(error.kind): \(error.message)", sourceLocation: sourceLocation)
            for part in parts where !error.message.contains(part) {
                Issue.record("message lacks \"\(part)\": \(error.message)", sourceLocation: sourceLocation)
            }
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        }
    }

    static let probabilities = Tensor([0.2, 0.3, 0.5, 0.1, 0.1, 0.8, 0.6, 0.3, 0.1, 0.3, 0.3, 0.4], shape: [4, 3])

    @Test func sparseLossRejectsOneHotLabels() {
        let oneHot = Tensor([1.0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1], shape: [4, 3])
        Self.expectError(.incompatibleShape, containing: ["(4, 3)", "one-hot", "use CategoricalCrossentropy for one-hot labels, or pass integer class indices", "(4,)"]) {
            try SparseCategoricalCrossentropy()(oneHot, Self.probabilities)
        }
        Self.expectError(.incompatibleShape, containing: ["(4, 3)", "CategoricalCrossentropy"]) {
            try Losses.sparseCategoricalCrossentropy(oneHot, Self.probabilities)
        }
        Self.expectError(.incompatibleShape, containing: ["(4, 2)", "(4, 3)"]) {
            try SparseCategoricalCrossentropy()(Tensor([0, 1, 2, 0, 1, 2, 0, 1], shape: [4, 2]), Self.probabilities)
        }
    }

    @Test func categoricalLossRejectsIntegerLabels() {
        for labels in [Tensor([0, 2, 1, 2]), Tensor([0, 2, 1, 2], shape: [4, 1])] {
            Self.expectError(.incompatibleShape, containing: [Shape.describe(labels.shape), "(4, 3)", "use SparseCategoricalCrossentropy"]) {
                try CategoricalCrossentropy()(labels, Self.probabilities)
            }
            Self.expectError(.incompatibleShape, containing: ["SparseCategoricalCrossentropy"]) {
                try CategoricalFocalCrossentropy(fromLogits: true)(labels, Self.probabilities)
            }
        }
        Self.expectError(.incompatibleShape, containing: ["(4, 2)", "(4, 3)"]) {
            try CategoricalCrossentropy()(Tensor.zeros([4, 2]), Self.probabilities)
        }
    }

    @Test func incompatibleShapesNameBothShapes() {
        let cases: [(Loss, Tensor, Tensor)] = [
            (MeanSquaredError(), Tensor.zeros([4, 3]), Tensor.zeros([4, 5])),
            (MeanAbsoluteError(), Tensor.zeros([2, 3]), Tensor.zeros([3, 2])),
            (try! BinaryCrossentropy(), Tensor.zeros([4, 3]), Tensor.zeros([4, 2])),
            (KLDivergence(), Tensor.zeros([4, 3]), Tensor.zeros([4, 5])),
            (Hinge(), Tensor.zeros([4, 3]), Tensor.zeros([4, 5])),
            (try! Dice(), Tensor.zeros([2, 4]), Tensor.zeros([2, 3])),
        ]
        for (loss, yTrue, yPred) in cases {
            Self.expectError(.incompatibleShape, containing: [Shape.describe(yTrue.shape), Shape.describe(yPred.shape)]) {
                try loss(yTrue, yPred)
            }
        }
        Self.expectError(.incompatibleShape, containing: ["(4,)", "(3,)", "sample weights"]) {
            try MeanSquaredError()(Tensor.zeros([4, 3]), Tensor.ones([4, 3]), sampleWeight: Tensor.ones([3]))
        }
        Self.expectError(.incompatibleShape, containing: ["(4,)", "(5,)", "mask"]) {
            try MeanSquaredError()(Tensor.zeros([4, 3]), Tensor.ones([4, 3]), mask: Tensor.ones([5]))
        }
        Self.expectError(.incompatibleShape, containing: ["scalar"]) {
            try Losses.meanSquaredError(Tensor(1.0), Tensor(2.0))
        }
        Self.expectError(.invalidArgument, containing: ["axis=2", "(4, 3)"]) {
            try BinaryCrossentropy(axis: 2)(Tensor.zeros([4, 3]), Self.probabilities)
        }
        Self.expectError(.invalidArgument, containing: ["axis=3", "(2, 4)"]) {
            try Dice(axis: [1, 3])(Tensor.zeros([2, 4]), Tensor.zeros([2, 4]))
        }
    }

    @Test func invalidArgumentsThrowAtInit() throws {
        Self.expectError(.invalidArgument, containing: ["delta", "-1.0"]) { try Huber(delta: -1) }
        Self.expectError(.invalidArgument, containing: ["label_smoothing", "1.5"]) { try BinaryCrossentropy(labelSmoothing: 1.5) }
        Self.expectError(.invalidArgument, containing: ["label_smoothing", "-0.1"]) { try CategoricalCrossentropy(labelSmoothing: -0.1) }
        Self.expectError(.invalidArgument, containing: ["gamma"]) { try BinaryFocalCrossentropy(gamma: -1) }
        Self.expectError(.invalidArgument, containing: ["alpha", "2.0"]) { try BinaryFocalCrossentropy(alpha: 2) }
        Self.expectError(.invalidArgument, containing: ["alpha"]) { try CategoricalFocalCrossentropy(alpha: .nan) }
        Self.expectError(.invalidArgument, containing: ["label_smoothing"]) { try CategoricalFocalCrossentropy(labelSmoothing: 2) }
        Self.expectError(.invalidArgument, containing: ["beta"]) { try Tversky(beta: -0.5) }
        Self.expectError(.invalidArgument, containing: ["repeats"]) { try Dice(axis: [1, 1]) }
        Self.expectError(.invalidArgument, containing: ["gamma"]) { try Circle(gamma: .infinity) }
        Self.expectError(.invalidArgument, containing: ["margin", "finite"]) { try Circle(margin: .nan) }
        Self.expectError(.invalidArgument, containing: ["delta"]) { try Losses.huber(Tensor.zeros([2]), Tensor.zeros([2]), delta: -2) }
        Self.expectError(.invalidArgument, containing: ["reduction", "\"avg\""]) { try LossReduction(keras: "avg") }
        #expect(try LossReduction(keras: .null) == LossReduction.none)
    }

    @Test func ctcChecksItsInputs() {
        Self.expectError(.incompatibleShape, containing: ["y_true", "(2,)"]) { try CTC()(Tensor([1, 2]), Tensor.zeros([2, 4, 3])) }
        Self.expectError(.incompatibleShape, containing: ["y_pred", "(2, 4)"]) {
            try CTC()(Tensor([1, 2], shape: [2, 1]), Tensor.zeros([2, 4]))
        }
        Self.expectError(.invalidArgument, containing: ["label 5", "3 classes"]) {
            try CTC()(Tensor([1, 5], shape: [1, 2]), Tensor.zeros([1, 4, 3]))
        }
        Self.expectError(.invalidArgument, containing: ["mask_index=3"]) {
            try Losses.ctcLoss(target: Tensor([1], shape: [1, 1]), output: Tensor.zeros([1, 4, 3]),
                               targetLength: Tensor([1]), outputLength: Tensor([4]), maskIndex: 3)
        }
    }

    @Test func customLossesMustOverrideCall() {
        final class Unfinished: Loss, @unchecked Sendable {}
        Self.expectError(.unsupported, containing: ["Unfinished", "override call"]) {
            try Unfinished()(Tensor([1.0]), Tensor([2.0]))
        }
    }

    @Test func badConfigsThrow() {
        Self.expectError(.invalidConfig, containing: ["from_logit", "from_logits"]) {
            try Loss.from(keras: ["class_name": "BinaryCrossentropy", "config": ["from_logit": true]])
        }
        Self.expectError(.invalidConfig, containing: ["label_smoothing", "a number"]) {
            try Loss.from(keras: ["class_name": "BinaryCrossentropy", "config": ["label_smoothing": "a lot"]])
        }
        Self.expectError(.unknownName, containing: ["BinaryCrossEntropy", "Did you mean \"BinaryCrossentropy\"?"]) {
            try Loss.from(keras: ["class_name": "BinaryCrossEntropy", "config": [:]])
        }
        Self.expectError(.invalidArgument, containing: ["delta"]) {
            try Loss.from(keras: ["class_name": "Huber", "config": ["delta": -3.0]])
        }
        Self.expectError(.invalidConfig, containing: ["dtype", "int32"]) {
            try Loss.from(keras: ["class_name": "MeanSquaredError", "config": ["dtype": "int32"]])
        }
        Self.expectError(.unsupported, containing: ["MyLoss"]) {
            try Loss.from(keras: ["module": nil, "class_name": "MyLoss", "config": [:], "registered_name": "Custom>MyLoss"])
        }
    }
}
