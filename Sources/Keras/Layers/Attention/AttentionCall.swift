// What the attention layers share: how one call's non-tensor arguments (Keras's call keywords
// `use_causal_mask`, `return_attention_scores`, and which optional tensors were given) reach
// `call(_:training:masks:)`, and the masks Keras builds from positions.
//
// Keras keeps call keywords in each graph node. Here a concrete call passes them for the duration
// of the call, and a symbolic call records them on the layer, which the model graph then runs
// with; a layer shared by symbolic calls with different keywords is refused.

/// The arguments of one attention call besides its tensors.
struct AttentionCall: Equatable {
    /// Whether a `key` tensor follows the value (otherwise the value is the key).
    var hasKey = false
    /// Whether an `attentionMask` tensor is the last input.
    var hasAttentionMask = false
    /// Keras's `use_causal_mask`.
    var useCausalMask = false
    /// Keras's `return_attention_scores`: the scores are a second output.
    var returnAttentionScores = false

    /// How many tensors the call takes.
    var inputCount: Int { 2 + (hasKey ? 1 : 0) + (hasAttentionMask ? 1 : 0) }
}

/// The inputs of one attention call, by role.
struct AttentionInputs<T> {
    var query: T
    var value: T
    var key: T?
    var attentionMask: T?
}

/// A layer whose call takes query, value and optional key tensors with Keras's call keywords.
protocol AttentionCalling: Layer {
    /// The arguments of the call in progress (set for the duration of a concrete call).
    var pendingCall: AttentionCall? { get set }
    /// The arguments of the layer's symbolic call(s), which a model graph runs with.
    var recordedCall: AttentionCall? { get set }
}

extension AttentionCalling {
    /// The arguments of the current call: the explicit ones, else those recorded by the symbolic
    /// call when they fit `inputCount`, else `[query, value]` or `[query, value, key]`.
    func currentCall(inputCount: Int) -> AttentionCall {
        if let pendingCall { return pendingCall }
        if let recordedCall, recordedCall.inputCount == inputCount { return recordedCall }
        return AttentionCall(hasKey: inputCount >= 3)
    }

    /// Splits `items` (inputs, shapes or masks) by role for `call`, or throws naming the layer.
    func split<T>(_ items: [T], _ call: AttentionCall) throws -> AttentionInputs<T> {
        guard items.count == call.inputCount, items.count >= 2 else {
            let expected = call.hasAttentionMask ? "[query, value, key, attention_mask] or [query, value, attention_mask]" : "[query, value] or [query, value, key]"
            throw KerasError(.invalidArgument, "Layer \"\(name)\" (\(className)) must be called on a list of inputs, namely \(expected), but it received \(items.count) input(s).")
        }
        return AttentionInputs(query: items[0], value: items[1], key: call.hasKey ? items[2] : nil,
                               attentionMask: call.hasAttentionMask ? items[items.count - 1] : nil)
    }

    /// Runs a concrete call on tensors by role: the shared body of every attention layer's
    /// `callAsFunction(query:value:...)` and `outputAndScores(query:value:...)`.
    func attend(query: Tensor, value: Tensor, key: Tensor?, queryMask: Tensor?, valueMask: Tensor?,
                keyMask: Tensor? = nil, attentionMask: Tensor? = nil, useCausalMask: Bool, scores: Bool,
                training: Bool) throws -> [Tensor] {
        // A key mask without a key applies to the value used as key, as in Keras.
        let key = key ?? (keyMask != nil ? value : nil)
        var inputs = [query, value], masks: [Tensor?] = [queryMask, valueMask]
        if let key { inputs.append(key); masks.append(keyMask) }
        if let attentionMask { inputs.append(attentionMask); masks.append(nil) }
        let call = AttentionCall(hasKey: key != nil, hasAttentionMask: attentionMask != nil,
                                 useCausalMask: useCausalMask, returnAttentionScores: scores)
        return try invokeAttention(inputs, masks: masks, call: call, training: training)
    }

    /// Records a symbolic call on tensors by role (the symbolic twin of ``attend``).
    func attend(query: KerasTensor, value: KerasTensor, key: KerasTensor?, attentionMask: KerasTensor? = nil,
                useCausalMask: Bool, scores: Bool) throws -> [KerasTensor] {
        var inputs = [query, value]
        if let key { inputs.append(key) }
        if let attentionMask { inputs.append(attentionMask) }
        let call = AttentionCall(hasKey: key != nil, hasAttentionMask: attentionMask != nil,
                                 useCausalMask: useCausalMask, returnAttentionScores: scores)
        return try invokeAttention(inputs, call: call)
    }

