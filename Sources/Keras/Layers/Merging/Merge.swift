/// The base of the elementwise merging layers (Add, Subtract, Multiply, Average, Maximum,
/// Minimum): inputs of one shape, or shapes that broadcast, combined element by element.
open class Merge: Layer {
    /// Makes a merging layer.
    public init(name: String? = nil, dtype: DType = .float32, trainable: Bool = true) {
        super.init(name: name, dtype: dtype, trainable: trainable)
        supportsMasking = true
    }

    /// The fewest inputs the layer takes.
    open var minimumInputs: Int { 2 }
    /// The most inputs the layer takes (`nil` for no limit).
    open var maximumInputs: Int? { nil }

    /// Combines two tensors.
    open func merge(_ a: Tensor, _ b: Tensor) -> Tensor { a }

    /// Combines all inputs; by default folds ``merge(_:_:)`` from the left.
    open func merge(_ inputs: [Tensor]) -> Tensor {
        inputs.dropFirst().reduce(inputs[0]) { merge($0, $1) }
    }

    override open func build(inputShapes: [TensorShape]) throws {
        _ = try mergedShape(inputShapes)
    }

    override open func call(_ inputs: [Tensor], training: Bool, masks: [Tensor?]) throws -> [Tensor] {
        _ = try mergedShape(inputs.map(\.shape.asTensorShape))
        return [merge(inputs)]
    }

    override open func computeOutputShapes(_ inputShapes: [TensorShape]) throws -> [TensorShape] {
        [try mergedShape(inputShapes)]
    }

    override open func computeMask(_ inputs: [Tensor], masks: [Tensor?]) throws -> [Tensor?] {
        let present = masks.compactMap { $0 }
        guard var combined = present.first else { return [nil] }
        for m in present.dropFirst() { combined = logicalAnd(combined, m) }
        return [combined]
    }

    /// The broadcast of the input shapes (the batch axis excluded from the rule), or a
    /// ``KerasError`` naming both shapes.
    func mergedShape(_ shapes: [TensorShape]) throws -> TensorShape {
        guard shapes.count >= minimumInputs, maximumInputs.map({ shapes.count <= $0 }) ?? true else {
            let expected = maximumInputs.map { $0 == minimumInputs ? "exactly \($0)" : "\(minimumInputs) to \($0)" } ?? "at least \(minimumInputs)"
            throw KerasError(.invalidArgument, "Layer \"\(name)\" (\(className)) should be called on \(expected) inputs. Received \(shapes.count) input(s).")
        }
        var result = shapes[0]
        for shape in shapes.dropFirst() {
            guard let merged = Self.broadcast(result, shape) else {
                throw KerasError(.incompatibleShape, "Layer \"\(name)\" (\(className)) received inputs with incompatible shapes \(shapes.map(\.kerasDescription).joined(separator: " and ")). Inputs must have the same shape, or shapes that broadcast (each axis equal or 1).")
            }
            result = merged
        }
        return result
    }

    /// numpy broadcasting of two shapes with unknown axes; `nil` when they cannot broadcast.
    static func broadcast(_ a: TensorShape, _ b: TensorShape) -> TensorShape? {
        let rank = Swift.max(a.count, b.count)
        var out: TensorShape = []
        for i in 0..<rank {
            let da = i < rank - a.count ? Optional(1) : a[i - (rank - a.count)]
            let db = i < rank - b.count ? Optional(1) : b[i - (rank - b.count)]
            switch (da, db) {
            case (nil, _), (_, nil): out.append(nil)   // unknown stays unknown, as in Keras
            case (let x?, let y?):
                if x == y || y == 1 { out.append(x) } else if x == 1 { out.append(y) } else { return nil }
            }
        }
        return out
    }

    /// Rebuilds a merging layer of this class from its Keras config (the base keys only).
    convenience init(mergeConfig config: LayerConfig) throws {
        self.init(name: config.name, dtype: config.dtype, trainable: config.trainable)
    }

    /// The config keys of the elementwise merging layers (Keras 3.15): the base keys, and the
    /// base layer's `activity_regularizer` (read by the registry).
    static let mergeConfigKeys = ["activity_regularizer"]
}

/// Adds its inputs (Keras's `Add`).
public final class Add: Merge {
    override public func merge(_ a: Tensor, _ b: Tensor) -> Tensor { a + b }
}

/// Subtracts the second input from the first (Keras's `Subtract`); exactly two inputs.
public final class Subtract: Merge {
    override public var maximumInputs: Int? { 2 }
    override public func merge(_ a: Tensor, _ b: Tensor) -> Tensor { a - b }
}

/// Multiplies its inputs elementwise (Keras's `Multiply`).
public final class Multiply: Merge {
    override public func merge(_ a: Tensor, _ b: Tensor) -> Tensor { a * b }
}

/// Averages its inputs (Keras's `Average`).
public final class Average: Merge {
    override public func merge(_ inputs: [Tensor]) -> Tensor {
        inputs.dropFirst().reduce(inputs[0]) { $0 + $1 } / Double(inputs.count)
    }
}

/// The elementwise maximum of its inputs (Keras's `Maximum`).
public final class Maximum: Merge {
    override public func merge(_ a: Tensor, _ b: Tensor) -> Tensor { KerasCore.maximum(a, b) }
}

/// The elementwise minimum of its inputs (Keras's `Minimum`).
public final class Minimum: Merge {
    override public func merge(_ a: Tensor, _ b: Tensor) -> Tensor { KerasCore.minimum(a, b) }
}

extension Add: KerasSerializable {
    /// Add's config keys (Keras 3.15): the base keys only.
    public static let kerasConfigKeys = Merge.mergeConfigKeys

    /// Rebuilds an Add layer from its Keras config.
    public convenience init(config: LayerConfig) throws { try self.init(mergeConfig: config) }
}

extension Subtract: KerasSerializable {
    /// Subtract's config keys (Keras 3.15): the base keys only.
    public static let kerasConfigKeys = Merge.mergeConfigKeys

    /// Rebuilds a Subtract layer from its Keras config.
    public convenience init(config: LayerConfig) throws { try self.init(mergeConfig: config) }
}

extension Multiply: KerasSerializable {
    /// Multiply's config keys (Keras 3.15): the base keys only.
    public static let kerasConfigKeys = Merge.mergeConfigKeys

    /// Rebuilds a Multiply layer from its Keras config.
    public convenience init(config: LayerConfig) throws { try self.init(mergeConfig: config) }
}

extension Average: KerasSerializable {
    /// Average's config keys (Keras 3.15): the base keys only.
    public static let kerasConfigKeys = Merge.mergeConfigKeys

    /// Rebuilds an Average layer from its Keras config.
    public convenience init(config: LayerConfig) throws { try self.init(mergeConfig: config) }
}

extension Maximum: KerasSerializable {
    /// Maximum's config keys (Keras 3.15): the base keys only.
    public static let kerasConfigKeys = Merge.mergeConfigKeys

    /// Rebuilds a Maximum layer from its Keras config.
    public convenience init(config: LayerConfig) throws { try self.init(mergeConfig: config) }
}

extension Minimum: KerasSerializable {
    /// Minimum's config keys (Keras 3.15): the base keys only.
    public static let kerasConfigKeys = Merge.mergeConfigKeys

    /// Rebuilds a Minimum layer from its Keras config.
    public convenience init(config: LayerConfig) throws { try self.init(mergeConfig: config) }
}
