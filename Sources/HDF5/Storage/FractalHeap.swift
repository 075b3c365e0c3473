// Fractal heaps ("FRHP", "FHDB", "FHIB"): where dense groups keep their Link messages and
// dense attribute storage keeps its Attribute messages. Objects are found by heap ID.

struct FractalHeap {
    let address: UInt64
    let idLength: Int
    let maxManagedObjectSize: Int
    let hugeBTreeAddress: UInt64
    let tableWidth: Int
    let startBlockSize: Int
    let maxDirectBlockSize: Int
    let maxHeapBits: Int
    let rootAddress: UInt64
    let currentRows: Int
    let checksummedDirectBlocks: Bool
    /// Bytes of a heap offset (in heap IDs and block headers).
    var offsetWidth: Int { (maxHeapBits + 7) / 8 }
    /// Rows of the doubling table that hold direct blocks.
    let maxDirectRows: Int
    /// Direct blocks already checked, and the child addresses of indirect blocks already
    /// read, so that reading every object costs each block once.
    private var checkedBlocks: Set<UInt64> = []
    private var indirectBlocks: [UInt64: [UInt64]] = [:]

    static func read(at address: UInt64, image: FileImage, budget: inout WorkBudget) throws -> FractalHeap {
        try budget.charge(146, "the fractal heap header at \(hex(address))")
        var r = try image.reader(at: address, structure: "fractal heap header")
        try r.signature("FRHP")
        let version = try r.u8("version")
        guard version == 0 else { throw HDF5Error(.unsupported, "\(r.location): fractal heap version \(version) (expected 0)") }
        let idLength = try r.u16("heap ID length")
        let filterLength = try r.u16("I/O filters length")
        let flags = try r.u8("flags")
        let maxManaged = Int(try r.u32("maximum managed object size"))
        try r.skip(8, "next huge object ID")
        let hugeBTree = try r.address("huge object B-tree address")
        try r.skip(8 + 8 + 8 * 4 + 8 * 4, "free space and object statistics")
        let width = try r.u16("table width")
        let startBlock = try r.length(maximum: Int(UInt32.max), "starting block size")
        let maxDirect = try r.length(maximum: Int(UInt32.max), "maximum direct block size")
        let heapBits = try r.u16("maximum heap size")
        try r.skip(2, "starting rows of the root indirect block")
        let root = try r.address("root block address")
        let rows = try r.u16("current rows of the root indirect block")
        guard filterLength == 0 else {
            throw HDF5Error(.unsupported, "\(r.location): fractal heaps with I/O filters (compressed dense link or attribute storage)")
        }
        try Checksum.verifyLookup3(image.bytes, r.origin..<r.position, structure: "fractal heap header")
        func isPowerOfTwo(_ n: Int) -> Bool { n > 0 && n & (n - 1) == 0 }
        guard isPowerOfTwo(width), isPowerOfTwo(startBlock), isPowerOfTwo(maxDirect), startBlock <= maxDirect,
              (8...64).contains(heapBits), idLength >= 1, idLength <= 64, rows <= 64 else {
            throw HDF5Error(.corrupt, "\(r.location): inconsistent doubling table (width \(width), start block \(startBlock), max direct block \(maxDirect), \(heapBits) heap bits, \(rows) rows, ID length \(idLength))")
        }
        let directRows = maxDirect.trailingZeroBitCount - startBlock.trailingZeroBitCount + 2
        return FractalHeap(address: address, idLength: idLength, maxManagedObjectSize: maxManaged,
                           hugeBTreeAddress: hugeBTree, tableWidth: width, startBlockSize: startBlock,
                           maxDirectBlockSize: maxDirect, maxHeapBits: heapBits, rootAddress: root,
                           currentRows: rows, checksummedDirectBlocks: flags & 0x02 != 0, maxDirectRows: directRows)
    }

