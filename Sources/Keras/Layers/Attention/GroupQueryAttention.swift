/// Grouped-query attention (Keras's `GroupQueryAttention`, Ainslie et al. 2023): like
/// ``MultiHeadAttention`` with `numQueryHeads` query heads sharing `numKeyValueHeads` key and value
/// heads, each key/value head serving `numQueryHeads / numKeyValueHeads` query heads.
///
/// Inputs: `query [batch, T, dim]`, `value [batch, S, dim]`, optional `key [batch, S, dim]`;
/// output `[batch, T, dim]`. Masks as in ``MultiHeadAttention``.
///
/// Weights, in Keras's order: `query` kernel `[dim, queryHeads, headDim]` and bias
/// `[queryHeads, headDim]`, `key` and `value` kernels `[dim, keyValueHeads, headDim]` and biases,
/// `gate` (when `useGate`, between key and value), then `attention_output` kernel
/// `[queryHeads, headDim, dim]` and bias `[dim]`.
///
/// ```swift
/// let gqa = try GroupQueryAttention(headDim: 4, numQueryHeads: 4, numKeyValueHeads: 2)
/// let x = Tensor.ones([2, 5, 8])
/// let y = try gqa(query: x, value: x, useCausalMask: true)   // [2, 5, 8]
/// ```
public final class GroupQueryAttention: Layer, AttentionCalling {
    /// Keras registers the class as `GroupQueryAttention` (its Python class is
    /// `GroupedQueryAttention`, hence the default name `grouped_query_attention`).
    override public class var kerasClassName: String { "GroupQueryAttention" }

    /// The size of each head.
    public let headDim: Int
    /// The number of query heads.
    public let numQueryHeads: Int
    /// The number of key and value heads; it divides ``numQueryHeads``.
    public let numKeyValueHeads: Int
    /// The dropout rate on the attention probabilities, in training.
    public let dropout: Double
    /// Whether the projections have biases.
    public let useBias: Bool
    /// When set, each query position sees only key positions within `slidingWindow - 1` of it.
    public let slidingWindow: Int?
    /// Whether a sigmoid gate projected from the query multiplies the attention output.
    public let useGate: Bool
    /// How the projection kernels start.
    public let kernelInitializer: Initializer
    /// How the projection biases start.
    public let biasInitializer: Initializer
    /// A penalty on every projection kernel.
    public let kernelRegularizer: Regularizer?
    /// A penalty on every projection bias.
    public let biasRegularizer: Regularizer?
    /// A projection of every kernel after each update.
    public let kernelConstraint: Constraint?
    /// A projection of every bias after each update.
    public let biasConstraint: Constraint?
    /// The dropout seed.
    public let seed: UInt64?

    /// The query projection `bqm,muh->bquh` (after build).
    public private(set) var queryDense: EinsumDense?
    /// The key projection `bkm,mvh->bkvh` (after build).
    public private(set) var keyDense: EinsumDense?
    /// The gate projection (after build, when `useGate`).
    public private(set) var gateDense: EinsumDense?
    /// The value projection `bkm,mvh->bkvh` (after build).
    public private(set) var valueDense: EinsumDense?
    /// The output projection `bquh,uhm->bqm` (after build).
    public private(set) var outputDense: EinsumDense?
    private var softmaxLayer: Softmax?
    private var dropoutLayer: Dropout?

    var pendingCall: AttentionCall?
    var recordedCall: AttentionCall?
    /// The call arguments the layer was built with (whether a key was given), for its build config.
    private var builtCall: AttentionCall?

