// Undoing a chunk's filter pipeline: deflate, shuffle and Fletcher-32, in reverse order.

enum Filters {
    /// The chunk's original bytes from its stored bytes; `mask` bit i set = filter i was skipped.
    static func undo(_ filters: [Filter], stored: ArraySlice<UInt8>, mask: UInt32, chunkBytes: Int,
                     elementSize: Int, where location: @autoclosure () -> String) throws -> [UInt8] {
        var data = Array(stored)
        for (i, filter) in filters.enumerated().reversed() {
            if i < 32 && mask & (1 << UInt32(i)) != 0 { continue }
            switch filter.id {
            case 1:
                // Before filter i ran, the data was the chunk plus the checksums of earlier Fletcher-32 filters.
                let checksums = filters[..<i].filter { $0.id == 3 }.count
                do {
                    data = try Inflate.inflate(zlib: data[...], limit: chunkBytes + 4 * checksums)
                } catch let error as InflateError {
                    throw HDF5Error(.corrupt, "\(location()): the deflate filter failed: \(error)")
                }
            case 2:
                let size = filter.clientData.first.map { Int($0) } ?? elementSize
                guard size > 0 else { throw HDF5Error(.corrupt, "\(location()): shuffle filter with element size 0") }
                data = unshuffle(data, elementSize: size)
            case 3:
                guard data.count >= 4 else {
                    throw HDF5Error(.corrupt, "\(location()): \(data.count) bytes cannot hold a Fletcher-32 checksum")
                }
                let body = data[..<(data.count - 4)]
                let n = data.count - 4
                let stored = UInt32(data[n]) | UInt32(data[n + 1]) << 8 | UInt32(data[n + 2]) << 16 | UInt32(data[n + 3]) << 24
                let computed = Checksum.fletcher32(body)
                // libhdf5 before 1.6.3 stored the halves byte-swapped; it accepts both.
                let swapped = (computed & 0x00FF_00FF) << 8 | (computed & 0xFF00_FF00) >> 8
                guard stored == computed || stored == swapped else {
                    throw HDF5Error(.checksumMismatch, "\(location()): Fletcher-32 checksum \(hex(stored)) but the data sums to \(hex(computed))")
                }
                data.removeLast(4)
            default:
                throw HDF5Error(.unsupported, "\(location()): the \(filter.displayName) filter (only deflate, shuffle and fletcher32 are decoded)")
            }
        }
        return data
    }

    /// Reverses the shuffle filter: byte plane j of element i goes back to byte i*size+j.
    static func unshuffle(_ data: [UInt8], elementSize size: Int) -> [UInt8] {
        guard size > 1, data.count >= 2 * size else { return data }
        let count = data.count / size
        var out = data     // trailing bytes that do not fill an element stay where they are
        for j in 0..<size {
            let plane = j * count
            for i in 0..<count { out[i * size + j] = data[plane + i] }
        }
        return out
    }
}
