import Testing
@testable import Keras

/// The gradient of every loss with respect to the predictions against central finite
/// differences, in float64, through the loss objects (reduction included) and the functions.
@Suite struct LossGradientTests {
    static func data(_ seed: UInt64, _ shape: [Int], _ lo: Double, _ hi: Double) -> Tensor {
        var d = TestData(seed)
        return d.tensor(shape, lo, hi, dtype: .float64)
    }

    /// Rows of positive numbers summing to 1.
    static func distributions(_ seed: UInt64, _ shape: [Int]) -> Tensor {
        let x = data(seed, shape, 0.05, 1)
        return x / x.sum(axes: [-1], keepingDimensions: true)
    }

    static let values = data(1, [4, 3], -2, 2)
    static let targets = data(2, [4, 3], -2, 2)
    static let positives = data(3, [4, 3], 0.2, 3)
    static let probabilities = data(4, [4, 3], 0.05, 0.95)
    static let logits = data(5, [4, 3], -4, 4)
    static let binaryLabels = Tensor([1.0, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0], shape: [4, 3], dtype: .float64)
    static let oneHot = Tensor([1.0, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 1], shape: [4, 3], dtype: .float64)
    static let labels = Tensor([0, 2, 1, 2])

    static func check(_ loss: Loss, _ yTrue: Tensor, _ yPred: Tensor, sampleWeight: Tensor? = nil, mask: Tensor? = nil,
                      sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(loss.dtype == .float64)
        try checkGradient(at: yPred, "\(loss.name) \(loss.reduction)", sourceLocation: sourceLocation) { p in
            try loss(yTrue, p, sampleWeight: sampleWeight, mask: mask)
        }
    }

    @Test func regression() throws {
        try Self.check(MeanSquaredError(dtype: .float64), Self.targets, Self.values)
        try Self.check(MeanAbsoluteError(dtype: .float64), Self.targets, Self.values)
        try Self.check(MeanAbsolutePercentageError(dtype: .float64), Self.positives, Self.values)
        try Self.check(MeanSquaredLogarithmicError(dtype: .float64), Self.targets, Self.positives)
        try Self.check(Huber(dtype: .float64), Self.targets, Self.values)
        try Self.check(Huber(delta: 0.4, dtype: .float64), Self.targets, Self.values)
        try Self.check(LogCosh(dtype: .float64), Self.targets, Self.values)
        try Self.check(CosineSimilarity(dtype: .float64), Self.targets, Self.values)
        try Self.check(CosineSimilarity(axis: 0, dtype: .float64), Self.targets, Self.values)
        try Self.check(KLDivergence(dtype: .float64), Self.distributions(6, [4, 3]), Self.probabilities)
        try Self.check(Poisson(dtype: .float64), Self.positives, Self.positives * 0.7 + 0.1)
    }

    @Test func crossentropies() throws {
        let f64 = DType.float64
        try Self.check(BinaryCrossentropy(dtype: f64), Self.binaryLabels, Self.probabilities)
        try Self.check(BinaryCrossentropy(fromLogits: true, labelSmoothing: 0.2, dtype: f64), Self.binaryLabels, Self.logits)
        try Self.check(BinaryCrossentropy(fromLogits: true, axis: 0, dtype: f64), Self.binaryLabels, Self.logits)
        try Self.check(BinaryFocalCrossentropy(dtype: f64), Self.binaryLabels, Self.probabilities)
        try Self.check(BinaryFocalCrossentropy(applyClassBalancing: true, alpha: 0.3, gamma: 1.5, fromLogits: true,
                                               labelSmoothing: 0.1, dtype: f64), Self.binaryLabels, Self.logits)
        try Self.check(CategoricalCrossentropy(dtype: f64), Self.oneHot, Self.probabilities)
        try Self.check(CategoricalCrossentropy(fromLogits: true, labelSmoothing: 0.1, dtype: f64), Self.distributions(7, [4, 3]), Self.logits)
        try Self.check(CategoricalCrossentropy(fromLogits: true, axis: 1, dtype: f64),
                       Self.distributions(8, [2, 3, 4]).transposed(axes: [0, 2, 1]), Self.data(9, [2, 4, 3], -3, 3))
        try Self.check(CategoricalFocalCrossentropy(dtype: f64), Self.oneHot, Self.probabilities)
        try Self.check(CategoricalFocalCrossentropy(alpha: 0.5, gamma: 3, fromLogits: true, labelSmoothing: 0.2, dtype: f64),
                       Self.oneHot, Self.logits)
        try Self.check(SparseCategoricalCrossentropy(dtype: f64), Self.labels, Self.probabilities)
        try Self.check(SparseCategoricalCrossentropy(fromLogits: true, dtype: f64), Self.labels, Self.logits)
        try Self.check(SparseCategoricalCrossentropy(fromLogits: true, ignoreClass: 2, dtype: f64), Self.labels, Self.logits)
        try Self.check(SparseCategoricalCrossentropy(ignoreClass: -1, dtype: f64), Tensor([0, -1, 1, 2]), Self.probabilities)
        try Self.check(SparseCategoricalCrossentropy(fromLogits: true, axis: 1, dtype: f64),
                       Tensor([0, 3, 1, 2, 2, 0], shape: [2, 3]), Self.data(10, [2, 4, 3], -3, 3))
    }

