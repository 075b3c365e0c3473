import Foundation
import Testing
@testable import Keras

/// The progress bar as Keras draws it: redrawn in place on a terminal (checked through a real
/// pseudo-terminal), plain final lines otherwise, one line per epoch with verbose 2.
@Suite(.serialized) struct ProgressBarTests {
    func digitsModel() throws -> (Sequential, Tensor, Tensor) {
        let (images, labels) = try Datasets.digits()
        let x = images[.range(0..<256)].reshaped(to: [256, 64]).cast(to: .float32) / 16
        let y = labels[.range(0..<256)].cast(to: .int32)
        let model = try Sequential {
            Input(shape: [64])
            try Dense(32, activation: .relu)
            try Dense(10, activation: .softmax)
        }
        try model.compile(optimizer: Adam(learningRate: 0.01), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"])
        return (model, x, y)
    }

    @Test func fitOnDigitsRendersKerasBarInAPseudoTerminal() throws {
        // A pseudo-terminal pair from /dev/ptmx (unlock it, then open /dev/pts/N).
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        try #require(master >= 0)
        var unlock: CInt = 0
        var number: CInt = 0
        _ = ioctl(master, UInt(0x4004_5431), &unlock)   // TIOCSPTLCK
        _ = ioctl(master, UInt(0x8004_5430), &number)   // TIOCGPTN
        let slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        try #require(isatty(slave) == 1)
        // Drain the terminal while the fit writes to it, as a terminal emulator would.
        let collected = Collected()
        let reader = Thread {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = read(master, &buffer, buffer.count)
                if n <= 0 { break }
                collected.append(buffer[..<n])
            }
            collected.finish()
        }
        reader.start()
        let (model, x, y) = try digitsModel()
        try model.fit(x, y, batchSize: 32, epochs: 2, verbose: 1, progressOutput: .fileDescriptor(slave))
        close(slave)
        let text = collected.wait()
        close(master)
        #expect(text.contains("Epoch 1/2"))
        #expect(text.contains("Epoch 2/2"))
        #expect(text.contains("\r\u{1B}[1m8/8\u{1B}[0m \u{1B}[32m━━━━━━━━━━━━━━━━━━━━\u{1B}[0m"))
        #expect(text.contains("/step - accuracy: "))
        #expect(text.contains(" - loss: "))
        // A partly drawn bar: green done part, grey rest, an ETA.
        #expect(text.contains("\u{1B}[37m━"))
    }

    @Test func plainLinesWhenNotATerminal() throws {
        let (model, x, y) = try digitsModel()
        let out = Captured()
        try model.fit(x, y, batchSize: 64, epochs: 2, verbose: 1, progressOutput: out.output)
        let lines = out.text.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0] == "Epoch 1/2")
        let bar = try Regex(#"^4/4 ━{20} \d+s \d+(ms|us|s)/step - accuracy: \d\.\d{4} - loss: \d\.\d{4}$"#)
        #expect(lines[1].wholeMatch(of: bar) != nil, "\(lines[1])")
        #expect(!out.text.contains("\u{1B}"))
    }

    @Test func verboseTwoWritesOneLinePerEpoch() throws {
        let (model, x, y) = try digitsModel()
        let out = Captured()
        try model.fit(x, y, batchSize: 64, epochs: 2, verbose: 2, validationSplit: 0.25, progressOutput: out.output)
        let lines = out.text.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        let line = try Regex(#"^3/3 - \d+s - \d+(ms|us|s)/step - accuracy: \d\.\d{4} - loss: \d\.\d{4} - val_accuracy: \d\.\d{4} - val_loss: \d\.\d{4}$"#)
        #expect(lines[1].wholeMatch(of: line) != nil, "\(lines[1])")
    }

    @Test func progbarFormatsLikeKeras() {
        let out = Captured()
        let bar = Progbar(target: 10, output: out.output)
        bar.update(10, values: [("loss", 0.00001234), ("acc", 0.5)])
        #expect(out.text.hasSuffix(" - loss: 1.2340e-05 - acc: 0.5000\n"))
        #expect(out.text.hasPrefix("10/10 ━━━━━━━━━━━━━━━━━━━━ 0s"))
    }
}

/// Bytes read from a pseudo-terminal by another thread.
final class Collected: @unchecked Sendable {
    private var bytes: [UInt8] = []
    private let lock = NSLock()
    private let finished = DispatchSemaphore(value: 0)
    func append(_ b: ArraySlice<UInt8>) { lock.lock(); bytes += b; lock.unlock() }
    func finish() { finished.signal() }
    func wait() -> String {
        finished.wait()
        lock.lock(); defer { lock.unlock() }
        return String(decoding: bytes, as: UTF8.self)
    }
}
