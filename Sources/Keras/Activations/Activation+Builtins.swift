// Keras 3's built-in activations (`keras/src/activations/activations.py`), with Keras's
// default arguments. Formulas follow Keras's JAX backend, so outputs match to float rounding.

extension Activation {
    /// `max(x, 0)` (Keras's `relu` with default arguments).
    ///
    /// ```swift
    /// Activation.relu(Tensor([-1.0, 2]))   // [0, 2]
    /// ```
    public static let relu = Activation(builtin: "relu") { KerasCore.relu($0) }

    /// `x` for `x >= 0`, `0.2 * x` below (Keras's `leaky_relu`, `negative_slope=0.2`).
    ///
    /// ```swift
    /// Activation.leakyRelu(Tensor([-1.0]))   // [-0.2]
    /// ```
    public static let leakyRelu = Activation(builtin: "leaky_relu") { KerasCore.leakyRelu($0, negativeSlope: 0.2) }

    /// `min(max(x, 0), 6)` (Keras's `relu6`).
    ///
    /// ```swift
    /// Activation.relu6(Tensor([7.0]))   // [6]
    /// ```
    public static let relu6 = Activation(builtin: "relu6") { KerasCore.relu6($0) }

    /// The softmax along the last axis (Keras's `softmax`, `axis=-1`).
    ///
    /// ```swift
    /// Activation.softmax(Tensor([1.0, 1]))   // [0.5, 0.5]
    /// ```
    public static let softmax = Activation(builtin: "softmax") { KerasCore.softmax($0, axis: -1) }

    /// `max(x, 0) + alpha * expm1(min(x, 0) / alpha)` with `alpha = 1` (Keras's `celu`).
    ///
    /// ```swift
    /// Activation.celu(Tensor([-1.0]))   // [-0.632]
    /// ```
    public static let celu = Activation(builtin: "celu") { x in
        maximum(x, 0) + expm1(minimum(x, 0) / 1.0) * 1.0
    }

    /// `x` for `x > 0`, `expm1(x)` below (Keras's `elu`, `alpha=1`).
    ///
    /// ```swift
    /// Activation.elu(Tensor([-1.0]))   // [-0.632]
    /// ```
    public static let elu = Activation(builtin: "elu") { KerasCore.elu($0, alpha: 1) }

    /// The scaled ELU with Keras's constants (Keras's `selu`).
    ///
    /// ```swift
    /// Activation.selu(Tensor([1.0]))   // [1.0507]
    /// ```
    public static let selu = Activation(builtin: "selu") { KerasCore.selu($0) }

    /// `log(1 + e^x)` (Keras's `softplus`).
    ///
    /// ```swift
    /// Activation.softplus(Tensor([0.0]))   // [0.693]
    /// ```
    public static let softplus = Activation(builtin: "softplus") { KerasCore.softplus($0) }

    /// `x / (1 + |x|)` (Keras's `softsign`).
    ///
    /// ```swift
    /// Activation.softsign(Tensor([1.0]))   // [0.5]
    /// ```
    public static let softsign = Activation(builtin: "softsign") { KerasCore.softsign($0) }

    /// `(x + sqrt(x^2 + 4)) / 2` (Keras's `squareplus`, `b=4`).
    ///
    /// ```swift
    /// Activation.squareplus(Tensor([0.0]))   // [1]
    /// ```
    public static let squareplus = Activation(builtin: "squareplus") { x in
        (x + sqrt(square(x) + 4)) / 2
    }

    /// `x - 0.5` above `0.5`, `x + 0.5` below `-0.5`, `0` between (Keras's `soft_shrink`,
    /// `threshold=0.5`).
    ///
    /// ```swift
    /// Activation.softShrink(Tensor([1.0, 0.2]))   // [0.5, 0]
    /// ```
    public static let softShrink = Activation(builtin: "soft_shrink") { x in
        let t = 0.5
        let zero = Tensor.zeros([], dtype: x.dtype)
        return select(greater(x, scalar(t, like: x)), x - t,
                      select(less(x, scalar(-t, like: x)), x + t, zero))
    }

