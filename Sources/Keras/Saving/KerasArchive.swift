// The `.keras` zip container: written with ZIPFoundation (STORED members, as Keras writes them);
// read by ``ZipDirectory`` and the HDF5 module's bounded, fuzz-tested inflater, with STORED or DEFLATE
// members, and sizes bounded so a hostile archive cannot exhaust memory.
import Foundation
import HDF5
import ZIPFoundation

/// Reading and writing the members of a `.keras` zip archive.
enum KerasArchive {
    /// The largest total size of members read from one archive (4 GiB).
    static let memberLimit: UInt64 = 1 << 32

    /// The members of a zip archive, by path (a repeated path keeps its last member, as
    /// Python's `zipfile` does).
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for bytes that are not a zip archive, a
    ///   structure that is damaged or points outside the archive, a member whose data is corrupt
    ///   (CRC mismatch, bad DEFLATE stream, other compression methods), or members larger than
    ///   the archive could hold (more than 1032× the archive size, DEFLATE's maximum ratio, or
    ///   4 GiB in all).
    static func members(of bytes: [UInt8], path: String) throws -> [String: [UInt8]] {
        func bad(_ why: String) -> KerasError {
            KerasError(.invalidConfig, "\"\(path)\" is not a readable .keras archive: \(why). Check that the file is a model saved by Keras (model.save(\"x.keras\")) and was copied completely.")
        }
        guard bytes.count >= 22, bytes[0] == 0x50, bytes[1] == 0x4B else { throw bad("it does not start with a zip signature") }
        let directory: ZipDirectory
        do { directory = try ZipDirectory(bytes) } catch let error as ZipDirectory.FormatError {
            throw bad(error.reason)
        }
        let ceiling = Swift.min(memberLimit, UInt64(bytes.count) * 1032 + 1024)
        var total: UInt64 = 0
        var result: [String: [UInt8]] = [:]
        for entry in directory.entries where !entry.isDirectory {
            let declared = entry.uncompressedSize
            guard declared <= ceiling - total else {
                throw bad("the member \"\(entry.path)\" declares \(declared) bytes, more than the archive can hold")
            }
            let stored = Array(bytes[entry.data])
            let data: [UInt8]
            switch entry.method {
            case 0:
                data = stored
            case 8:
                do { data = try HDF5.Inflate.inflate(stored, limit: Int(declared)) } catch let error as HDF5.InflateError {
                    throw bad("the DEFLATE data of the member \"\(entry.path)\" is corrupt or larger than its declared \(declared) bytes (\(error.message))")
                }
            default:
                throw bad("the member \"\(entry.path)\" uses compression method \(entry.method); .keras archives use STORED (0) or DEFLATE (8)")
            }
            guard UInt64(data.count) == declared else {
                throw bad("the member \"\(entry.path)\" holds \(data.count) bytes, not its declared \(declared)")
            }
            guard HDF5.Inflate.crc32(data) == entry.crc32 else { throw bad("the member \"\(entry.path)\" fails its CRC-32 check") }
            total += declared
            result[entry.path] = data
        }
        return result
    }

    /// The `assets/<object path>/<file>` members of the layers' assets (Keras's `save_assets`:
    /// a learned vocabulary), in the weights file's object order.
    static func assetMembers(of entries: [SaveableEntry]) -> [(path: String, bytes: [UInt8])] {
        entries.flatMap { entry in
            (entry.layer?.savedAssets ?? []).map { (assetFolder(entry) + $0.name, $0.bytes) }
        }
    }

    private static func assetFolder(_ entry: SaveableEntry) -> String {
        entry.path.isEmpty ? "assets/" : "assets/\(entry.path)/"
    }

    /// Gives each layer the files of its `assets/<object path>/` folder (Keras's `load_assets`).
    ///
    /// - Throws: the layers' errors for assets that do not fit them (a vocabulary that breaks
    ///   the layer's rules).
    static func loadAssets(_ members: [String: [UInt8]], into entries: [SaveableEntry]) throws {
        for entry in entries {
            guard let layer = entry.layer else { continue }
            let folder = assetFolder(entry)
            var files: [String: [UInt8]] = [:]
            for (path, bytes) in members where path.hasPrefix(folder) {
                let name = path.dropFirst(folder.count)
                if !name.isEmpty && !name.contains("/") { files[String(name)] = bytes }
            }
            if !files.isEmpty { try layer.loadAssets(files) }
        }
    }

    /// A zip archive of `members`, in order, STORED (no compression), as Keras writes `.keras`.
    static func archive(_ members: [(path: String, bytes: [UInt8])]) throws -> [UInt8] {
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            let date = Date(timeIntervalSince1970: 315_532_800)   // 1980-01-01, zip's first date
            for member in members {
                let data = Data(member.bytes)
                try archive.addEntry(with: member.path, type: .file, uncompressedSize: Int64(data.count),
                                     modificationDate: date, permissions: 0o600, compressionMethod: .none) { position, size in
                    data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else {
                throw KerasError(.invalidArgument, "The zip archive could not be assembled in memory.")
            }
            return [UInt8](data)
        } catch let error as KerasError {
            throw error
        } catch {
            throw KerasError(.invalidArgument, "Writing the .keras archive failed: \(error).")
        }
    }
}
