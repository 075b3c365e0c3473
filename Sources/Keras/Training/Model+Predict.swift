extension Model {
    /// The model's output for every sample, computed in batches in inference mode (Keras's
    /// `predict`), for a model with one output; see ``predictAll(_:batchSize:verbose:steps:callbacks:progressOutput:)``.
    ///
    /// ```swift
    /// let probabilities = try model.predict(xTest, batchSize: 256, verbose: 0)
    /// ```
    public func predict(_ x: any TensorStructure, batchSize: Int? = nil, verbose: Int = 1, steps: Int? = nil,
                        callbacks: [Callback] = [], progressOutput: ProgressOutput? = nil) throws -> Tensor {
        let outputs = try predictAll(x, batchSize: batchSize, verbose: verbose, steps: steps, callbacks: callbacks,
                                     progressOutput: progressOutput)
        guard outputs.count == 1 else {
            throw KerasError(.invalidArgument, "Model \"\(name)\" has \(outputs.count) outputs; use predictAll(_:) to get all of them.")
        }
        return outputs[0]
    }

    /// Every output of the model for every sample, in output order.
    public func predictAll(_ x: any TensorStructure, batchSize: Int? = nil, verbose: Int = 1, steps: Int? = nil,
                           callbacks: [Callback] = [], progressOutput: ProgressOutput? = nil) throws -> [Tensor] {
        let batchSize = try Self.checkBatchSize(batchSize)
        try Self.checkFitArguments(epochs: 1, verbose: verbose, initialEpoch: 0)
        let data = try ArrayData(x: try DataLayout(self).inputs(x), y: nil, sampleWeight: nil)
        let iterator = try EpochIterator(.arrays(data, batchSize: batchSize, shuffle: false), stepsPerEpoch: steps)
        return try predict(iterator, verbose: verbose, callbacks: callbacks, progressOutput: progressOutput)
    }

    /// Every output for every batch of a ``BatchSequence`` (its targets are ignored).
    public func predictAll(_ data: any BatchSequence, verbose: Int = 1, steps: Int? = nil, callbacks: [Callback] = [],
                           progressOutput: ProgressOutput? = nil) throws -> [Tensor] {
        try Self.checkFitArguments(epochs: 1, verbose: verbose, initialEpoch: 0)
        let iterator = try EpochIterator(.sequence(data, DataLayout(self)), stepsPerEpoch: steps)
        return try predict(iterator, verbose: verbose, callbacks: callbacks, progressOutput: progressOutput)
    }

    /// The outputs for one batch (Keras's `predict_on_batch`), for a model with one output.
    public func predictOnBatch(_ x: any TensorStructure) throws -> Tensor {
        let outputs = try predictStep(FlatBatch(x: try DataLayout(self).inputs(x)))
        guard outputs.count == 1 else {
            throw KerasError(.invalidArgument, "Model \"\(name)\" has \(outputs.count) outputs; use allOutputs(_:) on the batch to get all of them.")
        }
        return outputs[0]
    }

    private func predict(_ iterator: EpochIterator, verbose: Int, callbacks: [Callback],
                         progressOutput: ProgressOutput?) throws -> [Tensor] {
        let list = CallbackList(callbacks, addHistory: false, addProgbar: verbose != 0, model: self,
                                params: TrainingParameters(verbose: verbose, epochs: 1, steps: iterator.steps),
                                progressOutput: progressOutput)
        try list.predictBegin()
        var batches: [[Tensor]] = []
        try iterator.runEpoch { step, batch in
            try list.predictBatchBegin(step)
            batches.append(try predictStep(batch))
            try list.predictBatchEnd(step)
            return true
        }
        try list.predictEnd()
        guard let first = batches.first else { return [] }
        return (0..<first.count).map { i in batches.count == 1 ? first[i] : concatenate(batches.map { $0[i] }, axis: 0) }
    }
}
