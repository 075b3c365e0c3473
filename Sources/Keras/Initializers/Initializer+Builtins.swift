// Keras's built-in initializers with Keras's defaults; the VarianceScaling family lives in
// VarianceScaling.swift and Orthogonal in Initializer+Orthogonal.swift.

extension Initializer {
    /// All zeros (Keras's `Zeros`).
    ///
    /// ```swift
    /// let bias = try Initializer.zeros([10])
    /// ```
    public static var zeros: Initializer {
        Initializer(builtin: "Zeros", config: [:]) { shape, dtype in Tensor.zeros(shape, dtype: dtype) }
    }

    /// All ones (Keras's `Ones`).
    ///
    /// ```swift
    /// let gamma = try Initializer.ones([64])
    /// ```
    public static var ones: Initializer {
        Initializer(builtin: "Ones", config: [:]) { shape, dtype in Tensor.ones(shape, dtype: dtype) }
    }

    /// Every element `value` (Keras's `Constant`, default 0).
    ///
    /// ```swift
    /// let b = try Initializer.constant(0.1)([10])
    /// ```
    public static func constant(_ value: Double = 0) -> Initializer {
        constant(config: .double(value))
    }

    /// Constant from its config value, keeping `2` and `2.0` apart as Keras writes them.
    static func constant(config value: JSONValue) -> Initializer {
        Initializer(builtin: "Constant", config: ["value": value]) { shape, dtype in
            guard let v = value.doubleValue else {
                throw KerasError(.invalidConfig, "Constant needs a number as its value, but received \(value.serialized()).")
            }
            return Tensor.full(shape, value: v, dtype: dtype)
        }
    }

    /// The identity matrix (Keras's `Identity`, gain 1); only for rank-2 shapes.
    ///
    /// ```swift
    /// let recurrent = try Initializer.identity([16, 16])
    /// ```
    public static var identity: Initializer { identity(gain: 1) }

    /// `gain` times the identity matrix (Keras's `Identity`); only for rank-2 shapes, which may
    /// be non-square.
    ///
    /// Keras 3 leaves `gain` out of its config (a Keras bug: it reloads as 1); we write it when it
    /// is not 1, which Keras reads back correctly.
    ///
    /// ```swift
    /// let w = try Initializer.identity(gain: 0.5)([4, 6])
    /// ```
    public static func identity(gain: Double) -> Initializer {
        identity(gain: gain, config: gain == 1 ? [:] : ["gain": .double(gain)])
    }

    static func identity(gain: Double, config: JSONObject) -> Initializer {
        Initializer(builtin: "Identity", config: config) { shape, dtype in
            guard shape.count == 2 else {
                throw KerasError(.invalidArgument, "Identity can only initialize 2-D matrices, but received shape \(shape) of rank \(shape.count).")
            }
            return Tensor.eye(shape[0], columns: shape[1], dtype: dtype) * gain
        }
    }

    /// Normal samples (Keras's `RandomNormal`, mean 0, stddev 0.05), unseeded.
    ///
    /// ```swift
    /// let w = try Initializer.randomNormal([8, 8])
    /// ```
    public static var randomNormal: Initializer { randomNormal() }

    /// Normal samples with `mean` and `stddev` (Keras's `RandomNormal`).
    ///
    /// ```swift
    /// let w = try Initializer.randomNormal(stddev: 0.02, seed: 1)([8, 8])
    /// ```
    public static func randomNormal(mean: Double = 0, stddev: Double = 0.05, seed: Int? = nil) -> Initializer {
        let config: JSONObject = ["seed": seedConfig(seed), "mean": .double(mean), "stddev": .double(stddev)]
        return Initializer(builtin: "RandomNormal", config: config) { shape, dtype in
            Random.normal(shape, mean: mean, stddev: stddev, dtype: dtype, seed: drawSeed(seed))
        }
    }

    /// Uniform samples in `[-0.05, 0.05)` (Keras's `RandomUniform`), unseeded.
    ///
    /// ```swift
    /// let w = try Initializer.randomUniform([8, 8])
    /// ```
    public static var randomUniform: Initializer { randomUniform() }

    /// Uniform samples in `[min, max)` (Keras's `RandomUniform`, `minval` and `maxval`).
    ///
    /// ```swift
    /// let w = try Initializer.randomUniform(min: -1, max: 1, seed: 3)([8])
    /// ```
    public static func randomUniform(min: Double = -0.05, max: Double = 0.05, seed: Int? = nil) -> Initializer {
        let config: JSONObject = ["seed": seedConfig(seed), "minval": .double(min), "maxval": .double(max)]
        return Initializer(builtin: "RandomUniform", config: config) { shape, dtype in
            Random.uniform(shape, min: min, max: max, dtype: dtype, seed: drawSeed(seed))
        }
    }

    /// Normal samples within two standard deviations of the mean (Keras's `TruncatedNormal`,
    /// mean 0, stddev 0.05), unseeded.
    ///
    /// ```swift
    /// let w = try Initializer.truncatedNormal([8, 8])
    /// ```
    public static var truncatedNormal: Initializer { truncatedNormal() }

    /// Normal samples with `mean` and `stddev`, redrawn beyond two standard deviations (Keras's
    /// `TruncatedNormal`). The `stddev` is that of the untruncated normal.
    ///
    /// ```swift
    /// let w = try Initializer.truncatedNormal(stddev: 0.02, seed: 42)([768, 768])
    /// ```
    public static func truncatedNormal(mean: Double = 0, stddev: Double = 0.05, seed: Int? = nil) -> Initializer {
        let config: JSONObject = ["seed": seedConfig(seed), "mean": .double(mean), "stddev": .double(stddev)]
        return Initializer(builtin: "TruncatedNormal", config: config) { shape, dtype in
            Random.truncatedNormal(shape, mean: mean, stddev: stddev, dtype: dtype, seed: drawSeed(seed))
        }
    }

