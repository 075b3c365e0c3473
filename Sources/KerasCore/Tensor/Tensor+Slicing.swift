// Strided slicing, flip, roll and pad.

/// One entry of a tensor subscript: `x[0, .all, .range(1, 5, step: 2), .newAxis]`.
public enum TensorIndex: Sendable, ExpressibleByIntegerLiteral {
    /// One position; the axis is removed. Negative counts from the end.
    case index(Int)
    /// Python's `start:stop:step`; `nil` bounds mean the whole extent in the step's direction.
    case range(Int?, Int?, step: Int)
    /// The whole axis (`:`).
    case all
    /// A new axis of size 1 (`None`).
    case newAxis
    /// As many `.all` as needed to cover the remaining axes (`...`).
    case ellipsis

    /// An integer literal selects one position.
    public init(integerLiteral value: Int) { self = .index(value) }

    /// `start..<end` with step 1.
    public static func range(_ r: Range<Int>) -> TensorIndex { .range(r.lowerBound, r.upperBound, step: 1) }
}

extension Tensor {
    /// numpy-style indexing: integers, ranges with steps (negative too), `.all`, `.newAxis`, `.ellipsis`.
    ///
    /// ```swift
    /// x[0]                         // the first row
    /// x[.all, .range(nil, nil, step: -1)]   // columns reversed
    /// x[.ellipsis, .newAxis]       // a trailing axis of size 1
    /// ```
    public subscript(_ indices: TensorIndex...) -> Tensor { indexed(indices) }

    /// The same as the variadic subscript, with an array of indices.
    public func indexed(_ indices: [TensorIndex]) -> Tensor {
        let consumed = indices.filter { if case .newAxis = $0 { return false }; if case .ellipsis = $0 { return false }; return true }.count
        guard consumed <= rank, indices.filter({ if case .ellipsis = $0 { return true }; return false }).count <= 1 else {
            opFailure("getitem", "too many indices (\(consumed)) for a tensor of shape \(Shape.describe(shape)), or more than one ellipsis.")
        }
        var expanded: [TensorIndex] = []
        for index in indices {
            if case .ellipsis = index {
                expanded += [TensorIndex](repeating: .all, count: rank - consumed)
            } else {
                expanded.append(index)
            }
        }
        while expanded.filter({ if case .newAxis = $0 { return false }; return true }).count < rank { expanded.append(.all) }

        var ranges: [SliceRange] = []
        var flips: [Int] = []
        var finalShape: [Int] = []
        var axis = 0
        for index in expanded {
            switch index {
            case .newAxis:
                finalShape.append(1)
            case .all:
                ranges.append(SliceRange(start: 0, count: shape[axis], step: 1))
                finalShape.append(shape[axis])
                axis += 1
            case .index(let i):
                let n = shape[axis]
                let j = i < 0 ? i + n : i
                guard j >= 0 && j < n else {
                    opFailure("getitem", "index \(i) is out of range for axis \(axis) of size \(n) in shape \(Shape.describe(shape)).")
                }
                ranges.append(SliceRange(start: j, count: 1, step: 1))
                axis += 1
            case .range(let start, let stop, let step):
                guard step != 0 else { opFailure("getitem", "slice step cannot be zero.") }
                let r = Tensor.resolveRange(start: start, stop: stop, step: step, size: shape[axis])
                ranges.append(r.range)
                if r.reversed { flips.append(axis) }
                finalShape.append(r.range.count)
                axis += 1
            case .ellipsis:
                break
            }
        }
        var result = sliced(ranges)
        if !flips.isEmpty { result = result.flipped(axes: flips) }
        return result.reshaped(to: finalShape)
    }

    /// Python's slice rules: the positive-step range to take, and whether to reverse it afterwards.
    static func resolveRange(start: Int?, stop: Int?, step: Int, size n: Int) -> (range: SliceRange, reversed: Bool) {
        func clamp(_ v: Int, _ lo: Int, _ hi: Int) -> Int { Swift.min(Swift.max(v, lo), hi) }
        if step > 0 {
            let s = start.map { clamp($0 < 0 ? $0 + n : $0, 0, n) } ?? 0
            let e = stop.map { clamp($0 < 0 ? $0 + n : $0, 0, n) } ?? n
            let count = e > s ? (e - s - 1) / step + 1 : 0   // no overflow for huge steps
            return (SliceRange(start: s, count: count, step: step), false)
        }
        let s = start.map { clamp($0 < 0 ? $0 + n : $0, -1, n - 1) } ?? (n - 1)
        let e = stop.map { clamp($0 < 0 ? $0 + n : $0, -1, n - 1) } ?? -1
        // -step overflows for Int.min; any step beyond the axis takes one element anyway.
        let m = step == Int.min ? Int.max : -step
        let count = s > e ? (s - e - 1) / m + 1 : 0
        // Elements s, s-m, ..., s-(count-1)m: take them forward from the lowest, then flip.
        let lowest = s - (count - 1) * m
        return (SliceRange(start: count > 0 ? lowest : 0, count: count, step: m), true)
    }