    /// `0` for `x <= -1`, `x` for `x >= 1`, `(x + 1)^2 / 4` between (Keras's `sparse_plus`).
    ///
    /// ```swift
    /// Activation.sparsePlus(Tensor([0.0]))   // [0.25]
    /// ```
    public static let sparsePlus = Activation(builtin: "sparse_plus") { x in
        let zero = Tensor.zeros([], dtype: x.dtype)
        return select(lessEqual(x, scalar(-1, like: x)), zero,
                      select(greaterEqual(x, scalar(1, like: x)), x, square(x + 1) / 4))
    }

    /// `x * sigmoid(x)` (Keras's `silu`; `"swish"` names the same function).
    ///
    /// ```swift
    /// Activation.silu(Tensor([1.0]))   // [0.731]
    /// ```
    public static let silu = Activation(builtin: "silu") { KerasCore.silu($0) }

    /// The same function as ``silu``; Keras writes it as `"silu"` in configs.
    ///
    /// ```swift
    /// Activation.swish == .silu   // true
    /// ```
    public static var swish: Activation { silu }

    /// The exact GELU `x * Φ(x) = 0.5 * x * (1 + erf(x / sqrt(2)))` (Keras's `gelu`, whose
    /// default is `approximate=False`, unlike `keras.ops.gelu`).
    ///
    /// ```swift
    /// Activation.gelu(Tensor([1.0]))   // [0.841]
    /// ```
    public static let gelu = Activation(builtin: "gelu") { KerasCore.gelu($0, approximate: false) }

    /// `a * sigmoid(b)` where `a` and `b` are the two halves of the last axis (Keras's `glu`,
    /// `axis=-1`); the last axis must have even size.
    ///
    /// ```swift
    /// Activation.glu(Tensor([2.0, 0]))   // [1]
    /// ```
    public static let glu = Activation(builtin: "glu") { x in
        let halves = split(x, sections: 2, axis: -1)
        return halves[0] * sigmoid(halves[1])
    }

    /// The hyperbolic tangent (Keras's `tanh`).
    ///
    /// ```swift
    /// Activation.tanh(Tensor([0.0]))   // [0]
    /// ```
    public static let tanh = Activation(builtin: "tanh") { KerasCore.tanh($0) }

    /// `x - tanh(x)` (Keras's `tanh_shrink`).
    ///
    /// ```swift
    /// Activation.tanhShrink(Tensor([1.0]))   // [0.238]
    /// ```
    public static let tanhShrink = Activation(builtin: "tanh_shrink") { x in x - KerasCore.tanh(x) }

    /// `x` where `x > threshold`, `defaultValue` elsewhere (Keras's `threshold`, which has no
    /// default arguments, so it cannot be chosen by name).
    ///
    /// ```swift
    /// Activation.threshold(0.3, defaultValue: -1)(Tensor([0.5, 0.1]))   // [0.5, -1]
    /// ```
    public static func threshold(_ threshold: Double, defaultValue: Double) -> Activation {
        Activation(builtin: "threshold") { x in
            select(greater(x, scalar(threshold, like: x)), x, scalar(defaultValue, like: x))
        }
    }

    /// `1 / (1 + e^-x)` (Keras's `sigmoid`).
    ///
    /// ```swift
    /// Activation.sigmoid(Tensor([0.0]))   // [0.5]
    /// ```
    public static let sigmoid = Activation(builtin: "sigmoid") { KerasCore.sigmoid($0) }

    /// `clip(x + 1, 0, 2) / 2` (Keras's `sparse_sigmoid`).
    ///
    /// ```swift
    /// Activation.sparseSigmoid(Tensor([0.0]))   // [0.5]
    /// ```
    public static let sparseSigmoid = Activation(builtin: "sparse_sigmoid") { x in
        clip(x + 1, min: 0, max: 2) * 0.5
    }

    /// `e^x` (Keras's `exponential`).
    ///
    /// ```swift
    /// Activation.exponential(Tensor([0.0]))   // [1]
    /// ```
    public static let exponential = Activation(builtin: "exponential") { exp($0) }

    /// `relu6(x + 3) / 6` (Keras's `hard_sigmoid`).
    ///
    /// ```swift
    /// Activation.hardSigmoid(Tensor([0.0]))   // [0.5]
    /// ```
    public static let hardSigmoid = Activation(builtin: "hard_sigmoid") { KerasCore.hardSigmoid($0) }

    /// `x * relu6(x + 3) / 6` (Keras's `hard_silu`; `"hard_swish"` names the same function).
    ///
    /// ```swift
    /// Activation.hardSilu(Tensor([1.0]))   // [0.667]
    /// ```
    public static let hardSilu = Activation(builtin: "hard_silu") { KerasCore.hardSwish($0) }

