// Global heap collections ("GCOL"): where variable-length strings live.

/// Parsed global heap collections, each scanned once.
struct GlobalHeap {
    let image: FileImage
    private var collections: [UInt64: [Int: Range<Int>]] = [:]

    init(image: FileImage) { self.image = image }

    /// The bytes of object `index` in the collection at `address`.
    mutating func object(collection address: UInt64, index: Int, budget: inout WorkBudget) throws -> Range<Int> {
        if collections[address] == nil {
            collections[address] = try Self.scan(address, image: image, budget: &budget)
        }
        guard let range = collections[address]?[index] else {
            throw HDF5Error(.corrupt, "global heap collection at \(hex(address)) has no object \(index)")
        }
        return range
    }

    private static func scan(_ address: UInt64, image: FileImage, budget: inout WorkBudget) throws -> [Int: Range<Int>] {
        var header = try image.reader(at: address, length: 16, structure: "global heap collection")
        try header.signature("GCOL")
        let version = try header.u8("global heap version")
        guard version == 1 else { throw HDF5Error(.unsupported, "\(header.location): global heap version \(version) (expected 1)") }
        try header.skip(3, "reserved bytes")
        let size = try header.length(maximum: image.count, "collection size")
        guard size >= 16 else { throw HDF5Error(.corrupt, "\(header.location): collection size \(size) is smaller than its header") }
        try budget.charge(size, "the global heap collection at \(hex(address))")
        var r = try image.reader(at: address, length: size, structure: "global heap collection")
        try r.skip(16, "collection header")
        var objects: [Int: Range<Int>] = [:]
        while r.remaining >= 16 {
            let index = try r.u16("object index")
            try r.skip(6, "reference count and reserved bytes")
            let declared = try r.u64("object size")
            if index == 0 { break }             // the free space: its size counts its own header
            guard declared <= UInt64(r.remaining) else {
                throw HDF5Error(.corrupt, "\(r.location): object \(index) declares \(declared) bytes but \(r.remaining) remain in the collection")
            }
            let objectSize = Int(declared)
            let data = try r.range(objectSize, "object data")
            guard objects.updateValue(data, forKey: index) == nil else {
                throw HDF5Error(.corrupt, "\(r.location): object index \(index) appears twice")
            }
            let padding = (paddedTo8(objectSize) ?? objectSize) - objectSize
            try r.skip(min(padding, r.remaining), "object padding")
        }
        return objects
    }
}
