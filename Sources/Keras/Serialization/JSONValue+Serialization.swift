// Writing JSON byte for byte as Python's `json.dumps(obj)` does with default arguments, so the
// configs we save compare equal, as text, with those Python Keras saves.

extension JSONValue {
    /// The value as Python's `json.dumps(obj)` writes it with default arguments.
    ///
    /// Separators are `", "` and `": "`; non-ASCII characters are escaped as `\uXXXX` (surrogate
    /// pairs beyond the BMP); floats are written as Python's `repr` writes them (`0.1`, `1.0`,
    /// `1e-05`, `1e+16`), with `NaN`, `Infinity` and `-Infinity` for non-finite values.
    ///
    /// ```swift
    /// let v: JSONValue = ["seed": nil, "stddev": 0.05, "name": "café"]
    /// v.serialized()   // {"seed": null, "stddev": 0.05, "name": "caf\u00e9"}
    /// ```
    public func serialized() -> String {
        var out = ""
        write(to: &out)
        return out
    }

    private func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += JSONValue.pythonRepr(d)
        case .string(let s): JSONValue.writeString(s, to: &out)
        case .array(let elements):
            out += "["
            for (i, element) in elements.enumerated() {
                if i > 0 { out += ", " }
                element.write(to: &out)
            }
            out += "]"
        case .object(let object):
            out += "{"
            for (i, pair) in object.pairs.enumerated() {
                if i > 0 { out += ", " }
                JSONValue.writeString(pair.key, to: &out)
                out += ": "
                pair.value.write(to: &out)
            }
            out += "}"
        }
    }

    /// Python's `json.dumps` string form with `ensure_ascii=True`: only printable ASCII
    /// (space through `~`) is written as is.
    private static func writeString(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case " "..."~": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v > 0xFFFF {
                    let u = v - 0x10000
                    appendEscape(0xD800 + (u >> 10), to: &out)
                    appendEscape(0xDC00 + (u & 0x3FF), to: &out)
                } else {
                    appendEscape(v, to: &out)
                }
            }
        }
        out += "\""
    }

    private static func appendEscape(_ unit: UInt32, to out: inout String) {
        let hex = String(unit, radix: 16)  // lowercase, as Python writes it
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }

    /// `repr(x)` as Python writes a float inside `json.dumps`: the shortest digits that round-trip,
    /// in fixed notation when the decimal exponent is in `-5 < e < 16`, scientific otherwise
    /// (`1e-05`, `1.5e+16`), and `NaN` / `Infinity` / `-Infinity` for non-finite values.
    ///
    /// ```swift
    /// JSONValue.pythonRepr(0.1)     // "0.1"
    /// JSONValue.pythonRepr(1e-5)    // "1e-05"
    /// JSONValue.pythonRepr(100.0)   // "100.0"
    /// ```
    public static func pythonRepr(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x < 0 ? "-Infinity" : "Infinity" }
        let negative = x.sign == .minus
        let (digits, decimalPoint) = shortestDigits(Swift.abs(x))
        let sign = negative ? "-" : ""
        if digits.isEmpty { return sign + "0.0" }
        let n = digits.count
        // Python's float_repr_style "short": scientific when decpt <= -4 or decpt > 16, where
        // the value is 0.d1d2... * 10^decpt.
        if decimalPoint > -4 && decimalPoint <= 16 {
            if decimalPoint <= 0 {
                return sign + "0." + String(repeating: "0", count: -decimalPoint) + String(digits)
            }
            if decimalPoint >= n {
                return sign + String(digits) + String(repeating: "0", count: decimalPoint - n) + ".0"
            }
            return sign + String(digits[..<decimalPoint]) + "." + String(digits[decimalPoint...])
        }
        let exponent = decimalPoint - 1
        var text = sign + String(digits[0])
        if n > 1 { text += "." + String(digits[1...]) }
        let magnitude = String(Swift.abs(exponent))
        text += (exponent < 0 ? "e-" : "e+") + (magnitude.count < 2 ? "0" : "") + magnitude
        return text
    }

    /// The shortest round-trip decimal digits of a finite `x >= 0` (no leading or trailing zeros)
    /// and the decimal point position `p` with `x = 0.digits * 10^p`; empty digits for zero.
    ///
    /// Swift's `description` already yields the shortest digits that round-trip (ties to the
    /// closest), only in its own layout; this reads them back out of it.
    private static func shortestDigits(_ x: Double) -> (digits: [Character], decimalPoint: Int) {
        let text = x.description
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        var integerPart = mantissa
        var fractionPart = Substring("")
        if let dot = mantissa.firstIndex(of: ".") {
            integerPart = mantissa[..<dot]
            fractionPart = mantissa[mantissa.index(after: dot)...]
        }
        var digits = Array(integerPart) + Array(fractionPart)
        var decimalPoint = integerPart.count + exponent
        while let first = digits.first, first == "0" {
            digits.removeFirst()
            decimalPoint -= 1
        }
        while let last = digits.last, last == "0" { digits.removeLast() }
        return (digits, decimalPoint)
    }
}
