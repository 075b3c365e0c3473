#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The playground: small runnable programs. `swift run playground` runs the default one;
// `swift run playground <name>` picks another; `swift run playground list` names them all.

let examples: [(name: String, summary: String, run: () throws -> Void)] = [
    ("digits", "compile/fit a classifier of handwritten digits with a progress bar, then evaluate it", Digits.run),
    ("gan", "a GAN as a custom training loop: two models, two optimizers, metrics by hand", GAN.run),
    ("fit-curve", "a two-layer network learns sin(x) with a hand-written training loop", FitCurve.run),
    ("interop-export", "trains small models and saves them with inputs, outputs and optimizer state for Python Keras (DIR)", InteropExport.run),
    ("text-export", "trains text models on strings (TextVectorization, StringLookup) and saves them for Python Keras (DIR)", TextInteropExport.run),
]

let arguments = CommandLine.arguments.dropFirst()
let requested = arguments.first ?? examples[0].name
if requested == "list" {
    for e in examples { print("\(e.name)\t\(e.summary)") }
} else if let example = examples.first(where: { $0.name == requested }) {
    try example.run()
} else {
    print("Unknown example \"\(requested)\". Available: \(examples.map(\.name).joined(separator: ", ")).")
    exit(2)
}
