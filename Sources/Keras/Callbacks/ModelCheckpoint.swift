#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Saves the model or its weights during training (Keras's `ModelCheckpoint`).
///
/// The path may hold Python-style placeholders filled from the epoch (1-based), the batch and
/// the logs: `ckpt-{epoch:02d}-{val_loss:.2f}.keras`. With `saveBestOnly` a file is written
/// only when the monitored value improves. Writes are atomic.
///
/// ```swift
/// let checkpoint = try ModelCheckpoint("ckpt-{epoch:02d}-{val_loss:.2f}.keras", saveBestOnly: true)
/// ```
public final class ModelCheckpoint: Callback {
    /// The path template.
    public let filepath: String
    /// Whether only improvements are saved.
    public let saveBestOnly: Bool
    /// Whether only the weights are saved (the path must end in `.weights.h5`).
    public let saveWeightsOnly: Bool
    /// Batches between saves, or `nil` for once per epoch.
    public let saveFrequency: Int?
    /// 1 prints each save.
    public let verbose: Int
    /// The best monitored value so far.
    public private(set) var best: Double?

    private var watch: Monitor
    private var currentEpoch = 0
    private var batchesSinceSave = 0
    private var lastBatchSeen: Int?
    private let output: ProgressOutput
    /// Writes the file; replaced in tests.
    var writer: (Model, String, Bool) throws -> Void = { model, path, weightsOnly in
        if weightsOnly { try model.saveWeights(to: path) } else { try model.save(to: path) }
    }

    /// Makes the callback; Keras's defaults.
    ///
    /// - Parameters:
    ///   - filepath: the path template; may hold placeholders such as `{epoch:02d}` or `{val_loss:.2f}`.
    ///   - monitor: the logged value to watch (`"val_loss"` by default).
    ///   - verbose: 1 prints each save.
    ///   - saveBestOnly: whether a file is written only when the monitored value improves.
    ///   - saveWeightsOnly: whether only the weights are saved (the path must end in `.weights.h5`).
    ///   - mode: whether the value should go down, up, or is inferred from its name.
    ///   - saveFrequency: save every this many batches instead of every epoch.
    ///   - initialValueThreshold: a value the monitored quantity must beat before the first save
    ///     (with `saveBestOnly`).
    ///   - output: where messages are written (standard output by default).
    /// - Throws: ``KerasError`` for a path that does not end in `.keras`/`.h5` (or
    ///   `.weights.h5` with `saveWeightsOnly`), or a `saveFrequency` ≤ 0.
    public init(_ filepath: String, monitor: String = "val_loss", verbose: Int = 0, saveBestOnly: Bool = false,
                saveWeightsOnly: Bool = false, mode: MonitorMode = .auto, saveFrequency: Int? = nil,
                initialValueThreshold: Double? = nil, output: ProgressOutput = .standardOutput) throws {
        if saveWeightsOnly {
            guard filepath.hasSuffix(".weights.h5") else {
                throw KerasError(.invalidArgument, "When using `saveWeightsOnly: true` in ModelCheckpoint, the filepath provided must end in `.weights.h5` (Keras weights format). Received: filepath=\(filepath)")
            }
        } else {
            guard filepath.hasSuffix(".keras") || filepath.hasSuffix(".h5") else {
                throw KerasError(.invalidArgument, "The filepath provided must end in `.keras` (Keras model format). Received: filepath=\(filepath)")
            }
        }
        if let saveFrequency, saveFrequency <= 0 {
            throw KerasError(.invalidArgument, "ModelCheckpoint's `saveFrequency` must be a positive number of batches (or nil for every epoch); received \(saveFrequency).")
        }
        _ = try PathTemplate(filepath)
        self.filepath = filepath
        self.verbose = verbose
        self.saveBestOnly = saveBestOnly
        self.saveWeightsOnly = saveWeightsOnly
        self.saveFrequency = saveFrequency
        self.watch = Monitor(monitor, mode: mode, minDelta: 0)
        self.best = initialValueThreshold
        self.output = output
        super.init()
    }

    /// Notes the epoch.
    override public func onEpochBegin(_ epoch: Int, logs: Logs) throws { currentEpoch = epoch }

    /// Saves every `saveFrequency` batches.
    override public func onTrainBatchEnd(_ batch: Int, logs: Logs) throws {
        guard let frequency = saveFrequency else { return }
        batchesSinceSave += lastBatchSeen.map { batch <= $0 ? batch + 1 : batch - $0 } ?? batch + 1
        lastBatchSeen = batch
        if batchesSinceSave >= frequency {
            batchesSinceSave = 0
            try save(epoch: currentEpoch, batch: batch, logs: logs)
        }
    }

    /// Saves after the epoch.
    override public func onEpochEnd(_ epoch: Int, logs: inout Logs) throws {
        if saveBestOnly { try watch.resolve(model: model, callback: "ModelCheckpoint") }
        if saveFrequency == nil { try save(epoch: epoch, batch: nil, logs: logs) }
    }

