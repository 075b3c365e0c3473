// Connectionist temporal classification: the forward (alpha) recursion in log space, written from
// differentiable ops so its gradient comes from the tape.

extension Losses {
    /// The CTC loss of padded integer label sequences against per-frame logits (Keras's `ctc`),
    /// for unsegmented sequence labelling such as speech or handwriting recognition.
    ///
    /// Class 0 is the blank and also the padding of `yTrue`: a row's label length is its number
    /// of non-zero entries, which must come first (`[3, 1, 0, 0]` is the sequence 3, 1). Every
    /// sequence uses all `time` frames of `yPred`.
    ///
    /// - Parameters:
    ///   - yTrue: labels, `[batch, maxLabelLength]`, integers in `1..<classes` padded with 0.
    ///   - yPred: logits (not probabilities), `[batch, time, classes]`.
    /// - Returns: the negative log-likelihood of each sequence, `[batch]`.
    /// - Throws: ``KerasError`` for other ranks or labels outside `0..<classes`.
    ///
    /// ```swift
    /// let labels = Tensor([1, 2, 0], shape: [1, 3])
    /// let logits = Tensor.zeros([1, 4, 3])        // uniform over 3 classes in 4 frames
    /// try Losses.ctc(labels, logits)              // [1.6864]: -log(15 / 81), 15 alignments
    /// ```
    public static func ctc(_ yTrue: Tensor, _ yPred: Tensor) throws -> Tensor {
        guard yTrue.rank == 2 else {
            throw KerasError(.incompatibleShape, "ctc expects targets y_true of shape (batch_size, max_length) in integer format, but received y_true of shape \(Shape.describe(yTrue.shape)).")
        }
        guard yPred.rank == 3 else {
            throw KerasError(.incompatibleShape, "ctc expects logits y_pred of shape (batch_size, max_length, num_classes), but received y_pred of shape \(Shape.describe(yPred.shape)).")
        }
        let batch = yPred.shape[0], time = yPred.shape[1]
        let labelLength = notEqual(yTrue, Tensor.zeros([], dtype: yTrue.dtype)).cast(to: .int32).sum(axes: [1])
        return try ctcLoss(target: yTrue, output: yPred, targetLength: labelLength,
                           outputLength: Tensor.full([batch], value: Double(time), dtype: .int32), maskIndex: 0)
    }

