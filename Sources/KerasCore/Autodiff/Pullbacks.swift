/// The one pullback table: for each primitive, the gradient of its inputs given the gradient of
/// its output. Written with the ops themselves, so the table works on any backend.
enum Pullbacks {
    /// Whether gradients flow through `primitive` at all (float results, not a rounding,
    /// comparison, index or random primitive).
    static func isDifferentiable(_ primitive: Primitive, inputs: [Tensor]) -> Bool {
        switch primitive {
        case .unary(let op):
            switch op {
            case .sign, .floor, .ceil, .round, .logicalNot: return false
            default: return inputs[0].dtype.isFloatingPoint
            }
        case .binary(let op):
            return !op.isComparison && op != .floorDivide && inputs[0].dtype.isFloatingPoint
        case .cast(let to):
            return to.isFloatingPoint && inputs[0].dtype.isFloatingPoint
        case .reduce(let op, _, _):
            return op != .any && op != .all && inputs[0].dtype.isFloatingPoint
        case .argReduce, .argsort, .random, .poolBackprop:
            return false
        case .select:
            return inputs[1].dtype.isFloatingPoint
        case .indexAdd, .scatterAlongAxisAdd:
            return inputs[0].dtype.isFloatingPoint
        default:
            return inputs[0].dtype.isFloatingPoint
        }
    }

    /// The gradients of `inputs` (nil where none flows) given `gradient`, the gradient of `output`.
    static func pullback(_ primitive: Primitive, inputs: [Tensor], output y: Tensor, gradient g: Tensor) -> [Tensor?] {
        let x = inputs[0]
        switch primitive {
        case .unary(let op):
            return [unary(op, x: x, y: y, g: g)]
        case .binary(let op):
            let (ga, gb) = binary(op, a: inputs[0], b: inputs[1], y: y, g: g)
            return [ga.map { unbroadcast($0, to: inputs[0].shape) }, gb.map { unbroadcast($0, to: inputs[1].shape) }]
        case .cast:
            return [cast(g, to: x.dtype)]
        case .select:
            let zero = Tensor.zeros([], dtype: g.dtype)
            let c = inputs[0]
            return [nil, unbroadcast(select(c, g, zero), to: inputs[1].shape),
                    unbroadcast(select(c, zero, g), to: inputs[2].shape)]
        case .reduce(let op, let axes, let keep):
            return [reduce(op, axes: axes, keep: keep, x: x, y: y, g: g)]
        case .cumulative(let op, let axis):
            // d(cumsum)^T g = reverse cumsum of g.
            if op == .sum { return [g.flipped(axes: [axis]).cumulativeSum(axis: axis).flipped(axes: [axis])] }
            return [cumulativeProductGradient(x, y: y, g: g, axis: axis)]
        case .matmul:
            let b = inputs[1]
            return [matmul(g, b.swappingAxes(-1, -2)), matmul(x.swappingAxes(-1, -2), g)]
        case .reshape:
            return [g.reshaped(to: x.shape)]
        case .transpose(let perm):
            var inverse = perm
            for (i, p) in perm.enumerated() { inverse[p] = i }
            return [g.transposed(axes: inverse)]
        case .broadcast:
            return [unbroadcast(g, to: x.shape)]
        case .slice(let ranges):
            return [dispatch(.sliceScatter(ranges, shape: x.shape), [g])]
        case .sliceScatter(let ranges, _):
            return [g.sliced(ranges)]
        case .concatenate(let axis):
            var bounds: [Int] = []
            var running = 0
            for t in inputs.dropLast() { running += t.shape[axis]; bounds.append(running) }
            return split(g, at: bounds, axis: axis)
        case .pad(let widths, _):
            return [g.sliced(zip(widths, x.shape).map { SliceRange(start: $0.before, count: $1, step: 1) })]
        case .flip(let axes):
            return [g.flipped(axes: axes)]
        case .take(let axis):
            return [Tensor.zeros(like: x).indexAdd(inputs[1], g, axis: axis), nil]
        case .indexAdd(let axis):
            return [g, nil, g.take(inputs[1], axis: axis)]
        case .takeAlongAxis(let axis):
            return [dispatch(.scatterAlongAxisAdd(axis: axis), [Tensor.zeros(like: x), inputs[1], g]), nil]
        case .scatterAlongAxisAdd(let axis):
            return [g, nil, dispatch(.takeAlongAxis(axis: axis), [g, inputs[1]])]
        case .convolution(let spec):
            let w = inputs[1]
            return [dispatch(.convolutionBackpropInput(spec, inputShape: x.shape), [g, w]),
                    dispatch(.convolutionBackpropKernel(spec, kernelShape: w.shape), [x, g])]
        case .convolutionBackpropInput(let spec, _):
            // inputs (dy, w); the output is linear in each.
            let w = inputs[1]
            return [dispatch(.convolution(spec), [g, w]),
                    dispatch(.convolutionBackpropKernel(spec, kernelShape: w.shape), [g, x])]
        case .convolutionBackpropKernel(let spec, _):
            // inputs (x, dy); the output is linear in each.
            let dy = inputs[1]
            return [dispatch(.convolutionBackpropInput(spec, inputShape: x.shape), [dy, g]),
                    dispatch(.convolution(spec), [x, g])]
        case .pool(let spec):
            return [dispatch(.poolBackprop(spec), [x, g])]
        case .argReduce, .argsort, .random, .poolBackprop:
            return inputs.map { _ in nil }
        }
    }

