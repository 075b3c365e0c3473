// A strict RFC 8259 reader with Python's extensions (`NaN`, `Infinity`, `-Infinity`): configs
// come from files we do not control, so every malformed input is a thrown error with its byte
// offset, never a crash.

extension JSONValue {
    /// The deepest nesting of arrays and objects ``init(parsing:)`` accepts.
    public static let maximumDepth = 512

    /// Parses `text` as JSON, as Python's `json.loads` does.
    ///
    /// Numbers without a fraction or exponent become `.int` when they fit in `Int`; `NaN`,
    /// `Infinity` and `-Infinity` are accepted; a repeated key keeps its first position and last
    /// value. Malformed input, nesting deeper than ``maximumDepth``, control characters inside
    /// strings and unpaired surrogate escapes throw ``KerasError`` (`.invalidConfig`) naming the
    /// byte offset.
    ///
    /// ```swift
    /// let v = try JSONValue(parsing: #"{"units": 10, "rate": 0.5, "name": "d\u00e9"}"#)
    /// v["units"]   // .int(10)
    /// ```
    public init(parsing text: String) throws {
        var parser = JSONParser(bytes: Array(text.utf8))
        self = try parser.parseDocument()
    }
}

/// Recursive-descent reader over UTF-8 bytes.
private struct JSONParser {
    let bytes: [UInt8]
    var offset = 0
    var depth = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func parseDocument() throws -> JSONValue {
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        if offset < bytes.count { throw failure("unexpected data after the JSON value") }
        return value
    }

    func failure(_ what: String, at position: Int? = nil) -> KerasError {
        let at = position ?? offset
        let found = at < bytes.count ? "" : " (the text ends there)"
        return KerasError(.invalidConfig, "Invalid JSON at byte offset \(at): \(what)\(found).")
    }

    mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x09, 0x0A, 0x0D: offset += 1
            default: return
            }
        }
    }

    func peek() -> UInt8? { offset < bytes.count ? bytes[offset] : nil }

    mutating func consume(_ literal: String) -> Bool {
        let utf8 = Array(literal.utf8)
        guard offset + utf8.count <= bytes.count, Array(bytes[offset..<offset + utf8.count]) == utf8 else {
            return false
        }
        offset += utf8.count
        return true
    }

    mutating func parseValue() throws -> JSONValue {
        guard let byte = peek() else { throw failure("expected a value") }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"):
            if consume("true") { return .bool(true) }
        case UInt8(ascii: "f"):
            if consume("false") { return .bool(false) }
        case UInt8(ascii: "n"):
            if consume("null") { return .null }
        case UInt8(ascii: "N"):
            if consume("NaN") { return .double(.nan) }
        case UInt8(ascii: "I"):
            if consume("Infinity") { return .double(.infinity) }
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            if consume("-Infinity") { return .double(-.infinity) }
            return try parseNumber()
        default:
            break
        }
        throw failure("expected a value (an object, array, string, number, true, false or null)")
    }

    mutating func enterContainer() throws {
        depth += 1
        if depth > JSONValue.maximumDepth {
            throw failure("nesting deeper than \(JSONValue.maximumDepth) arrays and objects")
        }
    }

    mutating func parseArray() throws -> JSONValue {
        try enterContainer()
        offset += 1  // [
        var elements: [JSONValue] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            offset += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): offset += 1
            case UInt8(ascii: "]"):
                offset += 1
                depth -= 1
                return .array(elements)
            default: throw failure("expected ',' or ']' after an array element")
            }
        }
    }

    mutating func parseObject() throws -> JSONValue {
        try enterContainer()
        offset += 1  // {
        var object = JSONObject()
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            offset += 1
            depth -= 1
            return .object(object)
        }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw failure("expected a string key in double quotes") }
            let key = try parseString()
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else { throw failure("expected ':' after an object key") }
            offset += 1
            skipWhitespace()
            object[key] = try parseValue()
            skipWhitespace()
            switch peek() {
            case UInt8(ascii: ","): offset += 1
            case UInt8(ascii: "}"):
                offset += 1
                depth -= 1
                return .object(object)
            default: throw failure("expected ',' or '}' after an object member")
            }
        }
    }

    mutating func parseString() throws -> String {
        let start = offset
        offset += 1  // opening quote
        var utf8: [UInt8] = []
        while true {
            guard let byte = peek() else { throw failure("unterminated string starting at byte offset \(start)") }
            switch byte {
            case UInt8(ascii: "\""):
                offset += 1
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                offset += 1
                try parseEscape(into: &utf8)
            case 0x00..<0x20:
                throw failure("control character 0x\(String(byte, radix: 16)) inside a string; escape it")
            default:
                utf8.append(byte)
                offset += 1
            }
        }
    }

    mutating func parseEscape(into utf8: inout [UInt8]) throws {
        guard let byte = peek() else { throw failure("unterminated escape sequence") }
        offset += 1
        let simple: UInt8?
        switch byte {
        case UInt8(ascii: "\""): simple = 0x22
        case UInt8(ascii: "\\"): simple = 0x5C
        case UInt8(ascii: "/"): simple = 0x2F
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "u"): simple = nil
        default: throw failure("invalid escape '\\\(Character(Unicode.Scalar(byte)))'", at: offset - 2)
        }
        if let simple {
            utf8.append(simple)
            return
        }
        let escapeStart = offset - 2
        var value = try parseHex4()
        if (0xDC00...0xDFFF).contains(value) {
            throw failure("unpaired low surrogate \\u\(String(value, radix: 16))", at: escapeStart)
        }
        if (0xD800...0xDBFF).contains(value) {
            guard consume("\\u") else {
                throw failure("high surrogate \\u\(String(value, radix: 16)) not followed by a low surrogate", at: escapeStart)
            }
            let low = try parseHex4()
            guard (0xDC00...0xDFFF).contains(low) else {
                throw failure("high surrogate \\u\(String(value, radix: 16)) followed by \\u\(String(low, radix: 16)), which is not a low surrogate", at: escapeStart)
            }
            value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw failure("invalid code point \(value)", at: escapeStart)
        }
        utf8.append(contentsOf: Array(String(Character(scalar)).utf8))
    }

    mutating func parseHex4() throws -> UInt32 {
        guard offset + 4 <= bytes.count else { throw failure("expected four hex digits after \\u") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[offset]
            let digit: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
            default: throw failure("expected four hex digits after \\u")
            }
            value = value * 16 + UInt32(digit)
            offset += 1
        }
        return value
    }

    func isDigit(_ b: UInt8?) -> Bool {
        guard let b else { return false }
        return b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")
    }

    mutating func parseNumber() throws -> JSONValue {
        let start = offset
        if peek() == UInt8(ascii: "-") { offset += 1 }
        guard isDigit(peek()) else { throw failure("expected a digit") }
        if peek() == UInt8(ascii: "0") {
            offset += 1
            if isDigit(peek()) { throw failure("a number may not have a leading zero", at: start) }
        } else {
            while isDigit(peek()) { offset += 1 }
        }
        var isInteger = true
        if peek() == UInt8(ascii: ".") {
            isInteger = false
            offset += 1
            guard isDigit(peek()) else { throw failure("expected a digit after the decimal point") }
            while isDigit(peek()) { offset += 1 }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            isInteger = false
            offset += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { offset += 1 }
            guard isDigit(peek()) else { throw failure("expected a digit in the exponent") }
            while isDigit(peek()) { offset += 1 }
        }
        let text = String(decoding: bytes[start..<offset], as: UTF8.self)
        if isInteger, let i = Int(text) { return .int(i) }
        guard let d = Double(text) else { throw failure("unreadable number \"\(text)\"", at: start) }
        return .double(d)
    }
}
