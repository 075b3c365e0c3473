import Foundation
import Testing
@testable import Keras

/// The callbacks follow Keras's rules (sequences worked through by hand from Keras 3.15.1's
/// source), and do their real work: files written, weights restored, runs resumed.
@Suite struct CallbackTests {
    func regression(seed: UInt64 = 3) throws -> (Sequential, Tensor, Tensor) {
        let model = try Sequential {
            Input(shape: [3])
            try Dense(4, activation: .tanh, kernelInitializer: .glorotUniform(seed: Int(seed)))
            try Dense(1, kernelInitializer: .glorotUniform(seed: Int(seed) + 1))
        }
        let x = Tensor((0..<60).map { Double($0 % 7) / 7 - 0.4 }, shape: [20, 3])
        let y = x.sum(axes: [1], keepingDimensions: true) * 0.5
        return (model, x, y)
    }

    @Test func earlyStoppingStopsAfterPatienceAndRestoresTheBestWeights() throws {
        let (model, _, _) = try regression()
        try model.compile(optimizer: "sgd", loss: "mse")
        let stop = EarlyStopping(monitor: "val_loss", patience: 2, restoreBestWeights: true)
        stop.model = model
        try stop.onTrainBegin(logs: [:])
        var snapshots: [[Tensor]] = []
        for (epoch, value) in [1.0, 0.9, 0.95, 0.97, 0.99].enumerated() where !model.stopTraining {
            try model.setWeights(model.getWeights().map { $0 + Double(epoch) })
            snapshots.append(model.getWeights())
            var logs: Logs = ["val_loss": value]
            try stop.onEpochEnd(epoch, logs: &logs)
        }
        #expect(model.stopTraining)
        #expect(stop.stoppedEpoch == 3)
        #expect(stop.bestEpoch == 1 && stop.best == 0.9)
        try stop.onTrainEnd(logs: [:])
        #expect(model.getWeights().map(\.doubles) == snapshots[1].map(\.doubles))
    }

    @Test func earlyStoppingInfersTheDirectionOfAccuracyAndRespectsBaseline() throws {
        let (model, x, y) = try regression()
        try model.compile(optimizer: "sgd", loss: "mse", metrics: ["mae"])
        _ = try model.fit(x, y, epochs: 1, verbose: 0)   // builds the compiled metrics
        // "mae" goes down (mode .auto). With a baseline never beaten, the wait is not reset by
        // the first epoch, so a worse second epoch exhausts a patience of 2; without it, not.
        for (baseline, stops) in [(0.01, true), (nil, false)] as [(Double?, Bool)] {
            model.stopTraining = false
            let stop = EarlyStopping(monitor: "mae", patience: 2, baseline: baseline)
            stop.model = model
            try stop.onTrainBegin(logs: [:])
            for (epoch, value) in [0.5, 0.6].enumerated() {
                var logs: Logs = ["mae": value]
                try stop.onEpochEnd(epoch, logs: &logs)
            }
            #expect(model.stopTraining == stops)
            #expect(stop.stoppedEpoch == (stops ? 1 : 0))
        }
        let unknown = EarlyStopping(monitor: "my_score")
        unknown.model = model
        var logs: Logs = ["my_score": 1]
        #expect(throws: KerasError.self) { try unknown.onEpochEnd(0, logs: &logs) }
    }

    @Test func reduceLROnPlateauHalvesTheRateAfterPatience() throws {
        let (model, _, _) = try regression()
        try model.compile(optimizer: SGD(learningRate: 0.1), loss: "mse")
        let reduce = try ReduceLROnPlateau(monitor: "val_loss", factor: 0.5, patience: 1)
        reduce.model = model
        try reduce.onTrainBegin(logs: [:])
        var rates: [Double] = []
        for epoch in 0..<3 {
            var logs: Logs = ["val_loss": 1.0]
            try reduce.onEpochEnd(epoch, logs: &logs)
            rates.append(logs["learning_rate"]!)
        }
        #expect(rates.map { Float($0) } == [0.1, 0.1, 0.05])
        #expect(Float(model.optimizer!.learningRate) == 0.025)
        #expect(throws: KerasError.self) { try ReduceLROnPlateau(factor: 1.5) }
    }

    @Test func learningRateSchedulerSetsAndLogsTheRate() throws {
        let (model, x, y) = try regression()
        try model.compile(optimizer: SGD(learningRate: 0.1), loss: "mse")
        let scheduler = LearningRateScheduler { epoch, _ in 0.1 * pow(0.5, Double(epoch)) }
        let history = try model.fit(x, y, epochs: 3, verbose: 0, callbacks: [scheduler])
        #expect(history["learning_rate"]!.map { Float($0) } == [0.1, 0.05, 0.025])
    }

