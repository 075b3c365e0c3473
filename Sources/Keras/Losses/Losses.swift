/// Keras's loss functions (`keras.losses.mean_squared_error(y_true, y_pred)`, ...): unreduced
/// values, computed in the predictions' dtype, with Keras's formulas and clipping.
///
/// Each function returns one value per sample (the last axis, or `axis`, reduced); the ``Loss``
/// classes wrap them with rank matching, sample weights, masks and reductions, and the loss-like
/// metrics (``Metrics/MeanSquaredError``, ``Metrics/BinaryCrossentropy``, ...) average them, as
/// Keras's metrics call the same functions.
///
/// ```swift
/// let yTrue = Tensor([0.0, 1.0, 0.0, 0.0], shape: [2, 2])
/// let yPred = Tensor([0.6, 0.4, 0.4, 0.6], shape: [2, 2])
/// try Losses.meanSquaredError(yTrue, yPred)      // [0.36, 0.26]
/// try Losses.binaryCrossentropy(yTrue, yPred)    // [0.9162908, 0.7135582]
/// ```
public enum Losses {
    /// Keras's fuzz factor `keras.backend.epsilon()`, `1e-7`: probabilities are clipped to
    /// `[epsilon, 1 - epsilon]` before a logarithm. The metrics use the same value (AUC's outer
    /// thresholds, the F-scores' and IoU's denominators).
    public static let epsilon = 1e-7

    // MARK: Shared checks

    /// The predictions as a float tensor and the labels cast to their dtype, as Keras's
    /// `convert_to_tensor(y_pred)` / `cast(y_true, y_pred.dtype)`.
    static func prepared(_ yTrue: Tensor, _ yPred: Tensor) -> (Tensor, Tensor) {
        let p = yPred.dtype.isFloatingPoint ? yPred : yPred.cast(to: .float32)
        return (yTrue.cast(to: p.dtype), p)
    }

    /// Throws `.incompatibleShape` naming both shapes unless they broadcast.
    static func requireBroadcast(_ yTrue: Tensor, _ yPred: Tensor, _ loss: String) throws {
        guard Shape.broadcast(yTrue.shape, yPred.shape) == nil else { return }
        throw KerasError(.incompatibleShape, "\(loss) received y_true of shape \(Shape.describe(yTrue.shape)) and y_pred of shape \(Shape.describe(yPred.shape)), which cannot be broadcast together. Give labels and predictions the same shape.")
    }

    /// Throws `.incompatibleShape` naming both shapes unless they are equal.
    static func requireSameShape(_ yTrue: Tensor, _ yPred: Tensor, _ loss: String) throws {
        guard yTrue.shape != yPred.shape else { return }
        throw KerasError(.incompatibleShape, "\(loss) needs y_true and y_pred of the same shape, but received y_true of shape \(Shape.describe(yTrue.shape)) and y_pred of shape \(Shape.describe(yPred.shape)).")
    }

    /// Throws unless the tensor has at least rank 1 (the functions reduce its last axis).
    static func requireRank1(_ x: Tensor, _ loss: String) throws {
        guard x.rank >= 1 else {
            throw KerasError(.incompatibleShape, "\(loss) reduces the last axis, but received scalar inputs. Pass labels and predictions of shape (batch, features), or at least (batch,).")
        }
    }

    /// `axis` resolved against `rank`, or a thrown `.invalidArgument` naming the shape.
    static func resolvedAxis(_ axis: Int, _ shape: [Int], _ loss: String) throws -> Int {
        guard let a = Shape.normalizedAxis(axis, rank: shape.count) else {
            throw KerasError(.invalidArgument, "\(loss) received axis=\(axis), which is out of range for y_pred of shape \(Shape.describe(shape)) (rank \(shape.count)); use an axis in \(-Swift.max(shape.count, 1))..<\(Swift.max(shape.count, 1)).")
        }
        return a
    }

    /// A list of axes resolved against `shape` (`nil` stays `nil`: all axes).
    static func resolvedAxes(_ axes: [Int]?, _ shape: [Int], _ loss: String) throws -> [Int]? {
        guard let axes else { return nil }
        let resolved = try axes.map { try resolvedAxis($0, shape, loss) }
        guard Set(resolved).count == resolved.count else {
            throw KerasError(.invalidArgument, "\(loss) received axis=\(axes), which repeats an axis of y_pred of shape \(Shape.describe(shape)).")
        }
        return resolved
    }

    // MARK: Argument validation (thrown at init by the loss classes)

    /// Throws unless `value` is finite and within `range`.
    static func validate(_ value: Double, _ argument: String, in range: ClosedRange<Double>, _ owner: String) throws {
        guard value.isFinite, range.contains(value) else {
            let upper = range.upperBound.isInfinite ? "" : " and at most \(range.upperBound)"
            throw KerasError(.invalidArgument, "\(owner) needs `\(argument)` to be a finite number of at least \(range.lowerBound)\(upper), but received \(argument)=\(value).")
        }
    }

    /// Throws unless `value` is finite.
    static func validateFinite(_ value: Double, _ argument: String, _ owner: String) throws {
        guard value.isFinite else {
            throw KerasError(.invalidArgument, "\(owner) needs `\(argument)` to be a finite number, but received \(argument)=\(value).")
        }
    }

    /// Throws unless `labelSmoothing` is in `[0, 1]`.
    static func validateLabelSmoothing(_ labelSmoothing: Double, _ owner: String) throws {
        try validate(labelSmoothing, "label_smoothing", in: 0...1, owner)
    }

    /// Throws unless `axis` is not a repeat of another (axes are checked against shapes when called).
    static func validateAxes(_ axes: [Int]?, _ owner: String) throws {
        guard let axes, Set(axes).count != axes.count else { return }
        throw KerasError(.invalidArgument, "\(owner) received axis=\(axes), which repeats an axis.")
    }
}
