/// What ``IntegerLookup`` and ``StringLookup`` share (Keras's `IndexLookup` layer): the
/// vocabulary, `adapt`, the lookup in every output mode, the inverse lookup, the Keras config
/// keys they have in common, and the vocabulary asset and IDF weights Keras saves with them.
///
/// Use the two subclasses; this class only carries their common machinery.
public class LookupLayer<Token: LookupToken>: Layer {
    /// The largest vocabulary size, special slots included (`nil`: unlimited).
    public let maxTokens: Int?
    /// The number of out-of-vocabulary slots.
    public let numOOVIndices: Int
    /// Whether indices are turned back into tokens.
    public let invert: Bool
    /// How the indices are returned.
    public let outputMode: OutputMode
    /// Whether encodings have `maxTokens` slots whatever the vocabulary's size.
    public let padToMaxTokens: Bool
    /// The SipHash key of hashed OOV slots (Keras's `salt`, a single integer repeated).
    public let salt: [UInt64]?
    /// How several OOV slots are chosen (Keras's `oov_method`): `"floormod"` (the default) or
    /// `"farmhash"`. Integer tokens use it; texts always hash (FarmHash64, or SipHash with a
    /// salt) and only keep it for the config.
    public let oovMethod: String
    /// The IDF weights given at construction, as given.
    public let inputIDFWeights: [Double]?
    /// The vocabulary given at construction, exactly as given (Keras's `input_vocabulary`: what
    /// the config holds; `nil` for a vocabulary set later or adapted, which Keras saves as the
    /// `vocabulary.txt` asset).
    let inputTokens: [Token]?
    let maskKey: Token?
    let oovKey: Token
    /// Keras's `vocabulary_size` record: the size of the vocabulary last set or adapted, or the
    /// config's value for a layer whose vocabulary is not loaded yet.
    var frozenVocabularySize: Int?
    /// The config this layer was read from, whose number kinds (`1` or `1.0`) ``kerasConfig``
    /// keeps, and its `dtype` (which Keras's lookup layers ignore but write).
    var kerasNumbersAsRead = JSONObject()
    var table: IndexLookup<Token>

    /// Checks Keras's argument rules and sets the vocabulary when one is given.
    init(kind: String, maxTokens: Int?, numOOVIndices: Int, maskToken: Token?, oovToken: Token,
         vocabulary: [Token]?, idfWeights: [Double]?, invert: Bool, outputMode: OutputMode,
         padToMaxTokens: Bool, oovMethod: String, salt: [Int]?, name: String?) throws {
        guard oovMethod == "floormod" || oovMethod == "farmhash" else {
            throw KerasError(.invalidArgument, "\(kind): `oov_method` must be one of \"floormod\", \"farmhash\". Received: oov_method=\"\(oovMethod)\".")
        }
        if let maxTokens, maxTokens <= 1 {
            throw KerasError(.invalidArgument, "\(kind): if `max_tokens` is set for `\(kind)`, it must be greater than 1. Received: max_tokens=\(maxTokens).")
        }
        guard numOOVIndices >= 0 else {
            throw KerasError(.invalidArgument, "\(kind): the value of `num_oov_indices` argument for `\(kind)` must >= 0. Received: num_oov_indices=\(numOOVIndices).")
        }
        if padToMaxTokens && maxTokens == nil {
            throw KerasError(.invalidArgument, "\(kind): if pad_to_max_tokens is True, must set `max_tokens`. Received: max_tokens=None.")
        }
        if let salt, salt.count != 1 && salt.count != 2 {
            throw KerasError(.invalidArgument, "\(kind): the `salt` argument can only be a tuple of 2 integers, or a single integer. Received: salt=\(salt).")
        }
        if invert && outputMode != .int {
            throw KerasError(.invalidArgument, "\(kind): `output_mode` must be `'int'` when `invert` is true. Received: output_mode=\(outputMode.rawValue).")
        }
        if idfWeights != nil && outputMode != .tfIdf {
            throw KerasError(.invalidArgument, "\(kind): `idf_weights` should only be set if `output_mode` is `'tf_idf'`. Received: output_mode=\(outputMode.rawValue).")
        }
        if outputMode == .tfIdf && vocabulary != nil && idfWeights == nil {
            throw KerasError(.invalidArgument, "\(kind): when specifying the `vocabulary` argument, in TF-IDF output mode, the `idf_weights` argument must also be provided.")
        }
        self.maxTokens = maxTokens
        self.numOOVIndices = numOOVIndices
        self.maskKey = maskToken
        self.oovKey = oovToken
        self.invert = invert
        self.outputMode = outputMode
        self.padToMaxTokens = padToMaxTokens
        self.oovMethod = oovMethod
        self.salt = salt.map { ($0.count == 1 ? [$0[0], $0[0]] : $0).map { UInt64(truncatingIfNeeded: $0) } }
        self.inputTokens = vocabulary
        self.inputIDFWeights = idfWeights
        table = IndexLookup(maxTokens: maxTokens, numOOVIndices: numOOVIndices, maskToken: maskToken, oovToken: oovToken,
                            outputMode: outputMode, padToMaxTokens: padToMaxTokens, invert: invert, layer: kind)
        super.init(name: name, dtype: .int64)
        if let vocabulary {
            try table.setVocabulary(vocabulary, idfWeights: idfWeights)
            frozenVocabularySize = table.vocabularySize
        }
    }

