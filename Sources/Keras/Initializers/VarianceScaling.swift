// Keras's VarianceScaling family (Glorot, He, LeCun): the fan computation and the three
// distributions, as in `keras/src/initializers/random_initializers.py`.

/// Which fan ``Initializer/varianceScaling(scale:mode:distribution:seed:inputAxes:outputAxes:)``
/// divides the scale by; raw values are Keras's `mode` strings.
///
/// ```swift
/// VarianceScalingMode(rawValue: "fan_avg")   // .fanAverage
/// ```
public enum VarianceScalingMode: String, Sendable, Hashable, CaseIterable {
    /// The number of input units (`"fan_in"`).
    case fanIn = "fan_in"
    /// The number of output units (`"fan_out"`).
    case fanOut = "fan_out"
    /// Their average (`"fan_avg"`).
    case fanAverage = "fan_avg"
}

/// The distribution ``Initializer/varianceScaling(scale:mode:distribution:seed:inputAxes:outputAxes:)``
/// samples from; raw values are Keras's `distribution` strings (Keras also reads `"normal"` as
/// `"truncated_normal"`).
///
/// ```swift
/// VarianceScalingDistribution(rawValue: "uniform")   // .uniform
/// ```
public enum VarianceScalingDistribution: String, Sendable, Hashable, CaseIterable {
    /// A normal truncated at two standard deviations, its stddev corrected so the samples have
    /// variance `scale / fan` (`"truncated_normal"`).
    case truncatedNormal = "truncated_normal"
    /// A plain normal with variance `scale / fan` (`"untruncated_normal"`).
    case untruncatedNormal = "untruncated_normal"
    /// Uniform in `[-limit, limit]` with `limit = sqrt(3 * scale / fan)` (`"uniform"`).
    case uniform = "uniform"
}

extension Initializer {
    /// The stddev of a unit normal truncated to `[-2, 2]` (Keras's correction constant).
    static let truncatedNormalStddev = 0.87962566103423978

    /// Keras's `compute_fans`: `(fan_in, fan_out)` of a weight of `shape`.
    ///
    /// Rank 0 gives `(1, 1)`, rank 1 `(n, n)`, rank 2 `(rows, cols)`, and higher ranks multiply the
    /// last two axes by the receptive field (the product of the others), as for a convolution
    /// kernel `[kh, kw, in, out]`. With `inputAxes` and `outputAxes`, each fan is the product of
    /// those axes (negative axes count from the end).
    ///
    /// ```swift
    /// try Initializer.computeFans([3, 3, 16, 32])   // (144, 288)
    /// ```
    public static func computeFans(_ shape: [Int], inputAxes: [Int]? = nil,
                                   outputAxes: [Int]? = nil) throws -> (fanIn: Int, fanOut: Int) {
        if let inputAxes, let outputAxes {
            func product(_ axes: [Int]) throws -> Int {
                try axes.reduce(1) { result, axis in
                    let a = axis < 0 ? axis + shape.count : axis
                    guard a >= 0 && a < shape.count else {
                        throw KerasError(.invalidArgument, "Axis \(axis) is out of range for a weight of shape \(shape) (rank \(shape.count)); check input_axes and output_axes.")
                    }
                    return result * shape[a]
                }
            }
            return (try product(inputAxes), try product(outputAxes))
        }
        switch shape.count {
        case 0: return (1, 1)
        case 1: return (shape[0], shape[0])
        case 2: return (shape[0], shape[1])
        default:
            let receptiveField = shape.dropLast(2).reduce(1, *)
            return (shape[shape.count - 2] * receptiveField, shape[shape.count - 1] * receptiveField)
        }
    }

