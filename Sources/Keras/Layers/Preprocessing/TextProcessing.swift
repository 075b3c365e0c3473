// Keras's text standardization, splitting and n-grams, byte for byte as TensorFlow's string ops
// compute them for `TextVectorization`.

/// How ``TextVectorization`` standardizes each text before splitting it (Keras's
/// `standardize`).
public enum TextStandardization: Sendable {
    /// ASCII letters lowercased, then ASCII punctuation removed (the default). As in Keras,
    /// letters outside ASCII keep their case ("ÉCOLE" becomes "École").
    case lowerAndStripPunctuation
    /// ASCII letters lowercased.
    case lower
    /// ASCII punctuation (`!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~`) removed.
    case stripPunctuation
    /// A function of yours. A model holding one cannot be saved to a file (Keras would need
    /// the function registered).
    case custom(@Sendable (String) -> String)

    /// Keras's name, `nil` for a custom function.
    var kerasName: String? {
        switch self {
        case .lowerAndStripPunctuation: return "lower_and_strip_punctuation"
        case .lower: return "lower"
        case .stripPunctuation: return "strip_punctuation"
        case .custom: return nil
        }
    }

    init?(kerasName: String) {
        switch kerasName {
        case "lower_and_strip_punctuation": self = .lowerAndStripPunctuation
        case "lower": self = .lower
        case "strip_punctuation": self = .stripPunctuation
        default: return nil
        }
    }

    /// The standardized text.
    func apply(_ text: String) -> String {
        switch self {
        case .custom(let f): return f(text)
        case .lower: return TextProcessing.asciiLowercased(text)
        case .stripPunctuation: return TextProcessing.strippingASCIIPunctuation(text)
        case .lowerAndStripPunctuation: return TextProcessing.strippingASCIIPunctuation(TextProcessing.asciiLowercased(text))
        }
    }
}

/// How ``TextVectorization`` cuts a standardized text into tokens (Keras's `split`).
public enum TextSplit: Sendable {
    /// At runs of ASCII whitespace (space, tab, newline, `\v`, `\f`, `\r`), with leading and
    /// trailing whitespace dropped (the default).
    case whitespace
    /// Into Unicode code points.
    case character
    /// A function of yours. A model holding one cannot be saved to a file.
    case custom(@Sendable (String) -> [String])

    /// Keras's name, `nil` for a custom function.
    var kerasName: String? {
        switch self {
        case .whitespace: return "whitespace"
        case .character: return "character"
        case .custom: return nil
        }
    }

    init?(kerasName: String) {
        switch kerasName {
        case "whitespace": self = .whitespace
        case "character": self = .character
        default: return nil
        }
    }

    /// The tokens of a text.
    func apply(_ text: String) -> [String] {
        switch self {
        case .custom(let f): return f(text)
        case .whitespace: return TextProcessing.whitespaceTokens(text)
        case .character: return text.unicodeScalars.map { String($0) }
        }
    }
}

enum TextProcessing {
    /// `tf.strings.lower` without an encoding: bytes `A`–`Z` to `a`–`z`, every other byte kept
    /// (UTF-8 sequences never contain ASCII bytes, so texts stay valid).
    static func asciiLowercased(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return text }
        return String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
    }

    /// Keras's `[!"#$%&()\*\+,-\./:;<=>?@\[\\\]^_`{|}~\']` removed: every ASCII punctuation byte.
    static func strippingASCIIPunctuation(_ text: String) -> String {
        guard text.utf8.contains(where: isASCIIPunctuation) else { return text }
        return String(decoding: text.utf8.filter { !isASCIIPunctuation($0) }, as: UTF8.self)
    }

    private static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte) || (0x7B...0x7E).contains(byte)
    }

    /// `tf.strings.split` without a separator: the runs between ASCII whitespace bytes.
    static func whitespaceTokens(_ text: String) -> [String] {
        text.utf8.split { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) }.map { String(decoding: $0, as: UTF8.self) }
    }

    /// `tf.strings.ngrams(tokens, widths, separator=" ")`: for each width in order, every run of
    /// that many consecutive tokens joined by a space (none when the row is shorter).
    static func ngrams(_ tokens: [String], widths: [Int]) -> [String] {
        var result: [String] = []
        for width in widths where width >= 1 && tokens.count >= width {
            for start in 0...(tokens.count - width) {
                result.append(tokens[start..<(start + width)].joined(separator: " "))
            }
        }
        return result
    }
}
