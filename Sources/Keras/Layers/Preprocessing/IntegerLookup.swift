/// Maps integer tokens to contiguous indices through a vocabulary (Keras's `IntegerLookup`), or
/// indices back to tokens with `invert`.
///
/// Indices are laid out as Keras lays them out: the mask token (if any, in `int` mode) at 0,
/// then `numOOVIndices` slots for out-of-vocabulary tokens (several slots are chosen by
/// `floormod(token, numOOVIndices)`, or by hashing with `oovMethod: "farmhash"`), then the
/// vocabulary. The vocabulary is given, or learned by ``adapt(_:)``: the most frequent tokens
/// first, ties broken by the larger token. Outputs are int64 indices, or their `oneHot`,
/// `multiHot` or `count` encodings (int64), or `tfIdf` weights (float32). A learned vocabulary
/// is saved in a `.keras` file's assets, as Keras saves it.
///
/// ```swift
/// let lookup = try IntegerLookup(vocabulary: [12, 36, 1138, 42])
/// let y = try lookup(Tensor([12, 1138, 42, 42, 1000, 36], shape: [2, 3], dtype: .int64))   // [[1, 3, 4], [4, 0, 2]]
/// ```
public final class IntegerLookup: LookupLayer<Int64> {
    /// The token that always maps to index 0 (`int` mode) or is left out of encodings.
    public var maskToken: Int64? { maskKey }
    /// The token returned for unknown indices when inverting.
    public var oovToken: Int64 { oovKey }
    /// The vocabulary given at construction, exactly as given (`nil` for one set later or
    /// adapted).
    public var inputVocabulary: [Int64]? { inputTokens }

    /// Makes the layer.
    ///
    /// - Parameters:
    ///   - maxTokens: the largest vocabulary ``adapt(_:)`` keeps, special slots included.
    ///   - numOOVIndices: the number of slots for unknown tokens (0: unknown tokens are an error).
    ///   - maskToken: a token mapped to index 0 (and left out of encodings).
    ///   - oovToken: the token unknown indices map to when inverting.
    ///   - vocabulary: the tokens, in index order (optionally starting with the mask and OOV
    ///     tokens, which are then skipped).
    ///   - idfWeights: one weight per vocabulary entry, for `tfIdf` with a given vocabulary.
    ///   - invert: map indices to tokens (only in `int` mode).
    ///   - outputMode: `.int` (the default), `.oneHot`, `.multiHot`, `.count` or `.tfIdf`.
    ///   - padToMaxTokens: give encodings `maxTokens` slots.
    ///   - oovMethod: `"floormod"` or `"farmhash"`.
    ///   - salt: one or two integers keying the `"farmhash"` OOV hash.
    ///   - name: the layer's name (`integer_lookup`, ... by default).
    /// - Throws: ``KerasError`` for Keras's invalid combinations (`maxTokens <= 1`, a negative
    ///   `numOOVIndices`, `invert` outside `int` mode, `idfWeights` outside `tfIdf`, a salt
    ///   without `"farmhash"`, a repeated or misplaced vocabulary entry...).
    public init(maxTokens: Int? = nil, numOOVIndices: Int = 1, maskToken: Int64? = nil, oovToken: Int64 = -1,
                vocabulary: [Int64]? = nil, idfWeights: [Double]? = nil, invert: Bool = false,
                outputMode: OutputMode = .int, padToMaxTokens: Bool = false, oovMethod: String = "floormod",
                salt: [Int]? = nil, name: String? = nil) throws {
        if salt != nil && oovMethod != "farmhash" {
            throw KerasError(.invalidArgument, "IntegerLookup: `salt` can only be used when `oov_method='farmhash'`. Received: oov_method=\(oovMethod).")
        }
        try super.init(kind: "IntegerLookup", maxTokens: maxTokens, numOOVIndices: numOOVIndices, maskToken: maskToken,
                       oovToken: oovToken, vocabulary: vocabulary, idfWeights: idfWeights, invert: invert,
                       outputMode: outputMode, padToMaxTokens: padToMaxTokens, oovMethod: oovMethod, salt: salt, name: name)
    }

    /// The vocabulary in index order (Keras's `get_vocabulary`): with the mask and OOV tokens in
    /// their slots, or only the learned or given tokens.
    public func vocabulary(includeSpecialTokens: Bool = true) -> [Int64] {
        table.vocabulary(includeSpecialTokens: includeSpecialTokens)
    }

