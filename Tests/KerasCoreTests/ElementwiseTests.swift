import Testing
import RealModule
@testable import KerasCore

@Suite struct ElementwiseTests {
    nonisolated(unsafe) static let unaryCases: [(String, (Tensor) -> Tensor, (Double) -> Double, ClosedRange<Double>)] = [
        ("negative", negative, { -$0 }, -2...2),
        ("abs", abs, { Swift.abs($0) }, -2...2),
        ("exp", exp, { Double.exp($0) }, -2...2),
        ("expm1", expm1, { Double.expMinusOne($0) }, -2...2),
        ("log", log, { Double.log($0) }, 0.1...3),
        ("log1p", log1p, { Double.log(onePlus: $0) }, -0.5...3),
        ("log2", log2, { Double.log2($0) }, 0.1...3),
        ("sqrt", sqrt, { $0.squareRoot() }, 0.1...3),
        ("rsqrt", rsqrt, { 1 / $0.squareRoot() }, 0.1...3),
        ("square", square, { $0 * $0 }, -2...2),
        ("reciprocal", reciprocal, { 1 / $0 }, 0.2...3),
        ("sin", sin, { Double.sin($0) }, -3...3),
        ("cos", cos, { Double.cos($0) }, -3...3),
        ("tan", tan, { Double.tan($0) }, -1.2...1.2),
        ("tanh", tanh, { Double.tanh($0) }, -3...3),
        ("sigmoid", sigmoid, { 1 / (1 + Double.exp(-$0)) }, -6...6),
        ("erf", erf, { Double.erf($0) }, -2...2),
        ("relu", relu, { Swift.max($0, 0) }, -2...2),
    ]

    @Test(arguments: 0..<unaryCases.count)
    func unaryForwardAndGradient(_ index: Int) {
        let (name, op, reference, domain) = Self.unaryCases[index]
        var rng = TestRNG(UInt64(index))
        let x = rng.tensor([3, 5], domain.lowerBound, domain.upperBound)
        expectClose(op(x), x.doubles.map(reference), tolerance: 1e-12)
        // float32 agrees with the float64 result to float precision.
        expectClose(op(cast(x, to: .float32)), x.doubles.map(reference), tolerance: 1e-5)
        // Skip exact kinks of relu / abs (not hit by random data).
        checkGradients([x]) { op($0[0]) }
        _ = name
    }

    @Test func roundingAndSign() {
        let x = Tensor([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 2.7, -0.0])
        expectClose(round(x), [-2, -2, -0, 0, 2, 2, 3, 0])
        expectClose(floor(x), [-3, -2, -1, 0, 1, 2, 2, 0])
        expectClose(ceil(x), [-2, -1, 0, 1, 2, 3, 3, 0])
        expectClose(sign(Tensor([-3.0, 0, 2])), [-1, 0, 1])
        expectClose(sign(Tensor([-3, 0, 2])), [-1, 0, 1])
        // Rounding ops pass no gradient.
        let g = gradient(at: Tensor([0.3, 1.7], dtype: .float64)) { floor($0).sum() }
        expectClose(g, [0, 0])
    }

    @Test func binaryBroadcastingForward() {
        let a = Tensor([1.0, 2, 3, 4, 5, 6], shape: [2, 3])
        let b = Tensor([10.0, 20, 30])
        expectClose(a + b, [11, 22, 33, 14, 25, 36], shape: [2, 3])
        let col = Tensor([1.0, 2], shape: [2, 1])
        expectClose(a - col, [0, 1, 2, 2, 3, 4])
        expectClose(col * b, [10, 20, 30, 20, 40, 60], shape: [2, 3])
        expectClose(a / 2, [0.5, 1, 1.5, 2, 2.5, 3])
        expectClose(2 - a, [1, 0, -1, -2, -3, -4])
        expectClose(power(a, 2), [1, 4, 9, 16, 25, 36])
        expectClose(maximum(a, 3.5), [3.5, 3.5, 3.5, 4, 5, 6])
        expectClose(minimum(a, col), [1, 1, 1, 2, 2, 2])
        // Empty and size-1 axes.
        #expect((Tensor.zeros([0, 3]) + b).shape == [0, 3])
        #expect((Tensor.zeros([1, 1, 3]) + Tensor.zeros([4, 1])).shape == [1, 4, 3])
        // Odd lengths around vector widths.
        for n in [1, 7, 8, 9, 17, 33] {
            var rng = TestRNG(UInt64(n))
            let x = rng.tensor([n], dtype: .float32), y = rng.tensor([n], dtype: .float32)
            expectClose(x * y, zip(x.doubles, y.doubles).map { Double(Float($0) * Float($1)) }, tolerance: 1e-7)
        }
    }

