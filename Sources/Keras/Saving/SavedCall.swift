/// One call of a layer read from a saved graph (a Keras node): its tensors and its other
/// keyword arguments, as ``Layer/callSymbolically(_:)`` replays it.
public struct SavedCall {
    /// The positional tensors, flattened in order (`[q, v]`, or `[a, b]` from `[[a, b]]`).
    public let tensors: [KerasTensor]
    /// Tensors passed by keyword (`key`, `attention_mask`), by name.
    public let tensorKeywords: [String: KerasTensor]
    /// The keyword arguments that are not tensors (`use_causal_mask: true`).
    public let options: JSONObject
    /// The explicit masks of the call (Keras's `mask` keyword holding tensors), one per tensor of
    /// ``tensors`` (`nil` for none), or `nil` when the call leaves masks to flow from earlier
    /// layers (no `mask`, or `"mask": null`). Keras writes them where a layer consumes the mask of
    /// an `Embedding(mask_zero=True)`: the mask is then a `NotEqual` operation of the graph.
    public let masks: [KerasTensor?]?
    /// The positional arguments as saved, with each tensor of ``tensors`` in place as its
    /// `__keras_tensor__` object, in order (operations read their Python numbers from here).
    public let arguments: [JSONValue]

    init(tensors: [KerasTensor], tensorKeywords: [String: KerasTensor], options: JSONObject,
         masks: [KerasTensor?]? = nil, arguments: [JSONValue] = []) {
        self.tensors = tensors
        self.tensorKeywords = tensorKeywords
        self.options = options
        self.masks = masks
        self.arguments = arguments
    }
}
