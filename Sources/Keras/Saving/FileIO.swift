#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whole-file reads and atomic writes, without Foundation.
enum FileIO {
    /// The bytes of the file at `path`.
    static func read(_ path: String) throws -> [UInt8] {
        guard let file = fopen(path, "rb") else {
            throw KerasError(.invalidArgument, "Cannot open \"\(path)\" for reading: \(String(cString: strerror(errno))). Check the path.")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if n > 0 { bytes.append(contentsOf: chunk[0..<n]) }
            if n < chunk.count {
                if ferror(file) != 0 {
                    throw KerasError(.invalidArgument, "Reading \"\(path)\" failed: \(String(cString: strerror(errno))).")
                }
                break
            }
        }
        return bytes
    }

    /// Writes `bytes` to `path` atomically: to a temporary file beside it, then renamed over it, so
    /// a crash never leaves a half-written file.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        guard let file = fopen(temporary, "wb") else {
            throw KerasError(.invalidArgument, "Cannot create \"\(temporary)\": \(String(cString: strerror(errno))). Check that the folder exists and is writable.")
        }
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        let flushed = fflush(file) == 0 && fsync(fileno(file)) == 0
        fclose(file)
        guard written == bytes.count, flushed, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw KerasError(.invalidArgument, "Writing \"\(path)\" failed: \(reason).")
        }
    }
}

extension FileIO {
    /// Writes `WARNING: text` as one line to the standard error stream.
    static func warn(_ text: String) {
        var line = "WARNING: \(text)\n"
        line.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    }

    /// Creates `path` and its missing parents (`mkdir -p`).
    static func makeDirectories(_ path: String) throws {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw KerasError(.invalidArgument, "Cannot create the folder \"\(current)\" (errno \(errno)). Check the path and its permissions.")
            }
        }
    }
}