    /// The number of indices, special slots included (Keras's `vocabulary_size`).
    public var vocabularySize: Int { table.vocabularySize }

    /// The IDF weight of each index (`tfIdf` only).
    public var idfWeights: [Double]? { table.idfWeights }

    // MARK: OOV slots

    /// The OOV slot (from 0) of an unknown token when there are several: SipHash keyed by the
    /// salt, or FarmHash's Fingerprint64, of the token's bytes.
    func oovSlot(_ token: Token) -> Int {
        let bytes = token.hashBytes
        let hash = salt.map { StringHash.sipHash24(bytes, key0: $0[0], key1: $0[1]) } ?? StringHash.fingerprint64(bytes)
        return Int(hash % UInt64(numOOVIndices))
    }

    // MARK: Vocabulary

    /// Replaces the vocabulary with `tokens` (Keras's `set_vocabulary`).
    func setTokens(_ tokens: [Token], idfWeights: [Double]?) throws {
        try table.setVocabulary(tokens, idfWeights: idfWeights)
        frozenVocabularySize = table.vocabularySize
    }

    /// Learns the vocabulary from batches of documents, each a list of tokens (Keras's
    /// `adapt`: counts, then `finalize_state`).
    func adaptTokens(_ batches: [[[Token]]]) throws {
        table.resetCounts()
        for rows in batches { try table.update(rows) }
        table.finalize()
        frozenVocabularySize = table.vocabularySize
    }

    /// The documents of one `adapt` batch: every row of a matrix, or one token per document
    /// for a vector.
    /// The tokens of a tensor given to the layer (not inverted).
    ///
    /// - Throws: ``KerasError`` for a tensor whose dtype cannot hold this layer's tokens.
    func tokens(in input: Tensor) throws -> [Token] {
        guard let tokens = Token.tokens(in: input) else {
            let hint = Token.dtype == .string
                ? "Give it a string tensor (Tensor(strings:shape:), or Input(shape:dtype: .string) in a model), or use an IntegerLookup for integer tokens."
                : "Use a StringLookup for text."
            throw KerasError(.invalidArgument, "Layer \"\(name)\" (\(className)) maps \(Token.dtype == .string ? "text" : "integer tokens"), but received a \(input.dtype) tensor of shape \(input.shape.asTensorShape.kerasDescription). \(hint)")
        }
        return tokens
    }

    func documents(_ batch: Tensor) throws -> [[Token]] {
        let values = try tokens(in: batch)
        if batch.rank <= 1 { return values.map { [$0] } }
        let rows = Swift.max(batch.shape[0], 1)
        let width = batch.count / rows
        return (0..<batch.shape[0]).map { Array(values[($0 * width)..<(($0 + 1) * width)]) }
    }

    // MARK: Lookup

    /// The index of every token, checked for OOV tokens when there is no OOV slot.
    func indices(of tokens: [Token]) throws -> [Int64] {
        if outputMode != .int && !padToMaxTokens && !table.hasVocabulary {
            throw KerasError(.invalidArgument, "Layer \"\(name)\" (\(className)): when using `output_mode=\(outputMode.rawValue)` and `pad_to_max_tokens=False`, you must set the layer's vocabulary before calling it. Either pass a `vocabulary` argument to the layer, or call `adapt` with some sample data.")
        }
        let found = table.indices(of: tokens, oovIndex: oovSlot)
        if found.contains(nil) {
            let unknown = zip(tokens, found).filter { $0.1 == nil }.map(\.0)
            throw KerasError(.invalidArgument, "Layer \"\(name)\" (\(className)): when `num_oov_indices=0` all inputs should be in vocabulary, found OOV values \(unknown), consider setting `num_oov_indices=1`.")
        }
        return found.map { $0! }
    }

    /// The encoded indices in the layer's output mode.
    func encode(_ indices: Tensor) -> Tensor {
        switch outputMode {
        case .int: return indices
        case .tfIdf: return encodeCategorical(indices, mode: .tfIdf, depth: table.depth, dtype: .float32, idfWeights: table.idfWeights)
        default: return encodeCategorical(indices, mode: outputMode, depth: table.depth, dtype: .int64)
        }
    }

    /// Takes text.
    override var acceptsText: Bool { true }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        if invert {
            guard input.dtype.isInteger else {
                throw KerasError(.invalidArgument, "Layer \"\(name)\" (\(className)) inverts indices and expects integer input, but received a \(input.dtype) tensor of shape \(input.shape.asTensorShape.kerasDescription).")
            }
            return Token.tensor(table.tokens(at: input.scalars(as: Int64.self)), shape: input.shape)
        }
        let found = try indices(of: tokens(in: input))
        return encode(Tensor(found.map { Int($0) }, shape: input.shape, dtype: .int64))
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape {
        encodedShape(inputShape, mode: invert ? .int : outputMode, depth: symbolicDepth)
    }

