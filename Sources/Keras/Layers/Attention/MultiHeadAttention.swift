/// Multi-head scaled dot-product attention (Keras's `MultiHeadAttention`, Vaswani et al. 2017).
///
/// The query, key and value are projected to `numHeads` heads (EinsumDense sublayers `query`,
/// `key`, `value`), each query attends over the keys with `softmax(q·kᵀ / sqrt(keyDim))`, the
/// weighted values of all heads are joined and projected back by `attention_output` to the
/// query's last size (or ``outputShape``).
///
/// Inputs: `query [batch, T, dim]`, `value [batch, S, dim]` and an optional `key [batch, S, dim]`
/// (the value by default); higher ranks attend over ``attentionAxes``. Masks follow Keras: the
/// query's and value's (and key's) Keras masks, an explicit `attentionMask [batch, T, S]` (true
/// attends) and `useCausalMask` are joined; the output carries the query's mask.
///
/// Call arguments that are not tensors (`useCausalMask`, asking for the scores) are recorded by
/// the symbolic call, and the model graph runs the layer with them; the plain multi-input form
/// `layer([query, value, key])` uses them too once recorded.
///
/// Weights, in Keras's order and paths (`<name>/query/kernel`, ...): `query` kernel
/// `[dim, heads, keyDim]` and bias `[heads, keyDim]`, `key` likewise, `gate` (when `useGate`),
/// `value` kernel `[dim, heads, valueDim]` and bias, then `attention_output` kernel
/// `[heads, valueDim, dim]` and bias `[dim]`, so a Keras model's weights load in order.
///
/// ```swift
/// let mha = try MultiHeadAttention(numHeads: 2, keyDim: 4)
/// let x = Tensor.ones([3, 6, 8])
/// let y = try mha(query: x, value: x, useCausalMask: true)          // [3, 6, 8]
/// let (out, scores) = try mha.outputAndScores(query: x, value: x)   // scores [3, 2, 6, 6]
///
/// // In a functional model:
/// let tokens = Input(shape: [6, 8])
/// let attended = try mha(query: tokens, value: tokens)
/// ```
public final class MultiHeadAttention: Layer, AttentionCalling {
    /// The number of attention heads.
    public let numHeads: Int
    /// The size of each head for query and key.
    public let keyDim: Int
    /// The size of each head for value (``keyDim`` unless given).
    public let valueDim: Int
    /// The dropout rate on the attention probabilities, in training.
    public let dropout: Double
    /// Whether the projections have biases.
    public let useBias: Bool
    /// The output's sizes after the batch and attention axes (`nil`: the query's last size).
    public let outputShape: [Int]?
    /// The axes attended over, as given (`nil`: every axis but batch and features).
    public let attentionAxes: [Int]?
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

    /// The query projection, `[batch, T, dim] -> [batch, T, heads, keyDim]` (after build).
    public private(set) var queryDense: EinsumDense?
    /// The key projection (after build).
    public private(set) var keyDense: EinsumDense?
    /// The gate projection (after build, when `useGate`).
    public private(set) var gateDense: EinsumDense?
    /// The value projection (after build).
    public private(set) var valueDense: EinsumDense?
    /// The output projection, `[batch, T, heads, valueDim] -> [batch, T, dim]` (after build).
    public private(set) var outputDense: EinsumDense?
    private var softmaxLayer: Softmax?
    private var dropoutLayer: Dropout?
    private var equations: (dotProduct: String, combine: String, scoresRank: Int, axes: [Int], batchAxes: [Int])?

    var pendingCall: AttentionCall?
    var recordedCall: AttentionCall?
    /// The call arguments the layer was built with (whether a key was given), for its build config.
    private var builtCall: AttentionCall?

