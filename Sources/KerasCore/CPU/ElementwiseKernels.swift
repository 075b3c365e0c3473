import RealModule

/// Elementwise kernels: unary and binary maps over strided operands, select and cast.
/// Float kernels are generic over `Float`/`Double` and specialized by the compiler.
enum ElementwiseKernels {
    // MARK: Unary

    static func unary(_ op: UnaryOp, _ x: Tensor) -> Tensor {
        var y = Tensor(uninitializedShape: x.shape, dtype: op == .logicalNot ? .bool : x.dtype)
        let n = x.count
        switch x.dtype {
        case .float32: floatUnary(op, x.pointer(as: Float.self), y.pointer(as: Float.self), n)
        case .float64: floatUnary(op, x.pointer(as: Double.self), y.pointer(as: Double.self), n)
        case .int32: intUnary(op, x.pointer(as: Int32.self), y.pointer(as: Int32.self), n)
        case .int64: intUnary(op, x.pointer(as: Int64.self), y.pointer(as: Int64.self), n)
        case .uint8: intUnary(op, x.pointer(as: UInt8.self), y.pointer(as: UInt8.self), n)
        case .bool:
            let p = x.pointer(as: Bool.self), q = y.pointer(as: Bool.self)
            for i in 0..<n { q[i] = op == .logicalNot ? !p[i] : p[i] }
        case .float16, .bfloat16:
            preconditionFailure("unary: 16-bit floats are widened before reaching kernels")
        case .string: preconditionFailure("unary: string tensors are routed to StringKernels")
        }
        y.tapeHandle = nil
        return y
    }

    private static func floatUnary<T: Real & BinaryFloatingPoint>(
        _ op: UnaryOp, _ x: UnsafeMutablePointer<T>, _ y: UnsafeMutablePointer<T>, _ n: Int
    ) {
        let xs = UnsafeSendable(x), ys = UnsafeSendable(y)
        Parallel.forEach(n, minimumChunk: 16_384) { range in
            let x = xs.value, y = ys.value
            switch op {
            case .negative: for i in range { y[i] = -x[i] }
            case .abs: for i in range { y[i] = Swift.abs(x[i]) }
            case .sign: for i in range { y[i] = x[i] > 0 ? 1 : (x[i] < 0 ? -1 : (x[i].isNaN ? x[i] : 0)) }
            case .exp: for i in range { y[i] = T.exp(x[i]) }
            case .expm1: for i in range { y[i] = T.expMinusOne(x[i]) }
            case .log: for i in range { y[i] = T.log(x[i]) }
            case .log1p: for i in range { y[i] = T.log(onePlus: x[i]) }
            case .sqrt: for i in range { y[i] = x[i].squareRoot() }
            case .rsqrt: for i in range { y[i] = 1 / x[i].squareRoot() }
            case .square: for i in range { y[i] = x[i] * x[i] }
            case .reciprocal: for i in range { y[i] = 1 / x[i] }
            case .sin: for i in range { y[i] = T.sin(x[i]) }
            case .cos: for i in range { y[i] = T.cos(x[i]) }
            case .tan: for i in range { y[i] = T.tan(x[i]) }
            case .tanh: for i in range { y[i] = T.tanh(x[i]) }
            case .sigmoid:
                // Written so neither branch overflows: e^-|x| is always in (0, 1].
                for i in range {
                    let e = T.exp(-Swift.abs(x[i]))
                    y[i] = x[i] >= 0 ? 1 / (1 + e) : e / (1 + e)
                }
            case .erf: for i in range { y[i] = T.erf(x[i]) }
            case .floor: for i in range { y[i] = x[i].rounded(.down) }
            case .ceil: for i in range { y[i] = x[i].rounded(.up) }
            case .round: for i in range { y[i] = x[i].rounded(.toNearestOrEven) }
            case .relu: for i in range { y[i] = x[i] > 0 ? x[i] : 0 }
            case .logicalNot: preconditionFailure("logical_not takes bool input")
            }
        }
    }

    private static func intUnary<T: FixedWidthInteger>(
        _ op: UnaryOp, _ x: UnsafeMutablePointer<T>, _ y: UnsafeMutablePointer<T>, _ n: Int
    ) {
        for i in 0..<n {
            let v = x[i]
            switch op {
            case .negative: y[i] = 0 &- v
            case .abs: y[i] = v < 0 ? 0 &- v : v
            case .sign: y[i] = v > 0 ? 1 : (v < 0 ? 0 &- 1 : 0)
            case .square: y[i] = v &* v
            case .relu: y[i] = v > 0 ? v : 0
            case .floor, .ceil, .round: y[i] = v
            default: preconditionFailure("\(op.rawValue): integer input should have been widened to float32")
            }
        }
    }