    /// The bytes of the object with heap ID `id`.
    mutating func object(id: ArraySlice<UInt8>, image: FileImage, budget: inout WorkBudget) throws -> [UInt8] {
        guard let first = id.first else { throw HDF5Error(.corrupt, "fractal heap at \(hex(address)): empty heap ID") }
        guard first >> 6 == 0 else {
            throw HDF5Error(.unsupported, "fractal heap at \(hex(address)): heap ID version \(first >> 6)")
        }
        var r = ByteReader(Array(id), range: 0..<id.count, structure: "heap ID")
        try r.skip(1, "heap ID flags")
        switch (first >> 4) & 0x03 {
        case 0:
            let offset = try r.uint(width: offsetWidth, "heap offset")
            let lengthWidth = min((maxDirectBlockSize.trailingZeroBitCount + 7) / 8, Self.encodedWidth(maxManagedObjectSize))
            let length = try r.count(width: lengthWidth, maximum: maxDirectBlockSize, "object length")
            return try managed(offset: offset, length: length, image: image, budget: &budget)
        case 1:
            return try huge(&r, image: image, budget: &budget)
        case 2:
            let length = idLength <= 18 ? Int(first & 0x0F) + 1 : (Int(first & 0x0F) << 8 | Int(try r.u8("tiny length"))) + 1
            return try r.bytes(length, "tiny object")
        default:
            throw HDF5Error(.corrupt, "fractal heap at \(hex(address)): heap ID type 3 is reserved")
        }
    }

    /// libhdf5's `H5VM_limit_enc_size`: bytes needed for values up to `n`.
    private static func encodedWidth(_ n: Int) -> Int {
        n <= 0 ? 1 : (Int.bitWidth - n.leadingZeroBitCount - 1) / 8 + 1
    }

    private mutating func managed(offset: UInt64, length: Int, image: FileImage, budget: inout WorkBudget) throws -> [UInt8] {
        let (block, blockOffset, blockSize) = try locate(offset, image: image, budget: &budget)
        let headerSize = 5 + 8 + offsetWidth + (checksummedDirectBlocks ? 4 : 0)
        let inBlock = offset - blockOffset
        guard inBlock >= UInt64(headerSize), inBlock <= UInt64(blockSize), length <= blockSize - Int(inBlock) else {
            throw HDF5Error(.corrupt, "fractal heap at \(hex(address)): object at heap offset \(offset) (\(length) bytes) is outside the data of its \(blockSize)-byte direct block")
        }
        let range = try image.range(at: block, length: blockSize, "the direct block of the fractal heap at \(hex(address))")
        try budget.charge(length, "a fractal heap object")
        let start = range.lowerBound + Int(inBlock)
        return Array(image.bytes[start..<(start + length)])
    }

    /// The direct block holding heap offset `offset`: its address, heap offset and size.
    private mutating func locate(_ offset: UInt64, image: FileImage, budget: inout WorkBudget) throws -> (UInt64, UInt64, Int) {
        if currentRows == 0 {
            try checkDirectBlock(rootAddress, blockOffset: 0, size: startBlockSize, image: image, budget: &budget)
            return (rootAddress, 0, startBlockSize)
        }
        var visited: Set<UInt64> = []
        return try locate(offset, in: rootAddress, rows: currentRows, blockOffset: 0, depth: 0, image: image,
                          budget: &budget, visited: &visited)
    }

    /// The size of the blocks of doubling-table row `row`; throws when it overflows.
    private func rowBlockSize(_ row: Int) throws -> Int {
        guard row > 1 else { return startBlockSize }
        guard row - 1 < Int.bitWidth - 1 - startBlockSize.trailingZeroBitCount - 1 else {
            throw HDF5Error(.corrupt, "fractal heap at \(hex(address)): doubling-table row \(row) has blocks larger than any file")
        }
        return startBlockSize << (row - 1)
    }

    private mutating func locate(_ offset: UInt64, in block: UInt64, rows: Int, blockOffset: UInt64, depth: Int,
                                 image: FileImage, budget: inout WorkBudget, visited: inout Set<UInt64>) throws -> (UInt64, UInt64, Int) {
        guard depth <= 16, visited.insert(block).inserted else {
            throw HDF5Error(.corrupt, "fractal heap at \(hex(address)): indirect block \(hex(block)) is nested too deep or reached twice")
        }
        let addresses = try indirectBlock(block, rows: rows, blockOffset: blockOffset, image: image, budget: &budget)
        var start = blockOffset
        for row in 0..<rows {
            let span = try rowBlockSize(row)
            for column in 0..<tableWidth {
                let (end, overflow) = start.addingReportingOverflow(UInt64(span))
                if !overflow && offset >= start && offset < end {
                    let child = addresses[row * tableWidth + column]
                    guard child != .undefinedAddress else {
                        throw HDF5Error(.corrupt, "fractal heap at \(hex(address)): heap offset \(offset) lies in an unallocated block")
                    }
                    if row < maxDirectRows {
                        try checkDirectBlock(child, blockOffset: start, size: span, image: image, budget: &budget)
                        return (child, start, span)
                    }
                    // A child indirect block covers `span` bytes with rows of the same doubling table.
                    let firstRowBits = startBlockSize.trailingZeroBitCount + tableWidth.trailingZeroBitCount
                    let childRows = span.trailingZeroBitCount - firstRowBits + 1
                    guard childRows > 0, childRows < rows else {
                        throw HDF5Error(.corrupt, "fractal heap at \(hex(address)): an indirect block of \(childRows) rows inside one of \(rows)")
                    }
                    return try locate(offset, in: child, rows: childRows, blockOffset: start, depth: depth + 1,
                                      image: image, budget: &budget, visited: &visited)
                }
                start = end
            }
        }
        throw HDF5Error(.corrupt, "fractal heap at \(hex(address)): heap offset \(offset) is beyond the blocks of the indirect block at \(hex(block))")
    }