    /// Runs a concrete call with `call`'s arguments; masks are the inputs' Keras masks.
    func invokeAttention(_ inputs: [Tensor], masks: [Tensor?], call: AttentionCall, training: Bool) throws -> [Tensor] {
        let saved = pendingCall
        pendingCall = call
        defer { pendingCall = saved }
        return try invoke(inputs, training: training, masks: masks).outputs
    }

    /// Records a symbolic call with `call`'s arguments.
    func invokeAttention(_ inputs: [KerasTensor], call: AttentionCall) throws -> [KerasTensor] {
        if let recordedCall, recordedCall != call {
            throw KerasError(.unsupported, "Layer \"\(name)\" (\(className)) is already part of a graph with other call arguments (\(describe(recordedCall))); calling it again with \(describe(call)) is not supported. Use a second \(className) layer, or the same arguments.")
        }
        let saved = pendingCall
        pendingCall = call
        defer { pendingCall = saved }
        let outputs = try allOutputs(inputs)
        recordedCall = call
        return outputs
    }

    private func describe(_ call: AttentionCall) -> String {
        "key: \(call.hasKey), attention_mask: \(call.hasAttentionMask), use_causal_mask: \(call.useCausalMask), return_attention_scores: \(call.returnAttentionScores)"
    }

    /// Throws unless every known batch size among `shapes` agrees (query first).
    func checkBatchSizes(_ shapes: [(role: String, shape: TensorShape)]) throws {
        let known = shapes.compactMap { s in s.shape.first.flatMap { $0 }.map { (s.role, s.shape, $0) } }
        guard let first = known.first else { return }
        for other in known.dropFirst() where other.2 != first.2 {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (\(className)) received a \(first.0) of shape \(first.1.kerasDescription) and a \(other.0) of shape \(other.1.kerasDescription), whose batch sizes differ (\(first.2) vs \(other.2)). Give the query, value and key the same batch size.")
        }
    }
}

/// Keras's causal mask `[1, T, S]`: position `i` of the query sees positions `j <= i`.
func causalMask(queryLength: Int, valueLength: Int) -> Tensor {
    let rows = Tensor.arange(queryLength).reshaped(to: [1, queryLength, 1])
    let columns = Tensor.arange(valueLength).reshaped(to: [1, 1, valueLength])
    return greaterEqual(rows, columns)
}

/// Keras's sliding-window mask `[1, T, S]`: position `i` sees positions `j` with `|i - j| < window`.
func slidingWindowMask(queryLength: Int, valueLength: Int, window: Int) -> Tensor {
    let rows = Tensor.arange(queryLength).reshaped(to: [1, queryLength, 1])
    let columns = Tensor.arange(valueLength).reshaped(to: [1, 1, valueLength])
    return less(abs(rows - columns), Tensor(window))
}

/// Keras's `_compute_attention_mask` for MultiHeadAttention and GroupQueryAttention: the query
/// mask as `[B, T, 1]`, the value and key masks as `[B, 1, S]`, the causal and sliding-window
/// masks as `[1, T, S]`, and the explicit mask, joined with a logical and (`nil` when none).
func combinedAttentionMask(query: Tensor, value: Tensor, queryMask: Tensor?, valueMask: Tensor?,
                           keyMask: Tensor?, attentionMask: Tensor?, useCausalMask: Bool,
                           slidingWindow: Int?) -> Tensor? {
    var auto: Tensor?
    func and(_ m: Tensor) { auto = auto.map { logicalAnd($0, m) } ?? m }
    if let queryMask { and(cast(queryMask, to: .bool).expandingDimensions(axis: -1)) }
    if let valueMask { and(cast(valueMask, to: .bool).expandingDimensions(axis: -2)) }
    if let keyMask { and(cast(keyMask, to: .bool).expandingDimensions(axis: -2)) }
    if useCausalMask { and(causalMask(queryLength: query.shape[1], valueLength: value.shape[1])) }
    if let slidingWindow { and(slidingWindowMask(queryLength: query.shape[1], valueLength: value.shape[1], window: slidingWindow)) }
    let explicit = attentionMask.map { cast($0, to: .bool) }
    guard let auto else { return explicit }
    return explicit.map { logicalAnd($0, auto) } ?? auto
}

