// The carried states of a stateful recurrent layer.

extension RNN {
    /// Sets the carried states of a stateful layer back to zeros (Keras's `reset_states`);
    /// nothing happens for a layer that is not stateful or not yet built.
    public func resetStates() {
        states = states?.map { Tensor.zeros(like: $0) }
    }

    /// Sets the carried states of a stateful layer to `values`.
    ///
    /// - Throws: ``KerasError`` when the layer is not stateful and built, or a shape differs.
    public func resetStates(to values: [Tensor]) throws {
        guard let states else {
            throw KerasError(.invalidArgument, "Layer \"\(name)\" (\(className)) has no carried states to set: it must be stateful and built (call it once, or build it with a fixed batch size).")
        }
        try checkInitialStateShapes(values.map { $0.shape.asTensorShape }, expected: states.map { $0.shape.asTensorShape })
        self.states = values.map { stopGradient(cast($0, to: dtype)) }
    }
}