    // MARK: Binary

    static func binary(_ op: BinaryOp, _ a: Tensor, _ b: Tensor) -> Tensor {
        let shape = Shape.broadcast(a.shape, b.shape)!
        var out = Tensor(uninitializedShape: shape, dtype: op.isComparison ? .bool : a.dtype)
        out.tapeHandle = nil
        guard out.count > 0 else { return out }
        let loop = StridedLoop(shape: shape, strides: [
            Shape.strides(shape),
            StridedLoop.broadcastStrides(a.shape, to: shape),
            StridedLoop.broadcastStrides(b.shape, to: shape),
        ])
        switch a.dtype {
        case .float32: floatBinary(op, loop, a.pointer(as: Float.self), b.pointer(as: Float.self), out.storage.data)
        case .float64: floatBinary(op, loop, a.pointer(as: Double.self), b.pointer(as: Double.self), out.storage.data)
        case .int32: intBinary(op, loop, a.pointer(as: Int32.self), b.pointer(as: Int32.self), out.storage.data)
        case .int64: intBinary(op, loop, a.pointer(as: Int64.self), b.pointer(as: Int64.self), out.storage.data)
        case .uint8: intBinary(op, loop, a.pointer(as: UInt8.self), b.pointer(as: UInt8.self), out.storage.data)
        case .bool: boolBinary(op, loop, a.pointer(as: Bool.self), b.pointer(as: Bool.self), out.pointer(as: Bool.self))
        case .float16, .bfloat16: preconditionFailure("binary: 16-bit floats are widened before reaching kernels")
        case .string: preconditionFailure("binary: string tensors are routed to StringKernels")
        }
        return out
    }

    /// Applies `f` row by row; `f` sees unit-stride fast loops when all inner strides are 1 or 0.
    @inline(__always)
    private static func map<T, R>(
        _ loop: StridedLoop, _ a: UnsafeMutablePointer<T>, _ b: UnsafeMutablePointer<T>,
        _ out: UnsafeMutablePointer<R>, _ f: (T, T) -> R
    ) {
        let n = loop.rowLength
        let inner = loop.innerStrides
        let sa = inner[1], sb = inner[2]
        let aa = UnsafeSendable(a), bb = UnsafeSendable(b), oo = UnsafeSendable(out)
        loop.parallelRows { _, offsets in
            let o = oo.value + offsets[0], x = aa.value + offsets[1], y = bb.value + offsets[2]
            if sa == 1 && sb == 1 {
                for i in 0..<n { o[i] = f(x[i], y[i]) }
            } else if sa == 1 && sb == 0 {
                let v = y[0]
                for i in 0..<n { o[i] = f(x[i], v) }
            } else if sa == 0 && sb == 1 {
                let v = x[0]
                for i in 0..<n { o[i] = f(v, y[i]) }
            } else {
                for i in 0..<n { o[i] = f(x[i * sa], y[i * sb]) }
            }
        }
    }

    private static func floatBinary<T: Real & BinaryFloatingPoint>(
        _ op: BinaryOp, _ loop: StridedLoop, _ a: UnsafeMutablePointer<T>, _ b: UnsafeMutablePointer<T>,
        _ raw: UnsafeMutableRawPointer
    ) {
        let out = raw.assumingMemoryBound(to: T.self)
        let mask = raw.assumingMemoryBound(to: Bool.self)
        switch op {
        case .add: map(loop, a, b, out) { $0 + $1 }
        case .subtract: map(loop, a, b, out) { $0 - $1 }
        case .multiply: map(loop, a, b, out) { $0 * $1 }
        case .divide: map(loop, a, b, out) { $0 / $1 }
        case .floorDivide: map(loop, a, b, out) { ($0 / $1).rounded(.down) }
        case .mod:
            // Python's %: the result takes the divisor's sign.
            map(loop, a, b, out) { x, y in
                let r = x.truncatingRemainder(dividingBy: y)
                return (r != 0 && (r < 0) != (y < 0)) ? r + y : r
            }
        case .power:
            // Integral exponents take the exact repeated-multiplication path, which also keeps
            // negative bases real (numpy's (-2.0) ** 3 == -8).
            map(loop, a, b, out) { x, y in
                (y.rounded() == y && Swift.abs(y) < T(1 << 30)) ? T.pow(x, Int(y)) : T.pow(x, y)
            }
        case .maximum: map(loop, a, b, out) { ($0.isNaN || $1.isNaN) ? .nan : Swift.max($0, $1) }
        case .minimum: map(loop, a, b, out) { ($0.isNaN || $1.isNaN) ? .nan : Swift.min($0, $1) }
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            compare(op, loop, a, b, mask)
        case .logicalAnd, .logicalOr, .logicalXor: preconditionFailure("logical ops take bool input")
        }
    }

