// Version 2 B-trees ("BTHD", "BTIN", "BTLF"): the name indexes of dense links (type 5) and
// dense attributes (type 8), and chunk indexes (types 10 and 11). Records are returned as file
// ranges; their meaning is the caller's.

enum BTreeV2 {
    static let maxDepth = 32

    /// All records of the B-tree whose header is at `address`, in key order.
    static func records(at address: UInt64, expectedType: Set<UInt8>, image: FileImage,
                        budget: inout WorkBudget) throws -> (type: UInt8, records: [Range<Int>]) {
        var r = try image.reader(at: address, length: 38, structure: "v2 B-tree header")
        try r.signature("BTHD")
        let version = try r.u8("version")
        guard version == 0 else { throw HDF5Error(.unsupported, "\(r.location): v2 B-tree version \(version) (expected 0)") }
        let type = try r.u8("B-tree type")
        guard expectedType.contains(type) else {
            throw HDF5Error(.corrupt, "\(r.location): B-tree type \(type), expected \(expectedType.sorted())")
        }
        let nodeSize = Int(try r.u32("node size"))
        let recordSize = try r.u16("record size")
        let depth = try r.u16("depth")
        try r.skip(2, "split and merge percentages")
        let root = try r.address("root node address")
        let rootRecords = try r.u16("records in root")
        _ = try r.u64("total records")
        try Checksum.verifyLookup3(image.bytes, r.position - 34..<r.position, structure: "v2 B-tree header")
        guard depth <= maxDepth else { throw HDF5Error(.limitExceeded, "\(r.location): depth \(depth) exceeds \(maxDepth)") }
        guard recordSize > 0, nodeSize > 10 + recordSize, nodeSize <= image.count else {
            throw HDF5Error(.corrupt, "\(r.location): node size \(nodeSize) and record size \(recordSize) are inconsistent with a \(image.count)-byte file")
        }
        if root == .undefinedAddress || rootRecords == 0 && depth == 0 { return (type, []) }
        let layout = try NodeLayout(nodeSize: nodeSize, recordSize: recordSize, depth: depth, r)
        var out: [Range<Int>] = []
        var visited: Set<UInt64> = []
        try node(root, records: rootRecords, depth: depth, layout: layout, type: type, image: image,
                 budget: &budget, visited: &visited, into: &out)
        return (type, out)
    }

    /// Field widths of internal nodes, as libhdf5 derives them from the node and record sizes.
    private struct NodeLayout {
        let recordSize: Int
        let nodeSize: Int
        /// Bytes of a child's record count (from the leaf capacity, the largest per node).
        let countWidth: Int
        /// Bytes of a child's total-records field, per child depth (0 for leaves).
        let totalWidths: [Int]
        let maxRecords: [Int]

        init(nodeSize: Int, recordSize: Int, depth: Int, _ r: ByteReader) throws {
            self.nodeSize = nodeSize
            self.recordSize = recordSize
            func width(_ n: Int) -> Int { n <= 0 ? 1 : (Int.bitWidth - n.leadingZeroBitCount - 1) / 8 + 1 }
            let leafMax = (nodeSize - 10) / recordSize
            countWidth = width(leafMax)
            var cumulative = [leafMax], totals = [0], maxima = [leafMax]
            if depth >= 1 {
                for d in 1...depth {
                    let pointer = 8 + countWidth + totals[d - 1]
                    let capacity = (nodeSize - (10 + pointer)) / (recordSize + pointer)
                    guard capacity > 0 else {
                        throw HDF5Error(.corrupt, "\(r.location): internal nodes of \(nodeSize) bytes cannot hold a record at depth \(d)")
                    }
                    let (a, o1) = (capacity + 1).multipliedReportingOverflow(by: cumulative[d - 1])
                    let (total, o2) = a.addingReportingOverflow(capacity)
                    guard !o1, !o2 else { throw HDF5Error(.limitExceeded, "\(r.location): depth \(depth) is too deep for \(nodeSize)-byte nodes") }
                    cumulative.append(total)
                    totals.append(width(total))
                    maxima.append(capacity)
                }
            }
            totalWidths = totals
            maxRecords = maxima
        }
    }

    private static func node(_ address: UInt64, records count: Int, depth: Int, layout: NodeLayout, type: UInt8,
                             image: FileImage, budget: inout WorkBudget, visited: inout Set<UInt64>,
                             into out: inout [Range<Int>]) throws {
        guard visited.insert(address).inserted else {
            throw HDF5Error(.corrupt, "v2 B-tree node at \(hex(address)) is reached twice (a cycle)")
        }
        guard count <= layout.maxRecords[depth] else {
            throw HDF5Error(.corrupt, "v2 B-tree node at \(hex(address)) claims \(count) records; at most \(layout.maxRecords[depth]) fit")
        }
        try budget.charge(layout.nodeSize, "the v2 B-tree node at \(hex(address))")
        var r = try image.reader(at: address, length: layout.nodeSize, structure: depth == 0 ? "v2 B-tree leaf" : "v2 B-tree internal node")
        try r.signature(depth == 0 ? "BTLF" : "BTIN")
        _ = try r.u8("version")
        let nodeType = try r.u8("B-tree type")
        guard nodeType == type else { throw HDF5Error(.corrupt, "\(r.location): node type \(nodeType) in a B-tree of type \(type)") }
        var records: [Range<Int>] = []
        for _ in 0..<count { records.append(try r.range(layout.recordSize, "record")) }
        if depth == 0 {
            try Checksum.verifyLookup3(image.bytes, r.origin..<r.position, structure: "v2 B-tree leaf")
            out += records
            return
        }
        var children: [(UInt64, Int)] = []
        for _ in 0...count {
            let child = try r.address("child address")
            let childRecords = try r.count(width: layout.countWidth, maximum: Int.max, "child record count")
            try r.skip(layout.totalWidths[depth - 1], "child total records")
            children.append((child, childRecords))
        }
        try Checksum.verifyLookup3(image.bytes, r.origin..<r.position, structure: "v2 B-tree internal node")
        for (i, (child, childRecords)) in children.enumerated() {
            try node(child, records: childRecords, depth: depth - 1, layout: layout, type: type, image: image,
                     budget: &budget, visited: &visited, into: &out)
            if i < records.count { out.append(records[i]) }
        }
    }
}
