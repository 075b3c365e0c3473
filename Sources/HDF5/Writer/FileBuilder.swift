// Laying out the file: superblock version 0, global heap collections for variable-length
// strings, then every object depth first (children before parents), each group as a symbol
// table (local heap of names, symbol table nodes, a v1 B-tree of any depth). The recipe of
// spec section 10, which h5py, libhdf5 and Keras read.

struct FileBuilder {
    private var out = ByteWriter()
    private var strings: [String: (collection: UInt64, index: Int)] = [:]
    static let leafK = 4       // a symbol table node holds 2K = 8 entries
    static let nodeK = 16      // a B-tree node holds 2K = 32 children
    static let collectionSize = 4096

    mutating func build(_ root: HDF5Writer.Group) throws -> [UInt8] {
        out.bytes = [UInt8](repeating: 0, count: 96)          // superblock, patched at the end
        var pending: [String] = [], seen: Set<String> = []
        collectStrings(root, into: &pending, seen: &seen)
        writeGlobalHeaps(pending)
        let (header, btree, heap) = try writeGroup(root)
        out.pad8()
        var sb = ByteWriter()
        sb.append(Superblock.signature)
        sb.append([0, 0, 0, 0, 0, 8, 8, 0])
        sb.u16(Self.leafK)
        sb.u16(Self.nodeK)
        sb.u32(0)
        sb.u64(0)                                  // base address
        sb.u64(.undefinedAddress)                  // free-space info
        sb.u64(UInt64(out.bytes.count))            // end of file
        sb.u64(.undefinedAddress)                  // driver info
        sb.u64(0)                                  // root entry: name offset
        sb.u64(header)
        sb.u32(1)                                  // cache type 1: group with B-tree and heap
        sb.u32(0)
        sb.u64(btree)
        sb.u64(heap)
        out.bytes.replaceSubrange(0..<96, with: sb.bytes)
        return out.bytes
    }

    /// Appends `data` at the next multiple of 8 and returns its address.
    private mutating func allocate(_ data: [UInt8]) -> UInt64 {
        out.pad8()
        let address = UInt64(out.bytes.count)
        out.append(data)
        return address
    }

    private func sortedChildren(_ group: HDF5Writer.Group) -> [(String, HDF5Writer.Group.Child)] {
        group.childNames.compactMap { name in group.children[name].map { (name, $0) } }
    }

    private func collectStrings(_ group: HDF5Writer.Group, into pending: inout [String], seen: inout Set<String>) {
        func add(_ attributes: [HDF5Attribute]) {
            for a in attributes {
                guard case .variableString = a.datatype, case .strings(let v) = a.value else { continue }
                for s in v where seen.insert(s).inserted { pending.append(s) }
            }
        }
        add(group.attributes.items)
        for (_, child) in sortedChildren(group) {
            switch child {
            case .group(let g): collectStrings(g, into: &pending, seen: &seen)
            case .dataset(let d):
                add(d.attributes.items)
                if case .strings(let v) = d.payload {
                    for s in v where seen.insert(s).inserted { pending.append(s) }
                }
            }
        }
    }

    /// Packs every string into collections of 4096 bytes (larger when one string needs it).
    private mutating func writeGlobalHeaps(_ pending: [String]) {
        var i = 0
        while i < pending.count {
            var objects: [[UInt8]] = []
            var size = 16
            while i < pending.count {
                let bytes = Array(pending[i].utf8)
                let need = 16 + (bytes.count + 7) / 8 * 8
                if !objects.isEmpty && size + need > Self.collectionSize - 16 { break }
                objects.append(bytes)
                size += need
                i += 1
            }
            let total = max(Self.collectionSize, size + 16)
            var w = ByteWriter()
            w.append(Array("GCOL".utf8))
            w.append([1, 0, 0, 0])
            w.u64(UInt64(total))
            for (k, bytes) in objects.enumerated() {
                w.u16(k + 1)
                w.u16(0)
                w.u32(0)
                w.u64(UInt64(bytes.count))
                w.append(bytes)
                w.pad8()
            }
            let free = total - w.bytes.count
            if free >= 16 {                       // object 0: the free space, counting its own header
                w.u16(0)
                w.u16(0)
                w.u32(0)
                w.u64(UInt64(free))
            }
            w.append([UInt8](repeating: 0, count: total - w.bytes.count))
            let address = allocate(w.bytes)
            for (k, bytes) in objects.enumerated() {
                strings[String(decoding: bytes, as: UTF8.self)] = (address, k + 1)
            }
        }
    }

    private func reference(_ s: String) throws -> [UInt8] {
        guard let (collection, index) = strings[s] else {
            throw HDF5Error(.invalidArgument, "internal: the string \"\(s)\" was not placed in a global heap")
        }
        var w = ByteWriter()
        w.u32(s.utf8.count)
        w.u64(collection)
        w.u32(index)
        return w.bytes
    }

    private func attributeMessages(_ list: AttributeList) throws -> [(type: Int, body: [UInt8], flags: UInt8)] {
        try list.items.map { a in
            let count = try Dataspace.elementCount(a.shape)
            let data = try ElementEncoding.encode(a.value, as: a.datatype, count: count, reference: reference)
            return (MessageType.attribute, MessageEncoding.attribute(name: a.name, datatype: a.datatype, shape: a.shape, data: data), 0)
        }
    }

