// How EinsumDense reads its equation: Keras's `_analyze_einsum_string`, which derives the kernel
// and bias shapes and the full output shape from the equation, the input shape and the partial
// output shape.

/// The shapes EinsumDense derives from its equation for one input shape.
struct EinsumDenseShapes: Equatable {
    /// The kernel's shape, one size per label of the kernel term.
    var kernel: [Int]
    /// The bias's shape, or `nil` without `biasAxes`.
    var bias: [Int]?
    /// The output shape, batch axis included (unknown where Keras leaves it unknown).
    var output: TensorShape
    /// The kernel axes that meet the input (for the initializer's fan-in).
    var inputAxes: [Int]
    /// The kernel axes that reach the output (for the initializer's fan-out).
    var outputAxes: [Int]
}

/// The three terms of an EinsumDense equation and where its ellipsis sits.
struct EinsumDenseEquation: Equatable {
    enum Ellipsis: Equatable { case none, left, right }
    var input: [Character]
    var kernel: [Character]
    var output: [Character]
    var ellipsis: Ellipsis

    /// Parses `"ab,bc->ac"`, `"...b,bc->...c"` or `"ab...,bc->ac..."`, or returns `nil`.
    init?(_ equation: String) {
        let chars = Array(equation)
        guard let arrow = chars.indices.dropLast().first(where: { chars[$0] == "-" && chars[$0 + 1] == ">" }) else { return nil }
        let lhs = chars[..<arrow].split(separator: ",", omittingEmptySubsequences: false).map(Array.init)
        let rhs = Array(chars[(arrow + 2)...])
        guard lhs.count == 2 else { return nil }
        var (a, b, c) = (lhs[0], lhs[1], rhs)
        let dots: [Character] = [".", ".", "."]
        func isLetters(_ s: [Character]) -> Bool { !s.isEmpty && s.allSatisfy { $0.isASCII && $0.isLetter } }
        if a.starts(with: dots) && c.starts(with: dots) {
            a.removeFirst(3); c.removeFirst(3)
            ellipsis = .left
        } else if a.suffix(3) == dots[...] && c.suffix(3) == dots[...] {
            a.removeLast(3); c.removeLast(3)
            guard a.count >= 2 else { return nil }   // Keras's pattern needs two input labels here
            ellipsis = .right
        } else {
            ellipsis = .none
        }
        guard isLetters(a), isLetters(b), isLetters(c) else { return nil }
        (input, kernel, output) = (a, b, c)
    }
}

extension EinsumDenseEquation {
    /// Keras's shape analysis for `inputShape` and the user's partial output shape (without the
    /// batch axis), with the elided axes of a leading ellipsis kept in input order.
    func shapes(inputShape: TensorShape, partialOutput: TensorShape, biasAxes: String?,
                layer: String) throws -> EinsumDenseShapes {
        func fail(_ text: String) -> KerasError {
            KerasError(.incompatibleShape, "Layer \"\(layer)\" (EinsumDense): \(text)")
        }
        let elided = inputShape.count - input.count
        guard elided >= 0, ellipsis != .none || elided == 0, !inputShape.isEmpty else {
            throw fail("the equation's input term \"\(String(input))\" has \(input.count) labels\(ellipsis == .none ? "" : " besides the ellipsis"), but the input has shape \(inputShape.kerasDescription). Give an input of matching rank, or use \"...\" for extra leading axes.")
        }
        var output: TensorShape = [inputShape[0]]
        if ellipsis == .left && elided > 0 { output += inputShape[1..<elided] }
        output += partialOutput
        if ellipsis == .right && elided > 0 { output += inputShape[(inputShape.count - elided)...] }

        let offset = ellipsis == .left ? elided : 0
        var inputIndex: [Character: Int] = [:], outputIndex: [Character: Int] = [:]
        for (i, c) in input.enumerated() { inputIndex[c] = i + offset }
        for (i, c) in self.output.enumerated() { outputIndex[c] = i + offset }
        let expectedCount = offset + self.output.count + (ellipsis == .right ? elided : 0)
        guard output.count == expectedCount else {
            let labels = ellipsis == .left ? self.output.count : self.output.count - 1
            throw KerasError(.invalidArgument, "Layer \"\(layer)\" (EinsumDense): outputShape \(partialOutput.kerasDescription) has \(partialOutput.count) sizes, but the output term \"\(String(self.output))\" needs \(labels) (one per label\(ellipsis == .left ? "" : " after the batch label")). Use nil for sizes taken from the input.")
        }

        for c in input {
            guard let o = outputIndex[c] else { continue }
            let i = inputShape[inputIndex[c]!]
            if let expected = output[o], expected != i {
                throw fail("the input and output shapes do not match at shared dimension '\(c)': the input has \(i.map(String.init) ?? "None") and outputShape gives \(expected). Make outputShape agree with the input on '\(c)'.")
            }
        }
        for c in self.output where !input.contains(c) && !kernel.contains(c) {
            throw fail("dimension '\(c)' of the output \"\(String(self.output))\" appears in neither the input \"\(String(input))\" nor the kernel \"\(String(kernel))\". Every output label must come from one of them.")
        }

        var kernelShape: [Int] = [], inputAxes: [Int] = [], outputAxes: [Int] = []
        for (k, c) in kernel.enumerated() {
            let size: Int?
            if let o = outputIndex[c] { size = output[o]; outputAxes.append(k) }
            else if let i = inputIndex[c] { size = inputShape[i]; inputAxes.append(k) }
            else {
                throw fail("kernel dimension '\(c)' matches neither the input \"\(String(input))\" nor the output \"\(String(self.output))\"; the kernel must be fully specified by them.")
            }
            guard let size else {
                throw fail("the size of kernel dimension '\(c)' is unknown for input shape \(inputShape.kerasDescription) and outputShape \(partialOutput.kerasDescription). Give it in outputShape, or give the input a known size there.")
            }
            kernelShape.append(size)
        }

        var biasShape: [Int]?
        if let biasAxes {
            let axes = Array(biasAxes)
            for c in axes where !self.output.contains(c) {
                throw KerasError(.invalidArgument, "Layer \"\(layer)\" (EinsumDense): bias dimension '\(c)' was requested, but is not part of the output spec \"\(String(self.output))\". Use letters of the output term in biasAxes.")
            }
            let first = axes.compactMap { self.output.firstIndex(of: $0) }.min() ?? 0
            var shape: [Int] = []
            for (i, c) in self.output.enumerated().dropFirst(first) {
                guard axes.contains(c) else { shape.append(1); continue }
                guard let size = output[i + offset] else {
                    throw fail("the size of bias dimension '\(c)' is unknown for input shape \(inputShape.kerasDescription). Give it in outputShape.")
                }
                shape.append(size)
            }
            if ellipsis != .left { shape += Array(repeating: 1, count: elided) }
            biasShape = shape
        }
        return EinsumDenseShapes(kernel: kernelShape, bias: biasShape, output: output,
                                 inputAxes: inputAxes, outputAxes: outputAxes)
    }
}
