/// Wraps a Swift closure as a layer (Keras's `Lambda` layer), for quick stateless operations.
///
/// The output shape comes from `outputShape` (without the batch axis), from
/// `outputShapeFunction` (with it), or, when neither is given, from running the closure on small
/// zero tensors (axes that follow the batch come out unknown). A closure has no serialized form, so models with a Lambda cannot be saved:
/// write a ``Layer`` subclass for anything that must be saved.
///
/// ```swift
/// let square = Lambda { x in x * x }
/// let y = try square(Tensor([1.0, 2, 3]))   // [1, 4, 9]
/// ```
public final class Lambda: Layer {
    /// The computation.
    public let function: (Tensor) throws -> Tensor
    /// The output shape without the batch axis, if given.
    public let outputShape: TensorShape?
    /// Computes the full output shape (batch axis included) from the input shape, if given.
    public let outputShapeFunction: ((TensorShape) throws -> TensorShape)?
    /// Computes the output mask from the input and its mask, if given.
    public let maskFunction: ((Tensor, Tensor?) throws -> Tensor?)?

    /// Whether the layer can be written to a file: never, since a closure has no serialized form.
    public var isSaveable: Bool { false }

    /// Makes the layer.
    ///
    /// - Parameters:
    ///   - outputShape: the output shape without the batch axis (`[10]`); `nil` to find it by
    ///     running `function` on zeros.
    ///   - mask: the output mask from the input and its mask; giving it makes the layer accept
    ///     masked inputs.
    ///   - name: the layer's name; the class's snake-case name, numbered, by default.
    ///   - dtype: the dtype of the computation.
    ///   - function: the computation.
    public convenience init(outputShape: TensorShape? = nil, mask: ((Tensor, Tensor?) throws -> Tensor?)? = nil,
                            name: String? = nil, dtype: DType = .float32,
                            _ function: @escaping (Tensor) throws -> Tensor) {
        self.init(function: function, outputShape: outputShape, outputShapeFunction: nil, mask: mask,
                  name: name, dtype: dtype)
    }

    /// Makes the layer with a closure that gives the full output shape (batch axis included) from
    /// the full input shape.
    ///
    /// ```swift
    /// let pairSum = Lambda(outputShapeFunction: { s in [s[0], s[1].map { $0 / 2 }] }) { x in
    ///     x.reshaped(to: [x.shape[0], x.shape[1] / 2, 2]).sum(axes: [2])
    /// }
    /// ```
    public convenience init(outputShapeFunction: @escaping (TensorShape) throws -> TensorShape,
                            mask: ((Tensor, Tensor?) throws -> Tensor?)? = nil,
                            name: String? = nil, dtype: DType = .float32,
                            _ function: @escaping (Tensor) throws -> Tensor) {
        self.init(function: function, outputShape: nil, outputShapeFunction: outputShapeFunction, mask: mask,
                  name: name, dtype: dtype)
    }

    private init(function: @escaping (Tensor) throws -> Tensor, outputShape: TensorShape?,
                 outputShapeFunction: ((TensorShape) throws -> TensorShape)?,
                 mask: ((Tensor, Tensor?) throws -> Tensor?)?, name: String?, dtype: DType) {
        self.function = function
        self.outputShape = outputShape
        self.outputShapeFunction = outputShapeFunction
        self.maskFunction = mask
        super.init(name: name, dtype: dtype)
        supportsMasking = mask != nil
    }

    /// Throws the error that saving a model with this layer reports.
    public func checkSaveable() throws {
        throw KerasError(.unsupported, "Lambda layers cannot be saved: layer \"\(name)\" holds a Swift closure, which has no serialized form. Replace it with a Layer subclass registered for serialization, or save only the weights.")
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        try function(input)
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape {
        if let outputShape { return [inputShape.first ?? nil] + outputShape }
        if let outputShapeFunction { return try outputShapeFunction(inputShape) }
        return try probeOutputShapes([inputShape])[0]
    }

    override public func computeMask(_ inputs: [Tensor], masks: [Tensor?]) throws -> [Tensor?] {
        guard let maskFunction else { return [nil] }
        return [try maskFunction(inputs[0], masks.first ?? nil)]
    }
}