    @Test func hingeAndSegmentation() throws {
        let f64 = DType.float64
        let plusMinus = Self.binaryLabels * 2 - 1
        try Self.check(Hinge(dtype: f64), plusMinus, Self.values)
        try Self.check(Hinge(dtype: f64), Self.binaryLabels, Self.values)
        try Self.check(SquaredHinge(dtype: f64), plusMinus, Self.values)
        try Self.check(CategoricalHinge(dtype: f64), Self.oneHot, Self.values)
        let masks = Tensor([1.0, 0, 1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 1, 0], shape: [2, 2, 4], dtype: .float64)
        let predicted = Self.data(11, [2, 2, 4], 0.05, 0.95)
        try Self.check(Dice(dtype: f64), masks, predicted)
        try Self.check(Dice(axis: [1, 2], dtype: f64), masks, predicted)
        try Self.check(Tversky(dtype: f64), masks, predicted)
        try Self.check(Tversky(alpha: 0.7, beta: 0.3, axis: [2], dtype: f64), masks, predicted)
    }

    @Test func circle() throws {
        let embeddings = Self.data(12, [6, 4], -1, 1)
        let unit = embeddings / sqrt(square(embeddings).sum(axes: [1], keepingDimensions: true))
        let ids = Tensor([0, 1, 0, 2, 1, 0])
        try Self.check(Circle(gamma: 10, margin: 0.25, dtype: .float64), ids, unit)
        try Self.check(Circle(gamma: 20, removeDiagonal: false, dtype: .float64), ids, unit * 0.9)
        try Self.check(Circle(dtype: .float64), ids, unit * 0.8)
    }

    @Test func ctc() throws {
        let logits = Self.data(13, [3, 6, 5], -2, 2)
        let labels = Tensor([1, 2, 2, 0, 3, 1, 0, 0, 0, 0, 0, 0], shape: [3, 4])
        try Self.check(CTC(dtype: .float64), labels, logits)
        try Self.check(CTC(reduction: .sum, dtype: .float64), Tensor([1, 1, 1, 1, 4, 3, 2, 1], shape: [2, 4]),
                       Self.data(14, [2, 5, 5], -2, 2))
        try checkGradient(at: logits, "ctc_loss with lengths") { p in
            try Losses.ctcLoss(target: Tensor([1, 2, 2, 4, 3, 1, 4, 4, 4, 4, 4, 4], shape: [3, 4]), output: p,
                               targetLength: Tensor([3, 2, 0]), outputLength: Tensor([6, 5, 2]), maskIndex: 4)
        }
    }

    @Test func reductionsWeightsAndMasks() throws {
        let weights = Tensor([1.0, 0.5, 2.0, 0.0], dtype: .float64)
        let mask = Tensor([true, false, true, true])
        for reduction in LossReduction.allCases {
            try Self.check(MeanSquaredError(reduction: reduction, dtype: .float64), Self.targets, Self.values,
                           sampleWeight: weights, mask: mask)
            try Self.check(SparseCategoricalCrossentropy(fromLogits: true, ignoreClass: 1, reduction: reduction, dtype: .float64),
                           Self.labels.reshaped(to: [4, 1]), Self.logits, sampleWeight: weights.reshaped(to: [4, 1]), mask: mask)
        }
    }

    @Test func functionForms() throws {
        try checkGradient(at: Self.logits, "binary_crossentropy") { p in
            try Losses.binaryCrossentropy(Self.binaryLabels, p, fromLogits: true, labelSmoothing: 0.1)
        }
        try checkGradient(at: Self.logits, "categorical_crossentropy") { p in
            try Losses.categoricalCrossentropy(Self.oneHot, p, fromLogits: true)
        }
        try checkGradient(at: Self.probabilities, "sparse_categorical_crossentropy") { p in
            try Losses.sparseCategoricalCrossentropy(Self.labels, p)
        }
        try checkGradient(at: Self.values, "huber") { p in try Losses.huber(Self.targets, p, delta: 0.5) }
    }
}
