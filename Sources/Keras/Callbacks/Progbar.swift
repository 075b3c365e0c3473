import Foundation

/// Keras's progress bar (`keras.utils.Progbar`): `12/469 ━━━━━━━━━━━━━━━━━━━━ 3s 8ms/step - loss: 0.2812`.
///
/// On a terminal the bar is rewritten in place; when the output is not a terminal (a log file,
/// a pipe) only the final line of each bar is written, without colours. Values are averaged
/// over the steps seen, weighted by the steps between updates, unless listed in
/// `statefulMetrics`; the final update shows the values given to it.
///
/// ```swift
/// let bar = Progbar(target: 100)
/// for step in 1...100 { bar.update(step, values: [("loss", 1.0 / Double(step))]) }
/// ```
public final class Progbar {
    /// The number of steps expected (`nil` when unknown).
    public var target: Int?
    /// The bar's width in characters.
    public let width: Int
    /// 0 silent, 1 the bar, 2 one line when finished.
    public let verbose: Int
    /// The least time between two redraws, in seconds.
    public let interval: Double
    /// Names of values shown as given rather than averaged.
    public let statefulMetrics: Set<String>
    /// The unit of a step in the timing ("step" or "sample").
    public let unitName: String

    private let output: ProgressOutput
    private var seenSoFar = 0
    private var values: [String: (sum: Double, count: Int)] = [:]
    private var valuesOrder: [String] = []
    private let start: ContinuousClock.Instant
    private var lastUpdate: ContinuousClock.Instant?
    private var timeAfterFirstStep: ContinuousClock.Instant?
    private var previousWidth = 0

    /// Makes a bar.
    ///
    /// - Parameters:
    ///   - target: the number of steps, or `nil` when unknown.
    ///   - width: the bar's width in characters.
    ///   - verbose: 0 silent, 1 the bar, 2 one line when finished.
    ///   - interval: the least time between two redraws, in seconds.
    ///   - statefulMetrics: names of values shown as given rather than averaged.
    ///   - unitName: the unit of a step in the timing ("step" or "sample").
    ///   - output: where to write; standard output by default (a terminal redraws in place).
    public init(target: Int?, width: Int = 20, verbose: Int = 1, interval: Double = 0.05,
                statefulMetrics: Set<String> = [], unitName: String = "step",
                output: ProgressOutput = .standardOutput) {
        self.target = target
        self.width = width
        self.verbose = verbose
        self.interval = interval
        self.statefulMetrics = statefulMetrics
        self.unitName = unitName
        self.output = output
        self.start = .now
    }

    /// Shows progress at step `current` with the latest `values`.
    ///
    /// - Parameters:
    ///   - current: the index of the current step (1-based; the steps done so far).
    ///   - newValues: `(name, value)` pairs to show; averaged over the steps unless listed in
    ///     ``statefulMetrics``.
    ///   - finalize: whether this is the last update; by default, when `current`
    ///     reaches ``target``.
    public func update(_ current: Int, values newValues: [(String, Double)] = [], finalize: Bool? = nil) {
        let finalize = finalize ?? (target.map { current >= $0 } ?? false)
        for (name, value) in newValues {
            if !valuesOrder.contains(name) { valuesOrder.append(name) }
            if statefulMetrics.contains(name) || finalize {
                values[name] = (value, 1)
            } else {
                let weight = max(current - seenSoFar, 1)
                let old = values[name] ?? (0, 0)
                values[name] = (old.sum + value * Double(weight), old.count + weight)
            }
        }
        seenSoFar = current
        let now = ContinuousClock.now
        let perUnit = stepDuration(current, now)
        defer { lastUpdate = now }
        switch verbose {
        case 1:
            if let last = lastUpdate, seconds(now - last) < interval, !finalize { return }
            if !output.isTerminal && !finalize { return }
            writeBar(current, finalize: finalize, now: now, perUnit: perUnit)
        case 2:
            guard finalize, let target, target > 0 else { return }
            let digits = String(target).count
            var line = "\(padded(current, digits))/\(target) - \(format("%.0f", seconds(now - start)))s -\(timing(perUnit))"
            for name in valuesOrder { line += " - \(name): \(formatValue(average(name), signed: false))" }
            output.write(line + "\n")
        default:
            return
        }
    }

    /// Advances by `steps` (Keras's `add`).
    public func add(_ steps: Int, values: [(String, Double)] = []) {
        update(seenSoFar + steps, values: values)
    }

