/// Dot-product attention, also called Luong-style attention (Keras's `Attention`).
///
/// Inputs: `query [batch, Tq, dim]`, `value [batch, Tv, dim]` and an optional
/// `key [batch, Tv, dim]` (the value by default). Scores `[batch, Tq, Tv]` are `query · keyᵀ`
/// (``ScoreMode/dot``, times `scale` when `useScale`) or `sum(tanh(query + key))`
/// (``ScoreMode/concat``, times `concat_score_weight`); their softmax weights the values.
///
/// Masks as Keras: the value mask `[batch, Tv]` keeps masked positions out of the softmax (their
/// scores are lowered by 1e9), the query mask `[batch, Tq]` zeroes the output rows, and
/// `useCausalMask` keeps position `i` from attending to positions after `i`. The output carries
/// the query's mask. As for ``MultiHeadAttention``, a symbolic call records `useCausalMask` for the
/// model graph.
///
/// Weights: `scale` (shape `[]`, when `useScale`), then `concat_score_weight` (shape `[]`, in
/// concat mode), both starting at 1.
///
/// Subclasses override ``scores(query:key:)``. The class is saved and loaded through its Keras
/// config (``KerasSerializable``), so a subclass that declares initializers of its own also
/// implements `required convenience init(config: LayerConfig)` (and ``kerasConfigKeys`` when it
/// has other keys), as ``AdditiveAttention`` does.
///
/// ```swift
/// let attention = try Attention(useScale: true)
/// let q = Tensor.ones([2, 3, 4]), v = Tensor.ones([2, 5, 4])
/// let y = try attention(query: q, value: v)                       // [2, 3, 4]
/// let (out, scores) = try attention.outputAndScores(query: q, value: v, useCausalMask: true)
/// ```
open class Attention: Layer, AttentionCalling {
    /// How scores are computed from a query and a key.
    public enum ScoreMode: String, Sendable, CaseIterable {
        /// The dot product of query and key (`"dot"`).
        case dot
        /// The sum of `tanh(query + key)` over the features (`"concat"`).
        case concat

        /// The mode Keras names `name`.
        ///
        /// ```swift
        /// let mode = try Attention.ScoreMode(keras: "concat")   // .concat
        /// ```
        ///
        /// - Parameter name: `"dot"` or `"concat"`, Keras's `score_mode`.
        /// - Throws: ``KerasError`` naming the accepted values for any other string.
        public init(keras name: String) throws {
            guard let mode = ScoreMode(rawValue: name) else {
                throw KerasError(.invalidArgument, "Invalid value for argument score_mode. Expected one of {'dot', 'concat'}. Received: score_mode=\(name)")
            }
            self = mode
        }
    }

    /// Whether a learned scalar `scale` multiplies the scores.
    public let useScale: Bool
    /// How scores are computed.
    public let scoreMode: ScoreMode
    /// The dropout rate on the attention distribution, in training.
    public let dropout: Double
    /// The dropout seed.
    public let seed: UInt64?
    /// The stream of dropout seeds.
    public let seedGenerator: SeedGenerator

    /// `scale` (after build, when `useScale`).
    public internal(set) var scale: Variable?
    /// `concat_score_weight` (after build, in concat mode).
    public private(set) var concatScoreWeight: Variable?

    var pendingCall: AttentionCall?
    var recordedCall: AttentionCall?

    /// Makes a dot-product attention layer.
    ///
    /// - Parameters:
    ///   - useScale: learn a scalar that multiplies the scores.
    ///   - scoreMode: ``ScoreMode/dot`` or ``ScoreMode/concat``.
    ///   - dropout: the fraction of the attention distribution to drop while training.
    ///   - seed: makes the dropout reproducible.
    ///   - name: the layer's name; the class's snake-case name, numbered, by default.
    ///   - dtype: the dtype of the weights and computation.
    ///   - trainable: whether the weights are updated by training.
    /// - Throws: ``KerasError`` when `dropout` is outside `[0, 1]`.
    public init(useScale: Bool = false, scoreMode: ScoreMode = .dot, dropout: Double = 0, seed: UInt64? = nil,
                name: String? = nil, dtype: DType = .float32, trainable: Bool = true) throws {
        try checkRate(dropout, layer: Self.kerasClassName)
        self.useScale = useScale
        self.scoreMode = scoreMode
        self.dropout = dropout
        self.seed = seed
        self.seedGenerator = SeedGenerator(seed: seed)
        super.init(name: name, dtype: dtype, trainable: trainable)
    }

    // MARK: Calling

