// The einsum equations of MultiHeadAttention, built as Keras builds them
// (`_build_proj_equation`, `_build_attention_equation`, `_get_output_shape`), so projections have
// Keras's kernel shapes for any input rank and any attention axes.

enum AttentionEquations {
    /// Keras's `_index_to_einsum_variable`: 0 -> "a", 1 -> "b", ...
    static func letter(_ i: Int) -> Character { Character(UnicodeScalar(UInt8(97 + i))) }

    /// The projection `input,kernel->output` with `free` axes kept, `bound` axes contracted and
    /// `outputs` new axes; the bias runs along the new axes.
    static func projection(free: Int, bound: Int, outputs: Int) -> (equation: String, biasAxes: String, outputRank: Int) {
        var input = "", kernel = "", output = "", bias = ""
        for i in 0..<free { input.append(letter(i)); output.append(letter(i)) }
        for i in 0..<bound { input.append(letter(free + i)); kernel.append(letter(free + i)) }
        for i in 0..<outputs {
            let c = letter(free + bound + i)
            kernel.append(c); output.append(c); bias.append(c)
        }
        return ("\(input),\(kernel)->\(output)", bias, output.count)
    }

    /// Keras's `_get_output_shape`: `nil` for the leading axes, then `known`.
    static func partialShape(rank: Int, known: [Int]) -> TensorShape {
        [Int?](repeating: nil, count: Swift.max(0, rank - known.count)) + known.asTensorShape
    }

    /// The query-key product and the combination with the value for projected tensors of `rank`
    /// (`[batch, <other axes>, heads, channels]`) attending over `axes`; also the positions of the
    /// scores' axes: batch-like axes (heads included), then query, then key attention axes.
    static func attention(rank: Int, axes: [Int]) -> (dotProduct: String, combine: String, scoresRank: Int, batchAxes: [Int]) {
        let target = (0..<rank).map(letter)
        let batchAxes = (0..<rank).filter { !axes.contains($0) && $0 != rank - 1 }
        var offset = rank
        var source: [Character] = []
        for i in 0..<rank {
            if batchAxes.contains(i) || i == rank - 1 {
                source.append(target[i])
            } else {
                source.append(letter(offset))
                offset += 1
            }
        }
        let product = batchAxes.map { target[$0] } + axes.map { target[$0] } + axes.map { source[$0] }
        let dot = "\(String(source)),\(String(target))->\(String(product))"
        let combine = "\(String(product)),\(String(source))->\(String(target))"
        return (dot, combine, product.count, batchAxes)
    }
}