    private mutating func writeDataset(_ d: HDF5Writer.Dataset) throws -> UInt64 {
        let data: [UInt8]
        switch d.payload {
        case .raw(let bytes): data = bytes
        case .strings(let v): data = try v.flatMap { try reference($0) }
        }
        let address = data.isEmpty ? UInt64.undefinedAddress : allocate(data)
        let messages: [(type: Int, body: [UInt8], flags: UInt8)] = [
            (MessageType.dataspace, MessageEncoding.dataspace(d.shape), 0),
            (MessageType.datatype, MessageEncoding.datatype(d.datatype), 1),
            (MessageType.fillValue, MessageEncoding.fillValue, 1),
            (MessageType.layout, MessageEncoding.contiguousLayout(address: address, size: data.count), 0),
        ] + (try attributeMessages(d.attributes))
        return allocate(try MessageEncoding.objectHeader(messages))
    }

    /// Writes a group and everything under it; returns its header, B-tree and heap addresses.
    private mutating func writeGroup(_ group: HDF5Writer.Group) throws -> (UInt64, UInt64, UInt64) {
        var entries: [(name: [UInt8], header: UInt64, cache: (UInt64, UInt64)?)] = []
        for (name, child) in sortedChildren(group) {
            switch child {
            case .group(let g):
                let (header, btree, heap) = try writeGroup(g)
                entries.append((Array(name.utf8), header, (btree, heap)))
            case .dataset(let d):
                entries.append((Array(name.utf8), try writeDataset(d), nil))
            }
        }
        // Local heap: offset 0 holds the empty string, then each name NUL-terminated, padded to 8.
        var heapData = ByteWriter()
        heapData.append([UInt8](repeating: 0, count: 8))
        var offsets: [UInt64] = []
        for entry in entries {
            offsets.append(UInt64(heapData.bytes.count))
            heapData.append(entry.name + [0])
            heapData.pad8()
        }
        let heapDataAddress = allocate(heapData.bytes)
        var heapHeader = ByteWriter()
        heapHeader.append(Array("HEAP".utf8) + [0, 0, 0, 0])
        heapHeader.u64(UInt64(heapData.bytes.count))
        heapHeader.u64(1)                                   // no free block
        heapHeader.u64(heapDataAddress)
        let heapAddress = allocate(heapHeader.bytes)

        // Symbol table nodes of up to 2K entries, full size, sorted by name.
        let capacity = 2 * Self.leafK
        var nodes: [(address: UInt64, lastKey: UInt64)] = []
        for start in stride(from: 0, to: max(entries.count, 1), by: capacity) {
            let slice = entries.isEmpty ? [] : Array(start..<min(start + capacity, entries.count))
            var w = ByteWriter()
            w.append(Array("SNOD".utf8) + [1, 0])
            w.u16(slice.count)
            for i in slice {
                w.u64(offsets[i])
                w.u64(entries[i].header)
                if let (btree, heap) = entries[i].cache {
                    w.u32(1)
                    w.u32(0)
                    w.u64(btree)
                    w.u64(heap)
                } else {
                    w.append([UInt8](repeating: 0, count: 24))
                }
            }
            w.append([UInt8](repeating: 0, count: 8 + capacity * 40 - w.bytes.count))
            nodes.append((allocate(w.bytes), slice.last.map { offsets[$0] } ?? 0))
        }
        let btree = writeBTree(nodes)
        let messages = [(type: MessageType.symbolTable, body: Self.symbolTableBody(btree, heapAddress), flags: UInt8(0))]
            + (try attributeMessages(group.attributes))
        return (allocate(try MessageEncoding.objectHeader(messages)), btree, heapAddress)
    }

    private static func symbolTableBody(_ btree: UInt64, _ heap: UInt64) -> [UInt8] {
        var w = ByteWriter()
        w.u64(btree)
        w.u64(heap)
        return w.bytes
    }

    /// Group B-tree levels over `children` (address, heap offset of the last name below); returns the root.
    private mutating func writeBTree(_ leaves: [(address: UInt64, lastKey: UInt64)]) -> UInt64 {
        var children = leaves
        var level = 0
        let fanout = 2 * Self.nodeK
        while true {
            var nodes: [(address: UInt64, lastKey: UInt64)] = []
            for start in stride(from: 0, to: children.count, by: fanout) {
                let chunk = children[start..<min(start + fanout, children.count)]
                var w = ByteWriter()
                w.append(Array("TREE".utf8) + [0, UInt8(level)])
                w.u16(chunk.count)
                w.u64(.undefinedAddress)
                w.u64(.undefinedAddress)
                w.u64(start == 0 ? 0 : children[start - 1].lastKey)
                for child in chunk {
                    w.u64(child.address)
                    w.u64(child.lastKey)
                }
                w.append([UInt8](repeating: 0, count: 24 + (2 * fanout + 1) * 8 - w.bytes.count))
                nodes.append((allocate(w.bytes), chunk.last?.lastKey ?? 0))
            }
            for i in nodes.indices {                 // link siblings on this level
                let at = Int(nodes[i].address)
                if i > 0 { patch(at + 8, nodes[i - 1].address) }
                if i + 1 < nodes.count { patch(at + 16, nodes[i + 1].address) }
            }
            if nodes.count == 1 { return nodes[0].address }
            children = nodes
            level += 1
        }
    }

    private mutating func patch(_ offset: Int, _ value: UInt64) {
        for k in 0..<8 { out.bytes[offset + k] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(k))) }
    }
}
