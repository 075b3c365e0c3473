/// Maps integer tokens to contiguous indices through a vocabulary (Keras's `IntegerLookup`), or
/// indices back to tokens with `invert`.
///
/// Indices are laid out as Keras lays them out: the mask token (if any, in `int` mode) at 0,
/// then `numOOVIndices` slots for out-of-vocabulary tokens (several slots are chosen by
/// `floormod(token, numOOVIndices)`, or by hashing with `oovMethod: "farmhash"`), then the
/// vocabulary. The vocabulary is given, or learned by ``adapt(_:)``: the most frequent tokens
/// first, ties broken by the larger token. Outputs are int64 indices, or their `oneHot`,
/// `multiHot` or `count` encodings (int64), or `tfIdf` weights (float32).
///
/// ```swift
/// let lookup = try IntegerLookup(vocabulary: [12, 36, 1138, 42])
/// let y = try lookup(Tensor([12, 1138, 42, 42, 1000, 36], shape: [2, 3], dtype: .int64))   // [[1, 3, 4], [4, 0, 2]]
/// ```
public final class IntegerLookup: Layer {
    /// The largest vocabulary size, special slots included (`nil`: unlimited).
    public let maxTokens: Int?
    /// The number of out-of-vocabulary slots.
    public let numOOVIndices: Int
    /// The token that always maps to index 0 (`int` mode) or is left out of encodings.
    public let maskToken: Int64?
    /// The token returned for unknown indices when inverting.
    public let oovToken: Int64
    /// Whether indices are turned back into tokens.
    public let invert: Bool
    /// How the indices are returned.
    public let outputMode: OutputMode
    /// Whether encodings have `maxTokens` slots whatever the vocabulary's size.
    public let padToMaxTokens: Bool
    /// How several OOV slots are chosen: `"floormod"` (the default) or `"farmhash"`.
    public let oovMethod: String
    /// The SipHash key of `"farmhash"` OOV slots (Keras's `salt`).
    public let salt: [UInt64]?
    /// The vocabulary given at construction, exactly as given (Keras's `input_vocabulary`: what
    /// the config holds; `nil` for a vocabulary set later or adapted).
    public let inputVocabulary: [Int64]?
    /// The IDF weights given at construction, as given.
    public let inputIDFWeights: [Double]?
    /// Keras's `vocabulary_size` record: the size of the vocabulary last set or adapted, or the
    /// config's value for a layer whose vocabulary is not loaded yet.
    var frozenVocabularySize: Int?
    /// The config this layer was read from, whose number kinds (`1` or `1.0`) ``kerasConfig``
    /// keeps, and its `dtype` (which Keras's lookup layers ignore but write).
    var kerasNumbersAsRead = JSONObject()