    /// Makes a grouped-query attention layer.
    ///
    /// - Parameters:
    ///   - headDim: the size of each head.
    ///   - numQueryHeads: the number of query heads.
    ///   - numKeyValueHeads: the number of key and value heads; must divide `numQueryHeads`.
    ///   - dropout: the dropout rate on the attention probabilities while training.
    ///   - useBias: whether the projections add biases.
    ///   - slidingWindow: restricts attention to a band of this half-width plus one.
    ///   - kernelInitializer: for every projection kernel; variance-scaling ones get their fans
    ///     from the einsum axes, as in Keras.
    ///   - biasInitializer: for every projection bias (zeros by default).
    ///   - kernelRegularizer: a penalty on every projection kernel, added to ``Layer/losses``.
    ///   - biasRegularizer: a penalty on every projection bias.
    ///   - kernelConstraint: a projection of every kernel after each update.
    ///   - biasConstraint: a projection of every bias after each update.
    ///   - useGate: adds a sigmoid `gate` projection of the query.
    ///   - seed: makes the dropout reproducible.
    ///   - name: the layer's name; the class's snake-case name, numbered, by default.
    ///   - dtype: the dtype of the weights and computation.
    ///   - trainable: whether the weights are updated by training.
    /// - Throws: ``KerasError`` when a size is not positive, `numKeyValueHeads` does not divide
    ///   `numQueryHeads`, `dropout` is outside `[0, 1]` or `slidingWindow` is not positive.
    public init(headDim: Int, numQueryHeads: Int, numKeyValueHeads: Int, dropout: Double = 0,
                useBias: Bool = true, slidingWindow: Int? = nil, kernelInitializer: Initializer = .glorotUniform,
                biasInitializer: Initializer = .zeros, kernelRegularizer: Regularizer? = nil,
                biasRegularizer: Regularizer? = nil, kernelConstraint: Constraint? = nil,
                biasConstraint: Constraint? = nil, useGate: Bool = false, seed: UInt64? = nil,
                name: String? = nil, dtype: DType = .float32, trainable: Bool = true) throws {
        for (argument, value) in [("head_dim", headDim), ("num_query_heads", numQueryHeads), ("num_key_value_heads", numKeyValueHeads)] where value <= 0 {
            throw KerasError(.invalidArgument, "Received an invalid value for argument `\(argument)` of GroupQueryAttention, expected a positive integer. Received: \(argument)=\(value).")
        }
        guard numQueryHeads % numKeyValueHeads == 0 else {
            throw KerasError(.invalidArgument, "GroupQueryAttention: `num_query_heads` must be divisible by `num_key_value_heads`. Received: num_query_heads=\(numQueryHeads), num_key_value_heads=\(numKeyValueHeads).")
        }
        try checkRate(dropout, layer: "GroupQueryAttention")
        if let slidingWindow, slidingWindow <= 0 {
            throw KerasError(.invalidArgument, "`sliding_window` of GroupQueryAttention must be nil or a positive integer. Received: sliding_window=\(slidingWindow).")
        }
        self.headDim = headDim
        self.numQueryHeads = numQueryHeads
        self.numKeyValueHeads = numKeyValueHeads
        self.dropout = dropout
        self.useBias = useBias
        self.slidingWindow = slidingWindow
        self.useGate = useGate
        self.kernelInitializer = kernelInitializer
        self.biasInitializer = biasInitializer
        self.kernelRegularizer = kernelRegularizer
        self.biasRegularizer = biasRegularizer
        self.kernelConstraint = kernelConstraint
        self.biasConstraint = biasConstraint
        self.seed = seed
        super.init(name: name ?? LayerNaming.uniqueName("grouped_query_attention"), dtype: dtype, trainable: trainable)
        supportsMasking = true
    }

    // MARK: Calling

    /// Attends from `query` to `value` (and `key`), returning `[batch, T, dim]`.
    ///
    /// - Parameters:
    ///   - query: `[batch, T, dim]`.
    ///   - value: `[batch, S, dim]`.
    ///   - key: `[batch, S, keyDim]`; the value by default.
    ///   - queryMask: the query's Keras mask `[batch, T]`; masked query rows attend nowhere.
    ///   - valueMask: the value's Keras mask `[batch, S]`; masked positions are not attended to.
    ///   - keyMask: the key's Keras mask `[batch, S]`.
    ///   - attentionMask: `[batch, T, S]`, true where a query position may attend a key position.
    ///   - useCausalMask: position `i` attends only to positions `j <= i`.
    ///   - training: applies the dropout.
    /// - Returns: `[batch, T, dim]`.
    /// - Throws: ``KerasError`` for shapes that do not fit.
    public func callAsFunction(query: Tensor, value: Tensor, key: Tensor? = nil, queryMask: Tensor? = nil,
                               valueMask: Tensor? = nil, keyMask: Tensor? = nil, attentionMask: Tensor? = nil,
                               useCausalMask: Bool = false, training: Bool = false) throws -> Tensor {
        try attend(query: query, value: value, key: key, queryMask: queryMask, valueMask: valueMask, keyMask: keyMask,
                   attentionMask: attentionMask, useCausalMask: useCausalMask, scores: false, training: training)[0]
    }

    /// The output and the attention scores `[batch, queryHeads, T, S]` (after masking and
    /// softmax, before dropout).
    ///
    /// - Parameters:
    ///   - query: `[batch, T, dim]`.
    ///   - value: `[batch, S, dim]`.
    ///   - key: `[batch, S, keyDim]`; the value by default.
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

    // MARK: The layer contract

