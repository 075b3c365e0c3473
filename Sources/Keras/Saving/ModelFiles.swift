/// Writing model files (`.keras`, `.weights.h5`, `.h5`).
enum ModelFiles {
    /// Saves `model` to `path`.
    ///
    /// - Throws: ``KerasError`` `.unsupported`: the `.keras` and `.weights.h5` writers are not
    ///   part of swift-keras yet (they arrive with the saving and interop work), so
    ///   ModelCheckpoint cannot write files for now.
    static func save(_ model: Model, to path: String, weightsOnly: Bool) throws {
        throw KerasError(.unsupported, "Writing \(weightsOnly ? "weights" : "model") files (\(path)) is not available in swift-keras yet: the .keras / .weights.h5 writers come with the saving work. Use BackupAndRestore to keep training state meanwhile.")
    }
}
