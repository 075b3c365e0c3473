/// Runs a recurrent layer over a sequence in both directions and merges the two outputs
/// (Keras's `Bidirectional`).
///
/// The layer given is a template: Bidirectional makes two fresh layers from its configuration,
/// `forward_<name>` and `backward_<name>` (the latter with `goBackwards`), or uses
/// `backwardLayer` for the second one. The backward outputs are flipped back to the input's
/// order before merging when `returnSequences` is set. Weights: the forward layer's, then the
/// backward layer's. With `returnState` the outputs are the merged output (or both outputs when
/// `mergeMode` is `nil`), then the forward states, then the backward states. Initial states are
/// passed after the sequence, the forward layer's first.
///
/// ```swift
/// let bi = try Bidirectional(LSTM(8, returnSequences: true))
/// let y = try bi(Tensor.ones([4, 10, 5]))                       // [4, 10, 16]
/// let summed = try Bidirectional(GRU(8), mergeMode: .sum)       // [batch, 8]
/// let both = try Bidirectional(LSTM(8), mergeMode: nil).allOutputs(Tensor.ones([4, 10, 5]))
/// // [forward [4, 8], backward [4, 8]]
/// ```
public final class Bidirectional: Layer {
    /// How the forward and backward outputs combine (Keras's `merge_mode`).
    public enum MergeMode: String, Sendable, CaseIterable {
        /// Joined along the last axis (twice the units).
        case concat
        /// Added.
        case sum
        /// Multiplied elementwise.
        case mul
        /// Averaged.
        case ave
    }

    /// The layer reading the sequence in its order (`forward_<name>`).
    public let forwardLayer: RNN
    /// The layer reading the sequence from its end (`backward_<name>`, or the one given).
    public let backwardLayer: RNN
    /// How the two outputs combine; `nil` returns both.
    public let mergeMode: MergeMode?

    /// Makes the layer.
    ///
    /// - Parameters:
    ///   - layer: the recurrent layer to copy for each direction (it is not used itself).
    ///   - mergeMode: how the outputs combine; `nil` returns them separately.
    ///   - backwardLayer: the layer for the backward direction, used as given; it must have `goBackwards`
    ///     set and the same `stateful`, `returnSequences` and `returnState`.
    ///   - name: the layer's name (the snake-case class name, numbered, by default).
    ///   - dtype: the layer's dtype; the wrapped layer's by default.
    ///   - trainable: whether the weights are trained.
    /// - Throws: ``KerasError`` when the directions do not fit together, or the cell cannot be
    ///   copied (a cell of your own without ``RNNCell/makeCopy()``: pass `backwardLayer`).
    public init(_ layer: RNN, mergeMode: MergeMode? = .concat, backwardLayer: RNN? = nil,
                name: String? = nil, dtype: DType? = nil, trainable: Bool = true) throws {
        func stripped(_ name: String, _ prefix: String) -> String {
            name.hasPrefix(prefix) ? String(name.dropFirst(prefix.count)) : name
        }
        let forward = try layer.makeCopy(name: "forward_" + stripped(layer.name, "forward_"), goBackwards: layer.goBackwards)
        let backward = try backwardLayer ?? layer.makeCopy(name: "backward_" + stripped(layer.name, "backward_"), goBackwards: true)
        guard forward.goBackwards != backward.goBackwards else {
            throw KerasError(.invalidArgument, "Bidirectional needs forward and backward layers with different goBackwards values, but received forward_layer.goBackwards=\(forward.goBackwards) and backward_layer.goBackwards=\(backward.goBackwards). Give a layer with goBackwards: false, or a backwardLayer with goBackwards: true.")
        }
        for (attribute, f, b) in [("stateful", forward.stateful, backward.stateful),
                                  ("returnSequences", forward.returnSequences, backward.returnSequences),
                                  ("returnState", forward.returnState, backward.returnState)] where f != b {
            throw KerasError(.invalidArgument, "Bidirectional needs forward and backward layers with the same \(attribute), but received \(f) for the forward layer and \(b) for the backward layer \"\(backward.name)\".")
        }
        forward.zeroOutputForMask = forward.returnSequences
        backward.zeroOutputForMask = backward.returnSequences
        // The copies run the fused kernel only if the template may.
        forward.allowsFusedKernel = layer.allowsFusedKernel
        if backwardLayer == nil { backward.allowsFusedKernel = layer.allowsFusedKernel }
        self.forwardLayer = forward
        self.backwardLayer = backward
        self.mergeMode = mergeMode
        super.init(name: name, dtype: dtype ?? layer.dtype, trainable: trainable)
        supportsMasking = true
    }

    // MARK: Keras configuration

