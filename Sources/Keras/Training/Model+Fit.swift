extension Model {
    /// Trains the model for a number of epochs on in-memory data (Keras's `fit`).
    ///
    /// - Parameters:
    ///   - x: the inputs: a tensor, an array (one per input) or a dictionary by input name.
    ///   - y: the targets, in the same forms by output; `nil` for models that add their own losses.
    ///   - batchSize: samples per step; 32 by default.
    ///   - epochs: the epoch to stop at (with `initialEpoch`, the number of epochs is
    ///     `epochs - initialEpoch`, as in Keras).
    ///   - verbose: 0 silent, 1 progress bar, 2 one line per epoch.
    ///   - callbacks: hooks called during training; History and the progress bar are added.
    ///   - validationSplit: the last fraction of the data (before shuffling) held out for
    ///     validation, in `0 ..< 1`.
    ///   - validationData: data to validate on after each epoch (overrides `validationSplit`).
    ///   - shuffle: whether to shuffle the training samples before each epoch.
    ///   - classWeight: a weight per class index, multiplying each sample's loss (one output only).
    ///   - sampleWeight: a weight per sample (one tensor, or one per output).
    ///   - initialEpoch: the epoch to start from (to resume a run).
    ///   - stepsPerEpoch: batches per epoch; the data then continues across epochs.
    ///   - validationSteps: batches per validation.
    ///   - validationBatchSize: the batch size of validation; `batchSize` by default.
    ///   - validationFreq: validate every n epochs, or after the listed (1-based) epochs.
    ///   - progressOutput: where the progress bar is written; standard output by default.
    /// - Returns: the ``History`` of the run.
    ///
    /// ```swift
    /// let history = try model.fit(x, y, batchSize: 64, epochs: 10, validationSplit: 0.1)
    /// print(history["val_accuracy"]!.last!)
    /// ```
    ///
    /// - Throws: ``KerasError`` before training when the model is not compiled, the data does not
    ///   fit the model (counts, names, lengths), an argument is out of range, or the targets do
    ///   not fit the loss; errors thrown by callbacks end the run.
    @discardableResult
    public func fit(_ x: any TensorStructure, _ y: (any TensorStructure)? = nil, batchSize: Int? = nil,
                    epochs: Int = 1, verbose: Int = 1, callbacks: [Callback] = [],
                    validationSplit: Double = 0, validationData: (any ValidationSource)? = nil,
                    shuffle: Bool = true, classWeight: [Int: Double]? = nil,
                    sampleWeight: (any TensorStructure)? = nil, initialEpoch: Int = 0,
                    stepsPerEpoch: Int? = nil, validationSteps: Int? = nil, validationBatchSize: Int? = nil,
                    validationFreq: ValidationFrequency = 1,
                    progressOutput: ProgressOutput? = nil) throws -> History {
        let compiled = try requireCompiled(for: "fit")
        let batchSize = try Self.checkBatchSize(batchSize)
        try Self.checkFitArguments(epochs: epochs, verbose: verbose, initialEpoch: initialEpoch)
        guard validationSplit >= 0, validationSplit < 1 else {
            throw KerasError(.invalidArgument, "`validationSplit` must be in [0, 1); received \(validationSplit). It is the fraction of the data held out for validation, e.g. 0.1.")
        }
        let layout = DataLayout(self)
        var data = try arrayData(x, y, sampleWeight: sampleWeight, classWeight: classWeight, layout: layout)
        var validation: EpochIterator?
        if let validationData {
            validation = try validationIterator(validationData, batchSize: validationBatchSize ?? batchSize,
                                                steps: validationSteps, layout: layout)
        } else if validationSplit > 0 {
            let parts = try data.split(validationFraction: validationSplit)
            data = parts.train
            validation = try EpochIterator(.arrays(parts.validation, batchSize: validationBatchSize ?? batchSize, shuffle: false),
                                           stepsPerEpoch: validationSteps)
        }
        let training = try EpochIterator(.arrays(data, batchSize: batchSize, shuffle: shuffle), stepsPerEpoch: stepsPerEpoch)
        return try runFit(training, compiled, epochs: epochs, verbose: verbose, callbacks: callbacks,
                          validation: validation, validationFreq: validationFreq, initialEpoch: initialEpoch,
                          classWeight: nil, progressOutput: progressOutput)
    }

    /// Trains the model on a ``BatchSequence`` (Keras's `fit` on a dataset): the sequence gives
    /// the batches, so there is no batch size, split or shuffle here.
    @discardableResult
    public func fit(_ data: any BatchSequence, epochs: Int = 1, verbose: Int = 1, callbacks: [Callback] = [],
                    validationData: (any ValidationSource)? = nil, classWeight: [Int: Double]? = nil,
                    initialEpoch: Int = 0, stepsPerEpoch: Int? = nil, validationSteps: Int? = nil,
                    validationBatchSize: Int? = nil, validationFreq: ValidationFrequency = 1,
                    progressOutput: ProgressOutput? = nil) throws -> History {
        let compiled = try requireCompiled(for: "fit")
        try Self.checkFitArguments(epochs: epochs, verbose: verbose, initialEpoch: initialEpoch)
        let layout = DataLayout(self)
        let validation = try validationData.map {
            try validationIterator($0, batchSize: try Self.checkBatchSize(validationBatchSize), steps: validationSteps, layout: layout)
        }
        let training = try EpochIterator(.sequence(data, layout), stepsPerEpoch: stepsPerEpoch)
        return try runFit(training, compiled, epochs: epochs, verbose: verbose, callbacks: callbacks,
                          validation: validation, validationFreq: validationFreq, initialEpoch: initialEpoch,
                          classWeight: classWeight, progressOutput: progressOutput)
    }

    // MARK: The loop

    private func runFit(_ training: EpochIterator, _ compiled: CompiledTraining, epochs: Int, verbose: Int,
                        callbacks given: [Callback], validation: EpochIterator?, validationFreq: ValidationFrequency,
                        initialEpoch: Int, classWeight: [Int: Double]?, progressOutput: ProgressOutput?) throws -> History {
        let callbacks = CallbackList(given, addHistory: true, addProgbar: verbose != 0, model: self,
                                     params: TrainingParameters(verbose: verbose, epochs: epochs, steps: training.steps),
                                     progressOutput: progressOutput)
        let history = callbacks.history!
        self.history = history
        stopTraining = false
        var trainingLogs: Logs = [:]
        try callbacks.trainBegin()
        // Callbacks such as BackupAndRestore may move the start forward.
        var epoch = max(initialEpoch, resumeEpoch ?? 0)
        resumeEpoch = nil
        var variables: [Variable]?
        while epoch < epochs {
            resetMetrics()
            try callbacks.epochBegin(epoch)
            var logs: Logs = [:]
            try training.runEpoch { step, batch in
                try callbacks.trainBatchBegin(step)
                let weighted = try classWeight.map { try Self.applyClassWeight($0, to: batch) } ?? batch
                logs = try trainStep(weighted, compiled, cachedVariables: &variables)
                try callbacks.trainBatchEnd(step, logs)
                return !stopTraining
            }
            var epochLogs = compiled.isBuilt ? try compiled.results() : logs
            if let validation, validationFreq.includes(epoch) {
                let validationLogs = try runEvaluation(validation, compiled, callbacks: callbacks)
                for (k, v) in validationLogs { epochLogs["val_" + k] = v }
            }
            trainingLogs = try callbacks.epochEnd(epoch, epochLogs)
            epoch += 1
            if stopTraining { break }
        }
        if epochs > initialEpoch { compiled.optimizer.finalizeVariableValues(trainableWeights) }
        try callbacks.trainEnd(trainingLogs)
        return history
    }

    /// One pass of evaluation over `iterator`, calling the test hooks.
    func runEvaluation(_ iterator: EpochIterator, _ compiled: CompiledTraining, callbacks: CallbackList) throws -> Logs {
        resetMetrics()
        try callbacks.testBegin()
        var logs: Logs = [:]
        try iterator.runEpoch { step, batch in
            try callbacks.testBatchBegin(step)
            logs = try testStep(batch, compiled)
            try callbacks.testBatchEnd(step, logs)
            return true
        }
        if compiled.isBuilt { logs = try compiled.results() }
        try callbacks.testEnd(logs)
        return logs
    }

    // MARK: Data

    func arrayData(_ x: any TensorStructure, _ y: (any TensorStructure)?, sampleWeight: (any TensorStructure)?,
                   classWeight: [Int: Double]?, layout: DataLayout) throws -> ArrayData {
        let xs = try layout.inputs(x)
        let ys = try y.map(layout.targets)
        var weights = try sampleWeight.map { try layout.sampleWeights($0, outputs: ys?.count ?? 1) }
        if let classWeight {
            guard sampleWeight == nil else {
                throw KerasError(.invalidArgument, "You cannot pass both `classWeight` and `sampleWeight`. Fold the class weights into the sample weights instead.")
            }
            guard let ys else {
                throw KerasError(.invalidArgument, "`classWeight` needs targets `y` to know each sample's class.")
            }
            guard ys.count == 1 else {
                throw KerasError(.invalidArgument, "`classWeight` is only supported for models with a single output; this model has \(ys.count). Use `sampleWeight` per output instead.")
            }
            weights = [try Self.classWeights(classWeight, for: ys[0])]
        }
        return try ArrayData(x: xs, y: ys, sampleWeight: weights)
    }

    private func validationIterator(_ source: any ValidationSource, batchSize: Int, steps: Int?,
                                    layout: DataLayout) throws -> EpochIterator {
        if let sequence = source as? any BatchSequence {
            return try EpochIterator(.sequence(sequence, layout), stepsPerEpoch: steps)
        }
        guard let batch = source as? Batch else {
            throw KerasError(.invalidArgument, "`validationData` must be a Batch of tensors or a BatchSequence.")
        }
        let data = try arrayData(batch.x, batch.y, sampleWeight: batch.sampleWeight, classWeight: nil, layout: layout)
        return try EpochIterator(.arrays(data, batchSize: batchSize, shuffle: false), stepsPerEpoch: steps)
    }

    /// Keras's class weights: each sample weighs its class's weight (1 for classes not listed).
    /// One-hot targets are read by argmax, `[n, 1]` targets by their value.
    static func classWeights(_ classWeight: [Int: Double], for y: Tensor) throws -> Tensor {
        var labels = y
        if y.rank > 1 { labels = y.shape.last == 1 ? y.squeezed(axes: [-1]) : y.argmax(axis: -1) }
        let classes = labels.doubles.map { Int($0.rounded()) }
        return Tensor(classes.map { Float(classWeight[$0] ?? 1) }, shape: [classes.count])
    }

    static func applyClassWeight(_ classWeight: [Int: Double], to batch: FlatBatch) throws -> FlatBatch {
        guard let y = batch.y, y.count == 1 else {
            throw KerasError(.invalidArgument, "`classWeight` is only supported for batches with one target.")
        }
        var b = batch
        b.sampleWeight = [try classWeights(classWeight, for: y[0])]
        return b
    }

    static func checkBatchSize(_ batchSize: Int?) throws -> Int {
        let size = batchSize ?? 32
        guard size > 0 else {
            throw KerasError(.invalidArgument, "`batchSize` must be a positive number of samples; received \(size).")
        }
        return size
    }

    static func checkFitArguments(epochs: Int, verbose: Int, initialEpoch: Int) throws {
        guard epochs >= 0 else { throw KerasError(.invalidArgument, "`epochs` must be ≥ 0; received \(epochs).") }
        guard (0...2).contains(verbose) else {
            throw KerasError(.invalidArgument, "`verbose` must be 0 (silent), 1 (progress bar) or 2 (one line per epoch); received \(verbose).")
        }
        guard initialEpoch >= 0 else { throw KerasError(.invalidArgument, "`initialEpoch` must be ≥ 0; received \(initialEpoch).") }
    }
}
