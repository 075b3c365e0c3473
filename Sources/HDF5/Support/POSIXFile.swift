#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// Whole-file reads and atomic writes through the C library, without Foundation.

enum POSIXFile {
    private static func reason() -> String { String(cString: strerror(errno)) }

    /// The bytes of the file at `path`.
    static func read(_ path: String) throws -> [UInt8] {
        guard let file = fopen(path, "rb") else {
            throw HDF5Error(.io, "cannot open \"\(path)\" for reading: \(reason())")
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if n > 0 { bytes.append(contentsOf: chunk[0..<n]) }
            if n < chunk.count {
                if ferror(file) != 0 { throw HDF5Error(.io, "reading \"\(path)\" failed: \(reason())") }
                break
            }
        }
        return bytes
    }

    /// Writes `bytes` to `path` atomically: a temporary file beside it is written, flushed to
    /// disk and renamed over `path`, so a crash leaves either the old file or the new one.
    static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        guard let file = fopen(temporary, "wb") else {
            throw HDF5Error(.io, "cannot create \"\(temporary)\": \(reason()); check that the folder exists and is writable")
        }
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        let flushed = fflush(file) == 0 && fsync(fileno(file)) == 0
        let closed = fclose(file) == 0
        guard written == bytes.count, flushed, closed else {
            let why = reason()
            unlink(temporary)
            throw HDF5Error(.io, "writing \"\(temporary)\" failed: \(why)")
        }
        guard rename(temporary, path) == 0 else {
            let why = reason()
            unlink(temporary)
            throw HDF5Error(.io, "renaming \"\(temporary)\" to \"\(path)\" failed: \(why)")
        }
        syncDirectory(of: path)
    }

    /// Flushes the directory entry of a rename; best effort (some file systems refuse it).
    private static func syncDirectory(of path: String) {
        let directory: String
        if let slash = path.lastIndex(of: "/") {
            directory = slash == path.startIndex ? "/" : String(path[..<slash])
        } else {
            directory = "."
        }
        let fd = open(directory, O_RDONLY)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }
}
