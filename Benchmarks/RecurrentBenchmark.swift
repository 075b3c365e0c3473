// A recurrent layer over a whole sequence, fused kernel against the step-by-step composite:
// forward (inference) and forward + backward (gradients of every weight and of the input, as
// after an Embedding). Random data, fixed seeds, one warm-up call, then at least --min-reps
// timed calls and --min-time seconds per figure; median times. Prints one JSON line.
import Keras

enum RecurrentBenchmark {
    struct Figures {
        var path: String
        var forwardMs: Double, forwardReps: Int
        var trainMs: Double, trainReps: Int

        var json: String {
            "{\"path\": \"\(path)\", \"forward_ms\": \(round4(forwardMs)), \"forward_reps\": \(forwardReps), "
                + "\"forward_backward_ms\": \(round4(trainMs)), \"forward_backward_reps\": \(trainReps)}"
        }
    }

    /// Parses the options, runs the requested paths and prints the JSON line. Returns the exit code.
    static func run(cell: String, arguments: [String]) -> Int32 {
        var batch = 64, steps = 200, features = 32, units = 64
        var minReps = 5, minTime = 2.0
        var paths = ["fused", "composite"]
        var index = 0
        while index < arguments.count {
            let option = arguments[index]
            let value = index + 1 < arguments.count ? arguments[index + 1] : nil
            index += 2
            switch (option, value.flatMap { Int($0) }, value) {
            case ("--batch", let v?, _) where v > 0: batch = v
            case ("--steps", let v?, _) where v > 0: steps = v
            case ("--features", let v?, _) where v > 0: features = v
            case ("--units", let v?, _) where v > 0: units = v
            case ("--min-reps", let v?, _) where v > 0: minReps = v
            case ("--min-time", _, let v?) where Double(v).map({ $0 >= 0 }) == true: minTime = Double(v)!
            case ("--path", _, let v?) where ["fused", "composite", "both"].contains(v):
                paths = v == "both" ? ["fused", "composite"] : [v]
            default:
                return fail("unknown or incomplete option \(option)")
            }
        }
        do {
            var results: [Figures] = []
            for path in paths {
                results.append(try measure(cell: cell, fused: path == "fused", batch: batch, steps: steps, features: features,
                                           units: units, minReps: minReps, minTime: minTime))
            }
            var line = "{\"bench\": \"\(cell)_swift\", \"engine\": \"\(EngineInfo.current)\", \"batch\": \(batch), "
                + "\"steps\": \(steps), \"features\": \(features), \"units\": \(units), "
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

    static func measure(cell: String, fused: Bool, batch: Int, steps: Int, features: Int, units: Int,
                        minReps: Int, minTime: Double) throws -> Figures {
        let layer: RNN = cell == "gru"
            ? try GRU(units, kernelInitializer: .glorotUniform(seed: 1), recurrentInitializer: .orthogonal(seed: 2))
            : try LSTM(units, kernelInitializer: .glorotUniform(seed: 1), recurrentInitializer: .orthogonal(seed: 2))
        layer.allowsFusedKernel = fused
        let x = Random.uniform([batch, steps, features], min: -1, max: 1, seed: 3)
        let input = Variable(x, name: "input")
        _ = try layer(x)   // builds the weights
        let variables = layer.trainableVariables + [input]
        let forward = try time(minReps: minReps, minTime: minTime) { _ = try layer(x) }
        let train = try time(minReps: minReps, minTime: minTime) {
            _ = try valueWithGradients(of: variables) { try layer(input.value, training: true).sum() }
        }
        return Figures(path: fused ? "fused" : "composite", forwardMs: forward.median * 1e3, forwardReps: forward.reps,
                       trainMs: train.median * 1e3, trainReps: train.reps)
    }

    /// One warm-up call, then the median of at least `minReps` calls and `minTime` seconds.
    static func time(minReps: Int, minTime: Double, _ body: () throws -> Void) throws -> (median: Double, reps: Int) {
        try body()
        var times: [Double] = []
        var total = 0.0
        while times.count < minReps || total < minTime {
            let t0 = GEMMBenchmark.now()
            try body()
            let dt = GEMMBenchmark.now() - t0
            times.append(dt)
            total += dt
        }
        times.sort()
        let n = times.count
        return (n % 2 == 1 ? times[n / 2] : (times[n / 2 - 1] + times[n / 2]) / 2, n)
    }

    static func fail(_ message: String) -> Int32 {
        writeError("keras-bench lstm/gru: \(message)\n")
        return 2
    }
}
