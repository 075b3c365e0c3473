/// Glue between the convolution and pooling primitives and their kernels: allocates outputs,
/// picks the element type, and calls ``ConvolutionKernels`` / ``PoolingKernels``.
enum ConvolutionDispatch {
    static func run(_ primitive: Primitive, _ inputs: [Tensor]) -> Tensor {
        switch inputs[0].dtype {
        case .float32: return typed(primitive, inputs, Float.self)
        case .float64: return typed(primitive, inputs, Double.self)
        default: preconditionFailure("\(primitive.name): dtype \(inputs[0].dtype) should have been converted to a float")
        }
    }

    private static func typed<T: ConvolutionScalar>(_ primitive: Primitive, _ inputs: [Tensor], _ t: T.Type) -> Tensor {
        let a = inputs[0]
        switch primitive {
        case .convolution(let spec):
            let w = inputs[1]
            let shape = outputShape(a.shape, kernelShape: w.shape, spec: spec)
            var y = Tensor(uninitializedShape: shape, dtype: a.dtype)
            ConvolutionKernels.forward(x: a.pointer(as: T.self), xShape: a.shape, kernel: w.pointer(as: T.self),
                                       kernelShape: w.shape, spec: spec, output: y.pointer(as: T.self))
            y.tapeHandle = nil
            return y
        case .convolutionBackpropInput(let spec, let inputShape):
            let w = inputs[1]
            var dx = Tensor(uninitializedShape: inputShape, dtype: a.dtype)
            ConvolutionKernels.backpropInput(dy: a.pointer(as: T.self), dyShape: a.shape, kernel: w.pointer(as: T.self),
                                             kernelShape: w.shape, spec: spec, inputShape: inputShape, dx: dx.pointer(as: T.self))
            dx.tapeHandle = nil
            return dx
        case .convolutionBackpropKernel(let spec, let kernelShape):
            let dy = inputs[1]
            var dw = Tensor(uninitializedShape: kernelShape, dtype: a.dtype)
            ConvolutionKernels.backpropKernel(x: a.pointer(as: T.self), xShape: a.shape, dy: dy.pointer(as: T.self),
                                              dyShape: dy.shape, spec: spec, kernelShape: kernelShape, dkernel: dw.pointer(as: T.self))
            dw.tapeHandle = nil
            return dw
        case .pool(let spec):
            var shape = a.shape
            for i in 0..<spec.window.count { shape[i + 1] = spec.outputSize(inputSize: a.shape[i + 1], axis: i) }
            var y = Tensor(uninitializedShape: shape, dtype: a.dtype)
            PoolingKernels.forward(x: a.pointer(as: T.self), xShape: a.shape, spec: spec, output: y.pointer(as: T.self))
            y.tapeHandle = nil
            return y
        case .poolBackprop(let spec):
            let dy = inputs[1]
            var dx = Tensor(uninitializedShape: a.shape, dtype: a.dtype)
            PoolingKernels.backward(x: a.pointer(as: T.self), xShape: a.shape, dy: dy.pointer(as: T.self), spec: spec, dx: dx.pointer(as: T.self))
            dx.tapeHandle = nil
            return dx
        default:
            preconditionFailure("\(primitive.name) is not a convolution or pooling primitive")
        }
    }

    /// `[batch, *outSpatial, cout]` for a convolution of `xShape` with `kernelShape`.
    static func outputShape(_ xShape: [Int], kernelShape: [Int], spec: ConvolutionSpec) -> [Int] {
        let r = spec.spatialRank
        return [xShape[0]] + (0..<r).map { spec.outputSize(inputSize: xShape[$0 + 1], kernelSize: kernelShape[$0], axis: $0) }
            + [kernelShape[kernelShape.count - 1]]
    }
}
