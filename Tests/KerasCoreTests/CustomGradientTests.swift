import Testing
@testable import KerasCore

/// ``customGradient(_:_:)``: an operation with its own pullback joins the tape as one node, and
/// its gradients flow like any primitive's.
@Suite struct CustomGradientTests {
    /// The article's example: log(1 + e^x) with a gradient that stays finite where e^x overflows.
    private func log1pexp(_ x: Tensor) -> Tensor {
        customGradient([x]) { t in
            let e = exp(t[0])
            return ([log(1 + e)], { cotangents in [cotangents[0] * (1 - 1 / (1 + e))] })
        }[0]
    }

    @Test func customPullbackMatchesFiniteDifferences() {
        var rng = TestRNG(1)
        checkGradients([rng.tensor([3, 4], -3, 3)]) { log1pexp($0[0]) }
    }

    @Test func customPullbackStaysFiniteWhereTheCompositeOverflows() {
        let x = Tensor([100.0, -100, 0])   // float32: e^100 overflows
        let custom = gradient(at: x) { log1pexp($0) }
        expectClose(custom, [1, 0, 0.5], tolerance: 1e-6)
        let composite = gradient(at: x) { log(1 + exp($0)) }
        #expect(composite.doubles[0].isNaN)
        // The value is the composite's.
        expectClose(log1pexp(x), withoutGradients { log(1 + exp(x)) })
    }

    @Test func thePullbackReplacesTheBodysGradient() {
        // The body doubles x; the pullback says the derivative is 3: the tape must believe it.
        let x = Tensor([1.0, 2], dtype: .float64)
        let g = gradient(at: x) { t in customGradient(at: t) { x in (x * 2, { $0 * 3 }) } * t }
        // d/dx [c(x) · x] = c'(x)·x + c(x) = 3x + 2x.
        expectClose(g, [5, 10])
    }

    @Test func severalOutputsEqualTheCompositeGradients() {
        var rng = TestRNG(2)
        let a = rng.tensor([2, 3]), b = rng.tensor([2, 3])
        // (sin(a) · b, a + b) with a hand-written pullback.
        func custom(_ a: Tensor, _ b: Tensor) -> [Tensor] {
            customGradient([a, b]) { t in
                let (a, b) = (t[0], t[1])
                return ([sin(a) * b, a + b], { g in [g[0] * cos(a) * b + g[1], g[0] * sin(a) + g[1]] })
            }
        }
        func composite(_ a: Tensor, _ b: Tensor) -> [Tensor] { [sin(a) * b, a + b] }
        for use in [[0, 1], [0], [1]] {
            func loss(_ outputs: [Tensor]) -> Tensor {
                use.map { (outputs[$0] * Tensor(Double($0 + 2), dtype: .float64)).sum() }.reduce(Tensor(0.0, dtype: .float64), +)
            }
            let (v1, g1) = valueWithGradients(at: [a, b]) { loss(custom($0[0], $0[1])) }
            let (v2, g2) = valueWithGradients(at: [a, b]) { loss(composite($0[0], $0[1])) }
            expectClose(v1, v2, tolerance: 1e-12)
            expectClose(g1[0], g2[0], tolerance: 1e-12)
            expectClose(g1[1], g2[1], tolerance: 1e-12)
        }
    }

    @Test func untrackedAndIntegerInputsGetNoGradient() {
        var pullbackRuns = 0
        func scaled(_ x: Tensor, by s: Tensor, count n: Tensor) -> Tensor {
            customGradient([x, s, n]) { t in
                let factor = t[1] * cast(t[2], to: t[1].dtype)
                return ([t[0] * factor], { g in
                    pullbackRuns += 1
                    return [g[0] * factor, (g[0] * t[0]).sum().reshaped(to: [1]) * cast(t[2], to: t[1].dtype), nil]
                })
            }[0]
        }
        let x = Tensor([1.0, 2, 3], dtype: .float64), s = Tensor([2.0], dtype: .float64), n = Tensor([Int32(3)])
        // Only x is watched: the constant scale and the integer count are plain values.
        let g = gradient(at: x) { scaled($0, by: s, count: n) }
        expectClose(g, [6, 6, 6])
        #expect(pullbackRuns == 1)
        // Both floats watched, the integer too: it gets zeros.
        let (_, grads) = valueWithGradients(at: [x, s, n]) { t in scaled(t[0], by: t[1], count: t[2]) }
        expectClose(grads[1], [18])
        #expect(grads[2].doubles == [0])
        // Outside a gradient computation nothing is recorded and the pullback never runs.
        let plain = scaled(x, by: s, count: n)
        #expect(!plain.isTracked && plain.doubles == [6, 12, 18])
        #expect(pullbackRuns == 2)
    }

    @Test func composesWithNestedTapes() {
        let x = Tensor([0.5, -1.5], dtype: .float64)
        // The inner gradient is taken with respect to y only; the outer tape sees the custom
        // operation applied to its own leaf after the inner computation.
        let outer = gradient(at: x) { x in
            let inner = gradient(at: x * 2) { y in log1pexp(y) * y }
            return log1pexp(x) * stopGradient(inner)
        }
        let y = x * 2
        let sig = { (t: Tensor) in sigmoid(t) }
        let innerExpected = sig(y) * y + log(1 + exp(y))
        expectClose(outer, (sig(x) * innerExpected).doubles, tolerance: 1e-12)
    }

    @Test func aGradientOfAnotherDTypeIsConverted() {
        // A float64 gradient returned for a float32 input is converted to the input's dtype.
        let x = Tensor([1.0, 2])
        let g = gradient(at: x) { t in customGradient(at: t) { x in (x, { cast($0, to: .float64) * 2 }) } }
        #expect(g.dtype == .float32 && g.doubles == [2, 2])
    }

    @Test func articleExamples() {
        func clippingGradient(_ x: Tensor) -> Tensor {
            customGradient(at: x) { x in (x, { clip($0, min: -1, max: 1) }) }
        }
        let g = gradient(at: Tensor([1.0, 2])) { clippingGradient($0 * 10) }
        #expect(g.doubles == [10, 10])   // the clipped 1 times d(10x)/dx
        let h = gradient(at: Tensor([100.0])) { log1pexp($0) }
        #expect(h.doubles == [1])
    }
}
