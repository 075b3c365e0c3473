// The exponential moving average of the model variables (Keras's `use_ema`).

extension Optimizer {
    /// The moving average of each built variable, in ``builtVariables`` order; empty unless
    /// ``useEMA`` (Keras's `_model_variables_moving_average`).
    ///
    /// ```swift
    /// let averages = optimizer.movingAverageVariables
    /// ```
    public var movingAverageVariables: [Variable] { movingAverages }

    /// The gradient accumulators, in ``builtVariables`` order; empty unless
    /// ``gradientAccumulationSteps`` is set (Keras's `_accumulated_gradients`).
    ///
    /// ```swift
    /// let pending = optimizer.gradientAccumulatorVariables
    /// ```
    public var gradientAccumulatorVariables: [Variable] { gradientAccumulators }

    /// Sets the final values of the model variables at the end of training (Keras's
    /// `finalize_variable_values`, which `fit` calls after the last epoch): with ``useEMA``,
    /// each variable the optimizer was built for takes its moving average. Variables it was
    /// not built for are left alone. Without EMA this does nothing.
    ///
    /// ```swift
    /// optimizer.finalizeVariableValues(model.trainableVariables)
    /// ```
    public func finalizeVariableValues(_ variables: [Variable]) {
        guard useEMA, isBuilt else { return }
        overwriteWithMovingAverages(variables)
    }

    /// `average = m * average + (1 - m) * value` for every built variable, with `m` 0 on the
    /// first update (the average starts at the value) and ``emaMomentum`` after, in float32.
    func updateMovingAverages() {
        let momentum: Float = iterations != 0 ? Float(emaMomentum) : 0
        for (variable, average) in zip(builtVariables, movingAverages) {
            average.assign(average.value * Double(momentum) + variable.value * Double(1 - momentum))
        }
    }

    /// Writes each known variable's moving average into it.
    func overwriteWithMovingAverages(_ variables: [Variable]) {
        for variable in variables {
            guard let i = variableIndices[ObjectIdentifier(variable)], i < movingAverages.count else { continue }
            variable.assign(movingAverages[i].value)
        }
    }
}
