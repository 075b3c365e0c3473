// An object's attributes: Attribute messages in its header (compact storage) and, when an
// Attribute Info message points to one, a fractal heap indexed by a v2 B-tree (dense storage).

struct AttributeReader {
    let image: FileImage

    func attributes(messages: [HeaderMessage], info: HeaderMessage?, header: ObjectHeader, path: String,
                    budget: inout WorkBudget, heap: inout GlobalHeap) throws -> [HDF5Attribute] {
        var found: [(order: Int?, attribute: HDF5Attribute)] = []
        var names: Set<String> = []
        func add(_ raw: RawAttribute, order: Int?) throws {
            guard names.insert(raw.name).inserted else {
                throw HDF5Error(.corrupt, "\(path): two attributes are called \"\(raw.name)\"")
            }
            let value = try ElementDecoding.decode(image.bytes, raw.data, type: raw.type, count: raw.space.count,
                                                   heap: &heap, budget: &budget)
            found.append((order, HDF5Attribute(name: raw.name, datatype: raw.type.datatype, shape: raw.space.shape, value: value)))
        }
        do {
            for message in messages {
                var r = image.reader(over: message.body, structure: "attribute message")
                try add(try AttributeMessage.parse(&r), order: message.creationOrder)
            }
            if let info = info {
                var r = image.reader(over: info.body, structure: "attribute info message")
                let attributeInfo = try LinkMessages.attributeInfo(&r)
                if attributeInfo.heapAddress != .undefinedAddress {
                    var fractalHeap = try FractalHeap.read(at: attributeInfo.heapAddress, image: image, budget: &budget)
                    let (_, records) = try BTreeV2.records(at: attributeInfo.nameIndexAddress, expectedType: [8],
                                                           image: image, budget: &budget)
                    for record in records {
                        // Type 8 record: heap ID (8), flags (1), creation order (4), name hash (4).
                        guard record.count >= 17 else {
                            throw HDF5Error(.corrupt, "attribute name index records of \(record.count) bytes (expected 17)")
                        }
                        var rr = image.reader(over: record, structure: "attribute index record")
                        let id = image.bytes[try rr.range(8, "heap ID")]
                        let flags = try rr.u8("record flags")
                        let order = Int(try rr.u32("creation order"))
                        guard flags & 0x01 == 0 else { throw HDF5Error(.unsupported, "shared attributes in dense storage") }
                        let body = try fractalHeap.object(id: id, image: image, budget: &budget)
                        var br = ByteReader(body, range: 0..<body.count, structure: "dense attribute")
                        let raw = try AttributeMessage.parse(&br)
                        // The raw data range refers to `body`, not the file: decode from it.
                        guard names.insert(raw.name).inserted else {
                            throw HDF5Error(.corrupt, "two attributes are called \"\(raw.name)\"")
                        }
                        let value = try ElementDecoding.decode(body, raw.data, type: raw.type, count: raw.space.count,
                                                               heap: &heap, budget: &budget)
                        found.append((order, HDF5Attribute(name: raw.name, datatype: raw.type.datatype, shape: raw.space.shape, value: value)))
                    }
                }
            }
        } catch let error as HDF5Error where !error.message.hasPrefix(path) {
            throw HDF5Error(error.kind, "\(path): \(error.message)")
        }
        if header.tracksAttributeOrder && found.allSatisfy({ $0.order != nil }) {
            return found.sorted { a, b in
                a.order != b.order ? (a.order ?? 0) < (b.order ?? 0) : NameOrder.precedes(a.attribute.name, b.attribute.name)
            }.map(\.attribute)
        }
        return found.map(\.attribute).sorted { NameOrder.precedes($0.name, $1.name) }
    }
}

/// HDF5's name order: byte-wise comparison of the UTF-8 names (what `strcmp` gives).
enum NameOrder {
    static func precedes(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }
}