    /// A strided slice with one resolved range per axis (positive steps).
    func sliced(_ ranges: [SliceRange]) -> Tensor {
        precondition(ranges.count == rank, "slice: \(ranges.count) ranges for rank \(rank)")
        if zip(ranges, shape).allSatisfy({ $0.start == 0 && $0.count == $1 && $0.step == 1 }) { return self }
        return dispatch(.slice(ranges), [self])
    }

    /// A contiguous block starting at `starts` with extent `sizes` (Keras's `ops.slice`).
    public func slice(starts: [Int], sizes: [Int]) -> Tensor {
        guard starts.count == rank, sizes.count == rank else {
            opFailure("slice", "needs \(rank) start indices and sizes for shape \(Shape.describe(shape)), got \(starts) and \(sizes).")
        }
        for a in 0..<rank where starts[a] < 0 || sizes[a] < 0 || starts[a] + sizes[a] > shape[a] {
            opFailure("slice", "start \(starts[a]) with size \(sizes[a]) does not fit axis \(a) of size \(shape[a]) in shape \(Shape.describe(shape)).")
        }
        return sliced((0..<rank).map { SliceRange(start: starts[$0], count: sizes[$0], step: 1) })
    }

    /// Reverses the order of elements along `axes` (Keras's `ops.flip`; `nil` flips all).
    public func flipped(axes: [Int]? = nil) -> Tensor {
        let resolved = resolvedAxes(axes, op: "flip")
        if resolved.isEmpty { return self }
        return dispatch(.flip(axes: resolved), [self])
    }

    /// Shifts elements along `axis` by `shift`, wrapping around (Keras's `ops.roll`; `nil`
    /// rolls the flattened tensor).
    public func rolled(shift: Int, axis: Int? = nil) -> Tensor {
        guard let axis else { return flattened().rolled(shift: shift, axis: 0).reshaped(to: shape) }
        let a = resolvedAxis(axis, op: "roll")
        let n = shape[a]
        guard n > 0 else { return self }
        let s = ((shift % n) + n) % n
        if s == 0 { return self }
        let parts = split(self, at: [n - s], axis: a)
        return concatenate([parts[1], parts[0]], axis: a)
    }

    /// How ``padded(_:mode:)`` fills new positions.
    public enum PadMode: Sendable, Hashable {
        /// A constant value (Keras's `mode="constant"`, `constant_values`).
        case constant(Double)
        /// Mirror without repeating the edge: `[1 2 3] -> [3 2 | 1 2 3 | 2 1]`.
        case reflect
        /// Mirror repeating the edge: `[1 2 3] -> [2 1 | 1 2 3 | 3 2]`.
        case symmetric
    }

    /// Pads each axis (Keras's `ops.pad`).
    ///
    /// ```swift
    /// x.padded([PadWidth(1, 1), PadWidth(0, 2)], mode: .reflect)
    /// ```
    public func padded(_ widths: [PadWidth], mode: PadMode = .constant(0)) -> Tensor {
        guard widths.count == rank, widths.allSatisfy({ $0.before >= 0 && $0.after >= 0 }) else {
            opFailure("pad", "needs \(rank) non-negative (before, after) pairs for shape \(Shape.describe(shape)), got \(widths.map { ($0.before, $0.after) }).")
        }
        switch mode {
        case .constant(let value):
            if widths.allSatisfy({ $0.before == 0 && $0.after == 0 }) { return self }
            return dispatch(.pad(widths, value: value), [self])
        case .reflect, .symmetric:
            var result = self
            for a in 0..<rank where widths[a].before > 0 || widths[a].after > 0 {
                let n = shape[a]
                let reflect = mode == .reflect
                let limit = reflect ? n - 1 : n
                guard widths[a].before <= limit, widths[a].after <= limit, n > 0 else {
                    opFailure("pad", "\(reflect ? "reflect" : "symmetric") padding of \(widths[a].before), \(widths[a].after) on axis \(a) needs the axis (size \(n)) to be larger; use at most \(Swift.max(limit, 0)).")
                }
                var index: [Int] = []
                for p in stride(from: widths[a].before, to: 0, by: -1) { index.append(reflect ? p : p - 1) }
                index += Array(0..<n)
                for p in 1...Swift.max(widths[a].after, 1) where p <= widths[a].after { index.append(reflect ? n - 1 - p : n - p) }
                result = result.take(Tensor(index), axis: a)
            }
            return result
        }
    }
}
