/// What a categorical preprocessing layer returns (Keras's `output_mode`): the indices
/// themselves, or an encoding of them with one slot per index.
///
/// ```swift
/// let encode = try CategoryEncoding(numTokens: 4, outputMode: .count)
/// let y = try encode(Tensor([0, 1, 1, 3], shape: [1, 4]))   // [[1, 2, 0, 1]]
/// ```
public enum OutputMode: String, Sendable, Hashable, CaseIterable {
    /// The integer indices, one per input value.
    case int
    /// One vector of `depth` slots per input value, with a 1 at its index (an input whose last
    /// axis has size 1 loses that axis first).
    case oneHot = "one_hot"
    /// One vector per sample with a 1 at every index that occurs in it.
    case multiHot = "multi_hot"
    /// One vector per sample counting how often each index occurs in it.
    case count
    /// `count` weighted by inverse document frequencies (lookup layers only).
    case tfIdf = "tf_idf"
}

/// Keras's `encode_categorical_inputs` on integer `indices`: `int` returns them cast to `dtype`;
/// `oneHot` appends an axis of `depth` (after dropping a last axis of size 1 on inputs of rank
/// 2 or more); `multiHot` and `count` reduce axis 1 (axis 0 of a rank-1 input) and append the
/// `depth` axis. Indices outside `0..<depth` contribute nothing, as in `jax.nn.one_hot`.
///
/// `countWeights` (the same shape as `indices`) replaces the 1 each value adds in `count` mode.
func encodeCategorical(_ indices: Tensor, mode: OutputMode, depth: Int, dtype: DType,
                       countWeights: Tensor? = nil, idfWeights: [Double]? = nil) -> Tensor {
    if mode == .int { return cast(indices, to: dtype) }
    var shape = indices.shape
    if shape.isEmpty { shape = [1] }
    let values = indices.scalars(as: Int64.self)
    if mode == .oneHot {
        if shape.count > 1 && shape.last == 1 { shape.removeLast() }
        var out = [Double](repeating: 0, count: values.count * depth)
        for (i, v) in values.enumerated() where v >= 0 && v < depth { out[i * depth + Int(v)] = 1 }
        return Tensor(out, shape: shape + [depth], dtype: dtype)
    }
    // multi_hot / count / tf_idf: reduce axis 1 (axis 0 of a vector).
    let weights = countWeights?.doubles
    let reduced = shape.count > 1 ? 1 : 0
    let outer = shape[..<reduced].reduce(1, *)
    let n = shape[reduced]
    let inner = shape[(reduced + 1)...].reduce(1, *)
    var out = [Double](repeating: 0, count: outer * inner * depth)
    for o in 0..<outer {
        for r in 0..<n {
            for i in 0..<inner {
                let src = (o * n + r) * inner + i
                let v = values[src]
                guard v >= 0 && v < depth else { continue }
                let dst = (o * inner + i) * depth + Int(v)
                if mode == .count || mode == .tfIdf { out[dst] += weights?[src] ?? 1 } else { out[dst] = 1 }
            }
        }
    }
    if mode == .tfIdf, let idfWeights {
        for k in out.indices { out[k] *= idfWeights[k % depth] }
    }
    let outShape = Array(shape[..<reduced]) + Array(shape[(reduced + 1)...]) + [depth]
    return Tensor(out, shape: outShape, dtype: countWeights?.dtype ?? dtype)
}

/// The output shape of ``encodeCategorical(_:mode:depth:dtype:countWeights:idfWeights:)`` for an
/// input of `shape` (unknown axes stay unknown).
func encodedShape(_ shape: TensorShape, mode: OutputMode, depth: Int) -> TensorShape {
    if mode == .int { return shape }
    var s = shape
    if s.isEmpty { s = [1] }
    if mode == .oneHot {
        if s.count > 1 && s.last == 1 { s.removeLast() }
        return s + [depth]
    }
    if s.count > 1 { s.remove(at: 1) } else { s = [] }
    return s + [depth]
}

/// Throws unless `mode` is one of `allowed` for `layer`.
func checkOutputMode(_ mode: OutputMode, allowed: [OutputMode], layer: String) throws {
    guard allowed.contains(mode) else {
        throw KerasError(.invalidArgument, "\(layer) expects output_mode to be one of \(allowed.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")), but received output_mode=\"\(mode.rawValue)\".")
    }
}