/// `mask` with axes inserted at `axis` until it has `rank` axes (Keras's mask expansion for the
/// heads axis), checked to broadcast against `shape`.
func expandedMask(_ mask: Tensor, toRank rank: Int, at axis: Int, against shape: [Int], layer: Layer) throws -> Tensor {
    var m = mask
    while m.rank < rank { m = m.expandingDimensions(axis: axis) }
    let fits = m.rank == shape.count && zip(m.shape, shape).allSatisfy { $0 == 1 || $0 == $1 }
    guard fits else {
        throw KerasError(.incompatibleShape, "Layer \"\(layer.name)\" (\(layer.className)) received an attention mask of shape \(mask.shape.asTensorShape.kerasDescription) that does not broadcast to its attention scores of shape \(shape.asTensorShape.kerasDescription) (\(m.shape.asTensorShape.kerasDescription) after adding the heads axis). Give a mask of shape (batch, query length, key length).")
    }
    return m
}

/// The large negative logit JAX's fused `dot_product_attention` puts at masked positions
/// (`-0.7 × the largest finite value`), after which a fully masked row is uniform.
func fusedMaskValue(_ dtype: DType) -> Double {
    switch dtype {
    case .float64: return -0.7 * Double.greatestFiniteMagnitude
    case .float16: return -0.7 * 65504
    default: return -0.7 * Double(Float.greatestFiniteMagnitude)
    }
}

// Saved graphs: how Keras records an attention call (`mha(q, v, key=k, use_causal_mask=True)`
// as `"args": [q, v], "kwargs": {"key": k, "use_causal_mask": true}`; `Attention()([q, v])` as
// `"args": [[q, v]]`), and replaying it.
extension AttentionCalling {
    /// The node arguments of this layer's symbolic call; `listForm` for the layers called on a
    /// list (Attention, AdditiveAttention).
    func attentionNodeArguments(_ tensors: [JSONValue], listForm: Bool) -> (args: [JSONValue], kwargs: JSONObject) {
        let call = recordedCall ?? AttentionCall(hasKey: tensors.count >= 3)
        guard tensors.count == call.inputCount else { return ([.array(tensors)], [:]) }
        var positional = [tensors[0], tensors[1]]
        var kwargs = JSONObject()
        if call.hasKey {
            if listForm { positional.append(tensors[2]) } else { kwargs["key"] = tensors[2] }
        }
        if call.hasAttentionMask { kwargs["attention_mask"] = tensors[tensors.count - 1] }
        if call.useCausalMask { kwargs["use_causal_mask"] = true }
        if call.returnAttentionScores { kwargs["return_attention_scores"] = true }
        return listForm ? ([.array(positional)], kwargs) : (positional, kwargs)
    }

    /// Replays a saved attention call: positional query, value (and key), the `key` and
    /// `attention_mask` keywords, `use_causal_mask` and `return_attention_scores`.
    func replayAttention(_ saved: SavedCall) throws -> [KerasTensor] {
        for key in saved.options.keys where !["use_causal_mask", "return_attention_scores", "training", "mask"].contains(key) {
            throw KerasError(.unsupported, "Layer \"\(name)\" (\(className)) was called with \(key)=\(saved.options[key]!.serialized()) in the saved graph, which swift-keras cannot replay.")
        }
        // Keras records no explicit masks for attention calls; the inputs' masks flow by themselves.
        if saved.masks != nil {
            throw KerasError(.unsupported, "Layer \"\(name)\" (\(className)) was called with an explicit mask tensor in the saved graph, which swift-keras cannot replay for attention layers; their masks flow from the layers before.")
        }
        for key in saved.tensorKeywords.keys where !["key", "attention_mask", "query", "value"].contains(key) {
            throw KerasError(.unsupported, "Layer \"\(name)\" (\(className)) was called with a tensor for \"\(key)\" in the saved graph, which swift-keras cannot replay.")
        }
        var positional = saved.tensors
        if positional.isEmpty, let q = saved.tensorKeywords["query"], let v = saved.tensorKeywords["value"] { positional = [q, v] }
        guard positional.count >= 2 else {
            throw KerasError(.invalidConfig, "Layer \"\(name)\" (\(className)) needs a query and a value in its saved call, but received \(positional.count) tensor(s).")
        }
        let key = positional.count > 2 ? positional[2] : saved.tensorKeywords["key"]
        let mask = saved.tensorKeywords["attention_mask"]
        var inputs = [positional[0], positional[1]]
        if let key { inputs.append(key) }
        if let mask { inputs.append(mask) }
        let call = AttentionCall(hasKey: key != nil, hasAttentionMask: mask != nil,
                                 useCausalMask: saved.options["use_causal_mask"]?.boolValue ?? false,
                                 returnAttentionScores: saved.options["return_attention_scores"]?.boolValue ?? false)
        return try invokeAttention(inputs, call: call)
    }
}
