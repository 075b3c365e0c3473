#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Saving and loading whole models and their weights: `.keras` (zip of config.json,
// metadata.json and model.weights.h5), `.weights.h5`, and legacy `.h5` files.

extension Model {
    /// Saves the model to `path`: its architecture, weights, compile arguments and optimizer
    /// state, in the file format Keras picks by name (`.keras`, or the legacy `.h5`). Python
    /// Keras loads the file with `keras.saving.load_model`. The write is atomic.
    ///
    /// ```swift
    /// try model.save(to: "classifier.keras")
    /// let again = try loadModel(from: "classifier.keras")
    /// ```
    ///
    /// - Throws: ``KerasError`` `.invalidArgument` for another extension or an unwritable path,
    ///   `.unsupported` for a model holding a ``Lambda`` or an unregistered layer class.
    public func save(to path: String) throws {
        switch ModelFileKind(path: path) {
        case .keras: try FileIO.writeAtomically(kerasArchiveBytes(), to: path)
        case .legacyH5: try FileIO.writeAtomically(LegacyH5.fullModelBytes(self), to: path)
        case .weightsH5, .other:
            throw KerasError(.invalidArgument, "Model.save(to:) writes \".keras\" (or legacy \".h5\") files, but received \"\(path)\". Use a path ending in .keras, or saveWeights(to:) for a .weights.h5 file.")
        }
    }

    /// Saves the model's weights, and the optimizer's state when the model is compiled (as
    /// Keras's `save_weights` does), to a `.weights.h5` file in Keras's layout, which
    /// `model.load_weights` reads in Python. The write is atomic.
    ///
    /// ```swift
    /// try model.saveWeights(to: "classifier.weights.h5")
    /// ```
    ///
    /// - Throws: ``KerasError`` `.invalidArgument` when `path` does not end in `.weights.h5`.
    public func saveWeights(to path: String) throws {
        guard ModelFileKind(path: path) == .weightsH5 else {
            throw KerasError(.invalidArgument, "saveWeights(to:) writes Keras's \".weights.h5\" files, but received \"\(path)\". Name the file like \"model.weights.h5\".")
        }
        try FileIO.writeAtomically(WeightsFile.bytes(WeightTree.entries(of: self, optimizer: optimizer)), to: path)
    }

    /// Loads weights saved by Keras or swift-keras into this model, which must have the same
    /// architecture: from a `.weights.h5` or a `.keras` file (by object path, as Keras 3, with
    /// the optimizer's state when the model is compiled and the file holds one that fits), or
    /// from a legacy `.h5` full-model or weights-only file (by layer order, or by layer name
    /// with `byName`).
    ///
    /// ```swift
    /// try model.loadWeights(from: "classifier.weights.h5")
    /// ```
    ///
    /// - Parameters:
    ///   - path: the weights file (`.weights.h5`, `.keras` or legacy `.h5`).
    ///   - byName: legacy `.h5` only: match layers by name instead of order.
    ///   - skipMismatch: legacy `.h5` with `byName` only: skip layers whose weight count or
    ///     shapes differ instead of failing.
    /// - Throws: ``KerasError`` `.invalidConfig` naming the layer, the expected and the found
    ///   weight count or shape when the file does not fit the model; nothing is changed then.
    public func loadWeights(from path: String, byName: Bool = false, skipMismatch: Bool = false) throws {
        let bytes = try FileIO.read(path)
        do {
            switch ModelFileKind(path: path, bytes: bytes) {
            case .keras:
                let members = try KerasArchive.members(of: bytes, path: path)
                guard let weights = members["model.weights.h5"] else {
                    throw KerasError(.invalidConfig, "the archive has no model.weights.h5 member (members: \(members.keys.sorted().joined(separator: ", "))).")
                }
                try WeightsFile.load(weights, into: self, optimizer: optimizer)
            case .weightsH5:
                try WeightsFile.load(bytes, into: self, optimizer: optimizer)
            case .legacyH5:
                try LegacyH5.loadWeights(bytes, into: self, byName: byName, skipMismatch: skipMismatch)
            case .other:
                throw KerasError(.invalidArgument, "loadWeights(from:) reads .weights.h5, .keras and .h5 files, but \"\(path)\" is none of them.")
            }
        } catch let error as KerasError {
            throw error.prefixed(path)
        }
    }

    /// The `.keras` archive of this model: `metadata.json`, `config.json`, `model.weights.h5`.
    func kerasArchiveBytes() throws -> [UInt8] {
        let config = try serializedKerasObject()
        let metadata: JSONValue = ["keras_version": .string(KerasFiles.kerasVersion), "date_saved": .string(KerasFiles.dateSaved())]
        // Keras saves a compiled model's optimizer even before its first step (iteration and
        // learning_rate only).
        let entries = WeightTree.entries(of: self, optimizer: optimizer)
        let weights = try WeightsFile.bytes(entries)
        return try KerasArchive.archive([
            ("metadata.json", Array(metadata.serialized().utf8)),
            ("config.json", Array(config.serialized().utf8)),
            ("model.weights.h5", weights),
        ] + KerasArchive.assetMembers(of: entries))
    }
}

