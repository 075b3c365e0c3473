import Synchronization

/// Where a tensor sits on a gradient tape: the slot of one output of one recorded operation.
struct TapeHandle: Sendable, Hashable {
    let tapeID: Int
    /// The tensor's gradient slot (a leaf or a primitive has one, a custom operation one per output).
    let index: Int
}

private let tapeCounter = Atomic<Int>(0)

/// The record of one gradient computation: the watched tensors and every operation applied to
/// them, replayed backwards by the one pullback table (primitives) or by the operation's own
/// pullback (``customGradient(_:_:)``).
///
/// You rarely touch a tape directly; ``valueWithGradients(at:_:)`` and
/// ``valueWithGradients(of:_:)`` create one, run your closure, and return the gradients.
/// Tapes are innermost-only: an op is recorded on the innermost active tape.
public final class GradientTape: @unchecked Sendable {
    /// The innermost tape of the current task, if any.
    @TaskLocal static var current: GradientTape?

    /// What a node computes.
    enum Operation {
        /// A watched tensor.
        case leaf
        /// A primitive, differentiated by ``Pullbacks``.
        case primitive(Primitive)
        /// An operation with its own pullback.
        case custom(CustomPullback)
    }

    struct Node {
        var operation: Operation
        var inputs: [Tensor]
        /// The primitive's output (its pullback may read it); `nil` for leaves and custom operations.
        var output: Tensor?
        /// The gradient slots of the outputs: `firstSlot ..< firstSlot + outputCount`.
        var firstSlot: Int
        var outputCount: Int
    }

    private struct Record {
        var nodes: [Node] = []
        var slotCount = 0

        /// Appends `node` with `outputCount` fresh slots and returns its first slot.
        mutating func append(_ operation: Operation, inputs: [Tensor], output: Tensor?, outputCount: Int) -> Int {
            let first = slotCount
            nodes.append(Node(operation: operation, inputs: inputs, output: output, firstSlot: first, outputCount: outputCount))
            slotCount += outputCount
            return first
        }
    }

    let id: Int
    private let record = Mutex(Record())
    private let watchedVariables = Mutex<[ObjectIdentifier: Tensor]>([:])

    init() { id = tapeCounter.add(1, ordering: .relaxed).newValue }

    /// Starts tracking `tensor` as a leaf and returns the tracked copy.
    func watch(_ tensor: Tensor) -> Tensor {
        var t = tensor
        t.tapeHandle = nil
        let slot = record.withLock { $0.append(.leaf, inputs: [], output: nil, outputCount: 1) }
        t.tapeHandle = TapeHandle(tapeID: id, index: slot)
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
        let slot = record.withLock { $0.append(.primitive(primitive), inputs: inputs, output: output, outputCount: 1) }
        out.tapeHandle = TapeHandle(tapeID: id, index: slot)
        return out
    }

    /// Records an operation with its own pullback when one of `inputs` is tracked; returns the
    /// outputs, the floating-point ones tracked.
    func recordIfTracked(_ pullback: CustomPullback, inputs: [Tensor], outputs: [Tensor]) -> [Tensor] {
        guard inputs.contains(where: isTracked), outputs.contains(where: { $0.dtype.isFloatingPoint }) else {
            return outputs
        }
        let first = record.withLock {
            $0.append(.custom(pullback), inputs: inputs, output: nil, outputCount: outputs.count)
        }
        return outputs.enumerated().map { k, output in
            var out = output
            if output.dtype.isFloatingPoint { out.tapeHandle = TapeHandle(tapeID: id, index: first + k) }
            return out
        }
    }

    /// Runs the backward pass from `output` (seeded with ones, i.e. the gradient of its sum) and
    /// returns the gradient of each of `leaves`, zeros for a leaf the output does not depend on.
    func gradients(of output: Tensor, withRespectTo leaves: [Tensor]) -> [Tensor] {
        let (list, slotCount) = record.withLock { ($0.nodes, $0.slotCount) }
        var grads = [Tensor?](repeating: nil, count: slotCount)
        guard let start = output.tapeHandle, start.tapeID == id else {
            return leaves.map { Tensor.zeros(like: $0) }
        }
        grads[start.index] = Tensor.ones(like: output)
        let lastNode = list.lastIndex { $0.firstSlot <= start.index } ?? -1
        // The backward pass itself is not recorded.
        GradientTape.$current.withValue(nil) {
            for i in stride(from: lastNode, through: 0, by: -1) {
                let node = list[i]
                let slots = node.firstSlot ..< node.firstSlot + node.outputCount
                guard slots.contains(where: { grads[$0] != nil }) else { continue }
                let inputGrads: [Tensor?]
                switch node.operation {
                case .leaf:
                    continue
                case .primitive(let primitive):
                    inputGrads = Pullbacks.pullback(primitive, inputs: node.inputs, output: node.output!, gradient: grads[node.firstSlot]!)
                case .custom(let pullback):
                    inputGrads = pullback.run(cotangents: slots.map { grads[$0] }, inputs: node.inputs)
                }
                for (input, inputGrad) in zip(node.inputs, inputGrads) {
                    guard let handle = input.tapeHandle, handle.tapeID == id, let inputGrad else { continue }
                    if let existing = grads[handle.index] {
                        grads[handle.index] = existing + inputGrad
                    } else {
                        grads[handle.index] = inputGrad
                    }
                }
                for slot in slots { grads[slot] = nil }  // free what is no longer needed
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