    private static func unary(_ op: UnaryOp, x: Tensor, y: Tensor, g: Tensor) -> Tensor? {
        switch op {
        case .negative: return -g
        case .abs: return g * sign(x)
        case .exp: return g * y
        case .expm1: return g * (y + 1)
        case .log: return g / x
        case .log1p: return g / (x + 1)
        case .sqrt: return g * 0.5 / y
        case .rsqrt: return g * -0.5 * y / x
        case .square: return g * x * 2
        case .reciprocal: return -g * y * y
        case .sin: return g * cos(x)
        case .cos: return -g * sin(x)
        case .tan: return g * (square(y) + 1)
        case .tanh: return g * (1 - square(y))
        case .sigmoid: return g * y * (1 - y)
        case .erf: return g * exp(-square(x)) * 1.1283791670955126  // 2 / sqrt(pi)
        case .relu: return g * cast(greater(x, Tensor.zeros([], dtype: x.dtype)), to: g.dtype)
        case .sign, .floor, .ceil, .round, .logicalNot: return nil
        }
    }

    private static func binary(_ op: BinaryOp, a: Tensor, b: Tensor, y: Tensor, g: Tensor) -> (Tensor?, Tensor?) {
        switch op {
        case .add: return (g, g)
        case .subtract: return (g, -g)
        case .multiply: return (g * b, g * a)
        case .divide: return (g / b, -g * y / b)
        case .mod: return (g, -g * floor(a / b))
        case .power:
            let zero = Tensor.zeros([], dtype: a.dtype)
            let da = g * b * power(a, b - 1)
            // d/db a^b = a^b log a, taken as 0 where a <= 0 (where the real power is not smooth).
            let positive = greater(a, zero)
            let safeA = select(positive, a, Tensor.ones([], dtype: a.dtype))
            let db = select(positive, g * y * log(safeA), zero)
            return (da, db)
        case .maximum, .minimum:
            let wins = op == .maximum ? greater(a, b) : less(a, b)
            let ties = cast(equal(a, b), to: g.dtype) * 0.5
            let wa = cast(wins, to: g.dtype) + ties
            let wb = cast(op == .maximum ? greater(b, a) : less(b, a), to: g.dtype) + ties
            return (g * wa, g * wb)
        case .floorDivide, .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual,
             .logicalAnd, .logicalOr, .logicalXor:
            return (nil, nil)
        }
    }

