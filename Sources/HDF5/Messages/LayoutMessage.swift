// Data layout message (0x08), versions 3 to 5: compact, contiguous and chunked storage.

/// How a chunked dataset finds its chunks.
enum ChunkIndexKind: Sendable, Equatable {
    /// A version 1 B-tree (node type 1): layout message version 3.
    case btreeV1
    /// One chunk holding the whole dataset, possibly filtered (its stored size and filter mask).
    case singleChunk(filteredSize: Int?, filterMask: UInt32)
    /// Unfiltered chunks stored back to back in chunk order.
    case implicit
    /// A fixed array of chunk addresses in chunk order.
    case fixedArray
    /// An extensible array (one unlimited dimension).
    case extensibleArray
    /// A version 2 B-tree (several unlimited dimensions).
    case btreeV2
}

/// Where a dataset's elements are stored.
enum Layout: Sendable, Equatable {
    /// In the object header itself.
    case compact(Range<Int>)
    /// In one block; `address` is undefined when nothing was ever written.
    case contiguous(address: UInt64, size: Int)
    /// In chunks of `chunkDims` elements found through an index at `address`.
    case chunked(index: ChunkIndexKind, chunkDims: [Int], address: UInt64)
}

enum LayoutMessage {
    /// Decodes a layout for a dataset of `rank` dimensions whose elements have `elementSize` bytes.
    static func parse(_ r: inout ByteReader, rank: Int, elementSize: Int) throws -> Layout {
        let version = try r.u8("layout version")
        guard (3...5).contains(version) else {
            throw HDF5Error(.unsupported, "\(r.location): data layout message version \(version) (expected 3 to 5; versions 1 and 2 come from HDF5 before 1.6)")
        }
        switch try r.u8("layout class") {
        case 0:
            let size = try r.u16("compact data size")
            return .compact(try r.range(size, "compact data"))
        case 1:
            let address = try r.address("contiguous data address")
            let size = try r.length(maximum: Int.max, "contiguous data size")
            return .contiguous(address: address, size: size)
        case 2:
            return version == 3 ? try chunkedV3(&r, rank: rank, elementSize: elementSize)
                                : try chunkedV4(&r, rank: rank, elementSize: elementSize)
        case 3:
            throw HDF5Error(.unsupported, "\(r.location): virtual datasets (layout class 3)")
        case let c:
            throw HDF5Error(.corrupt, "\(r.location): layout class \(c) (expected 0 compact, 1 contiguous, 2 chunked)")
        }
    }

    private static func checkedChunkDims(_ dims: [Int], rank: Int, elementSize: Int, _ r: ByteReader) throws -> [Int] {
        guard dims.count == rank + 1 else {
            throw HDF5Error(.corrupt, "\(r.location): a chunked layout with \(dims.count) dimensions for a dataset of rank \(rank) (expected rank + 1)")
        }
        guard dims.last == elementSize else {
            throw HDF5Error(.corrupt, "\(r.location): the chunk's element size is \(dims.last ?? 0) but the datatype has \(elementSize) bytes")
        }
        let chunk = Array(dims.dropLast())
        guard chunk.allSatisfy({ $0 > 0 }) else {
            throw HDF5Error(.corrupt, "\(r.location): chunk dimensions \(chunk) include zero")
        }
        let bytes = try Dataspace.elementCount(dims)
        guard bytes <= Int(UInt32.max) else {
            throw HDF5Error(.corrupt, "\(r.location): chunks of \(chunk) elements of \(elementSize) bytes exceed HDF5's 4 GiB chunk limit")
        }
        return chunk
    }

    private static func chunkedV3(_ r: inout ByteReader, rank: Int, elementSize: Int) throws -> Layout {
        let dimensionality = Int(try r.u8("chunk dimensionality"))
        let address = try r.address("chunk B-tree address")
        var dims: [Int] = []
        for _ in 0..<dimensionality { dims.append(Int(try r.u32("chunk dimension"))) }
        return .chunked(index: .btreeV1, chunkDims: try checkedChunkDims(dims, rank: rank, elementSize: elementSize, r), address: address)
    }

    private static func chunkedV4(_ r: inout ByteReader, rank: Int, elementSize: Int) throws -> Layout {
        let flags = try r.u8("chunked layout flags")
        let dimensionality = Int(try r.u8("chunk dimensionality"))
        let width = Int(try r.u8("chunk dimension size"))
        guard (1...8).contains(width) else {
            throw HDF5Error(.corrupt, "\(r.location): chunk dimensions encoded in \(width) bytes (expected 1 to 8)")
        }
        var dims: [Int] = []
        for _ in 0..<dimensionality { dims.append(try r.count(width: width, maximum: Int(UInt32.max), "chunk dimension")) }
        let chunkDims = try checkedChunkDims(dims, rank: rank, elementSize: elementSize, r)
        let index: ChunkIndexKind
        switch try r.u8("chunk index type") {
        case 1:
            if flags & 0x02 != 0 {
                let size = try r.length(maximum: Int.max, "filtered chunk size")
                index = .singleChunk(filteredSize: size, filterMask: try r.u32("filter mask"))
            } else {
                index = .singleChunk(filteredSize: nil, filterMask: 0)
            }
        case 2: index = .implicit
        case 3:
            try r.skip(1, "fixed array page bits")
            index = .fixedArray
        case 4:
            try r.skip(5, "extensible array parameters")
            index = .extensibleArray
        case 5:
            try r.skip(6, "v2 B-tree parameters")
            index = .btreeV2
        case let t:
            throw HDF5Error(.corrupt, "\(r.location): chunk index type \(t) (expected 1 to 5)")
        }
        return .chunked(index: index, chunkDims: chunkDims, address: try r.address("chunk index address"))
    }
}
