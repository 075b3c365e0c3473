import ArgumentParser
import Keras

/// `keras`: the swift-keras command-line tool.
@main
struct KerasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keras",
        abstract: "Work with Keras models from the command line.",
        subcommands: [Info.self])
}

/// `keras info`: what the engine runs on here.
struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the backend, thread count and matrix-product path this machine uses.")

    func run() throws {
        print(EngineInfo.current)
    }
}
