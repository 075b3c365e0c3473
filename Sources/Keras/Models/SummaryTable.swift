/// Draws a table the way Keras's summary (through the `rich` library) draws it: heavy header
/// borders, a light line between rows, fixed column widths, words wrapped to fit, text right- or
/// left-justified.
struct SummaryTable {
    enum Justify { case left, right }

    let headers: [String]
    let justify: [Justify]
    /// Column widths including one space of padding on each side, borders excluded.
    let widths: [Int]
    var rows: [[String]] = []

    /// Column widths for a table `lineLength` wide with column boundaries at `positions`
    /// (fractions of the line), reduced to fit the borders as rich does.
    static func columnWidths(lineLength: Int, positions: [Double]) -> [Int] {
        var widths: [Int] = []
        var current = 0
        for p in positions {
            let w = Int(p * Double(lineLength)) - current
            widths.append(w)
            current += w
        }
        // rich removes the excess (the borders) from the columns in turn, rounding half to even.
        var excess = widths.reduce(0, +) - (lineLength - (widths.count + 1))
        var ratioLeft = widths.count
        if excess > 0 {
            for i in widths.indices {
                let share = (Double(excess) / Double(ratioLeft)).rounded(.toNearestOrEven)
                let cut = Swift.min(widths[i], Int(share))
                widths[i] -= cut
                excess -= cut
                ratioLeft -= 1
            }
        }
        return widths
    }

    /// Word-wraps `text` into lines of at most `width` characters; words longer than the width
    /// are broken.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [text] }
        var lines: [String] = []
        var line = ""
        // Leading spaces belong to the first word (nested-layer indentation).
        let leading = String(text.prefix { $0 == " " })
        let words = text.dropFirst(leading.count).split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        var first = true
        for var word in words {
            if first { word = leading + word; first = false }
            while word.count > width {
                if !line.isEmpty { lines.append(line); line = "" }
                lines.append(String(word.prefix(width)))
                word = String(word.dropFirst(width))
            }
            if line.isEmpty {
                line = word
            } else if line.count + 1 + word.count <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = word
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    private func renderRow(_ cells: [String], left: String, middle: String, right: String) -> [String] {
        let wrapped = zip(cells, widths).map { Self.wrap($0, width: $1 - 2) }
        let height = wrapped.map(\.count).max() ?? 1
        return (0..<height).map { r in
            var line = left
            for (c, lines) in wrapped.enumerated() {
                let text = r < lines.count ? lines[r] : ""
                let room = widths[c] - 2 - text.count
                let padded = justify[c] == .right ? String(repeating: " ", count: Swift.max(room, 0)) + text
                                                  : text + String(repeating: " ", count: Swift.max(room, 0))
                line += " " + padded + " " + (c == wrapped.count - 1 ? right : middle)
            }
            return line
        }
    }

    private func rule(_ left: String, _ fill: String, _ middle: String, _ right: String) -> String {
        left + widths.map { String(repeating: fill, count: $0) }.joined(separator: middle) + right
    }

    /// The table's lines.
    func render() -> [String] {
        var lines = [rule("┏", "━", "┳", "┓")]
        lines += renderRow(headers, left: "┃", middle: "┃", right: "┃")
        lines.append(rule("┡", "━", "╇", "┩"))
        for (i, row) in rows.enumerated() {
            if i > 0 { lines.append(rule("├", "─", "┼", "┤")) }
            lines += renderRow(row, left: "│", middle: "│", right: "│")
        }
        lines.append(rule("└", "─", "┴", "┘"))
        return lines
    }
}
