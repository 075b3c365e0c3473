import Testing
@testable import KerasCore

@Suite struct MovementTests {
    let x = Tensor((0..<24).map(Double.init), shape: [2, 3, 4], dtype: .float64)

    @Test func reshapeTransposeSqueeze() {
        #expect(x.reshaped(to: [4, -1]).shape == [4, 6])
        #expect(x.reshaped(to: [-1]).shape == [24])
        let t = x.transposed(axes: [2, 0, 1])
        #expect(t.shape == [4, 2, 3])
        #expect(t.scalar(at: [3, 1, 2]) == x.scalar(at: [1, 2, 3]))
        #expect(x.transposed().shape == [4, 3, 2])
        #expect(x.swappingAxes(0, 2).shape == [4, 3, 2])
        #expect(x.movingAxis(0, to: -1).shape == [3, 4, 2])
        #expect(x.expandingDimensions(axis: 1).shape == [2, 1, 3, 4])
        #expect(x.expandingDimensions(axis: -1).shape == [2, 3, 4, 1])
        #expect(Tensor.zeros([1, 3, 1]).squeezed().shape == [3])
        #expect(Tensor.zeros([1, 3, 1]).squeezed(axes: [-1]).shape == [1, 3])
        let b = Tensor([1.0, 2, 3]).broadcasted(to: [2, 3])
        expectClose(b, [1, 2, 3, 1, 2, 3], shape: [2, 3])
        var rng = TestRNG(1)
        let y = rng.tensor([2, 3, 4])
        checkGradients([y]) { $0[0].reshaped(to: [6, 4]) }
        checkGradients([y]) { $0[0].transposed(axes: [1, 2, 0]) }
        checkGradients([rng.tensor([3, 1])]) { $0[0].broadcasted(to: [2, 3, 5]) }
    }

    @Test func concatenateStackSplit() {
        let a = Tensor([1.0, 2, 3, 4], shape: [2, 2]), b = Tensor([5.0, 6], shape: [2, 1])
        expectClose(concatenate([a, b], axis: 1), [1, 2, 5, 3, 4, 6], shape: [2, 3])
        expectClose(concatenate([a, b.transposed()], axis: 0), [1, 2, 3, 4, 5, 6], shape: [3, 2])
        expectClose(stack([Tensor([1.0, 2]), Tensor([3.0, 4])], axis: 1), [1, 3, 2, 4], shape: [2, 2])
        let parts = split(x, sections: 2, axis: 2)
        #expect(parts.map(\.shape) == [[2, 3, 2], [2, 3, 2]])
        expectClose(concatenate(parts, axis: 2), x)
        let uneven = split(x, at: [1, 3], axis: 1)
        #expect(uneven.map(\.shape) == [[2, 1, 4], [2, 2, 4], [2, 0, 4]])
        var rng = TestRNG(2)
        let p = rng.tensor([2, 3]), q = rng.tensor([2, 1])
        checkGradients([p, q]) { concatenate([$0[0], $0[1], $0[0]], axis: 1) }
        checkGradients([p]) { stack([$0[0], $0[0] * 2], axis: 0) }
        checkGradients([rng.tensor([4, 6])]) { split($0[0], at: [2, 5], axis: 1)[1] }
    }

    @Test func stridedSlicing() {
        // x[1, :, ::2]
        expectClose(x[1, .all, .range(nil, nil, step: 2)], [12, 14, 16, 18, 20, 22], shape: [3, 2])
        // x[:, -1]
        expectClose(x[.all, -1], [8, 9, 10, 11, 20, 21, 22, 23], shape: [2, 4])
        // x[0, ::-1, 3:0:-2]
        expectClose(x[0, .range(nil, nil, step: -1), .range(3, 0, step: -2)], [11, 9, 7, 5, 3, 1], shape: [3, 2])
        // x[..., None, 1:3]
        #expect(x[.ellipsis, .newAxis, .range(1..<3)].shape == [2, 3, 1, 2])
        // Out-of-range bounds clamp like Python.
        #expect(x[.all, .range(-100, 100, step: 1)].shape == [2, 3, 4])
        #expect(x[.all, .range(2, 1, step: 1)].shape == [2, 0, 4])
        expectClose(x.slice(starts: [1, 1, 0], sizes: [1, 2, 2]), [16, 17, 20, 21], shape: [1, 2, 2])
        var rng = TestRNG(3)
        let y = rng.tensor([3, 5, 4])
        checkGradients([y]) { $0[0][.range(0, 3, step: 2), .range(nil, nil, step: -2), 1] }
        checkGradients([y]) { $0[0][.ellipsis, .range(1, nil, step: 3)] }
    }

