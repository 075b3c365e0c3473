// Filter pipeline message (0x0B): the filters applied to each chunk, in write order.

/// One filter of a pipeline.
struct Filter: Sendable, Equatable {
    /// 1 deflate, 2 shuffle, 3 fletcher32; others are not decoded.
    let id: Int
    /// Bit 0: optional (the writer may have skipped it; the chunk's mask then says so).
    let flags: Int
    let name: String
    let clientData: [UInt32]

    /// The filter's common name, for messages.
    var displayName: String {
        switch id {
        case 1: return "deflate"
        case 2: return "shuffle"
        case 3: return "fletcher32"
        case 4: return "szip"
        case 5: return "nbit"
        case 6: return "scaleoffset"
        case 307: return "bzip2"
        case 32000: return "lzf"
        case 32001: return "blosc"
        case 32004: return "lz4"
        case 32015: return "zstd"
        default: return name.isEmpty ? "filter \(id)" : "\"\(name)\" (filter \(id))"
        }
    }
}

enum FilterPipelineMessage {
    static func parse(_ r: inout ByteReader) throws -> [Filter] {
        let version = try r.u8("filter pipeline version")
        let count = Int(try r.u8("filter count"))
        guard version == 1 || version == 2 else {
            throw HDF5Error(.unsupported, "\(r.location): filter pipeline message version \(version) (expected 1 or 2)")
        }
        guard count <= 32 else {
            throw HDF5Error(.corrupt, "\(r.location): \(count) filters (HDF5 allows at most 32)")
        }
        if version == 1 { try r.skip(6, "reserved bytes") }
        var filters: [Filter] = []
        for _ in 0..<count {
            let id = try r.u16("filter id")
            let nameLength = (version == 1 || id >= 256) ? try r.u16("filter name length") : 0
            let flags = try r.u16("filter flags")
            let valueCount = try r.u16("filter client value count")
            var name = ""
            if nameLength > 0 {
                let stored = version == 1 ? (paddedTo8(nameLength) ?? nameLength) : nameLength
                let bytes = try r.bytes(stored, "filter name")
                name = String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            var values: [UInt32] = []
            for _ in 0..<valueCount { values.append(try r.u32("filter client value")) }
            if version == 1 && valueCount % 2 == 1 { try r.skip(4, "client value padding") }
            filters.append(Filter(id: id, flags: flags, name: name, clientData: values))
        }
        return filters
    }
}
