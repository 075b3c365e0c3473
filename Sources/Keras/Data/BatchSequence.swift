/// One batch of training data: inputs, optional targets and optional sample weights.
public struct Batch {
    /// The model's inputs for this batch.
    public var x: any TensorStructure
    /// The targets (`nil` for prediction, or for models that compute their own loss).
    public var y: (any TensorStructure)?
    /// Per-sample weights, one tensor (or one per output).
    public var sampleWeight: (any TensorStructure)?

    /// Makes a batch.
    public init(x: any TensorStructure, y: (any TensorStructure)? = nil, sampleWeight: (any TensorStructure)? = nil) {
        self.x = x
        self.y = y
        self.sampleWeight = sampleWeight
    }
}

/// A source of batches that `fit`, `evaluate` and `predict` iterate over: Keras's
/// `PyDataset` (a `Sequence`). Implement it to stream data that does not fit in memory or
/// to augment on the fly; ``TensorDataset`` is the in-memory one.
///
/// ```swift
/// struct Noise: BatchSequence {
///     var batchCount: Int { 10 }
///     func batch(at index: Int) throws -> Batch {
///         let x = Random.normal([32, 4], seed: UInt64(index))
///         return Batch(x: x, y: x.sum(axes: [1], keepingDimensions: true))
///     }
/// }
/// try model.fit(Noise(), epochs: 2)
/// ```
public protocol BatchSequence: ValidationSource {
    /// The number of batches in one epoch.
    var batchCount: Int { get }
    /// The batch at `index`, `0 ..< batchCount`.
    func batch(at index: Int) throws -> Batch
    /// Called after each epoch (reshuffle here). Does nothing by default.
    func onEpochEnd()
}

extension BatchSequence {
    /// Does nothing.
    public func onEpochEnd() {}
}
