import ArgumentParser
import Keras

/// `keras convert IN OUT`: between `.keras`, legacy `.h5` and `.weights.h5`.
struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert a model between .keras and legacy .h5, or extract its weights to .weights.h5.")

    @Argument(help: "The model file to read (.keras or .h5).")
    var input: String

    @Argument(help: "The file to write (.keras, .h5 or .weights.h5).")
    var output: String

    func run() throws {
        try reportingErrors {
            let lower = output.lowercased()
            guard [".keras", ".h5", ".hdf5"].contains(where: lower.hasSuffix) else {
                throw KerasError(.invalidArgument, "keras convert writes .keras, legacy .h5 or .weights.h5 files, but the output \"\(output)\" is none of them.")
            }
            let model = try loadModel(from: input)
            if output.lowercased().hasSuffix(".weights.h5") {
                try model.saveWeights(to: output)
            } else {
                try model.save(to: output)
            }
        }
    }
}