    /// Attends from `query` to `value` (and `key`), returning `[batch, Tq, valueDim]`.
    ///
    /// - Parameters:
    ///   - query: `[batch, Tq, dim]`.
    ///   - value: `[batch, Tv, valueDim]`.
    ///   - key: `[batch, Tv, dim]`; the value by default.
    ///   - queryMask: `[batch, Tq]`; masked query rows give zeros.
    ///   - valueMask: `[batch, Tv]`; masked positions get no attention.
    ///   - useCausalMask: position `i` attends only to positions `j <= i`.
    ///   - training: applies the dropout.
    /// - Returns: `[batch, Tq, valueDim]`.
    /// - Throws: ``KerasError`` for shapes that do not fit.
    public func callAsFunction(query: Tensor, value: Tensor, key: Tensor? = nil, queryMask: Tensor? = nil,
                               valueMask: Tensor? = nil, useCausalMask: Bool = false, training: Bool = false) throws -> Tensor {
        try attend(query: query, value: value, key: key, queryMask: queryMask, valueMask: valueMask,
                   useCausalMask: useCausalMask, scores: false, training: training)[0]
    }

    /// The output and the attention distribution `[batch, Tq, Tv]` (after masking and softmax,
    /// before dropout): Keras's `return_attention_scores=True`.
    ///
    /// - Parameters:
    ///   - query: `[batch, Tq, dim]`.
    ///   - value: `[batch, Tv, valueDim]`.
    ///   - key: `[batch, Tv, dim]`; the value by default.
    ///   - queryMask: `[batch, Tq]`; masked query rows give zeros.
    ///   - valueMask: `[batch, Tv]`; masked positions get no attention.
    ///   - useCausalMask: position `i` attends only to positions `j <= i`.
    ///   - training: applies the dropout (to the weights used, not to the scores returned).
    /// - Returns: the output and the distribution.
    /// - Throws: ``KerasError`` for shapes that do not fit.
    public func outputAndScores(query: Tensor, value: Tensor, key: Tensor? = nil, queryMask: Tensor? = nil,
                                valueMask: Tensor? = nil, useCausalMask: Bool = false,
                                training: Bool = false) throws -> (output: Tensor, scores: Tensor) {
        let r = try attend(query: query, value: value, key: key, queryMask: queryMask, valueMask: valueMask,
                           useCausalMask: useCausalMask, scores: true, training: training)
        return (r[0], r[1])
    }

    /// Records a call on symbolic tensors (their Keras masks flow in from the graph).
    ///
    /// - Parameters:
    ///   - query: the query, `(batch, Tq, dim)`.
    ///   - value: the value, `(batch, Tv, valueDim)`.
    ///   - key: the key, `(batch, Tv, dim)`; the value by default.
    ///   - useCausalMask: position `i` attends only to positions `j <= i`.
    /// - Returns: the symbolic output.
    /// - Throws: ``KerasError`` for shapes that do not fit, or when the layer is already in a graph
    ///   with other call arguments.
    public func callAsFunction(query: KerasTensor, value: KerasTensor, key: KerasTensor? = nil,
                               useCausalMask: Bool = false) throws -> KerasTensor {
        try attend(query: query, value: value, key: key, useCausalMask: useCausalMask, scores: false)[0]
    }

    /// Records a call on symbolic tensors that also returns the attention distribution.
    ///
    /// - Parameters:
    ///   - query: the query, `(batch, Tq, dim)`.
    ///   - value: the value, `(batch, Tv, valueDim)`.
    ///   - key: the key, `(batch, Tv, dim)`; the value by default.
    ///   - useCausalMask: position `i` attends only to positions `j <= i`.
    /// - Returns: the symbolic output and distribution.
    /// - Throws: ``KerasError`` as ``callAsFunction(query:value:key:useCausalMask:)``.
    public func outputAndScores(query: KerasTensor, value: KerasTensor, key: KerasTensor? = nil,
                                useCausalMask: Bool = false) throws -> (output: KerasTensor, scores: KerasTensor) {
        let r = try attend(query: query, value: value, key: key, useCausalMask: useCausalMask, scores: true)
        return (r[0], r[1])
    }

    // MARK: Scores

    /// The scores `[batch, Tq, Tv]` of `query` against `key` (Keras's `_calculate_scores`);
    /// subclasses override it.
    ///
    /// - Parameters:
    ///   - query: `[batch, Tq, dim]`.
    ///   - key: `[batch, Tv, dim]`.
    /// - Returns: the scores before masking and softmax.
    /// - Throws: ``KerasError`` when a subclass cannot score these shapes.
    open func scores(query: Tensor, key: Tensor) throws -> Tensor {
        switch scoreMode {
        case .dot:
            var s = matmul(query, key.swappingAxes(-2, -1))
            if let scale { s = s * scale.value }
            return s
        case .concat:
            // [batch, Tq, 1, dim] + [batch, 1, Tv, dim]
            var sum = query.expandingDimensions(axis: -2) + key.expandingDimensions(axis: -3)
            if let scale { sum = scale.value * sum }
            guard let concatScoreWeight else { throw notBuilt(self) }
            return concatScoreWeight.value * tanh(sum).sum(axes: [-1])
        }
    }

    // MARK: The layer contract

