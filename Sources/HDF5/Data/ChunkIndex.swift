// Chunk indexes: the v1 B-tree of layout version 3, and the single-chunk, implicit, fixed
// array and v2 B-tree indexes of layout versions 4 and 5.

struct ChunkIndex {
    let reader: ChunkedReader
    var image: FileImage { reader.image }
    var path: String { reader.storage.path }
    var filtered: Bool { !reader.storage.filters.isEmpty }

    func records(index: ChunkIndexKind, address: UInt64, gridCount: Int, budget: inout WorkBudget) throws -> [ChunkRecord] {
        let rank = reader.dims.count
        do {
            switch index {
            case .btreeV1:
                return try BTreeV1.chunks(root: address, rank: rank, image: image, budget: &budget).map { key, chunk in
                    ChunkRecord(address: chunk, size: key.size, filterMask: key.filterMask, offsets: key.offsets)
                }
            case .singleChunk(let filteredSize, let mask):
                return [ChunkRecord(address: address, size: filteredSize ?? reader.chunkBytes, filterMask: mask,
                                    offsets: [Int](repeating: 0, count: rank))]
            case .implicit:
                // Every chunk is stored, back to back: they must all lie in the file.
                _ = try image.range(at: address, length: gridCount * reader.chunkBytes, "the implicitly indexed chunks")
                return try (0..<gridCount).map { linear in
                    let (offset, overflow) = linear.multipliedReportingOverflow(by: reader.chunkBytes)
                    guard !overflow, UInt64(offset) <= UInt64.max - address else {
                        throw HDF5Error(.corrupt, "implicit chunk \(linear) lies beyond any file")
                    }
                    return ChunkRecord(address: address + UInt64(offset), size: reader.chunkBytes, filterMask: 0,
                                       offsets: offsets(ofLinear: linear))
                }
            case .fixedArray:
                return try fixedArray(at: address, gridCount: gridCount, budget: &budget)
            case .btreeV2:
                return try btreeV2(at: address, budget: &budget)
            case .extensibleArray:
                throw HDF5Error(.unsupported, "the extensible array chunk index (datasets with one unlimited dimension written with libver \"latest\")")
            }
        } catch let error as HDF5Error where !error.message.hasPrefix(path) {
            throw HDF5Error(error.kind, "\(path): \(error.message)")
        }
    }

    /// Element offsets of the chunk with row-major index `linear` in the chunk grid.
    func offsets(ofLinear linear: Int) -> [Int] {
        var rest = linear
        var out = [Int](repeating: 0, count: reader.dims.count)
        for i in stride(from: out.count - 1, through: 0, by: -1) {
            out[i] = (rest % reader.grid[i]) * reader.chunkDims[i]
            rest /= reader.grid[i]
        }
        return out
    }

