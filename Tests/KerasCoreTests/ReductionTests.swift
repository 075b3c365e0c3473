import Testing
@testable import KerasCore

@Suite struct ReductionTests {
    let x = Tensor((0..<24).map { Double($0 * 7 % 11) - 4 }, shape: [2, 3, 4], dtype: .float64)

    /// Reference reduction by brute force over index tuples.
    func reference(_ x: Tensor, axes: [Int], _ f: ([Double]) -> Double) -> [Double] {
        let kept = (0..<x.rank).filter { !axes.contains($0) }
        let outShape = kept.map { x.shape[$0] }
        let values = x.doubles
        let strides = Shape.strides(x.shape)
        var groups = [[Double]](repeating: [], count: Shape.elementCount(outShape))
        for flat in 0..<x.count {
            var rem = flat, out = 0, mult = 1
            var idx = [Int](repeating: 0, count: x.rank)
            for a in 0..<x.rank { idx[a] = rem / strides[a]; rem %= strides[a] }
            for k in kept.indices.reversed() { out += idx[kept[k]] * mult; mult *= outShape[k] }
            groups[out].append(values[flat])
        }
        return groups.map(f)
    }

    @Test(arguments: [[0], [1], [2], [0, 1], [0, 2], [1, 2], [0, 1, 2]])
    func reductionsOverAxisSets(_ axes: [Int]) {
        expectClose(x.sum(axes: axes), reference(x, axes: axes) { $0.reduce(0, +) }, tolerance: 1e-12)
        expectClose(x.max(axes: axes), reference(x, axes: axes) { $0.max()! })
        expectClose(x.min(axes: axes), reference(x, axes: axes) { $0.min()! })
        expectClose(x.prod(axes: axes), reference(x, axes: axes) { $0.reduce(1, *) }, tolerance: 1e-12)
        expectClose(x.mean(axes: axes), reference(x, axes: axes) { $0.reduce(0, +) / Double($0.count) }, tolerance: 1e-12)
        let variance = reference(x, axes: axes) { g in
            let m = g.reduce(0, +) / Double(g.count)
            return g.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(g.count)
        }
        expectClose(x.variance(axes: axes), variance, tolerance: 1e-12)
        expectClose(x.standardDeviation(axes: axes), variance.map { $0.squareRoot() }, tolerance: 1e-12)
        expectClose(x.logSumExp(axes: axes), reference(x, axes: axes) { g in
            let m = g.max()!
            return m + Double.log(g.map { Double.exp($0 - m) }.reduce(0, +))
        }, tolerance: 1e-12)
        var kept = x.shape
        for a in axes { kept[a] = 1 }
        #expect(x.sum(axes: axes, keepingDimensions: true).shape == kept)
        // float32 and int paths agree with float64.
        expectClose(cast(x, to: .float32).sum(axes: axes), x.sum(axes: axes).doubles, tolerance: 1e-6)
        expectClose(cast(x, to: .int32).sum(axes: axes), x.sum(axes: axes).doubles)
        expectClose(cast(x, to: .int64).max(axes: axes), x.max(axes: axes).doubles)
    }

    @Test func reductionGradients() {
        var rng = TestRNG(11)
        let t = rng.tensor([3, 4, 2])
        for axes in [[0], [1], [2], [0, 2], [0, 1, 2]] {
            checkGradients([t]) { $0[0].sum(axes: axes) }
            checkGradients([t]) { $0[0].mean(axes: axes, keepingDimensions: true) }
            checkGradients([t]) { $0[0].max(axes: axes) }
            checkGradients([t]) { $0[0].min(axes: axes) }
            checkGradients([t]) { $0[0].prod(axes: axes) }
            checkGradients([t]) { $0[0].variance(axes: axes) }
            checkGradients([t]) { $0[0].standardDeviation(axes: axes) }
            checkGradients([t]) { $0[0].logSumExp(axes: axes) }
        }
    }

    @Test func prodGradientIsExactWithZeros() {
        let g = gradient(at: Tensor([2.0, 0, 3, 0, 5, 4], shape: [2, 3], dtype: .float64)) { $0.prod(axes: [1]).sum() }
        expectClose(g, [0, 6, 0, 20, 0, 0])
    }

    @Test func maxTiesShareTheGradient() {
        let g = gradient(at: Tensor([3.0, 3, 1], dtype: .float64)) { $0.max() }
        expectClose(g, [0.5, 0.5, 0])
    }

    @Test func argReductionsAndLogical() {
        let t = Tensor([1.0, 5, 5, 2, 0, 0], shape: [2, 3])
        #expect(t.argmax(axis: -1).doubles == [1, 0])
        #expect(t.argmin(axis: -1).doubles == [0, 1])
        #expect(t.argmax(axis: 0).doubles == [1, 0, 0])
        #expect(t.argmax(axis: 0).dtype == .int32)
        #expect(t.argmax(axis: 1, keepingDimensions: true).shape == [2, 1])
        #expect(Tensor([1.0, .nan, 3]).argmax().item() == 1)
        #expect(t.any(axes: [1]).doubles == [1, 1])
        #expect(t.all(axes: [1]).doubles == [1, 0])
        #expect(Tensor([true, false]).any().item() == 1)
        #expect(Tensor.zeros([0]).sum().item() == 0)
        #expect(Tensor.zeros([0]).all().item() == 1)
    }

    @Test func cumulativeOps() {
        let t = Tensor([1.0, 2, 3, 4, 5, 6], shape: [2, 3], dtype: .float64)
        expectClose(t.cumulativeSum(axis: 1), [1, 3, 6, 4, 9, 15])
        expectClose(t.cumulativeSum(axis: 0), [1, 2, 3, 5, 7, 9])
        expectClose(t.cumulativeProduct(axis: 1), [1, 2, 6, 4, 20, 120])
        expectClose(Tensor([1, 2, 3]).cumulativeSum(axis: 0), [1, 3, 6])
        var rng = TestRNG(2)
        let y = rng.tensor([3, 4], 0.5, 1.5)
        checkGradients([y]) { $0[0].cumulativeSum(axis: 1) }
        checkGradients([y]) { $0[0].cumulativeSum(axis: 0) }
        checkGradients([y]) { $0[0].cumulativeProduct(axis: 1) }
    }
}
