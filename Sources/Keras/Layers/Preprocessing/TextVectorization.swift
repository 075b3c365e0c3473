/// Turns texts into token indices or token encodings (Keras's `TextVectorization`): each text is
/// standardized, split into tokens, optionally joined into n-grams, and looked up in a
/// vocabulary learned by ``adapt(_:)`` or given.
///
/// In `int` mode every text becomes a row of int64 indices (0 pads, 1 marks unknown tokens),
/// padded to the longest row or cut and padded to `outputSequenceLength`. In `multiHot`,
/// `count` and `tfIdf` modes every text becomes one vector of `vocabularySize` slots (or
/// `maxTokens` with `padToMaxTokens`). Standardizing, splitting and the vocabulary's order follow
/// TensorFlow's string ops byte for byte, so a vocabulary learned here equals Keras's, and a
/// model saved here or in Python carries its vocabulary in the `.keras` file's assets.
///
/// ```swift
/// let vectorize = try TextVectorization(maxTokens: 1000, outputSequenceLength: 6)
/// try vectorize.adapt(texts: ["The cat sat.", "The dog ate my homework!"])
/// let ids = try vectorize(Tensor(strings: ["the cat ate"]))   // [[2, 7, 8, 0, 0, 0]]
/// ```
public final class TextVectorization: Layer {
    /// The n-grams a ``TextVectorization`` adds (Keras's `ngrams`): written as an integer `n`
    /// (every width from 1 to `n`) or a list of widths.
    public enum NGrams: Sendable, Equatable, ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral {
        /// Widths 1 through `n`.
        case upTo(Int)
        /// These widths, in this order.
        case widths([Int])

        /// `n`: widths 1 through `n`.
        public init(integerLiteral value: Int) { self = .upTo(value) }
        /// The listed widths.
        public init(arrayLiteral elements: Int...) { self = .widths(elements) }

        /// The widths, in the order their n-grams are emitted.
        public var widths: [Int] {
            switch self {
            case .upTo(let n): return n >= 1 ? Array(1...n) : []
            case .widths(let list): return list
            }
        }
    }

    /// The largest vocabulary, special slots included (`nil`: unlimited).
    public let maxTokens: Int?
    /// How texts are standardized (`nil`: kept as they are).
    public let standardize: TextStandardization?
    /// How texts are split into tokens (`nil`: each text is one token).
    public let split: TextSplit?
    /// The n-grams formed from the tokens (`nil`: the tokens themselves).
    public let ngrams: NGrams?
    /// How the indices are returned: `.int`, `.multiHot`, `.count`, `.tfIdf` (or `.oneHot` when
    /// texts are not split).
    public let outputMode: OutputMode
    /// The length of every `int` row (cut or padded with 0); `nil` pads to the longest row.
    public let outputSequenceLength: Int?
    /// Whether encodings have `maxTokens` slots whatever the vocabulary's size.
    public let padToMaxTokens: Bool
    /// The lookup behind the layer: mask token `""` at index 0 (in `int` mode), one OOV slot.
    let lookupLayer: StringLookup
    /// The config this layer was read from (its `dtype`, number kinds).
    var kerasNumbersAsRead = JSONObject()

    /// Makes the layer.
    ///
    /// - Parameters:
    ///   - maxTokens: the largest vocabulary ``adapt(_:)`` keeps, the mask and OOV slots included.
    ///   - standardize: `.lowerAndStripPunctuation` (the default), `.lower`,
    ///     `.stripPunctuation`, a `.custom` function, or `nil`.
    ///   - split: `.whitespace` (the default), `.character`, a `.custom` function, or `nil`.
    ///   - ngrams: `2` for unigrams and bigrams, `[1, 3]` for chosen widths, `nil` for none.
    ///   - outputMode: `.int` (the default), `.multiHot`, `.count`, `.tfIdf`, or `.oneHot`
    ///     without splitting.
    ///   - outputSequenceLength: the length of `int` rows (only in `int` mode).
    ///   - padToMaxTokens: give encodings `maxTokens` slots.
    ///   - vocabulary: the tokens, instead of ``adapt(_:)``.
    ///   - idfWeights: one weight per vocabulary token, with `vocabulary` in `tfIdf` mode.
    ///   - name: the layer's name (`text_vectorization`, ... by default).
    /// - Throws: ``KerasError`` for Keras's invalid combinations (`outputSequenceLength` outside
    ///   `int` mode, `maxTokens <= 1`, n-gram widths below 1, a vocabulary or IDF weights that
    ///   do not fit).
    public init(maxTokens: Int? = nil, standardize: TextStandardization? = .lowerAndStripPunctuation,
                split: TextSplit? = .whitespace, ngrams: NGrams? = nil, outputMode: OutputMode = .int,
                outputSequenceLength: Int? = nil, padToMaxTokens: Bool = false, vocabulary: [String]? = nil,
                idfWeights: [Double]? = nil, name: String? = nil) throws {
        if outputMode != .int && outputSequenceLength != nil {
            throw KerasError(.invalidArgument, "TextVectorization: `output_sequence_length` must not be set if `output_mode` is not 'int'. Received output_sequence_length=\(outputSequenceLength!).")
        }
        if let length = outputSequenceLength, length < 1 {
            throw KerasError(.invalidArgument, "TextVectorization: `output_sequence_length` must be at least 1. Received: output_sequence_length=\(length).")
        }
        if let ngrams, ngrams.widths.isEmpty || ngrams.widths.contains(where: { $0 < 1 }) {
            throw KerasError(.invalidArgument, "TextVectorization: `ngrams` must be None, an integer of at least 1, or a tuple of integers of at least 1. Received: ngrams=\(ngrams.widths).")
        }
        if outputMode == .oneHot && split != nil {
            throw KerasError(.unsupported, "TextVectorization: output_mode \"one_hot\" encodes one token per text, so it needs split=None; to encode the tokens of split texts use \"multi_hot\" or \"count\".")
        }
        self.maxTokens = maxTokens
        self.standardize = standardize
        self.split = split
        self.ngrams = ngrams
        self.outputMode = outputMode
        self.outputSequenceLength = outputSequenceLength
        self.padToMaxTokens = padToMaxTokens
        lookupLayer = try StringLookup(maxTokens: maxTokens, maskToken: "", vocabulary: vocabulary, idfWeights: idfWeights,
                                       outputMode: outputMode, padToMaxTokens: padToMaxTokens)
        super.init(name: name, dtype: .int64)
    }