    /// The encoded axis's size in a graph: `maxTokens` when padding to it, else the recorded
    /// vocabulary size (a config's `vocabulary_size` before the vocabulary asset is loaded), as
    /// Keras's `compute_output_shape`.
    var symbolicDepth: Int {
        if padToMaxTokens, let maxTokens { return maxTokens }
        return frozenVocabularySize ?? table.vocabularySize
    }

    override public func computeOutputDType(_ inputDTypes: [DType]) -> DType {
        invert ? Token.dtype : outputMode == .tfIdf ? .float32 : .int64
    }

    // MARK: Keras configuration and files

    /// The keys both lookup layers write, in Keras's order up to `vocabulary_size`; the
    /// subclasses add theirs. `vocabulary` and `idf_weights` are the ones given at construction.
    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["dtype"] = kerasNumbersAsRead["dtype"] ?? DTypePolicy.serialized(.float32)
        config["invert"] = .bool(invert)
        config["max_tokens"] = maxTokens.map { .int($0) } ?? .null
        config["num_oov_indices"] = .int(numOOVIndices)
        config["oov_token"] = oovKey.json
        config["mask_token"] = maskKey?.json ?? .null
        config["output_mode"] = .string(outputMode.rawValue)
        config["sparse"] = false
        config["pad_to_max_tokens"] = .bool(padToMaxTokens)
        return config
    }

    /// The config keys that follow the subclass's own (`vocabulary_dtype` for IntegerLookup), in
    /// Keras's order: the given vocabulary and IDF weights, the vocabulary size, `oov_method`
    /// and `salt`.
    var kerasVocabularyConfig: JSONObject {
        var config = JSONObject()
        config["idf_weights"] = inputIDFWeights.map { .array($0.map { .double($0) }) } ?? .null
        config["vocabulary"] = inputTokens.map { .array($0.map(\.json)) } ?? .null
        config["vocabulary_size"] = frozenVocabularySize.map { .int($0) } ?? .null
        config["oov_method"] = .string(oovMethod)
        config["salt"] = salt.map { .array($0.map { .int(Int(truncatingIfNeeded: $0)) }) } ?? .null
        return config
    }

    /// Keras's lookup layers always write an empty build config (they build without shapes).
    override public var kerasBuildConfig: JSONObject? { [:] }

    /// Keras's `save_own_variables`: the IDF weights as `idf_weights` in `tf_idf` mode.
    override var savedState: [(name: String, value: Tensor)] {
        guard outputMode == .tfIdf, let weights = table.idfWeights else { return [] }
        return [("idf_weights", Tensor(weights, shape: [weights.count], dtype: .float32))]
    }

    override func loadSavedState(_ state: [String: Tensor]) throws {
        guard outputMode == .tfIdf, let weights = state["idf_weights"] else { return }
        loadedIDFWeights = weights.doubles
    }

    /// IDF weights read from a weights file, waiting for the vocabulary asset (Keras loads
    /// weights before assets and sets both together).
    private var loadedIDFWeights: [Double]?

    /// Keras's `save_assets`: the vocabulary, special tokens included, one per line, unless it
    /// was given at construction (then the config holds it).
    override var savedAssets: [(name: String, bytes: [UInt8])] {
        guard inputTokens == nil, table.hasVocabulary else { return [] }
        let lines = table.vocabulary(includeSpecialTokens: true).map(\.assetLine)
        return [("vocabulary.txt", Array(lines.joined(separator: "\n").utf8))]
    }

    /// Keras's `load_assets`: sets the vocabulary of `vocabulary.txt` (with the IDF weights
    /// loaded from the weights file in `tf_idf` mode).
    override func loadAssets(_ files: [String: [UInt8]]) throws {
        guard inputTokens == nil, let bytes = files["vocabulary.txt"] else { return }
        var tokens: [Token] = []
        for (i, line) in vocabularyLines(String(decoding: bytes, as: UTF8.self)).enumerated() {
            guard let token = Token(assetLine: line) else {
                throw KerasError(.invalidConfig, "Layer \"\(name)\" (\(className)): line \(i + 1) of its vocabulary.txt asset, \"\(line)\", is not a \(Token.dtype) token.")
            }
            tokens.append(token)
        }
        if outputMode == .tfIdf {
            guard let weights = loadedIDFWeights ?? table.idfWeights else {
                throw KerasError(.invalidConfig, "Layer \"\(name)\" (\(className)) is in tf_idf mode, but the file holds no idf_weights for it.")
            }
            try setTokens(tokens, idfWeights: weights)
        } else {
            try setTokens(tokens, idfWeights: nil)
        }
    }
}
