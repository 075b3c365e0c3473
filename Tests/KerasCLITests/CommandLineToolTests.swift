#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Keras
import Testing

/// The `keras` executable, run as a user runs it, on the Keras fixtures.
enum CLI {
    /// The fixtures saved by Python Keras (`Tests/Fixtures/keras3/files`).
    static let fixtures: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(2)   // KerasCLITests/CommandLineToolTests.swift
        return parts.joined(separator: "/") + "/Fixtures/keras3/files"
    }()

    /// The built `keras` executable: beside the test bundle (where `swift build` puts both), or
    /// in `.build/debug`; `nil` when it is not built.
    static let executable: String? = {
        var candidates: [String] = []
        var directory = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(directory.appendingPathComponent("keras").path)
            directory.deleteLastPathComponent()
        }
        var root = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        root.removeLast(3)
        candidates.append(root.joined(separator: "/") + "/.build/debug/keras")
        return candidates.first { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
                && FileManager.default.isExecutableFile(atPath: path)
        }
    }()

    static var isBuilt: Bool {
        if executable == nil { print("CommandLineToolTests: the keras executable is not built (swift build); skipping.") }
        return executable != nil
    }

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
        var stderrLines: [Substring] { stderr.split(separator: "\n") }
    }

    /// Runs `keras ARGUMENTS...` in `folder`.
    static func run(_ arguments: [String], in folder: String) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(executable))
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        // Files rather than pipes, so a chatty command cannot fill a pipe and stall.
        let out = folder + "/.stdout", err = folder + "/.stderr"
        FileManager.default.createFile(atPath: out, contents: nil)
        FileManager.default.createFile(atPath: err, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        try process.run()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }

    static func file(_ name: String) -> String { "\(fixtures)/\(name)" }

    /// The manifest entry of fixture `model`.
    static func manifest(_ model: String) throws -> JSONObject {
        let text = try String(contentsOfFile: file("manifest.json"), encoding: .utf8)
        let models = try #require(try JSONValue(parsing: text)["models"]?.arrayValue)
        return try #require(models.compactMap(\.objectValue).first { $0["name"]?.stringValue == model })
    }

    /// The largest absolute difference between two arrays of the same shape.
    static func maxDifference(_ a: Tensor, _ b: Tensor) -> Double {
        zip(cast(a, to: .float64).doubles, cast(b, to: .float64).doubles).map { Swift.abs($0 - $1) }.max() ?? 0
    }
}

