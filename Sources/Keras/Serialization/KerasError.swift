/// The error every user-facing entry point of swift-keras throws: model construction, layer calls
/// on symbolic tensors, compile, fit, load and save.
///
/// The message says what was received, what was expected and how to fix it, naming the layer
/// path where there is one:
///
/// ```text
/// Layer "dense_2" expects an input whose last axis is 64, but received shape (None, 10).
/// ```
public struct KerasError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What went wrong, broadly; the message holds the details.
    public enum Kind: String, Sendable, Equatable {
        /// An argument outside its allowed values (`units: 0`, `rate: 1.5`).
        case invalidArgument
        /// Shapes that do not fit together (a Dense fed the wrong last axis).
        case incompatibleShape
        /// A name that is not known (an activation, an initializer, a layer class).
        case unknownName
        /// A Functional graph that cannot be built (inputs that are not `Input`s, disconnected outputs).
        case invalidGraph
        /// A feature swift-keras does not provide; the message names it.
        case unsupported
        /// A configuration or file that does not have the expected form.
        case invalidConfig
    }

    /// The broad category.
    public let kind: Kind
    /// The full message.
    public let message: String

    /// Makes an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The message.
    public var description: String { message }

    /// The same error seen from inside model `name`: the message starts with the path of models
    /// the failing layer sits in (`In model "outer" › "inner": Layer "dense_2" ...`).
    public func within(model name: String) -> KerasError {
        if message.hasPrefix("In model ") {
            return KerasError(kind, "In model \"\(name)\" › " + message.dropFirst("In model ".count))
        }
        return KerasError(kind, "In model \"\(name)\": " + message)
    }

    /// An `unknownName` error for `name` among `known`, with "Did you mean ...?" when one is close.
    ///
    /// ```swift
    /// KerasError.unknown("activation", "rleu", known: ["relu", "elu"]).message
    /// // Unknown activation "rleu". Did you mean "relu"? Known: elu, relu.
    /// ```
    public static func unknown(_ what: String, _ name: String, known: [String]) -> KerasError {
        var text = "Unknown \(what) \"\(name)\"."
        if let guess = closestMatch(to: name, among: known) { text += " Did you mean \"\(guess)\"?" }
        text += " Known: \(known.sorted().joined(separator: ", "))."
        return KerasError(.unknownName, text)
    }

    /// The candidate nearest to `name` by edit distance (case-insensitive), if it is close enough
    /// to be a plausible typo: at most a third of the name's length, and at least one edit allowed.
    public static func closestMatch(to name: String, among candidates: [String]) -> String? {
        let target = Array(name.lowercased())
        var best: (String, Int)?
        for candidate in candidates {
            let d = editDistance(target, Array(candidate.lowercased()))
            if best == nil || d < best!.1 { best = (candidate, d) }
        }
        guard let (match, distance) = best else { return nil }
        return distance <= Swift.max(1, target.count / 3) ? match : nil
    }

    /// Levenshtein distance with adjacent transpositions counted as one edit.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = Swift.min(current[j], previous2[j - 2] + 1)
                }
            }
            previous2 = previous
            previous = current
        }
        return previous[b.count]
    }
}