    /// Makes a multi-head attention layer.
    ///
    /// - Parameters:
    ///   - numHeads: the number of heads.
    ///   - keyDim: the size of each head for query and key.
    ///   - valueDim: the size of each head for value (`keyDim` by default).
    ///   - dropout: the dropout rate on the attention probabilities while training.
    ///   - useBias: whether the projections add biases.
    ///   - outputShape: the output sizes after the batch and sequence axes (default: the query's
    ///     last size).
    ///   - attentionAxes: the input axes to attend over (default: all but batch and features).
    ///   - slidingWindow: restricts attention to a band of this half-width plus one.
    ///   - kernelInitializer: for every projection kernel; variance-scaling ones get their fans
    ///     from the einsum axes, as in Keras.
    ///   - biasInitializer: for every projection bias (zeros by default).
    ///   - kernelRegularizer: a penalty on every projection kernel, added to ``Layer/losses``.
    ///   - biasRegularizer: a penalty on every projection bias.
    ///   - kernelConstraint: a projection of every kernel after each update.
    ///   - biasConstraint: a projection of every bias after each update.
    ///   - useGate: adds a sigmoid `gate` projection of the query that multiplies the attention
    ///     output before the output projection.
    ///   - seed: makes the dropout reproducible.
    ///   - name: the layer's name; the class's snake-case name, numbered, by default.
    ///   - dtype: the dtype of the weights and computation.
    ///   - trainable: whether the weights are updated by training.
    /// - Throws: ``KerasError`` when a size is not positive, `dropout` is outside `[0, 1]`,
    ///   `attentionAxes` is empty or repeats an axis, or `slidingWindow` is not positive.
    public init(numHeads: Int, keyDim: Int, valueDim: Int? = nil, dropout: Double = 0, useBias: Bool = true,
                outputShape: [Int]? = nil, attentionAxes: [Int]? = nil, slidingWindow: Int? = nil,
                kernelInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros,
                kernelRegularizer: Regularizer? = nil, biasRegularizer: Regularizer? = nil,
                kernelConstraint: Constraint? = nil, biasConstraint: Constraint? = nil,
                useGate: Bool = false, seed: UInt64? = nil,
                name: String? = nil, dtype: DType = .float32, trainable: Bool = true) throws {
        guard numHeads > 0 else {
            throw KerasError(.invalidArgument, "Received an invalid value for argument `num_heads` of MultiHeadAttention, expected a positive integer. Received: num_heads=\(numHeads).")
        }
        guard keyDim > 0 else {
            throw KerasError(.invalidArgument, "Received an invalid value for argument `key_dim` of MultiHeadAttention, expected a positive integer. Received: key_dim=\(keyDim).")
        }
        if let valueDim, valueDim <= 0 {
            throw KerasError(.invalidArgument, "Received an invalid value for argument `value_dim` of MultiHeadAttention, expected a positive integer or nil. Received: value_dim=\(valueDim).")
        }
        try checkRate(dropout, layer: "MultiHeadAttention")
        if let outputShape, outputShape.isEmpty || outputShape.contains(where: { $0 <= 0 }) {
            throw KerasError(.invalidArgument, "Invalid `output_shape` \(outputShape) for MultiHeadAttention: give one or more positive sizes, or nil for the query's last size.")
        }
        if let attentionAxes {
            guard !attentionAxes.isEmpty, Set(attentionAxes).count == attentionAxes.count else {
                throw KerasError(.invalidArgument, "Invalid `attention_axes` \(attentionAxes) for MultiHeadAttention: give one or more distinct axes, or nil to attend over every axis but batch and features.")
            }
        }
        if let slidingWindow, slidingWindow <= 0 {
            throw KerasError(.invalidArgument, "`sliding_window` of MultiHeadAttention must be nil or a positive integer. Received: sliding_window=\(slidingWindow).")
        }
        self.numHeads = numHeads
        self.keyDim = keyDim
        self.valueDim = valueDim ?? keyDim
        self.dropout = dropout
        self.useBias = useBias
        self.outputShape = outputShape
        self.attentionAxes = attentionAxes
        self.slidingWindow = slidingWindow
        self.useGate = useGate
        self.kernelInitializer = kernelInitializer
        self.biasInitializer = biasInitializer
        self.kernelRegularizer = kernelRegularizer
        self.biasRegularizer = biasRegularizer
        self.kernelConstraint = kernelConstraint
        self.biasConstraint = biasConstraint
        self.seed = seed
        super.init(name: name, dtype: dtype, trainable: trainable)
        supportsMasking = true
    }

    // MARK: The layer contract

    /// The query, value and key shapes of a call, checked as Keras checks them and more.
    private func checkedShapes(_ shapes: [TensorShape]) throws -> (call: AttentionCall, query: TensorShape, value: TensorShape, key: TensorShape, mask: TensorShape?) {
        let call = currentCall(inputCount: shapes.count)
        let s = try split(shapes, call)
        let q = s.query, v = s.value, k = s.key ?? s.value
        func describe() -> String {
            "query \(q.kerasDescription), value \(v.kerasDescription)" + (s.key.map { ", key \($0.kerasDescription)" } ?? "")
        }
        guard q.count >= 3, v.count == q.count, k.count == q.count else {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (MultiHeadAttention) expects query, value and key of the same rank, at least 3 (batch, positions..., features), but received \(describe()).")
        }
        guard Array(v.dropFirst().dropLast()) == Array(k.dropFirst().dropLast()) else {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (MultiHeadAttention): all dimensions of `value` and `key`, except the last one, must be equal. Received: value_shape=\(v.kerasDescription) and key_shape=\(k.kerasDescription).")
        }
        try checkBatchSizes([("query", q), ("value", v), ("key", k)])
        return (call, q, v, k, s.attentionMask)
    }

