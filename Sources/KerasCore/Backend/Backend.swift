/// A place where primitives are computed: the CPU today, a GPU later.
///
/// A backend owes only the small set of ``Primitive``s; composite ops and gradients are written
/// once above it. Fused fast paths may be added behind optional capability protocols, each with
/// its own backward and a test against the composite (``FusedRecurrenceBackend``: whole LSTM and
/// GRU sequences; ``FusedBatchNormalizationBackend``: batch normalization).
public protocol Backend: Sendable {
    /// A short name for messages and benchmarks, e.g. `"cpu"`.
    var name: String { get }
    /// Computes `primitive` on `inputs` (already validated and of matching dtypes).
    func execute(_ primitive: Primitive, _ inputs: [Tensor]) -> Tensor
}

/// The one door every primitive goes through: it runs the primitive on the backend and, while a
/// gradient tape is active and an input is watched, records it for the backward pass.
///
/// Inference outside ``valueWithGradients(at:_:)`` records nothing and pays one task-local read.
@inline(__always)
func dispatch(_ primitive: Primitive, _ inputs: [Tensor]) -> Tensor {
    let output = CPUBackend.shared.execute(primitive, inputs)
    guard let tape = GradientTape.current else { return output }
    return tape.recordIfTracked(primitive, inputs: inputs, output: output)
}
