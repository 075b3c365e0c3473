// Output shapes found by running a layer on small zero tensors (the default of
// computeOutputShape for layers that do not work it out themselves).

extension Layer {
    /// The most elements the output-shape probe may allocate for one input (2^24).
    static let probeElementLimit = 1 << 24

    /// Runs the layer on zeros with unknown axes set to 2 and then 3; axes that differ are unknown.
    func probeOutputShapes(_ inputShapes: [TensorShape]) throws -> [TensorShape] {
        // The probe computes on real tensors: refuse shapes it could not afford to allocate.
        for shape in inputShapes {
            let filled = shape.filled(with: 3)
            guard let count = Shape.checkedElementCount(filled), count <= Self.probeElementLimit else {
                throw KerasError(.unsupported, "Layer \"\(name)\" (\(className)) works out its output shape by running on zeros, which for inputs of shape \(shape.kerasDescription) would need \(Shape.checkedElementCount(filled).map(String.init) ?? "more than 2^63") elements (the limit is \(Self.probeElementLimit)). Override computeOutputShape(_:) in the layer, or give it smaller inputs.")
            }
        }
        func run(_ fill: Int) throws -> [[Int]] {
            let inputs = inputShapes.map { Tensor.zeros($0.filled(with: fill), dtype: dtype) }
            let masks = [Tensor?](repeating: nil, count: inputs.count)
            return try withoutGradients { try call(inputs, training: false, masks: masks).map(\.shape) }
        }
        let a = try run(2), b = try run(3)
        return zip(a, b).map { sa, sb in
            zip(sa, sb).map { $0 == $1 ? Optional($0) : nil }
        }
    }
}
