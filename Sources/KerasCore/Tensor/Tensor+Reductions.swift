// Reductions over any axes (`keras.ops.sum`, `mean`, `max`, ...). `axes: nil` reduces all axes.

extension Tensor {
    private func reduced(_ op: ReduceOp, _ axes: [Int]?, _ keep: Bool, name: String) -> Tensor {
        let resolved = resolvedAxes(axes, op: name)
        var input = self
        switch op {
        case .any, .all: input = KerasCore.cast(self, to: .bool)
        case .sum, .prod: if dtype == .bool || dtype == .uint8 { input = KerasCore.cast(self, to: .int32) }
        case .max, .min:
            if count == 0 && resolved.contains(where: { shape[$0] == 0 }) {
                opFailure(name, "cannot reduce an empty axis of shape \(Shape.describe(shape)): a maximum or minimum of no elements is undefined.")
            }
        }
        return dispatch(.reduce(op, axes: resolved, keepDimensions: keep), [input])
    }

    /// The sum over `axes` (all when `nil`) (Keras's `ops.sum`).
    public func sum(axes: [Int]? = nil, keepingDimensions: Bool = false) -> Tensor {
        reduced(.sum, axes, keepingDimensions, name: "sum")
    }

    /// The product over `axes` (Keras's `ops.prod`).
    public func prod(axes: [Int]? = nil, keepingDimensions: Bool = false) -> Tensor {
        reduced(.prod, axes, keepingDimensions, name: "prod")
    }

    /// The largest element over `axes` (Keras's `ops.max`); ties share the gradient equally.
    public func max(axes: [Int]? = nil, keepingDimensions: Bool = false) -> Tensor {
        reduced(.max, axes, keepingDimensions, name: "max")
    }

    /// The smallest element over `axes` (Keras's `ops.min`).
    public func min(axes: [Int]? = nil, keepingDimensions: Bool = false) -> Tensor {
        reduced(.min, axes, keepingDimensions, name: "min")
    }

    /// Whether any element over `axes` is true / non-zero (Keras's `ops.any`).
    public func any(axes: [Int]? = nil, keepingDimensions: Bool = false) -> Tensor {
        reduced(.any, axes, keepingDimensions, name: "any")
    }

    /// Whether all elements over `axes` are true / non-zero (Keras's `ops.all`).
    public func all(axes: [Int]? = nil, keepingDimensions: Bool = false) -> Tensor {
        reduced(.all, axes, keepingDimensions, name: "all")
    }

    /// The mean over `axes` (Keras's `ops.mean`); integers average to `float32`, and 16-bit
    /// floats are summed and divided in `float32` before rounding back.
    public func mean(axes: [Int]? = nil, keepingDimensions: Bool = false) -> Tensor {
        let resolved = resolvedAxes(axes, op: "mean")
        let n = resolved.reduce(1) { $0 * shape[$1] }
        let result = dtype.floatingResult
        let x = KerasCore.cast(self, to: result.computeType)
        return KerasCore.cast(x.sum(axes: resolved, keepingDimensions: keepingDimensions) / Double(n), to: result)
    }

    /// The population variance over `axes` (Keras's `ops.var`).
    public func variance(axes: [Int]? = nil, keepingDimensions: Bool = false) -> Tensor {
        let resolved = resolvedAxes(axes, op: "var")
        let result = dtype.floatingResult
        let x = KerasCore.cast(self, to: result.computeType)
        let centered = x - x.mean(axes: resolved, keepingDimensions: true)
        return KerasCore.cast(square(centered).mean(axes: resolved, keepingDimensions: keepingDimensions), to: result)
    }

    /// The population standard deviation over `axes` (Keras's `ops.std`).
    public func standardDeviation(axes: [Int]? = nil, keepingDimensions: Bool = false) -> Tensor {
        sqrt(variance(axes: axes, keepingDimensions: keepingDimensions))
    }

    /// `log(sum(exp(x)))` over `axes`, computed stably (Keras's `ops.logsumexp`).
    public func logSumExp(axes: [Int]? = nil, keepingDimensions: Bool = false) -> Tensor {
        let resolved = resolvedAxes(axes, op: "logsumexp")
        let x = dtype.isFloatingPoint ? self : KerasCore.cast(self, to: .float32)
        let m = stopGradient(x.max(axes: resolved, keepingDimensions: true))
        // An all -inf slice would give nan from (-inf) - (-inf); use 0 as its shift.
        let safe = select(equal(m, Tensor(-Double.infinity, dtype: m.dtype)), Tensor.zeros(like: m), m)
        let s = log(exp(x - safe).sum(axes: resolved, keepingDimensions: true)) + safe
        return keepingDimensions ? s : s.squeezed(axes: resolved)
    }

    /// The index of the largest element along `axis` (the first on ties), as `int32` (Keras's
    /// `ops.argmax`); `axis: nil` indexes the flattened tensor.
    public func argmax(axis: Int? = nil, keepingDimensions: Bool = false) -> Tensor {
        argReduced(largest: true, axis: axis, keep: keepingDimensions)
    }

    /// The index of the smallest element along `axis` (the first on ties), as `int32` (Keras's
    /// `ops.argmin`); `axis: nil` indexes the flattened tensor.
    public func argmin(axis: Int? = nil, keepingDimensions: Bool = false) -> Tensor {
        argReduced(largest: false, axis: axis, keep: keepingDimensions)
    }

    private func argReduced(largest: Bool, axis: Int?, keep: Bool) -> Tensor {
        let name = largest ? "argmax" : "argmin"
        guard let axis else {
            let flat = flattened().argReduced(largest: largest, axis: 0, keep: false)
            return keep ? flat.reshaped(to: [Int](repeating: 1, count: rank)) : flat
        }
        let a = resolvedAxis(axis, op: name)
        guard shape[a] > 0 else { opFailure(name, "axis \(axis) of shape \(Shape.describe(shape)) is empty.") }
        return dispatch(.argReduce(largest: largest, axis: a, keepDimensions: keep), [self])
    }

    /// The running sum along `axis` (Keras's `ops.cumsum`).
    public func cumulativeSum(axis: Int) -> Tensor {
        let a = resolvedAxis(axis, op: "cumsum")
        let x = (dtype == .bool || dtype == .uint8) ? KerasCore.cast(self, to: .int32) : self
        return dispatch(.cumulative(.sum, axis: a), [x])
    }

    /// The running product along `axis` (Keras's `ops.cumprod`).
    public func cumulativeProduct(axis: Int) -> Tensor {
        let a = resolvedAxis(axis, op: "cumprod")
        let x = (dtype == .bool || dtype == .uint8) ? KerasCore.cast(self, to: .int32) : self
        return dispatch(.cumulative(.prod, axis: a), [x])
    }
}