    private static func intBinary<T: FixedWidthInteger>(
        _ op: BinaryOp, _ loop: StridedLoop, _ a: UnsafeMutablePointer<T>, _ b: UnsafeMutablePointer<T>,
        _ raw: UnsafeMutableRawPointer
    ) {
        let out = raw.assumingMemoryBound(to: T.self)
        let mask = raw.assumingMemoryBound(to: Bool.self)
        switch op {
        case .add: map(loop, a, b, out) { $0 &+ $1 }
        case .subtract: map(loop, a, b, out) { $0 &- $1 }
        case .multiply: map(loop, a, b, out) { $0 &* $1 }
        case .divide, .floorDivide:
            // Floor division; division by zero gives 0 (numpy warns and gives 0 too).
            map(loop, a, b, out) { x, y in
                if y == 0 { return 0 }
                if T.isSigned && y == 0 &- 1 { return 0 &- x }
                let q = x / y
                return (x % y != 0 && ((x < 0) != (y < 0))) ? q - 1 : q
            }
        case .mod:
            map(loop, a, b, out) { x, y in
                if y == 0 { return 0 }
                if T.isSigned && y == 0 &- 1 { return 0 }
                let r = x % y
                return (r != 0 && ((r < 0) != (y < 0))) ? r + y : r
            }
        case .power:
            map(loop, a, b, out) { base, exponent in
                if exponent < 0 { return base == 1 ? 1 : (T.isSigned && base == 0 &- 1 ? (exponent & 1 == 0 ? 1 : base) : 0) }
                var result: T = 1, x = base, e = exponent
                while e > 0 {
                    if e & 1 == 1 { result = result &* x }
                    x = x &* x
                    e >>= 1
                }
                return result
            }
        case .maximum: map(loop, a, b, out) { Swift.max($0, $1) }
        case .minimum: map(loop, a, b, out) { Swift.min($0, $1) }
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            compare(op, loop, a, b, mask)
        case .logicalAnd, .logicalOr, .logicalXor: preconditionFailure("logical ops take bool input")
        }
    }

    /// The six comparisons, shared by every ordered element type.
    private static func compare<T: Comparable>(
        _ op: BinaryOp, _ loop: StridedLoop, _ a: UnsafeMutablePointer<T>, _ b: UnsafeMutablePointer<T>,
        _ mask: UnsafeMutablePointer<Bool>
    ) {
        switch op {
        case .equal: map(loop, a, b, mask) { $0 == $1 }
        case .notEqual: map(loop, a, b, mask) { $0 != $1 }
        case .less: map(loop, a, b, mask) { $0 < $1 }
        case .lessEqual: map(loop, a, b, mask) { $0 <= $1 }
        case .greater: map(loop, a, b, mask) { $0 > $1 }
        case .greaterEqual: map(loop, a, b, mask) { $0 >= $1 }
        default: preconditionFailure("\(op.rawValue) is not a comparison")
        }
    }

    private static func boolBinary(
        _ op: BinaryOp, _ loop: StridedLoop, _ a: UnsafeMutablePointer<Bool>, _ b: UnsafeMutablePointer<Bool>,
        _ out: UnsafeMutablePointer<Bool>
    ) {
        switch op {
        case .logicalAnd, .minimum, .multiply: map(loop, a, b, out) { $0 && $1 }
        case .logicalOr, .maximum, .add: map(loop, a, b, out) { $0 || $1 }
        case .logicalXor, .notEqual: map(loop, a, b, out) { $0 != $1 }
        case .equal: map(loop, a, b, out) { $0 == $1 }
        case .less: map(loop, a, b, out) { !$0 && $1 }
        case .lessEqual: map(loop, a, b, out) { !$0 || $1 }
        case .greater: map(loop, a, b, out) { $0 && !$1 }
        case .greaterEqual: map(loop, a, b, out) { $0 || !$1 }
        default: preconditionFailure("\(op.rawValue): bool input should have been widened to int32")
        }
    }

