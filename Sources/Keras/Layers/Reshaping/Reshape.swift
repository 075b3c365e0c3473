/// Reshapes the axes after the batch axis to `targetShape` (Keras's `Reshape` layer).
///
/// One entry of `targetShape` may be `-1`: it takes whatever size keeps the number of elements.
///
/// ```swift
/// let layer = try Reshape([-1, 4])
/// let y = try layer(Tensor.ones([8, 3, 4, 2]))   // [8, 6, 4]
/// ```
public final class Reshape: Layer {
    /// The new shape without the batch axis; at most one `-1`.
    public let targetShape: [Int]

    /// Makes the layer.
    ///
    /// - Throws: ``KerasError`` when an entry is below `-1` or more than one is `-1`.
    public init(_ targetShape: [Int], name: String? = nil, dtype: DType = .float32) throws {
        if let bad = targetShape.first(where: { $0 < -1 }) {
            throw KerasError(.invalidArgument, "Reshape expects every size in targetShape to be a non-negative integer or -1 for one unknown size, but received targetShape=\(targetShape) with \(bad). Use -1 for the size to infer.")
        }
        guard targetShape.filter({ $0 == -1 }).count <= 1 else {
            throw KerasError(.invalidArgument, "Reshape accepts at most one unknown size (-1) in targetShape, but received targetShape=\(targetShape). Give every other size explicitly.")
        }
        self.targetShape = targetShape
        super.init(name: name, dtype: dtype)
        inputSpec = [InputSpec(minRank: 1)]
    }

    /// The output shape without the batch axis for non-batch input axes `inputShape`: `-1` is
    /// resolved when every input size is known, and left unknown otherwise (Keras's rule).
    func resolvedTarget(_ inputShape: TensorShape) throws -> TensorShape {
        guard !inputShape.contains(where: { $0 == nil }) else {
            return targetShape.map { $0 == -1 ? nil : $0 }
        }
        let inputSize = inputShape.reduce(1) { $0 * $1! }
        let known = targetShape.filter { $0 != -1 }.reduce(1, *)
        guard let unknown = targetShape.firstIndex(of: -1) else {
            guard known == inputSize else {
                throw KerasError(.incompatibleShape, "Layer \"\(name)\" (Reshape) cannot reshape an input whose non-batch shape is \(inputShape.kerasDescription) (\(inputSize) elements) to targetShape=\(targetShape.asTensorShape.kerasDescription) (\(known) elements): the total size must be unchanged. Fix the target, or use -1 for one size.")
            }
            return targetShape.asTensorShape
        }
        guard known != 0, inputSize % known == 0 else {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (Reshape) cannot reshape an input whose non-batch shape is \(inputShape.kerasDescription) (\(inputSize) elements) to targetShape=\(targetShape.asTensorShape.kerasDescription): \(inputSize) is not divisible by the known sizes' product \(known). Fix the target's sizes.")
        }
        var result = targetShape.asTensorShape
        result[unknown] = inputSize / known
        return result
    }

    override public func call(_ input: Tensor, training: Bool, mask: Tensor?) throws -> Tensor {
        let target = try resolvedTarget(Array(input.shape.dropFirst()).asTensorShape)
        return input.reshaped(to: [input.shape[0]] + target.map { $0 ?? -1 })
    }

    override public func computeOutputShape(_ inputShape: TensorShape) throws -> TensorShape {
        [inputShape.first ?? nil] + (try resolvedTarget(Array(inputShape.dropFirst())))
    }

    override public func computeOutputDType(_ inputDTypes: [DType]) -> DType { inputDTypes.first ?? dtype }

    override public class var kerasBuildsAtInit: Bool { true }

    override public var kerasConfig: JSONObject {
        var config = super.kerasConfig
        config["target_shape"] = LayerConfig.intsValue(targetShape)
        return config
    }
}

extension Reshape: KerasSerializable {
    /// Reshape's config keys (Keras 3.15).
    public static let kerasConfigKeys = ["target_shape", "activity_regularizer"]

    /// Rebuilds a Reshape layer from its Keras config.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` when `target_shape` is missing, `.invalidArgument` for
    ///   sizes Keras rejects.
    public convenience init(config: LayerConfig) throws {
        guard let value = try config.optionalInts("target_shape") else {
            throw KerasError(.invalidConfig, "Reshape \"\(config.name ?? "?")\" needs the config key \"target_shape\" (a list of sizes), but the config has none.")
        }
        try self.init(value, name: config.name, dtype: config.dtype)
        trainable = config.trainable
    }
}
