// Listing what a model or weights file stores, for `keras inspect`.
import HDF5

/// The weights stored in a `.keras`, `.weights.h5` or `.h5` file, without building the model.
///
/// ```swift
/// for entry in try WeightsInspection.entries(of: "model.keras") {
///     print(entry.path, entry.shape, entry.dtype)   // layers/dense/vars/0 [4, 3] float32
/// }
/// ```
public enum WeightsInspection {
    /// One stored array.
    public struct Entry: Sendable {
        /// Its path in the weights file (`layers/dense/vars/0`, `model_weights/dense/dense/kernel:0`).
        public let path: String
        /// Its shape.
        public let shape: [Int]
        /// Its element type, as numpy names it (`float32`, `int32`, `bfloat16`).
        public let dtype: String
        /// The `name` attribute of its `vars` group (the owning layer's name), when present.
        public let owner: String?
    }

    /// Every dataset of the file's weights, in path order.
    ///
    /// - Throws: ``KerasError`` for a missing or unreadable file.
    public static func entries(of path: String) throws -> [Entry] {
        var bytes = try FileIO.read(path)
        if ModelFileKind(path: path, bytes: bytes) == .keras {
            let members = try KerasArchive.members(of: bytes, path: path)
            guard let weights = members["model.weights.h5"] else {
                throw KerasError(.invalidConfig, "\(path): the archive has no model.weights.h5 member.")
            }
            bytes = weights
        }
        let file: HDF5File
        do { file = try HDF5Bridge.open(bytes) } catch let error as KerasError { throw error.prefixed(path) }
        var result: [Entry] = []
        func walk(_ group: HDF5Group, prefix: String) {
            let owner = group.attribute("name")?.value.string
            for child in group.children {
                let childPath = prefix.isEmpty ? child.name : "\(prefix)/\(child.name)"
                if let g = child.group { walk(g, prefix: childPath) }
                if let d = child.dataset {
                    let bfloat = d.attribute("dtype")?.value.string == "bfloat16"
                    result.append(Entry(path: childPath, shape: d.shape, dtype: bfloat ? "bfloat16" : d.datatype.description, owner: owner))
                }
            }
        }
        walk(file.root, prefix: "")
        return result.sorted { $0.path < $1.path }
    }
}
