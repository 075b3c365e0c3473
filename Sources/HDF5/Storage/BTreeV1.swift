// Version 1 B-trees ("TREE"): node type 0 indexes an old-style group's symbol table nodes,
// node type 1 indexes the chunks of a chunked dataset. Symbol table nodes ("SNOD") too.

enum BTreeV1 {
    /// A B-tree deeper than this is never written (K >= 4 gives 8^32 leaves).
    static let maxLevel = 32

    /// A type-1 key: the chunk's stored size, filter mask and element offsets.
    struct ChunkKey {
        let size: Int
        let filterMask: UInt32
        let offsets: [Int]
    }

    /// The addresses of the symbol table nodes of a group B-tree, in key (name) order.
    static func groupNodes(root: UInt64, image: FileImage, budget: inout WorkBudget) throws -> [UInt64] {
        var out: [UInt64] = []
        var visited: Set<UInt64> = []
        try walk(root, expectedLevel: nil, nodeType: 0, keySize: 8, image: image, budget: &budget, visited: &visited) { _, child in
            out.append(child)
        }
        return out
    }

    /// The chunks of a chunk B-tree (dataset of rank `rank`): key and chunk address.
    static func chunks(root: UInt64, rank: Int, image: FileImage, budget: inout WorkBudget) throws -> [(ChunkKey, UInt64)] {
        var out: [(ChunkKey, UInt64)] = []
        var visited: Set<UInt64> = []
        let keySize = 8 + 8 * (rank + 1)
        try walk(root, expectedLevel: nil, nodeType: 1, keySize: keySize, image: image, budget: &budget, visited: &visited) { key, child in
            var r = key
            let size = Int(try r.u32("chunk size"))
            let mask = try r.u32("filter mask")
            var offsets: [Int] = []
            for _ in 0..<rank { offsets.append(try r.length(maximum: Int.max, "chunk offset")) }
            out.append((ChunkKey(size: size, filterMask: mask, offsets: offsets), child))
        }
        return out
    }

    /// Visits the leaf entries (left key, child address) under `address` in order.
    private static func walk(_ address: UInt64, expectedLevel: Int?, nodeType: UInt8, keySize: Int,
                             image: FileImage, budget: inout WorkBudget, visited: inout Set<UInt64>,
                             visit: (ByteReader, UInt64) throws -> Void) throws {
        guard visited.insert(address).inserted else {
            throw HDF5Error(.corrupt, "B-tree node at \(hex(address)) is reached twice (a cycle or shared subtree)")
        }
        var r = try image.reader(at: address, length: 24, structure: "B-tree node")
        try r.signature("TREE")
        let type = try r.u8("node type")
        guard type == nodeType else {
            throw HDF5Error(.corrupt, "\(r.location): node type \(type), expected \(nodeType) (\(nodeType == 0 ? "group" : "chunk") B-tree)")
        }
        let level = Int(try r.u8("node level"))
        guard level <= maxLevel, expectedLevel == nil || level == expectedLevel else {
            throw HDF5Error(.corrupt, "\(r.location): level \(level), expected \(expectedLevel.map(String.init) ?? "at most \(maxLevel)")")
        }
        let entries = try r.u16("entries used")
        let size = 24 + entries * (keySize + 8) + keySize
        try budget.charge(size, "the B-tree node at \(hex(address))")
        r = try image.reader(at: address, length: size, structure: "B-tree node")
        try r.skip(24, "node header")
        for _ in 0..<entries {
            let keyRange = try r.range(keySize, "key")
            let child = try r.address("child address")
            if level == 0 {
                try visit(image.reader(over: keyRange, structure: "B-tree key", origin: r.origin), child)
            } else {
                try walk(child, expectedLevel: level - 1, nodeType: nodeType, keySize: keySize,
                         image: image, budget: &budget, visited: &visited, visit: visit)
            }
        }
    }
}

/// An entry of a symbol table node: a link name (local heap offset) and its target.
struct SymbolTableEntry {
    let nameOffset: UInt64
    let address: UInt64
    let cacheType: UInt32
}

enum SymbolTableNode {
    static func entries(at address: UInt64, image: FileImage, budget: inout WorkBudget) throws -> [SymbolTableEntry] {
        var r = try image.reader(at: address, length: 8, structure: "symbol table node")
        try r.signature("SNOD")
        let version = try r.u8("symbol table node version")
        guard version == 1 else { throw HDF5Error(.unsupported, "\(r.location): symbol table node version \(version) (expected 1)") }
        try r.skip(1, "reserved byte")
        let count = try r.u16("number of symbols")
        try budget.charge(8 + 40 * count, "the symbol table node at \(hex(address))")
        r = try image.reader(at: address, length: 8 + 40 * count, structure: "symbol table node")
        try r.skip(8, "node header")
        var out: [SymbolTableEntry] = []
        for _ in 0..<count {
            let name = try r.u64("name offset")
            let target = try r.address("object header address")
            let cache = try r.u32("cache type")
            try r.skip(4 + 16, "reserved bytes and scratch pad")
            out.append(SymbolTableEntry(nameOffset: name, address: target, cacheType: cache))
        }
        return out
    }
}
