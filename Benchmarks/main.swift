// keras-bench: micro-benchmarks for the swift-keras CPU backend.
// Usage: keras-bench gemm [--sizes 128,256,...] [--path builtin|blas] [--min-reps 7] [--min-time 1.0]
//                         [--shapes MxNxK[:NT],...]
//        keras-bench lstm|gru [--batch 64] [--steps 200] [--features 32] [--units 64]
//                             [--path fused|composite|both] [--min-reps 5] [--min-time 2.0]
//        keras-bench batchnorm [--shape 64x32x32x64] [--axis -1] [--path fused|composite|both]
//                              [--min-reps 5] [--min-time 2.0]
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "gemm":
    exit(GEMMBenchmark.run(arguments: Array(arguments.dropFirst())))
case "lstm", "gru":
    exit(RecurrentBenchmark.run(cell: arguments[0], arguments: Array(arguments.dropFirst())))
case "batchnorm":
    exit(BatchNormalizationBenchmark.run(arguments: Array(arguments.dropFirst())))
default:
    let usage = """
        usage: keras-bench gemm [--sizes 128,256,512,1024,2048] [--path builtin|blas] \
        [--min-reps 7] [--min-time 1.0] [--shapes MxNxK[:NT],...]
               keras-bench lstm|gru [--batch 64] [--steps 200] [--features 32] [--units 64] \
        [--path fused|composite|both] [--min-reps 5] [--min-time 2.0]
               keras-bench batchnorm [--shape 64x32x32x64] [--axis -1] \
        [--path fused|composite|both] [--min-reps 5] [--min-time 2.0]

        """
    writeError(usage)
    exit(2)
}

/// Writes to standard error (fd 2 directly: the C `stderr` global is not concurrency-safe in Swift 6).
func writeError(_ text: String) {
    var text = text
    text.withUTF8 { bytes in _ = write(2, bytes.baseAddress, bytes.count) }
}
