/// Maps text tokens to contiguous indices through a vocabulary (Keras's `StringLookup`), or
/// indices back to text with `invert`.
///
/// Indices are laid out as Keras lays them out: the mask token (if any, in `int` mode) at 0,
/// then `numOOVIndices` slots for out-of-vocabulary tokens (several slots are chosen by
/// FarmHash64 of the token, or SipHash keyed by `salt`, as TensorFlow hashes them), then the
/// vocabulary. The vocabulary is given, or learned by ``adapt(_:)``: the most frequent tokens
/// first, ties broken by the larger token (compared by UTF-8 bytes). Outputs are int64
/// indices, or their `oneHot`, `multiHot` or `count` encodings (int64), or `tfIdf` weights
/// (float32). A learned vocabulary is saved in a `.keras` file's assets, as Keras saves it.
///
/// ```swift
/// let lookup = try StringLookup(vocabulary: ["a", "b", "c", "d"])
/// let y = try lookup(Tensor(strings: ["a", "c", "d", "d", "z", "b"], shape: [2, 3]))   // [[1, 3, 4], [4, 0, 2]]
/// ```
public final class StringLookup: LookupLayer<TextToken> {
    /// The token that always maps to index 0 (`int` mode) or is left out of encodings.
    public var maskToken: String? { maskKey?.text }
    /// The token returned for unknown indices when inverting (`"[UNK]"` by default).
    public var oovToken: String { oovKey.text }
    /// The vocabulary given at construction, exactly as given (`nil` for one set later or
    /// adapted).
    public var inputVocabulary: [String]? { inputTokens?.map(\.text) }
    /// Makes the layer.
    ///
    /// - Parameters:
    ///   - maxTokens: the largest vocabulary ``adapt(_:)`` keeps, special slots included.
    ///   - numOOVIndices: the number of slots for unknown tokens (0: unknown tokens are an error).
    ///   - maskToken: a token mapped to index 0 (and left out of encodings); `""` masks empty texts.
    ///   - oovToken: the token unknown indices map to when inverting.
    ///   - vocabulary: the tokens, in index order (optionally starting with the mask and OOV
    ///     tokens, which are then skipped).
    ///   - idfWeights: one weight per vocabulary entry, for `tfIdf` with a given vocabulary.
    ///   - invert: map indices to tokens (only in `int` mode).
    ///   - outputMode: `.int` (the default), `.oneHot`, `.multiHot`, `.count` or `.tfIdf`.
    ///   - padToMaxTokens: give encodings `maxTokens` slots.
    ///   - salt: one or two integers keying the OOV hash (SipHash instead of FarmHash64).
    ///   - name: the layer's name (`string_lookup`, ... by default).
    /// - Throws: ``KerasError`` for Keras's invalid combinations (`maxTokens <= 1`, a negative
    ///   `numOOVIndices`, `invert` outside `int` mode, `idfWeights` outside `tfIdf`, a repeated
    ///   or misplaced vocabulary entry...).
    public convenience init(maxTokens: Int? = nil, numOOVIndices: Int = 1, maskToken: String? = nil, oovToken: String = "[UNK]",
                            vocabulary: [String]? = nil, idfWeights: [Double]? = nil, invert: Bool = false,
                            outputMode: OutputMode = .int, padToMaxTokens: Bool = false, salt: [Int]? = nil,
                            name: String? = nil) throws {
        try self.init(oovMethod: "floormod", maxTokens: maxTokens, numOOVIndices: numOOVIndices, maskToken: maskToken,
                      oovToken: oovToken, vocabulary: vocabulary, idfWeights: idfWeights, invert: invert,
                      outputMode: outputMode, padToMaxTokens: padToMaxTokens, salt: salt, name: name)
    }

    /// Makes the layer with a given `oov_method` (kept for a config read from Keras).
    private init(oovMethod: String, maxTokens: Int?, numOOVIndices: Int, maskToken: String?, oovToken: String,
                 vocabulary: [String]?, idfWeights: [Double]?, invert: Bool, outputMode: OutputMode,
                 padToMaxTokens: Bool, salt: [Int]?, name: String?) throws {
        try super.init(kind: "StringLookup", maxTokens: maxTokens, numOOVIndices: numOOVIndices,
                       maskToken: maskToken.map(TextToken.init), oovToken: TextToken(oovToken),
                       vocabulary: vocabulary?.map(TextToken.init), idfWeights: idfWeights, invert: invert,
                       outputMode: outputMode, padToMaxTokens: padToMaxTokens, oovMethod: oovMethod, salt: salt, name: name)
    }

