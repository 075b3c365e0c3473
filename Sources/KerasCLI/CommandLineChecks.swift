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
            guard fits else {
                throw KerasError(.invalidArgument, "\(files[i]) has shape \(array.shape), but input \(i) (\"\(input.name ?? "?")\") of the model expects (batch, \(expected.map { $0.map(String.init) ?? "any" }.joined(separator: ", "))).")
            }
            guard array.dtype.isFloatingPoint == input.dtype.isFloatingPoint || input.dtype.isFloatingPoint else {
                throw KerasError(.invalidArgument, "\(files[i]) holds \(array.dtype), but input \(i) (\"\(input.name ?? "?")\") of the model expects \(input.dtype).")
            }
        }
    }

    /// Creates `path` if missing.
    static func makeDirectory(_ path: String) throws {
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw KerasError(.invalidArgument, "cannot create the output folder \"\(path)\" (errno \(errno)).")
        }
    }
}