    /// The shapes of a call by role, checked.
    func checkedShapes(_ shapes: [TensorShape]) throws -> (call: AttentionCall, query: TensorShape, value: TensorShape, key: TensorShape) {
        let call = currentCall(inputCount: shapes.count)
        let s = try split(shapes, call)
        let q = s.query, v = s.value, k = s.key ?? s.value
        func describe() -> String {
            "query \(q.kerasDescription), value \(v.kerasDescription)" + (s.key.map { ", key \($0.kerasDescription)" } ?? "")
        }
        guard q.count >= 3, v.count == q.count, k.count == q.count else {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (\(className)) expects query, value and key of the same rank, at least 3 (batch, positions, features), but received \(describe()).")
        }
        if let a = q.last ?? nil, let b = k.last ?? nil, a != b {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (\(className)) compares query and key features, but received \(describe()): the last sizes \(a) and \(b) differ.")
        }
        for (x, y) in zip(v.dropLast(), k.dropLast()) {
            if let x, let y, x != y {
                throw KerasError(.incompatibleShape, "Layer \"\(name)\" (\(className)) needs value and key with the same shape except the last axis, but received \(describe()).")
            }
        }
        try checkBatchSizes([("query", q), ("value", v), ("key", k)])
        return (call, q, v, k)
    }

    override open func build(inputShapes: [TensorShape]) throws {
        _ = try checkedShapes(inputShapes)
        if useScale { scale = try addWeight(name: "scale", shape: [], initializer: .ones) }
        if scoreMode == .concat {
            concatScoreWeight = try addWeight(name: "concat_score_weight", shape: [], initializer: .ones)
        }
    }

    override open func call(_ inputs: [Tensor], training: Bool, masks: [Tensor?]) throws -> [Tensor] {
        let (call, _, _, _) = try checkedShapes(inputs.map(\.shape.asTensorShape))
        let t = try split(inputs, call)
        let queryMask = masks.count > 0 ? masks[0] : nil
        let valueMask = masks.count > 1 ? masks[1] : nil
        let key = t.key ?? t.value
        var s = try scores(query: t.query, key: key)   // [batch, Tq, Tv]
        // Keras's score mask: the value mask [batch, 1, Tv], and the causal mask [1, Tq, Tv].
        var keep = valueMask.map { cast($0, to: .bool).expandingDimensions(axis: -2) }
        if call.useCausalMask {
            let causal = causalMask(queryLength: s.shape[s.rank - 2], valueLength: s.shape[s.rank - 1])
            keep = keep.map { logicalAnd($0, causal) } ?? causal
        }
        if let keep {
            let large = s.dtype == .float16 ? 65504.0 : 1e9
            s = select(keep, s, s - large)
        }
        let distribution = softmax(s, axis: -1)
        var weights = distribution
        if training && dropout > 0 {
            weights = try droppingOut(weights, rate: dropout, noiseShape: weights.shape, seed: seedGenerator.next(), layer: self)
        }
        var output = matmul(weights, t.value)
        if let queryMask {
            output = select(cast(queryMask, to: .bool).expandingDimensions(axis: -1), output, Tensor.zeros([], dtype: output.dtype))
        }
        return call.returnAttentionScores ? [output, distribution] : [output]
    }

    override open func computeOutputShapes(_ inputShapes: [TensorShape]) throws -> [TensorShape] {
        let (call, q, v, k) = try checkedShapes(inputShapes)
        let output = Array(q.dropLast()) + [v.last ?? nil]
        guard call.returnAttentionScores else { return [output] }
        return [output, Array(q.dropLast()) + [k[k.count - 2]]]
    }

    override open func computeMask(_ inputs: [Tensor], masks: [Tensor?]) throws -> [Tensor?] {
        // The output carries the query's mask; the scores, when returned, carry none.
        let query = masks.first ?? nil
        return currentCall(inputCount: inputs.count).returnAttentionScores ? [query, nil] : [query]
    }

    // MARK: Keras configuration

    override open func kerasNodeArguments(_ tensors: [JSONValue]) -> (args: [JSONValue], kwargs: JSONObject) {
        attentionNodeArguments(tensors, listForm: true)
    }

    override open func callSymbolically(_ call: SavedCall) throws -> [KerasTensor] {
        try replayAttention(call)
    }

    override open var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["use_scale"] = .bool(useScale)
        config["score_mode"] = .string(scoreMode.rawValue)
        config["dropout"] = .double(dropout)
        config["seed"] = LayerConfig.seedValue(seed)
        return config
    }

    /// The config keys of this class (Keras 3.15); subclasses with other keys override it.
    open class var kerasConfigKeys: [String] { ["use_scale", "score_mode", "dropout", "seed"] }

    /// Rebuilds an Attention layer from its Keras config. A subclass with initializers of its own
    /// overrides this one (it is `required` so that every subclass can be rebuilt).
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for a malformed value or an unknown `score_mode`,
    ///   and the layer's errors for an invalid `dropout`.
    public required convenience init(config: LayerConfig) throws {
        try self.init(useScale: config.bool("use_scale", default: false),
                      scoreMode: ScoreMode(rawValue: config.choice("score_mode", among: ScoreMode.allCases.map(\.rawValue), default: "dot"))!,
                      dropout: config.double("dropout", default: 0), seed: config.seed(),
                      name: config.name, dtype: config.dtype, trainable: config.trainable)
    }
}

extension Attention: KerasSerializable {}
