/// Additive attention, also called Bahdanau-style attention (Keras's `AdditiveAttention`).
///
/// As ``Attention``, with scores `sum(scale * tanh(query + key), over features)`: inputs
/// `query [batch, Tq, dim]`, `value [batch, Tv, dim]`, optional `key [batch, Tv, dim]`, the same
/// masks, causal mask, dropout and attention scores.
///
/// Weights: `scale` of shape `[dim]` (Glorot uniform), when `useScale`.
///
/// ```swift
/// let attention = try AdditiveAttention()
/// let q = Tensor.ones([2, 3, 4]), v = Tensor.ones([2, 5, 4])
/// let y = try attention(query: q, value: v)   // [2, 3, 4]; scale [4]
/// ```
public final class AdditiveAttention: Attention {
    /// Makes an additive attention layer.
    ///
    /// - Parameters:
    ///   - useScale: learn a per-feature `scale` for the scores (Keras's default: true).
    ///   - dropout: the fraction of the attention distribution to drop while training.
    ///   - seed: makes the dropout reproducible.
    ///   - name: the layer's name; the class's snake-case name, numbered, by default.
    ///   - dtype: the dtype of the weights and computation.
    ///   - trainable: whether the weights are updated by training.
    /// - Throws: ``KerasError`` when `dropout` is outside `[0, 1]`.
    public init(useScale: Bool = true, dropout: Double = 0, seed: UInt64? = nil, name: String? = nil,
                dtype: DType = .float32, trainable: Bool = true) throws {
        try super.init(useScale: useScale, scoreMode: .dot, dropout: dropout, seed: seed, name: name,
                       dtype: dtype, trainable: trainable)
    }

    override public func build(inputShapes: [TensorShape]) throws {
        let (_, query, _, _) = try checkedShapes(inputShapes)
        guard useScale else { return }
        guard let dim = query.last ?? nil else {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (AdditiveAttention) needs the last axis of the query to be known, but received shape \(query.kerasDescription).")
        }
        scale = try addWeight(name: "scale", shape: [dim], initializer: .glorotUniform)
    }

    /// `sum(scale * tanh(query[:, :, None] + key[:, None]), -1)`, `[batch, Tq, Tv]`.
    override public func scores(query: Tensor, key: Tensor) throws -> Tensor {
        let t = tanh(query.expandingDimensions(axis: -2) + key.expandingDimensions(axis: -3))
        return (scale.map { $0.value * t } ?? t).sum(axes: [-1])
    }

    // MARK: Keras configuration

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["score_mode"] = nil
        return config
    }

    /// AdditiveAttention's config keys (Keras 3.15): those of ``Attention`` but `score_mode`.
    override public class var kerasConfigKeys: [String] { ["use_scale", "dropout", "seed"] }

    /// Rebuilds an AdditiveAttention layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for a malformed value, and the layer's errors for
    ///   an invalid `dropout`.
    public required convenience init(config: LayerConfig) throws {
        try self.init(useScale: config.bool("use_scale", default: true), dropout: config.double("dropout", default: 0),
                      seed: config.seed(), name: config.name, dtype: config.dtype, trainable: config.trainable)
    }
}
