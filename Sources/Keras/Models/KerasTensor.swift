/// A symbolic tensor: the shape and dtype of a value that will flow through a model, and the layer
/// call that produces it (Keras's `KerasTensor`).
///
/// Calling a layer on a `KerasTensor` computes nothing: it checks the input, builds the layer's
/// weights, infers the output shape and records a ``Node`` of the graph that
/// ``Model/init(inputs:outputs:name:)-(_,[KerasTensor],_)`` later runs.
///
/// ```swift
/// let x = Input(shape: [784])
/// let h = try Dense(64, activation: .relu)(x)
/// h.shape   // [nil, 64]
/// ```
public final class KerasTensor: CustomStringConvertible {
    /// The shape; `nil` where unknown (the batch axis).
    public let shape: TensorShape
    /// The element type.
    public let dtype: DType
    /// The layer call that produced this tensor, and which of its outputs it is.
    public internal(set) var history: (layer: Layer, nodeIndex: Int, tensorIndex: Int)?
    /// A name given by ``Input(shape:batchSize:dtype:name:)``; the input layer's name.
    public let name: String?

    init(shape: TensorShape, dtype: DType, name: String? = nil) {
        self.shape = shape
        self.dtype = dtype
        self.name = name
    }

    /// The number of axes.
    public var rank: Int { shape.count }

    /// The node that produced this tensor.
    var node: Node? { history.map { $0.layer.inboundNodes[$0.nodeIndex] } }

    /// `<KerasTensor shape=(None, 64), dtype=float32, source=dense>`
    public var description: String {
        "<KerasTensor shape=\(shape.kerasDescription), dtype=\(dtype), source=\(history?.layer.name ?? "?")>"
    }
}

/// One call of a layer on symbolic tensors: an edge bundle of the model graph (Keras's `Node`).
///
/// A node holds the tensors it was called on, but not the tensors it produced: each of those
/// holds its layer (``KerasTensor/history``), which holds the node, and the cycle would keep
/// every layer of every graph, weights included, alive for ever. The tensors a graph uses are
/// held by the nodes that consume them and by the model's outputs.
public final class Node {
    /// The layer called.
    public unowned let layer: Layer
    /// The tensors it was called on.
    public let inputs: [KerasTensor]
    /// The explicit masks of the call, one per input (`nil` for none), or `nil` when the masks
    /// flow from the layers before (Keras's `mask` argument of the call).
    public let masks: [KerasTensor?]?
    /// The shapes of the tensors it produced.
    public let outputShapes: [TensorShape]
    private let outputReferences: [WeakTensor]

    /// The tensors it produced that are still in use.
    public var outputs: [KerasTensor] { outputReferences.compactMap(\.tensor) }

    /// The tensors it produced, by position; `nil` for one no longer in use.
    var outputSlots: [KerasTensor?] { outputReferences.map(\.tensor) }

    init(layer: Layer, inputs: [KerasTensor], outputs: [KerasTensor], masks: [KerasTensor?]? = nil) {
        self.layer = layer
        self.inputs = inputs
        self.masks = masks
        self.outputShapes = outputs.map(\.shape)
        self.outputReferences = outputs.map(WeakTensor.init)
    }

    /// `true` for the node of an ``InputLayer``, which has no inputs.
    var isInput: Bool { layer is InputLayer }

    /// Every tensor the call uses, as Keras orders a node's tensors: the inputs, then the
    /// explicit masks.
    var dependencies: [KerasTensor] { inputs + (masks ?? []).compactMap { $0 } }

    /// The nodes whose outputs this node consumes.
    var parents: [Node] { dependencies.compactMap(\.node) }
}

/// A reference to a symbolic tensor that does not keep it alive.
struct WeakTensor {
    weak var tensor: KerasTensor?
    init(_ tensor: KerasTensor) { self.tensor = tensor }
}
