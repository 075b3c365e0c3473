import ArgumentParser
import Keras

/// `keras summary FILE`: the model summary of a `.keras` or `.h5` file.
struct Summary: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the summary of the model in a .keras or legacy .h5 file.")

    @Argument(help: "The model file (.keras or .h5).")
    var file: String

    @Option(help: "The width of the table.")
    var lineLength: Int?

    @Flag(help: "Expand nested models.")
    var expandNested = false

    func run() throws {
        try reportingErrors {
            let model = try loadModel(from: file, compile: false)
            model.summary(lineLength: lineLength, expandNested: expandNested)
        }
    }
}
