import Testing
import RealModule
@testable import KerasCore

/// The inlined float32 `exp` and `tanh` of the fused recurrent kernels against `libm`, over a
/// dense grid of their whole useful range.
@Suite struct RecurrentMathTests {
    /// The distance in units in the last place of `expected`.
    private func ulps(_ got: Float, _ expected: Float) -> Float {
        Swift.abs(got - expected) / expected.ulp
    }

    @Test func expIsWithinTwoUlpOfLibm() {
        var worst: Float = 0
        for i in 0...400_000 {
            let x = Float(-87 + 175 * Double(i) / 400_000)
            worst = Swift.max(worst, ulps(RecurrentMath.exp(x), Float.exp(x)))
        }
        #expect(worst <= 2, "worst \(worst) ulp")
        #expect(RecurrentMath.exp(0) == 1)
        #expect(RecurrentMath.exp(-.infinity) < 1e-37 && RecurrentMath.exp(-.infinity) >= 0)
        #expect(RecurrentMath.exp(.nan).isNaN)
    }

    @Test func tanhIsWithinThreeUlpOfLibm() {
        var worst: Float = 0
        for i in 0...400_000 {
            let x = Float(-12 + 24 * Double(i) / 400_000)
            worst = Swift.max(worst, ulps(RecurrentMath.tanh(x), Float.tanh(x)))
        }
        // Tiny arguments: tanh(x) = x to float precision.
        for e in stride(from: -40, through: -4, by: 1) {
            let x = Float.pow(2, Float(e)) * 1.37
            worst = Swift.max(worst, ulps(RecurrentMath.tanh(x), Float.tanh(x)), ulps(RecurrentMath.tanh(-x), Float.tanh(-x)))
        }
        #expect(worst <= 3, "worst \(worst) ulp")
        #expect(RecurrentMath.tanh(0) == 0 && RecurrentMath.tanh(.infinity) == 1 && RecurrentMath.tanh(-.infinity) == -1)
        #expect(RecurrentMath.tanh(.nan).isNaN)
    }

    @Test func gateSigmoidIsWithinTwoUlpOfTheComposite() {
        var worst: Float = 0
        for i in 0...200_000 {
            let x = Float(-40 + 80 * Double(i) / 200_000)
            let e = Float.exp(-Swift.abs(x))
            let reference = x >= 0 ? 1 / (1 + e) : e / (1 + e)
            worst = Swift.max(worst, ulps(Float.gateSigmoid(x), reference))
        }
        #expect(worst <= 2, "worst \(worst) ulp")
    }
}