    // MARK: Vocabulary

    /// The vocabulary in index order (Keras's `get_vocabulary`): in `int` mode `""` (padding) and
    /// `"[UNK]"` first, in the other modes `"[UNK]"` first; or only the tokens.
    public func vocabulary(includeSpecialTokens: Bool = true) -> [String] {
        lookupLayer.vocabulary(includeSpecialTokens: includeSpecialTokens)
    }

    /// The number of indices, special slots included (Keras's `vocabulary_size()`).
    public var vocabularySize: Int { lookupLayer.vocabularySize }

    /// The IDF weight of each index (`tfIdf` only).
    public var idfWeights: [Double]? { lookupLayer.idfWeights }

    /// Replaces the vocabulary (Keras's `set_vocabulary`).
    ///
    /// - Throws: ``KerasError`` for an empty, repeated or oversized vocabulary, or IDF weights
    ///   that do not fit the mode or the vocabulary.
    public func setVocabulary(_ vocabulary: [String], idfWeights: [Double]? = nil) throws {
        try lookupLayer.setVocabulary(vocabulary, idfWeights: idfWeights)
    }

    /// Learns the vocabulary from a `string` tensor of texts (shape `[n]` or `[n, 1]`): the most
    /// frequent tokens first, ties broken by the larger token, cut to `maxTokens`; in `tfIdf`
    /// mode also the document frequencies.
    ///
    /// - Throws: ``KerasError`` when a vocabulary was given, or for data that is not texts.
    public func adapt(_ data: Tensor) throws { try adapt(batches: [data]) }

    /// Learns the vocabulary from several batches of texts.
    public func adapt(batches: [Tensor]) throws {
        try lookupLayer.adaptTokens(try batches.map { try tokenRows($0.rank == 1 ? $0.expandingDimensions(axis: -1) : $0) })
    }

    /// Learns the vocabulary from Swift strings.
    public func adapt(texts: [String]) throws { try adapt(Tensor(strings: texts)) }

    // MARK: Calling

    /// The tokens of every text of `input` after standardizing, splitting and n-grams: one row
    /// per text (per row of `input` without splitting).
    func tokenRows(_ input: Tensor) throws -> [[TextToken]] {
        guard input.dtype == .string else {
            throw KerasError(.invalidArgument, "Layer \"\(name)\" (TextVectorization) takes texts, but received a \(input.dtype) tensor of shape \(input.shape.asTensorShape.kerasDescription). Give it a string tensor (Tensor(strings:shape:), or Input(shape: [1], dtype: .string) in a model).")
        }
        var texts = input.strings
        if let standardize { texts = texts.map(standardize.apply) }
        var rows: [[String]]
        if let split {
            if input.rank > 1 && input.shape.last != 1 {
                throw KerasError(.invalidArgument, "Layer \"\(name)\" (TextVectorization): when using `TextVectorization` to tokenize strings, the input rank must be 1 or the last shape dimension must be 1. Received: inputs.shape=\(input.shape.asTensorShape.kerasDescription) with rank=\(input.rank).")
            }
            rows = texts.map(split.apply)
        } else {
            let width = input.rank == 0 ? 1 : input.shape.last!
            let count = Swift.max(texts.count / Swift.max(width, 1), 0)
            rows = (0..<count).map { Array(texts[($0 * width)..<(($0 + 1) * width)]) }
        }
        if let ngrams { rows = rows.map { TextProcessing.ngrams($0, widths: ngrams.widths) } }
        return rows.map { $0.map(TextToken.init) }
    }

