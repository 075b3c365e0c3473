// Chunked storage: find every chunk through the dataset's chunk index, undo its filters and
// copy the part inside the dataset into place.

/// One stored chunk: where it is, its stored size, skipped filters and first element.
struct ChunkRecord {
    let address: UInt64
    let size: Int
    let filterMask: UInt32
    /// Element coordinates of the chunk's first element.
    let offsets: [Int]
}

struct ChunkedReader {
    let storage: DatasetStorage
    let chunkDims: [Int]
    let total: Int
    var dims: [Int] { storage.space.dims }
    var image: FileImage { storage.image }

    /// Bytes of one chunk, before filtering.
    var chunkBytes: Int { chunkDims.reduce(storage.type.size, *) }

    /// Chunks per dimension (`ceil(dim / chunk)`).
    var grid: [Int] { zip(dims, chunkDims).map { $0 / $1 + ($0 % $1 == 0 ? 0 : 1) } }

    func read(index: ChunkIndexKind, address: UInt64) throws -> [UInt8] {
        guard storage.space.kind == .simple, !dims.isEmpty else {
            throw HDF5Error(.corrupt, "\(storage.path): chunked storage for a \(storage.space.kind) dataspace")
        }
        let limit = DatasetReader.synthesizedLimit(fileSize: image.count)
        let gridCount = try Dataspace.elementCount(grid)
        let (gridBytes, overflow) = gridCount.multipliedReportingOverflow(by: chunkBytes)
        guard !overflow, gridBytes <= limit else {
            throw HDF5Error(.limitExceeded, "\(storage.path): \(gridCount) chunks of \(chunkBytes) bytes exceed the limit of \(limit) bytes for a \(image.count)-byte file")
        }
        var out = try DatasetReader.filled(storage, total: total)
        if address == .undefinedAddress || gridCount == 0 { return out }
        var budget = WorkBudget(fileSize: image.count)
        let records = try ChunkIndex(reader: self).records(index: index, address: address, gridCount: gridCount, budget: &budget)
        var seen: Set<Int> = []
        for record in records {
            guard record.offsets.count == dims.count,
                  zip(record.offsets, zip(dims, chunkDims)).allSatisfy({ $0 >= 0 && $0 < $1.0 && $0 % $1.1 == 0 }) else {
                throw HDF5Error(.corrupt, "\(storage.path): a chunk at element offset \(record.offsets) does not start a chunk of \(chunkDims) inside \(dims)")
            }
            var linear = 0
            for (i, offset) in record.offsets.enumerated() { linear = linear * grid[i] + offset / chunkDims[i] }
            guard seen.insert(linear).inserted else {
                throw HDF5Error(.corrupt, "\(storage.path): two chunks start at element offset \(record.offsets)")
            }
            let stored = try image.range(at: record.address, length: record.size, "\(storage.path): the chunk at \(record.offsets)")
            let data = try Filters.undo(storage.filters, stored: image.bytes[stored], mask: record.filterMask,
                                        chunkBytes: chunkBytes, elementSize: storage.type.size,
                                        where: "\(storage.path): chunk at \(record.offsets)")
            guard data.count == chunkBytes else {
                throw HDF5Error(.corrupt, "\(storage.path): the chunk at \(record.offsets) decodes to \(data.count) bytes, expected \(chunkBytes)")
            }
            scatter(data, at: record.offsets, into: &out)
        }
        return out
    }

    /// Copies the part of a chunk inside the dataset into `out`, one run along the last axis at a time.
    func scatter(_ chunk: [UInt8], at offsets: [Int], into out: inout [UInt8]) {
        let rank = dims.count, size = storage.type.size
        let extents = (0..<rank).map { min(chunkDims[$0], dims[$0] - offsets[$0]) }
        var chunkStrides = [Int](repeating: size, count: rank), dimStrides = [Int](repeating: size, count: rank)
        for i in stride(from: rank - 2, through: 0, by: -1) {
            chunkStrides[i] = chunkStrides[i + 1] * chunkDims[i + 1]
            dimStrides[i] = dimStrides[i + 1] * dims[i + 1]
        }
        let run = extents[rank - 1] * size
        var index = [Int](repeating: 0, count: rank)
        while true {
            var source = 0, target = 0
            for i in 0..<rank {
                source += index[i] * chunkStrides[i]
                target += (offsets[i] + index[i]) * dimStrides[i]
            }
            if source + run <= chunk.count && target + run <= out.count {
                out.withUnsafeMutableBytes { o in
                    chunk.withUnsafeBytes { c in
                        guard let to = o.baseAddress, let from = c.baseAddress else { return }
                        (to + target).copyMemory(from: from + source, byteCount: run)
                    }
                }
            }
            // Advance the index over every axis but the last.
            var axis = rank - 2
            while axis >= 0 {
                index[axis] += 1
                if index[axis] < extents[axis] { break }
                index[axis] = 0
                axis -= 1
            }
            if axis < 0 { return }
        }
    }
}
