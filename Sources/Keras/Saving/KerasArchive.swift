// The `.keras` zip container (ZIPFoundation, in memory): written with STORED members as Keras
// writes them, read with STORED or DEFLATE members, with sizes bounded so a hostile archive
// cannot exhaust memory.
import Foundation
import ZIPFoundation

/// Reading and writing the members of a `.keras` zip archive.
enum KerasArchive {
    /// The largest total size of members read from one archive (4 GiB).
    static let memberLimit: Int64 = 1 << 32

    /// The members of a zip archive, by path.
    ///
    /// - Throws: ``KerasError`` `.invalidConfig` for bytes that are not a zip archive, a member
    ///   whose data is corrupt (CRC mismatch, bad DEFLATE stream), or members larger than the
    ///   archive could hold (more than 1032× the archive size, DEFLATE's maximum ratio).
    static func members(of bytes: [UInt8], path: String) throws -> [String: [UInt8]] {
        func bad(_ why: String) -> KerasError {
            KerasError(.invalidConfig, "\"\(path)\" is not a readable .keras archive: \(why). Check that the file is a model saved by Keras (model.save(\"x.keras\")) and was copied completely.")
        }
        guard bytes.count >= 22, bytes[0] == 0x50, bytes[1] == 0x4B else { throw bad("it does not start with a zip signature") }
        let archive: Archive
        do { archive = try Archive(data: Data(bytes), accessMode: .read) } catch {
            throw bad("\(error)")
        }
        let ceiling = Swift.min(memberLimit, Int64(bytes.count) * 1032 + 1024)
        var total: Int64 = 0
        var result: [String: [UInt8]] = [:]
        var count = 0
        for entry in archive {
            count += 1
            guard count <= 100_000 else { throw bad("it has more than 100000 members") }
            guard entry.type == .file else { continue }
            let declared = Int64(entry.uncompressedSize)
            guard declared >= 0, total + declared <= ceiling else {
                throw bad("the member \"\(entry.path)\" declares \(declared) bytes, more than the archive can hold")
            }
            var data: [UInt8] = []
            data.reserveCapacity(Int(declared))
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in
                    guard Int64(data.count + chunk.count) <= declared else {
                        throw KerasError(.invalidConfig, "member \"\(entry.path)\" is larger than its declared size")
                    }
                    data.append(contentsOf: chunk)
                }
            } catch let error as KerasError {
                throw bad(error.message)
            } catch {
                throw bad("the member \"\(entry.path)\" cannot be read (\(error))")
            }
            guard Int64(data.count) == declared else { throw bad("the member \"\(entry.path)\" is shorter than its declared size") }
            total += declared
            result[entry.path] = data
        }
        return result
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
