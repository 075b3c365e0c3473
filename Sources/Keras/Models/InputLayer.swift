/// The layer behind ``Input(shape:batchSize:dtype:name:)``: the start of a model graph. It has
/// no weights and passes data through.
public final class InputLayer: Layer {
    /// Takes whatever its dtype says, text included.
    override var acceptsText: Bool { true }

    /// The full shape including the batch axis, e.g. `(None, 784)`.
    public let batchShape: TensorShape
    /// The symbolic tensor this layer produces.
    public var output: KerasTensor! { heldOutput ?? releasedOutput }
    // The layer and its tensor refer to each other; a model that used the layer lets go of
    // the layer's side when it is freed (``releaseOutput()``), so both can be freed.
    private var heldOutput: KerasTensor?
    private weak var releasedOutput: KerasTensor?

    /// Stops keeping ``output`` alive: it lives on while anything else holds it.
    func releaseOutput() {
        if let heldOutput { releasedOutput = heldOutput }
        heldOutput = nil
    }

    /// Makes an input layer for `shape` (without the batch axis).
    public init(shape: TensorShape, batchSize: Int? = nil, dtype: DType = .float32, name: String? = nil) {
        batchShape = [batchSize] + shape
        super.init(name: name, dtype: dtype)
        let tensor = KerasTensor(shape: batchShape, dtype: dtype, name: self.name)
        let node = Node(layer: self, inputs: [], outputs: [tensor])
        inboundNodes.append(node)
        tensor.history = (self, 0, 0)
        heldOutput = tensor
        isBuilt = true
        buildShapes = [batchShape]
    }

    /// `"InputLayer"`.
    override public class var kerasClassName: String { "InputLayer" }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor { input }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape { inputShape }

    override public var kerasConfig: JSONObject {
        ["batch_shape": ShapeConfig.value(batchShape), "dtype": .string(dtype.rawValue),
         "sparse": false, "ragged": false, "name": .string(name), "optional": false]
    }
}

extension InputLayer: KerasSerializable {
    /// InputLayer's config keys, with the `batch_input_shape` and `shape` of older files.
    public static let kerasConfigKeys = ["batch_shape", "batch_input_shape", "shape", "sparse", "ragged", "optional", "input_tensor"]

    /// Rebuilds an input layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.unsupported` for sparse, ragged or optional inputs;
    ///   `.invalidConfig` without a shape.
    public convenience init(config: LayerConfig) throws {
        for flag in ["sparse", "ragged", "optional"] where try config.bool(flag, default: false) {
            throw KerasError(.unsupported, "InputLayer \"\(config.name ?? "?")\" is \(flag); swift-keras supports dense inputs only.")
        }
        let batchShape: TensorShape
        if let shape = try config.optionalShape("batch_shape") ?? config.optionalShape("batch_input_shape") {
            batchShape = shape
        } else if let shape = try config.optionalShape("shape") {
            batchShape = [try config.optionalInt("batch_size")] + shape
        } else {
            throw KerasError(.invalidConfig, "InputLayer \"\(config.name ?? "?")\" needs \"batch_shape\" (or \"batch_input_shape\" / \"shape\"), but its config has none.")
        }
        guard let first = batchShape.first else {
            throw KerasError(.invalidConfig, "InputLayer \"\(config.name ?? "?")\" has an empty batch_shape; it needs at least the batch axis.")
        }
        self.init(shape: Array(batchShape.dropFirst()), batchSize: first, dtype: config.dtype, name: config.name)
    }
}

/// A symbolic input of a model (Keras's `keras.Input`): a batch of tensors of `shape`.
///
/// ```swift
/// let image = Input(shape: [28, 28, 1], name: "image")   // (None, 28, 28, 1)
/// let tokens = Input(shape: [nil], dtype: .int32)        // variable-length sequences
/// ```
///
/// - Parameters:
///   - shape: the shape of one sample, without the batch axis; `nil` for an axis of any size.
///   - batchSize: a fixed batch size, or `nil` for any.
///   - dtype: the element type fed in.
///   - name: the input's name (used to feed inputs by name); `input_layer`, `input_layer_1`, ... by default.
public func Input(shape: TensorShape, batchSize: Int? = nil, dtype: DType = .float32, name: String? = nil) -> KerasTensor {
    InputLayer(shape: shape, batchSize: batchSize, dtype: dtype, name: name).output
}
