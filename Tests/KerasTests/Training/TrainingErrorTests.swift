import Testing
@testable import Keras

/// Each misuse of compile/fit/evaluate throws a KerasError whose message names what was
/// received, what was expected and how to fix it.
@Suite struct TrainingErrorTests {
    func classifier(outputs: Int = 3) throws -> Sequential {
        try Sequential {
            Input(shape: [4])
            try Dense(outputs, activation: .softmax)
        }
    }

    func expectError(_ parts: [String], sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("expected an error containing \(parts)", sourceLocation: sourceLocation)
        } catch let error as KerasError {
            for p in parts {
                #expect(error.message.contains(p), "\"\(error.message)\" should contain \"\(p)\"", sourceLocation: sourceLocation)
            }
        } catch {
            Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        }
    }

    let x = Tensor.zeros([6, 4])
    let labels = Tensor([0, 1, 2, 0, 1, 2], shape: [6])

    @Test func fitAndEvaluateBeforeCompile() throws {
        let model = try classifier()
        expectError(["compile()", "fit"]) { try model.fit(x, labels, verbose: 0) }
        expectError(["compile()", "evaluate"]) { try model.evaluate(x, labels, verbose: 0) }
    }

    @Test func oneHotLabelsWithASparseLossAndTheReverse() throws {
        let model = try classifier()
        try model.compile(optimizer: "sgd", loss: "sparse_categorical_crossentropy")
        let oneHot = oneHot(labels, numClasses: 3)
        expectError(["CategoricalCrossentropy", "(6, 3)"]) { try model.fit(x, oneHot, verbose: 0) }
        try model.compile(optimizer: "sgd", loss: "categorical_crossentropy")
        expectError(["SparseCategoricalCrossentropy"]) { try model.fit(x, labels, verbose: 0) }
    }

    @Test func targetsThatDoNotMatchTheOutputs() throws {
        let input = Input(shape: [4])
        let a = try Dense(1, name: "a")(input), b = try Dense(1, name: "b")(input)
        let model = try Model(inputs: [input], outputs: [a, b])
        try model.compile(optimizer: "sgd", loss: "mse")
        expectError(["2 outputs", "3 tensors"]) { try model.fit(x, [Tensor.zeros([6, 1]), Tensor.zeros([6, 1]), Tensor.zeros([6, 1])], verbose: 0) }
        expectError(["2 outputs", "single tensor"]) { try model.fit(x, Tensor.zeros([6, 1]), verbose: 0) }
        expectError(["Did you mean", "\"a\""]) { try model.fit(x, ["aa": Tensor.zeros([6, 1]), "b": Tensor.zeros([6, 1])], verbose: 0) }
        try model.compile(optimizer: "sgd", loss: ["mse", "mse", "mse"])
        expectError(["3 losses", "2 outputs"]) { try model.fit(x, [Tensor.zeros([6, 1]), Tensor.zeros([6, 1])], verbose: 0) }
    }

    @Test func xAndYOfDifferentLengths() throws {
        let model = try classifier()
        try model.compile(optimizer: "sgd", loss: "sparse_categorical_crossentropy")
        expectError(["cardinality", "'x' sizes: 6", "'y' sizes: 5"]) { try model.fit(x, labels[.range(0..<5)], verbose: 0) }
    }

    @Test func emptyDataBatchSizeAndValidationSplit() throws {
        let model = try classifier()
        try model.compile(optimizer: "sgd", loss: "sparse_categorical_crossentropy")
        expectError(["empty"]) { try model.fit(Tensor.zeros([0, 4]), Tensor.zeros([0]), verbose: 0) }
        expectError(["batchSize", "positive", "0"]) { try model.fit(x, labels, batchSize: 0, verbose: 0) }
        expectError(["batchSize", "-3"]) { try model.evaluate(x, labels, batchSize: -3, verbose: 0) }
        expectError(["validationSplit", "[0, 1)", "1.0"]) { try model.fit(x, labels, verbose: 0, validationSplit: 1.0) }
        expectError(["validationSplit", "-0.1"]) { try model.fit(x, labels, verbose: 0, validationSplit: -0.1) }
        expectError(["6 samples", "not sufficient"]) { try model.fit(x, labels, verbose: 0, validationSplit: 0.9) }
    }

    @Test func unknownNamesSuggestTheNearest() throws {
        let model = try classifier()
        expectError(["adamm", "Did you mean", "adam"]) { try model.compile(optimizer: "adamm", loss: "mse") }
        expectError(["mean_squared_eror", "Did you mean", "mean_squared_error"]) { try model.compile(optimizer: "adam", loss: "mean_squared_eror") }
        expectError(["accuarcy", "Did you mean", "accuracy"]) { try model.compile(optimizer: "adam", loss: "mse", metrics: ["accuarcy"]) }
    }

    @Test func nanLossStopsCleanlyWithTerminateOnNaN() throws {
        let model = try classifier()
        try model.compile(optimizer: SGD(learningRate: 1), loss: "sparse_categorical_crossentropy")
        let bad = Tensor.full([6, 4], value: .nan)
        let printed = Captured()
        let history = try model.fit(bad, labels, batchSize: 2, epochs: 3, verbose: 0,
                                    callbacks: [TerminateOnNaN(output: printed.output)])
        #expect(printed.text == "Batch 0: Invalid loss, terminating training\n")
        #expect(history.epoch == [0])
        #expect(model.stopTraining)
        expectError(["NaN or Inf loss", "batch 0"]) {
            try model.fit(bad, labels, batchSize: 2, epochs: 3, verbose: 0, callbacks: [TerminateOnNaN(raiseError: true)])
        }
    }
}

/// A ProgressOutput that keeps what is written.
final class Captured: @unchecked Sendable {
    private var storage = ""
    var text: String { storage }
    var output: ProgressOutput {
        ProgressOutput(isTerminal: false) { [self] s in storage += s }
    }
}
