// One training step: Keras's `optimizer.apply`, in the order the JAX backend runs it.

extension Optimizer {
    /// Updates `variables` from `gradients`: one training step (Keras's `optimizer.apply`).
    ///
    /// The first call builds the optimizer for `variables`; later calls must pass variables it
    /// was built for. In order: gradients are cast to their variable's dtype and divided by
    /// ``lossScaleFactor``; with ``gradientAccumulationSteps`` they are added up and only every
    /// n-th call goes on, with their mean; they are clipped; weight decay is applied; each
    /// variable gets its ``updateStep(gradient:variable:learningRate:)``; the moving averages
    /// are updated (and written into the variables every ``emaOverwriteFrequency`` steps); each
    /// variable's constraint is applied; the iteration count goes up by one. Nothing is
    /// recorded for differentiation. Calls are serialized by a lock.
    ///
    /// - Throws: ``KerasError`` when the counts differ, a gradient's shape is not its
    ///   variable's, or a variable is not one the optimizer was built for; nothing is updated then.
    ///
    /// ```swift
    /// let (loss, grads) = try valueWithGradients(of: model.trainableVariables) {
    ///     square(try model(x, training: true) - y).mean()
    /// }
    /// try optimizer.apply(grads, to: model.trainableVariables)
    /// ```
    public func apply(_ gradients: [Tensor], to variables: [Variable]) throws {
        try applyLock.withLock { _ in try applyStep(gradients, variables) }
    }

    /// Updates the variables the optimizer was built for, in order (Keras's `apply(grads)`
    /// without variables).
    ///
    /// - Throws: ``KerasError`` when the optimizer is not built yet or the count differs.
    ///
    /// ```swift
    /// try optimizer.build(model.trainableVariables)
    /// try optimizer.apply(grads)
    /// ```
    public func apply(_ gradients: [Tensor]) throws {
        guard isBuilt else {
            throw KerasError(.invalidArgument, "Optimizer \"\(name)\" is not built yet, so it does not know which variables \(gradients.count) gradients are for. Call apply(_:to:) with the variables, or build(_:) first.")
        }
        try apply(gradients, to: builtVariables)
    }

    private func applyStep(_ gradients: [Tensor], _ variables: [Variable]) throws {
        // Keras makes an empty step a no-op (the iteration count does not move).
        if gradients.isEmpty && variables.isEmpty { return }
        guard gradients.count == variables.count else {
            throw KerasError(.invalidArgument, "Optimizer \"\(name)\" received \(gradients.count) gradients for \(variables.count) variables. Give one gradient per variable, in the same order.")
        }
        if !isBuilt { try build(variables) }
        for (gradient, variable) in zip(gradients, variables) {
            guard variableIndices[ObjectIdentifier(variable)] != nil else {
                throw KerasError(.invalidArgument, "Unknown variable \"\(variable.path)\": optimizer \"\(name)\" was built for \(builtVariables.count) other variables and can only update those. Make a new optimizer for a new set of variables.")
            }
            guard gradient.shape == variable.shape else {
                throw KerasError(.incompatibleShape, "Optimizer \"\(name)\" received a gradient of shape \(Shape.describe(gradient.shape)) for variable \"\(variable.path)\" of shape \(Shape.describe(variable.shape)). Pass the gradients in the order of the variables.")
            }
        }
        try withoutGradients {
            var grads = zip(gradients, variables).map { gradient, variable in
                gradient.dtype == variable.dtype || !variable.dtype.isFloatingPoint
                    ? stopGradient(gradient) : cast(gradient, to: variable.dtype)
            }
            if let factor = lossScaleFactor { grads = grads.map { $0 / factor } }
            let rate = learningRate
            if let steps = gradientAccumulationSteps {
                let accumulators = variables.map { gradientAccumulators[index(of: $0)] }
                if (appliedSteps + 1) % steps == 0 {
                    grads = zip(grads, accumulators).map { ($0 + $1.value) / Double(steps) }
                    try update(grads, variables, learningRate: rate)
                    for accumulator in accumulators {
                        accumulator.assign(Tensor.zeros(accumulator.shape, dtype: accumulator.dtype))
                    }
                } else {
                    for (gradient, accumulator) in zip(grads, accumulators) {
                        accumulator.assign(gradient + accumulator.value)
                    }
                }
            } else {
                try update(grads, variables, learningRate: rate)
            }
            if useEMA {
                updateMovingAverages()
                if let frequency = emaOverwriteFrequency, (iterations + 1) % frequency == 0 {
                    overwriteWithMovingAverages(builtVariables)
                }
            }
            for variable in variables {
                if let constraint = variable.constraint { variable.assign(constraint(variable.value)) }
            }
        }
        iterationsVariable.assignAdd(Tensor(1, dtype: iterationsVariable.dtype))
    }

    /// Clipping, weight decay and the update steps: what happens on a step that updates.
    private func update(_ gradients: [Tensor], _ variables: [Variable], learningRate: Double) throws {
        let clipped = clipGradients(gradients)
        applyWeightDecay(to: variables, learningRate: learningRate)
        try updateSteps(clipped, variables: variables, learningRate: learningRate)
    }
}
