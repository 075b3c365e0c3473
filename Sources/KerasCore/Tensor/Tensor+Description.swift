extension Tensor: CustomStringConvertible, CustomDebugStringConvertible {
    /// numpy-like text: `array([[1., 2.], [3., 4.]], dtype=float32)`, summarized with `...` past
    /// 1000 elements.
    public var description: String {
        let body = formatted()
        return "array(\(body), dtype=\(dtype))"
    }

    /// The same as ``description``, with the shape added.
    public var debugDescription: String { "Tensor(shape=\(Shape.describe(shape)), \(description))" }

    private func formatted() -> String {
        let summarize = count > 1000
        let words: [String] = dtype == .string ? strings.map(Self.quoted) : doubles.map { formatElement($0) }
        // numpy right-aligns numbers in a column and prints texts as they are.
        let width = words.map(\.count).max() ?? 0
        let padded = dtype == .string ? words : words.map { String(repeating: " ", count: width - $0.count) + $0 }
        if rank == 0 { return padded.first ?? "" }
        let strides = Shape.strides(shape)
        func render(axis: Int, offset: Int, indent: Int) -> String {
            let n = shape[axis]
            var indices = Array(0..<n)
            var elided = false
            if summarize && n > 6 { indices = Array(0..<3) + Array((n - 3)..<n); elided = true }
            var parts: [String] = []
            for (k, i) in indices.enumerated() {
                if elided && k == 3 { parts.append("...") }
                if axis == rank - 1 {
                    parts.append(padded[offset + i * strides[axis]])
                } else {
                    parts.append(render(axis: axis + 1, offset: offset + i * strides[axis], indent: indent + 1))
                }
            }
            if axis == rank - 1 { return "[" + parts.joined(separator: ", ") + "]" }
            let separator = "," + String(repeating: "\n", count: rank - 1 - axis) + String(repeating: " ", count: indent + 1)
            return "[" + parts.joined(separator: separator) + "]"
        }
        return render(axis: 0, offset: 0, indent: 6)
    }

    /// A string element as numpy prints it: `'text'`, with quotes and backslashes escaped.
    private static func quoted(_ text: String) -> String {
        var out = "'"
        for c in text {
            switch c {
            case "\\": out += "\\\\"
            case "'": out += "\\'"
            case "\n": out += "\\n"
            default: out.append(c)
            }
        }
        return out + "'"
    }

    private func formatElement(_ v: Double) -> String {
        switch dtype {
        case .bool: return v != 0 ? "True" : "False"
        case .int32, .int64, .uint8: return String(Int64(v))
        default:
            if v.isNaN { return "nan" }
            if v.isInfinite { return v > 0 ? "inf" : "-inf" }
            if v == v.rounded() && abs(v) < 1e16 { return String(Int64(v)) + "." }
            let text = dtype == .float64 ? "\(v)" : "\(Float(v))"
            return text
        }
    }
}
