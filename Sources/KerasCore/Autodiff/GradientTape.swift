import Synchronization

/// Where a tensor sits on a gradient tape.
struct TapeHandle: Sendable, Hashable {
    let tapeID: Int
    let index: Int
}

private let tapeCounter = Atomic<Int>(0)

/// The record of one gradient computation: the watched tensors and every primitive applied to
/// them, replayed backwards by the one pullback table.
///
/// You rarely touch a tape directly; ``valueWithGradients(at:_:)`` and
/// ``valueWithGradients(of:_:)`` create one, run your closure, and return the gradients.
/// Tapes are innermost-only: an op is recorded on the innermost active tape.
public final class GradientTape: @unchecked Sendable {
    /// The innermost tape of the current task, if any.
    @TaskLocal static var current: GradientTape?

    struct Node {
        /// `nil` for a watched leaf.
        var primitive: Primitive?
        var inputs: [Tensor]
        var output: Tensor
    }

    let id: Int
    private let nodes = Mutex<[Node]>([])
    private let watchedVariables = Mutex<[ObjectIdentifier: Tensor]>([:])

    init() { id = tapeCounter.add(1, ordering: .relaxed).newValue }

    /// Starts tracking `tensor` as a leaf and returns the tracked copy.
    func watch(_ tensor: Tensor) -> Tensor {
        var t = tensor
        t.tapeHandle = nil
        let index = nodes.withLock { list -> Int in
            list.append(Node(primitive: nil, inputs: [], output: t))
            return list.count - 1
        }
        t.tapeHandle = TapeHandle(tapeID: id, index: index)
        return t
    }

    /// Starts tracking a variable: every read of its value inside the closure is the same leaf.
    func watch(_ variable: Variable) {
        let leaf = watch(variable.storedValue)
        watchedVariables.withLock { $0[ObjectIdentifier(variable)] = leaf }
    }

    /// The tracked value of `variable` if it is watched (and unchanged since), else `nil`.
    func trackedValue(of variable: Variable) -> Tensor? {
        watchedVariables.withLock { $0[ObjectIdentifier(variable)] }
    }

    /// Forgets a variable's leaf after it is assigned inside the closure.
    func invalidate(_ variable: Variable) {
        _ = watchedVariables.withLock { $0.removeValue(forKey: ObjectIdentifier(variable)) }
    }

    func isTracked(_ tensor: Tensor) -> Bool { tensor.tapeHandle?.tapeID == id }

    /// Records `primitive` when one of its inputs is tracked; returns the (possibly tracked) output.
    func recordIfTracked(_ primitive: Primitive, inputs: [Tensor], output: Tensor) -> Tensor {
        guard inputs.contains(where: isTracked), Pullbacks.isDifferentiable(primitive, inputs: inputs) else {
            return output
        }
        var out = output
        let index = nodes.withLock { list -> Int in
            list.append(Node(primitive: primitive, inputs: inputs, output: output))
            return list.count - 1
        }
        out.tapeHandle = TapeHandle(tapeID: id, index: index)
        return out
    }

    /// Runs the backward pass from `output` (seeded with ones, i.e. the gradient of its sum) and
    /// returns the gradient of each of `leaves`, zeros for a leaf the output does not depend on.
    func gradients(of output: Tensor, withRespectTo leaves: [Tensor]) -> [Tensor] {
        let list = nodes.withLock { $0 }
        var grads = [Tensor?](repeating: nil, count: list.count)
        guard let start = output.tapeHandle, start.tapeID == id else {
            return leaves.map { Tensor.zeros(like: $0) }
        }
        grads[start.index] = Tensor.ones(like: output)
        // The backward pass itself is not recorded.
        GradientTape.$current.withValue(nil) {
            for i in stride(from: start.index, through: 0, by: -1) {
                guard let g = grads[i], let primitive = list[i].primitive else { continue }
                let node = list[i]
                let inputGrads = Pullbacks.pullback(primitive, inputs: node.inputs, output: node.output, gradient: g)
                for (input, inputGrad) in zip(node.inputs, inputGrads) {
                    guard let handle = input.tapeHandle, handle.tapeID == id, let inputGrad else { continue }
                    if let existing = grads[handle.index] {
                        grads[handle.index] = existing + inputGrad
                    } else {
                        grads[handle.index] = inputGrad
                    }
                }
                grads[i] = nil  // free what is no longer needed
            }
        }
        return leaves.map { leaf in
            guard let handle = leaf.tapeHandle, handle.tapeID == id, let g = grads[handle.index] else {
                return Tensor.zeros(like: leaf)
            }
            return g
        }
    }
}
