import Testing
@testable import KerasCore

@Suite struct TensorBasicsTests {
    @Test func creationDefaultsFollowKeras() {
        #expect(Tensor([1.0, 2, 3]).dtype == .float32)
        #expect(Tensor([1, 2, 3]).dtype == .int32)
        #expect(Tensor([true, false]).dtype == .bool)
        #expect(Tensor([Int64(1)]).dtype == .int64)
        #expect(Tensor(2.5).shape == [])
        expectClose(Tensor.zeros([2, 3]), [Double](repeating: 0, count: 6), shape: [2, 3])
        expectClose(Tensor.ones([2], dtype: .int64), [1, 1], shape: [2])
        expectClose(Tensor.full([2, 2], value: 7, dtype: .uint8), [7, 7, 7, 7])
        expectClose(Tensor.arange(5), [0, 1, 2, 3, 4])
        #expect(Tensor.arange(5).dtype == .int32)
        expectClose(Tensor.arange(0, 1, step: 0.25), [0, 0.25, 0.5, 0.75])
        expectClose(Tensor.arange(5, 0, step: -2), [5, 3, 1])
        expectClose(Tensor.linspace(0, 1, count: 5), [0, 0.25, 0.5, 0.75, 1])
        expectClose(Tensor.linspace(0, 1, count: 4, endpoint: false), [0, 0.25, 0.5, 0.75])
        expectClose(Tensor.eye(2, columns: 3, k: 1), [0, 1, 0, 0, 0, 1])
        #expect(Tensor.zeros([0, 3]).count == 0)
    }

    @Test func elementAccess() {
        let x = Tensor([1.0, 2, 3, 4, 5, 6], shape: [2, 3])
        #expect(x.scalar(at: [1, 2]) == 6)
        #expect(x.scalar(at: [-1, 0]) == 4)
        #expect(x.scalars(as: Int32.self) == [1, 2, 3, 4, 5, 6])
        #expect(Tensor(3.5).item() == 3.5)
    }

    @Test func casting() {
        let x = Tensor([-1.7, -0.5, 0, 0.5, 2.9, 300])
        #expect(cast(x, to: .int32).doubles == [-1, 0, 0, 0, 2, 300])
        #expect(cast(x, to: .uint8).doubles == [0, 0, 0, 0, 2, 255])
        #expect(cast(x, to: .bool).doubles == [1, 1, 0, 1, 1, 1])
        #expect(cast(Tensor([Double.nan, .infinity], dtype: .float64), to: .int32).doubles == [0, Double(Int32.max)])
        let big = Tensor([Int64(1) << 40, -3])
        #expect(cast(big, to: .int64).doubles == [Double(1 << 40), -3])
        #expect(cast(cast(big, to: .int32), to: .int64).doubles == [0, -3])
        // float16 and bfloat16 round to nearest even.
        let halves = cast(Tensor([1.0, 1.0009765625, 65504, 70000, 1e-8]), to: .float16).doubles
        #expect(halves == [1, 1.0009765625, 65504, .infinity, 0])
        let bf = cast(Tensor([1.0, 1.00390625, 1.01171875, 3e38]), to: .bfloat16).doubles
        #expect(bf[0] == 1 && bf[1] == 1 && bf[2] == 1.015625)
        #expect(Swift.abs(bf[3] - 3e38) / 3e38 < 0.01)
    }

    @Test func description() {
        #expect(Tensor([1.0, 2, 3, 4], shape: [2, 2]).description == "array([[1., 2.],\n       [3., 4.]], dtype=float32)")
        #expect(Tensor([1, -20]).description == "array([  1, -20], dtype=int32)")
        #expect(Tensor([true, false]).description == "array([ True, False], dtype=bool)")
        #expect(Tensor(0.5).description == "array(0.5, dtype=float32)")
        #expect(Tensor.zeros([2000]).description.contains("..."))
    }

    @Test func copyOnWriteKeepsValueSemantics() {
        let a = Tensor([1.0, 2])
        var b = a
        b.fill(with: 9)
        #expect(a.doubles == [1, 2])
        #expect(b.doubles == [9, 9])
    }

    @Test func bufferCacheReusesFreedMemory() {
        let cache = BufferCache.shared
        #expect(BufferCache.sizeClass(1) == 64)
        #expect(BufferCache.sizeClass(4097) >= 4097 && BufferCache.sizeClass(4097) <= 4097 + 4097 / 8 + 64)
        do { _ = Tensor.zeros([12_345]) }
        let before = cache.statistics.hits
        do { _ = Tensor.zeros([12_345]) }
        #expect(cache.statistics.hits > before)
    }

    @Test func dtypePromotion() {
        #expect(DType.promoted(.int32, .float32) == .float32)
        #expect(DType.promoted(.float16, .bfloat16) == .float32)
        #expect(DType.promoted(.int64, .int32) == .int64)
        #expect(DType.promoted(.bool, .uint8) == .uint8)
        #expect((Tensor([1, 2]) + Tensor([0.5, 0.5])).dtype == .float32)
        #expect((Tensor([1, 2]) / Tensor([2, 2])).dtype == .float32)
        #expect((cast(Tensor([1.0]), to: .float16) + 1).dtype == .float16)
        #expect((Tensor([1, 2]) + 1).dtype == .int32)
        #expect((Tensor([1, 2]) * 0.5).dtype == .float32)
    }
}
