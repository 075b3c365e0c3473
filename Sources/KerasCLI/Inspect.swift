import ArgumentParser
import Keras

/// `keras inspect FILE`: the weights tree of a model or weights file.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the weights stored in a .keras, .weights.h5 or .h5 file, with shapes and dtypes.")

    @Argument(help: "The file (.keras, .weights.h5 or .h5).")
    var file: String

    func run() throws {
        try reportingErrors {
            for entry in try WeightsInspection.entries(of: file) {
                let shape = "(" + entry.shape.map(String.init).joined(separator: ", ") + (entry.shape.count == 1 ? ",)" : ")")
                print("\(entry.path)  \(shape)  \(entry.dtype)" + (entry.owner.map { "  [\($0)]" } ?? ""))
            }
        }
    }
}