    /// Takes text.
    override var acceptsText: Bool { true }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        let rows = try tokenRows(input)
        let flat = try lookupLayer.indices(of: rows.flatMap { $0 })
        if outputMode == .oneHot {
            // Without splitting: one token per text, encoded like StringLookup's one_hot.
            return lookupLayer.encode(Tensor(flat.map { Int($0) }, shape: input.shape, dtype: .int64))
        }
        if outputMode == .int && split == nil && outputSequenceLength == nil && ngrams == nil {
            return Tensor(flat.map { Int($0) }, shape: input.shape, dtype: .int64)
        }
        var indexRows: [[Int64]] = []
        var start = 0
        for row in rows {
            indexRows.append(Array(flat[start..<(start + row.count)]))
            start += row.count
        }
        if outputMode == .int {
            let length = outputSequenceLength ?? indexRows.map(\.count).max() ?? 0
            var values = [Int](repeating: 0, count: indexRows.count * length)
            for (r, row) in indexRows.enumerated() {
                for (c, index) in row.prefix(length).enumerated() { values[r * length + c] = Int(index) }
            }
            return Tensor(values, shape: [indexRows.count, length], dtype: .int64)
        }
        // multi_hot / count / tf_idf: one vector per row (padding to a rectangle first would
        // count the padding).
        let depth = lookupLayer.table.depth
        var encoded = [Double](repeating: 0, count: indexRows.count * depth)
        for (r, row) in indexRows.enumerated() {
            for index in row where index >= 0 && index < depth {
                if outputMode == .multiHot { encoded[r * depth + Int(index)] = 1 } else { encoded[r * depth + Int(index)] += 1 }
            }
        }
        if outputMode == .tfIdf, let weights = lookupLayer.table.idfWeights {
            for k in encoded.indices { encoded[k] *= weights[k % depth] }
            return Tensor(encoded, shape: [indexRows.count, depth], dtype: .float32)
        }
        return Tensor(encoded, shape: [indexRows.count, depth], dtype: .int64)
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape {
        let batch = inputShape.first ?? nil
        switch outputMode {
        case .int: return [batch, outputSequenceLength]
        case .oneHot: return encodedShape(inputShape, mode: .oneHot, depth: lookupLayer.symbolicDepth)
        default: return [batch, lookupLayer.symbolicDepth]
        }
    }

    override public func computeOutputDType(_ inputDTypes: [DType]) -> DType { outputMode == .tfIdf ? .float32 : .int64 }

    // MARK: Keras configuration

    /// Keras's keys. `vocabulary` and `idf_weights` are the ones given at construction; a learned
    /// vocabulary travels in a `.keras` file's assets, its size in `vocabulary_size`.
    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["dtype"] = kerasNumbersAsRead["dtype"] ?? DTypePolicy.serialized(.float32)
        config["max_tokens"] = maxTokens.map { .int($0) } ?? .null
        config["standardize"] = standardize.map { $0.kerasName.map(JSONValue.string) ?? .null } ?? .null
        config["split"] = split.map { $0.kerasName.map(JSONValue.string) ?? .null } ?? .null
        switch ngrams {
        case .upTo(let n)?: config["ngrams"] = .int(n)
        case .widths(let list)?: config["ngrams"] = .array(list.map { .int($0) })
        case nil: config["ngrams"] = .null
        }
        config["output_mode"] = .string(outputMode.rawValue)
        config["output_sequence_length"] = outputSequenceLength.map { .int($0) } ?? .null
        config["pad_to_max_tokens"] = .bool(padToMaxTokens)
        config["sparse"] = false
        config["ragged"] = false
        config["vocabulary"] = lookupLayer.inputVocabulary.map { .array($0.map { .string($0) }) } ?? .null
        config["idf_weights"] = lookupLayer.inputIDFWeights.map { .array($0.map { .double($0) }) } ?? .null
        config["encoding"] = "utf-8"
        config["vocabulary_size"] = .int(lookupLayer.frozenVocabularySize ?? vocabularySize)
        config.keepNumberKinds(of: kerasNumbersAsRead)
        return config
    }

    /// Keras writes `{"input_shape": null}`: the layer builds without shapes.
    override public var kerasBuildConfig: JSONObject? { ["input_shape": .null] }

    override var unsavableReason: String? {
        if case .custom? = standardize { return "its `standardize` is a Swift function, which has no serialized form. Standardize the texts before the model, or save only the weights." }
        if case .custom? = split { return "its `split` is a Swift function, which has no serialized form. Split the texts before the model, or save only the weights." }
        return nil
    }

    // MARK: Files

    /// Keras keeps the lookup under the attribute `_lookup_layer`.
    override var kerasAttributeNames: [String: String] { ["lookupLayer": "_lookup_layer"] }

    /// The lookup's IDF weights, which Keras also writes in this layer's own group.
    override var savedState: [(name: String, value: Tensor)] { lookupLayer.savedState }
    override func loadSavedState(_ state: [String: Tensor]) throws { try lookupLayer.loadSavedState(state) }
    /// The lookup's `vocabulary.txt`, which Keras also writes in this layer's own folder.
    override var savedAssets: [(name: String, bytes: [UInt8])] { lookupLayer.savedAssets }
    override func loadAssets(_ files: [String: [UInt8]]) throws { try lookupLayer.loadAssets(files) }
}