/// A folder under /tmp for one test, removed afterwards.
final class Scratch {
    let path: String
    init() throws {
        path = NSTemporaryDirectory() + "keras-cli-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    func file(_ name: String) -> String { "\(path)/\(name)" }
}

@Suite(.enabled(if: CLI.isBuilt, "the keras executable is not built"))
struct CommandLineToolTests {
    @Test func summaryPrintsTheModelSummary() throws {
        let scratch = try Scratch()
        let result = try CLI.run(["summary", CLI.file("tiny_sequential.keras")], in: scratch.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        for expected in ["Model: \"tiny_seq\"", "hidden (Dense)", "(None, 3)", "out (Dense)", "(None, 2)", "Total params: 23"] {
            #expect(result.stdout.contains(expected), "\(expected) in\n\(result.stdout)")
        }
        let legacy = try CLI.run(["summary", CLI.file("functional_shared.legacy.h5")], in: scratch.path)
        #expect(legacy.status == 0, "\(legacy.stderr)")
        #expect(legacy.stdout.contains("Total params:"))
    }

    /// `inspect` lists every dataset of the weights file with its shape and dtype, as the
    /// fixture's manifest has them.
    @Test(arguments: ["tiny_sequential.keras", "tiny_sequential.weights.h5", "trained_adam.keras", "cnn.keras"])
    func inspectListsTheWeights(_ file: String) throws {
        let scratch = try Scratch()
        let result = try CLI.run(["inspect", CLI.file(file)], in: scratch.path)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        let model = String(file.prefix { $0 != "." })
        let datasets = try #require(try CLI.manifest(model)["weights_h5_datasets"]?.arrayValue)
        for dataset in datasets.compactMap(\.objectValue) {
            let path = try #require(dataset["path"]?.stringValue)
            let shape = try #require(dataset["shape"]?.arrayValue).compactMap(\.intValue)
            let text = "(" + shape.map(String.init).joined(separator: ", ") + (shape.count == 1 ? ",)" : ")")
            let dtype = try #require(dataset["dtype"]?.stringValue)
            #expect(lines.contains { $0.hasPrefix("\(path)  \(text)  \(dtype)") }, "\(path)  \(text)  \(dtype) in\n\(result.stdout)")
        }
        #expect(lines.count == datasets.count)
    }

    /// `predict` writes out0.npy, out1.npy, ... equal to Keras's outputs.
    @Test(arguments: ["tiny_sequential", "functional_shared", "cnn", "text_conv1d"])
    func predictMatchesKeras(_ model: String) throws {
        let scratch = try Scratch()
        let manifest = try CLI.manifest(model)
        let inputs = try #require(manifest["inputs"]?.arrayValue).compactMap { $0["file"]?.stringValue }.map(CLI.file)
        let outputs = try #require(manifest["outputs"]?.arrayValue).compactMap { $0["file"]?.stringValue }.map(CLI.file)
        let tolerance = manifest["tolerance"]?.doubleValue ?? 1e-5
        let result = try CLI.run(["predict", CLI.file("\(model).keras")] + inputs + ["--output-dir", scratch.file("out")], in: scratch.path)
        #expect(result.status == 0, "\(result.stderr)")
        for (i, expectedFile) in outputs.enumerated() {
            let got = try NPY.load(path: scratch.file("out/out\(i).npy"))
            let expected = try NPY.load(path: expectedFile)
            #expect(got.shape == expected.shape && got.dtype == .float32)
            #expect(CLI.maxDifference(got, expected) <= tolerance, "\(model) output \(i)")
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.file("out/out\(outputs.count).npy")))
    }

