import Testing
@testable import Keras

@Suite struct EinsumDenseTests {
    @Test func layerChecks() throws {
        try checkLayer({ try EinsumDense("ab,bc->ac", outputShape: 3, biasAxes: "c", dtype: $0) }, inputShape: [2, 4], outputShape: [2, 3], weightShapes: [[4, 3], [3]])
        try checkLayer({ try EinsumDense("abc,cde->abde", outputShape: [3, 2, 5], biasAxes: "be", dtype: $0) }, inputShape: [2, 3, 4], outputShape: [2, 3, 2, 5], weightShapes: [[4, 2, 5], [3, 1, 5]])
        try checkLayer({ try EinsumDense("...b,bc->...c", outputShape: 5, activation: .tanh, dtype: $0) }, inputShape: [2, 3, 4], outputShape: [2, 3, 5], weightShapes: [[4, 5]])
        try checkLayer({ try EinsumDense("ab...,bc->ac...", outputShape: 5, biasAxes: "c", dtype: $0) }, inputShape: [2, 4, 3], outputShape: [2, 5, 3], weightShapes: [[4, 5], [5, 1]])
    }

    /// Weight and output shapes printed by Keras 3.15.1 for the same equations and input shapes.
    @Test func weightShapesMatchKeras() throws {
        let cases: [(String, TensorShape, String?, TensorShape, [[Int]], TensorShape)] = [
            ("ab,bc->ac", [5], nil, [nil, 4], [[4, 5]], [nil, 5]),
            ("ab,bc->ac", [5], "c", [nil, 4], [[4, 5], [5]], [nil, 5]),
            ("...b,bc->...c", [6], "c", [nil, 3, 4], [[4, 6], [6]], [nil, 3, 6]),
            ("abc,cd->abd", [nil, 7], "d", [nil, 3, 4], [[4, 7], [7]], [nil, nil, 7]),
            ("abc,cde->abde", [3, 2, 5], "be", [nil, 3, 4], [[4, 2, 5], [3, 1, 5]], [nil, 3, 2, 5]),
            ("abc,cde->abde", [nil, 2, 5], "e", [nil, 3, 4], [[4, 2, 5], [5]], [nil, nil, 2, 5]),
            ("abcd,cde->abe", [3, 6], "e", [nil, 3, 4, 5], [[4, 5, 6], [6]], [nil, 3, 6]),
            ("...bc,cde->...bde", [3, 2, 5], "e", [nil, 3, 4], [[4, 2, 5], [5]], [nil, 3, 2, 5]),
        ]
        for (equation, output, bias, input, weights, expected) in cases {
            let layer = try EinsumDense(equation, outputShape: output, biasAxes: bias)
            let y = try layer(Input(shape: Array(input.dropFirst())))
            #expect(layer.weights.map(\.shape) == weights, "\(equation)")
            #expect(layer.weights.map(\.name) == (bias == nil ? ["kernel"] : ["kernel", "bias"]))
            #expect(y.shape == expected, "\(equation)")
        }
    }

    @Test func leadingEllipsisKeepsAxisOrder() throws {
        // Keras 3.15.1 reports (None, 5, 3, 6) here although the result is (2, 3, 5, 6).
        let layer = try EinsumDense("...b,bc->...c", outputShape: 6)
        #expect(try layer(Input(shape: [3, 5, 4])).shape == [nil, 3, 5, 6])
        #expect(try layer(Tensor.ones([2, 3, 5, 4])).shape == [2, 3, 5, 6])
    }

    @Test func matchesKeras() throws {
        let layer = try EinsumDense("abc,cde->abde", outputShape: [3, 2, 3], biasAxes: "de")
        let x = Tensor.arange(24).reshaped(to: [2, 3, 4]).cast(to: .float32) / 10
        _ = try layer(x)
        try layer.setWeights([Tensor((0..<24).map { Double($0) / 20 - 0.5 }, shape: [4, 2, 3]),
                              Tensor([0.1, 0.2, 0.3, -0.1, -0.2, -0.3], shape: [2, 3])])
        expectClose(try layer(x), [0.22, 0.34999999, 0.48000002, 0.10999999, 0.040000007, -0.030000001, 0.13999999, 0.34999996, 0.56, 0.26999995, 0.28000003, 0.28999996, 0.060000025, 0.35000002, 0.63999999, 0.42999998, 0.52000004, 0.61000001, -0.020000003, 0.34999996, 0.71999997, 0.58999985, 0.76000005, 0.93000001, -0.099999972, 0.3499999, 0.79999989, 0.74999982, 1, 1.25, -0.18000001, 0.3499999, 0.88, 0.90999985, 1.24, 1.5699999], shape: [2, 3, 2, 3])
    }

    @Test func defaultKernelUsesEinsumFans() throws {
        // fan_in 64, fan_out 8 * 16: limit sqrt(6 / 192) = 0.177 (the plain rule would give 0.0625).
        let layer = try EinsumDense("abc,cde->abde", outputShape: [nil, 8, 16])
        _ = try layer(Input(shape: [10, 64]))
        let values = layer.weights[0].value.doubles
        let limit = (6.0 / 192).squareRoot()
        #expect(values.allSatisfy { Swift.abs($0) <= limit })
        #expect(values.contains { Swift.abs($0) > 0.15 })
    }

    @Test func validation() {
        expectKerasError(.invalidArgument, containing: ["Invalid einsum equation \"abc\""]) { _ = try EinsumDense("abc", outputShape: 3) }
        expectKerasError(.invalidArgument, containing: ["\"ab,bc,cd->ad\""]) { _ = try EinsumDense("ab,bc,cd->ad", outputShape: 3) }
        expectKerasError(.invalidArgument, containing: ["bias dimension 'x'", "\"ac\""]) { _ = try EinsumDense("ab,bc->ac", outputShape: 3, biasAxes: "x") }
        expectKerasError(.incompatibleShape, containing: ["shared dimension 'b'", "3", "2"]) {
            _ = try EinsumDense("abc,cde->abde", outputShape: [2, 2, 3])(Input(shape: [3, 4]))
        }
        expectKerasError(.incompatibleShape, containing: ["'d'", "neither"]) { _ = try EinsumDense("ab,bc->acd", outputShape: [3, 4])(Input(shape: [4])) }
        expectKerasError(.incompatibleShape, containing: ["kernel dimension 'z'"]) { _ = try EinsumDense("ab,bcz->ac", outputShape: [3])(Input(shape: [4])) }
        expectKerasError(.invalidArgument, containing: ["outputShape (3, 4)", "needs 1"]) { _ = try EinsumDense("ab,bc->ac", outputShape: [3, 4])(Input(shape: [4])) }
        expectKerasError(.incompatibleShape, containing: ["(None, 3, 4)", "\"ab\""]) { _ = try EinsumDense("ab,bc->ac", outputShape: 3)(Input(shape: [3, 4])) }
    }
}
