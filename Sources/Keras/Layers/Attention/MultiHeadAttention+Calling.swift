// Calling MultiHeadAttention with tensors by role (query, value, key, masks, call keywords),
// concretely and symbolically.

extension MultiHeadAttention {
    /// Attends from `query` to `value` (and `key`), returning `[batch, T, outputShape]`.
    ///
    /// - Parameters:
    ///   - query: `[batch, T, dim]` (or more positions axes).
    ///   - value: `[batch, S, dim]`.
    ///   - key: `[batch, S, dim]`; the value by default.
    ///   - queryMask: the query's Keras mask `[batch, T]` (what an Embedding with `maskZero`
    ///     attaches); masked query rows attend nowhere.
    ///   - valueMask: the value's Keras mask `[batch, S]`; masked positions are not attended to.
    ///   - keyMask: the key's Keras mask `[batch, S]`.
    ///   - attentionMask: `[batch, T, S]`, true where a query position may attend a key position.
    ///   - useCausalMask: position `i` attends only to positions `j <= i`.
    ///   - training: applies the dropout.
    /// - Returns: `[batch, T, outputShape]`.
    /// - Throws: ``KerasError`` for shapes that do not fit (ranks, batch sizes, value and key
    ///   shapes, a mask that does not broadcast).
    public func callAsFunction(query: Tensor, value: Tensor, key: Tensor? = nil, queryMask: Tensor? = nil,
                               valueMask: Tensor? = nil, keyMask: Tensor? = nil, attentionMask: Tensor? = nil,
                               useCausalMask: Bool = false, training: Bool = false) throws -> Tensor {
        try attend(query: query, value: value, key: key, queryMask: queryMask, valueMask: valueMask, keyMask: keyMask,
                   attentionMask: attentionMask, useCausalMask: useCausalMask, scores: false, training: training)[0]
    }

    /// The output and the attention scores (after masking and softmax, before dropout):
    /// `[batch, heads, T, S]` for sequences (Keras's `return_attention_scores=True`).
    ///
    /// - Parameters:
    ///   - query: `[batch, T, dim]` (or more positions axes).
    ///   - value: `[batch, S, dim]`.
    ///   - key: `[batch, S, dim]`; the value by default.
    ///   - queryMask: the query's Keras mask `[batch, T]`.
    ///   - valueMask: the value's Keras mask `[batch, S]`.
    ///   - keyMask: the key's Keras mask `[batch, S]`.
    ///   - attentionMask: `[batch, T, S]`, true where a query position may attend a key position.
    ///   - useCausalMask: position `i` attends only to positions `j <= i`.
    ///   - training: applies the dropout (to the weights used, not to the scores returned).
    /// - Returns: the output and the scores.
    /// - Throws: ``KerasError`` for shapes that do not fit.
    public func outputAndScores(query: Tensor, value: Tensor, key: Tensor? = nil, queryMask: Tensor? = nil,
                                valueMask: Tensor? = nil, keyMask: Tensor? = nil, attentionMask: Tensor? = nil,
                                useCausalMask: Bool = false, training: Bool = false) throws -> (output: Tensor, scores: Tensor) {
        let r = try attend(query: query, value: value, key: key, queryMask: queryMask, valueMask: valueMask, keyMask: keyMask,
                           attentionMask: attentionMask, useCausalMask: useCausalMask, scores: true, training: training)
        return (r[0], r[1])
    }

    /// Records a call on symbolic tensors (their Keras masks flow in from the graph).
    ///
    /// - Parameters:
    ///   - query: the query, `(batch, T, dim)`.
    ///   - value: the value, `(batch, S, dim)`.
    ///   - key: the key, `(batch, S, dim)`; the value by default.
    ///   - attentionMask: `(batch, T, S)`, true where a query position may attend a key position.
    ///   - useCausalMask: position `i` attends only to positions `j <= i`.
    /// - Returns: the symbolic output.
    /// - Throws: ``KerasError`` for shapes that do not fit, or when the layer is already in a graph
    ///   with other call arguments.
    public func callAsFunction(query: KerasTensor, value: KerasTensor, key: KerasTensor? = nil,
                               attentionMask: KerasTensor? = nil, useCausalMask: Bool = false) throws -> KerasTensor {
        try attend(query: query, value: value, key: key, attentionMask: attentionMask, useCausalMask: useCausalMask, scores: false)[0]
    }

    /// Records a call on symbolic tensors that also returns the attention scores.
    ///
    /// - Parameters:
    ///   - query: the query, `(batch, T, dim)`.
    ///   - value: the value, `(batch, S, dim)`.
    ///   - key: the key, `(batch, S, dim)`; the value by default.
    ///   - attentionMask: `(batch, T, S)`, true where a query position may attend a key position.
    ///   - useCausalMask: position `i` attends only to positions `j <= i`.
    /// - Returns: the symbolic output and scores.
    /// - Throws: ``KerasError`` as ``callAsFunction(query:value:key:attentionMask:useCausalMask:)``.
    public func outputAndScores(query: KerasTensor, value: KerasTensor, key: KerasTensor? = nil,
                                attentionMask: KerasTensor? = nil, useCausalMask: Bool = false) throws -> (output: KerasTensor, scores: KerasTensor) {
        let r = try attend(query: query, value: value, key: key, attentionMask: attentionMask, useCausalMask: useCausalMask, scores: true)
        return (r[0], r[1])
    }
}