    /// `.keras` → legacy `.h5` → `.keras` → `.weights.h5`: every form predicts as Keras does.
    @Test(arguments: ["functional_shared", "trained_adam"])
    func convertRoundTripKeepsPredictions(_ model: String) throws {
        let scratch = try Scratch()
        let manifest = try CLI.manifest(model)
        let inputs = try #require(manifest["inputs"]?.arrayValue).compactMap { $0["file"]?.stringValue }.map(CLI.file)
        let expected = try #require(manifest["outputs"]?.arrayValue).compactMap { $0["file"]?.stringValue }.map { try NPY.load(path: CLI.file($0)) }
        let steps = [(CLI.file("\(model).keras"), scratch.file("a.h5")), (scratch.file("a.h5"), scratch.file("b.keras")),
                     (scratch.file("b.keras"), scratch.file("c.weights.h5"))]
        for (from, to) in steps {
            let result = try CLI.run(["convert", from, to], in: scratch.path)
            #expect(result.status == 0, "\(from) → \(to): \(result.stderr)")
        }
        for form in ["a.h5", "b.keras"] {
            let result = try CLI.run(["predict", scratch.file(form)] + inputs + ["--output-dir", scratch.file(form + ".out")], in: scratch.path)
            #expect(result.status == 0, "\(form): \(result.stderr)")
            for (i, e) in expected.enumerated() {
                #expect(CLI.maxDifference(try NPY.load(path: scratch.file("\(form).out/out\(i).npy")), e) <= 1e-5, "\(form) output \(i)")
            }
        }
        // The weights file carries the weights into a model made from the original file.
        let fresh = try loadModel(from: CLI.file("\(model).keras"))
        for variable in fresh.weights { variable.assign(Tensor.zeros(variable.shape, dtype: variable.value.dtype)) }
        try fresh.loadWeights(from: scratch.file("c.weights.h5"))
        let outputs = try fresh.allOutputs(try inputs.map { try NPY.load(path: $0) })
        for (o, e) in zip(outputs, expected) { #expect(CLI.maxDifference(o, e) <= 1e-5) }
    }

    /// `fit` trains the saved model with its compile configuration and saves it.
    @Test func fitTrainsAndSaves() throws {
        let scratch = try Scratch()
        // 8 samples of the model's 6 features; targets of its 3 outputs.
        let x = Tensor((0..<48).map { Double(($0 * 7) % 11) / 11 - 0.4 }, shape: [8, 6], dtype: .float32)
        let y = Tensor((0..<24).map { Double(($0 * 5) % 7) / 7 }, shape: [8, 3], dtype: .float32)
        try NPY.save(x, path: scratch.file("x.npy"))
        try NPY.save(y, path: scratch.file("y.npy"))
        let result = try CLI.run(["fit", CLI.file("trained_adam.keras"), "--x", scratch.file("x.npy"), "--y", scratch.file("y.npy"),
                                  "--epochs", "2", "--batch-size", "4", "--no-shuffle", "--output", scratch.file("trained.keras")], in: scratch.path)
        #expect(result.status == 0, "\(result.stderr)")
        // One line per epoch, with the loss.
        let losses = result.stdout.split(separator: "\n").compactMap { line -> Double? in
            guard let range = line.range(of: "loss: ") else { return nil }
            return Double(line[range.upperBound...].prefix { $0 == "." || $0 == "e" || $0 == "-" || $0.isNumber })
        }
        #expect(losses.count == 2, "\(result.stdout)")
        if losses.count == 2 { #expect(losses[1] < losses[0], "the loss goes down: \(losses)") }
        let before = try loadModel(from: CLI.file("trained_adam.keras"))
        let after = try loadModel(from: scratch.file("trained.keras"))
        #expect(after.isCompiled)
        let changed = zip(before.weights, after.weights).map { CLI.maxDifference($0.value, $1.value) }
        #expect(changed.allSatisfy { $0 > 0 }, "every weight moved: \(changed)")
        // The optimizer state went on from the file's: Adam's iteration count is 4 + 2 × 2.
        #expect(after.optimizer?.iterations == 8, "\(after.optimizer?.iterations ?? -1)")
    }

    /// Errors end the command with status 1 and one line on stderr starting with `error:`.
    @Test func errorsAreOneLineOnStandardError() throws {
        let scratch = try Scratch()
        // A float array for the text model's integer input, and an array of complex numbers.
        try NPY.save(Tensor.zeros([3, 10], dtype: .float32), path: scratch.file("floats.npy"))
        var complex = NPY.encode(Tensor.zeros([2], dtype: .float64))
        let descr = Array("'<f8'".utf8), replacement = Array("'<c8'".utf8)
        if let at = (0..<(complex.count - descr.count)).first(where: { Array(complex[$0..<($0 + descr.count)]) == descr }) {
            complex.replaceSubrange(at..<(at + descr.count), with: replacement)
        }
        FileManager.default.createFile(atPath: scratch.file("complex.npy"), contents: Data(complex))
        FileManager.default.createFile(atPath: scratch.file("garbage.keras"), contents: Data("not a model".utf8))
        try NPY.save(Tensor.zeros([5, 6], dtype: .float32), path: scratch.file("five.npy"))
        let out = scratch.file("out")
        let cases: [(String, [String])] = [
            ("missing file", ["summary", scratch.file("missing.keras")]),
            ("missing input file", ["predict", CLI.file("tiny_sequential.keras"), scratch.file("missing.npy"), "--output-dir", out]),
            ("wrong input count", ["predict", CLI.file("functional_shared.keras"), CLI.file("functional_shared.in0.npy"), "--output-dir", out]),
            ("too many inputs", ["predict", CLI.file("tiny_sequential.keras"), CLI.file("tiny_sequential.in0.npy"), CLI.file("tiny_sequential.in0.npy"), "--output-dir", out]),
            ("wrong input shape", ["predict", CLI.file("tiny_sequential.keras"), CLI.file("cnn.in0.npy"), "--output-dir", out]),
            ("wrong input rank", ["predict", CLI.file("cnn.keras"), CLI.file("tiny_sequential.in0.npy"), "--output-dir", out]),
            ("wrong dtype", ["predict", CLI.file("text_conv1d.keras"), scratch.file("floats.npy"), "--output-dir", out]),
            ("unsupported dtype", ["predict", CLI.file("mlp.keras"), scratch.file("complex.npy"), "--output-dir", out]),
            ("npy as model", ["summary", CLI.file("tiny_sequential.in0.npy")]),
            ("npy as model (predict)", ["predict", CLI.file("tiny_sequential.in0.npy"), CLI.file("tiny_sequential.in0.npy"), "--output-dir", out]),
            ("garbage .keras", ["inspect", scratch.file("garbage.keras")]),
            ("weights file as model", ["summary", CLI.file("tiny_sequential.weights.h5")]),
            ("convert to an unknown kind", ["convert", CLI.file("tiny_sequential.keras"), scratch.file("model.onnx")]),
            ("fit with two target files for one output", ["fit", CLI.file("trained_adam.keras"), "--x", CLI.file("trained_adam.in0.npy"), "--y", CLI.file("trained_adam.out0.npy"), "--y", CLI.file("trained_adam.out0.npy"), "--output", scratch.file("o.keras")]),
            ("fit with a batch size of 0", ["fit", CLI.file("trained_adam.keras"), "--x", CLI.file("trained_adam.in0.npy"), "--y", CLI.file("trained_adam.out0.npy"), "--batch-size", "0", "--output", scratch.file("o.keras")]),
            ("predict with inputs of different lengths", ["predict", CLI.file("functional_shared.keras"), CLI.file("functional_shared.in0.npy"), scratch.file("five.npy"), "--output-dir", out]),
            ("fit with targets of the wrong shape", ["fit", CLI.file("trained_adam.keras"), "--x", CLI.file("trained_adam.in0.npy"), "--y", CLI.file("tiny_sequential.out0.npy"), "--output", scratch.file("o.keras")]),
            ("fit a model without compile config", ["fit", CLI.file("tiny_sequential.keras"), "--x", CLI.file("tiny_sequential.in0.npy"), "--y", CLI.file("tiny_sequential.out0.npy"), "--output", scratch.file("o.keras")]),
            ("output folder is a file", ["predict", CLI.file("tiny_sequential.keras"), CLI.file("tiny_sequential.in0.npy"), "--output-dir", CLI.file("tiny_sequential.in0.npy")]),
        ]
        for (what, arguments) in cases {
            let result = try CLI.run(arguments, in: scratch.path)
            #expect(result.status == 1, "\(what): status \(result.status)")
            #expect(result.stderrLines.count == 1 && result.stderr.hasPrefix("error: ") && result.stderr.hasSuffix("\n"),
                    "\(what): stderr is \(result.stderr.debugDescription)")
            print("keras \(arguments.first!) [\(what)]: \(result.stderr.dropLast())")
        }
        #expect(!FileManager.default.fileExists(atPath: scratch.file("o.keras")), "a failed fit writes nothing")
    }

    /// A command line that does not parse is ArgumentParser's usage error (status 64), naming
    /// what is missing.
    @Test func usageErrorsNameTheMissingArgument() throws {
        let scratch = try Scratch()
        let result = try CLI.run(["fit", CLI.file("trained_adam.keras"), "--x", CLI.file("trained_adam.in0.npy"), "--output", scratch.file("o.keras")], in: scratch.path)
        #expect(result.status == 64)
        #expect(result.stderr.contains("--y"), "\(result.stderr)")
        #expect(try CLI.run(["frobnicate"], in: scratch.path).status == 64)
        let help = try CLI.run(["--help"], in: scratch.path)
        #expect(help.status == 0)
        for command in ["summary", "inspect", "predict", "convert", "fit"] { #expect(help.stdout.contains(command)) }
    }
}