    /// The CTC loss with explicit lengths (Keras's `ops.ctc_loss`), computed by the forward
    /// recursion over blank and label states in log space.
    ///
    /// As Keras's JAX backend, impossible paths score `-1e5` instead of `-inf`, so a label sequence
    /// too long for its frames gives a large finite loss (about `1e5`) rather than infinity.
    ///
    /// - Parameters:
    ///   - target: labels, `[batch, maxLabelLength]`; the first `targetLength[b]` of row `b` count.
    ///   - output: logits, `[batch, time, classes]`.
    ///   - targetLength: label lengths, `[batch]`.
    ///   - outputLength: frame counts, `[batch]`; later frames are ignored.
    ///   - maskIndex: the blank class. Defaults to 0.
    /// - Returns: `[batch]`, in `output`'s dtype (at least `float32`).
    ///
    /// ```swift
    /// let loss = try Losses.ctcLoss(target: Tensor([1, 2], shape: [1, 2]), output: Tensor.zeros([1, 4, 3]),
    ///                               targetLength: Tensor([2]), outputLength: Tensor([3]))   // [1.6864]: -log(5 / 27)
    /// ```
    public static func ctcLoss(target: Tensor, output: Tensor, targetLength: Tensor, outputLength: Tensor,
                               maskIndex: Int = 0) throws -> Tensor {
        guard target.rank == 2, output.rank == 3, target.shape[0] == output.shape[0] else {
            throw KerasError(.incompatibleShape, "ctc_loss needs target of shape (batch, max_label_length) and output of shape (batch, time, classes) with one batch size, but received target of shape \(Shape.describe(target.shape)) and output of shape \(Shape.describe(output.shape)).")
        }
        let batch = output.shape[0], time = output.shape[1], classes = output.shape[2], labels = target.shape[1]
        guard targetLength.shape == [batch], outputLength.shape == [batch] else {
            throw KerasError(.incompatibleShape, "ctc_loss needs target_length and output_length of shape (\(batch),), but received \(Shape.describe(targetLength.shape)) and \(Shape.describe(outputLength.shape)).")
        }
        guard (0..<classes).contains(maskIndex) else {
            throw KerasError(.invalidArgument, "ctc_loss received mask_index=\(maskIndex), which is not a class of output of shape \(Shape.describe(output.shape)); use an index in 0..<\(classes).")
        }
        // A length keeps the first `length` positions, as Keras's paddings do (clamped to the axis).
        let labelLengths = targetLength.doubles.map { Swift.min(Swift.max(Int($0), 0), labels) }
        let frameLengths = outputLength.doubles.map { Int($0) }
        let ids = target.cast(to: .int32)
        let idValues = ids.doubles.map { Int($0) }
        for b in 0..<batch {
            for n in 0..<labelLengths[b] where !(0..<classes).contains(idValues[b * labels + n]) {
                throw KerasError(.invalidArgument, "ctc_loss received label \(idValues[b * labels + n]) at position \(n) of sequence \(b), but output has \(classes) classes; labels must be in 0..<\(classes).")
            }
        }

        let dtype = DType.promoted(output.dtype.computeType, .float32)
        let logProbabilities = logSoftmax(output.cast(to: dtype))                 // [B, T, K]
        let logEpsilon = -1e5
        // repeats[b, n] = 1 when label n equals label n + 1 (the last position never repeats).
        var repeatValues = [Double](repeating: 0, count: batch * labels)
        for b in 0..<batch {
            for n in 0..<Swift.max(labels - 1, 0) where idValues[b * labels + n] == idValues[b * labels + n + 1] {
                repeatValues[b * labels + n] = 1
            }
        }
        let repeats = Tensor(repeatValues, shape: [batch, labels], dtype: dtype)
        let blankPenalty = repeats * logEpsilon          // emit -> blank, blocked unless the next label repeats
        let repeatPenalty = (1 - repeats) * logEpsilon   // emit -> blank -> repeat, allowed only for repeats
        // Per frame: the blank's log-probability [B, 1] and each label's [B, N].
        let blank = logProbabilities[.all, .all, .range(maskIndex..<(maskIndex + 1))].transposed(axes: [1, 0, 2])
        let labelOneHot = oneHot(ids, numClasses: classes, dtype: dtype)         // [B, N, K]
        let emitted = matmul(logProbabilities, labelOneHot.transposed(axes: [0, 2, 1])).transposed(axes: [1, 0, 2])

        // phi[b, n]: log-probability of having emitted n labels and sitting on a blank; emit[b, n]:
        // of sitting on label n.
        var phiStart = [Double](repeating: logEpsilon, count: batch * (labels + 1))
        for b in 0..<batch { phiStart[b * (labels + 1)] = 0 }
        var phi = Tensor(phiStart, shape: [batch, labels + 1], dtype: dtype)
        var emit = Tensor.full([batch, labels], value: logEpsilon, dtype: dtype)
        for t in 0..<time {
            let blankT = blank[.index(t)], emitT = emitted[.index(t)]
            let previousPhi = phi
            let phiIn = addingToPhi(phi, emit + blankPenalty)
            var nextEmit = logAddExp(phiIn[.all, .range(0..<labels)] + emitT, emit + emitT)
            var nextPhi = addingToPhi(phiIn + blankT, emit + blankT + repeatPenalty)
            let padded = frameLengths.map { t >= $0 ? 1.0 : 0.0 }
            if padded.contains(1) {
                // Frames past a sequence's length keep its state.
                let pad = Tensor(padded, shape: [batch, 1], dtype: dtype)
                nextEmit = pad * emit + (1 - pad) * nextEmit
                nextPhi = pad * previousPhi + (1 - pad) * nextPhi
            }
            phi = nextPhi
            emit = nextEmit
        }
        let final = addingToPhi(phi, emit)
        let pick = oneHot(Tensor(labelLengths), numClasses: labels + 1, dtype: dtype)
        return -(final * pick).sum(axes: [1])
    }

    /// `phi` with `added` log-added into every state after the first (`phi[:, 1:]`).
    private static func addingToPhi(_ phi: Tensor, _ added: Tensor) -> Tensor {
        let n = phi.shape[1]
        return concatenate([phi[.all, .range(0..<1)], logAddExp(phi[.all, .range(1..<n)], added)], axis: 1)
    }

    /// `log(exp(a) + exp(b))`, stably (numpy's `logaddexp`).
    static func logAddExp(_ a: Tensor, _ b: Tensor) -> Tensor {
        maximum(a, b) + log1p(exp(-abs(a - b)))
    }
}
