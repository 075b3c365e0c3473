import Keras
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks of command-line data against a model, with one-line messages.
enum CommandLineChecks {
    /// Each array's shape (batch axis aside) and dtype kind must fit the model input.
    static func checkInputs(_ arrays: [Tensor], files: [String], model: Model) throws {
        for (i, (array, input)) in zip(arrays, model.inputs).enumerated() {
            let expected = Array(input.shape.dropFirst())
            let given = Array(array.shape.dropFirst())
            let fits = array.shape.count == input.shape.count
                && zip(expected, given).allSatisfy { e, g in e == nil || e == g }
            guard !array.shape.dropFirst().contains(0) else {
                throw KerasError(.invalidArgument, "\(files[i]) has shape \(tuple(array.shape.map(String.init))), with an empty axis; input \(i) (\"\(input.name ?? "?")\") of the model needs at least one value along every axis.")
            }
            guard fits else {
                throw KerasError(.invalidArgument, "\(files[i]) has shape \(tuple(array.shape.map(String.init))), but input \(i) (\"\(input.name ?? "?")\") of the model expects \(tuple(["batch"] + expected.map { $0.map(String.init) ?? "any" })).")
            }
            guard array.dtype.isFloatingPoint == input.dtype.isFloatingPoint || input.dtype.isFloatingPoint else {
                throw KerasError(.invalidArgument, "\(files[i]) holds \(array.dtype), but input \(i) (\"\(input.name ?? "?")\") of the model expects \(input.dtype).")
            }
        }
    }

    /// A shape as Python writes a tuple: `(3, 4)`, `(3,)`, `()`.
    static func tuple(_ parts: [String]) -> String {
        "(" + parts.joined(separator: ", ") + (parts.count == 1 ? ",)" : ")")
    }

    /// Creates the folder `path` if missing.
    ///
    /// - Throws: ``KerasError`` when it cannot be made, or exists and is not a folder.
    static func makeDirectory(_ path: String) throws {
        if mkdir(path, 0o755) != 0 {
            let reason = errno
            var info = stat()
            guard reason == EEXIST, stat(path, &info) == 0 else {
                throw KerasError(.invalidArgument, "cannot create the output folder \"\(path)\": \(String(cString: strerror(reason))).")
            }
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw KerasError(.invalidArgument, "the output folder \"\(path)\" exists and is not a folder.")
            }
        }
    }

    /// Checks the batch size and epoch count given on the command line.
    static func checkCounts(batchSize: Int, epochs: Int = 1) throws {
        guard batchSize >= 1 else { throw KerasError(.invalidArgument, "--batch-size must be at least 1; received \(batchSize).") }
        guard epochs >= 1 else { throw KerasError(.invalidArgument, "--epochs must be at least 1; received \(epochs).") }
    }
}