    /// The same function as ``hardSilu``; Keras writes it as `"hard_silu"` in configs.
    ///
    /// ```swift
    /// Activation.hardSwish == .hardSilu   // true
    /// ```
    public static var hardSwish: Activation { hardSilu }

    /// `x` limited to `[-1, 1]` (Keras's `hard_tanh`).
    ///
    /// ```swift
    /// Activation.hardTanh(Tensor([3.0]))   // [1]
    /// ```
    public static let hardTanh = Activation(builtin: "hard_tanh") { x in
        select(greater(x, scalar(1, like: x)), scalar(1, like: x),
               select(less(x, scalar(-1, like: x)), scalar(-1, like: x), x))
    }

    /// `x` where `|x| > 0.5`, `0` elsewhere (Keras's `hard_shrink`, `threshold=0.5`).
    ///
    /// ```swift
    /// Activation.hardShrink(Tensor([1.0, 0.2]))   // [1, 0]
    /// ```
    public static let hardShrink = Activation(builtin: "hard_shrink") { x in
        select(greater(abs(x), scalar(0.5, like: x)), x, Tensor.zeros([], dtype: x.dtype))
    }

    /// `x` unchanged (Keras's `linear`; also what a `null` activation means).
    ///
    /// ```swift
    /// Activation.linear(Tensor([3.0]))   // [3]
    /// ```
    public static let linear = Activation(builtin: "linear") { $0 }

    /// `x * tanh(softplus(x))` (Keras's `mish`).
    ///
    /// ```swift
    /// Activation.mish(Tensor([1.0]))   // [0.865]
    /// ```
    public static let mish = Activation(builtin: "mish") { KerasCore.mish($0) }

    /// `log(softmax(x))` along the last axis (Keras's `log_softmax`, `axis=-1`).
    ///
    /// ```swift
    /// Activation.logSoftmax(Tensor([1.0, 1]))   // [-0.693, -0.693]
    /// ```
    public static let logSoftmax = Activation(builtin: "log_softmax") { KerasCore.logSoftmax($0, axis: -1) }

    /// `-softplus(-x)` (Keras's `log_sigmoid`).
    ///
    /// ```swift
    /// Activation.logSigmoid(Tensor([0.0]))   // [-0.693]
    /// ```
    public static let logSigmoid = Activation(builtin: "log_sigmoid") { x in -KerasCore.softplus(-x) }

    /// Sparsemax along the last axis, exactly as Keras 3.15 computes it (Keras's `sparsemax`).
    ///
    /// Keras takes the threshold as `(sum over the support of the running sums - 1) / k` rather
    /// than the textbook `(running sum at k - 1) / k`; the two agree when the support has one
    /// element and differ otherwise (Keras gives `[0.3, 0.2]` for `[0.5, 0.4]`, not
    /// `[0.55, 0.45]`). We reproduce Keras, so loaded models give Keras's numbers.
    ///
    /// ```swift
    /// Activation.sparsemax(Tensor([0.0, 2]))   // [0, 1]
    /// ```
    public static let sparsemax = Activation(builtin: "sparsemax") { x in
        let axis = x.rank - 1
        let sorted = x.sorted(axis: axis, descending: true)
        let running = sorted.cumulativeSum(axis: axis)
        var rankShape = [Int](repeating: 1, count: x.rank)
        rankShape[axis] = x.shape[axis]
        let ranks = Tensor.arange(1, Double(x.shape[axis] + 1), dtype: x.dtype).reshaped(to: rankShape)
        let support = greater(sorted - (running - 1) / ranks, Tensor.zeros([], dtype: x.dtype))
        let k = support.cast(to: x.dtype).sum(axes: [axis], keepingDimensions: true)
        let kept = select(support, running, Tensor.zeros([], dtype: x.dtype))
        let tau = (kept.sum(axes: [axis], keepingDimensions: true) - 1) / k
        return maximum(x - tau, 0)
    }

    /// A scalar of `x`'s dtype (Keras compares against Python scalars, which take the tensor's dtype).
    private static func scalar(_ value: Double, like x: Tensor) -> Tensor {
        Tensor(value, dtype: x.dtype.floatingResult)
    }
}
