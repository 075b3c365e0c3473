// Keras's activation functions (`keras.activations` / `keras.ops`), written from primitives so
// each gets its gradient from the pullback table.

/// `max(x, 0)` (Keras's `relu`); the gradient at 0 is 0.
public func relu(_ x: Tensor) -> Tensor { unaryOp(.relu, x) }

/// `min(max(x, 0), 6)` (Keras's `relu6`); the gradient is 0 at both kinks, as in Keras.
public func relu6(_ x: Tensor) -> Tensor {
    select(less(x, Tensor(6, dtype: x.dtype)), relu(x), Tensor(6, dtype: x.dtype))
}

/// `x` for `x >= 0`, `negativeSlope * x` below (Keras's `leaky_relu`, default slope 0.2).
public func leakyRelu(_ x: Tensor, negativeSlope: Double = 0.2) -> Tensor {
    select(greaterEqual(x, Tensor.zeros([], dtype: x.dtype)), x, x * negativeSlope)
}

/// `x` for `x > 0`, `alpha * (e^x - 1)` below (Keras's `elu`).
public func elu(_ x: Tensor, alpha: Double = 1) -> Tensor {
    let zero = Tensor.zeros([], dtype: x.dtype)
    // The unused branch sees 0 instead of a large x, so it stays finite and its gradient is not
    // NaN; at x == 0 the gradient is alpha, as in Keras.
    return select(greater(x, zero), x, expm1(select(greater(x, zero), zero, x)) * alpha)
}

/// Scaled ELU with Keras's constants (Keras's `selu`).
public func selu(_ x: Tensor) -> Tensor {
    let alpha = 1.67326324235437728481704299167176
    let scale = 1.05070098735548049341933498529461
    return elu(x, alpha: alpha) * scale
}

/// The Gaussian error linear unit (Keras's `ops.gelu`): the tanh approximation by default, as
/// `keras.ops.gelu`; `approximate: false` gives the exact `x * Φ(x)` that the `"gelu"`
/// activation uses.
public func gelu(_ x: Tensor, approximate: Bool = true) -> Tensor {
    if approximate {
        let c = 0.7978845608028654  // sqrt(2 / pi)
        let inner = (x + power(x, 3) * 0.044715) * c
        return x * 0.5 * (tanh(inner) + 1)
    }
    return x * 0.5 * (erf(x * 0.7071067811865476) + 1)
}

/// `x * sigmoid(x)` (Keras's `silu`, also called `swish`).
public func silu(_ x: Tensor) -> Tensor { x * sigmoid(x) }

/// The same as ``silu(_:)``: Keras's `swish`.
public func swish(_ x: Tensor) -> Tensor { silu(x) }

/// `1 / (1 + e^-x)` (Keras's `sigmoid`).
public func sigmoid(_ x: Tensor) -> Tensor { unaryOp(.sigmoid, x) }

/// `log(1 + e^x)`, computed stably as `max(x, 0) + log1p(e^-|x|)` (Keras's `softplus`); the
/// gradient at 0 is 0.5.
public func softplus(_ x: Tensor) -> Tensor { maximum(x, 0) + log1p(exp(-abs(x))) }

/// `x / (1 + |x|)` (Keras's `softsign`).
public func softsign(_ x: Tensor) -> Tensor { x / (abs(x) + 1) }

/// `relu6(x + 3) / 6` (Keras 3's `hard_sigmoid`).
public func hardSigmoid(_ x: Tensor) -> Tensor { relu6(x + 3) / 6 }

/// `x * relu6(x + 3) / 6` (Keras's `hard_swish`, also `hard_silu`).
public func hardSwish(_ x: Tensor) -> Tensor { x * hardSigmoid(x) }

/// `x * tanh(softplus(x))` (Keras's `mish`).
public func mish(_ x: Tensor) -> Tensor { x * tanh(softplus(x)) }

/// `e^x` (Keras's `exponential` activation).
public func exponential(_ x: Tensor) -> Tensor { exp(x) }

/// `x` unchanged (Keras's `linear` activation).
public func linear(_ x: Tensor) -> Tensor { x }

/// The softmax along `axis` (Keras's `softmax`), shifted by the maximum for stability.
///
/// ```swift
/// softmax(Tensor([1.0, 2, 3])).floats   // [0.090, 0.245, 0.665]
/// ```
public func softmax(_ x: Tensor, axis: Int = -1) -> Tensor {
    let a = x.resolvedAxis(axis, op: "softmax")
    let shifted = x - stopGradient(x.max(axes: [a], keepingDimensions: true))
    let e = exp(shifted)
    return e / e.sum(axes: [a], keepingDimensions: true)
}

/// `log(softmax(x))` along `axis`, computed stably (Keras's `log_softmax`).
public func logSoftmax(_ x: Tensor, axis: Int = -1) -> Tensor {
    let a = x.resolvedAxis(axis, op: "log_softmax")
    let shifted = x - stopGradient(x.max(axes: [a], keepingDimensions: true))
    return shifted - log(exp(shifted).sum(axes: [a], keepingDimensions: true))
}
