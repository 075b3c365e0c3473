/// Shape arithmetic shared by ops and kernels: element counts, strides, axis normalization and
/// numpy broadcasting. Shapes are plain `[Int]` arrays, as Keras's shape tuples.
public enum Shape {
    /// The number of elements of a tensor of this shape.
    @inlinable
    public static func elementCount(_ shape: [Int]) -> Int {
        var n = 1
        for d in shape { n &*= d }
        return n
    }

    /// The number of elements of a tensor of this shape, or `nil` when a dimension is negative
    /// or the product does not fit in `Int`: the check for shapes that come from files.
    public static func checkedElementCount(_ shape: [Int]) -> Int? {
        var n = 1
        for d in shape {
            guard d >= 0 else { return nil }
            let (product, overflow) = n.multipliedReportingOverflow(by: d)
            if overflow { return shape.contains(0) ? 0 : nil }
            n = product
        }
        return n
    }

    /// Whether a tensor of this shape can be addressed: no dimension is negative, and the
    /// product of the nonzero dimensions (so every stride, and the size in bytes of elements up
    /// to 8 bytes) fits in `Int`. Readers check shapes from files with it, since an empty
    /// tensor may still declare axes whose strides overflow (`(0, 1 << 40, 1 << 40)`).
    public static func isAddressable(_ shape: [Int]) -> Bool {
        var n = 1
        for d in shape where d != 0 {
            guard d > 0 else { return false }
            let (product, overflow) = n.multipliedReportingOverflow(by: d)
            guard !overflow, product <= Int.max / 8 else { return false }
            n = product
        }
        return true
    }

    /// Row-major strides in elements: the last axis has stride 1.
    public static func strides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var running = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = running
            running *= shape[axis]
        }
        return strides
    }

    /// Formats a shape as Keras prints it: `(2, 3)`, `(5,)`, `()`.
    public static func describe(_ shape: [Int]) -> String {
        if shape.count == 1 { return "(\(shape[0]),)" }
        return "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }

    /// Turns a possibly negative axis into `0..<rank`, or returns `nil` when it is out of range.
    public static func normalizedAxis(_ axis: Int, rank: Int) -> Int? {
        let a = axis < 0 ? axis + rank : axis
        return (a >= 0 && a < rank) ? a : nil
    }

    /// The numpy broadcast of two shapes, or `nil` when they are incompatible.
    public static func broadcast(_ a: [Int], _ b: [Int]) -> [Int]? {
        let rank = max(a.count, b.count)
        var out = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            if da == db || db == 1 { out[i] = da } else if da == 1 { out[i] = db } else { return nil }
        }
        return out
    }
}

/// Stops the program with a message naming the op and what was wrong (DESIGN.md §4, tier 2).
///
/// Raw tensor arithmetic traps on misuse, like array indexing does; the entry points of the Keras
/// layer and model APIs validate first and throw instead.
@usableFromInline
func opFailure(_ op: String, _ message: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
    preconditionFailure("\(op): \(message)", file: file, line: line)
}

extension Tensor {
    /// Resolves `axis` against this tensor's rank or stops with a message naming `op`.
    func resolvedAxis(_ axis: Int, op: String) -> Int {
        guard let a = Shape.normalizedAxis(axis, rank: rank) else {
            opFailure(op, "axis \(axis) is out of range for a tensor of shape \(Shape.describe(shape)) (rank \(rank)); use an axis in \(-Swift.max(rank, 1))..<\(Swift.max(rank, 1)).")
        }
        return a
    }

    /// Resolves a list of axes (`nil` = all axes), sorted and without duplicates.
    func resolvedAxes(_ axes: [Int]?, op: String) -> [Int] {
        guard let axes else { return Array(0..<rank) }
        var seen = Set<Int>()
        for axis in axes {
            let a = resolvedAxis(axis, op: op)
            if !seen.insert(a).inserted {
                opFailure(op, "axis \(axis) is repeated in axes \(axes) for a tensor of shape \(Shape.describe(shape)).")
            }
        }
        return seen.sorted()
    }
}