    /// The vocabulary in index order (Keras's `get_vocabulary`): with the mask and OOV tokens in
    /// their slots, or only the learned or given tokens.
    public func vocabulary(includeSpecialTokens: Bool = true) -> [String] {
        table.vocabulary(includeSpecialTokens: includeSpecialTokens).map(\.text)
    }

    /// Replaces the vocabulary (Keras's `set_vocabulary`).
    ///
    /// - Throws: ``KerasError`` for an empty, repeated or oversized vocabulary, misplaced special
    ///   tokens, or IDF weights that do not fit the mode or the vocabulary.
    public func setVocabulary(_ vocabulary: [String], idfWeights: [Double]? = nil) throws {
        try setTokens(vocabulary.map(TextToken.init), idfWeights: idfWeights)
    }

    /// Learns the vocabulary from a `string` tensor: every row of a matrix is a document; a
    /// vector holds one token per document.
    ///
    /// - Throws: ``KerasError`` when a vocabulary was given, or for a tensor that is not text.
    public func adapt(_ data: Tensor) throws { try adapt(batches: [data]) }

    /// Learns the vocabulary from several batches.
    public func adapt(batches: [Tensor]) throws { try adaptTokens(batches.map(documents)) }

    /// Learns the vocabulary from documents given as Swift arrays of tokens.
    public func adapt(documents: [[String]]) throws {
        try adaptTokens([documents.map { $0.map(TextToken.init) }])
    }

    // MARK: Keras configuration

    /// Keras's keys: the shared lookup keys and `encoding` (always `"utf-8"`).
    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        for (key, value) in kerasVocabularyConfig.pairs { config[key] = value }
        config["encoding"] = "utf-8"
        config.keepNumberKinds(of: kerasNumbersAsRead)
        return config
    }
}

extension StringLookup: KerasSerializable {
    /// StringLookup's config keys (Keras 3.15, with the `vocabulary_size` and
    /// `has_input_vocabulary` its base class takes back).
    public static let kerasConfigKeys = [
        "max_tokens", "num_oov_indices", "mask_token", "oov_token", "vocabulary", "idf_weights", "invert",
        "output_mode", "sparse", "pad_to_max_tokens", "oov_method", "salt", "encoding", "vocabulary_size",
        "has_input_vocabulary", "vocabulary_dtype"]

    /// Rebuilds the layer from its Keras config, with the vocabulary the config holds. An
    /// adapted layer's config has none: a `.keras` file brings it in its assets, or set it with
    /// ``setVocabulary(_:idfWeights:)``. As in Keras, `trainable` and `dtype` are ignored.
    ///
    /// - Throws: ``KerasError`` `.unsupported` for `sparse=true`, an `encoding` other than
    ///   UTF-8 or a vocabulary file path; `.invalidConfig` for malformed values; and the errors
    ///   of ``init(maxTokens:numOOVIndices:maskToken:oovToken:vocabulary:idfWeights:invert:outputMode:padToMaxTokens:salt:name:)``.
    public convenience init(config: LayerConfig) throws {
        try config.refuse("sparse", unless: false)
        try config.refuse("encoding", unless: "utf-8", "UTF-8", "utf8")
        try config.refuse("vocabulary_dtype", unless: "string")
        if case .string(let path)? = config["vocabulary"] {
            throw KerasError(.unsupported, "StringLookup \"\(config.name ?? "?")\" names a vocabulary file (\(path)), which swift-keras does not read; pass the vocabulary as a list.")
        }
        try self.init(oovMethod: config.string("oov_method", default: "floormod"),
                      maxTokens: config.optionalInt("max_tokens"), numOOVIndices: config.int("num_oov_indices", default: 1),
                      maskToken: config.optionalString("mask_token"), oovToken: config.string("oov_token", default: "[UNK]"),
                      vocabulary: config.optionalStrings("vocabulary"),
                      idfWeights: config.optionalDoubles("idf_weights"), invert: config.bool("invert", default: false),
                      outputMode: config.enumeration("output_mode", default: OutputMode.int),
                      padToMaxTokens: config.bool("pad_to_max_tokens", default: false),
                      salt: config.optionalInts("salt"), name: config.name)
        if inputTokens == nil { frozenVocabularySize = try config.optionalInt("vocabulary_size") }
        kerasNumbersAsRead = config.values
    }
}