    /// Keras's `Bidirectional.call` takes a `mask`, so saved graphs record `"mask": null` for it.
    override public class var kerasCallTakesMask: Bool { true }

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["merge_mode"] = mergeMode.map { .string($0.rawValue) } ?? .null
        config["layer"] = forwardLayer.kerasObject
        config["backward_layer"] = backwardLayer.kerasObject
        return config
    }

    /// Keras's build config: `{"input_shape": ...}`, or a `shapes_dict` after a build with
    /// initial states (see ``RNN/kerasBuildConfig``).
    override public var kerasBuildConfig: JSONObject? {
        guard isBuilt, let shapes = buildShapes, shapes.count > 1 else { return super.kerasBuildConfig }
        return RNN.sequenceBuildConfig(shapes)
    }

    /// Builds from either form of ``kerasBuildConfig``, both directions included.
    override public func build(fromKerasConfig config: JSONObject) throws {
        guard let shapes = try RNN.sequenceShapes(inKerasBuildConfig: config, owner: "Layer \"\(name)\" (Bidirectional) build_config") else {
            return try super.build(fromKerasConfig: config)
        }
        if !isBuilt { try buildIfNeeded(shapes) }
    }

    /// Whether every step's output is returned.
    public var returnSequences: Bool { forwardLayer.returnSequences }
    /// Whether the final states follow the output.
    public var returnState: Bool { forwardLayer.returnState }
    /// Whether both directions carry their states between calls.
    public var stateful: Bool { forwardLayer.stateful }

    override public var sublayers: [Layer] { [forwardLayer, backwardLayer] }

    override public func build(inputShapes: [TensorShape]) throws {
        guard let sequences = inputShapes.first else { return }
        try checkSequences(sequences)
        try forwardLayer.buildIfNeeded([sequences])
        try backwardLayer.buildIfNeeded([sequences])
    }

    /// Throws unless `shape` has the rank the wrapped layers take, naming this layer (Keras
    /// checks the wrapped layer's input spec on Bidirectional itself).
    private func checkSequences(_ shape: TensorShape) throws {
        let required = forwardLayer.requiredRank
        guard required.map({ shape.count == $0 }) ?? (shape.count >= 3) else {
            throw KerasError(.incompatibleShape, "Input 0 of layer \"\(name)\" (Bidirectional) is incompatible with the layer: expected ndim=\(required.map(String.init) ?? ">=3"), found ndim=\(shape.count). Full shape received: \(shape.kerasDescription). Bidirectional runs \(forwardLayer.className) over sequences [batch, timesteps, ...].")
        }
    }

    /// The initial states of each direction: the first half of `states`, then the second.
    private func splitStates<T>(_ states: [T]) throws -> (forward: [T], backward: [T]) {
        guard states.count % 2 == 0 else {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (Bidirectional) received \(states.count) initial state tensors; it needs the forward layer's states then the backward layer's (\(forwardLayer.stateCount) each).")
        }
        let half = states.count / 2
        return (Array(states.prefix(half)), Array(states.suffix(half)))
    }

    override public func computeOutputShapes(_ inputShapes: [TensorShape]) throws -> [TensorShape] {
        guard let sequences = inputShapes.first else { return [] }
        try checkSequences(sequences)
        let (f, b) = try splitStates(Array(inputShapes.dropFirst()))
        let forward = try forwardLayer.computeOutputShapes([sequences] + f)
        let backward = try backwardLayer.computeOutputShapes([sequences] + b)
        var output = forward[0]
        let outputs: [TensorShape]
        switch mergeMode {
        case nil:
            outputs = [forward[0], backward[0]]
        case .concat:
            // The sum of both directions' sizes (Keras doubles the forward size, which differs
            // when a backwardLayer of another size is given).
            if let f = output.last, let b = backward[0].last {
                output[output.count - 1] = f.flatMap { f in b.map { f + $0 } }
            }
            outputs = [output]
        case .sum, .mul, .ave:
            guard output.last == backward[0].last else {
                throw KerasError(.incompatibleShape, "Layer \"\(name)\" (Bidirectional) cannot \(mergeMode!.rawValue) a forward output of shape \(output.kerasDescription) and a backward output of shape \(backward[0].kerasDescription); give both directions the same units, or use mergeMode .concat.")
            }
            outputs = [output]
        }
        return outputs + (returnState ? Array(forward.dropFirst()) + Array(backward.dropFirst()) : [])
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape {
        try computeOutputShapes([inputShape])[0]
    }

    override public func computeMask(_ inputs: [Tensor], masks: [Tensor?]) throws -> [Tensor?] {
        let mask = returnSequences ? masks.first ?? nil : nil
        let outputs: [Tensor?] = mergeMode == nil ? [mask, mask] : [mask]
        return outputs + (returnState ? [Tensor?](repeating: nil, count: 2 * forwardLayer.stateCount) : [])
    }

    /// Runs the layer and returns every output (see the type's description for their order).
    ///
    /// - Parameters:
    ///   - sequences: `[batch, timesteps, ...]`.
    ///   - initialState: the forward layer's initial states, then the backward layer's.
    ///   - mask: `[batch, timesteps]`, `false` at steps to skip.
    ///   - training: whether dropout is active.
    public func allOutputs(_ sequences: Tensor, initialState: [Tensor] = [], mask: Tensor? = nil,
                           training: Bool = false) throws -> [Tensor] {
        try invoke([sequences] + initialState, training: training, masks: [mask] + initialState.map { _ in nil }).outputs
    }

    override public func call(_ inputs: [Tensor], training: Bool, masks: [Tensor?]) throws -> [Tensor] {
        guard let x = inputs.first else {
            throw KerasError(.invalidArgument, "Layer \"\(name)\" (Bidirectional) needs a sequence input, but received no tensors.")
        }
        try checkSequences(x.shape.asTensorShape)
        let mask = masks.first ?? nil
        let (f, b) = try splitStates(Array(inputs.dropFirst()))
        let forward = try forwardLayer.invoke([x] + f, training: training, masks: [mask] + f.map { _ in nil }).outputs
        let backward = try backwardLayer.invoke([x] + b, training: training, masks: [mask] + b.map { _ in nil }).outputs
        let y = cast(forward[0], to: dtype)
        var yReversed = cast(backward[0], to: dtype)
        if returnSequences { yReversed = yReversed.flipped(axes: [1]) }
        let outputs: [Tensor]
        switch mergeMode {
        case .concat: outputs = [concatenate([y, yReversed], axis: -1)]
        case .sum: outputs = [y + yReversed]
        case .ave: outputs = [(y + yReversed) / 2]
        case .mul: outputs = [y * yReversed]
        case nil: outputs = [y, yReversed]
        }
        return outputs + (returnState ? Array(forward.dropFirst()) + Array(backward.dropFirst()) : [])
    }

    /// Sets both directions' carried states back to zeros.
    ///
    /// - Throws: ``KerasError`` when the layer is not stateful.
    public func resetStates() throws {
        guard stateful else {
            throw KerasError(.invalidArgument, "Layer \"\(name)\" (Bidirectional) must be stateful to reset its states; make it from a layer with stateful: true.")
        }
        forwardLayer.resetStates()
        backwardLayer.resetStates()
    }

    /// The carried states of both directions (forward first), when stateful and built.
    public var states: [Tensor]? {
        guard let f = forwardLayer.states, let b = backwardLayer.states else { return nil }
        return f + b
    }
}