    /// Glorot (Xavier) uniform: `limit = sqrt(6 / (fan_in + fan_out))` (Keras's `GlorotUniform`,
    /// the default kernel initializer of Dense and Conv layers), unseeded.
    ///
    /// ```swift
    /// let w = try Initializer.glorotUniform([784, 10])
    /// ```
    public static var glorotUniform: Initializer { glorotUniform() }

    /// Glorot uniform with a seed and optional fan axes (Keras's `GlorotUniform`).
    ///
    /// ```swift
    /// let w = try Initializer.glorotUniform(seed: 42)([784, 10])
    /// ```
    public static func glorotUniform(seed: Int? = nil, inputAxes: [Int]? = nil, outputAxes: [Int]? = nil) -> Initializer {
        namedScaling("GlorotUniform", scale: 1, mode: .fanAverage, distribution: .uniform,
                     seed: seed, inputAxes: inputAxes, outputAxes: outputAxes)
    }

    /// Glorot (Xavier) truncated normal: `stddev = sqrt(2 / (fan_in + fan_out))` after truncation
    /// (Keras's `GlorotNormal`), unseeded.
    ///
    /// ```swift
    /// let w = try Initializer.glorotNormal([784, 10])
    /// ```
    public static var glorotNormal: Initializer { glorotNormal() }

    /// Glorot normal with a seed and optional fan axes (Keras's `GlorotNormal`).
    ///
    /// ```swift
    /// let w = try Initializer.glorotNormal(seed: 1)([64, 64])
    /// ```
    public static func glorotNormal(seed: Int? = nil, inputAxes: [Int]? = nil, outputAxes: [Int]? = nil) -> Initializer {
        namedScaling("GlorotNormal", scale: 1, mode: .fanAverage, distribution: .truncatedNormal,
                     seed: seed, inputAxes: inputAxes, outputAxes: outputAxes)
    }

    /// He truncated normal: `stddev = sqrt(2 / fan_in)` after truncation (Keras's `HeNormal`),
    /// unseeded.
    ///
    /// ```swift
    /// let w = try Initializer.heNormal([3, 3, 16, 32])
    /// ```
    public static var heNormal: Initializer { heNormal() }

    /// He normal with a seed and optional fan axes (Keras's `HeNormal`).
    ///
    /// ```swift
    /// let w = try Initializer.heNormal(seed: 42)([256, 256])
    /// ```
    public static func heNormal(seed: Int? = nil, inputAxes: [Int]? = nil, outputAxes: [Int]? = nil) -> Initializer {
        namedScaling("HeNormal", scale: 2, mode: .fanIn, distribution: .truncatedNormal,
                     seed: seed, inputAxes: inputAxes, outputAxes: outputAxes)
    }

    /// He uniform: `limit = sqrt(6 / fan_in)` (Keras's `HeUniform`), unseeded.
    ///
    /// ```swift
    /// let w = try Initializer.heUniform([256, 256])
    /// ```
    public static var heUniform: Initializer { heUniform() }

    /// He uniform with a seed and optional fan axes (Keras's `HeUniform`).
    ///
    /// ```swift
    /// let w = try Initializer.heUniform(seed: 5)([256, 256])
    /// ```
    public static func heUniform(seed: Int? = nil, inputAxes: [Int]? = nil, outputAxes: [Int]? = nil) -> Initializer {
        namedScaling("HeUniform", scale: 2, mode: .fanIn, distribution: .uniform,
                     seed: seed, inputAxes: inputAxes, outputAxes: outputAxes)
    }

    /// LeCun truncated normal: `stddev = sqrt(1 / fan_in)` after truncation (Keras's
    /// `LecunNormal`, the companion of `selu`), unseeded.
    ///
    /// ```swift
    /// let w = try Initializer.lecunNormal([128, 64])
    /// ```
    public static var lecunNormal: Initializer { lecunNormal() }

    /// LeCun normal with a seed and optional fan axes (Keras's `LecunNormal`).
    ///
    /// ```swift
    /// let w = try Initializer.lecunNormal(seed: 9)([128, 64])
    /// ```
    public static func lecunNormal(seed: Int? = nil, inputAxes: [Int]? = nil, outputAxes: [Int]? = nil) -> Initializer {
        namedScaling("LecunNormal", scale: 1, mode: .fanIn, distribution: .truncatedNormal,
                     seed: seed, inputAxes: inputAxes, outputAxes: outputAxes)
    }

    /// LeCun uniform: `limit = sqrt(3 / fan_in)` (Keras's `LecunUniform`), unseeded.
    ///
    /// ```swift
    /// let w = try Initializer.lecunUniform([128, 64])
    /// ```
    public static var lecunUniform: Initializer { lecunUniform() }

    /// LeCun uniform with a seed and optional fan axes (Keras's `LecunUniform`).
    ///
    /// ```swift
    /// let w = try Initializer.lecunUniform(seed: 2)([128, 64])
    /// ```
    public static func lecunUniform(seed: Int? = nil, inputAxes: [Int]? = nil, outputAxes: [Int]? = nil) -> Initializer {
        namedScaling("LecunUniform", scale: 1, mode: .fanIn, distribution: .uniform,
                     seed: seed, inputAxes: inputAxes, outputAxes: outputAxes)
    }
}
