import Foundation

/// The vocabulary logic shared by Keras's lookup layers (`IndexLookup`): token ↔ index tables
/// with the mask and OOV slots first, vocabulary validation, `adapt` counting (most frequent first,
/// ties by the larger token), and inverse document frequencies for `tf_idf`.
///
/// Index layout: `[mask]` (only with a mask token in `int` mode), `numOOVIndices` OOV slots, then
/// the tokens.
struct IndexLookup<Token: Hashable & Comparable & Sendable>: Sendable {
    let maxTokens: Int?
    let numOOVIndices: Int
    let maskToken: Token?
    let oovToken: Token
    let outputMode: OutputMode
    let padToMaxTokens: Bool
    let invert: Bool
    let layer: String

    init(maxTokens: Int?, numOOVIndices: Int, maskToken: Token?, oovToken: Token, outputMode: OutputMode,
         padToMaxTokens: Bool, invert: Bool, layer: String) {
        self.maxTokens = maxTokens
        self.numOOVIndices = numOOVIndices
        self.maskToken = maskToken
        self.oovToken = oovToken
        self.outputMode = outputMode
        self.padToMaxTokens = padToMaxTokens
        self.invert = invert
        self.layer = layer
    }

    /// The tokens after the special slots, in index order.
    private(set) var tokens: [Token] = []
    private var index: [Token: Int] = [:]
    /// The IDF weight of every index (`tf_idf` only), special slots included.
    private(set) var idfWeights: [Double]?
    /// Whether the vocabulary was given (then `adapt` is refused).
    private(set) var hasInputVocabulary = false
    private var counts: [Token: Int] = [:]
    private var documentCounts: [Token: Int] = [:]
    private var documents = 0

    /// The first OOV index: 1 when a mask token takes index 0 (in `int` mode), else 0.
    var oovStartIndex: Int { maskToken != nil && outputMode == .int ? 1 : 0 }
    /// The index of the first real token.
    var tokenStartIndex: Int { oovStartIndex + numOOVIndices }
    /// The number of indices, special slots included.
    var vocabularySize: Int { tokens.count + tokenStartIndex }
    /// The size of the encoded axis.
    var depth: Int { padToMaxTokens ? maxTokens ?? vocabularySize : vocabularySize }
    /// Whether a vocabulary is set.
    var hasVocabulary: Bool { !tokens.isEmpty }

    /// The vocabulary as Keras's `get_vocabulary`: the token of each index, the OOV token in the
    /// OOV slots and the mask token at index 0 (in `int` mode).
    func vocabulary(includeSpecialTokens: Bool) -> [Token] {
        var vocabulary = [Token](repeating: oovToken, count: tokenStartIndex) + tokens
        if let maskToken, outputMode == .int { vocabulary[0] = maskToken }
        return includeSpecialTokens ? vocabulary : Array(vocabulary[tokenStartIndex...])
    }

    /// Keras's `set_vocabulary`: strips a leading `[mask?, oov × numOOVIndices]`, checks for
    /// repeats, misplaced special tokens and `maxTokens`, and pads the IDF weights.
    mutating func setVocabulary(_ vocabulary: [Token], idfWeights: [Double]?) throws {
        if outputMode == .tfIdf && idfWeights == nil {
            throw KerasError(.invalidArgument, "\(layer): `idf_weights` must be set if output_mode is 'tf_idf'.")
        }
        if outputMode != .tfIdf && idfWeights != nil {
            throw KerasError(.invalidArgument, "\(layer): `idf_weights` should only be set if output_mode is `'tf_idf'`. Received: output_mode=\(outputMode.rawValue).")
        }
        guard !vocabulary.isEmpty else {
            throw KerasError(.invalidArgument, "\(layer): cannot set an empty vocabulary. Received: vocabulary=[].")
        }
        let special: [Token] = (maskToken.map { [Token](repeating: $0, count: oovStartIndex) } ?? [])
            + [Token](repeating: oovToken, count: numOOVIndices)
        let foundSpecial = vocabulary.count >= special.count && Array(vocabulary[..<special.count]) == special
        let tokens = foundSpecial ? Array(vocabulary[special.count...]) : vocabulary
        var seen = Set<Token>(), repeated: [Token] = []
        for t in tokens where !seen.insert(t).inserted && !repeated.contains(t) { repeated.append(t) }
        if !repeated.isEmpty {
            throw KerasError(.invalidArgument, "\(layer): the passed vocabulary has at least one repeated term. Please uniquify your dataset. The repeated terms are: \(repeated).")
        }
        if let maskToken, tokens.contains(maskToken) {
            throw KerasError(.invalidArgument, "\(layer): found reserved mask token at unexpected location in `vocabulary`. Note that passed `vocabulary` does not need to include the OOV and mask tokens. Either remove all mask and OOV tokens, or include them only at the start of the vocabulary in precisely this order: \(special). Received: mask_token=\(maskToken).")
        }
        if invert && tokens.contains(oovToken) {
            throw KerasError(.invalidArgument, "\(layer): found reserved OOV token at unexpected location in `vocabulary`. Either remove all mask and OOV tokens, or include them only at the start of the vocabulary in precisely this order: \(special). Received: oov_token=\(oovToken).")
        }
        let newSize = tokenStartIndex + tokens.count
        if let maxTokens, newSize > maxTokens {
            throw KerasError(.invalidArgument, "\(layer): attempted to set a vocabulary larger than the maximum vocab size. Received vocabulary size is \(newSize); `max_tokens` is \(maxTokens).")
        }
        if outputMode == .tfIdf, let idfWeights {
            guard idfWeights.count == vocabulary.count else {
                throw KerasError(.invalidArgument, "\(layer): `idf_weights` must be the same length as vocabulary. len(idf_weights) is \(idfWeights.count); len(vocabulary) is \(vocabulary.count).")
            }
            let front = foundSpecial ? 0 : tokenStartIndex
            let average = idfWeights.reduce(0, +) / Double(idfWeights.count)
            let back = padToMaxTokens && maxTokens != nil ? maxTokens! - front - idfWeights.count : 0
            self.idfWeights = [Double](repeating: average, count: front) + idfWeights + [Double](repeating: 0, count: Swift.max(back, 0))
        }
        setTokens(tokens)
        hasInputVocabulary = true
    }