    /// Fixed array ("FAHD" + "FADB", optionally paged): one entry per chunk in row-major order.
    private func fixedArray(at address: UInt64, gridCount: Int, budget: inout WorkBudget) throws -> [ChunkRecord] {
        var h = try image.reader(at: address, length: 28, structure: "fixed array header")
        try h.signature("FAHD")
        try h.skip(1, "version")
        let client = try h.u8("client ID")
        let entrySize = Int(try h.u8("element size"))
        let pageBits = Int(try h.u8("page bits"))
        let count = try h.length(maximum: Int.max, "element count")
        let dataBlock = try h.address("data block address")
        try Checksum.verifyLookup3(image.bytes, h.origin..<h.position, structure: "fixed array header")
        guard client == (filtered ? 1 : 0), count == gridCount, pageBits < 32,
              filtered ? (13...20).contains(entrySize) : entrySize == 8 else {
            throw HDF5Error(.corrupt, "\(h.location): client \(client), \(count) entries of \(entrySize) bytes for \(gridCount) \(filtered ? "filtered" : "unfiltered") chunks")
        }
        let (tableBytes, overflow) = count.multipliedReportingOverflow(by: entrySize)
        guard !overflow, tableBytes <= image.count else {
            throw HDF5Error(.truncated, "\(h.location): \(count) entries of \(entrySize) bytes exceed the file")
        }
        let pageSize = 1 << pageBits
        let paged = count > pageSize
        let pages = paged ? (count + pageSize - 1) / pageSize : 0
        let headerSize = 4 + 1 + 1 + 8 + (pages + 7) / 8
        try budget.charge(headerSize + tableBytes + 4 * (pages + 1), "the fixed array at \(hex(address))")
        var d = try image.reader(at: dataBlock, structure: "fixed array data block")
        try d.signature("FADB")
        try d.skip(1 + 1 + 8, "version, client and header address")
        let bitmap = try d.bytes((pages + 7) / 8, "page bitmap")
        var records: [ChunkRecord] = []
        func entries(_ n: Int, from r: inout ByteReader, first: Int) throws {
            for k in 0..<n {
                let chunk = try r.address("chunk address")
                var size = reader.chunkBytes, mask: UInt32 = 0
                if filtered {
                    size = try r.count(width: entrySize - 12, maximum: Int.max, "chunk size")
                    mask = try r.u32("filter mask")
                }
                if chunk != .undefinedAddress {
                    records.append(ChunkRecord(address: chunk, size: size, filterMask: mask, offsets: offsets(ofLinear: first + k)))
                }
            }
        }
        if !paged {
            try entries(count, from: &d, first: 0)
            try d.require(4, "checksum")
            try Checksum.verifyLookup3(image.bytes, d.origin..<d.position, structure: "fixed array data block")
            return records
        }
        try d.require(4, "checksum")
        try Checksum.verifyLookup3(image.bytes, d.origin..<d.position, structure: "fixed array data block")
        var pageStart = d.position + 4
        for page in 0..<pages {
            let n = min(pageSize, count - page * pageSize)
            let bytes = n * entrySize + 4
            guard bitmap[page / 8] & (0x80 >> UInt8(page % 8)) != 0 else {
                pageStart += bytes
                continue
            }
            guard pageStart <= image.count - bytes else {
                throw HDF5Error(.truncated, "fixed array page \(page) at \(hex(pageStart)) lies past the end of the file")
            }
            var p = image.reader(over: pageStart..<(pageStart + bytes), structure: "fixed array page")
            try entries(n, from: &p, first: page * pageSize)
            try Checksum.verifyLookup3(image.bytes, pageStart..<(pageStart + bytes - 4), structure: "fixed array page")
            pageStart += bytes
        }
        return records
    }

    /// v2 B-tree chunk index: records of type 10 (unfiltered) or 11 (filtered).
    private func btreeV2(at address: UInt64, budget: inout WorkBudget) throws -> [ChunkRecord] {
        let (type, records) = try BTreeV2.records(at: address, expectedType: [10, 11], image: image, budget: &budget)
        let rank = reader.dims.count
        return try records.map { range in
            var r = image.reader(over: range, structure: "chunk index record")
            let chunk = try r.address("chunk address")
            var size = reader.chunkBytes, mask: UInt32 = 0
            if type == 11 {
                // The record size fixes the width of the chunk size: address, size, mask, offsets.
                let sizeWidth = range.count - 8 - 4 - 8 * rank
                guard (1...8).contains(sizeWidth) else {
                    throw HDF5Error(.corrupt, "\(r.location): \(range.count)-byte records leave \(sizeWidth) bytes for a chunk size")
                }
                size = try r.count(width: sizeWidth, maximum: Int.max, "chunk size")
                mask = try r.u32("filter mask")
            }
            var offsets: [Int] = []
            for i in 0..<rank {
                let scaled = try r.count(width: 8, maximum: Int.max / max(1, reader.chunkDims[i]), "scaled chunk offset")
                offsets.append(scaled * reader.chunkDims[i])
            }
            return ChunkRecord(address: chunk, size: size, filterMask: mask, offsets: offsets)
        }
    }
}