    /// Samples with variance `scale / fan` (Keras's `VarianceScaling`).
    ///
    /// - Parameters:
    ///   - scale: Positive scaling factor (default 1).
    ///   - mode: Which fan to divide by (default `.fanIn`).
    ///   - distribution: Truncated normal (default), plain normal or uniform.
    ///   - seed: An integer seed for reproducible values, or `nil` to draw from the global stream.
    ///   - inputAxes: Axes whose product gives the fan-in, instead of Keras's rule by rank; give
    ///     both `inputAxes` and `outputAxes` or neither.
    ///   - outputAxes: Axes whose product gives the fan-out, instead of Keras's rule by rank; give
    ///     both `inputAxes` and `outputAxes` or neither.
    ///
    /// ```swift
    /// let w = try Initializer.varianceScaling(scale: 2, mode: .fanOut, distribution: .uniform, seed: 7)([64, 32])
    /// ```
    public static func varianceScaling(scale: Double = 1, mode: VarianceScalingMode = .fanIn,
                                       distribution: VarianceScalingDistribution = .truncatedNormal,
                                       seed: Int? = nil, inputAxes: [Int]? = nil,
                                       outputAxes: [Int]? = nil) -> Initializer {
        let config: JSONObject = [
            "seed": seedConfig(seed), "scale": .double(scale), "mode": .string(mode.rawValue),
            "distribution": .string(distribution.rawValue), "input_axes": axesConfig(inputAxes),
            "output_axes": axesConfig(outputAxes),
        ]
        return scaled("VarianceScaling", config: config, scale: scale, mode: mode,
                      distribution: distribution, seed: seed, inputAxes: inputAxes, outputAxes: outputAxes)
    }

    /// The shared body of VarianceScaling and its named subclasses.
    static func scaled(_ className: String, config: JSONObject, scale: Double, mode: VarianceScalingMode,
                       distribution: VarianceScalingDistribution, seed: Int?, inputAxes: [Int]?,
                       outputAxes: [Int]?) -> Initializer {
        Initializer(builtin: className, config: config) { shape, dtype in
            guard scale > 0 && scale.isFinite else {
                throw KerasError(.invalidArgument, "\(className) needs a positive scale, but received scale=\(scale).")
            }
            guard (inputAxes == nil) == (outputAxes == nil) else {
                throw KerasError(.invalidArgument, "\(className) needs both input_axes and output_axes, or neither.")
            }
            let (fanIn, fanOut) = try computeFans(shape, inputAxes: inputAxes, outputAxes: outputAxes)
            let fan: Double
            switch mode {
            case .fanIn: fan = Double(fanIn)
            case .fanOut: fan = Double(fanOut)
            case .fanAverage: fan = Double(fanIn + fanOut) / 2
            }
            let variance = scale / Swift.max(1, fan)
            let draw = drawSeed(seed)
            switch distribution {
            case .truncatedNormal:
                let stddev = variance.squareRoot() / truncatedNormalStddev
                return Random.truncatedNormal(shape, mean: 0, stddev: stddev, dtype: dtype, seed: draw)
            case .untruncatedNormal:
                return Random.normal(shape, mean: 0, stddev: variance.squareRoot(), dtype: dtype, seed: draw)
            case .uniform:
                let limit = (3 * variance).squareRoot()
                return Random.uniform(shape, min: -limit, max: limit, dtype: dtype, seed: draw)
            }
        }
    }

    /// A named VarianceScaling subclass (GlorotUniform, HeNormal, ...): its config holds only the
    /// seed and axes, as Keras writes it.
    static func namedScaling(_ className: String, scale: Double, mode: VarianceScalingMode,
                             distribution: VarianceScalingDistribution, seed: Int?, inputAxes: [Int]?,
                             outputAxes: [Int]?) -> Initializer {
        let config: JSONObject = ["seed": seedConfig(seed), "input_axes": axesConfig(inputAxes),
                                  "output_axes": axesConfig(outputAxes)]
        return scaled(className, config: config, scale: scale, mode: mode, distribution: distribution,
                      seed: seed, inputAxes: inputAxes, outputAxes: outputAxes)
    }

    static func axesConfig(_ axes: [Int]?) -> JSONValue {
        axes.map { .array($0.map { .int($0) }) } ?? .null
    }
}
