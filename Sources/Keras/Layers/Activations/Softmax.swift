/// The softmax along one or more axes (Keras's `Softmax` layer).
///
/// With a mask (true or above 0.5 to keep), masked positions are replaced by a large negative
/// number (`-1e9`, or `-3e4` in float16) before the softmax and set to 0 after it, so a fully
/// masked row gives zeros rather than a uniform distribution.
///
/// ```swift
/// let layer = Softmax()
/// try layer(Tensor([1.0, 2, 1])).floats   // [0.212, 0.576, 0.212]
/// ```
public final class Softmax: Layer {
    /// The axes normalized together (one axis in the usual case).
    public let axes: [Int]
    /// Whether the axes were given as a list (written back as one, as Keras does).
    private let axesGivenAsList: Bool

    /// Makes the layer normalizing along `axis` (the last by default).
    public init(axis: Int = -1, name: String? = nil, dtype: DType = .float32) {
        self.axes = [axis]
        self.axesGivenAsList = false
        super.init(name: name, dtype: dtype)
        supportsMasking = true
    }

    /// Makes the layer normalizing over several axes at once.
    ///
    /// ```swift
    /// let layer = try Softmax(axes: [1, 2])   // over height and width
    /// ```
    ///
    /// - Throws: ``KerasError`` when `axes` is empty.
    public init(axes: [Int], name: String? = nil, dtype: DType = .float32) throws {
        guard !axes.isEmpty else {
            throw KerasError(.invalidArgument, "Softmax expects at least one axis, but received axes=[]. Use Softmax(axis: -1) for the last axis.")
        }
        self.axes = axes
        self.axesGivenAsList = true
        super.init(name: name, dtype: dtype)
        supportsMasking = true
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        for axis in axes where axis >= input.rank || axis < -input.rank {
            throw KerasError(.invalidArgument, "Layer \"\(name)\" (Softmax) normalizes along axis \(axis), but received an input of rank \(input.rank) (shape \(input.shape.asTensorShape.kerasDescription)). Use an axis in \(-input.rank)..<\(input.rank).")
        }
        var x = input
        var keep: Tensor?
        if let mask {
            keep = try keepMask(mask, for: input)
            let large = input.dtype == .float16 ? -3e4 : -1e9
            x = select(keep!, input, Tensor(large, dtype: input.dtype))
        }
        var y: Tensor
        if axes.count > 1 {
            y = exp(x - x.logSumExp(axes: axes, keepingDimensions: true))
        } else {
            y = softmax(x, axis: axes[0])
        }
        if let keep { y = select(keep, y, Tensor.zeros([], dtype: y.dtype)) }
        return y
    }

    /// The mask as booleans, after checking that it broadcasts to the input.
    private func keepMask(_ mask: Tensor, for input: Tensor) throws -> Tensor {
        let fits = mask.rank <= input.rank
            && zip(mask.shape.reversed(), input.shape.reversed()).allSatisfy { m, i in m == 1 || m == i }
        guard fits else {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (Softmax) received a mask of shape \(mask.shape.asTensorShape.kerasDescription) that does not broadcast to its input of shape \(input.shape.asTensorShape.kerasDescription). Each mask axis must be 1 or match the input's, and the mask must not have more axes.")
        }
        if mask.dtype == .bool { return mask }
        return greater(mask, Tensor(0.5, dtype: mask.dtype.isFloatingPoint ? mask.dtype : .float32))
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape { inputShape }

    override public class var kerasBuildsAtInit: Bool { true }

    override public class var kerasCallTakesMask: Bool { true }

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["axis"] = axesGivenAsList ? LayerConfig.intsValue(axes) : .int(axes[0])
        return config
    }
}

extension Softmax: KerasSerializable {
    /// Softmax's config keys (Keras 3.15).
    public static let kerasConfigKeys = ["axis", "activity_regularizer"]

    /// Rebuilds a Softmax layer from its Keras config (`axis` an integer or a list).
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for an empty axis list.
    public convenience init(config: LayerConfig) throws {
        if config["axis"]?.arrayValue != nil {
            let axes = try config.ints("axis", default: [-1])
            guard !axes.isEmpty else {
                throw KerasError(.invalidConfig, "Softmax \"\(config.name ?? "?")\" has axis=[], but needs at least one axis. Use -1 for the last axis.")
            }
            try self.init(axes: axes, name: config.name, dtype: config.dtype)
        } else {
            self.init(axis: try config.int("axis", default: -1), name: config.name, dtype: config.dtype)
        }
        trainable = config.trainable
    }
}
