// The tokens lookup layers map: integers (IntegerLookup) and texts (StringLookup).

/// A token of a lookup layer's vocabulary: hashable for the table, ordered for `adapt`'s ties,
/// hashable to bytes for several OOV slots, and written to configs and vocabulary files.
public protocol LookupToken: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The bytes FarmHash or SipHash hash to pick one of several OOV slots (TensorFlow hashes
    /// an integer's decimal text).
    var hashBytes: [UInt8] { get }
    /// The token in a Keras config.
    var json: JSONValue { get }
    /// The token on one line of Keras's `vocabulary.txt` asset.
    var assetLine: String { get }
    /// The token of one line of a `vocabulary.txt` asset; `nil` when the line is not one.
    init?(assetLine: String)
    /// The dtype of a tensor of these tokens (what an inverse lookup returns).
    static var dtype: DType { get }
    /// The tokens of a tensor, or `nil` when its dtype cannot hold them (text for integer
    /// tokens, numbers for text tokens).
    static func tokens(in tensor: Tensor) -> [Self]?
    /// A tensor of `tokens` laid out in `shape`.
    static func tensor(_ tokens: [Self], shape: [Int]) -> Tensor
}

extension Int64: LookupToken {
    /// The decimal text's bytes, as TensorFlow hashes an integer.
    public var hashBytes: [UInt8] { Array(String(self).utf8) }
    /// The integer.
    public var json: JSONValue { .int(Int(self)) }
    /// The decimal text.
    public var assetLine: String { String(self) }
    /// The integer of a decimal line (spaces around it allowed, as Python's `int`).
    public init?(assetLine: String) { self.init(assetLine.trimmingSpaces) }
    /// `int64`.
    public static var dtype: DType { .int64 }
    /// The numbers of a numeric tensor as integers; `nil` for text.
    public static func tokens(in tensor: Tensor) -> [Int64]? {
        tensor.dtype == .string ? nil : tensor.scalars(as: Int64.self)
    }
    /// An `int64` tensor.
    public static func tensor(_ tokens: [Int64], shape: [Int]) -> Tensor {
        Tensor(tokens.map(Int.init), shape: shape, dtype: .int64)
    }
}

/// A text token compared as TensorFlow compares strings: by its UTF-8 bytes. (Swift's `String`
/// equality treats canonically equivalent texts as equal, "é" and "e\u{301}", and orders them
/// by Unicode rules; Keras's vocabularies keep them apart and break `adapt` ties by bytes.)
public struct TextToken: LookupToken, CustomDebugStringConvertible {
    /// The text.
    public let text: String
    /// Its UTF-8 bytes, which decide equality, hashing and order.
    public let bytes: [UInt8]

    /// The token of `text`.
    public init(_ text: String) {
        self.text = text
        self.bytes = Array(text.utf8)
    }

    /// Equal when the UTF-8 bytes are.
    public static func == (a: TextToken, b: TextToken) -> Bool { a.bytes == b.bytes }
    /// Hashes the UTF-8 bytes.
    public func hash(into hasher: inout Hasher) { hasher.combine(bytes) }
    /// Orders by UTF-8 bytes, as NumPy orders byte strings.
    public static func < (a: TextToken, b: TextToken) -> Bool { a.bytes.lexicographicallyPrecedes(b.bytes) }

    /// The text.
    public var description: String { text }
    /// The text in quotes, as Python prints it in a list.
    public var debugDescription: String { "'\(text)'" }
    /// The UTF-8 bytes.
    public var hashBytes: [UInt8] { bytes }
    /// The text.
    public var json: JSONValue { .string(text) }
    /// The text.
    public var assetLine: String { text }
    /// The token of a line.
    public init?(assetLine: String) { self.init(assetLine) }
    /// `string`.
    public static var dtype: DType { .string }
    /// The texts of a `string` tensor; `nil` for numbers.
    public static func tokens(in tensor: Tensor) -> [TextToken]? {
        tensor.dtype == .string ? tensor.strings.map(TextToken.init) : nil
    }
    /// A `string` tensor.
    public static func tensor(_ tokens: [TextToken], shape: [Int]) -> Tensor {
        Tensor(strings: tokens.map(\.text), shape: shape)
    }
}

/// The lines of a text file as Python's `str.splitlines()` cuts them (Keras reads vocabulary
/// assets so): at `\n`, `\r\n`, `\r`, `\v`, `\f`, `\x1c`–`\x1e`, `\x85`, U+2028 and U+2029;
/// trailing empty lines dropped, as Keras drops them.
func vocabularyLines(_ text: String) -> [String] {
    let breaks: Set<Unicode.Scalar> = ["\n", "\r", "\u{0B}", "\u{0C}", "\u{1C}", "\u{1D}", "\u{1E}", "\u{85}", "\u{2028}", "\u{2029}"]
    var lines: [String] = []
    var current = String.UnicodeScalarView()
    var previousWasCR = false
    var endedWithBreak = false
    for scalar in text.unicodeScalars {
        if scalar == "\n" && previousWasCR { previousWasCR = false; continue }
        previousWasCR = scalar == "\r"
        if breaks.contains(scalar) {
            lines.append(String(current))
            current = String.UnicodeScalarView()
            endedWithBreak = true
        } else {
            current.append(scalar)
            endedWithBreak = false
        }
    }
    if !current.isEmpty || (!endedWithBreak && !lines.isEmpty) { lines.append(String(current)) }
    while lines.last == "" { lines.removeLast() }
    return lines
}