    /// The child block addresses of the indirect block at `block` (read and checked once).
    private mutating func indirectBlock(_ block: UInt64, rows: Int, blockOffset: UInt64, image: FileImage,
                                        budget: inout WorkBudget) throws -> [UInt64] {
        if let known = indirectBlocks[block] { return known }
        let entries = rows * tableWidth
        let size = 5 + 8 + offsetWidth + 8 * entries
        try budget.charge(size + 4, "the fractal heap indirect block at \(hex(block))")
        var r = try image.reader(at: block, length: size + 4, structure: "fractal heap indirect block")
        try r.signature("FHIB")
        try r.skip(1 + 8, "version and heap address")
        let storedOffset = try r.uint(width: offsetWidth, "block offset")
        guard storedOffset == blockOffset else {
            throw HDF5Error(.corrupt, "\(r.location): block offset \(storedOffset), expected \(blockOffset)")
        }
        var addresses: [UInt64] = []
        for _ in 0..<entries { addresses.append(try r.address("child block address")) }
        try Checksum.verifyLookup3(image.bytes, r.origin..<r.position, structure: "fractal heap indirect block")
        indirectBlocks[block] = addresses
        return addresses
    }

    private mutating func checkDirectBlock(_ block: UInt64, blockOffset: UInt64, size: Int, image: FileImage, budget: inout WorkBudget) throws {
        guard !checkedBlocks.contains(block) else { return }
        let headerSize = 5 + 8 + offsetWidth
        try budget.charge(checksummedDirectBlocks ? size : headerSize, "the fractal heap direct block at \(hex(block))")
        var r = try image.reader(at: block, length: size, structure: "fractal heap direct block")
        try r.signature("FHDB")
        try r.skip(1 + 8, "version and heap address")
        let storedOffset = try r.uint(width: offsetWidth, "block offset")
        guard storedOffset == blockOffset else {
            throw HDF5Error(.corrupt, "\(r.location): block offset \(storedOffset), expected \(blockOffset)")
        }
        guard checksummedDirectBlocks else { return }
        let stored = try r.u32("checksum")
        var copy = Array(image.bytes[r.origin..<(r.origin + size)])
        for i in headerSize..<(headerSize + 4) { copy[i] = 0 }
        let computed = Checksum.lookup3(copy, 0..<size)
        guard stored == computed else {
            throw HDF5Error(.checksumMismatch, "\(r.location): checksum \(hex(stored)) but the block hashes to \(hex(computed))")
        }
        checkedBlocks.insert(block)
    }

    /// A huge object: directly addressed in its ID, or found in the huge-object B-tree.
    private mutating func huge(_ r: inout ByteReader, image: FileImage, budget: inout WorkBudget) throws -> [UInt8] {
        if idLength >= 1 + 8 + 8 {
            let at = try r.address("huge object address")
            let length = try r.length(maximum: image.count, "huge object length")
            try budget.charge(length, "a huge fractal heap object")
            return Array(image.bytes[try image.range(at: at, length: length, "a huge fractal heap object")])
        }
        let idWidth = min(idLength - 1, 8)
        let wanted = try r.uint(width: idWidth, "huge object ID")
        let (_, records) = try BTreeV2.records(at: hugeBTreeAddress, expectedType: [1], image: image, budget: &budget)
        for record in records {
            var rr = image.reader(over: record, structure: "huge object record")
            let at = try rr.address("huge object address")
            let length = try rr.length(maximum: image.count, "huge object length")
            guard try rr.u64("huge object ID") == wanted else { continue }
            try budget.charge(length, "a huge fractal heap object")
            return Array(image.bytes[try image.range(at: at, length: length, "a huge fractal heap object")])
        }
        throw HDF5Error(.corrupt, "fractal heap at \(hex(address)): no huge object with ID \(wanted)")
    }
}
