/// The CPU backend runs batch normalization as a fused kernel in float32 and float64
/// (``BatchNormalizationKernel``); 16-bit floats take the composite path.
extension CPUBackend: FusedBatchNormalizationBackend {
    func supportsFusedBatchNormalization(dtype: DType) -> Bool {
        dtype == .float32 || dtype == .float64
    }

    func runBatchNormalization(_ spec: BatchNormalizationSpec, _ inputs: BatchNormalizationInputs)
        -> (outputs: [Tensor], residuals: [Tensor]) {
        switch inputs.x.dtype {
        case .float32: return BatchNormalizationKernel.forward(spec, inputs, Float.self)
        case .float64: return BatchNormalizationKernel.forward(spec, inputs, Double.self)
        default: preconditionFailure("fused batch normalization: dtype \(inputs.x.dtype) is not supported; check supportsFusedBatchNormalization first")
        }
    }

    func batchNormalizationBackward(_ spec: BatchNormalizationSpec, _ inputs: BatchNormalizationInputs,
                                    residuals: [Tensor], outputCotangent: Tensor, needed: [Bool]) -> [Tensor?] {
        switch inputs.x.dtype {
        case .float32:
            return BatchNormalizationKernel.backward(spec, inputs, residuals: residuals, dy: outputCotangent, needed: needed, Float.self)
        case .float64:
            return BatchNormalizationKernel.backward(spec, inputs, residuals: residuals, dy: outputCotangent, needed: needed, Double.self)
        default: preconditionFailure("fused batch normalization: dtype \(inputs.x.dtype) is not supported; check supportsFusedBatchNormalization first")
        }
    }
}