    /// Replaces the vocabulary (Keras's `set_vocabulary`).
    ///
    /// - Throws: ``KerasError`` for an empty, repeated or oversized vocabulary, misplaced special
    ///   tokens, or IDF weights that do not fit the mode or the vocabulary.
    public func setVocabulary(_ vocabulary: [Int64], idfWeights: [Double]? = nil) throws {
        try setTokens(vocabulary, idfWeights: idfWeights)
    }

    /// Learns the vocabulary from `data`: every row of a matrix is a document; a vector holds one
    /// token per document.
    ///
    /// - Throws: ``KerasError`` when a vocabulary was given.
    public func adapt(_ data: Tensor) throws { try adapt(batches: [data]) }

    /// Learns the vocabulary from several batches.
    public func adapt(batches: [Tensor]) throws { try adaptTokens(batches.map(documents)) }

    /// `floormod(token, numOOVIndices)`, or the hash of the token's decimal text with `"farmhash"`.
    override func oovSlot(_ token: Int64) -> Int {
        guard oovMethod == "floormod" else { return super.oovSlot(token) }
        let n = Int64(numOOVIndices)
        return Int(((token % n) + n) % n)
    }

    // MARK: Keras configuration

    /// Keras's keys. `vocabulary` and `idf_weights` are the ones given at construction; a
    /// vocabulary set later or adapted is not in the config (Keras saves it as the asset
    /// `vocabulary.txt` of a `.keras` file), only its size in `vocabulary_size`. `dtype` is
    /// Keras's default policy, which lookup layers ignore.
    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["vocabulary_dtype"] = "int64"
        for (key, value) in kerasVocabularyConfig.pairs { config[key] = value }
        config.keepNumberKinds(of: kerasNumbersAsRead)
        return config
    }
}

extension IntegerLookup: KerasSerializable {
    /// IntegerLookup's config keys (Keras 3.15, with the `vocabulary_size` and
    /// `has_input_vocabulary` its base class takes back).
    public static let kerasConfigKeys = [
        "max_tokens", "num_oov_indices", "mask_token", "oov_token", "vocabulary", "vocabulary_dtype", "idf_weights",
        "invert", "output_mode", "sparse", "pad_to_max_tokens", "oov_method", "salt", "vocabulary_size",
        "has_input_vocabulary"]

    /// Rebuilds the layer from its Keras config, with the vocabulary the config holds. An
    /// adapted layer's config has none: a `.keras` file brings it in its assets, or set it with
    /// ``setVocabulary(_:idfWeights:)``. As in Keras, `trainable` and `dtype` are ignored.
    ///
    /// - Throws: ``KerasError`` `.unsupported` for `sparse=true`, a `vocabulary_dtype` other
    ///   than `int64` or a vocabulary file path; `.invalidConfig` for malformed values; and the
    ///   errors of ``init(maxTokens:numOOVIndices:maskToken:oovToken:vocabulary:idfWeights:invert:outputMode:padToMaxTokens:oovMethod:salt:name:)``.
    public convenience init(config: LayerConfig) throws {
        try config.refuse("sparse", unless: false)
        try config.refuse("vocabulary_dtype", unless: "int64")
        if case .string(let path)? = config["vocabulary"] {
            throw KerasError(.unsupported, "IntegerLookup \"\(config.name ?? "?")\" names a vocabulary file (\(path)), which swift-keras does not read; pass the vocabulary as a list.")
        }
        try self.init(maxTokens: config.optionalInt("max_tokens"), numOOVIndices: config.int("num_oov_indices", default: 1),
                      maskToken: config.optionalInt("mask_token").map(Int64.init),
                      oovToken: Int64(config.int("oov_token", default: -1)),
                      vocabulary: config.optionalInts("vocabulary")?.map(Int64.init),
                      idfWeights: config.optionalDoubles("idf_weights"), invert: config.bool("invert", default: false),
                      outputMode: config.enumeration("output_mode", default: OutputMode.int),
                      padToMaxTokens: config.bool("pad_to_max_tokens", default: false),
                      oovMethod: config.string("oov_method", default: "floormod"), salt: config.optionalInts("salt"),
                      name: config.name)
        if inputVocabulary == nil { frozenVocabularySize = try config.optionalInt("vocabulary_size") }
        kerasNumbersAsRead = config.values
    }
}
