import Testing
@testable import Keras

/// The examples of `Losses.md` and of the losses' doc comments, compiled and run, with the values
/// they quote (Keras 3.15.1's).
@Suite struct LossDocumentationExamplesTests {
    static func near(_ t: Tensor, _ expected: [Double], _ tolerance: Double = 1e-4,
                     sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(t.count == expected.count, "\(t.doubles) vs \(expected)", sourceLocation: sourceLocation)
        for (a, e) in zip(t.doubles, expected) where Swift.abs(a - e) > tolerance * Swift.max(1, Swift.abs(e)) {
            Issue.record("\(t.doubles) vs \(expected)", sourceLocation: sourceLocation)
            return
        }
    }

    @Test func article() throws {
        let labels = Tensor([0, 2, 1])                                   // class indices
        let logits = Tensor([2.0, 0.5, -1.0, 0.1, 0.2, 3.0, -0.5, 1.5, 0.3], shape: [3, 3])
        let loss = SparseCategoricalCrossentropy(fromLogits: true)
        let value = try loss(labels, logits)                             // 0.2377: the batch mean

        let weighted = try loss(labels, logits, sampleWeight: Tensor([1.0, 0.5, 2.0]))   // 0.3402
        let masked = try loss(labels, logits, mask: Tensor([true, true, false]))         // 0.1755

        let (_, gradients) = try valueWithGradients(at: [logits]) { t in try loss(labels, t[0]) }
        Self.near(value, [0.23771434])
        Self.near(weighted, [0.3401908])
        Self.near(masked, [0.1754564])
        Self.near(gradients[0], [-0.07146767, 0.05843013, 0.01303752, 0.01643711, 0.01816582, -0.03460291,
                                 0.0314033, -0.10129263, 0.06988931])

        let perSample = SparseCategoricalCrossentropy(fromLogits: true, reduction: .none)
        let values = try perSample(labels, logits)                       // [0.2413, 0.1096, 0.3622]
        let padded = SparseCategoricalCrossentropy(fromLogits: true, ignoreClass: -1)
        let ignoring = try padded(Tensor([0, -1, 1]), logits)            // mean of the first and last
        Self.near(values, [0.24131133, 0.10960147, 0.36223015])
        Self.near(ignoring, [(0.24131133 + 0.36223015) / 2])

        let mse = try Loss.named("mse")
        let bce = try Loss.from(keras: ["class_name": "BinaryCrossentropy", "config": ["from_logits": true]])
        print(bce.serializedKerasObject)
        #expect(mse.name == "mse")
        #expect(bce.serializedKerasObject.serialized() == #"{"module": "keras.losses", "class_name": "BinaryCrossentropy", "config": {"name": "binary_crossentropy", "reduction": "sum_over_batch_size", "from_logits": true, "label_smoothing": 0.0, "axis": -1}, "registered_name": null}"#)

        let perRow = try Losses.huber(Tensor([0.0, 0], shape: [1, 2]), Tensor([0.5, 3], shape: [1, 2]))   // [1.3125]

        final class MeanFourthPower: Loss, @unchecked Sendable {
            override func call(_ yTrue: Tensor, _ yPred: Tensor) throws -> Tensor {
                power(yPred - yTrue, 4).mean(axes: [-1])
            }
        }
        let quartic = try MeanFourthPower(reduction: .sum)(Tensor([1.0, 2], shape: [1, 2]), Tensor([1.5, 2], shape: [1, 2]))
        Self.near(perRow, [1.3125])
        Self.near(quartic, [0.03125])
    }

