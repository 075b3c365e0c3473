// Reading a dataset's stored bytes (file byte order, C order) from compact, contiguous or
// chunked storage, with never-written storage filled from the fill value.

enum DatasetReader {
    /// The most bytes a read may produce that the file does not store one for one (fill values
    /// and decompressed chunks): 64 MiB, or 1032 times the file size (DEFLATE's best ratio).
    static func synthesizedLimit(fileSize: Int) -> Int {
        let (scaled, overflow) = fileSize.multipliedReportingOverflow(by: 1032)
        return max(1 << 26, overflow ? Int.max : scaled)
    }

    /// All elements as stored (file byte order), `count * size` bytes.
    static func storedBytes(_ s: DatasetStorage) throws -> [UInt8] {
        let (total, overflow) = s.space.count.multipliedReportingOverflow(by: s.type.size)
        guard !overflow else {
            throw HDF5Error(.limitExceeded, "\(s.path): \(s.space.count) elements of \(s.type.size) bytes cannot be addressed")
        }
        switch s.layout {
        case .compact(let range):
            guard total <= range.count else {
                throw HDF5Error(.truncated, "\(s.path): compact storage holds \(range.count) bytes but \(s.space.count) elements need \(total)")
            }
            return Array(s.image.bytes[range.prefix(total)])
        case .contiguous(let address, let size):
            if address == .undefinedAddress { return try filled(s, total: total) }
            guard size >= total else {
                throw HDF5Error(.corrupt, "\(s.path): contiguous storage of \(size) bytes for \(s.space.count) elements of \(s.type.size) bytes (\(total) needed)")
            }
            return Array(s.image.bytes[try s.image.range(at: address, length: total, "\(s.path): the contiguous data")])
        case .chunked(let index, let chunkDims, let address):
            return try ChunkedReader(storage: s, chunkDims: chunkDims, total: total).read(index: index, address: address)
        }
    }

    /// `total` bytes of the fill value (or zeros), bounded by ``synthesizedLimit(fileSize:)``.
    static func filled(_ s: DatasetStorage, total: Int) throws -> [UInt8] {
        let limit = synthesizedLimit(fileSize: s.image.count)
        guard total <= limit else {
            throw HDF5Error(.limitExceeded, "\(s.path): \(total) bytes of unwritten (fill value) data exceed the limit of \(limit) bytes for a \(s.image.count)-byte file")
        }
        guard let fill = s.fill, fill.contains(where: { $0 != 0 }) else {
            return [UInt8](repeating: 0, count: total)
        }
        var out: [UInt8] = []
        out.reserveCapacity(total)
        while out.count < total { out += fill }
        return out
    }
}