    @Test func integerSemanticsFollowPython() {
        let a = Tensor([7, -7, 7, -7, 5])
        let b = Tensor([2, 2, -2, -2, 0])
        expectClose(floorDivide(a, b), [3, -4, -4, 3, 0])
        expectClose(mod(a, b), [1, 1, -1, -1, 0])
        expectClose(mod(Tensor([7.5, -7.5]), Tensor([2.0, 2.0])), [1.5, 0.5])
        expectClose(floorDivide(Tensor([7.5, -7.5]), Tensor([2.0, 2.0])), [3, -4])
        expectClose(power(Tensor([2, 3, -2]), Tensor([10, 0, 3])), [1024, 1, -8])
        #expect(power(Tensor([2, 3]), Tensor([2, 2])).dtype == .int32)
        expectClose(abs(Tensor([-3, 4])), [3, 4])
    }

    @Test func comparisonsAndLogic() {
        let a = Tensor([1.0, 2, 3]), b = Tensor([3.0, 2, 1])
        #expect(equal(a, b).doubles == [0, 1, 0])
        #expect(notEqual(a, b).doubles == [1, 0, 1])
        #expect(less(a, b).doubles == [1, 0, 0])
        #expect(lessEqual(a, b).doubles == [1, 1, 0])
        #expect(greater(a, b).doubles == [0, 0, 1])
        #expect(greaterEqual(a, b).doubles == [0, 1, 1])
        #expect(greater(a, b).dtype == .bool)
        let p = Tensor([true, true, false, false]), q = Tensor([true, false, true, false])
        #expect(logicalAnd(p, q).doubles == [1, 0, 0, 0])
        #expect(logicalOr(p, q).doubles == [1, 1, 1, 0])
        #expect(logicalXor(p, q).doubles == [0, 1, 1, 0])
        #expect(logicalNot(p).doubles == [0, 0, 1, 1])
        #expect(logicalNot(Tensor([0.0, 2])).doubles == [1, 0])
    }

    @Test func whereAndClip() {
        let c = Tensor([true, false, true])
        expectClose(select(c, Tensor([1.0, 2, 3]), Tensor(0.0)), [1, 0, 3])
        expectClose(select(Tensor([true, false], shape: [2, 1]), Tensor([1.0, 2]), Tensor([9.0])), [1, 2, 9, 9], shape: [2, 2])
        expectClose(clip(Tensor([-2.0, 0.5, 3]), min: 0, max: 1), [0, 0.5, 1])
    }

    @Test func binaryGradientsWithBroadcasting() {
        var rng = TestRNG(5)
        let a = rng.tensor([2, 3, 4])
        let b = rng.tensor([3, 1])
        let pos = rng.tensor([3, 1], 0.5, 2)
        checkGradients([a, b]) { $0[0] + $0[1] }
        checkGradients([a, b]) { $0[0] - $0[1] }
        checkGradients([a, b]) { $0[0] * $0[1] }
        checkGradients([a, pos]) { $0[0] / $0[1] }
        checkGradients([pos, a]) { $0[1] / $0[0] }
        checkGradients([rng.tensor([3, 4], 0.5, 2), rng.tensor([4], -1, 2)]) { power($0[0], $0[1]) }
        checkGradients([a, b]) { maximum($0[0], $0[1]) }
        checkGradients([a, b]) { minimum($0[0], $0[1]) }
        checkGradients([rng.tensor([5], 1, 4), rng.tensor([5], 0.7, 0.9)]) { mod($0[0], $0[1]) }
        checkGradients([a, b]) { select(greater($0[0], Tensor(0.0, dtype: .float64)), $0[0], $0[1]) }
        checkGradients([a]) { clip($0[0], min: -0.5, max: 0.5) }
        checkGradients([a], epsilon: 1e-3, tolerance: 1e-4) { cast(cast($0[0], to: .float32), to: .float64) * 2 }
    }

    @Test func maximumTiesSplitTheGradient() {
        let (_, g) = valueWithGradients(at: [Tensor([1.0, 2]), Tensor([1.0, 1])]) { maximum($0[0], $0[1]).sum() }
        expectClose(g[0], [0.5, 1])
        expectClose(g[1], [0.5, 0])
    }

    @Test func halfPrecisionComputesInFloat32() {
        let x = cast(Tensor([0.5, 1, 2]), to: .float16)
        let y = exp(x) * x
        #expect(y.dtype == .float16)
        expectClose(y, [0.5 * 1.6487212707, 2.7182818285, 2 * 7.3890560989], tolerance: 2e-3)
        let bf = cast(Tensor([1.0, 2]), to: .bfloat16)
        #expect((bf + bf).dtype == .bfloat16)
        expectClose(bf + bf, [2, 4])
    }
}
