// TextVectorization read from a Keras config.

extension TextVectorization: KerasSerializable {
    /// TextVectorization's config keys (Keras 3.15, with the `vocabulary_size` and
    /// `has_input_vocabulary` it takes back).
    public static let kerasConfigKeys = [
        "max_tokens", "standardize", "split", "ngrams", "output_mode", "output_sequence_length", "pad_to_max_tokens",
        "sparse", "ragged", "vocabulary", "idf_weights", "encoding", "vocabulary_size", "has_input_vocabulary"]

    /// Rebuilds the layer from its Keras config, with the vocabulary the config holds; a
    /// learned vocabulary comes from the `.keras` file's assets (or ``setVocabulary(_:idfWeights:)``).
    ///
    /// - Throws: ``KerasError`` `.unsupported` for `sparse` or `ragged` outputs, an encoding other
    ///   than UTF-8, a custom (registered Python) standardize or split function, or a vocabulary
    ///   file path; `.invalidConfig` for malformed values; and the errors of
    ///   ``init(maxTokens:standardize:split:ngrams:outputMode:outputSequenceLength:padToMaxTokens:vocabulary:idfWeights:name:)``.
    public convenience init(config: LayerConfig) throws {
        try config.refuse("sparse", unless: false)
        try config.refuse("ragged", unless: false)
        try config.refuse("encoding", unless: "utf-8", "UTF-8", "utf8")
        func named<T>(_ key: String, _ make: (String) -> T?, default fallback: T) throws -> T? {
            guard let value = config[key] else { return fallback }
            if value.isNull { return nil }
            guard let text = value.stringValue else {
                throw KerasError(.unsupported, "TextVectorization \"\(config.name ?? "?")\" uses a custom `\(key)` function (\(value.serialized())), which swift-keras cannot rebuild. Rebuild the layer in Swift with a .custom \(key) and set its vocabulary.")
            }
            guard let known = make(text) else {
                throw KerasError(.invalidConfig, "TextVectorization \"\(config.name ?? "?")\" has \(key) \"\(text)\", which is not a Keras option.")
            }
            return known
        }
        let standardize = try named("standardize", TextStandardization.init(kerasName:), default: .lowerAndStripPunctuation)
        let split = try named("split", TextSplit.init(kerasName:), default: .whitespace)
        var ngrams: NGrams?
        if let value = config["ngrams"], !value.isNull {
            if let n = value.intValue { ngrams = .upTo(n) } else { ngrams = .widths(try config.optionalInts("ngrams") ?? []) }
        }
        if case .string(let path)? = config["vocabulary"] {
            throw KerasError(.unsupported, "TextVectorization \"\(config.name ?? "?")\" names a vocabulary file (\(path)), which swift-keras does not read; pass the vocabulary as a list.")
        }
        try self.init(maxTokens: config.optionalInt("max_tokens"), standardize: standardize, split: split, ngrams: ngrams,
                      outputMode: config.enumeration("output_mode", default: OutputMode.int),
                      outputSequenceLength: config.optionalInt("output_sequence_length"),
                      padToMaxTokens: config.bool("pad_to_max_tokens", default: false),
                      vocabulary: config.optionalStrings("vocabulary"), idfWeights: config.optionalDoubles("idf_weights"),
                      name: config.name)
        if lookupLayer.inputTokens == nil { lookupLayer.frozenVocabularySize = try config.optionalInt("vocabulary_size") }
        kerasNumbersAsRead = config.values
    }
}
