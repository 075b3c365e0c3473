// Axis arguments shared by the normalization layers: Keras accepts an int or a list of ints,
// negative ones counting from the end, and checks them against the input when it builds.

/// Throws unless `axes` is a usable axis list for `layer` (at least one axis, none repeated
/// among those of the same sign).
func checkAxisList(_ axes: [Int], layer: String) throws {
    guard !axes.isEmpty else {
        throw KerasError(.invalidArgument, "\(layer) expects at least one axis, but received axis=[]. Use axis: -1 for the last axis.")
    }
    guard Set(axes).count == axes.count else {
        throw KerasError(.invalidArgument, "\(layer) received the axis list \(axes) with a repeated axis. Give each axis once.")
    }
}

/// `axes` made non-negative for an input of `shape`, in the order given; throws Keras's
/// out-of-bounds error (naming the layer and the shape) for an axis outside the input, for the
/// batch axis when `allowBatchAxis` is false, and for two entries naming one axis.
func resolvedAxes(_ axes: [Int], shape: TensorShape, layer: Layer, allowBatchAxis: Bool = true) throws -> [Int] {
    let rank = shape.count
    var result: [Int] = []
    for axis in axes {
        guard axis < rank && axis >= -rank else {
            throw KerasError(.incompatibleShape, "Layer \"\(layer.name)\" (\(layer.className)): axis \(axis) is out of bounds for input shape \(shape.kerasDescription). Received: axis=\(axes). Use axes in \(-rank)..<\(rank).")
        }
        let a = axis < 0 ? axis + rank : axis
        if a == 0 && !allowBatchAxis {
            throw KerasError(.incompatibleShape, "Layer \"\(layer.name)\" (\(layer.className)) cannot normalize along the batch axis (axis \(axis) of input shape \(shape.kerasDescription)). Use a feature axis such as -1.")
        }
        guard !result.contains(a) else {
            throw KerasError(.incompatibleShape, "Layer \"\(layer.name)\" (\(layer.className)): axis=\(axes) names axis \(a) of input shape \(shape.kerasDescription) twice. Give each axis once.")
        }
        result.append(a)
    }
    return result
}

/// The sizes of `axes` (already resolved) in `shape`, or Keras's error for an unknown size.
func knownSizes(of axes: [Int], in shape: TensorShape, layer: Layer) throws -> [Int] {
    try axes.map { a in
        guard let size = shape[a] else {
            throw KerasError(.incompatibleShape, "Layer \"\(layer.name)\" (\(layer.className)) needs axis \(a) of its input to have a known size to create its weights, but received shape \(shape.kerasDescription).")
        }
        return size
    }
}

/// A shape of `rank` ones except `sizes` at `axes`: the shape that lines up per-feature weights
/// with the input.
func broadcastShape(rank: Int, axes: [Int], sizes: [Int]) -> [Int] {
    var shape = [Int](repeating: 1, count: rank)
    for (a, s) in zip(axes, sizes) { shape[a] = s }
    return shape
}