    @Test func baseClassComments() throws {
        let mse = MeanSquaredError()
        let y = Tensor([1.0, 2.0, 3.0], shape: [3, 1]), p = Tensor([1.5, 2.0, 2.0], shape: [3, 1])
        Self.near(try mse(y, p), [0.41666666])
        Self.near(try mse(y, p, sampleWeight: Tensor([1.0, 0.0, 2.0])), [0.75])
        Self.near(try mse(y, p, mask: Tensor([true, true, false])), [0.125])
        Self.near(try MeanSquaredError().call(Tensor([0.0, 1], shape: [1, 2]), Tensor([1.0, 1], shape: [1, 2])), [0.5])
        let (_, mask) = try SparseCategoricalCrossentropy(ignoreClass: -1)
            .callReturningMask(Tensor([0.0, -1]), Tensor([0.9, 0.1, 0.5, 0.5], shape: [2, 2]))
        #expect(mask?.scalars(as: Bool.self) == [true, false])
        Self.near(try MeanSquaredError().call(Tensor([1.0, 2]), Tensor([1.0, 3.0], shape: [2, 1])), [0, 1])
        let (a, b) = Loss.squeezeOrExpandToSameRank(Tensor.zeros([4]), Tensor.zeros([4, 1]))
        #expect(a.shape == [4, 1] && b.shape == [4, 1])
        Self.near(try Loss.reduceWeightedValues(Tensor([1.0, 2, 3]), sampleWeight: Tensor([1.0, 0, 1]),
                                                reduction: .meanWithSampleWeight), [2.0])
        #expect(try LossReduction(keras: .null) == LossReduction.none)
        #expect(LossReduction(rawValue: "sum_over_batch_size") == .sumOverBatchSize)
        #expect(JSONValue.object(try Huber(delta: 2).kerasConfig).serialized() == #"{"name": "huber_loss", "reduction": "sum_over_batch_size"}"#)
        #expect(try Loss.named("mse").kerasConfig["fn"]?["module"] == "builtins")
        let cubic = LossFunctionWrapper(name: "cubic") { yTrue, yPred in abs(power(yPred - yTrue, 3)).mean(axes: [-1]) }
        Self.near(try cubic(Tensor([0.0, 1], shape: [1, 2]), Tensor([1.0, 1], shape: [1, 2])), [0.5])
    }

    @Test func functionComments() throws {
        let yTrue = Tensor([0.0, 1.0, 0.0, 0.0], shape: [2, 2])
        let yPred = Tensor([0.6, 0.4, 0.4, 0.6], shape: [2, 2])
        Self.near(try Losses.meanSquaredError(yTrue, yPred), [0.36, 0.26])
        Self.near(try Losses.binaryCrossentropy(yTrue, yPred), [0.9162908, 0.7135582])
        let row = { (values: [Double]) in Tensor(values, shape: [1, values.count]) }
        Self.near(try Losses.meanSquaredError(row([0.0, 1]), row([1.0, 1])), [0.5])
        Self.near(try Losses.meanAbsoluteError(row([0.0, 1]), row([1.0, 3])), [1.5])
        Self.near(try Losses.meanAbsolutePercentageError(row([100.0, 200]), row([90.0, 210])), [7.5])
        Self.near(try Losses.meanSquaredLogarithmicError(row([0.0, 1]), row([1.0, 1])), [0.2402])
        Self.near(try Losses.huber(row([0.0, 0]), row([0.5, 3])), [1.3125])
        Self.near(try Losses.logCosh(row([0.0, 0]), row([1.0, -1])), [0.4338])
        Self.near(try Losses.cosineSimilarity(row([1.0, 0]), row([2.0, 0])), [-1])
        Self.near(try Losses.binaryCrossentropy(row([0.0, 1]), row([-2.0, 3]), fromLogits: true), [0.0878])
        Self.near(try Losses.binaryFocalCrossentropy(row([0.0, 1]), row([0.4, 0.6]), gamma: 2), [0.0817])
        Self.near(try Losses.categoricalCrossentropy(row([0.0, 1, 0]), row([0.05, 0.95, 0])), [0.0513])
        Self.near(try Losses.categoricalFocalCrossentropy(row([0.0, 1, 0]), row([0.1, 0.8, 0.1])), [0.0022])
        Self.near(try Losses.sparseCategoricalCrossentropy(Tensor([1, 2]), Tensor([0.05, 0.95, 0, 0.1, 0.8, 0.1], shape: [2, 3])),
                  [0.0513, 2.3026])
        Self.near(try Losses.klDivergence(row([0.5, 0.5]), row([0.25, 0.75])), [0.1438])
        Self.near(try Losses.poisson(row([1.0, 2]), row([1.0, 1])), [1.0])
        Self.near(try Losses.hinge(row([1.0, 0]), row([0.3, -2])), [0.35])
        Self.near(try Losses.squaredHinge(row([1.0, -1]), row([0.5, 0.5])), [1.25])
        Self.near(try Losses.categoricalHinge(row([0.0, 1, 0]), row([0.2, 0.9, 0.5])), [0.6])
        Self.near(try Losses.dice(row([1.0, 0, 1]), row([0.9, 0.2, 0.7]), axis: [1]), [0.1579])
        Self.near(try Losses.tversky(row([1.0, 0, 1]), row([0.9, 0.2, 0.7]), alpha: 0.7, beta: 0.3, axis: [1]), [0.1753])
        let embeddings = Tensor([1.0, 0, 0.8, 0.6, 0, 1], shape: [3, 2])
        Self.near(try Losses.circle(Tensor([0, 0, 1]), embeddings), [1.9e-10, 6.4017, 0])
        let labels = Tensor([1, 2, 0], shape: [1, 3])
        Self.near(try Losses.ctc(labels, Tensor.zeros([1, 4, 3])), [1.6864])
        Self.near(try Losses.ctcLoss(target: Tensor([1, 2], shape: [1, 2]), output: Tensor.zeros([1, 4, 3]),
                                     targetLength: Tensor([2]), outputLength: Tensor([3])), [1.6864])
    }