    private func checkedShapes(_ shapes: [TensorShape]) throws -> (call: AttentionCall, query: TensorShape, value: TensorShape, key: TensorShape) {
        let call = currentCall(inputCount: shapes.count)
        let s = try split(shapes, call)
        let q = s.query, v = s.value, k = s.key ?? s.value
        guard q.count == 3, v.count == 3, k.count == 3 else {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (GroupQueryAttention) expects query, value and key of rank 3 (batch, positions, features), but received query \(q.kerasDescription), value \(v.kerasDescription), key \(k.kerasDescription).")
        }
        if let a = q[2], let b = v[2], a != b {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (GroupQueryAttention): the last dimension of `query_shape` and `value_shape` must be equal, but are \(a), \(b). Received: query_shape=\(q.kerasDescription), value_shape=\(v.kerasDescription).")
        }
        guard v[1] == k[1] else {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (GroupQueryAttention): all dimensions of `value` and `key`, except the last one, must be equal. Received: value_shape=\(v.kerasDescription) and key_shape=\(k.kerasDescription).")
        }
        try checkBatchSizes([("query", q), ("value", v), ("key", k)])
        return (call, q, v, k)
    }

    override public func build(inputShapes: [TensorShape]) throws {
        let (call, q, v, k) = try checkedShapes(inputShapes)
        builtCall = call
        guard let features = q[2] else {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (GroupQueryAttention) needs the last axis of the query to be known, but received shape \(q.kerasDescription).")
        }
        let settings = ProjectionSettings(kernelInitializer: kernelInitializer, biasInitializer: biasInitializer,
                                          kernelRegularizer: kernelRegularizer, biasRegularizer: biasRegularizer,
                                          kernelConstraint: kernelConstraint, biasConstraint: biasConstraint, dtype: dtype)
        queryDense = try settings.projection("bqm,muh->bquh", outputShape: [nil, numQueryHeads, headDim],
                                             biasAxes: useBias ? "uh" : nil, name: "query", inputShape: q)
        keyDense = try settings.projection("bkm,mvh->bkvh", outputShape: [nil, numKeyValueHeads, headDim],
                                           biasAxes: useBias ? "vh" : nil, name: "key", inputShape: k)
        if useGate {
            gateDense = try settings.projection("bqm,muh->bquh", outputShape: [nil, numQueryHeads, headDim],
                                                biasAxes: useBias ? "uh" : nil, activation: .sigmoid, name: "gate", inputShape: q)
        }
        valueDense = try settings.projection("bkm,mvh->bkvh", outputShape: [nil, numKeyValueHeads, headDim],
                                             biasAxes: useBias ? "vh" : nil, name: "value", inputShape: v)
        softmaxLayer = Softmax(axis: -1, dtype: dtype)
        dropoutLayer = try Dropout(dropout, seed: seed, dtype: dtype)
        outputDense = try settings.projection("bquh,uhm->bqm", outputShape: [nil, features],
                                              biasAxes: useBias ? "m" : nil, name: "attention_output",
                                              inputShape: [nil, nil, numQueryHeads, headDim])
    }

    override public func call(_ inputs: [Tensor], training: Bool, masks: [Tensor?]) throws -> [Tensor] {
        guard let queryDense, let keyDense, let valueDense, let outputDense else { throw notBuilt(self) }
        let (call, _, _, _) = try checkedShapes(inputs.map(\.shape.asTensorShape))
        let t = try split(inputs, call)
        let m = try split(masks.count == inputs.count ? masks : inputs.map { _ in nil }, call)
        let query = t.query, value = t.value, key = t.key ?? t.value
        let keyMask = call.hasKey ? m.key ?? nil : nil
        let causalOnly = call.useCausalMask && m.query == nil && m.value == nil && keyMask == nil
            && t.attentionMask == nil && slidingWindow == nil
        let mask = causalOnly ? nil : combinedAttentionMask(
            query: query, value: value, queryMask: m.query, valueMask: m.value, keyMask: keyMask,
            attentionMask: t.attentionMask, useCausalMask: call.useCausalMask, slidingWindow: slidingWindow)

        let gate = try gateDense.map { try $0(query) }
        let repeats = numQueryHeads / numKeyValueHeads
        let q = try queryDense(query)                                 // [B, T, Nq, H]
        let k = try keyDense(key).repeated(repeats, axis: 2)          // [B, S, Nq, H]
        let v = try valueDense(value).repeated(repeats, axis: 2)      // [B, S, Nq, H]
        let inverseSqrtHeadDim = 1 / Double(headDim).squareRoot()
        var output: Tensor, scores: Tensor?
        // Keras's fused path (no dropout, no scores asked): fully masked rows average every position.
        if dropout == 0 && !call.returnAttentionScores {
            var logits = einsum("bquh,bkuh->buqk", q, k) * inverseSqrtHeadDim
            if let m = causalOnly ? causalMask(queryLength: q.shape[1], valueLength: k.shape[1]) : mask {
                let keep = try expandedMask(m, toRank: 4, at: -3, against: logits.shape, layer: self)
                logits = select(keep, logits, Tensor(fusedMaskValue(logits.dtype), dtype: logits.dtype))
            }
            output = einsum("buqk,bkuh->bquh", softmax(logits, axis: -1), v)
        } else {
            var m = mask
            if causalOnly { m = causalMask(queryLength: q.shape[1], valueLength: v.shape[1]) }
            var s = einsum("bquh,bkuh->buqk", q * inverseSqrtHeadDim, k)
            if let m {
                let keep = try expandedMask(m, toRank: 4, at: -3, against: s.shape, layer: self)
                s = try softmaxLayer!(s, mask: keep)
            } else {
                s = try softmaxLayer!(s)
            }
            let dropped = dropout > 0 ? try dropoutLayer!(s, training: training) : s
            output = einsum("buqk,bkuh->bquh", dropped, v)
            scores = s
        }
        if let gate { output = output * gate }
        output = try outputDense(output)
        return call.returnAttentionScores ? [output, scores!] : [output]
    }