    private func writeBar(_ current: Int, finalize: Bool, now: ContinuousClock.Instant, perUnit: Double) {
        let styled = output.isTerminal
        func bold(_ s: String) -> String { styled ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
        var bar: String
        if let target, target > 0 {
            let digits = String(target).count
            bar = bold("\(padded(current, digits))/\(target)") + " "
            let filled = Int(Double(width) * Double(current) / Double(target))
            let done = String(repeating: "━", count: max(0, min(filled, width)))
            let rest = String(repeating: "━", count: width - max(0, min(filled, width)))
            if styled {
                if !done.isEmpty { bar += "\u{1B}[32m\(done)\u{1B}[0m" }
                bar += "\u{1B}[37m\(rest)\u{1B}[0m"
            } else {
                bar += done + rest
            }
        } else {
            bar = String(repeating: " ", count: max(0, 7 - String(current).count)) + "\(current)/Unknown"
        }
        var info: String
        if let target, target > 0, !finalize {
            let eta = perUnit * Double(target - current)
            let etaText: String
            if eta > 3600 {
                etaText = "\(Int(eta) / 3600):\(twoDigits(Int(eta) % 3600 / 60)):\(twoDigits(Int(eta) % 60))"
            } else if eta > 60 {
                etaText = "\(Int(eta) / 60):\(twoDigits(Int(eta) % 60))"
            } else {
                etaText = "\(Int(eta))s"
            }
            info = " " + bold(etaText)
        } else {
            info = " " + bold("\(format("%.0f", seconds(now - start)))s")
        }
        info += timing(perUnit)
        for name in valuesOrder { info += " - \(name): \(formatValue(average(name), signed: true))" }
        let visibleWidth = visibleLength(bar) + visibleLength(info)
        var message = styled ? "\r" : ""
        message += bar + info
        if styled, previousWidth > visibleWidth { message += String(repeating: " ", count: previousWidth - visibleWidth) }
        if finalize { message += "\n" }
        output.write(message)
        previousWidth = visibleWidth
    }

    private func average(_ name: String) -> Double {
        guard let v = values[name] else { return 0 }
        return v.sum / Double(max(1, v.count))
    }

    /// Keras writes `.4f` above 1e-3 in magnitude (the one-line form compares the signed value), else `.4e`.
    private func formatValue(_ v: Double, signed: Bool) -> String {
        (signed ? abs(v) : v) > 1e-3 ? format("%.4f", v) : format("%.4e", v)
    }

    private func timing(_ perUnit: Double) -> String {
        if perUnit >= 1 || perUnit == 0 { return " \(format("%.0f", perUnit))s/\(unitName)" }
        if perUnit >= 1e-3 { return " \(format("%.0f", perUnit * 1000))ms/\(unitName)" }
        return " \(format("%.0f", perUnit * 1_000_000))us/\(unitName)"
    }

    /// Seconds per step, ignoring the first (slow, warming-up) step once there are more.
    private func stepDuration(_ current: Int, _ now: ContinuousClock.Instant) -> Double {
        guard current > 0 else { return 0 }
        let perUnit: Double
        if let first = timeAfterFirstStep, current > 1 {
            perUnit = seconds(now - first) / Double(current - 1)
        } else {
            perUnit = seconds(now - start) / Double(current)
        }
        if current == 1 { timeAfterFirstStep = now }
        return perUnit
    }

    private func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    private func format(_ f: String, _ v: Double) -> String { String(format: f, v) }
    private func padded(_ n: Int, _ digits: Int) -> String {
        String(repeating: " ", count: max(0, digits - String(n).count)) + String(n)
    }
    private func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    private func visibleLength(_ s: String) -> Int {
        var count = 0, inEscape = false
        for c in s.unicodeScalars {
            if inEscape { if c == "m" { inEscape = false }; continue }
            if c == "\u{1B}" { inEscape = true; continue }
            count += 1
        }
        return count
    }
}

/// Where progress is written: standard output by default, or any sink (a log, a test buffer).
public struct ProgressOutput: Sendable {
    /// Whether the sink is a terminal, so a bar can be redrawn in place.
    public let isTerminal: Bool
    private let sink: @Sendable (String) -> Void

    /// A custom sink.
    public init(isTerminal: Bool, write: @escaping @Sendable (String) -> Void) {
        self.isTerminal = isTerminal
        self.sink = write
    }

    /// Writes `text` as is.
    public func write(_ text: String) { sink(text) }

    /// A file descriptor (terminal detection with `isatty`).
    public static func fileDescriptor(_ fd: Int32) -> ProgressOutput {
        ProgressOutput(isTerminal: isatty(fd) == 1) { text in
            // What `print` buffered goes first, so the two stay in order.
            fflush(nil)
            var bytes = Array(text.utf8)
            var offset = 0
            while offset < bytes.count {
                let n = bytes.withUnsafeMutableBytes { Foundation.write(fd, $0.baseAddress! + offset, $0.count - offset) }
                if n <= 0 { return }
                offset += n
            }
        }
    }

    /// The process's standard output.
    public static var standardOutput: ProgressOutput { fileDescriptor(1) }

    /// The process's standard error.
    public static var standardError: ProgressOutput { fileDescriptor(2) }
}
