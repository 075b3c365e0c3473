/// In-memory data served in batches: a ``BatchSequence`` over tensors whose first axis is the
/// sample axis, optionally reshuffled after every epoch.
///
/// ```swift
/// let train = try TensorDataset(x: images, y: labels, batchSize: 64, shuffle: true)
/// try model.fit(train, epochs: 5)
/// ```
public final class TensorDataset: BatchSequence {
    /// Samples per batch (the last batch may be smaller).
    public let batchSize: Int
    /// Whether the order is reshuffled after each epoch.
    public let shuffle: Bool
    /// The number of samples.
    public let count: Int

    private let x: StructuredTensors
    private let y: StructuredTensors?
    private let sampleWeight: StructuredTensors?
    private var order: Tensor?
    private let seeds: SeedGenerator

    /// Makes a dataset.
    ///
    /// - Parameters:
    ///   - x: the inputs: a tensor or a structure of tensors whose first axis is the sample axis.
    ///   - y: the targets, in the same kind of structure, or `nil`.
    ///   - sampleWeight: per-sample weights, or `nil`.
    ///   - batchSize: samples per batch (the last batch may be smaller).
    ///   - shuffle: whether the order is reshuffled after each epoch.
    ///   - seed: fixes the shuffling order (a new random one otherwise).
    /// - Throws: ``KerasError`` when the tensors do not all have the same number of samples,
    ///   or `batchSize` ≤ 0.
    public init(x: any TensorStructure, y: (any TensorStructure)? = nil, sampleWeight: (any TensorStructure)? = nil,
                batchSize: Int = 32, shuffle: Bool = false, seed: UInt64? = nil) throws {
        guard batchSize > 0 else {
            throw KerasError(.invalidArgument, "`batchSize` must be a positive number of samples; received \(batchSize).")
        }
        self.x = x.structuredTensors
        self.y = y?.structuredTensors
        self.sampleWeight = sampleWeight?.structuredTensors
        let all = [self.x, self.y, self.sampleWeight].compactMap { $0 }.flatMap(\.tensors)
        let counts = all.map { $0.shape.first ?? -1 }
        guard let n = counts.first, counts.allSatisfy({ $0 == n }), n >= 0 else {
            throw KerasError(.incompatibleShape, "Data cardinality is ambiguous: make sure all arrays contain the same number of samples. Sizes: \(counts.map(String.init).joined(separator: ", ")).")
        }
        self.count = n
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.seeds = SeedGenerator(seed: seed)
        if shuffle { order = Random.permutation(n, seed: seeds.next()) }
    }

    /// `ceil(count / batchSize)`.
    public var batchCount: Int { (count + batchSize - 1) / batchSize }

    /// The samples of batch `index`, in the structures given.
    public func batch(at index: Int) throws -> Batch {
        guard index >= 0, index < batchCount else {
            throw KerasError(.invalidArgument, "Batch index \(index) is out of range: the dataset has \(batchCount) batches.")
        }
        let lo = index * batchSize, hi = min(lo + batchSize, count)
        let pick: (Tensor) -> Tensor
        if let order {
            let indices = order[.range(lo..<hi)]
            pick = { $0.take(indices, axis: 0) }
        } else {
            pick = { $0[.range(lo..<hi)] }
        }
        return Batch(x: x.map(pick), y: y?.map(pick), sampleWeight: sampleWeight?.map(pick))
    }

    /// Reshuffles (when `shuffle`).
    public func onEpochEnd() {
        if shuffle { order = Random.permutation(count, seed: seeds.next()) }
    }
}