    override public func computeOutputShapes(_ inputShapes: [TensorShape]) throws -> [TensorShape] {
        let (call, q, _, k) = try checkedShapes(inputShapes)
        guard call.returnAttentionScores else { return [q] }
        return [q, [q[0], numQueryHeads, q[1], k[1]]]
    }

    override public func computeMask(_ inputs: [Tensor], masks: [Tensor?]) throws -> [Tensor?] {
        // The output carries the query's mask; the scores, when returned, carry none.
        let query = masks.first ?? nil
        return currentCall(inputCount: inputs.count).returnAttentionScores ? [query, nil] : [query]
    }

    // MARK: Keras configuration

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["head_dim"] = .int(headDim)
        config["num_query_heads"] = .int(numQueryHeads)
        config["num_key_value_heads"] = .int(numKeyValueHeads)
        config["use_bias"] = .bool(useBias)
        config["use_gate"] = .bool(useGate)
        config["sliding_window"] = slidingWindow.map { .int($0) } ?? .null
        config["dropout"] = .double(dropout)
        ProjectionSettings(kernelInitializer: kernelInitializer, biasInitializer: biasInitializer,
                           kernelRegularizer: kernelRegularizer, biasRegularizer: biasRegularizer,
                           kernelConstraint: kernelConstraint, biasConstraint: biasConstraint, dtype: dtype)
            .write(into: &config)
        config["seed"] = LayerConfig.seedValue(seed)
        return config
    }

    /// `{"shapes_dict": {"query_shape": ..., "value_shape": ..., "key_shape": ...}}`, as Keras
    /// records `build(query_shape, value_shape, key_shape)`.
    override public func kerasNodeArguments(_ tensors: [JSONValue]) -> (args: [JSONValue], kwargs: JSONObject) {
        attentionNodeArguments(tensors, listForm: false)
    }

    override public func callSymbolically(_ call: SavedCall) throws -> [KerasTensor] {
        try replayAttention(call)
    }

    override public var kerasBuildConfig: JSONObject? { shapesDictBuildConfig(call: builtCall) }

    override public func build(fromKerasConfig config: JSONObject) throws {
        if try !build(fromShapesDict: config) { try super.build(fromKerasConfig: config) }
    }
}

extension GroupQueryAttention: KerasSerializable {
    /// GroupQueryAttention's config keys (Keras 3.15).
    public static let kerasConfigKeys = [
        "head_dim", "num_query_heads", "num_key_value_heads", "dropout", "use_bias", "sliding_window",
        "flash_attention", "use_gate", "seed"] + ProjectionSettings.kerasConfigKeys

    /// Rebuilds a GroupQueryAttention layer from its Keras config. `flash_attention` (a choice of
    /// kernel with the same result) is accepted and ignored.
    ///
    /// - Throws: ``KerasError`` `.unsupported` for `activity_regularizer`, `.invalidConfig` for a
    ///   missing size or a malformed value, and the layer's errors for invalid values.
    public convenience init(config: LayerConfig) throws {
        let settings = try ProjectionSettings(config: config)
        try self.init(headDim: config.int("head_dim"), numQueryHeads: config.int("num_query_heads"),
                      numKeyValueHeads: config.int("num_key_value_heads"), dropout: config.double("dropout", default: 0),
                      useBias: config.bool("use_bias", default: true), slidingWindow: config.optionalInt("sliding_window"),
                      kernelInitializer: settings.kernelInitializer, biasInitializer: settings.biasInitializer,
                      kernelRegularizer: settings.kernelRegularizer, biasRegularizer: settings.biasRegularizer,
                      kernelConstraint: settings.kernelConstraint, biasConstraint: settings.biasConstraint,
                      useGate: config.bool("use_gate", default: false), seed: config.seed(),
                      name: config.name, dtype: config.dtype, trainable: config.trainable)
    }
}
