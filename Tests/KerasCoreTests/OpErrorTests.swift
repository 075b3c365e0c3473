import Testing
@testable import KerasCore

/// Misuse of raw ops stops the process with a message naming the op and the shapes (DESIGN.md §4,
/// tier 2). Each case runs in a child process (an exit test) whose standard error is checked.
@Suite struct OpErrorTests {
    static func stderrText(_ result: ExitTest.Result?) -> String {
        guard let bytes = result?.standardErrorContent else { return "" }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func matmulShapeMismatch() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = matmul(Tensor.zeros([2, 3]), Tensor.zeros([4, 5]))
        }
        let text = Self.stderrText(result)
        #expect(text.contains("matmul") && text.contains("(2, 3)") && text.contains("(4, 5)"), "\(text)")
    }

    @Test func broadcastMismatch() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([2, 3]) + Tensor.zeros([4])
        }
        let text = Self.stderrText(result)
        #expect(text.contains("add") && text.contains("(2, 3)") && text.contains("(4,)") && text.contains("broadcast"), "\(text)")
    }

    @Test func badAxis() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([2, 3]).sum(axes: [2])
        }
        let text = Self.stderrText(result)
        #expect(text.contains("sum") && text.contains("axis 2") && text.contains("(2, 3)"), "\(text)")
    }

    @Test func badReshape() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([2, 3]).reshaped(to: [4, -1])
        }
        let text = Self.stderrText(result)
        #expect(text.contains("reshape") && text.contains("(2, 3)"), "\(text)")
    }

    @Test func concatenateMismatch() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = concatenate([Tensor.zeros([2, 3]), Tensor.zeros([3, 3])], axis: 1)
        }
        let text = Self.stderrText(result)
        #expect(text.contains("concatenate") && text.contains("(3, 3)") && text.contains("axis 1"), "\(text)")
    }

    @Test func takeOutOfRange() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([3, 2]).take(Tensor([5]), axis: 0)
        }
        let text = Self.stderrText(result)
        #expect(text.contains("take") && text.contains("index 5") && text.contains("size 3"), "\(text)")
    }

    @Test func convChannelMismatch() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = conv(Tensor.zeros([1, 8, 3]), Tensor.zeros([3, 2, 4]))
        }
        let text = Self.stderrText(result)
        #expect(text.contains("conv") && text.contains("3 channels") && text.contains("(3, 2, 4)"), "\(text)")
    }
}