    private var table: IndexLookup<Int64>

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
        if let maxTokens, maxTokens <= 1 {
            throw KerasError(.invalidArgument, "IntegerLookup: if `max_tokens` is set for `IntegerLookup`, it must be greater than 1. Received: max_tokens=\(maxTokens).")
        }
        guard numOOVIndices >= 0 else {
            throw KerasError(.invalidArgument, "IntegerLookup: the value of `num_oov_indices` argument for `IntegerLookup` must >= 0. Received: num_oov_indices=\(numOOVIndices).")
        }
        if padToMaxTokens && maxTokens == nil {
            throw KerasError(.invalidArgument, "IntegerLookup: if pad_to_max_tokens is True, must set `max_tokens`. Received: max_tokens=None.")
        }
        guard oovMethod == "floormod" || oovMethod == "farmhash" else {
            throw KerasError(.invalidArgument, "IntegerLookup: `oov_method` must be one of \"floormod\", \"farmhash\". Received: oov_method=\"\(oovMethod)\".")
        }
        if let salt {
            guard oovMethod == "farmhash" else {
                throw KerasError(.invalidArgument, "IntegerLookup: `salt` can only be used when `oov_method='farmhash'`. Received: oov_method=\(oovMethod).")
            }
            guard salt.count == 1 || salt.count == 2 else {
                throw KerasError(.invalidArgument, "IntegerLookup: the `salt` argument can only be a tuple of 2 integers, or a single integer. Received: salt=\(salt).")
            }
        }
        if invert && outputMode != .int {
            throw KerasError(.invalidArgument, "IntegerLookup: `output_mode` must be `'int'` when `invert` is true. Received: output_mode=\(outputMode.rawValue).")
        }
        if idfWeights != nil && outputMode != .tfIdf {
            throw KerasError(.invalidArgument, "IntegerLookup: `idf_weights` should only be set if `output_mode` is `'tf_idf'`. Received: output_mode=\(outputMode.rawValue).")
        }
        if outputMode == .tfIdf && vocabulary != nil && idfWeights == nil {
            throw KerasError(.invalidArgument, "IntegerLookup: when specifying the `vocabulary` argument, in TF-IDF output mode, the `idf_weights` argument must also be provided.")
        }
        self.maxTokens = maxTokens
        self.numOOVIndices = numOOVIndices
        self.maskToken = maskToken
        self.oovToken = oovToken
        self.invert = invert
        self.outputMode = outputMode
        self.padToMaxTokens = padToMaxTokens
        self.oovMethod = oovMethod
        self.salt = salt.map { ($0.count == 1 ? [$0[0], $0[0]] : $0).map { UInt64(truncatingIfNeeded: $0) } }
        self.inputVocabulary = vocabulary
        self.inputIDFWeights = idfWeights
        table = IndexLookup(maxTokens: maxTokens, numOOVIndices: numOOVIndices, maskToken: maskToken, oovToken: oovToken,
                            outputMode: outputMode, padToMaxTokens: padToMaxTokens, invert: invert, layer: "IntegerLookup")
        super.init(name: name, dtype: .int64)
        if let vocabulary {
            try table.setVocabulary(vocabulary, idfWeights: idfWeights)
            frozenVocabularySize = table.vocabularySize
        }
    }

    /// The vocabulary in index order (Keras's `get_vocabulary`): with the mask and OOV tokens in
    /// their slots, or only the learned or given tokens.
    public func vocabulary(includeSpecialTokens: Bool = true) -> [Int64] {
        table.vocabulary(includeSpecialTokens: includeSpecialTokens)
    }

    /// The number of indices, special slots included (Keras's `vocabulary_size`).
    public var vocabularySize: Int { table.vocabularySize }

    /// The IDF weight of each index (`tfIdf` only).
    public var idfWeights: [Double]? { table.idfWeights }

    /// Replaces the vocabulary (Keras's `set_vocabulary`).
    ///
    /// - Throws: ``KerasError`` for an empty, repeated or oversized vocabulary, misplaced special
    ///   tokens, or IDF weights that do not fit the mode or the vocabulary.
    public func setVocabulary(_ vocabulary: [Int64], idfWeights: [Double]? = nil) throws {
        try table.setVocabulary(vocabulary, idfWeights: idfWeights)
        frozenVocabularySize = table.vocabularySize
    }

    /// Learns the vocabulary from `data`: every row of a matrix is a document; a vector holds one
    /// token per document.
    ///
    /// - Throws: ``KerasError`` when a vocabulary was given.
    public func adapt(_ data: Tensor) throws { try adapt(batches: [data]) }

    /// Learns the vocabulary from several batches.
    public func adapt(batches: [Tensor]) throws {
        table.resetCounts()
        for batch in batches {
            let values = batch.scalars(as: Int64.self)
            let rows: [[Int64]]
            if batch.rank <= 1 {
                rows = values.map { [$0] }
            } else {
                let width = batch.count / Swift.max(batch.shape[0], 1)
                rows = (0..<batch.shape[0]).map { Array(values[($0 * width)..<(($0 + 1) * width)]) }
            }
            try table.update(rows)
        }
        table.finalize()
        frozenVocabularySize = table.vocabularySize
    }

    /// The OOV slot of an unknown token when there are several.
    private func oovSlot(_ token: Int64) -> Int {
        let n = Int64(numOOVIndices)
        if oovMethod == "floormod" { return Int(((token % n) + n) % n) }
        let bytes = Array(String(token).utf8)
        let hash = salt.map { StringHash.sipHash24(bytes, key0: $0[0], key1: $0[1]) } ?? StringHash.fingerprint64(bytes)
        return Int(hash % UInt64(numOOVIndices))
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        let values = input.scalars(as: Int64.self)
        if invert {
            return Tensor(table.tokens(at: values).map(Int.init), shape: input.shape, dtype: .int64)
        }
        if outputMode != .int && !padToMaxTokens && !table.hasVocabulary {
            throw KerasError(.invalidArgument, "Layer \"\(name)\" (IntegerLookup): when using `output_mode=\(outputMode.rawValue)` and `pad_to_max_tokens=False`, you must set the layer's vocabulary before calling it. Either pass a `vocabulary` argument to the layer, or call `adapt` with some sample data.")
        }
        let found = table.indices(of: values, oovIndex: oovSlot)
        if found.contains(nil) {
            let unknown = zip(values, found).filter { $0.1 == nil }.map(\.0)
            throw KerasError(.invalidArgument, "Layer \"\(name)\" (IntegerLookup): when `num_oov_indices=0` all inputs should be in vocabulary, found OOV values \(unknown), consider setting `num_oov_indices=1`.")
        }
        let indices = Tensor(found.map { Int($0!) }, shape: input.shape, dtype: .int64)
        switch outputMode {
        case .int: return indices
        case .tfIdf:
            return encodeCategorical(indices, mode: .tfIdf, depth: table.depth, dtype: .float32, idfWeights: table.idfWeights)
        default:
            return encodeCategorical(indices, mode: outputMode, depth: table.depth, dtype: .int64)
        }
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape {
        encodedShape(inputShape, mode: invert ? .int : outputMode, depth: table.depth)
    }

    override public func computeOutputDType(_ inputDTypes: [DType]) -> DType { outputMode == .tfIdf ? .float32 : .int64 }

    // MARK: Keras configuration

    /// Keras's keys. `vocabulary` and `idf_weights` are the ones given at construction; a
    /// vocabulary set later or adapted is not in the config (Keras saves it as the asset
    /// `vocabulary.txt` of a `.keras` file), only its size in `vocabulary_size`. `dtype` is
    /// Keras's default policy, which lookup layers ignore.
    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["dtype"] = kerasNumbersAsRead["dtype"] ?? DTypePolicy.serialized(.float32)
        config["invert"] = .bool(invert)
        config["max_tokens"] = maxTokens.map { .int($0) } ?? .null
        config["num_oov_indices"] = .int(numOOVIndices)
        config["oov_token"] = .int(Int(oovToken))
        config["mask_token"] = maskToken.map { .int(Int($0)) } ?? .null
        config["output_mode"] = .string(outputMode.rawValue)
        config["sparse"] = false
        config["pad_to_max_tokens"] = .bool(padToMaxTokens)
        config["vocabulary_dtype"] = "int64"
        config["idf_weights"] = inputIDFWeights.map { .array($0.map { .double($0) }) } ?? .null
        config["vocabulary"] = inputVocabulary.map { .array($0.map { .int(Int($0)) }) } ?? .null
        config["vocabulary_size"] = frozenVocabularySize.map { .int($0) } ?? .null
        config["oov_method"] = .string(oovMethod)
        config["salt"] = salt.map { .array($0.map { .int(Int(truncatingIfNeeded: $0)) }) } ?? .null
        config.keepNumberKinds(of: kerasNumbersAsRead)
        return config
    }

    /// Keras's lookup layers always write an empty build config (they build without shapes).
    override public var kerasBuildConfig: JSONObject? { [:] }
}

extension IntegerLookup: KerasSerializable {
    /// IntegerLookup's config keys (Keras 3.15, with the `vocabulary_size` and
    /// `has_input_vocabulary` its base class takes back).
    public static let kerasConfigKeys = [
        "max_tokens", "num_oov_indices", "mask_token", "oov_token", "vocabulary", "vocabulary_dtype", "idf_weights",
        "invert", "output_mode", "sparse", "pad_to_max_tokens", "oov_method", "salt", "vocabulary_size",
        "has_input_vocabulary"]

    /// Rebuilds the layer from its Keras config, with the vocabulary the config holds. An
    /// adapted layer's config has none (Keras keeps it in the `.keras` file's assets): set it
    /// with ``setVocabulary(_:idfWeights:)``. As in Keras, `trainable` and `dtype` are ignored.
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
