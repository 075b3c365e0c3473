import Testing
@testable import KerasCore

/// `string` tensors move and compare as numpy's string arrays do, sharing their text table.
@Suite struct StringTensorTests {
    let words = Tensor(strings: ["a", "bb", "c", "dd", "e", "ff"], shape: [2, 3])

    @Test func creationAndReading() {
        #expect(words.dtype == .string && words.shape == [2, 3])
        #expect(words.strings == ["a", "bb", "c", "dd", "e", "ff"])
        #expect(Tensor(string: "x").shape == [] && Tensor(string: "x").strings == ["x"])
        #expect(Tensor(strings: ["it's", "a\\b"]).description == #"array(['it\'s', 'a\\b'], dtype=string)"#)
    }

    @Test func movement() {
        #expect(words.reshaped(to: [3, 2]).strings == ["a", "bb", "c", "dd", "e", "ff"])
        #expect(words.transposed().strings == ["a", "dd", "bb", "e", "c", "ff"])
        #expect(words[1].strings == ["dd", "e", "ff"])
        #expect(words[.all, .range(nil, nil, step: -1)].strings == ["c", "bb", "a", "ff", "e", "dd"])
        #expect(words.take(Tensor([1, 1, 0]), axis: 0).strings == ["dd", "e", "ff", "dd", "e", "ff", "a", "bb", "c"])
        #expect(words.flipped(axes: [0]).strings == ["dd", "e", "ff", "a", "bb", "c"])
        #expect(words.expandingDimensions(axis: -1).shape == [2, 3, 1])
        #expect(Tensor(strings: ["z"], shape: [1, 1]).broadcasted(to: [2, 2]).strings == ["z", "z", "z", "z"])
        #expect(words.takeAlongAxis(Tensor([2, 0, 1, 1], shape: [2, 2]), axis: 1).strings == ["c", "a", "e", "e"])
    }

    @Test func joiningTablesKeepsTexts() {
        let other = Tensor(strings: ["bb", "new", "a"], shape: [1, 3])
        let joined = concatenate([words, other], axis: 0)
        #expect(joined.shape == [3, 3])
        #expect(joined.strings == ["a", "bb", "c", "dd", "e", "ff", "bb", "new", "a"])
        #expect(stack([other, other]).strings == ["bb", "new", "a", "bb", "new", "a"])
        let picked = select(Tensor([true, false, true]), words[0], other[0])
        #expect(picked.strings == ["a", "new", "c"])
    }

    @Test func equalityComparesTexts() {
        let other = Tensor(strings: ["a", "x", "c", "dd", "y", "ff"], shape: [2, 3])
        #expect(equal(words, other).scalars(as: Bool.self) == [true, false, true, true, false, true])
        #expect(notEqual(words, Tensor(string: "bb")).scalars(as: Bool.self) == [true, false, true, true, true, true])
        // Slices of one tensor share its table; comparing them compares texts too.
        #expect(equal(words[0], words[1]).scalars(as: Bool.self) == [false, false, false])
    }

    /// The Tensors article's text example, as written.
    @Test func articleExample() {
        let texts = Tensor(strings: ["the cat", "a dog", "the end"], shape: [3, 1])
        #expect(texts[1].strings == ["a dog"])
        #expect(texts.take(Tensor([2, 0]), axis: 0).strings == ["the end", "the cat"])
        #expect(equal(texts, Tensor(string: "a dog")).scalars(as: Bool.self) == [false, true, false])
    }

    @Test func arithmeticOnStringsStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor(strings: ["a"]) + Tensor(strings: ["b"])
        }
        let text = OpErrorTests.stderrText(result)
        #expect(text.contains("add") && text.contains("string tensors support only"), "\(text)")
    }

    @Test func mixingStringsAndNumbersStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = equal(Tensor(strings: ["a"]), Tensor([1.0]))
        }
        let text = OpErrorTests.stderrText(result)
        #expect(text.contains("equal") && text.contains("float32"), "\(text)")
    }

    @Test func readingStringsAsNumbersStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor(strings: ["a"]).doubles
        }
        #expect(OpErrorTests.stderrText(result).contains("StringLookup"))
    }
}
