// One batch of training, evaluation or prediction: the steps fit/evaluate/predict repeat.

extension Model {
    /// Runs the model on a batch's inputs: outputs and their Keras masks.
    func forward(_ x: [Tensor], training: Bool) throws -> (outputs: [Tensor], masks: [Tensor?]) {
        try invoke(x, training: training, masks: x.map { _ in nil })
    }

    /// Output names for logs: the graph's names, or `output_1`, ... for subclassed models.
    var trainingOutputNames: [String] { graph == nil ? [] : outputNames }

    /// One optimizer step on `batch`; returns the running logs.
    ///
    /// - Parameter cachedVariables: the trainable variables, found once per fit (finding them
    ///   walks every layer); `nil` on the first step.
    func trainStep(_ batch: FlatBatch, _ compiled: CompiledTraining, cachedVariables: inout [Variable]?) throws -> Logs {
        if !isBuilt {
            // Subclassed and input-less Sequential models create their weights on first use.
            _ = try withoutGradients { try forward(batch.x, training: false) }
        }
        let variables = cachedVariables ?? trainableVariables
        cachedVariables = variables
        if compiled.lossSpec != nil, batch.y == nil {
            throw KerasError(.invalidArgument, "Model \"\(name)\" is compiled with a loss, so training needs targets: pass `y` to fit (or batches with `y`).")
        }
        var outputs: [Tensor] = [], masks: [Tensor?] = [], perOutput: [Tensor?] = []
        let (loss, gradients) = try valueWithGradients(of: variables) {
            let result = try forward(batch.x, training: true)
            let y = batch.y ?? []
            try checkTargetCount(y, result.outputs)
            try compiled.buildIfNeeded(yTrue: y, yPred: result.outputs, outputNames: trainingOutputNames)
            let (total, parts) = try compiled.totalLoss(yTrue: y, yPred: result.outputs, masks: result.masks,
                                                        sampleWeight: batch.sampleWeight, modelLosses: losses,
                                                        outputNames: trainingOutputNames)
            outputs = result.outputs.map(stopGradient)
            masks = result.masks
            perOutput = parts.map { $0.map(stopGradient) }
            return compiled.optimizer.scaledLoss(total)
        }
        if !variables.isEmpty { try compiled.optimizer.apply(gradients, to: variables) }
        let total = compiled.optimizer.unscaledLoss(loss)
        try compiled.updateMetrics(total: total, perOutput: perOutput, yTrue: batch.y ?? [], yPred: outputs,
                                   masks: masks, sampleWeight: batch.sampleWeight, batchSize: batch.size)
        return try compiled.results()
    }

    /// Computes the loss and metrics of `batch` in inference mode; returns the running logs.
    func testStep(_ batch: FlatBatch, _ compiled: CompiledTraining) throws -> Logs {
        try withoutGradients {
            let result = try forward(batch.x, training: false)
            let y = batch.y ?? []
            if compiled.lossSpec != nil, batch.y == nil {
                throw KerasError(.invalidArgument, "Model \"\(name)\" is compiled with a loss, so evaluation needs targets: pass `y` to evaluate (or batches with `y`).")
            }
            try checkTargetCount(y, result.outputs)
            try compiled.buildIfNeeded(yTrue: y, yPred: result.outputs, outputNames: trainingOutputNames)
            let (total, parts) = try compiled.totalLoss(yTrue: y, yPred: result.outputs, masks: result.masks,
                                                        sampleWeight: batch.sampleWeight, modelLosses: losses,
                                                        outputNames: trainingOutputNames)
            try compiled.updateMetrics(total: total, perOutput: parts, yTrue: y, yPred: result.outputs,
                                       masks: result.masks, sampleWeight: batch.sampleWeight, batchSize: batch.size)
            return try compiled.results()
        }
    }

    /// The model's outputs for `batch` in inference mode.
    func predictStep(_ batch: FlatBatch) throws -> [Tensor] {
        try withoutGradients { try forward(batch.x, training: false).outputs }
    }

    private func checkTargetCount(_ y: [Tensor], _ outputs: [Tensor]) throws {
        guard !y.isEmpty, y.count != outputs.count else { return }
        throw KerasError(.invalidArgument, "Model \"\(name)\" has \(outputs.count) outputs but \(y.count) targets were given. Pass one target per output\(outputNames.isEmpty ? "" : " (\(outputNames.joined(separator: ", ")))"), in order or keyed by output name.")
    }
}
