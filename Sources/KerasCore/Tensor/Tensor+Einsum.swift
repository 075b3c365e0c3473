// Einstein summation (`keras.ops.einsum`) for one or two operands, lowered to transposes,
// reductions and one batched matmul.

/// Evaluates an Einstein-summation equation such as `"abc,cd->abd"` or `"...h,hd->...d"`
/// (Keras's `ops.einsum`) on one or two operands.
///
/// Labels in both operands and the output are batch axes, labels in both operands but not the
/// output are summed, and the rest are free axes. An ellipsis stands for the same leading axes
/// in every term. Without `->`, the output is the labels seen once, in alphabetical order.
///
/// ```swift
/// // attention scores: [batch, query, heads, dim] x [batch, key, heads, dim]
/// let scores = einsum("aecd,abcd->acbe", key, query)
/// ```
public func einsum(_ equation: String, _ operands: Tensor...) -> Tensor {
    einsum(equation, operands)
}

/// The array form of ``einsum(_:_:)-(String,Tensor...)``.
public func einsum(_ equation: String, _ operands: [Tensor]) -> Tensor {
    let spec = EinsumEquation(equation, operands)
    switch operands.count {
    case 1: return spec.unary(operands[0])
    case 2: return spec.binary(operands[0], operands[1])
    default:
        // Contract from the left: (a, b) then with c, keeping every label still needed.
        opFailure("einsum", "equation \"\(equation)\" has \(operands.count) operands; swift-keras evaluates one or two. Split it into pairwise einsums.")
    }
}

/// Splits "lhs->rhs" at the arrow (no Foundation needed).
private func splitArrow(_ text: String) -> [String] {
    let chars = Array(text)
    for i in 0..<max(chars.count - 1, 0) where chars[i] == "-" && chars[i + 1] == ">" {
        return [String(chars[..<i]), String(chars[(i + 2)...])]
    }
    return [text]
}

private struct EinsumEquation {
    var inputs: [[Character]]
    var output: [Character]
    var sizes: [Character: Int] = [:]
    let text: String

    init(_ equation: String, _ operands: [Tensor]) {
        text = equation
        let cleaned = equation.filter { $0 != " " }
        let parts = splitArrow(cleaned)
        let lhs = parts[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard lhs.count == operands.count, parts.count <= 2 else {
            opFailure("einsum", "equation \"\(equation)\" names \(lhs.count) operands but \(operands.count) were given.")
        }
        // Expand "..." into fresh upper-case labels covering the leading axes.
        let ellipsisRank = zip(lhs, operands).map { term, t in term.contains("...") ? t.rank - (term.count - 3) : 0 }.max() ?? 0
        let fresh = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ".prefix(ellipsisRank))
        func expand(_ term: String, rank: Int) -> [Character] {
            let chars = Array(term)
            guard let dot = chars.firstIndex(of: ".") else { return chars }
            let n = rank - (chars.count - 3)
            return Array(chars[..<dot]) + Array(fresh.suffix(n)) + Array(chars[(dot + 3)...])
        }
        inputs = zip(lhs, operands).map { expand($0, rank: $1.rank) }
        if parts.count == 2 {
            output = expand(parts[1], rank: ellipsisRank + parts[1].count - (parts[1].contains("...") ? 3 : 0))
        } else {
            var counts: [Character: Int] = [:]
            for term in inputs { for c in term { counts[c, default: 0] += 1 } }
            output = Array(fresh) + counts.keys.filter { counts[$0] == 1 && !fresh.contains($0) }.sorted()
        }
        for (term, t) in zip(inputs, operands) {
            guard term.count == t.rank else {
                opFailure("einsum", "term \"\(String(term))\" of \"\(equation)\" has \(term.count) labels but the operand has shape \(Shape.describe(t.shape)).")
            }
            guard Set(term).count == term.count else {
                opFailure("einsum", "term \"\(String(term))\" repeats a label (a diagonal); swift-keras does not evaluate diagonals.")
            }
            for (c, d) in zip(term, t.shape) {
                if let known = sizes[c], known != d {
                    opFailure("einsum", "label \"\(c)\" has size \(known) in one place and \(d) in another in \"\(equation)\" with shapes \(operands.map { Shape.describe($0.shape) }).")
                }
                sizes[c] = d
            }
        }
        for c in output where sizes[c] == nil {
            opFailure("einsum", "output label \"\(c)\" of \"\(equation)\" appears in no operand.")
        }
    }

    func unary(_ x: Tensor) -> Tensor {
        let term = inputs[0]
        let summed = term.indices.filter { !output.contains(term[$0]) }
        let kept = term.filter { output.contains($0) }
        let reduced = summed.isEmpty ? x : x.sum(axes: summed)
        return reduced.transposed(axes: output.map { kept.firstIndex(of: $0)! })
    }

    func binary(_ a: Tensor, _ b: Tensor) -> Tensor {
        var ta = inputs[0], tb = inputs[1]
        var x = a, y = b
        // Sum labels that occur in only one operand and not in the output.
        let onlyA = ta.indices.filter { !tb.contains(ta[$0]) && !output.contains(ta[$0]) }
        if !onlyA.isEmpty { x = x.sum(axes: onlyA); ta = ta.enumerated().filter { !onlyA.contains($0.offset) }.map(\.element) }
        let onlyB = tb.indices.filter { !ta.contains(tb[$0]) && !output.contains(tb[$0]) }
        if !onlyB.isEmpty { y = y.sum(axes: onlyB); tb = tb.enumerated().filter { !onlyB.contains($0.offset) }.map(\.element) }

        let batch = ta.filter { tb.contains($0) && output.contains($0) }
        let contracted = ta.filter { tb.contains($0) && !output.contains($0) }
        let freeA = ta.filter { !tb.contains($0) }
        let freeB = tb.filter { !ta.contains($0) }
        func size(_ labels: [Character]) -> Int { labels.reduce(1) { $0 * sizes[$1]! } }

        // x -> [batch, freeA, contracted], y -> [batch, contracted, freeB]
        let xp = x.transposed(axes: (batch + freeA + contracted).map { ta.firstIndex(of: $0)! })
            .reshaped(to: [size(batch), size(freeA), size(contracted)])
        let yp = y.transposed(axes: (batch + contracted + freeB).map { tb.firstIndex(of: $0)! })
            .reshaped(to: [size(batch), size(contracted), size(freeB)])
        let product = matmul(xp, yp).reshaped(to: (batch + freeA + freeB).map { sizes[$0]! })
        let produced = batch + freeA + freeB
        return product.transposed(axes: output.map { produced.firstIndex(of: $0)! })
    }
}