    @Test func classComments() throws {
        let row = { (values: [Double]) in Tensor(values, shape: [1, values.count]) }
        Self.near(try MeanSquaredError()(Tensor([0.0, 1, 0, 0], shape: [2, 2]), Tensor([1.0, 1, 1, 0], shape: [2, 2])), [0.5])
        Self.near(try MeanAbsoluteError()(row([1.0, 0.3, 1]), row([1.9, 0.3, 1.8])), [0.5667])
        Self.near(try MeanAbsolutePercentageError()(Tensor([100.0, 200, 300]), Tensor([90.0, 210, 310])), [6.1111])
        Self.near(try MeanSquaredLogarithmicError()(row([0.0, 1]), row([1.0, 1])), [0.2402])
        Self.near(try Huber(delta: 1)(row([0.0, 0]), row([0.5, 3])), [1.3125])
        Self.near(try LogCosh()(row([0.0, 0]), row([1.0, -1])), [0.4338])
        Self.near(try CosineSimilarity()(Tensor([0.0, 1, 1, 1], shape: [2, 2]), Tensor([1.0, 0, 1, 1], shape: [2, 2])), [-0.5])
        let logits = Tensor([-18.6, 0.51, 2.94, -12.8])
        Self.near(try BinaryCrossentropy(fromLogits: true)(Tensor([0.0, 1, 0, 0]), logits), [0.8654])
        Self.near(try BinaryFocalCrossentropy(gamma: 2, fromLogits: true)(Tensor([0.0, 1, 0, 0]), logits), [0.6912])
        let oneHot = Tensor([0.0, 1, 0, 0, 0, 1], shape: [2, 3]), probabilities = Tensor([0.05, 0.95, 0, 0.1, 0.8, 0.1], shape: [2, 3])
        Self.near(try CategoricalCrossentropy()(oneHot, probabilities), [1.1769])
        Self.near(try CategoricalFocalCrossentropy()(oneHot, probabilities), [0.2332])
        Self.near(try SparseCategoricalCrossentropy(ignoreClass: -1)(Tensor([1, -1]), probabilities), [0.0513])
        Self.near(try KLDivergence()(row([0.5, 0.5]), row([0.25, 0.75])), [0.1438])
        Self.near(try Poisson()(row([1.0, 2]), row([1.0, 1])), [1.0])
        Self.near(try Hinge()(row([1.0, 0]), row([0.3, -2])), [0.35])
        Self.near(try SquaredHinge()(row([1.0, -1]), row([0.5, 0.5])), [1.25])
        Self.near(try CategoricalHinge()(row([0.0, 1, 0]), row([0.2, 0.9, 0.5])), [0.6])
        Self.near(try Dice(axis: [1])(Tensor([1.0, 0, 1, 0, 1, 1], shape: [2, 3]), Tensor([0.9, 0.2, 0.7, 0.1, 0.8, 0.9], shape: [2, 3])),
                  [0.1316])
        Self.near(try Tversky(alpha: 0.7, beta: 0.3, axis: [1])(row([1.0, 0, 1]), row([0.9, 0.2, 0.7])), [0.1753])
        Self.near(try Circle(gamma: 80, margin: 0.4)(Tensor([0, 0, 1]), Tensor([1.0, 0, 0.8, 0.6, 0, 1], shape: [3, 2])), [3.2008])
        Self.near(try CTC()(Tensor([1, 2, 0], shape: [1, 3]), Tensor.zeros([1, 4, 3])), [1.6864])
    }
}
