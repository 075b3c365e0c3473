import Testing
import Keras

/// The examples of the README and the DocC articles, compiled and run, so the documentation
/// cannot drift from the API. Each test mirrors one article's snippets.
@Suite struct DocumentationExamplesTests {
    @Test func readmeFirstModelLearns() {
        let x = Tensor.linspace(-Double.pi, Double.pi, count: 256).reshaped(to: [256, 1])
        let y = sin(x)
        let w1 = Variable(Random.uniform([1, 32], min: -0.4, max: 0.4, seed: 1), name: "kernel")
        let b1 = Variable(Tensor.zeros([32]), name: "bias")
        let w2 = Variable(Random.uniform([32, 1], min: -0.4, max: 0.4, seed: 2), name: "kernel_1")
        let b2 = Variable(Tensor.zeros([1]), name: "bias_1")
        let variables = [w1, b1, w2, b2]
        var losses: [Double] = []
        for _ in 0...300 {
            let (loss, gradients) = valueWithGradients(of: variables) {
                let hidden = tanh(matmul(x, w1.value) + b1.value)
                return square(matmul(hidden, w2.value) + b2.value - y).mean()
            }
            for (variable, gradient) in zip(variables, gradients) {
                variable.assignSub(gradient * 0.05)
            }
            losses.append(loss.item())
        }
        #expect(losses.last! < losses.first! / 5)
    }

    @Test func tensorsArticle() {
        let a = Tensor([1.0, 2, 3, 4, 5, 6], shape: [2, 3])
        #expect(a.dtype == .float32)
        #expect(Tensor([3, 1, 4]).dtype == .int32)
        #expect(Tensor([Int64(7), 8]).dtype == .int64)
        #expect(Tensor([true, false, true]).dtype == .bool)
        #expect(Tensor.ones([4], dtype: .float64).dtype == .float64)
        #expect(Tensor.arange(10).count == 10 && Tensor.eye(3).shape == [3, 3])
        #expect(a.scalar(at: [1, 2]) == 6)
        #expect(a.scalars(as: Float.self) == [1, 2, 3, 4, 5, 6])
        #expect(a.sum().item() == 21)
        #expect(a.description == "array([[1., 2., 3.],\n       [4., 5., 6.]], dtype=float32)")
        #expect((cast(a, to: .float16) * 2).dtype == .float16)
        #expect((Tensor([3, 1, 4]) + Tensor([0.5, 0.5, 0.5])).dtype == .float32)
        #expect(cast(Tensor([-1.7, 2.9]), to: .int32).doubles == [-1, 2])
        #expect(a[0].doubles == [1, 2, 3])
        #expect(a[.all, .range(nil, nil, step: -1)].doubles == [3, 2, 1, 6, 5, 4])
        #expect(a[.ellipsis, .newAxis].shape == [2, 3, 1])
    }

    @Test func operationsArticle() {
        let x = Tensor([-1.0, 0, 2])
        _ = relu(x) + 0.5 * square(x) - exp(-abs(x))
        #expect(Swift.abs(softmax(Tensor([1.0, 2, 3])).sum().item() - 1) < 1e-6)
        _ = gelu(x, approximate: true)
        #expect(select(greater(x, Tensor(0.0)), x, Tensor.zeros(like: x)).doubles == [0, 0, 2])
        let m = Tensor([1.0, 2, 3, 4, 5, 6], shape: [2, 3])
        #expect(m.sum(axes: [1]).doubles == [6, 15])
        #expect(m.mean(axes: [0], keepingDimensions: true).shape == [1, 3])
        #expect(m.argmax(axis: -1).dtype == .int32)
        let a = Tensor.ones([8, 3, 4]), b = Tensor.ones([4, 5])
        #expect(matmul(a, b).shape == [8, 3, 5])
        #expect(einsum("abc,cd->abd", a, b).shape == [8, 3, 5])
        #expect(tensordot(a, Tensor.ones([3, 4]), axes: ([1, 2], [0, 1])).shape == [8])
        let t = Tensor.arange(24).reshaped(to: [2, 3, 4])
        #expect(t.transposed(axes: [2, 0, 1]).shape == [4, 2, 3])
        #expect(concatenate([t, t], axis: -1).shape == [2, 3, 8])
        #expect(split(t, sections: 2, axis: 2).map(\.shape) == [[2, 3, 2], [2, 3, 2]])
        #expect(t.take(Tensor([2, 0]), axis: 1).shape == [2, 2, 4])
        #expect(t.padded([PadWidth(0, 0), PadWidth(1, 1), PadWidth(0, 0)], mode: .reflect).shape == [2, 5, 4])
        #expect(t.topK(2).indices.shape == [2, 3, 2])
        #expect(oneHot(Tensor([0, 2]), numClasses: 3).shape == [2, 3])
        let images = Tensor.ones([8, 28, 28, 1])
        let features = conv(images, Tensor.ones([3, 3, 1, 16]), strides: [1], padding: .same)
        #expect(features.shape == [8, 28, 28, 16])
        let pooled = maxPool(features, poolSize: [2, 2])
        #expect(pooled.shape == [8, 14, 14, 16])
        #expect(convTranspose(pooled, Tensor.ones([3, 3, 4, 16]), strides: [2], padding: .same).shape == [8, 28, 28, 4])
    }

    @Test func automaticDifferentiationArticle() {
        let w = Variable(Tensor.zeros([3, 1]), name: "kernel")
        let b = Variable(Tensor.zeros([1]), name: "bias")
        let x = Tensor.ones([4, 3]), y = Tensor.ones([4, 1])
        let (loss, gradients) = valueWithGradients(of: [w, b]) {
            square(matmul(x, w.value) + b.value - y).mean()
        }
        #expect(loss.item() == 1)
        w.assignSub(gradients[0] * 0.1)
        b.assignSub(gradients[1] * 0.1)
        #expect(w.value.doubles == [0.2, 0.2, 0.2].map { Double(Float($0)) })
        let (_, grads) = valueWithGradients(at: [Tensor([1.0, 2]), Tensor([3.0, 4])]) { t in (t[0] * t[1]).sum() }
        #expect(grads[0].doubles == [3, 4] && grads[1].doubles == [1, 2])
        let g = gradient(at: Tensor([0.5])) { sigmoid($0) }
        #expect(Swift.abs(g.item() - 0.2350037) < 1e-6)
    }

    @Test func automaticDifferentiationArticleCustomGradients() {
        func log1pexp(_ x: Tensor) -> Tensor {
            customGradient([x]) { t in
                let e = exp(t[0])
                return ([log(1 + e)], { cotangents in [cotangents[0] * (1 - 1 / (1 + e))] })
            }[0]
        }
        let g = gradient(at: Tensor([100.0])) { log1pexp($0) }
        #expect(g.doubles == [1])
        #expect(gradient(at: Tensor([100.0])) { log(1 + exp($0)) }.doubles[0].isNaN)
        func clippingGradient(_ x: Tensor) -> Tensor {
            customGradient(at: x) { x in (x, { clip($0, min: -1, max: 1) }) }
        }
        #expect(gradient(at: Tensor([3.0])) { clippingGradient($0 * 5) }.doubles == [5])
    }

    @Test func engineInfo() {
        let info = EngineInfo.current
        #expect(info.backend == "cpu" && info.threads >= 1)
        #expect(info.description.hasPrefix("backend=cpu"))
    }
}