/// Loads a model saved by Keras or swift-keras: a `.keras` file (architecture, weights,
/// compile arguments and optimizer state, so training resumes where it stopped) or a legacy
/// `.h5` full-model file from Keras 2, tf.keras or Keras 3.
///
/// ```swift
/// let model = try loadModel(from: "classifier.keras")
/// let probabilities = try model.predict(x)
/// ```
///
/// - Parameters:
///   - path: the file.
///   - compile: whether to compile the model with its saved compile arguments (and restore the
///     optimizer state), as Keras's `compile=True`.
/// - Throws: ``KerasError``: `.invalidConfig` for a corrupt or inconsistent file (what was wrong
///   and where), `.unknownName` for a layer class swift-keras does not know (with the nearest
///   name), `.unsupported` for features it cannot rebuild.
public func loadModel(from path: String, compile: Bool = true) throws -> Model {
    let bytes = try FileIO.read(path)
    do {
        switch ModelFileKind(path: path, bytes: bytes) {
        case .keras:
            return try KerasFiles.loadKerasArchive(bytes, path: path, compile: compile)
        case .legacyH5:
            return try LegacyH5.loadModel(bytes, compile: compile)
        case .weightsH5:
            throw KerasError(.invalidArgument, "\"\(path)\" holds weights only, not a model. Make the model in Swift (or load its .keras file) and call loadWeights(from:).")
        case .other:
            throw KerasError(.invalidArgument, "loadModel(from:) reads .keras and .h5 files, but \"\(path)\" is neither (by name and content).")
        }
    } catch let error as KerasError {
        throw error.prefixed(path)
    }
}

/// The kinds of model files, told apart by name and, for loading, by content.
enum ModelFileKind: Equatable {
    case keras, weightsH5, legacyH5, other

    init(path: String, bytes: [UInt8]? = nil) {
        let lower = path.lowercased()
        if lower.hasSuffix(".keras") { self = .keras }
        else if lower.hasSuffix(".weights.h5") { self = .weightsH5 }
        else if lower.hasSuffix(".h5") || lower.hasSuffix(".hdf5") { self = .legacyH5 }
        else if let bytes, bytes.count > 4, bytes[0] == 0x50, bytes[1] == 0x4B { self = .keras }
        else { self = .other }
    }
}

enum KerasFiles {
    /// The Keras version swift-keras writes (the format it follows).
    static let kerasVersion = "3.15.1"

    /// `YYYY-mm-dd@HH:MM:SS` in UTC, as Keras's `date_saved`.
    static func dateSaved() -> String {
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))@\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))"
    }

    /// Rebuilds the model of a `.keras` archive, loads its weights and, with `compile`, its
    /// compile arguments and optimizer state.
    static func loadKerasArchive(_ bytes: [UInt8], path: String, compile: Bool) throws -> Model {
        let members = try KerasArchive.members(of: bytes, path: path)
        guard let configBytes = members["config.json"] else {
            throw KerasError(.invalidConfig, "the archive has no config.json (members: \(members.keys.sorted().joined(separator: ", "))); it is not a Keras model file.")
        }
        let config = try JSONValue(parsing: String(decoding: configBytes, as: UTF8.self))
        let layer = try WeightBudget.limiting(toFileOf: members["model.weights.h5"]?.count ?? 0, source: "its model.weights.h5") {
            try LayerRegistry.deserialize(config)
        }
        guard let model = layer as? Model else {
            throw KerasError(.invalidConfig, "config.json describes a \(layer.className) layer, not a model.")
        }
        var optimizer: Optimizer?
        if compile, let compileConfig = config.objectValue?["compile_config"]?.objectValue, !compileConfig.isEmpty {
            try model.compile(fromKerasConfig: compileConfig)
            optimizer = model.optimizer
        }
        if let weights = members["model.weights.h5"] {
            try WeightsFile.load(weights, into: model, optimizer: optimizer)
        } else if members["model.weights.npz"] != nil {
            throw KerasError(.unsupported, "the archive stores its weights as model.weights.npz; swift-keras reads the default model.weights.h5. Save it again in Python with the default weights format.")
        }
        try KerasArchive.loadAssets(members, into: WeightTree.entries(of: model))
        return model
    }
}

extension KerasError {
    /// This error with `path` named at the front of its message.
    func prefixed(_ path: String) -> KerasError {
        message.hasPrefix(path) || message.contains("\"\(path)\"") ? self : KerasError(kind, "\(path): \(message)")
    }
}