    /// ``attentionAxes`` as axes of the projected tensors (rank `rank`), checked.
    private func resolvedAttentionAxes(rank: Int, inputShape: TensorShape) throws -> [Int] {
        guard let attentionAxes else { return Array(1..<(rank - 2)) }
        let axes = attentionAxes.map { $0 >= 0 ? $0 : (rank - 1) + $0 }
        let inputRank = rank - 1
        guard axes.allSatisfy({ $0 >= 1 && $0 <= rank - 3 }) else {
            throw KerasError(.invalidArgument, "Layer \"\(name)\" (MultiHeadAttention) has attention_axes=\(attentionAxes), which are not all positions axes of inputs of shape \(inputShape.kerasDescription). Use axes in 1..<\(inputRank - 1) (or \(-(inputRank - 1))..<-1 counting from the end): neither the batch axis nor the feature axis.")
        }
        guard Set(axes).count == axes.count else {
            throw KerasError(.invalidArgument, "Layer \"\(name)\" (MultiHeadAttention) has attention_axes=\(attentionAxes), which name the same axis of inputs of shape \(inputShape.kerasDescription) twice.")
        }
        return axes
    }

    override public func build(inputShapes: [TensorShape]) throws {
        let (call, q, v, k, _) = try checkedShapes(inputShapes)
        builtCall = call
        guard let queryFeatures = q.last ?? nil else {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (MultiHeadAttention) needs the last axis of the query to be known, but received shape \(q.kerasDescription).")
        }
        let settings = ProjectionSettings(kernelInitializer: kernelInitializer, biasInitializer: biasInitializer,
                                          kernelRegularizer: kernelRegularizer, biasRegularizer: biasRegularizer,
                                          kernelConstraint: kernelConstraint, biasConstraint: biasConstraint, dtype: dtype)
        func project(_ shape: TensorShape, heads: [Int], activation: Activation = .linear, name: String) throws -> (EinsumDense, Int) {
            let p = AttentionEquations.projection(free: shape.count - 1, bound: 1, outputs: 2)
            let dense = try settings.projection(p.equation, outputShape: AttentionEquations.partialShape(rank: p.outputRank - 1, known: heads),
                                                biasAxes: useBias ? p.biasAxes : nil, activation: activation, name: name, inputShape: shape)
            return (dense, p.outputRank)
        }
        queryDense = try project(q, heads: [numHeads, keyDim], name: "query").0
        keyDense = try project(k, heads: [numHeads, keyDim], name: "key").0
        if useGate { gateDense = try project(q, heads: [numHeads, valueDim], activation: .sigmoid, name: "gate").0 }
        let (value, rank) = try project(v, heads: [numHeads, valueDim], name: "value")
        valueDense = value

        let axes = try resolvedAttentionAxes(rank: rank, inputShape: q)
        let e = AttentionEquations.attention(rank: rank, axes: axes)
        equations = (e.dotProduct, e.combine, e.scoresRank, axes, e.batchAxes)
        let normAxes = Array((e.scoresRank - axes.count)..<e.scoresRank)
        softmaxLayer = normAxes.count == 1 ? Softmax(axis: normAxes[0], dtype: dtype) : try Softmax(axes: normAxes, dtype: dtype)
        dropoutLayer = try Dropout(dropout, seed: seed, dtype: dtype)

        let outputSizes = outputShape ?? [queryFeatures]
        let p = AttentionEquations.projection(free: q.count - 1, bound: 2, outputs: outputSizes.count)
        var projectedQuery = try queryDense!.computeOutputShape(q)
        projectedQuery[projectedQuery.count - 1] = valueDim
        outputDense = try settings.projection(p.equation, outputShape: AttentionEquations.partialShape(rank: p.outputRank - 1, known: outputSizes),
                                              biasAxes: useBias ? p.biasAxes : nil, name: "attention_output", inputShape: projectedQuery)
    }

