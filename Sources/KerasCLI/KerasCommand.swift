import ArgumentParser
import Keras
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `keras`: the swift-keras command-line tool.
@main
struct KerasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keras",
        abstract: "Work with Keras models from the command line.",
        subcommands: [Summary.self, Inspect.self, Predict.self, Convert.self, Fit.self, Info.self])
}

/// `keras info`: what the engine runs on here.
struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the backend, thread count and matrix-product path this machine uses.")

    func run() throws {
        print(EngineInfo.current)
    }
}

/// Runs `body`, turning any error it throws into one line on stderr (`error: ...`, newlines
/// in the message folded into spaces) and exit status 1.
func reportingErrors(_ body: () throws -> Void) throws {
    do { try body() } catch {
        let message = (error as? KerasError)?.message ?? "\(error)"
        var line = "error: " + String(message.map { $0.isNewline ? " " : $0 }) + "\n"
        line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
        throw ExitCode(1)
    }
}
