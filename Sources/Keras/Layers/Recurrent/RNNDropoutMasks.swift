/// The dropout masks of a recurrent cell (Keras's `DropoutRNNCell`): drawn once, on the first
/// step of a sequence, and reused at every step until ``reset()``, so each sequence loses the same
/// units at every time step.
final class RNNDropoutMasks {
    /// The fraction of units dropped.
    let rate: Double
    /// How many independent masks are drawn (one per gate in Keras's `implementation=1`).
    let count: Int
    private let seeds: SeedGenerator
    private var cached: [Tensor]?

    init(rate: Double, count: Int, seeds: SeedGenerator) {
        self.rate = rate
        self.count = count
        self.seeds = seeds
    }

    /// The masks for `x`, one step `[batch, features...]` or a sequence `[batch, time,
    /// features...]` (masks of one step's shape): `1 / (1 - rate)` where a unit is kept and 0
    /// where it is dropped (Keras's `random.dropout(ones_like(step), rate)`).
    func masks(for x: Tensor, sequence: Bool) -> [Tensor] {
        let shape = sequence ? [x.shape[0]] + x.shape.dropFirst(2) : x.shape
        let dtype = x.dtype.floatingResult
        if let cached, cached.first?.shape == shape, cached.first?.dtype == dtype { return cached }
        let made: [Tensor] = (0..<count).map { _ in
            let seed = seeds.next()
            guard rate < 1 else { return Tensor.zeros(shape, dtype: dtype) }
            return Random.bernoulli(shape, p: 1 - rate, dtype: dtype, seed: seed) / (1 - rate)
        }
        cached = made
        return made
    }

    /// Forgets the masks; the next step draws new ones.
    func reset() { cached = nil }
}

/// A one-step mask applied to `x`, which is one step or a whole sequence (the same mask at every
/// step).
func applyingStepMask(_ x: Tensor, _ mask: Tensor) -> Tensor {
    x.rank == mask.rank ? x * mask : x * mask.expandingDimensions(axis: 1)
}

/// Keras's clamp of a dropout rate into `[0, 1]`, after rejecting values that are not numbers.
func clampedRate(_ rate: Double, _ argument: String, layer: String) throws -> Double {
    guard !rate.isNaN else {
        throw KerasError(.invalidArgument, "\(layer) expects \(argument) between 0 and 1, but received \(argument)=nan.")
    }
    return Swift.min(1, Swift.max(0, rate))
}

/// Throws unless `units` is positive (the check of every recurrent cell).
func checkUnits(_ units: Int, layer: String) throws {
    guard units > 0 else {
        throw KerasError(.invalidArgument, "\(layer) received an invalid value for argument units, expected a positive integer, got units=\(units). Use units >= 1.")
    }
}

/// The feature axis of a step shape, which must be known to create a kernel.
func stepFeatures(_ stepShape: TensorShape, layer: Layer) throws -> Int {
    guard stepShape.count >= 2, let last = stepShape.last, let features = last else {
        throw KerasError(.incompatibleShape, "Layer \"\(layer.name)\" (\(layer.className)) needs steps of shape [batch, features] with a known feature axis, but received step shape \(stepShape.kerasDescription).")
    }
    return features
}

/// Whether a concrete shape fits a shape with unknown axes (`nil` matches any size; the batch axis
/// is not compared).
func fits(_ shape: [Int], _ expected: TensorShape) -> Bool {
    shape.count == expected.count && zip(shape, expected).dropFirst().allSatisfy { $1 == nil || $0 == $1 }
}