    @Test func flipRollTileRepeat() {
        let v = Tensor([1.0, 2, 3, 4, 5, 6], shape: [2, 3], dtype: .float64)
        expectClose(v.flipped(axes: [1]), [3, 2, 1, 6, 5, 4])
        expectClose(v.flipped(), [6, 5, 4, 3, 2, 1])
        expectClose(v.rolled(shift: 1, axis: 1), [3, 1, 2, 6, 4, 5])
        expectClose(v.rolled(shift: -1), [2, 3, 4, 5, 6, 1], shape: [2, 3])
        expectClose(Tensor([1.0, 2]).tiled([2, 2]), [1, 2, 1, 2, 1, 2, 1, 2], shape: [2, 4])
        expectClose(v.tiled([1, 2]), [1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6], shape: [2, 6])
        expectClose(v.repeated(2, axis: 0), [1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6], shape: [4, 3])
        expectClose(v.repeated(2, axis: 1), [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6], shape: [2, 6])
        expectClose(v.repeated([0, 2, 1], axis: 1), [2, 2, 3, 5, 5, 6], shape: [2, 3])
        expectClose(Tensor([1.0, 2]).repeated(3), [1, 1, 1, 2, 2, 2])
        checkGradients([v]) { $0[0].flipped(axes: [0]) }
        checkGradients([v]) { $0[0].rolled(shift: 2, axis: 1) }
        checkGradients([v]) { $0[0].tiled([2, 1, 2]) }
        checkGradients([v]) { $0[0].repeated(3, axis: 1) }
        checkGradients([v]) { $0[0].repeated([2, 0, 1], axis: 1) }
    }

    @Test func padding() {
        let v = Tensor([1.0, 2, 3], dtype: .float64)
        expectClose(v.padded([PadWidth(2, 1)]), [0, 0, 1, 2, 3, 0])
        expectClose(v.padded([PadWidth(1, 1)], mode: .constant(-1)), [-1, 1, 2, 3, -1])
        expectClose(v.padded([PadWidth(2, 2)], mode: .reflect), [3, 2, 1, 2, 3, 2, 1])
        expectClose(v.padded([PadWidth(2, 2)], mode: .symmetric), [2, 1, 1, 2, 3, 3, 2])
        let m = Tensor([1.0, 2, 3, 4], shape: [2, 2], dtype: .float64)
        expectClose(m.padded([PadWidth(1, 0), PadWidth(0, 1)]), [0, 0, 0, 1, 2, 0, 3, 4, 0], shape: [3, 3])
        var rng = TestRNG(4)
        let y = rng.tensor([3, 4])
        checkGradients([y]) { $0[0].padded([PadWidth(1, 2), PadWidth(0, 1)]) }
        checkGradients([y]) { $0[0].padded([PadWidth(2, 1), PadWidth(1, 3)], mode: .reflect) }
        checkGradients([y]) { $0[0].padded([PadWidth(3, 1), PadWidth(2, 4)], mode: .symmetric) }
    }

    @Test func movementOnEveryDtype() {
        for dtype in DType.allCases where dtype != .string {
            let t = cast(Tensor([0.0, 1, 1, 0, 1, 0], shape: [2, 3]), to: dtype)
            #expect(t.transposed().doubles == [0, 0, 1, 1, 1, 0], "\(dtype)")
            #expect(concatenate([t, t], axis: 0).shape == [4, 3])
            #expect(t[.all, .range(nil, nil, step: -1)].doubles == [1, 1, 0, 0, 1, 0], "\(dtype)")
            #expect(t.take(Tensor([2, 0]), axis: 1).doubles == [1, 0, 0, 0], "\(dtype)")
        }
    }
}
