/// The dot product of two batches of tensors along given axes (Keras's `Dot`), optionally of
/// L2-normalized inputs (cosine similarity).
///
/// For inputs `[batch, n]` the output is `[batch, 1]`; in general the result keeps the first
/// input's remaining axes, then the second's.
public final class Dot: Layer {
    /// The axis of each input to contract (batch axis excluded: axes are >= 1 or negative).
    public let axes: (Int, Int)
    /// Whether to L2-normalize each input along its axis first.
    public let normalize: Bool
    /// Whether the axes were given as a pair (written back as a list, as Keras does).
    private let axesGivenAsPair: Bool

    /// Contracts `axes` of the first and second input.
    public convenience init(axes: (Int, Int), normalize: Bool = false, name: String? = nil, dtype: DType = .float32) {
        self.init(axes: axes, pair: true, normalize: normalize, name: name, dtype: dtype)
    }

    /// Contracts the same axis of both inputs.
    public convenience init(axes: Int, normalize: Bool = false, name: String? = nil, dtype: DType = .float32) {
        self.init(axes: (axes, axes), pair: false, normalize: normalize, name: name, dtype: dtype)
    }

    private init(axes: (Int, Int), pair: Bool, normalize: Bool, name: String?, dtype: DType) {
        self.axes = axes
        self.axesGivenAsPair = pair
        self.normalize = normalize
        super.init(name: name, dtype: dtype)
    }

    private func resolved(_ shapes: [TensorShape]) throws -> (Int, Int) {
        guard shapes.count == 2 else {
            throw KerasError(.invalidArgument, "Layer \"\(name)\" (Dot) should be called on exactly 2 inputs. Received \(shapes.count) input(s).")
        }
        let (a, b) = (shapes[0], shapes[1])
        let ax = axes.0 < 0 ? axes.0 + a.count : axes.0, ay = axes.1 < 0 ? axes.1 + b.count : axes.1
        guard a.count >= 2, b.count >= 2, ax >= 1, ax < a.count, ay >= 1, ay < b.count else {
            throw KerasError(.invalidArgument, "Layer \"\(name)\" (Dot) has axes \(axes), which do not name non-batch axes of the input shapes \(a.kerasDescription) and \(b.kerasDescription).")
        }
        if let da = a[ax], let db = b[ay], da != db {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (Dot) contracts axis \(axes.0) of \(a.kerasDescription) (size \(da)) with axis \(axes.1) of \(b.kerasDescription) (size \(db)); the sizes must be equal.")
        }
        return (ax, ay)
    }

    override public func build(inputShapes: [TensorShape]) throws { _ = try resolved(inputShapes) }

    override public func computeOutputShapes(_ inputShapes: [TensorShape]) throws -> [TensorShape] {
        let (ax, ay) = try resolved(inputShapes)
        var a = inputShapes[0], b = inputShapes[1]
        a.remove(at: ax)
        b.remove(at: ay)
        let shape = a + b.dropFirst()
        return [shape.count == 1 ? shape + [1] : shape]
    }

    override public func call(_ inputs: [Tensor], training: Bool, masks: [Tensor?]) throws -> [Tensor] {
        let (ax, ay) = try resolved(inputs.map(\.shape.asTensorShape))
        var x = inputs[0], y = inputs[1]
        if normalize {
            x = l2Normalized(x, axis: ax)
            y = l2Normalized(y, axis: ay)
        }
        // x -> [batch, rest..., k], y -> [batch, k, rest...], one batched product.
        let xm = x.movingAxis(ax, to: -1), ym = y.movingAxis(ay, to: 1)
        let batch = x.shape[0], k = x.shape[ax]
        let xRest = Array(xm.shape.dropFirst().dropLast()), yRest = Array(ym.shape.dropFirst(2))
        let product = matmul(xm.reshaped(to: [batch, Shape.elementCount(xRest), k]),
                             ym.reshaped(to: [batch, k, Shape.elementCount(yRest)]))
        let shape = [batch] + xRest + yRest
        return [product.reshaped(to: shape.count == 1 ? shape + [1] : shape)]
    }

    /// `x / max(||x||, 1e-12)` along `axis` (Keras's `l2_normalize` epsilon).
    private func l2Normalized(_ x: Tensor, axis: Int) -> Tensor {
        let squares = square(x).sum(axes: [axis], keepingDimensions: true)
        return x * rsqrt(KerasCore.maximum(squares, 1e-12))
    }

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["axes"] = axesGivenAsPair ? LayerConfig.intsValue([axes.0, axes.1]) : .int(axes.0)
        config["normalize"] = .bool(normalize)
        return config
    }
}

extension Dot: KerasSerializable {
    /// Dot's config keys (Keras 3.15).
    public static let kerasConfigKeys = ["axes", "normalize", "activity_regularizer"]

    /// Rebuilds a Dot layer from its Keras config (`axes` an integer or a pair).
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` when `axes` is missing or not an integer or a
    ///   pair of integers.
    public convenience init(config: LayerConfig) throws {
        let normalize = try config.bool("normalize", default: false)
        guard let axes = try config.optionalInts("axes") else {
            throw KerasError(.invalidConfig, "Dot \"\(config.name ?? "?")\" needs the config key \"axes\" (an integer or a pair of integers), but the config has none.")
        }
        if config["axes"]?.arrayValue == nil {
            self.init(axes: axes[0], normalize: normalize, name: config.name, dtype: config.dtype)
        } else {
            guard axes.count == 2 else {
                throw KerasError(.invalidConfig, "Dot \"\(config.name ?? "?")\" needs \"axes\" to be an integer or a pair of integers, but received \(config["axes"]!.serialized()).")
            }
            self.init(axes: (axes[0], axes[1]), normalize: normalize, name: config.name, dtype: config.dtype)
        }
        trainable = config.trainable
    }
}

/// `Add()(inputs)`: the sum of symbolic tensors (Keras's `layers.add`).
public func add(_ inputs: [KerasTensor]) throws -> KerasTensor { try Add()(inputs) }
/// `Subtract()(inputs)` (Keras's `layers.subtract`).
public func subtract(_ inputs: [KerasTensor]) throws -> KerasTensor { try Subtract()(inputs) }
/// `Multiply()(inputs)` (Keras's `layers.multiply`).
public func multiply(_ inputs: [KerasTensor]) throws -> KerasTensor { try Multiply()(inputs) }
/// `Average()(inputs)` (Keras's `layers.average`).
public func average(_ inputs: [KerasTensor]) throws -> KerasTensor { try Average()(inputs) }
/// `Maximum()(inputs)` (Keras's `layers.maximum`).
public func maximum(_ inputs: [KerasTensor]) throws -> KerasTensor { try Maximum()(inputs) }
/// `Minimum()(inputs)` (Keras's `layers.minimum`).
public func minimum(_ inputs: [KerasTensor]) throws -> KerasTensor { try Minimum()(inputs) }
/// `Concatenate(axis:)(inputs)` (Keras's `layers.concatenate`).
public func concatenate(_ inputs: [KerasTensor], axis: Int = -1) throws -> KerasTensor {
    try Concatenate(axis: axis)(inputs)
}
/// `Dot(axes:normalize:)(inputs)` (Keras's `layers.dot`).
public func dot(_ inputs: [KerasTensor], axes: Int, normalize: Bool = false) throws -> KerasTensor {
    try Dot(axes: axes, normalize: normalize)(inputs)
}
