// BatchNormalization, fused kernel against the composite of reductions and broadcasts: forward
// (training mode: batch statistics and the moving-average update) and forward + backward
// (gradients of gamma, beta and the input). Random data, fixed seeds, one warm-up call, then at
// least --min-reps timed calls and --min-time seconds per figure; median times. Prints one JSON line.
import Keras

enum BatchNormalizationBenchmark {
    /// Parses the options, runs the requested paths and prints the JSON line. Returns the exit code.
    static func run(arguments: [String]) -> Int32 {
        var shape = [64, 32, 32, 64]
        var axis = -1
        var minReps = 5, minTime = 2.0
        var paths = ["fused", "composite"]
        var index = 0
        while index < arguments.count {
            let option = arguments[index]
            let value = index + 1 < arguments.count ? arguments[index + 1] : nil
            index += 2
            switch (option, value.flatMap { Int($0) }, value) {
            case ("--shape", _, let v?):
                let dims = v.split(separator: "x").compactMap { Int($0) }
                guard !dims.isEmpty, dims.count == v.split(separator: "x").count, dims.allSatisfy({ $0 > 0 }) else {
                    return fail("--shape takes sizes joined by x, such as 64x32x32x64")
                }
                shape = dims
            case ("--axis", let v?, _): axis = v
            case ("--min-reps", let v?, _) where v > 0: minReps = v
            case ("--min-time", _, let v?) where Double(v).map({ $0 >= 0 }) == true: minTime = Double(v)!
            case ("--path", _, let v?) where ["fused", "composite", "both"].contains(v):
                paths = v == "both" ? ["fused", "composite"] : [v]
            default:
                return fail("unknown or incomplete option \(option)")
            }
        }
        guard axis >= -shape.count && axis < shape.count else { return fail("--axis \(axis) is out of range for \(shape.count) axes") }
        do {
            var results: [RecurrentBenchmark.Figures] = []
            for path in paths {
                results.append(try measure(fused: path == "fused", shape: shape, axis: axis, minReps: minReps, minTime: minTime))
            }
            var line = "{\"bench\": \"batchnorm_swift\", \"engine\": \"\(EngineInfo.current)\", "
                + "\"shape\": [\(shape.map(String.init).joined(separator: ", "))], \"axis\": \(axis), "
                + "\"results\": [\(results.map(\.json).joined(separator: ", "))]"
            if results.count == 2 {
                line += ", \"speedup_forward\": \(round2(results[1].forwardMs / results[0].forwardMs))"
                    + ", \"speedup_forward_backward\": \(round2(results[1].trainMs / results[0].trainMs))"
            }
            print(line + "}")
            return 0
        } catch {
            return fail("\(error)")
        }
    }

    static func measure(fused: Bool, shape: [Int], axis: Int, minReps: Int, minTime: Double) throws -> RecurrentBenchmark.Figures {
        let layer = try BatchNormalization(axis: axis)
        layer.allowsFusedKernel = fused
        let x = Random.uniform(shape, min: -1, max: 1, seed: 3)
        let input = Variable(x, name: "input")
        _ = try layer(x)   // builds the weights
        let variables = layer.trainableVariables + [input]
        let forward = try RecurrentBenchmark.time(minReps: minReps, minTime: minTime) { _ = try layer(x, training: true) }
        let train = try RecurrentBenchmark.time(minReps: minReps, minTime: minTime) {
            _ = try valueWithGradients(of: variables) { try layer(input.value, training: true).sum() }
        }
        return RecurrentBenchmark.Figures(path: fused ? "fused" : "composite", forwardMs: forward.median * 1e3,
                                          forwardReps: forward.reps, trainMs: train.median * 1e3, trainReps: train.reps)
    }

    static func fail(_ message: String) -> Int32 {
        writeError("keras-bench batchnorm: \(message)\n")
        return 2
    }
}
