import Testing
import RealModule
@testable import KerasCore

@Suite struct ActivationTests {
    nonisolated(unsafe) static let cases: [(String, (Tensor) -> Tensor, (Double) -> Double)] = [
        ("relu6", relu6, { Swift.min(Swift.max($0, 0), 6) }),
        ("leaky_relu", { leakyRelu($0) }, { $0 >= 0 ? $0 : 0.2 * $0 }),
        ("elu", { elu($0) }, { $0 > 0 ? $0 : Double.expMinusOne($0) }),
        ("selu", selu, { 1.0507009873554805 * ($0 > 0 ? $0 : 1.6732632423543772 * Double.expMinusOne($0)) }),
        ("gelu", { gelu($0, approximate: false) }, { 0.5 * $0 * (1 + Double.erf($0 / 2.0.squareRoot())) }),
        ("gelu_tanh", { gelu($0, approximate: true) },
         { 0.5 * $0 * (1 + Double.tanh(0.7978845608028654 * ($0 + 0.044715 * $0 * $0 * $0))) }),
        ("silu", silu, { $0 / (1 + Double.exp(-$0)) }),
        ("softplus", softplus, { Double.log(onePlus: Double.exp($0)) }),
        ("softsign", softsign, { $0 / (1 + Swift.abs($0)) }),
        ("hard_sigmoid", hardSigmoid, { Swift.min(Swift.max($0 / 6 + 0.5, 0), 1) }),
        ("hard_swish", hardSwish, { $0 * Swift.min(Swift.max($0 / 6 + 0.5, 0), 1) }),
        ("mish", mish, { $0 * Double.tanh(Double.log(onePlus: Double.exp($0))) }),
        ("exponential", exponential, { Double.exp($0) }),
        ("linear", linear, { $0 }),
    ]

    @Test(arguments: 0..<cases.count)
    func activationMatchesClosedFormAndGradient(_ index: Int) {
        let (_, f, reference) = Self.cases[index]
        var rng = TestRNG(UInt64(100 + index))
        let x = rng.tensor([4, 6], -4, 4)
        expectClose(f(x), x.doubles.map(reference), tolerance: 1e-12)
        checkGradients([x]) { f($0[0]) }
    }

    @Test func softplusIsStableForLargeInputs() {
        expectClose(softplus(Tensor([100.0, -100])), [100, 0], tolerance: 1e-6)
        expectClose(sigmoid(Tensor([100.0, -100])), [1, 3.7200759760208356e-44], tolerance: 1e-6)
    }

    @Test func softmaxOnAnyAxis() {
        let x = Tensor([1.0, 2, 3, 1, 1, 1], shape: [2, 3], dtype: .float64)
        let e = [1, 2, 3].map { Double.exp(Double($0)) }
        let s = e.reduce(0, +)
        expectClose(softmax(x), [e[0] / s, e[1] / s, e[2] / s, 1.0 / 3, 1.0 / 3, 1.0 / 3], tolerance: 1e-12)
        let cols = softmax(x, axis: 0)
        expectClose(cols.sum(axes: [0]), [1, 1, 1], tolerance: 1e-12)
        expectClose(logSoftmax(x), softmax(x).doubles.map { Double.log($0) }, tolerance: 1e-12)
        // Huge logits stay finite.
        expectClose(softmax(Tensor([1000.0, 1000])), [0.5, 0.5])
        var rng = TestRNG(3)
        let y = rng.tensor([3, 4, 5])
        for axis in [0, 1, -1] {
            checkGradients([y]) { softmax($0[0], axis: axis) }
            checkGradients([y]) { logSoftmax($0[0], axis: axis) }
        }
    }
}
