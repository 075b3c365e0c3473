import ArgumentParser
import Keras

/// `keras predict FILE IN0.npy ... --output-dir DIR`: runs a model on `.npy` inputs.
struct Predict: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a saved model on .npy inputs and write each output as out0.npy, out1.npy, ... (float32).")

    @Argument(help: "The model file (.keras or .h5).")
    var file: String

    @Argument(help: "One .npy file per model input, in the model's input order.")
    var inputs: [String]

    @Option(help: "The folder the outputs are written to (created if missing).")
    var outputDir: String

    @Option(help: "The batch size.")
    var batchSize: Int = 32

    func run() throws {
        try reportingErrors {
            try CommandLineChecks.checkCounts(batchSize: batchSize)
            let model = try loadModel(from: file, compile: false)
            let expected = model.inputs.count
            guard inputs.count == expected else {
                throw KerasError(.invalidArgument, "the model \"\(model.name)\" takes \(expected) input(s) (\(model.inputNames.joined(separator: ", "))), but \(inputs.count) .npy file(s) were given.")
            }
            let arrays = try inputs.map { try NPY.load(path: $0) }
            try CommandLineChecks.checkInputs(arrays, files: inputs, model: model)
            let outputs = try model.predictAll(arrays, batchSize: batchSize, verbose: 0)
            try CommandLineChecks.makeDirectory(outputDir)
            for (i, output) in outputs.enumerated() {
                try NPY.save(output.dtype == .float32 ? output : cast(output, to: .float32), path: "\(outputDir)/out\(i).npy")
            }
        }
    }
}
