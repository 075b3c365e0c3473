extension Model {
    /// Computes the loss and metrics on data in inference mode (Keras's `evaluate`).
    ///
    /// - Returns: the values in Keras's order, readable by name (`results["accuracy"]`), as a
    ///   dictionary or as a list.
    ///
    /// ```swift
    /// let results = try model.evaluate(xTest, yTest, verbose: 0)
    /// print(results["loss"]!, results["accuracy"]!)
    /// ```
    @discardableResult
    public func evaluate(_ x: any TensorStructure, _ y: (any TensorStructure)? = nil, batchSize: Int? = nil,
                         verbose: Int = 1, sampleWeight: (any TensorStructure)? = nil, steps: Int? = nil,
                         callbacks: [Callback] = [], progressOutput: ProgressOutput? = nil) throws -> MetricValues {
        let compiled = try requireCompiled(for: "evaluate")
        let batchSize = try Self.checkBatchSize(batchSize)
        try Self.checkFitArguments(epochs: 1, verbose: verbose, initialEpoch: 0)
        let data = try arrayData(x, y, sampleWeight: sampleWeight, classWeight: nil, layout: DataLayout(self))
        let iterator = try EpochIterator(.arrays(data, batchSize: batchSize, shuffle: false), stepsPerEpoch: steps)
        return try evaluate(iterator, compiled, verbose: verbose, callbacks: callbacks, progressOutput: progressOutput)
    }

    /// Evaluates on a ``BatchSequence``.
    @discardableResult
    public func evaluate(_ data: any BatchSequence, verbose: Int = 1, steps: Int? = nil, callbacks: [Callback] = [],
                         progressOutput: ProgressOutput? = nil) throws -> MetricValues {
        let compiled = try requireCompiled(for: "evaluate")
        try Self.checkFitArguments(epochs: 1, verbose: verbose, initialEpoch: 0)
        let iterator = try EpochIterator(.sequence(data, DataLayout(self)), stepsPerEpoch: steps)
        return try evaluate(iterator, compiled, verbose: verbose, callbacks: callbacks, progressOutput: progressOutput)
    }

    private func evaluate(_ iterator: EpochIterator, _ compiled: CompiledTraining, verbose: Int, callbacks: [Callback],
                          progressOutput: ProgressOutput?) throws -> MetricValues {
        let list = CallbackList(callbacks, addHistory: false, addProgbar: verbose != 0, model: self,
                                params: TrainingParameters(verbose: verbose, epochs: 1, steps: iterator.steps),
                                progressOutput: progressOutput)
        let logs = try runEvaluation(iterator, compiled, callbacks: list)
        return MetricValues(logs, order: compiled.orderNames)
    }

    /// One optimizer step on one batch (Keras's `train_on_batch`). As in Keras 3, the metrics are
    /// reset first, so the values returned are this batch's.
    @discardableResult
    public func trainOnBatch(_ x: any TensorStructure, _ y: (any TensorStructure)? = nil,
                             sampleWeight: (any TensorStructure)? = nil,
                             classWeight: [Int: Double]? = nil) throws -> MetricValues {
        let compiled = try requireCompiled(for: "trainOnBatch")
        let data = try arrayData(x, y, sampleWeight: sampleWeight, classWeight: classWeight, layout: DataLayout(self))
        compiled.resetMetrics()
        var variables: [Variable]?
        let logs = try trainStep(data.batch(Array(0..<data.count)[...]), compiled, cachedVariables: &variables)
        return MetricValues(logs, order: compiled.orderNames)
    }

    /// The loss and metrics of one batch in inference mode (Keras's `test_on_batch`); as in
    /// Keras 3, the metrics are reset first, so the values returned are this batch's.
    @discardableResult
    public func testOnBatch(_ x: any TensorStructure, _ y: (any TensorStructure)? = nil,
                            sampleWeight: (any TensorStructure)? = nil) throws -> MetricValues {
        let compiled = try requireCompiled(for: "testOnBatch")
        let data = try arrayData(x, y, sampleWeight: sampleWeight, classWeight: nil, layout: DataLayout(self))
        compiled.resetMetrics()
        let logs = try testStep(data.batch(Array(0..<data.count)[...]), compiled)
        return MetricValues(logs, order: compiled.orderNames)
    }
}