    @Test func csvLoggerWritesSortedColumnsAndAppends() throws {
        let (model, x, y) = try regression()
        try model.compile(optimizer: "sgd", loss: "mse", metrics: ["mae"])
        let path = "/tmp/swift-keras-csv-\(getpid()).csv"
        defer { unlink(path) }
        try model.fit(x, y, epochs: 2, verbose: 0, callbacks: [CSVLogger(path)])
        try model.fit(x, y, epochs: 1, verbose: 0, callbacks: [CSVLogger(path, append: true)])
        let lines = String(decoding: try FileIO.read(path), as: UTF8.self).split(separator: "\r\n")
        #expect(lines.count == 4)
        #expect(lines[0] == "epoch,loss,mae,val_loss,val_mae")
        #expect(lines[1].hasPrefix("0,") && lines[2].hasPrefix("1,") && lines[3].hasPrefix("0,"))
        #expect(lines[1].hasSuffix(",NA,NA"))
    }

    @Test func lambdaCallbackAndHistorySeeEveryEpoch() throws {
        let (model, x, y) = try regression()
        try model.compile(optimizer: "sgd", loss: "mse")
        var seen: [String] = []
        let log = LambdaCallback(onEpochBegin: { e, _ in seen.append("begin \(e)") },
                                 onEpochEnd: { e, logs in seen.append("end \(e) \(logs["loss"] != nil)") },
                                 onTrainBegin: { _ in seen.append("train") }, onTrainEnd: { _ in seen.append("done") })
        let history = try model.fit(x, y, batchSize: 5, epochs: 2, verbose: 0, callbacks: [log], initialEpoch: 0)
        #expect(seen == ["train", "begin 0", "end 0 true", "begin 1", "end 1 true", "done"])
        #expect(history.epoch == [0, 1])
        #expect(model.history === history)
        let resumed = try model.fit(x, y, epochs: 3, verbose: 0, initialEpoch: 2)
        #expect(resumed.epoch == [2])
    }

    @Test func backupAndRestoreResumesAnInterruptedFitExactly() throws {
        let dir = "/tmp/swift-keras-backup-\(getpid())"
        defer { unlink(dir + "/latest.state"); rmdir(dir) }
        let (reference, x, y) = try regression(seed: 5)
        let initial = reference.getWeights()
        try reference.compile(optimizer: SGD(learningRate: 0.05, momentum: 0.9), loss: "mse")
        try reference.fit(x, y, batchSize: 5, epochs: 4, verbose: 0, shuffle: false)

        struct Crash: Error {}
        let (first, _, _) = try regression(seed: 5)
        try first.setWeights(initial)
        try first.compile(optimizer: SGD(learningRate: 0.05, momentum: 0.9), loss: "mse")
        let crash = LambdaCallback(onEpochEnd: { epoch, _ in if epoch == 1 { throw Crash() } })
        #expect(throws: Crash.self) {
            try first.fit(x, y, batchSize: 5, epochs: 4, verbose: 0, callbacks: [try BackupAndRestore(backupDir: dir), crash], shuffle: false)
        }

