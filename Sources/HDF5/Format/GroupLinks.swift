// The links of a group: a symbol table (v1 B-tree, symbol table nodes, local heap) for
// old-style groups; Link messages (compact) or a fractal heap with a v2 B-tree name index
// (dense) for new-style groups.

struct GroupLinks {
    let image: FileImage

    /// The group's hard links in the file's order (creation order when tracked, else by name).
    func links(symbolTable: HeaderMessage?, linkInfo: HeaderMessage?, linkMessages: [HeaderMessage],
               path: String, budget: inout WorkBudget) throws -> [Link] {
        var links: [Link] = []
        var tracksOrder = false
        do {
            if let message = symbolTable {
                var r = image.reader(over: message.body, structure: "symbol table message")
                let (btree, heapAddress) = try LinkMessages.symbolTable(&r)
                links += try symbolTableLinks(btree: btree, heapAddress: heapAddress, budget: &budget)
            }
            for message in linkMessages {
                var r = image.reader(over: message.body, structure: "link message")
                links.append(try LinkMessages.link(&r))
            }
            if let message = linkInfo {
                var r = image.reader(over: message.body, structure: "link info message")
                let info = try LinkMessages.linkInfo(&r)
                tracksOrder = info.tracksCreationOrder
                if info.heapAddress != .undefinedAddress {
                    links += try denseLinks(info, budget: &budget)
                }
            }
        } catch let error as HDF5Error {
            throw HDF5Error(error.kind, "\(path): \(error.message)")
        }
        var names: Set<String> = []
        for link in links where !names.insert(link.name).inserted {
            throw HDF5Error(.corrupt, "\(path): two links are called \"\(link.name)\"")
        }
        if tracksOrder && links.allSatisfy({ $0.creationOrder != nil }) {
            return links.sorted { a, b in
                a.creationOrder != b.creationOrder ? (a.creationOrder ?? 0) < (b.creationOrder ?? 0) : NameOrder.precedes(a.name, b.name)
            }
        }
        return links.sorted { NameOrder.precedes($0.name, $1.name) }
    }

    private func symbolTableLinks(btree: UInt64, heapAddress: UInt64, budget: inout WorkBudget) throws -> [Link] {
        let heap = try LocalHeap.read(at: heapAddress, image: image, budget: &budget)
        var links: [Link] = []
        var visitedNodes: Set<UInt64> = []
        for node in try BTreeV1.groupNodes(root: btree, image: image, budget: &budget) {
            guard visitedNodes.insert(node).inserted else {
                throw HDF5Error(.corrupt, "symbol table node \(hex(node)) is listed twice in the group B-tree")
            }
            for entry in try SymbolTableNode.entries(at: node, image: image, budget: &budget) {
                let name = try GroupNames.decode(try heap.name(at: entry.nameOffset, image: image, budget: &budget), "symbol table node at \(hex(node))")
                switch entry.cacheType {
                case 0, 1:
                    links.append(Link(name: name, address: entry.address, creationOrder: nil))
                case 2:
                    throw HDF5Error(.unsupported, "soft link \"\(name)\" (only hard links are followed)")
                default:
                    throw HDF5Error(.corrupt, "symbol table entry \"\(name)\" has cache type \(entry.cacheType) (expected 0, 1 or 2)")
                }
            }
        }
        return links
    }

    private func denseLinks(_ info: LinkInfo, budget: inout WorkBudget) throws -> [Link] {
        var heap = try FractalHeap.read(at: info.heapAddress, image: image, budget: &budget)
        let (_, records) = try BTreeV2.records(at: info.nameIndexAddress, expectedType: [5], image: image, budget: &budget)
        var links: [Link] = []
        for record in records {
            // Type 5 record: name hash (4), heap ID (the rest).
            guard record.count > 4 else { throw HDF5Error(.corrupt, "link name index records of \(record.count) bytes") }
            let id = image.bytes[(record.lowerBound + 4)..<record.upperBound]
            let body = try heap.object(id: id, image: image, budget: &budget)
            var r = ByteReader(body, range: 0..<body.count, structure: "dense link")
            links.append(try LinkMessages.link(&r))
        }
        return links
    }
}
