import Testing
@testable import KerasCore

/// Edge cases found in review: kinks, zeros, empty axes, long sums and narrow dtypes.
@Suite struct EdgeCaseTests {
    @Test func activationGradientsAtTheirKinksMatchKeras() {
        func grad(_ f: (Tensor) -> Tensor, at v: Double) -> Double {
            gradient(at: Tensor([v], dtype: .float64)) { f($0).sum() }.item()
        }
        #expect(grad(relu, at: 0) == 0)
        #expect(grad(softplus, at: 0) == 0.5)
        #expect(grad({ elu($0) }, at: 0) == 1)
        #expect(Swift.abs(grad(selu, at: 0) - 1.0507009873554805 * 1.6732632423543772) < 1e-12)
        #expect(grad(relu6, at: 6) == 0 && grad(relu6, at: 0) == 0 && grad(relu6, at: 3) == 1)
        #expect(grad(hardSigmoid, at: 3) == 0 && grad(hardSigmoid, at: -3) == 0)
        // Far from zero the unused branch of elu stays finite.
        #expect(grad({ elu($0) }, at: 1000) == 1)
    }

    @Test func cumulativeProductGradientWithZeros() {
        let g = gradient(at: Tensor([0.0, 2], dtype: .float64)) { $0.cumulativeProduct(axis: 0).sum() }
        expectClose(g, [3, 0])
        var rng = TestRNG(1)
        var values = rng.values(12, 0.5, 1.5)
        values[1] = 0; values[7] = 0; values[8] = 0
        checkGradients([Tensor(values, shape: [3, 4], dtype: .float64)]) { $0[0].cumulativeProduct(axis: 1) }
        checkGradients([Tensor(values, shape: [3, 4], dtype: .float64)]) { $0[0].cumulativeProduct(axis: 0) }
    }

    @Test func emptyReductionAndContractionAxes() {
        let g = gradient(at: Tensor.zeros([2, 0], dtype: .float64)) { $0.prod(axes: [1]).sum() }
        #expect(g.shape == [2, 0])
        expectClose(Tensor.zeros([2, 0]).prod(axes: [1]), [1, 1])
        expectClose(tensordot(Tensor.ones([3, 0]), Tensor.ones([0, 4]), axes: 1), [Double](repeating: 0, count: 12), shape: [3, 4])
    }

    @Test func longFloat32SumsStayAccurate() {
        #expect(Tensor.ones([20_000_000]).sum().item() == 20_000_000)
        #expect(Tensor.ones([3, 5_000_001]).sum(axes: [1]).doubles == [5_000_001, 5_000_001, 5_000_001])
        #expect(Tensor.full([1_000_000], value: 0.1).mean().item() - 0.1 < 1e-7)
        // Half-precision means are summed in float32.
        #expect(Tensor.ones([100_000], dtype: .float16).mean().item() == 1)
        #expect(Tensor.ones([100_000], dtype: .float16).mean().dtype == .float16)
        #expect(Tensor.ones([100_000], dtype: .bfloat16).variance().item() == 0)
    }

    @Test func kerasDefaults() {
        let m = Tensor([1.0, 9, 3, 4], shape: [2, 2])
        #expect(m.argmax().shape == [] && m.argmax().item() == 1)
        #expect(m.argmin(keepingDimensions: true).shape == [1, 1])
        #expect(floor(Tensor([1, 2])).dtype == .float32)
        #expect(round(Tensor([1, 2])).dtype == .int32)
        let b = Tensor([true, false]) + Tensor([true, false])
        #expect(b.dtype == .bool && b.doubles == [1, 0])
        #expect((Tensor([true]) - Tensor([true])).dtype == .int32)
        let hot = oneHot(Tensor([UInt8(0), 255]), numClasses: 300)
        #expect(hot.sum(axes: [0]).doubles.enumerated().filter { $0.element != 0 }.map(\.offset) == [0, 255])
    }

    @Test func hugeSliceSteps() {
        let v = Tensor.arange(5)
        #expect(v[.range(0, nil, step: Int.max)].doubles == [0])
        #expect(v[.range(nil, nil, step: Int.min)].doubles == [4])
        #expect(v[.range(1, nil, step: 3)].doubles == [1, 4])
        #expect(v[.range(4, 0, step: -3)].doubles == [4, 1])
    }

    @Test func matmulWithMatrixRightOperandIsOneProduct() {
        var rng = TestRNG(2)
        let a = rng.tensor([2, 3, 4]), b = rng.tensor([4, 5])
        expectClose(matmul(a, b), stack([matmul(a[0], b), matmul(a[1], b)]), tolerance: 1e-12)
        #expect(matmul(a, rng.tensor([4])).shape == [2, 3])
        checkGradients([a, b]) { matmul($0[0], $0[1]) }
    }

    @Test func misuseStopsWithAMessage() async {
        let r1 = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = convTranspose(Tensor.zeros([1, 4, 2]), Tensor.zeros([3, 2, 2]), strides: [0])
        }
        #expect(OpErrorTests.stderrText(r1).contains("conv_transpose"))
        let r2 = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([3], dtype: .bool).indexAdd(Tensor([0]), Tensor([true]))
        }
        #expect(OpErrorTests.stderrText(r2).contains("index_add") && OpErrorTests.stderrText(r2).contains("bool"))
    }
}
