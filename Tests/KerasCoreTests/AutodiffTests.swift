import Testing
@testable import KerasCore

@Suite struct AutodiffTests {
    @Test func gradientsWithRespectToVariables() {
        let w = Variable(Tensor([1.0, 2, 3], shape: [3, 1], dtype: .float64), name: "kernel")
        let b = Variable(Tensor([0.5], dtype: .float64), name: "bias")
        let unused = Variable(Tensor.zeros([2], dtype: .float64), name: "unused")
        let x = Tensor([1.0, 0, 2, -1, 1, 1], shape: [2, 3], dtype: .float64)
        let (loss, grads) = valueWithGradients(of: [w, b, unused]) {
            square(matmul(x, w.value) + b.value).mean()
        }
        // y = [7.5, 4.5]; loss = (56.25 + 20.25) / 2
        #expect(Swift.abs(loss.item() - 38.25) < 1e-12)
        // dL/dy = y; dL/dw = x^T y, dL/db = sum(y)
        expectClose(grads[0], [7.5 - 4.5, 4.5, 15 + 4.5], shape: [3, 1])
        expectClose(grads[1], [12])
        expectClose(grads[2], [0, 0])
        #expect(!loss.isTracked)
    }

    @Test func aVariableReadTwiceAccumulates() {
        let v = Variable(Tensor(3.0, dtype: .float64))
        let (_, g) = valueWithGradients(of: [v]) { v.value * v.value + v.value }
        #expect(g[0].item() == 7)
    }

    @Test func stopGradientAndNoRecording() {
        let x = Tensor([2.0], dtype: .float64)
        let g = gradient(at: x) { $0 * stopGradient($0) }
        #expect(g.item() == 2)
        // Outside a gradient computation nothing is tracked.
        let y = exp(x) * 2
        #expect(!y.isTracked && y.tapeHandle == nil)
        let inner = gradient(at: x) { t in withoutGradients { t * 3 } + t }
        #expect(inner.item() == 1)
    }

    @Test func integerOpsCarryNoGradient() {
        let x = Tensor([1.5, 2.5], dtype: .float64)
        let g = gradient(at: x) { t in cast(cast(t, to: .int32), to: .float64) + t.argmax().cast(to: .float64) }
        expectClose(g, [0, 0])
    }

    @Test func variableAssignment() {
        let v = Variable(Tensor.zeros([2]), name: "v")
        v.assign(Tensor([1.0, 2]))
        v.assignAdd(Tensor([1.0, 1]))
        v.assignSub(Tensor([0.5, 0.5]))
        #expect(v.value.doubles == [1.5, 2.5])
        v.assign(Tensor([1, 2]))   // cast to the variable's dtype
        #expect(v.dtype == .float32)
        #expect(v.description == "<Variable name=v shape=(2,) dtype=float32>")
    }

    @Test func aSmallModelTrainsByGradientDescent() {
        // Fit y = 2x - 1 with a custom loop: the loss must fall by orders of magnitude.
        let x = Tensor.linspace(-1, 1, count: 32).reshaped(to: [32, 1])
        let y = x * 2 - 1
        let w = Variable(Tensor.zeros([1, 1])), b = Variable(Tensor.zeros([1]))
        var first = 0.0, last = 0.0
        for step in 0..<200 {
            let (loss, grads) = valueWithGradients(of: [w, b]) { square(matmul(x, w.value) + b.value - y).mean() }
            if step == 0 { first = loss.item() }
            last = loss.item()
            w.assignSub(grads[0] * 0.1)
            b.assignSub(grads[1] * 0.1)
        }
        #expect(last < first * 1e-3)
        #expect(Swift.abs(w.value.item() - 2) < 0.05 && Swift.abs(b.value.item() + 1) < 0.05)
    }
}
