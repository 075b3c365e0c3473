#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes each epoch's logs as a CSV row (Keras's `CSVLogger`): `epoch,accuracy,loss,val_accuracy,val_loss`.
///
/// Columns are the first epoch's log names, sorted, with `val_` columns added when the first
/// epoch had no validation; missing values are written `NA`. With `append: true` rows are
/// added to an existing file (the header only when it is empty), so a resumed fit continues
/// the same log.
public final class CSVLogger: Callback {
    /// The file written.
    public let filename: String
    /// The column separator.
    public let separator: String
    /// Whether rows are added to an existing file.
    public let append: Bool
    private var keys: [String]?
    private var writeHeader = true
    private var file: UnsafeMutablePointer<FILE>?

    /// Makes a logger writing to `filename`.
    public init(_ filename: String, separator: String = ",", append: Bool = false) {
        self.filename = filename
        self.separator = separator
        self.append = append
        super.init()
    }

    deinit { if let file { fclose(file) } }

    /// Opens the file (truncating it unless appending).
    override public func onTrainBegin(logs: Logs) throws {
        if let file { fclose(file) }
        writeHeader = true
        if append, let existing = fopen(filename, "r") {
            writeHeader = fgetc(existing) == EOF
            fclose(existing)
        }
        guard let opened = fopen(filename, append ? "a" : "w") else {
            throw KerasError(.invalidArgument, "CSVLogger cannot open \"\(filename)\" for writing (errno \(errno)). Check that its folder exists and is writable.")
        }
        file = opened
        keys = nil
    }

    /// Writes the epoch's row.
    override public func onEpochEnd(_ epoch: Int, logs: inout Logs) throws {
        guard let file else { return }
        if keys == nil {
            var k = logs.keys.sorted()
            if !k.contains(where: { $0.hasPrefix("val_") }) { k += k.map { "val_\($0)" } }
            keys = k
            if writeHeader { fputs((["epoch"] + k).joined(separator: separator) + "\r\n", file) }
        }
        let row = [String(epoch)] + (keys ?? []).map { key in logs[key].map { "\($0)" } ?? "NA" }
        // Python's csv module ends rows with \r\n, as Keras's files do.
        fputs(row.joined(separator: separator) + "\r\n", file)
        fflush(file)
    }

    /// Closes the file.
    override public func onTrainEnd(logs: Logs) throws {
        if let file { fclose(file) }
        file = nil
    }
}