    private mutating func setTokens(_ tokens: [Token]) {
        self.tokens = tokens
        index = Dictionary(uniqueKeysWithValues: tokens.enumerated().map { ($1, $0 + tokenStartIndex) })
    }

    /// Counts the tokens of one batch (rows are documents; a vector is one token per document).
    mutating func update(_ rows: [[Token]]) throws {
        guard !hasInputVocabulary else {
            throw KerasError(.invalidArgument, "\(layer): cannot adapt layer after setting a static vocabulary via `vocabulary` argument or `set_vocabulary()` method.")
        }
        for row in rows {
            for t in row { counts[t, default: 0] += 1 }
            if outputMode == .tfIdf { for t in Set(row) { documentCounts[t, default: 0] += 1 } }
        }
        documents += rows.count
    }

    /// Keras's `finalize_state`: the most frequent tokens first (ties: the larger token first),
    /// mask and OOV tokens left out, cut to `maxTokens`; IDF weights `log(1 + N / (1 + df))`.
    mutating func finalize() {
        guard !hasInputVocabulary, !counts.isEmpty else { return }
        if let maskToken { counts[maskToken] = nil }
        counts[oovToken] = nil
        var sorted = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key > $1.key }.map(\.key)
        if let maxTokens { sorted = Array(sorted.prefix(Swift.max(maxTokens - tokenStartIndex, 0))) }
        setTokens(sorted)
        if outputMode == .tfIdf {
            // float64 division and log, then float32, as TensorFlow computes them.
            let idf = sorted.map { Double(Float(log(1 + Double(documents) / Double(1 + documentCounts[$0, default: 0])))) }
            let mean = Double(idf.map { Float($0) }.reduce(0, +) / Float(Swift.max(idf.count, 1)))
            var weights = [Double](repeating: mean, count: tokenStartIndex) + idf
            if padToMaxTokens, let maxTokens { weights += [Double](repeating: 0, count: Swift.max(maxTokens - weights.count, 0)) }
            idfWeights = weights
        }
        counts = [:]; documentCounts = [:]; documents = 0
    }

    /// Forgets the counts of a previous `adapt`.
    mutating func resetCounts() { counts = [:]; documentCounts = [:]; documents = 0 }

    /// The index of each token (not inverted): its slot, the mask value, or an OOV slot chosen by
    /// `oovIndex` (given the token) when there are several. `nil` marks an OOV token with no OOV
    /// slot.
    func indices(of values: [Token], oovIndex: (Token) -> Int) -> [Int64?] {
        let defaultValue = numOOVIndices == 1 ? oovStartIndex : -1
        let maskValue: Int64 = outputMode == .int ? 0 : Int64.max
        return values.map { t -> Int64? in
            if let maskToken, t == maskToken { return maskValue }
            if let i = index[t] { return Int64(i) }
            if numOOVIndices == 0 { return nil }
            if numOOVIndices > 1 { return Int64(oovIndex(t) + oovStartIndex) }
            return Int64(defaultValue)
        }
    }

    /// The token of each index (inverted): the vocabulary's, the mask token at index 0, the OOV
    /// token otherwise.
    func tokens(at indices: [Int64]) -> [Token] {
        indices.map { i -> Token in
            if let maskToken, i == 0 { return maskToken }
            let k = Int(i) - tokenStartIndex
            return k >= 0 && k < tokens.count ? tokens[k] : oovToken
        }
    }
}