    private func save(epoch: Int, batch: Int?, logs: Logs) throws {
        guard let model else { return }
        var values: [String: Double] = logs
        values["epoch"] = Double(epoch + 1)
        if let batch, logs["batch"] == nil { values["batch"] = Double(batch + 1) }
        let path = try PathTemplate(filepath).format(values)
        if saveBestOnly {
            guard let current = logs[watch.name] else {
                output.write("Warning: can save best model only with \(watch.name) available.\n")
                return try write(model, path, epoch: epoch)
            }
            let bestText = best.map { format5($0) } ?? "None"
            guard watch.isImprovement(current, over: best) else {
                if verbose > 0 { output.write("\nEpoch \(epoch + 1): \(watch.name) did not improve from \(bestText)\n") }
                return
            }
            if verbose > 0 { output.write("\nEpoch \(epoch + 1): \(watch.name) improved from \(bestText) to \(format5(current)), saving model to \(path)\n") }
            best = current
        } else if verbose > 0 {
            output.write("\nEpoch \(epoch + 1): saving model to \(path)\n")
        }
        try write(model, path, epoch: epoch)
    }

    private func write(_ model: Model, _ path: String, epoch: Int) throws {
        if let slash = path.lastIndex(of: "/") {
            let dir = String(path[..<slash])
            if !dir.isEmpty { try FileIO.makeDirectories(dir) }
        }
        try writer(model, path, saveWeightsOnly)
        if verbose > 0 { output.write("\nEpoch \(epoch + 1): finished saving model to \(path)\n") }
    }

    private func format5(_ v: Double) -> String { PathTemplate.formatFixed(v, digits: 5) }
}

/// A Python `str.format` template restricted to named fields with optional `d`, `f`, `e` and
/// `g` specs (`{epoch:02d}`, `{val_loss:.2f}`), as ModelCheckpoint paths use.
struct PathTemplate {
    enum Piece { case text(String), field(name: String, spec: String) }
    let pieces: [Piece]
    let source: String

    init(_ template: String) throws {
        source = template
        var pieces: [Piece] = []
        var text = ""
        var chars = Array(template)[...]
        while let c = chars.popFirst() {
            if c == "{" {
                if chars.first == "{" { chars.removeFirst(); text.append("{"); continue }
                guard let close = chars.firstIndex(of: "}") else {
                    throw KerasError(.invalidArgument, "The filepath template \"\(template)\" has an unclosed \"{\".")
                }
                let body = String(chars[chars.startIndex..<close])
                chars = chars[(close + 1)...]
                if !text.isEmpty { pieces.append(.text(text)); text = "" }
                let parts = body.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
                pieces.append(.field(name: String(parts[0]), spec: parts.count > 1 ? String(parts[1]) : ""))
            } else if c == "}" {
                if chars.first == "}" { chars.removeFirst() }
                text.append("}")
            } else {
                text.append(c)
            }
        }
        if !text.isEmpty { pieces.append(.text(text)) }
        self.pieces = pieces
    }

    /// Fills the fields from `values`.
    ///
    /// - Throws: ``KerasError`` naming a field with no value, or a spec that is not supported.
    func format(_ values: [String: Double]) throws -> String {
        var out = ""
        for piece in pieces {
            switch piece {
            case .text(let t): out += t
            case .field(let name, let spec):
                guard let v = values[name] else {
                    throw KerasError(.invalidArgument, "Failed to format the callback filepath \"\(source)\": there is no value named \"\(name)\" in the logs (available: \(values.keys.sorted().joined(separator: ", "))).")
                }
                out += try Self.formatValue(v, spec: spec, field: name)
            }
        }
        return out
    }

    static func formatValue(_ v: Double, spec: String, field: String) throws -> String {
        // Keras passes the epoch and batch as integers and log values as floats.
        if spec.isEmpty { return field == "epoch" || field == "batch" ? String(Int(v)) : "\(v)" }
        var s = Substring(spec)
        let zeroPad = s.first == "0"
        if zeroPad { s = s.dropFirst() }
        let widthText = s.prefix { $0.isNumber }
        s = s.dropFirst(widthText.count)
        var precision: Int?
        if s.first == "." {
            s = s.dropFirst()
            let p = s.prefix { $0.isNumber }
            precision = Int(p)
            s = s.dropFirst(p.count)
        }
        let width = Int(widthText) ?? 0
        var body: String
        switch s {
        case "d":
            guard v == v.rounded() else {
                throw KerasError(.invalidArgument, "Cannot format \(field)=\(v) with \"{\(field):\(spec)}\": it is not an integer.")
            }
            body = String(Int(v))
        case "f", "": body = formatFixed(v, digits: precision ?? 6)
        case "e": body = formatExponent(v, digits: precision ?? 6)
        default:
            throw KerasError(.unsupported, "The format spec \"\(spec)\" of field \"\(field)\" is not supported in filepath templates; use d, f or e (e.g. {epoch:02d}, {val_loss:.2f}).")
        }
        if body.count < width {
            let negative = body.hasPrefix("-")
            let pad = String(repeating: zeroPad ? "0" : " ", count: width - body.count)
            body = zeroPad && negative ? "-" + pad + body.dropFirst() : pad + body
        }
        return body
    }

    static func formatFixed(_ v: Double, digits: Int) -> String { cFormat("%.\(digits)f", v) }
    static func formatExponent(_ v: Double, digits: Int) -> String { cFormat("%.\(digits)e", v) }

    private static func cFormat(_ format: String, _ v: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 512)
        _ = withVaList([v]) { vsnprintf(&buffer, buffer.count, format, $0) }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