    override public func call(_ inputs: [Tensor], training: Bool, masks: [Tensor?]) throws -> [Tensor] {
        guard let queryDense, let keyDense, let valueDense, let outputDense, let equations else { throw notBuilt(self) }
        let (call, _, _, _, _) = try checkedShapes(inputs.map(\.shape.asTensorShape))
        let t = try split(inputs, call)
        let m = try split(masks.count == inputs.count ? masks : inputs.map { _ in nil }, call)
        let query = t.query, value = t.value, key = t.key ?? t.value
        let keyMask = call.hasKey ? m.key ?? nil : nil
        // Keras's fast path: with only a causal mask, the fused kernel masks by itself.
        let causalOnly = call.useCausalMask && m.query == nil && m.value == nil && keyMask == nil
            && t.attentionMask == nil && slidingWindow == nil
        let mask = causalOnly ? nil : combinedAttentionMask(
            query: query, value: value, queryMask: m.query, valueMask: m.value, keyMask: keyMask,
            attentionMask: t.attentionMask, useCausalMask: call.useCausalMask, slidingWindow: slidingWindow)

        let gate = try gateDense.map { try $0(query) }
        let q = try queryDense(query)   // [B, T, N, keyDim]
        let k = try keyDense(key)       // [B, S, N, keyDim]
        let v = try valueDense(value)   // [B, S, N, valueDim]
        // Keras uses the backend's fused dot_product_attention when it can (no dropout, no scores
        // asked, one attention axis); a fully masked row then averages every position instead of
        // giving zeros, so both paths are kept.
        let fused = dropout == 0 && !call.returnAttentionScores && q.rank == 4
        let inverseSqrtKeyDim = 1 / Double(keyDim).squareRoot()
        var output: Tensor, scores: Tensor?
        if fused {
            var logits = einsum(equations.dotProduct, k, q) * inverseSqrtKeyDim   // [B, N, T, S]
            if let m = causalOnly ? causalMask(queryLength: q.shape[1], valueLength: k.shape[1]) : mask {
                let keep = try expandedMask(m, toRank: 4, at: -3, against: logits.shape, layer: self)
                logits = select(keep, logits, Tensor(fusedMaskValue(logits.dtype), dtype: logits.dtype))
            }
            output = einsum(equations.combine, softmax(logits, axis: -1), v)
        } else {
            var m = mask
            if causalOnly { m = causalMask(queryLength: q.shape[1], valueLength: v.shape[1]) }
            var s = einsum(equations.dotProduct, k, q * inverseSqrtKeyDim)
            if let m {
                let keep = try expandedMask(m, toRank: s.rank, at: -equations.axes.count * 2 - 1, against: s.shape, layer: self)
                s = try softmaxLayer!(s, mask: keep)
            } else {
                s = try softmaxLayer!(s)
            }
            let dropped = dropout > 0 ? try dropoutLayer!(s, training: training) : s
            output = einsum(equations.combine, dropped, v)
            scores = s
        }
        if let gate { output = output * gate }
        output = try outputDense(output)
        return call.returnAttentionScores ? [output, scores!] : [output]
    }

    override public func computeOutputShapes(_ inputShapes: [TensorShape]) throws -> [TensorShape] {
        let (call, q, _, k, _) = try checkedShapes(inputShapes)
        let output = Array(q.dropLast()) + (outputShape?.asTensorShape ?? [q.last ?? nil])
        guard call.returnAttentionScores else { return [output] }
        let rank = q.count + 1
        let axes = try resolvedAttentionAxes(rank: rank, inputShape: q)
        let e = AttentionEquations.attention(rank: rank, axes: axes)
        let projectedQuery = Array(q.dropLast()) + [numHeads, keyDim]
        let projectedKey = Array(k.dropLast()) + [numHeads, keyDim]
        let scores = e.batchAxes.map { projectedQuery[$0] } + axes.map { projectedQuery[$0] } + axes.map { projectedKey[$0] }
        return [output, scores]
    }

    override public func computeMask(_ inputs: [Tensor], masks: [Tensor?]) throws -> [Tensor?] {
        // The output carries the query's mask; the scores, when returned, carry none.
        let query = masks.first ?? nil
        return currentCall(inputCount: inputs.count).returnAttentionScores ? [query, nil] : [query]
    }

    // MARK: Keras configuration

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["num_heads"] = .int(numHeads)
        config["key_dim"] = .int(keyDim)
        config["value_dim"] = .int(valueDim)
        config["dropout"] = .double(dropout)
        config["use_bias"] = .bool(useBias)
        config["use_gate"] = .bool(useGate)
        config["output_shape"] = outputShape.map(LayerConfig.intsValue) ?? .null
        // Keras fills in the default attention axes when it builds.
        var axes = attentionAxes
        if axes == nil, isBuilt, let rank = buildShapes?.first?.count { axes = Array(1..<max(rank - 1, 1)) }
        config["attention_axes"] = axes.map(LayerConfig.intsValue) ?? .null
        config["sliding_window"] = slidingWindow.map { .int($0) } ?? .null
        projectionSettings.write(into: &config)
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

    private var projectionSettings: ProjectionSettings {
        ProjectionSettings(kernelInitializer: kernelInitializer, biasInitializer: biasInitializer,
                           kernelRegularizer: kernelRegularizer, biasRegularizer: biasRegularizer,
                           kernelConstraint: kernelConstraint, biasConstraint: biasConstraint, dtype: dtype)
    }
}