    private static func reduce(_ op: ReduceOp, axes: [Int], keep: Bool, x: Tensor, y: Tensor, g: Tensor) -> Tensor? {
        // Bring g and y back to keep-dims form so they broadcast against x.
        var kept = x.shape
        for a in axes { kept[a] = 1 }
        let gk = g.reshaped(to: kept)
        let yk = y.reshaped(to: kept)
        switch op {
        case .sum:
            return gk.broadcasted(to: x.shape)
        case .max, .min:
            // Ties share the gradient equally.
            let mask = cast(equal(x, yk), to: g.dtype)
            return gk * mask / mask.sum(axes: axes, keepingDimensions: true)
        case .prod:
            return gk * productOfOthers(x, axes: axes)
        case .any, .all:
            return nil
        }
    }

    /// The gradient of a running product: `dx_i = sum_{j >= i} g_j * prod_{k <= j, k != i} x_k`.
    /// Without zeros that is `reverse_cumsum(g * y) / x`; with a zero it is computed exactly by
    /// running the product once per excluded position (O(n^2) per lane, only when needed).
    private static func cumulativeProductGradient(_ x: Tensor, y: Tensor, g: Tensor, axis: Int) -> Tensor {
        let hasZero = withoutGradients { equal(x, Tensor.zeros([], dtype: x.dtype)).any().item() != 0 }
        if !hasZero {
            return (g * y).flipped(axes: [axis]).cumulativeSum(axis: axis).flipped(axes: [axis]) / x
        }
        let n = x.shape[axis]
        let xl = x.movingAxis(axis, to: -1), gl = g.movingAxis(axis, to: -1)
        let rows = xl.expandingDimensions(axis: -2)                       // [..., 1, n]
        let identity = cast(Tensor.eye(n), to: .bool)                     // [n, n], i == j
        let excluded = select(identity, Tensor.ones([], dtype: x.dtype), rows)  // [..., n(i), n(j)]
        let partial = excluded.cumulativeProduct(axis: -1)                // prod_{k <= j, k != i}
        let upper = cast(lessEqual(Tensor.arange(n).expandingDimensions(axis: 1), Tensor.arange(n)), to: x.dtype)  // j >= i
        let dx = (gl.expandingDimensions(axis: -2) * partial * upper).sum(axes: [xl.rank])
        return dx.movingAxis(-1, to: axis)
    }

    /// For each element, the product of the other elements of its reduction group, exact with zeros:
    /// an exclusive cumulative product from the left times one from the right.
    private static func productOfOthers(_ x: Tensor, axes: [Int]) -> Tensor {
        if x.count == 0 { return x }
        let rest = (0..<x.rank).filter { !axes.contains($0) }
        let perm = rest + axes
        let moved = x.transposed(axes: perm)
        let k = axes.reduce(1) { $0 * x.shape[$1] }
        let flat = moved.reshaped(to: [moved.count / k, k])
        let one = Tensor.ones([flat.shape[0], 1], dtype: x.dtype)
        let left = concatenate([one, flat[.all, .range(0, k - 1, step: 1)]], axis: 1).cumulativeProduct(axis: 1)
        let reversed = flat.flipped(axes: [1])
        let right = concatenate([one, reversed[.all, .range(0, k - 1, step: 1)]], axis: 1)
            .cumulativeProduct(axis: 1).flipped(axes: [1])
        var inverse = perm
        for (i, p) in perm.enumerated() { inverse[p] = i }
        return (left * right).reshaped(to: moved.shape).transposed(axes: inverse)
    }

    /// Sums `g` over the axes that broadcasting added or stretched, giving a tensor of `shape`.
    static func unbroadcast(_ g: Tensor, to shape: [Int]) -> Tensor {
        if g.shape == shape { return g }
        let extra = g.rank - shape.count
        var axes = Array(0..<extra)
        for (i, d) in shape.enumerated() where d == 1 && g.shape[i + extra] != 1 { axes.append(i + extra) }
        return g.sum(axes: axes, keepingDimensions: true).reshaped(to: shape)
    }
}