extension Bidirectional: KerasSerializable {
    /// Bidirectional's config keys (Keras 3.15's constructor arguments).
    public static let kerasConfigKeys = ["layer", "merge_mode", "weights", "backward_layer"]

    /// Rebuilds the layer from its Keras config: `layer` (the forward layer, copied as Keras
    /// does) and `backward_layer`, when present, made through the registry.
    ///
    /// - Throws: ``KerasError`` `.unsupported` for initial `weights` in the config (set them
    ///   after loading instead), `.invalidConfig` for a `merge_mode` outside Keras's set or a
    ///   wrapped layer that is not a recurrent layer.
    public convenience init(config: LayerConfig) throws {
        try LayerConfig.refuse(config, ["weights"])
        let owner = "Bidirectional \"\(config.name ?? "?")\""
        func recurrent(_ layer: Layer) throws -> RNN {
            guard let rnn = layer as? RNN else {
                throw KerasError(.invalidConfig, "\(owner) wraps layer \"\(layer.name)\" of class \(layer.className), but swift-keras's Bidirectional runs recurrent layers (RNN, LSTM, GRU, SimpleRNN, ConvLSTM).")
            }
            return rnn
        }
        let mergeMode: MergeMode?
        switch config["merge_mode"] {
        case nil: mergeMode = .concat
        case .null?: mergeMode = nil
        default: mergeMode = MergeMode(rawValue: try config.choice("merge_mode", among: MergeMode.allCases.map(\.rawValue), default: "concat"))
        }
        let backward = try config.optionalLayer("backward_layer").map(recurrent)
        try self.init(recurrent(config.layer("layer")), mergeMode: mergeMode, backwardLayer: backward, name: config.name,
                      dtype: config.dtype, trainable: config.trainable)
    }
}