    // MARK: Select

    static func select(_ c: Tensor, _ a: Tensor, _ b: Tensor) -> Tensor {
        let shape = Shape.broadcast(Shape.broadcast(a.shape, b.shape)!, c.shape)!
        var out = Tensor(uninitializedShape: shape, dtype: a.dtype)
        out.tapeHandle = nil
        guard out.count > 0 else { return out }
        let size = a.dtype.byteSize
        let loop = StridedLoop(shape: shape, strides: [
            Shape.strides(shape),
            StridedLoop.broadcastStrides(c.shape, to: shape),
            StridedLoop.broadcastStrides(a.shape, to: shape),
            StridedLoop.broadcastStrides(b.shape, to: shape),
        ])
        let inner = loop.innerStrides
        let n = loop.rowLength
        let o = UnsafeSendable(out.storage.data), cp = UnsafeSendable(c.pointer(as: Bool.self))
        let ap = UnsafeSendable(a.storage.data), bp = UnsafeSendable(b.storage.data)
        loop.parallelRows { _, off in
            for i in 0..<n {
                let src = cp.value[off[1] + i * inner[1]]
                    ? ap.value + (off[2] + i * inner[2]) * size
                    : bp.value + (off[3] + i * inner[3]) * size
                (o.value + (off[0] + i) * size).copyMemory(from: src, byteCount: size)
            }
        }
        return out
    }

    // MARK: Cast

    static func cast(_ x: Tensor, to dtype: DType) -> Tensor {
        var out = Tensor(uninitializedShape: x.shape, dtype: dtype)
        out.tapeHandle = nil
        let n = x.count
        switch (x.dtype, dtype) {
        case (.float32, .float64): convert(x.pointer(as: Float.self), out.pointer(as: Double.self), n) { Double($0) }
        case (.float64, .float32): convert(x.pointer(as: Double.self), out.pointer(as: Float.self), n) { Float($0) }
        case (.float32, .float16): convert(x.pointer(as: Float.self), out.pointer(as: Float16.self), n) { Float16($0) }
        case (.float16, .float32): convert(x.pointer(as: Float16.self), out.pointer(as: Float.self), n) { Float($0) }
        case (.float32, .bfloat16): convert(x.pointer(as: Float.self), out.pointer(as: BFloat16.self), n) { BFloat16($0) }
        case (.bfloat16, .float32): convert(x.pointer(as: BFloat16.self), out.pointer(as: Float.self), n) { $0.float }
        case (.int32, .float32): convert(x.pointer(as: Int32.self), out.pointer(as: Float.self), n) { Float($0) }
        case (.float32, .int32): convert(x.pointer(as: Float.self), out.pointer(as: Int32.self), n) { Int32(castingDouble: Double($0)) }
        case (.uint8, .float32): convert(x.pointer(as: UInt8.self), out.pointer(as: Float.self), n) { Float($0) }
        case (.bool, .float32): convert(x.pointer(as: Bool.self), out.pointer(as: Float.self), n) { $0 ? 1 : 0 }
        default:
            withScalarType(x.dtype) { S in
                withScalarType(dtype) { D in genericCast(x.storage.data, S, out.storage.data, D, n) }
            }
        }
        return out
    }

    private static func convert<S, D>(_ s: UnsafeMutablePointer<S>, _ d: UnsafeMutablePointer<D>, _ n: Int, _ f: (S) -> D) {
        for i in 0..<n { d[i] = f(s[i]) }
    }

    private static func genericCast<S: TensorScalar, D: TensorScalar>(
        _ src: UnsafeMutableRawPointer, _ s: S.Type, _ dst: UnsafeMutableRawPointer, _ d: D.Type, _ n: Int
    ) {
        let p = src.assumingMemoryBound(to: S.self)
        let q = dst.assumingMemoryBound(to: D.self)
        let exactInteger = !S.dtype.isFloatingPoint && !D.dtype.isFloatingPoint
        for i in 0..<n {
            q[i] = exactInteger ? D(castingInt64: p[i].int64Value) : D(castingDouble: p[i].doubleValue)
        }
    }
}
