/// One call of a layer read from a saved graph (a Keras node): its tensors and its other
/// keyword arguments, as ``Layer/callSymbolically(_:)`` replays it.
public struct SavedCall {
    /// The positional tensors, flattened in order (`[q, v]`, or `[a, b]` from `[[a, b]]`).
    public let tensors: [KerasTensor]
    /// Tensors passed by keyword (`key`, `attention_mask`), by name.
    public let tensorKeywords: [String: KerasTensor]
    /// The keyword arguments that are not tensors (`use_causal_mask: true`).
    public let options: JSONObject
}