        // A new process: a fresh model (other initial weights) and optimizer pick up the backup.
        let (second, _, _) = try regression(seed: 99)
        try second.compile(optimizer: SGD(learningRate: 0.05, momentum: 0.9), loss: "mse")
        let history = try second.fit(x, y, batchSize: 5, epochs: 4, verbose: 0,
                                     callbacks: [try BackupAndRestore(backupDir: dir)], shuffle: false)
        #expect(history.epoch == [2, 3])
        expectTensorsClose(second.getWeights(), reference.getWeights(), tolerance: 1e-6, "resumed weights")
        #expect(access(dir + "/latest.state", F_OK) != 0)   // deleted after a finished fit
    }

    @Test func modelCheckpointFormatsPathsAndSavesOnlyImprovements() throws {
        let template = try PathTemplate("ckpt-{epoch:02d}-{val_loss:.2f}.keras")
        #expect(try template.format(["epoch": 3, "val_loss": 0.12345]) == "ckpt-03-0.12.keras")
        #expect(try PathTemplate("w{epoch}-{loss:.3e}.weights.h5").format(["epoch": 12, "loss": 0.000123]) == "w12-1.230e-04.weights.h5")
        #expect(throws: KerasError.self) { try PathTemplate("{missing}.keras").format([:]) }

        let (model, _, _) = try regression()
        try model.compile(optimizer: "sgd", loss: "mse")
        let checkpoint = try ModelCheckpoint("/tmp/ckpt-{epoch:02d}-{val_loss:.2f}.keras", saveBestOnly: true)
        var saved: [String] = []
        checkpoint.writer = { _, path, weightsOnly in saved.append(path); #expect(!weightsOnly) }
        checkpoint.model = model
        for (epoch, value) in [0.5, 0.7, 0.3].enumerated() {
            var logs: Logs = ["val_loss": value, "loss": 1]
            try checkpoint.onEpochEnd(epoch, logs: &logs)
        }
        #expect(saved == ["/tmp/ckpt-01-0.50.keras", "/tmp/ckpt-03-0.30.keras"])
        #expect(throws: KerasError.self) { try ModelCheckpoint("weights.h5", saveWeightsOnly: true) }
        #expect(throws: KerasError.self) { try ModelCheckpoint("model.bin") }
    }

    /// ModelCheckpoint writes real files: the best model per epoch as `.keras`, loadable with
    /// the weights it had, and weights-only checkpoints as `.weights.h5`.
    @Test func modelCheckpointWritesLoadableFiles() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let model = try Sequential { Input(shape: [2]); try Dense(1, kernelInitializer: .ones) }
        try model.compile(optimizer: SGD(learningRate: 0.1), loss: "mse")
        let x = Tensor([0, 1, 1, 0, 1, 1, 0, 0], shape: [4, 2]), y = Tensor([2, 0, 1, 1], shape: [4, 1])
        let best = try ModelCheckpoint(folder.file("best.keras"), monitor: "loss", saveBestOnly: true)
        let each = try ModelCheckpoint(folder.file("w-{epoch:02d}.weights.h5"), saveWeightsOnly: true)
        try model.fit(x, y, batchSize: 4, epochs: 3, verbose: 0, callbacks: [best, each])
        let loaded = try loadModel(from: folder.file("best.keras"))
        #expect(loaded.getWeights().map(\.doubles) == model.getWeights().map(\.doubles))
        #expect(loaded.optimizer?.iterations == 3)
        let fresh = try Sequential { Input(shape: [2]); try Dense(1) }
        try fresh.loadWeights(from: folder.file("w-03.weights.h5"))
        #expect(fresh.getWeights().map(\.doubles) == model.getWeights().map(\.doubles))
        try fresh.loadWeights(from: folder.file("w-01.weights.h5"))
        #expect(fresh.getWeights().map(\.doubles) != model.getWeights().map(\.doubles))
    }

    @Test func remoteMonitorPostsEachEpochAsAForm() throws {
        let server = try OneShotHTTPServer()
        let (model, x, y) = try regression()
        try model.compile(optimizer: "sgd", loss: "mse")
        try model.fit(x, y, epochs: 1, verbose: 0, callbacks: [RemoteMonitor(root: "http://127.0.0.1:\(server.port)")])
        let request = server.waitForRequest()
        #expect(request.hasPrefix("POST /publish/epoch/end/ HTTP/1.1\r\n"))
        #expect(request.contains("Content-Type: application/x-www-form-urlencoded"))
        #expect(request.contains("\r\n\r\ndata=%7B%22epoch%22%3A+0%2C+%22loss%22%3A+"))
    }
}

/// Accepts one HTTP request on 127.0.0.1 and answers 200.
final class OneShotHTTPServer: @unchecked Sendable {
    let port: Int
    private let fd: Int32
    private var received = ""
    private let done = DispatchSemaphore(value: 0)

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.fd = fd
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        listen(fd, 1)
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        port = Int(UInt16(bigEndian: addr.sin_port))
        let thread = Thread { [self] in
            let client = accept(fd, nil, nil)
            var buffer = [UInt8](repeating: 0, count: 65536)
            var total: [UInt8] = []
            while !String(decoding: total, as: UTF8.self).contains("\r\n\r\n") || !bodyComplete(total) {
                let n = read(client, &buffer, buffer.count)
                if n <= 0 { break }
                total += buffer[..<n]
            }
            let response = Array("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8)
            _ = response.withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
            close(client)
            close(fd)
            received = String(decoding: total, as: UTF8.self)
            done.signal()
        }
        thread.start()
    }

    private func bodyComplete(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let headerEnd = text.range(of: "\r\n\r\n"),
              let lengthLine = text.split(separator: "\r\n").first(where: { $0.hasPrefix("Content-Length: ") }),
              let length = Int(lengthLine.dropFirst("Content-Length: ".count)) else { return false }
        return text[headerEnd.upperBound...].utf8.count >= length
    }

    func waitForRequest() -> String {
        done.wait()
        return received
    }
}
