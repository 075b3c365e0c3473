/// Iteration over the elements of an output shape together with the matching positions in up to
/// three strided operands (stride 0 for a broadcast axis), one contiguous output row at a time.
///
/// Adjacent axes that are contiguous in every operand are merged first, so the common cases (same
/// shapes, a bias along the last axis) become one long row or a few long rows.
struct StridedLoop {
    /// Output shape after merging, and each operand's strides (in elements) over it.
    private(set) var shape: [Int]
    private(set) var strides: [[Int]]

    init(shape: [Int], strides operandStrides: [[Int]]) {
        var s: [Int] = []
        var st: [[Int]] = operandStrides.map { _ in [] }
        for axis in 0..<shape.count where shape[axis] != 1 {
            if let last = s.last,
               operandStrides.indices.allSatisfy({ st[$0].last! == operandStrides[$0][axis] * shape[axis] }) {
                s[s.count - 1] = last * shape[axis]
                for k in operandStrides.indices { st[k][st[k].count - 1] = operandStrides[k][axis] }
            } else {
                s.append(shape[axis])
                for k in operandStrides.indices { st[k].append(operandStrides[k][axis]) }
            }
        }
        if s.isEmpty {
            s = [1]
            st = operandStrides.map { _ in [0] }
        }
        self.shape = s
        self.strides = st
    }

    /// Broadcast strides of `inputShape` against `outputShape` (0 where the input is broadcast).
    static func broadcastStrides(_ inputShape: [Int], to outputShape: [Int]) -> [Int] {
        let natural = Shape.strides(inputShape)
        let offset = outputShape.count - inputShape.count
        return (0..<outputShape.count).map { axis in
            let i = axis - offset
            return i < 0 || inputShape[i] == 1 ? 0 : natural[i]
        }
    }

    var rowLength: Int { shape[shape.count - 1] }
    var rowCount: Int { shape.dropLast().reduce(1, *) }
    /// Each operand's stride along the row.
    var innerStrides: [Int] { strides.map { $0[$0.count - 1] } }

    /// Runs `body(row, offsets)` for rows in `rows`, with each operand's element offset of the row's start.
    func forEachRow(in rows: Range<Int>, _ body: (Int, [Int]) -> Void) {
        let outer = shape.count - 1
        var index = [Int](repeating: 0, count: outer)
        var offsets = [Int](repeating: 0, count: strides.count)
        var r = rows.lowerBound
        for axis in stride(from: outer - 1, through: 0, by: -1) {
            index[axis] = r % shape[axis]
            r /= shape[axis]
        }
        for k in strides.indices {
            var o = 0
            for axis in 0..<outer { o += index[axis] * strides[k][axis] }
            offsets[k] = o
        }
        for row in rows {
            body(row, offsets)
            // Advance the odometer.
            var axis = outer - 1
            while axis >= 0 {
                index[axis] += 1
                for k in strides.indices { offsets[k] += strides[k][axis] }
                if index[axis] < shape[axis] { break }
                for k in strides.indices { offsets[k] -= strides[k][axis] * shape[axis] }
                index[axis] = 0
                axis -= 1
            }
        }
    }

    /// Runs rows in parallel when the loop is large.
    func parallelRows(minimumElementsPerTask: Int = 32_768, _ body: (Int, [Int]) -> Void) {
        let perTask = max(1, minimumElementsPerTask / max(rowLength, 1))
        Parallel.forEach(rowCount, minimumChunk: perTask) { rows in forEachRow(in: rows, body) }
    }
}
