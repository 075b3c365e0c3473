// The EinsumDense projections inside MultiHeadAttention and GroupQueryAttention, made as Keras
// makes them: the layer's kernel and bias settings shared by all, with a variance-scaling
// kernel initializer given the fans of its einsum axes (Keras's EinsumDense does this for any
// VarianceScaling initializer that names no axes).

/// The kernel and bias settings an attention layer passes to each of its projections.
struct ProjectionSettings {
    var kernelInitializer: Initializer
    var biasInitializer: Initializer
    var kernelRegularizer: Regularizer?
    var biasRegularizer: Regularizer?
    var kernelConstraint: Constraint?
    var biasConstraint: Constraint?
    var dtype: DType

    /// A built projection named `name` (`"query"`, `"attention_output"`) for inputs of
    /// `inputShape`, its weights created under the calling layer's name.
    func projection(_ equation: String, outputShape: TensorShape, biasAxes: String?,
                    activation: Activation = .linear, name: String, inputShape: TensorShape) throws -> EinsumDense {
        let dense = try EinsumDense(equation, outputShape: outputShape, activation: activation, biasAxes: biasAxes,
                                    kernelInitializer: fanAware(equation, outputShape, biasAxes, inputShape),
                                    biasInitializer: biasInitializer, kernelRegularizer: kernelRegularizer,
                                    biasRegularizer: biasRegularizer, kernelConstraint: kernelConstraint,
                                    biasConstraint: biasConstraint, name: name, dtype: dtype)
        try dense.buildIfNeeded([inputShape])
        return dense
    }

    /// The kernel initializer with `input_axes` / `output_axes` set from the equation when it is a
    /// variance-scaling one that names none.
    private func fanAware(_ equation: String, _ outputShape: TensorShape, _ biasAxes: String?,
                          _ inputShape: TensorShape) -> Initializer {
        var config = kernelInitializer.config
        guard kernelInitializer.isBuiltin, config["input_axes"]?.isNull == true, config["output_axes"]?.isNull == true,
              let parsed = EinsumDenseEquation(equation),
              let shapes = try? parsed.shapes(inputShape: inputShape, partialOutput: outputShape, biasAxes: biasAxes, layer: name(equation))
        else { return kernelInitializer }
        config["input_axes"] = .array(shapes.inputAxes.map { .int($0) })
        config["output_axes"] = .array(shapes.outputAxes.map { .int($0) })
        let reference: JSONValue = ["class_name": .string(kernelInitializer.className), "config": .object(config)]
        return (try? Initializer(keras: reference)) ?? kernelInitializer
    }

    private func name(_ equation: String) -> String { "einsum \(equation)" }
}
