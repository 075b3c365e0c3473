import ArgumentParser
import Keras

/// `keras fit FILE --x X.npy --y Y.npy ... --output OUT.keras`: trains a saved, compiled model.
struct Fit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a saved model with the optimizer, loss and metrics of its compile configuration, then save it.")

    @Argument(help: "The model file (.keras or .h5), saved after compile().")
    var file: String

    @Option(name: .customLong("x"), help: "An input .npy file; repeat for each model input, in order.")
    var x: [String]

    @Option(name: .customLong("y"), help: "A target .npy file; repeat for each model output, in order.")
    var y: [String]

    @Option(help: "The number of epochs.")
    var epochs: Int = 1

    @Option(help: "The batch size.")
    var batchSize: Int = 32

    @Flag(help: "Keep the data order (no shuffling between epochs).")
    var noShuffle = false

    @Option(help: "The fraction of the data held out for validation.")
    var validationSplit: Double = 0

    @Option(help: "The .keras file the trained model is saved to.")
    var output: String

    @Option(help: "0: silent, 1: progress bar, 2: one line per epoch.")
    var verbose: Int = 2

    func run() throws {
        try reportingErrors {
            try CommandLineChecks.checkCounts(batchSize: batchSize, epochs: epochs)
            let model = try loadModel(from: file)
            guard model.isCompiled else {
                throw KerasError(.invalidArgument, "the model in \"\(file)\" has no compile configuration; compile it (optimizer and loss) before saving it, then run keras fit.")
            }
            guard x.count == model.inputs.count else {
                throw KerasError(.invalidArgument, "the model \"\(model.name)\" takes \(model.inputs.count) input(s), but \(x.count) --x file(s) were given.")
            }
            guard y.count == model.outputs.count else {
                throw KerasError(.invalidArgument, "the model \"\(model.name)\" has \(model.outputs.count) output(s), but \(y.count) --y file(s) were given.")
            }
            let inputs = try x.map { try NPY.load(path: $0) }
            try CommandLineChecks.checkInputs(inputs, files: x, model: model)
            let targets = try y.map { try NPY.load(path: $0) }
            try model.fit(inputs, targets, batchSize: batchSize, epochs: epochs, verbose: verbose,
                          validationSplit: validationSplit, shuffle: !noShuffle)
            try model.save(to: output)
        }
    }
}
