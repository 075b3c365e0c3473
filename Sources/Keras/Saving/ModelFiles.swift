/// Writing model files for callbacks (`.keras`, `.h5`, `.weights.h5`).
enum ModelFiles {
    /// Saves `model` (or only its weights) to `path`, atomically.
    ///
    /// - Throws: ``KerasError`` from ``Model/save(to:)`` or ``Model/saveWeights(to:)``.
    static func save(_ model: Model, to path: String, weightsOnly: Bool) throws {
        if weightsOnly { try model.saveWeights(to: path) } else { try model.save(to: path) }
    }
}
