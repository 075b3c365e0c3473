// A layer's losses: what its calls record (`addLoss`, the activity regularizer's penalty on each
// output) and the penalties of its regularized weights, gathered as Keras's `Layer.losses` does.

extension Layer {
    /// Records a loss from inside ``call(_:training:mask:)`` (Keras's `add_loss`); it is part of
    /// ``losses`` until the next outermost call begins.
    public func addLoss(_ loss: Tensor) { callLosses.append(loss) }

    /// The losses recorded since the outermost call began, by this layer and every layer inside
    /// it (``addLoss(_:)``, then the ``activityRegularizer``'s penalty of each call, so a layer
    /// called twice in a model gives two), then the weight-regularization penalties of the
    /// trainable weights (Keras's order).
    ///
    /// ```swift
    /// let dense = try Dense(2, kernelRegularizer: .l2(0.01), activityRegularizer: .l1(0.1))
    /// _ = try dense(Tensor.ones([4, 3]))
    /// dense.losses   // [activity penalty / 4, kernel penalty]
    /// ```
    public var losses: [Tensor] {
        var result: [Tensor] = []
        var regularizers: [ObjectIdentifier: Regularizer] = [:]
        for layer in [self] + allSublayers {
            result += layer.callLosses
            for (v, r) in layer.regularizedVariables { regularizers[ObjectIdentifier(v)] = r }
        }
        for v in trainableWeights {
            if let r = regularizers[ObjectIdentifier(v)] { result.append(r(v.value)) }
        }
        return result
    }

    /// The penalty ``activityRegularizer`` adds for one output, as Keras 3's `Layer.__call__`
    /// computes it: `regularizer(output) / batchSize`, the batch size being the first axis
    /// (0 for an empty batch, as `divide_no_nan` gives; a scalar output is not divided), in the
    /// output's dtype. `nil` when the layer has no activity regularizer or the output is not
    /// floating-point.
    ///
    /// ```swift
    /// let dense = try Dense(2, activityRegularizer: .l2(0.5))
    /// let y = try dense(Tensor.ones([4, 3]))
    /// try dense.activityLoss(of: y)   // 0.5 * sum(y²) / 4
    /// ```
    ///
    /// - Throws: ``KerasError`` `.incompatibleShape` when the regularizer cannot take an output of
    ///   this rank (``Regularizer/orthogonal(factor:mode:)`` needs rank 2).
    public func activityLoss(of output: Tensor) throws -> Tensor? {
        guard let regularizer = activityRegularizer, output.dtype.isFloatingPoint else { return nil }
        if let rank = regularizer.requiredRank, output.rank != rank {
            throw KerasError(.incompatibleShape, "Layer \"\(name)\" (\(className)) has the activity regularizer \(regularizer.className), which needs outputs of rank \(rank), but the layer's output has shape \(Shape.describe(output.shape)). Give it to a layer with [batch, features] outputs, or use L1 or L2.")
        }
        let penalty = regularizer(output)
        guard output.rank > 0 else { return penalty }
        let batch = output.shape[0]
        return batch == 0 ? Tensor.zeros([], dtype: penalty.dtype) : penalty / Double(batch)
    }

    /// Adds the activity penalty of each of `outputs` to the losses of this call.
    func recordActivityLosses(_ outputs: [Tensor]) throws {
        guard activityRegularizer != nil else { return }
        for output in outputs {
            if let loss = try activityLoss(of: output) { callLosses.append(loss) }
        }
    }

    /// Forgets the losses of the previous call here and in every layer inside (Keras's
    /// `_clear_losses`, run when the outermost call begins).
    func clearCallLosses() {
        for layer in [self] + allSublayers { layer.callLosses.removeAll() }
    }

    /// Every layer nested inside this one, depth first, each once.
    var allSublayers: [Layer] {
        var result: [Layer] = []
        var seen = Set<ObjectIdentifier>([ObjectIdentifier(self)])
        func walk(_ layer: Layer) {
            for sub in layer.sublayers where seen.insert(ObjectIdentifier(sub)).inserted {
                result.append(sub)
                walk(sub)
            }
        }
        walk(self)
        return result
    }
}
