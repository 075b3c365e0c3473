// Local heaps ("HEAP"): the names of an old-style group's links.

struct LocalHeap {
    /// The file range of the data segment.
    let data: Range<Int>
    let address: UInt64

    static func read(at address: UInt64, image: FileImage, budget: inout WorkBudget) throws -> LocalHeap {
        var r = try image.reader(at: address, length: 32, structure: "local heap")
        try r.signature("HEAP")
        let version = try r.u8("local heap version")
        guard version == 0 else { throw HDF5Error(.unsupported, "\(r.location): local heap version \(version) (expected 0)") }
        try r.skip(3, "reserved bytes")
        let size = try r.length(maximum: image.count, "data segment size")
        try r.skip(8, "free list offset")
        let dataAddress = try r.address("data segment address")
        let data = try image.range(at: dataAddress, length: size, "the data segment of the local heap at \(hex(address))")
        try budget.charge(32, "the local heap at \(hex(address))")
        return LocalHeap(data: data, address: address)
    }

    /// The NUL-terminated name at `offset` in the data segment.
    func name(at offset: UInt64, image: FileImage, budget: inout WorkBudget) throws -> ArraySlice<UInt8> {
        guard offset < UInt64(data.count) else {
            throw HDF5Error(.corrupt, "local heap at \(hex(address)): name offset \(offset) is outside its \(data.count)-byte data segment")
        }
        let start = data.lowerBound + Int(offset)
        let end = image.bytes[start..<data.upperBound].firstIndex(of: 0)
        try budget.charge((end ?? data.upperBound) - start + 1, "a name in the local heap at \(hex(address))")
        guard let end else {
            throw HDF5Error(.corrupt, "local heap at \(hex(address)): the name at offset \(offset) has no terminating NUL")
        }
        return image.bytes[start..<end]
    }
}
