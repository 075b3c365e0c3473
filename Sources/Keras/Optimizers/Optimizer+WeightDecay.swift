// Decoupled weight decay (Keras's `weight_decay`), applied before each update.

extension Optimizer {
    /// Excludes variables from weight decay (Keras's `exclude_from_weight_decay`): the given
    /// variables, and every variable whose name matches one of `names` (regular expressions,
    /// searched anywhere in the name, as Keras's `re.search`). Each call replaces the previous
    /// exclusions.
    ///
    /// ```swift
    /// let optimizer = try AdamW(weightDecay: 0.01)
    /// optimizer.excludeFromWeightDecay(names: ["bias", "gamma", "beta"])
    /// ```
    public func excludeFromWeightDecay(variables: [Variable] = [], names: [String] = []) {
        let pattern = names.isEmpty ? nil : try? Regex(names.joined(separator: "|"))
        applyLock.withLock { _ in
            weightDecayExcludedIDs = Set(variables.map(ObjectIdentifier.init))
            weightDecayExcludedNames = names
            weightDecayExcludedPattern = pattern
        }
    }

    /// Whether weight decay applies to `variable`: not excluded by identity or by name.
    ///
    /// ```swift
    /// optimizer.usesWeightDecay(for: dense.bias)   // false after excluding "bias"
    /// ```
    public func usesWeightDecay(for variable: Variable) -> Bool {
        if weightDecayExcludedIDs.contains(ObjectIdentifier(variable)) { return false }
        if let pattern = weightDecayExcludedPattern {
            return variable.name.firstMatch(of: pattern) == nil
        }
        // A name that is not a valid pattern is matched as plain text.
        return !weightDecayExcludedNames.contains { !$0.isEmpty && variable.name.contains($0) }
    }

    /// `variable -= variable * weightDecay * learningRate` for each variable that uses weight
    /// decay (Keras's `_apply_weight_decay`), in float32 as Keras computes it.
    func applyWeightDecay(to variables: [Variable], learningRate: Double) {
        guard let decay = weightDecay else { return }
        for variable in variables where usesWeightDecay(for: variable) {
            let value = variable.value
            variable.assign(value - value * decay * learningRate)
        }
    }
}
