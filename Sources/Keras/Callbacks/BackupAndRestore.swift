#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Backs up the training state so an interrupted `fit` resumes where it stopped (Keras's
/// `BackupAndRestore`).
///
/// After each epoch (or every `saveFrequency` batches) the model's weights, the optimizer's
/// state and the epoch reached are written atomically to `backupDir`. A later `fit` with the
/// same callback loads them and starts at the saved epoch, so the run continues with the same
/// weights and optimizer state. The backup is deleted when training finishes (unless
/// `deleteCheckpoint` is false).
///
/// ```swift
/// let backup = try BackupAndRestore(backupDir: "/tmp/run-backup")
/// try model.fit(x, y, epochs: 50, callbacks: [backup])   // rerun after a crash to resume
/// ```
///
/// The state is stored in swift-keras's own file (`latest.state`: a JSON header and the arrays
/// as NPY) until `.weights.h5` writing is available; it is read back only by this callback.
public final class BackupAndRestore: Callback {
    /// The folder holding the backup.
    public let backupDir: String
    /// Batches between backups, or `nil` for once per epoch.
    public let saveFrequency: Int?
    /// Whether the previous backup is kept beside the latest (`.bkp`), in case the latest is damaged.
    public let doubleCheckpoint: Bool
    /// Whether the backup is deleted when training finishes.
    public let deleteCheckpoint: Bool

    private var currentEpoch = 0
    private var lastBatchSeen = 0
    private var batchesSinceSave = 0

    var statePath: String { backupDir + "/latest.state" }
    private var previousStatePath: String { statePath + ".bkp" }

    /// Makes the callback.
    ///
    /// - Throws: ``KerasError`` for an empty `backupDir` or a `saveFrequency` ≤ 0.
    public init(backupDir: String, saveFrequency: Int? = nil, doubleCheckpoint: Bool = false,
                deleteCheckpoint: Bool = true) throws {
        guard !backupDir.isEmpty else { throw KerasError(.invalidArgument, "Empty `backupDir` passed to BackupAndRestore.") }
        if let saveFrequency, saveFrequency <= 0 {
            throw KerasError(.invalidArgument, "BackupAndRestore's `saveFrequency` must be a positive number of batches (or nil for every epoch); received \(saveFrequency).")
        }
        self.backupDir = backupDir
        self.saveFrequency = saveFrequency
        self.doubleCheckpoint = doubleCheckpoint
        self.deleteCheckpoint = deleteCheckpoint
        super.init()
    }

    /// Restores a backup, if there is one, and moves the fit's start to its epoch.
    override public func onTrainBegin(logs: Logs) throws {
        guard let model else { return }
        guard model.isBuilt else {
            throw KerasError(.invalidArgument, "To use the BackupAndRestore callback, model \"\(model.name)\" must be built before fit: give it an Input, or call it on a batch of data first.")
        }
        currentEpoch = 0
        lastBatchSeen = 0
        batchesSinceSave = 0
        do {
            try restore(from: statePath, into: model)
        } catch {
            guard access(previousStatePath, F_OK) == 0 else { throw error }
            try restore(from: previousStatePath, into: model)
        }
    }

    /// Backs up after the epoch.
    override public func onEpochEnd(_ epoch: Int, logs: inout Logs) throws {
        currentEpoch = epoch + 1
        lastBatchSeen = 0
        if saveFrequency == nil { try save() }
    }

    /// Backs up every `saveFrequency` batches.
    override public func onTrainBatchEnd(_ batch: Int, logs: Logs) throws {
        guard let frequency = saveFrequency else { return }
        batchesSinceSave += batch <= lastBatchSeen ? batch + 1 : batch - lastBatchSeen
        lastBatchSeen = batch
        if batchesSinceSave >= frequency {
            batchesSinceSave = 0
            try save()
        }
    }

    /// Deletes the backup after a completed fit.
    override public func onTrainEnd(logs: Logs) throws {
        guard deleteCheckpoint else { return }
        unlink(statePath)
        unlink(previousStatePath)
        rmdir(backupDir)
    }

    // MARK: The state file

    private func save() throws {
        guard let model else { return }
        mkdir(backupDir, 0o755)
        if doubleCheckpoint, let existing = try? FileIO.read(statePath) {
            try FileIO.writeAtomically(existing, to: previousStatePath)
        }
        let weights = model.weights.map(\.value)
        let optimizerState = model.optimizer?.variables.map(\.value) ?? []
        var header = JSONObject()
        header["format"] = "swift-keras training state"
        header["epoch"] = .int(currentEpoch)
        header["batch"] = .int(lastBatchSeen)
        var blobs: [[UInt8]] = []
        var sizes: [JSONValue] = []
        for t in weights + optimizerState {
            let blob = NPY.encode(t)
            blobs.append(blob)
            sizes.append(.int(blob.count))
        }
        header["model_weights"] = .int(weights.count)
        header["optimizer_variables"] = .int(optimizerState.count)
        header["sizes"] = .array(sizes)
        var bytes = Array(JSONValue.object(header).serialized().utf8) + [0x0A]
        for blob in blobs { bytes += blob }
        try FileIO.writeAtomically(bytes, to: statePath)
    }

    private func restore(from path: String, into model: Model) throws {
        guard access(path, F_OK) == 0 else { return }
        let bytes = try FileIO.read(path)
        guard let newline = bytes.firstIndex(of: 0x0A),
              let header = try? JSONValue(parsing: String(decoding: bytes[..<newline], as: UTF8.self)).objectValue,
              let epoch = header["epoch"]?.intValue, let weightCount = header["model_weights"]?.intValue,
              let optimizerCount = header["optimizer_variables"]?.intValue,
              let sizes = header["sizes"]?.arrayValue?.compactMap(\.intValue), sizes.count == weightCount + optimizerCount
        else {
            throw KerasError(.invalidConfig, "The BackupAndRestore state \"\(path)\" is damaged (its header cannot be read). Delete \(backupDir) to start over.")
        }
        var offset = newline + 1
        var arrays: [Tensor] = []
        for size in sizes {
            guard size >= 0, size <= bytes.count - offset else {
                throw KerasError(.invalidConfig, "The BackupAndRestore state \"\(path)\" is truncated. Delete \(backupDir) to start over.")
            }
            arrays.append(try NPY.decode(Array(bytes[offset..<offset + size])))
            offset += size
        }
        try model.setWeights(Array(arrays[..<weightCount]))
        if optimizerCount > 0, let optimizer = model.optimizer {
            if optimizer.variables.count != optimizerCount { try optimizer.build(model.trainableVariables) }
            let variables = optimizer.variables
            guard variables.count == optimizerCount,
                  zip(variables, arrays[weightCount...]).allSatisfy({ $0.shape == $1.shape }) else {
                throw KerasError(.invalidConfig, "The BackupAndRestore state \"\(path)\" holds \(optimizerCount) optimizer variables that do not match the model's optimizer (\(variables.count)). Was the model compiled with another optimizer? Delete \(backupDir) to start over.")
            }
            for (v, value) in zip(variables, arrays[weightCount...]) { v.assign(value) }
        }
        model.resumeEpoch = epoch
    }
}
